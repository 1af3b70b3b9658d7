import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseYaml } from '../../core/ingest/yaml-source.js';
import type { CorpusSettings } from '../../core/model.js';

let cached: { file: string; mtimeMs: number; size: number; src: ReturnType<typeof parseYaml> } | undefined;

/**
 * Where a field of the consultation stands in the file it came from (the config's consultation
 * file, or the `consultation:` block of an input), so that a problem found at report time points
 * at the line to fix. Undefined when the origin is unknown or the file has gone.
 */
export function consultationPlace(origin: CorpusSettings['consultation'], path: (string | number)[], root = process.cwd()): { file: string; line: number; col: number } | undefined {
  if (!origin || origin.path.startsWith('dialog:')) return undefined;
  const file = resolve(root, origin.path);
  if (!existsSync(file)) return undefined;
  // Parsed once per file and version: a report with thousands of problems asks for each one's place.
  const { mtimeMs, size } = statSync(file);
  if (cached?.file !== file || cached.mtimeMs !== mtimeMs || cached.size !== size) cached = { file, mtimeMs, size, src: parseYaml(origin.path, readFileSync(file, 'utf8')) };
  const src = cached.src;
  return { file: origin.path, ...src.locate(origin.input ? ['consultation', ...path] : path) };
}
