import type { CompiledCodebook, CompiledExclusion, CompiledPattern } from './codebook.js';
import { sentences, type Sentence } from '../text/text.js';

export interface Evidence {
  theme: string;
  pattern: string;
  weight: number;
  /** The matched text, as written. */
  match: string;
  start: number;
  end: number;
  /** The sentence the match stands in, as character offsets into the answer. */
  sentence: [number, number];
  /** The exclusion that vetoed this match, if any. */
  vetoedBy?: string;
}

export interface ThemeScore {
  id: string;
  score: number;
  threshold: number;
  assigned: boolean;
  evidence: Evidence[];
}

export interface Classification {
  /** One entry per codebook theme, in codebook order. */
  themes: ThemeScore[];
}

/** A span of tokens, by position in the sparse list of tokens that matched some atom. */
interface Hit {
  first: number;
  last: number;
}

const TOKEN = /[\p{L}\p{N}]+/gu;

/**
 * The tokens of a text that satisfy at least one atom, with their token index and offsets.
 * Most tokens satisfy none; they cost one cached lookup and leave no trace.
 */
class SparseTokens {
  readonly index: number[] = [];
  readonly start: number[] = [];
  readonly end: number[] = [];
  readonly atoms: (readonly number[])[] = [];

  constructor(book: CompiledCodebook, text: string) {
    TOKEN.lastIndex = 0;
    let n = 0;
    let m: RegExpExecArray | null;
    while ((m = TOKEN.exec(text))) {
      const atoms = book.atomsFor(m[0]);
      if (atoms.length) {
        this.index.push(n);
        this.start.push(m.index);
        this.end.push(m.index + m[0].length);
        this.atoms.push(atoms);
      }
      n++;
    }
  }

  get length(): number {
    return this.index.length;
  }

  /** Last sparse position of a match of `atoms` that starts at sparse position k, or -1. */
  matchAt(atoms: number[], gap: number, k: number): number {
    let pos = k;
    for (let a = 1; a < atoms.length; a++) {
      let found = -1;
      for (let j = pos + 1; j < this.length && this.index[j] <= this.index[pos] + 1 + gap; j++) {
        if (this.atoms[j].includes(atoms[a])) {
          found = j;
          break;
        }
      }
      if (found < 0) return -1;
      pos = found;
    }
    return pos;
  }
}

/** Classifies one answer: a score per theme and the evidence for it. */
export function classify(book: CompiledCodebook, text: string): Classification {
  const tokens = new SparseTokens(book, text);
  const themes: ThemeScore[] = book.themes.map((t) => ({ id: t.id, score: 0, threshold: t.threshold, assigned: false, evidence: [] }));
  if (tokens.length === 0) return { themes };

  let exclusionHits: Map<CompiledExclusion, Hit[]> | undefined;
  const patternHits: { pattern: CompiledPattern; hit: Hit }[] = [];
  for (let k = 0; k < tokens.length; k++) {
    for (const a of tokens.atoms[k]) {
      const exclusions = book.exclusionsByFirstAtom.get(a);
      if (exclusions)
        for (const x of exclusions) {
          const last = tokens.matchAt(x.atoms, x.gap, k);
          if (last < 0) continue;
          exclusionHits ??= new Map();
          const list = exclusionHits.get(x);
          if (list) list.push({ first: k, last });
          else exclusionHits.set(x, [{ first: k, last }]);
        }
      const patterns = book.byFirstAtom.get(a);
      if (patterns)
        for (const p of patterns) {
          const last = tokens.matchAt(p.atoms, p.gap, k);
          if (last >= 0) patternHits.push({ pattern: p, hit: { first: k, last } });
        }
    }
  }
  if (!patternHits.length) return { themes };

  const spans = sentences(text);
  const sentenceOf = (offset: number) => sentenceIndex(spans, offset);
  // The sentences in which each pattern counted (not vetoed).
  const counted = new Map<CompiledPattern, number[]>();
  for (const { pattern, hit } of patternHits) {
    const theme = book.themes[pattern.theme];
    const start = tokens.start[hit.first];
    const end = tokens.end[hit.last];
    const sentence = sentenceOf(start);
    const s = spans[sentence] ?? { start: 0, end: text.length };
    const ev: Evidence = { theme: theme.id, pattern: pattern.label, weight: pattern.weight, match: text.slice(start, end), start, end, sentence: [s.start, s.end] };
    const veto = exclusionHits && findVeto(pattern.vetoes, exclusionHits, hit, tokens, sentenceOf);
    if (veto) ev.vetoedBy = veto;
    else {
      const seen = counted.get(pattern);
      if (seen) seen.push(sentence);
      else counted.set(pattern, [sentence]);
    }
    themes[pattern.theme].evidence.push(ev);
  }
  for (const [p] of counted) themes[p.theme].score += p.weight;
  book.themes.forEach((theme, i) => {
    if (theme.window !== undefined && themes[i].score >= theme.threshold) themes[i].score = windowScore(counted, i, theme.window);
  });
  for (const t of themes) {
    t.score = Math.round(t.score * 1000) / 1000;
    t.assigned = t.score >= t.threshold;
  }
  return { themes };
}

/**
 * The best sum of weights of a theme's patterns within `window` consecutive sentences, each
 * pattern once, so that weak cues scattered over a long answer do not make a theme.
 */
function windowScore(counted: Map<CompiledPattern, number[]>, theme: number, window: number): number {
  const patterns: [CompiledPattern, number[]][] = [];
  let first = Infinity;
  let last = -Infinity;
  let total = 0;
  for (const entry of counted)
    if (entry[0].theme === theme) {
      patterns.push(entry);
      total += entry[0].weight;
      for (const s of entry[1]) {
        if (s < first) first = s;
        if (s > last) last = s;
      }
    }
  if (last - first < window) return total; // everything stands within one window
  let best = 0;
  for (const [, starts] of patterns)
    for (const from of starts) {
      let sum = 0;
      for (const [p, sentences] of patterns) if (sentences.some((s) => s >= from && s < from + window)) sum += p.weight;
      if (sum > best) best = sum;
    }
  return best;
}

/** Index of the sentence holding a character offset (binary search). */
function sentenceIndex(spans: Sentence[], offset: number): number {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (spans[mid].start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function findVeto(
  candidates: CompiledExclusion[],
  hits: Map<CompiledExclusion, Hit[]>,
  hit: Hit,
  tokens: SparseTokens,
  sentenceOf: (offset: number) => number,
): string | undefined {
  for (const x of candidates) {
    for (const h of hits.get(x) ?? []) {
      const near =
        x.scope === 'sentence'
          ? sentenceOf(tokens.start[h.first]) === sentenceOf(tokens.start[hit.first])
          : Math.max(tokens.index[h.first] - tokens.index[hit.last], tokens.index[hit.first] - tokens.index[h.last]) - 1 <= x.window;
      if (near) return x.label;
    }
  }
  return undefined;
}
