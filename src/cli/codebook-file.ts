import { existsSync, readFileSync } from 'node:fs';
import { checkCodebook, CompiledCodebook, type Codebook } from '../core/codebook.js';
import { diag, InputError } from '../core/diagnostics.js';
import { validator } from '../core/schemas.js';
import { parseYaml, validateYaml } from '../core/yaml-source.js';
import { displayPath } from './fsx.js';

/** Loads, validates and compiles a codebook; every problem is reported with its position. */
export function loadCodebook(path: string): CompiledCodebook {
  const shown = displayPath(path);
  if (!existsSync(path)) throw new InputError([diag(shown, 0, 0, 'no such codebook; check the path given to --codebook or in dialog.config.yaml')]);
  const text = readFileSync(path, 'utf8');
  if (!text.trim()) throw new InputError([diag(shown, 1, 1, 'the codebook is empty; see the README, "The codebook"')]);
  const src = parseYaml(shown, text);
  const problems = src.diagnostics.filter((d) => d.severity === 'error');
  if (!problems.length) problems.push(...validateYaml(shown, src, validator('codebook')));
  if (!problems.length)
    for (const p of checkCodebook(src.data as Codebook)) {
      const { line, col } = src.locate(p.path);
      problems.push(diag(shown, line, col, p.message));
    }
  if (problems.length) throw new InputError(problems);
  return new CompiledCodebook(src.data as Codebook);
}
