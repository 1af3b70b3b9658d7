import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Source } from '../core/model.js';
import { append } from '../core/diagnostics.js';
import { displayPath, expandInputs, writeFileAtomic } from './fsx.js';
import { STDIN_NAME } from './load-inputs.js';
import { findSidecar } from './sidecars.js';

/**
 * A corpus follows its inputs: a stamp beside it records each source's size and modification
 * time when it was built, so that a later command notices an edited, deleted or new input by
 * its size and time first, and reads a file's content (its hash) only when the time differs.
 * The stamp is separate from the corpus because times differ between copies of one workspace,
 * and the corpus must not.
 */
interface Stamp {
  [path: string]: { size: number; mtimeMs: number };
}

const stampPath = (corpusPath: string) => join(dirname(corpusPath), `.${basename(corpusPath)}.stamp`);

export function writeStamp(corpusPath: string, sources: Source[], root = process.cwd()): void {
  const stamp: Stamp = {};
  for (const s of sources) {
    if (s.path === STDIN_NAME) continue;
    const file = resolve(root, s.path);
    if (!existsSync(file)) continue;
    const st = statSync(file);
    stamp[s.path] = { size: st.size, mtimeMs: st.mtimeMs };
  }
  writeFileAtomic(stampPath(corpusPath), JSON.stringify(stamp) + '\n');
}

function readStamp(corpusPath: string): Stamp {
  try {
    return JSON.parse(readFileSync(stampPath(corpusPath), 'utf8')) as Stamp;
  } catch {
    return {};
  }
}

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * What changed since the corpus was built: sources that were edited or deleted, and, when the
 * workspace lists its inputs, files under them that the corpus does not hold. Empty when current.
 */
export async function staleInputs(corpusPath: string, sources: Source[], configInputs: string[], root = process.cwd()): Promise<string[]> {
  const stamp = readStamp(corpusPath);
  const changes: string[] = [];
  for (const s of sources) {
    if (s.path === STDIN_NAME) continue;
    const file = resolve(root, s.path);
    if (!existsSync(file)) {
      changes.push(`${s.path} was deleted`);
      continue;
    }
    const st = statSync(file);
    if (s.size !== undefined && st.size !== s.size) {
      changes.push(`${s.path} was changed`);
      continue;
    }
    const seen = stamp[s.path];
    if (seen && seen.size === st.size && seen.mtimeMs === st.mtimeMs) continue;
    if ((await sha256(file)) !== s.sha256) changes.push(`${s.path} was changed`);
  }
  append(changes, await staleFacts(sources, root));
  if (configInputs.length) {
    const known = new Set(sources.map((s) => resolve(root, s.path)));
    for (const f of expandInputs(configInputs).files) if (!known.has(resolve(f))) changes.push(`${displayPath(f)} is new`);
  }
  return changes;
}

const DOCUMENT_FORMATS = new Set(['pdf', 'docx', 'txt', 'md']);

/**
 * Sidecars and manifests override what a document says (its respondent, date, position): an
 * edited, deleted or new one changes facts in the report as surely as an edited document.
 */
async function staleFacts(sources: Source[], root: string): Promise<string[]> {
  const changes: string[] = [];
  const seen = new Set<string>();
  for (const s of sources) {
    for (const f of s.facts ?? []) {
      if (seen.has(f.path)) continue;
      seen.add(f.path);
      const file = resolve(root, f.path);
      if (!existsSync(file)) changes.push(`${f.path} was deleted`);
      else if ((await sha256(file)) !== f.sha256) changes.push(`${f.path} was changed`);
    }
    const sidecar = DOCUMENT_FORMATS.has(s.format) ? findSidecar(resolve(root, s.path)).path : undefined;
    if (sidecar && !s.facts?.some((f) => resolve(root, f.path) === sidecar)) changes.push(`${displayPath(sidecar)} is new`);
  }
  return changes;
}
