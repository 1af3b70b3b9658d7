import { classify } from './classify.js';
import { CompiledCodebook, type Codebook, type PatternSpec } from './codebook.js';
import { evaluate, scores, type LabelledPrediction } from './evaluate.js';
import { outcomeOf } from './outcome.js';
import type { Response } from '../model.js';
import { stem } from '../text/stem.js';
import { contentWords } from '../text/terms.js';
import { sentences } from '../text/text.js';

export interface Suggestion {
  theme: string;
  pattern: PatternSpec;
  /**
   * The figures `dialog themes --eval` gives for the theme with the pattern added to it: the
   * change of its F1, its F1, precision and recall, its true and false positives and false
   * negatives, and how many true and false positives the pattern adds.
   */
  gain: number;
  f1: number;
  precision: number;
  recall: number;
  tp: number;
  fp: number;
  fn: number;
  gainedTp: number;
  addedFp: number;
  /** Macro F1 over all themes with the pattern added (what `--eval` prints as macro). */
  macroF1: number;
  /** Respondents whose answers the pattern turns into true positives. */
  respondents: number;
  /**
   * The same change under leave-one-respondent-out cross-validation: an answer's change counts
   * only if the missed answers of other respondents hold the candidate too, so a word that one
   * respondent alone writes earns nothing. A suggestion gains here as well.
   */
  crossValidated: { gain: number; gainedTp: number; addedFp: number };
  /** The answers the pattern changes, as keyword in context: ✓ a new true positive, ✗ a new false positive. */
  examples: { answer: string; left: string; match: string; right: string; labelled: boolean }[];
}

const MIN_STEM = 5;
const MAX_TERMS = 40;
const MAX_PAIRS = 120;

/**
 * Words that state a position, not a topic: a theme is what an answer is about, and every
 * answer may say "tillstyrker". A candidate that could match one of them is never suggested.
 */
const POSITION_WORDS = (
  'tillstyrker tillstyrka tillstyrks tillstyrkes tillstyrkande avstyrker avstyrka avstyrks avstyrkes avstyrkande ' +
  'instämmer instämma instämt instämmande bifaller bifalla bifall avslår avslå avslag invändning invändningar ' +
  'ställningstagande ställningstagandet ställer välkomnar välkomna välkomnas stödjer ansluter avstår avstå ' +
  'positiv positivt positiva negativ negativt negativa'
).split(' ');

/**
 * Function words and the words of any remissvar (remiss, yttrande, synpunkter): they say
 * nothing about a topic, beyond the stopwords content words already leave out.
 */
const FUNCTION_WORDS = (
  'eftersom därför dessutom däremot emellertid nämligen således alltså ytterligare tidigare senare särskilt ' +
  'angående avseende beträffande gällande exempel exempelvis respektive någon något några ingen inget inga ' +
  'vissa varje varför vidare ovan nedan antingen endast enbart likaså samtidigt fortfarande ofta alltid aldrig ' +
  'kanske troligen möjligen mindre större stora liten ytterst behöver menar tycker bedömer konstaterar bättre bäst sämre sämst ' +
  'remiss remissen remissvar remissvaret yttrande yttrandet yttra synpunkt synpunkter synpunkterna ärende ärendet ' +
  'förslagen förslagets föreslår föreslagna betänkande betänkandet promemoria promemorian'
).split(' ');

const EXCLUDED = [...POSITION_WORDS, ...FUNCTION_WORDS];

/** The glob as the codebook compiles it: `*` stands for any run of letters, the rest is literal. */
function globRe(glob: string): RegExp {
  return new RegExp(`^${glob.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\p{L}*')}$`, 'iu');
}

/** A glob that would match a position word or a function word. */
export function excludedGlob(glob: string): boolean {
  const re = globRe(glob);
  return EXCLUDED.some((w) => re.test(w));
}

/**
 * Candidate patterns for a theme from the answers it missed (false negatives): stems of their
 * content words as prefix globs, long stems also as infix globs (compounds), and pairs of them
 * as near patterns; never a glob that would match a position word ("tillstyrk*") or a function
 * word. The most promising, scored as patterns that assign the theme on their own under
 * leave-one-respondent-out cross-validation, are each added to a copy of the codebook and the
 * labelled answers are classified again as `dialog themes --eval` classifies them: the figures
 * shown are the ones `--eval` gives with the pattern added, and a candidate is kept only if it
 * gains also when cross-validated that way (see `crossValidated`). Two candidates that change
 * the same answers are one suggestion (the narrower: a prefix glob before a pair before an infix
 * glob). Nothing is written: the analyst reads the list and edits the codebook.
 */
export function suggestPatterns(book: CompiledCodebook, responses: readonly Response[], opts: { theme?: string; top?: number } = {}): Suggestion[] {
  const top = opts.top ?? 10;
  const themeIds = book.themes.map((t) => t.id);
  const known = new Set(themeIds);
  // The labelled answers, each with its place in its response, as `--eval` counts them.
  const items: { answer: string; respondent: string; text: string; gold: string[]; response: number; index: number }[] = [];
  responses.forEach((r, ri) =>
    r.answers.forEach((a, ai) => {
      if (a.themes) items.push({ answer: a.id, respondent: r.respondent, text: a.text, gold: a.themes.filter((t) => known.has(t)), response: ri, index: ai });
    }),
  );
  const predictionsOf = (b: CompiledCodebook, r: Response) => outcomeOf(b, r, 0).answers.map((a) => a.themes.map((t) => t.id));
  const basePredictions = responses.map((r) => predictionsOf(book, r));
  const predicted = items.map((it) => basePredictions[it.response][it.index]);
  const baseEval = evaluate(themeIds, items.map((it, i) => ({ answer: it.answer, gold: it.gold, predicted: predicted[i] })));

  const out: Suggestion[] = [];
  for (const theme of book.themes) {
    if (opts.theme && theme.id !== opts.theme) continue;
    const missed = items.map((it, i) => it.gold.includes(theme.id) && !predicted[i].includes(theme.id));
    if (!missed.some(Boolean)) continue;
    // Which respondents' missed answers hold each stem.
    const holders = new Map<string, Set<string>>();
    items.forEach((it, i) => {
      if (!missed[i]) return;
      for (const w of new Set(contentWords(it.text).map((x) => stem(x)))) {
        if (w.length < MIN_STEM || excludedGlob(`${w}*`)) continue;
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
      if (s.length >= 7 && !excludedGlob(`*${s}*`)) candidates.push({ pattern: { glob: `*${s}*` }, holders: who });
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
    const ranked: { c: (typeof candidates)[number]; ci: number; gain: number; gainedTp: number; addedFp: number }[] = [];
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
      const gain = round(scores(t.tp, t.fp, t.fn).f1 - baseF1);
      if (gain > 0) ranked.push({ c, ci, gain, gainedTp, addedFp });
    });
    ranked.sort((a, b) => b.gain - a.gain || a.addedFp - b.addedFp || breadth(a.c.pattern) - breadth(b.c.pattern) || key(a.c.pattern).localeCompare(key(b.c.pattern)));

    // The best candidates by the cross-validated gain, each measured as `--eval` would measure
    // it (a theme may need more than one match, so a candidate may do less in the codebook than
    // alone), then ranked by what `--eval` gives.
    const seen = new Set<string>();
    const measured: Suggestion[] = [];
    for (const r of ranked.slice(0, 4 * top)) {
      // Only responses where the candidate matches somewhere can change.
      const touched = new Set(items.filter((_, i) => hits[i][r.ci].evidence.length).map((it) => it.response));
      const withIt = new CompiledCodebook({ ...book.source, themes: book.source.themes.map((t) => (t.id === theme.id ? { ...t, patterns: [...t.patterns, r.c.pattern] } : t)) });
      const after = new Map([...touched].map((ri) => [ri, predictionsOf(withIt, responses[ri])]));
      const rows: LabelledPrediction[] = items.map((it, i) => ({ answer: it.answer, gold: it.gold, predicted: after.get(it.response)?.[it.index] ?? predicted[i] }));
      const changed = items.map((it, i) => i).filter((i) => rows[i].predicted.includes(theme.id) !== predicted[i].includes(theme.id));
      const signature = changed.map((i) => `${items[i].answer}:${rows[i].predicted.includes(theme.id)}`).join('\u0000');
      if (!changed.length || seen.has(signature)) continue;
      seen.add(signature);
      const e = evaluate(themeIds, rows);
      const t = e.themes[theme.id];
      const b = baseEval.themes[theme.id];
      if (t.f1 <= b.f1) continue;
      // The same change, cross-validated: an answer's change counts only where the candidate
      // was mined from other respondents' missed answers too.
      const cvRows = rows.map((row, i) => (r.c.holders.size > 1 || !r.c.holders.has(items[i].respondent) ? row : { ...row, predicted: predicted[i] }));
      const cv = evaluate(themeIds, cvRows).themes[theme.id];
      if (cv.f1 <= b.f1) continue;
      const gainedAnswers = changed.filter((i) => items[i].gold.includes(theme.id) && rows[i].predicted.includes(theme.id));
      const examples = [...gainedAnswers, ...changed.filter((i) => !gainedAnswers.includes(i))]
        .flatMap((i) => {
          const ev = hits[i][r.ci].evidence[0];
          return ev ? [{ answer: items[i].answer, ...context(items[i].text, ev.start, ev.end), labelled: items[i].gold.includes(theme.id) }] : [];
        })
        .slice(0, 3);
      measured.push({
        theme: theme.id,
        pattern: r.c.pattern,
        gain: round(t.f1 - b.f1),
        f1: t.f1,
        precision: t.precision,
        recall: t.recall,
        tp: t.tp,
        fp: t.fp,
        fn: t.fn,
        gainedTp: t.tp - b.tp,
        addedFp: t.fp - b.fp,
        macroF1: e.macro.f1,
        respondents: new Set(gainedAnswers.map((i) => items[i].respondent)).size,
        crossValidated: { gain: round(cv.f1 - b.f1), gainedTp: cv.tp - b.tp, addedFp: cv.fp - b.fp },
        examples,
      });
    }
    measured.sort((a, b) => b.gain - a.gain || a.addedFp - b.addedFp || b.crossValidated.gain - a.crossValidated.gain || breadth(a.pattern) - breadth(b.pattern) || key(a.pattern).localeCompare(key(b.pattern)));
    out.push(...measured.slice(0, top));
  }
  return out;
}

const key = (p: PatternSpec) => JSON.stringify(p);
/** On a tie, the narrower pattern first: a prefix glob, then a pair, then an infix glob. */
const breadth = (p: PatternSpec) => (p.near ? 1 : p.glob?.startsWith('*') ? 2 : 0);
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
