import type { CompiledCodebook, CompiledExclusion, CompiledPattern } from './codebook.js';
import { sentences, tokenize, type Sentence, type Token } from './text.js';

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

interface Hit {
  first: number;
  last: number;
}

/** Index of the last token of a match of `atoms` starting at token i, or -1. */
function matchAt(atomLists: readonly (readonly number[])[], atoms: number[], gap: number, i: number): number {
  let pos = i;
  for (let k = 1; k < atoms.length; k++) {
    let found = -1;
    for (let j = pos + 1; j <= pos + 1 + gap && j < atomLists.length; j++) {
      if (atomLists[j].includes(atoms[k])) {
        found = j;
        break;
      }
    }
    if (found < 0) return -1;
    pos = found;
  }
  return pos;
}

/** Classifies one answer: a score per theme and the evidence for it. */
export function classify(book: CompiledCodebook, text: string): Classification {
  const spans = sentences(text);
  const tokens = tokenize(text, spans);
  const atomLists = tokens.map((t) => book.atomsFor(t.text));
  const exclusionHits = new Map<CompiledExclusion, Hit[]>();
  const patternHits: { pattern: CompiledPattern; hit: Hit }[] = [];
  for (let i = 0; i < atomLists.length; i++) {
    const atoms = atomLists[i];
    if (atoms.length === 0) continue;
    for (const a of atoms) {
      for (const x of book.exclusionsByFirstAtom.get(a) ?? []) {
        const last = matchAt(atomLists, x.atoms, x.gap, i);
        if (last >= 0) {
          const list = exclusionHits.get(x);
          if (list) list.push({ first: i, last });
          else exclusionHits.set(x, [{ first: i, last }]);
        }
      }
      for (const p of book.byFirstAtom.get(a) ?? []) {
        const last = matchAt(atomLists, p.atoms, p.gap, i);
        if (last >= 0) patternHits.push({ pattern: p, hit: { first: i, last } });
      }
    }
  }
  const themes: ThemeScore[] = book.themes.map((t) => ({ id: t.id, score: 0, threshold: t.threshold, assigned: false, evidence: [] }));
  const counted = new Set<CompiledPattern>();
  for (const { pattern, hit } of patternHits) {
    const theme = book.themes[pattern.theme];
    const veto = findVeto([...pattern.excludes, ...theme.excludes], exclusionHits, hit, tokens);
    const ev = evidence(theme.id, pattern, hit, tokens, spans, text);
    if (veto) ev.vetoedBy = veto;
    else if (!counted.has(pattern)) {
      counted.add(pattern);
      themes[pattern.theme].score += pattern.weight;
    }
    themes[pattern.theme].evidence.push(ev);
  }
  for (const t of themes) {
    t.score = Math.round(t.score * 1000) / 1000;
    t.assigned = t.score >= t.threshold;
  }
  return { themes };
}

function findVeto(candidates: CompiledExclusion[], hits: Map<CompiledExclusion, Hit[]>, hit: Hit, tokens: Token[]): string | undefined {
  for (const x of candidates) {
    for (const h of hits.get(x) ?? []) {
      if (x.scope === 'sentence' ? tokens[h.first].sentence === tokens[hit.first].sentence : Math.max(h.first - hit.last, hit.first - h.last) <= x.window)
        return x.label;
    }
  }
  return undefined;
}

function evidence(theme: string, pattern: CompiledPattern, hit: Hit, tokens: Token[], spans: Sentence[], text: string): Evidence {
  const start = tokens[hit.first].start;
  const end = tokens[hit.last].end;
  const s = spans[tokens[hit.first].sentence] ?? { start: 0, end: text.length };
  return { theme, pattern: pattern.label, weight: pattern.weight, match: text.slice(start, end), start, end, sentence: [s.start, s.end] };
}

export const assignedThemes = (c: Classification): string[] => c.themes.filter((t) => t.assigned).map((t) => t.id);
