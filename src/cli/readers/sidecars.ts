import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { diag, type Diagnostic } from '../../core/diagnostics.js';
import { displayPath } from '../files/paths.js';

/** Names in a folder by their lower case, listed once per state of the folder (its change time). */
const listings = new Map<string, { ctimeMs: number; mtimeMs: number; names: Map<string, string[]> }>();

function namesIn(folder: string): Map<string, string[]> {
  let st;
  try {
    st = statSync(folder);
  } catch {
    return new Map();
  }
  const cached = listings.get(folder);
  if (cached && cached.ctimeMs === st.ctimeMs && cached.mtimeMs === st.mtimeMs) return cached.names;
  const names = new Map<string, string[]>();
  for (const name of readdirSync(folder)) {
    const key = name.toLowerCase();
    names.set(key, [...(names.get(key) ?? []), name]);
  }
  listings.set(folder, { ctimeMs: st.ctimeMs, mtimeMs: st.mtimeMs, names });
  return names;
}

/**
 * The sidecar of a document: `<document>.yaml` or `.yml`, matched without regard to case where
 * only one file can be meant (`yttrande2.TXT.yaml` for `yttrande2.txt`). Two candidates, or a
 * candidate that is a folder or a pipe, are an error naming them: its facts must not be lost or
 * guessed.
 */
export function findSidecar(document: string): { path?: string; diagnostics: Diagnostic[] } {
  const folder = dirname(document);
  const doc = basename(document);
  const names = namesIn(folder);
  const candidates = [...(names.get(`${doc.toLowerCase()}.yaml`) ?? []), ...(names.get(`${doc.toLowerCase()}.yml`) ?? [])];
  if (!candidates.length) return { diagnostics: [] };
  const docsOfSameName = names.get(doc.toLowerCase()) ?? [doc];
  // A sidecar named exactly after another document (a.txt beside A.txt) is that document's.
  const mine = candidates.filter((c) => {
    const stem = c.replace(/\.ya?ml$/i, '');
    return stem === doc || !docsOfSameName.includes(stem);
  });
  const exact = mine.filter((c) => c.replace(/\.ya?ml$/i, '') === doc);
  const chosen = exact.length ? exact : mine;
  const shown = displayPath(document);
  if (!chosen.length) return { diagnostics: [] };
  if (chosen.length > 1) return { diagnostics: [diag(shown, 0, 0, `has more than one sidecar: ${chosen.map((c) => displayPath(join(folder, c))).join(', ')}; keep one, named exactly after the document`)] };
  if (!exact.length && docsOfSameName.length > 1)
    return { diagnostics: [diag(displayPath(join(folder, chosen[0])), 0, 0, `could be the sidecar of ${docsOfSameName.join(' or ')}; name it exactly after one of them`)] };
  const path = join(folder, chosen[0]);
  let st;
  try {
    st = statSync(path);
  } catch {
    return { diagnostics: [] };
  }
  // A folder where the sidecar belongs is a mistake to stop at; a pipe or device is skipped, as in
  // any input folder (only regular files are opened).
  if (st.isDirectory()) return { diagnostics: [diag(displayPath(path), 0, 0, `is a folder, not a sidecar; a sidecar is a YAML file of facts about ${doc}`)] };
  if (!st.isFile()) return { diagnostics: [diag(displayPath(path), 0, 0, `skipped: not a regular file (a pipe or device), so not read as the sidecar of ${doc}`, 'warning')] };
  return { path, diagnostics: [] };
}
