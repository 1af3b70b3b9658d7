import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { diag, InputError } from '../../core/diagnostics.js';
import { writeFileAtomic } from '../files/fsx.js';
import { displayPath } from '../files/paths.js';
import { message } from '../output.js';
import { CODEBOOK_TEXT, CONFIG_TEXT, CONSULTATION_TEXT, REGISTER_TEXT } from '../workspace/starter-files.js';
import { CONFIG_FILE } from '../workspace/workspace.js';

/**
 * Writes a new workspace: dialog.config.yaml, the consultation (remiss.yaml), a starter codebook,
 * an empty register and an empty remissvar/ folder. No example response: every fact in a
 * report must come from the analyst's own files.
 */
export function init(folder: string | undefined, opts: { quiet?: boolean }): void {
  const root = resolve(folder ?? '.');
  const files: [string, string][] = [
    [join(root, CONFIG_FILE), CONFIG_TEXT],
    [join(root, 'remiss.yaml'), CONSULTATION_TEXT],
    [join(root, 'codebook.yaml'), CODEBOOK_TEXT],
    [join(root, 'register.yaml'), REGISTER_TEXT],
  ];
  if (existsSync(files[0][0])) throw new InputError([diag(displayPath(files[0][0]), 0, 0, 'a workspace is already here; nothing was written (edit it, or choose another folder)')]);
  const inputs = join(root, 'remissvar');
  const problems = files.filter(([f]) => existsSync(f)).map(([f]) => diag(displayPath(f), 0, 0, 'already exists; nothing was written (move it away, or choose another folder)'));
  if (existsSync(inputs) && readdirSync(inputs).length)
    problems.push(diag(displayPath(inputs), 0, 0, 'this folder already holds files; nothing was written (choose another folder)'));
  if (problems.length) throw new InputError(problems);
  mkdirSync(inputs, { recursive: true });
  // The config last: a workspace is there only when all its files are.
  for (const [f, text] of files.slice(1)) writeFileAtomic(f, text);
  writeFileAtomic(files[0][0], files[0][1]);
  if (!opts.quiet) {
    const at = (name: string) => displayPath(join(root, name));
    message(
      [
        `wrote ${files.map(([f]) => displayPath(f)).join(', ')} and the folder ${at('remissvar')}/`,
        'next:',
        `  1. describe your consultation in ${at('remiss.yaml')}`,
        `  2. put the remissvar (PDF, Word, spreadsheets, YAML) in ${at('remissvar')}/`,
        `  3. ${root === process.cwd() ? '' : `cd ${displayPath(root)} && `}dialog ingest && dialog themes && dialog report --all`,
        `  your themes go in ${at('codebook.yaml')}, your respondents' official names in ${at('register.yaml')}`,
      ].join('\n'),
    );
  }
}
