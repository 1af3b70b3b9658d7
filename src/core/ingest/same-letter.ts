import type { Response, SourceFormat } from '../model.js';

/**
 * One letter can reach an analyst twice: as the PDF that was sent and the Word file it was made
 * from, or as a first letter and a revised one. Counting both doubles a respondent's voice, so
 * the documents of one respondent are compared with each other (never across respondents, so the
 * work stays linear in the number of respondents):
 *
 * - **The same letter**: no differing date, reference or organ (a missing one does not differ),
 *   and near-identical text: a Jaccard similarity of word 3-shingles of at least COPY. One is
 *   read (Word before PDF before Markdown before plain text: the closer to the original), the
 *   other is kept as a duplicate of it.
 * - **A revised letter**: a later date, the same reference (or none on either), no differing
 *   organ, and similar text (at least REVISION): the later replaces the earlier.
 * - The same reference, a later date and dissimilar text is not decided: both are counted, with a
 *   warning (a supplement, or a rewrite?).
 *
 * The thresholds were measured on invented letters made as PDF (pdf-lib), Word (docx) and text
 * (test/same-letter.test.ts) and on the test documents: a PDF and its Word original score 0.88
 * (a short letter whose PDF signature block was read as text) to 1.0; a letter with one of five
 * paragraphs rewritten, 0.69; different letters, below 0.03. So COPY sits between a revision and
 * a copy, and REVISION well above unrelated letters. Cost: only respondents with more than one
 * document are compared; 5,000 documents of 600 words, five per respondent, take about 1.5 s
 * (shingling 0.2 ms per document, 0.02 ms per pair), a small part of reading them.
 */
export const COPY = 0.8;
export const REVISION = 0.4;

const SHINGLE = 3;

export interface SameLetter {
  kind: 'copy' | 'revision';
  /** The response not counted, and the one read instead. */
  dropped: Response;
  kept: Response;
  similarity: number;
}

export interface Undecided {
  a: Response;
  b: Response;
  similarity: number;
}

/** Words of a text, lower-case, letters and digits only: what remains of a letter across formats. */
export function words(text: string): string[] {
  return text.normalize('NFC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * The runs of three words of a text, each as a 32-bit hash (words are numbered first, so a run
 * hashes three small numbers, not a string): a collision between two runs is rare, and at worst
 * moves a similarity by one run's share.
 */
export function shingles(text: string): Set<number> {
  const ids = new Map<string, number>();
  const w = words(text).map((x) => ids.get(x) ?? ids.set(x, wordHash(x)).get(x)!);
  const out = new Set<number>();
  if (w.length < SHINGLE) {
    if (w.length) out.add(w.reduce((h, x) => Math.imul(h ^ x, 0x01000193) >>> 0, 0x811c9dc5));
    return out;
  }
  for (let i = 0; i + SHINGLE <= w.length; i++) out.add(Math.imul(Math.imul(Math.imul(0x811c9dc5 ^ w[i], 0x01000193) ^ w[i + 1], 0x01000193) ^ w[i + 2], 0x01000193) >>> 0);
  return out;
}

/** FNV-1a over a word's UTF-16 units: the same word hashes the same in every document. */
function wordHash(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export function jaccard<T>(a: Set<T>, b: Set<T>): number {
  if (!a.size && !b.size) return 1;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let common = 0;
  for (const s of small) if (large.has(s)) common++;
  return common / (a.size + b.size - common);
}

const FORMAT_RANK: Partial<Record<SourceFormat, number>> = { docx: 0, pdf: 1, md: 2, txt: 3 };
const norm = (s: string) => s.normalize('NFC').toLowerCase().replace(/\s+/gu, '');
const differs = (x?: string, y?: string) => x !== undefined && y !== undefined && norm(x) !== norm(y);

/**
 * Finds, among document responses, the ones that are another copy or an earlier version of a
 * letter. `formatOf` gives a response's source format. Deterministic: the result does not depend
 * on the order of the responses.
 */
export function sameLetters(responses: Response[], formatOf: (r: Response) => SourceFormat): { same: SameLetter[]; undecided: Undecided[] } {
  const byRespondent = new Map<string, Response[]>();
  for (const r of responses) {
    const list = byRespondent.get(r.respondent);
    if (list) list.push(r);
    else byRespondent.set(r.respondent, [r]);
  }
  const same: SameLetter[] = [];
  const undecided: Undecided[] = [];
  const rank = (r: Response) => FORMAT_RANK[formatOf(r)] ?? 9;
  const first = (a: Response, b: Response) => rank(a) - rank(b) || (a.source < b.source ? -1 : a.source > b.source ? 1 : a.line - b.line);
  for (const group of byRespondent.values()) {
    if (group.length < 2) continue;
    group.sort(first);
    // Shingled only when a pair's dates and references leave the text to decide.
    const sets: (Set<number> | undefined)[] = [];
    const set = (i: number) => (sets[i] ??= shingles(group[i].answers.map((a) => a.text).join('\n')));
    const sim = (i: number, j: number) => jaccard(set(i), set(j));
    // Copies first: each response is a copy of the first (best-ranked) one it matches.
    const copyOf = new Array<number>(group.length).fill(-1);
    for (let j = 1; j < group.length; j++)
      for (let i = 0; i < j; i++) {
        if (copyOf[i] !== -1) continue;
        const a = group[i];
        const b = group[j];
        if (differs(a.date, b.date) || differs(a.reference, b.reference) || differs(a.organ, b.organ)) continue;
        const s = sim(i, j);
        if (s >= COPY) {
          copyOf[j] = i;
          same.push({ kind: 'copy', dropped: b, kept: a, similarity: s });
          break;
        }
      }
    // Then revisions among the letters read: latest first, so that each earlier one points at the
    // letter that is finally read.
    const letters = group.map((_, i) => i).filter((i) => copyOf[i] === -1 && group[i].date !== undefined);
    letters.sort((i, j) => (group[i].date! < group[j].date! ? 1 : group[i].date! > group[j].date! ? -1 : first(group[i], group[j])));
    const replacedBy = new Map<number, number>();
    for (let x = 1; x < letters.length; x++) {
      const e = letters[x];
      for (let y = 0; y < x; y++) {
        const l = letters[y];
        const later = group[l];
        const earlier = group[e];
        if (later.date === earlier.date || differs(later.reference, earlier.reference) || differs(later.organ, earlier.organ)) continue;
        if ((later.reference === undefined) !== (earlier.reference === undefined)) continue;
        const s = sim(e, l);
        if (s >= REVISION) {
          let final = l;
          while (replacedBy.has(final)) final = replacedBy.get(final)!;
          replacedBy.set(e, final);
          same.push({ kind: 'revision', dropped: earlier, kept: group[final], similarity: s });
          break;
        }
        if (later.reference !== undefined) undecided.push({ a: earlier, b: later, similarity: s });
      }
    }
  }
  return { same, undecided };
}
