import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { diag, InputError } from '../../core/diagnostics.js';
import { parseAuditFile, type AuditFile } from '../../core/audit/audit-file.js';
import { displayPath } from '../files/paths.js';
import { printDiagnostics } from '../output.js';
import { settingPath, type Workspace } from './workspace.js';

/** The codebook as an audit records it: its path in the workspace and the hash of its bytes. */
export function codebookStamp(path: string): { path: string; sha256: string } {
  return { path: settingPath(path), sha256: createHash('sha256').update(readFileSync(path)).digest('hex') };
}

/**
 * The workspace's scored audit (`audit:` in dialog.config.yaml), when it measured the codebook in
 * use: an audit of another version of the codebook says nothing of this one's errors, so it is
 * left out, with a warning, and the report gives no intervals.
 */
export function loadAudit(ws: Workspace, codebookPath: string, quiet = false): AuditFile | undefined {
  if (!ws.audit) return undefined;
  const shown = displayPath(ws.audit);
  if (!existsSync(ws.audit)) {
    printDiagnostics([diag(shown, 0, 0, 'the audit file named in dialog.config.yaml does not exist yet: the report gives no intervals (`dialog audit sample`, then `dialog audit score`, writes it)', 'notice')], quiet);
    return undefined;
  }
  const { audit, diagnostics } = parseAuditFile(shown, readFileSync(ws.audit, 'utf8'));
  if (!audit) throw new InputError(diagnostics);
  const now = codebookStamp(codebookPath);
  if (audit.codebook.sha256 !== now.sha256) {
    printDiagnostics([diag(shown, 0, 0, `the audit measured ${audit.codebook.path} as it was on ${audit.date}, and ${now.path} has changed since: the report gives no intervals until the codebook is audited again (\`dialog audit sample\`, \`dialog audit score\`)`, 'warning')], quiet);
    return undefined;
  }
  return audit;
}
