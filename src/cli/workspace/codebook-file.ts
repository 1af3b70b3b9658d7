import { checkCodebook, CompiledCodebook, type Codebook } from '../../core/classify/codebook.js';
import type { Consultation } from '../../core/model.js';
import { displayPath } from '../files/paths.js';
import { DEFAULT_CODEBOOK, loadYamlFile } from './workspace.js';

/** Loads, validates and compiles a codebook; every problem is reported with its position. */
export function loadCodebook(path: string): CompiledCodebook {
  const book = loadYamlFile<Codebook>(path, 'codebook', checkCodebook, 'no such codebook; check the path given to --codebook or in dialog.config.yaml');
  return new CompiledCodebook(book);
}

/**
 * A codebook written for one consultation finds that consultation's themes: used for another, it
 * misses theirs and reports its own. The warning, when the responses' consultation is not the
 * codebook's (or they name none), else undefined.
 */
export function foreignCodebook(book: CompiledCodebook, path: string, consultation: Pick<Consultation, 'id'> | undefined): string | undefined {
  const written = book.source.consultation;
  if (!written || consultation?.id === written) return undefined;
  const these = consultation ? `this consultation is "${consultation.id}"` : 'these responses name no consultation';
  return (
    `warning: ${path === DEFAULT_CODEBOOK ? "dialog's default codebook" : `the codebook ${displayPath(path)}`} was written for the consultation "${written}", but ${these}: its themes are that consultation's, not necessarily yours. ` +
    'Start your own with `dialog codebook init` (then `codebook: codebook.yaml` in dialog.config.yaml), or write `consultation:` in the codebook if it fits'
  );
}
