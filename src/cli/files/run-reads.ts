import type { RunRead } from './fsx.js';
import type { Workspace } from '../workspace/workspace.js';

/**
 * The files besides the inputs that a run reads, each with what it is to the run, so that no
 * output replaces one of them (outputGuard). Paths that the run does not use may be left out.
 */
export function runReads(
  ws: Workspace,
  files: { codebook?: string; register?: string; corpus?: string; templates?: string[]; manifest?: string },
): RunRead[] {
  const reads: RunRead[] = [];
  if (ws.configPath) reads.push({ path: ws.configPath, role: 'the workspace config' });
  if (ws.review) reads.push({ path: ws.review, role: 'the review file' });
  if (ws.audit) reads.push({ path: ws.audit, role: 'the audit file' });
  if (files.codebook) reads.push({ path: files.codebook, role: 'the codebook' });
  if (files.register) reads.push({ path: files.register, role: 'the register' });
  if (files.corpus) reads.push({ path: files.corpus, role: 'the corpus' });
  if (files.manifest) reads.push({ path: files.manifest, role: 'the manifest' });
  for (const t of files.templates ?? []) reads.push({ path: t, role: 'the template' });
  return reads;
}
