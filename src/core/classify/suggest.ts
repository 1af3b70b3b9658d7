import { classify } from './classify.js';
import { CompiledCodebook, type Codebook, type PatternSpec } from './codebook.js';
import { scores } from './evaluate.js';
import { stem } from '../text/stem.js';
import { contentWords } from '../text/terms.js';
import { sentences } from '../text/text.js';

export interface SuggestItem {
  answer: string;
  respondent: string;
  text: string;
  gold: string[];
}

export interface Suggestion {
  theme: string;
  pattern: PatternSpec;
  /** Estimated change of the theme's F1 under leave-one-respondent-out cross-validation. */
  gain: number;
  f1: number;
  precision: number;
  recall: number;
  /** Held-out answers it would turn into true and false positives. */
  gainedTp: number;
  addedFp: number;
  /** Respondents whose missed answers hold the candidate. */
  respondents: number;
  /** Keyword-in-context lines from the answers it matches. */
  examples: { answer: string; left: string; match: string; right: string; labelled: boolean }[];
}

const MIN_STEM = 5;
const MAX_TERMS = 40;
const MAX_PAIRS = 120;

/**
 * Candidate patterns for a theme from the answers it missed (false negatives): stems of their
 * content words as prefix globs, long stems also as infix globs (compounds), and pairs of them
 * as near patterns. Each candidate is scored as a pattern that assigns the theme on its own; a
 * candidate counts for an answer only if the missed answers of OTHER respondents hold it
 * (leave-one-respondent-out), so a word that only one respondent writes earns nothing. Nothing
 * is written: the analyst reads the list and edits the codebook.
 */
export function suggestPatterns(book: CompiledCodebook, items: SuggestItem[], opts: { theme?: string; top?: number } = {}): Suggestion[] {
  const top = opts.top ?? 10;
  const out: Suggestion[] = [];
  const predicted = items.map((it) => classify(book, it.text).themes.filter((t) => t.assigned).map((t) => t.id));
  for (const theme of book.themes) {
    if (opts.theme && theme.id !== opts.theme) continue;
    const missed = items.map((it, i) => it.gold.includes(theme.id) && !predicted[i].includes(theme.id));
    if (!missed.some(Boolean)) continue;
    // Which respondents' missed answers hold each stem.
    const holders = new Map<string, Set<string>>();
    items.forEach((it, i) => {
      if (!missed[i]) return;
      for (const w of new Set(contentWords(it.text).map((x) => stem(x)))) {
        if (w.length < MIN_STEM) continue;
        const set = holders.get(w) ?? new Set<string>();
        set.add(it.respondent);
        holders.set(w, set);
      }
    });
    const terms = [...holders.entries()]
      .sort((a, b) => b[1].size - a[1].size || (a[0] < b[0] ? -1 : 1))
      .slice(0, MAX_TERMS);
    const candidates: { pattern: PatternSpec; holders: Set<string> }[] = [];
    for (const [s, who] of terms) {
      candidates.push({ pattern: { glob: `${s}*` }, holders: who });
      if (s.length >= 7) candidates.push({ pattern: { glob: `*${s}*` }, holders: who });
    }
    const pairs: { pattern: PatternSpec; holders: Set<string> }[] = [];
    for (let a = 0; a < terms.length && pairs.length < MAX_PAIRS; a++)
      for (let b = a + 1; b < terms.length && pairs.length < MAX_PAIRS; b++) {
        const both = new Set([...terms[a][1]].filter((r) => terms[b][1].has(r)));
        if (both.size) pairs.push({ pattern: { near: [`${terms[a][0]}*`, `${terms[b][0]}*`], within: 5 }, holders: both });
      }
    candidates.push(...pairs);
    if (!candidates.length) continue;

    // One pass: every candidate as a theme of its own that any match assigns, with the theme's vetoes.
    const spec = book.source.themes.find((t) => t.id === theme.id)!;
    const probe = new CompiledCodebook({
      themes: candidates.map((c, i) => ({ id: `c${i}`, label: { sv: `c${i}` }, patterns: [c.pattern], exclude: spec.exclude })),
    } satisfies Codebook);
    const hits = items.map((it) => classify(probe, it.text).themes);
    const base = tally(items.map((it, i) => ({ gold: it.gold.includes(theme.id), pred: predicted[i].includes(theme.id) })));
    const baseF1 = scores(base.tp, base.fp, base.fn).f1;
    candidates.forEach((c, ci) => {
      let gainedTp = 0;
      let addedFp = 0;
      const pooled = items.map((it, i) => {
        const before = predicted[i].includes(theme.id);
        const gold = it.gold.includes(theme.id);
        const minedWithout = [...c.holders].some((r) => r !== it.respondent);
        const fires = hits[i][ci].assigned && minedWithout;
        if (fires && !before) {
          if (gold) gainedTp++;
          else addedFp++;
        }
        return { gold, pred: before || fires };
      });
      if (!gainedTp) return;
      const t = tally(pooled);
      const s = scores(t.tp, t.fp, t.fn);
      const examples = items
        .flatMap((it, i) => hits[i][ci].evidence.slice(0, 1).map((e) => ({ answer: it.answer, ...context(it.text, e.start, e.end), labelled: it.gold.includes(theme.id) })))
        .slice(0, 3);
      out.push({ theme: theme.id, pattern: c.pattern, gain: round(s.f1 - baseF1), f1: s.f1, precision: s.precision, recall: s.recall, gainedTp, addedFp, respondents: c.holders.size, examples });
    });
  }
  const order = new Map(book.themes.map((t, i) => [t.id, i]));
  const ranked = out.sort((a, b) => order.get(a.theme)! - order.get(b.theme)! || b.gain - a.gain || a.addedFp - b.addedFp || breadth(a) - breadth(b) || key(a).localeCompare(key(b)));
  const perTheme = new Map<string, number>();
  return ranked.filter((s) => s.gain > 0 && (perTheme.set(s.theme, (perTheme.get(s.theme) ?? 0) + 1).get(s.theme) ?? 0) <= top);
}

const key = (s: Suggestion) => JSON.stringify(s.pattern);
/** On a tie, the narrower pattern first: a prefix glob, then a pair, then an infix glob. */
const breadth = (s: Suggestion) => (s.pattern.near ? 1 : s.pattern.glob?.startsWith('*') ? 2 : 0);
const round = (x: number) => Math.round(x * 10000) / 10000;

function tally(rows: { gold: boolean; pred: boolean }[]) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const r of rows) {
    if (r.gold && r.pred) tp++;
    else if (r.pred) fp++;
    else if (r.gold) fn++;
  }
  return { tp, fp, fn };
}

/** The match with up to 40 characters either side, within its sentence, on one line. */
function context(text: string, start: number, end: number) {
  const span = sentences(text).find((s) => s.start <= start && end <= s.end) ?? { start: 0, end: text.length };
  const flat = (s: string) => s.replace(/\s+/gu, ' ');
  const from = Math.max(span.start, start - 40);
  const to = Math.min(span.end, end + 40);
  return { left: (from > span.start ? '…' : '') + flat(text.slice(from, start)), match: flat(text.slice(start, end)), right: flat(text.slice(end, to)) + (to < span.end ? '…' : '') };
}
