import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkCodebook, CompiledCodebook, type Codebook } from '../../core/classify/codebook.js';
import type { Consultation } from '../../core/model.js';
import { displayPath } from '../files/paths.js';
import { DEFAULT_CODEBOOK, loadYamlFile, yamlFromText } from './workspace.js';

/**
 * Codebooks compiled in this process, by path and content: a process that runs several commands
 * (`diff` reads two sides, the tests run hundreds in one process) parses, validates and compiles
 * the same file once, and its word caches stay warm. Keyed by the file's text, so an edited file
 * is read again; a compiled codebook is never changed by its users, only its caches filled.
 */
const compiled = new Map<string, CompiledCodebook>();
const COMPILED_KEPT = 4;

/** Loads, validates and compiles a codebook; every problem is reported with its position. */
export function loadCodebook(path: string): CompiledCodebook {
  const text = regularFileText(path);
  // Missing, a folder, a pipe: loadYamlFile says what is wrong.
  if (text === undefined) return new CompiledCodebook(loadYamlFile<Codebook>(path, 'codebook', checkCodebook, MISSING));
  const key = `${resolve(path)}\u0000${text}`;
  const kept = compiled.get(key);
  if (kept) return kept;
  const book = new CompiledCodebook(yamlFromText<Codebook>(displayPath(path), text, 'codebook', checkCodebook));
  if (compiled.size >= COMPILED_KEPT) compiled.delete(compiled.keys().next().value!);
  compiled.set(key, book);
  return book;
}

const MISSING = 'no such codebook; check the path given to --codebook or in dialog.config.yaml';

/** The text of a regular file, read once, or undefined. */
function regularFileText(path: string): string | undefined {
  try {
    return statSync(path).isFile() ? readFileSync(path, 'utf8') : undefined;
  } catch {
    return undefined;
  }
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
