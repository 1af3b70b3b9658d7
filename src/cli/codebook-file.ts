import { checkCodebook, CompiledCodebook, type Codebook } from '../core/classify/codebook.js';
import { loadYamlFile } from './workspace.js';

/** Loads, validates and compiles a codebook; every problem is reported with its position. */
export function loadCodebook(path: string): CompiledCodebook {
  const book = loadYamlFile<Codebook>(path, 'codebook', checkCodebook, 'no such codebook; check the path given to --codebook or in dialog.config.yaml');
  return new CompiledCodebook(book);
}
