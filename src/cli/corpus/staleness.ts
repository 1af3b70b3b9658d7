import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { CorpusSettings, FactsFile, Source } from '../../core/model.js';
import { append } from '../../core/diagnostics.js';
import { expandInputs, writeFileAtomic } from '../files/fsx.js';
import { displayPath } from '../files/paths.js';
import { STDIN_NAME } from '../readers/load-inputs.js';
import { MANIFEST_NAMES } from '../readers/read-documents.js';
import { PACKAGE_ROOT, registerFiles, settingPath } from '../workspace/workspace.js';
import { findSidecar } from '../readers/sidecars.js';

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
export async function staleInputs(corpusPath: string, sources: Source[], configInputs: string[], root = process.cwd(), consultationFile?: string): Promise<string[]> {
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
    for (const f of expandInputs(configInputs).files) if (!known.has(resolve(f)) && resolve(f) !== consultationFile) changes.push(`${displayPath(f)} is new`);
  }
  return changes;
}

/** The settings a command would build a corpus with now: the register, and the config's consultation file. */
export interface CurrentSettings {
  register: string;
  consultation?: string;
}

/** `dialog:data/register.yaml` is a file shipped with dialog; other paths are the workspace's. */
function settingFile(path: string, root: string): string {
  return path.startsWith('dialog:') ? resolve(PACKAGE_ROOT, path.slice('dialog:'.length)) : resolve(root, path);
}

async function changedFile(f: FactsFile, root: string, what: string): Promise<string | undefined> {
  const file = settingFile(f.path, root);
  if (!existsSync(file)) return `${what} ${f.path} was deleted`;
  if ((await sha256(file)) !== f.sha256) return `${what} ${f.path} was changed`;
  return undefined;
}

/**
 * The settings a corpus was built with, against those a command would use now: names and
 * categories come from the register, a document's facts from manifests, the report's title and
 * questions from the consultation. A corpus that does not record them (made by an earlier dialog)
 * is stale too: nothing says which register it used.
 */
export async function staleSettings(settings: CorpusSettings | undefined, sources: Source[], now: CurrentSettings, root = process.cwd()): Promise<string[]> {
  if (!settings) return ['the corpus does not record the register and settings it was built with (an earlier version of dialog made it)'];
  const changes: string[] = [];
  if (settings.ids !== 'content') changes.push('the corpus names answers by their file, as an earlier version of dialog did; ids now follow the text, so that review decisions stay with their answers');
  const register = registerFiles(now.register).map((f) => settingPath(f, root));
  const recorded = settings.register.map((f) => f.path);
  if (register.join('\n') !== recorded.join('\n')) changes.push(`the register is now ${register.join(' + ')} (the corpus was built with ${recorded.join(' + ') || 'none'})`);
  else for (const f of settings.register) append(changes, [await changedFile(f, root, 'the register')].filter((c) => c !== undefined));
  const consultation = now.consultation ? settingPath(now.consultation, root) : undefined;
  const before = settings.consultation?.input ? undefined : settings.consultation;
  if (consultation !== before?.path) {
    if (!consultation) changes.push(`dialog.config.yaml no longer names the consultation file ${before!.path}`);
    else changes.push(`dialog.config.yaml names the consultation file ${consultation}${before ? ` (the corpus was built with ${before.path})` : ''}`);
  } else if (before) append(changes, [await changedFile(before, root, 'the consultation file')].filter((c) => c !== undefined));
  for (const m of settings.manifests ?? []) append(changes, [await changedFile(m, root, 'the manifest')].filter((c) => c !== undefined));
  append(changes, newManifests(settings.manifests ?? [], sources, root));
  return changes;
}

/** A manifest that appeared in a folder of documents, or above one (up to the workspace), gives facts the corpus lacks. */
function newManifests(recorded: FactsFile[], sources: Source[], root: string): string[] {
  const known = new Set(recorded.map((m) => resolve(root, m.path)));
  const seen = new Set<string>();
  const changes: string[] = [];
  const top = resolve(root);
  for (const s of sources) {
    if (!DOCUMENT_FORMATS.has(s.format)) continue;
    for (let folder = dirname(resolve(root, s.path)); ; folder = dirname(folder)) {
      if (seen.has(folder)) break;
      seen.add(folder);
      // A folder's manifest is the first of these names that exists; the others are not read.
      const name = MANIFEST_NAMES.find((n) => existsSync(join(folder, n)));
      if (name && !known.has(join(folder, name))) changes.push(`the manifest ${displayPath(join(folder, name))} is new`);
      if (folder === top || !folder.startsWith(top) || dirname(folder) === folder) break;
    }
  }
  return changes;
}

const DOCUMENT_FORMATS = new Set(['pdf', 'docx', 'odt', 'rtf', 'txt', 'md', 'other']);

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
