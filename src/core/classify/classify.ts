import type { AtomEntry, CompiledCodebook, CompiledExclusion, CompiledPattern } from './codebook.js';
import { sentences, type Sentence } from '../text/text.js';
import { forEachWord } from '../text/words.js';

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
  /** Set when the pattern needs a companion cue and none stood near: the match does not count. */
  unmet?: string;
  /** Set when the companion that made the match count stood outside the answer (in the response or the respondent's name). */
  context?: string;
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
  /** Themes (by index) with a match that waits for companions beyond the answer (see classifyResponse). */
  waiting?: number[];
  /** Companions with scope: response that stand in this answer (see classifyResponse). */
  cues?: CompiledExclusion[];
}

/** What stands around an answer: what its response and respondent hold (see classifyResponse). */
export interface AnswerContext {
  /** Themes (by index) assigned to another answer of the same response. */
  themesElsewhere?: ReadonlySet<number>;
  /** Companions (scope: response) found in some answer of the response. */
  responseCues?: ReadonlySet<CompiledExclusion>;
  /** Companions (scope: respondent) found in the respondent's name. */
  respondentCues?: ReadonlySet<CompiledExclusion>;
  /** The respondent's name, for the evidence. */
  respondent?: string;
}

/** A span of tokens, by position in the sparse list of tokens that matched some atom. */
interface Hit {
  first: number;
  last: number;
}


/**
 * The tokens of a text that satisfy at least one atom, with their token index and offsets.
 * Most tokens satisfy none; they cost one cached lookup and leave no trace. They depend on the
 * text and the codebook only, so an answer classified again with its context reuses them.
 */
export class SparseTokens {
  readonly index: number[] = [];
  readonly start: number[] = [];
  readonly end: number[] = [];
  readonly entries: AtomEntry[] = [];
  private spans: Sentence[] | undefined;

  constructor(book: CompiledCodebook, readonly text: string) {
    const scanner = book.scanner;
    if (scanner) {
      // Only the words that may satisfy an atom are cut out and looked up (see scanner.ts); a
      // word that is no candidate satisfies only the globs of stars alone, if any.
      const always = book.everyWordEntry;
      scanner.scan(
        text,
        (start, end, n, candidate, whole) => {
          const entry = candidate ? (whole ? book.entryAt(whole, text, start, end) : book.entryFor(text.slice(start, end))) : always;
          if (entry.atoms.length) {
            this.index.push(n);
            this.start.push(start);
            this.end.push(end);
            this.entries.push(entry);
          }
        },
        always.atoms.length > 0,
      );
      return;
    }
    let n = 0;
    forEachWord(text, (start, end) => {
      const entry = book.entryFor(text.slice(start, end));
      if (entry.atoms.length) {
        this.index.push(n);
        this.start.push(start);
        this.end.push(end);
        this.entries.push(entry);
      }
      n++;
    });
  }

  get length(): number {
    return this.index.length;
  }

  /** The text's sentences, cut once. */
  get sentences(): Sentence[] {
    return (this.spans ??= sentences(this.text));
  }

  /** Last sparse position of a match of `atoms` that starts at sparse position k, or -1. */
  matchAt(atoms: number[], gap: number, k: number): number {
    let pos = k;
    for (let a = 1; a < atoms.length; a++) {
      let found = -1;
      for (let j = pos + 1; j < this.length && this.index[j] <= this.index[pos] + 1 + gap; j++) {
        if (this.entries[j].atoms.includes(atoms[a])) {
          found = j;
          break;
        }
      }
      if (found < 0) return -1;
      pos = found;
    }
    return pos;
  }

  /** Sparse position of the nearest token with `atom` within `within` words of position k, either side, or -1. */
  nearAt(atom: number, within: number, k: number): number {
    let best = -1;
    for (let j = k + 1; j < this.length && this.index[j] - this.index[k] - 1 <= within; j++)
      if (this.entries[j].atoms.includes(atom)) {
        best = j;
        break;
      }
    for (let j = k - 1; j >= 0 && this.index[k] - this.index[j] - 1 <= within; j--)
      if (this.entries[j].atoms.includes(atom)) {
        if (best < 0 || this.index[k] - this.index[j] < this.index[best] - this.index[k]) best = j;
        break;
      }
    return best;
  }
}

/**
 * Classifies one answer: a score per theme and the evidence for it. `tokens`, when given, are
 * the text's own (see SparseTokens).
 */
export function classify(book: CompiledCodebook, text: string, context: AnswerContext = {}, tokens = new SparseTokens(book, text)): Classification {
  const themes: ThemeScore[] = book.themes.map((t) => ({ id: t.id, score: 0, threshold: t.threshold, assigned: false, evidence: [] }));
  if (tokens.length === 0) return { themes };

  let exclusionHits: Map<CompiledExclusion, Hit[]> | undefined;
  const patternHits: { pattern: CompiledPattern; hit: Hit }[] = [];
  for (let k = 0; k < tokens.length; k++) {
    // Exclusions and patterns that start at this word, each in the order of their first atoms.
    // Indexed loops: entries hold both frozen and growing arrays, and for-of over both was slow.
    const entry = tokens.entries[k];
    const exclusions = entry.exclusions;
    for (let e = 0; e < exclusions.length; e++) {
      const x = exclusions[e];
      const last = tokens.matchAt(x.atoms, x.gap, k);
      if (last < 0) continue;
      exclusionHits ??= new Map();
      const list = exclusionHits.get(x);
      if (list) list.push({ first: k, last });
      else exclusionHits.set(x, [{ first: k, last }]);
    }
    const patterns = entry.patterns;
    for (let e = 0; e < patterns.length; e++) {
      const p = patterns[e];
      if (p.kind === 'near') {
        const j = tokens.nearAt(p.atoms[1], p.within, k);
        if (j >= 0) patternHits.push({ pattern: p, hit: { first: Math.min(j, k), last: Math.max(j, k) } });
        continue;
      }
      const last = tokens.matchAt(p.atoms, p.gap, k);
      if (last >= 0) patternHits.push({ pattern: p, hit: { first: k, last } });
    }
  }
  let cues: CompiledExclusion[] | undefined;
  if (exclusionHits) for (const x of exclusionHits.keys()) if (x.scope === 'response') (cues ??= []).push(x);
  if (!patternHits.length) return cues ? { themes, cues } : { themes };
  const waiting = new Set<number>();

  const spans = tokens.sentences;
  const sentenceOf = (offset: number) => sentenceIndex(spans, offset);
  // The sentences in which each pattern counted (not vetoed, companions present).
  const counted = new Map<CompiledPattern, number[]>();
  const needTheme: { pattern: CompiledPattern; sentence: number; ev: Evidence }[] = [];
  const count = (pattern: CompiledPattern, sentence: number) => {
    const seen = counted.get(pattern);
    if (seen) seen.push(sentence);
    else counted.set(pattern, [sentence]);
  };
  for (const { pattern, hit } of patternHits) {
    const theme = book.themes[pattern.theme];
    const start = tokens.start[hit.first];
    const end = tokens.end[hit.last];
    const sentence = sentenceOf(start);
    if (pattern.kind === 'near' && pattern.sameSentence && sentenceOf(tokens.start[hit.last]) !== sentence) continue;
    const s = spans[sentence] ?? { start: 0, end: text.length };
    const ev: Evidence = { theme: theme.id, pattern: pattern.label, weight: pattern.weight, match: text.slice(start, end), start, end, sentence: [s.start, s.end] };
    themes[pattern.theme].evidence.push(ev);
    const veto = exclusionHits && findVeto(pattern.vetoes, exclusionHits, hit, tokens, sentenceOf);
    if (veto) {
      ev.vetoedBy = veto;
      continue;
    }
    if (pattern.requirements.length) {
      const near = exclusionHits && findVeto(pattern.requirements, exclusionHits, hit, tokens, sentenceOf);
      const beyond = near ? undefined : companionBeyond(pattern.requirements, context);
      if (!near && !beyond) {
        ev.unmet = unmetText(pattern);
        // Only a companion in another answer can still turn up; the respondent's name is known already.
        if (pattern.requirements.some((r) => r.scope === 'response')) waiting.add(pattern.theme);
        continue;
      }
      if (beyond) ev.context = beyond;
    }
    if (pattern.requiresResponse) {
      // The theme elsewhere in the response, never in this answer: there its own cues speak.
      if (context.themesElsewhere?.has(pattern.theme)) {
        ev.context = 'its theme is in another answer of the response';
        count(pattern, sentence);
      } else {
        ev.unmet = 'needs its theme in another answer of the response';
        waiting.add(pattern.theme);
      }
    } else if (pattern.requiresTheme) needTheme.push({ pattern, sentence, ev });
    else count(pattern, sentence);
  }
  // Context words count only beside another counted cue of their theme, within its window.
  for (const { pattern, sentence, ev } of needTheme) {
    const reach = (book.themes[pattern.theme].window ?? 1) - 1;
    let companion = false;
    for (const [p, at] of counted) if (p.theme === pattern.theme && !p.requiresTheme && !p.requiresResponse && at.some((x) => Math.abs(x - sentence) <= reach)) companion = true;
    if (companion) count(pattern, sentence);
    else ev.unmet = 'needs another cue of its theme nearby';
  }
  for (const [p, at] of counted) themes[p.theme].score += p.weight * Math.min(at.length, p.repeat);
  book.themes.forEach((theme, i) => {
    if (theme.window !== undefined && themes[i].score >= theme.threshold) themes[i].score = windowScore(counted, i, theme.window);
  });
  for (const t of themes) {
    t.score = Math.round(t.score * 1000) / 1000;
    t.assigned = t.score >= t.threshold;
  }
  const out: Classification = { themes };
  if (waiting.size) out.waiting = [...waiting].sort((a, b) => a - b);
  if (cues) out.cues = cues;
  return out;
}

const unmetTexts = new WeakMap<CompiledPattern, string>();
/** Why a pattern's match waits for a companion, written once per pattern: real text meets it often. */
function unmetText(pattern: CompiledPattern): string {
  let text = unmetTexts.get(pattern);
  if (text === undefined) unmetTexts.set(pattern, (text = `needs ${requirementsText(pattern.requirements)}`));
  return text;
}

/** "glob:a or word:b nearby, or token:KSL in the respondent's name". */
function requirementsText(requirements: CompiledExclusion[]): string {
  const where = (scope: CompiledExclusion['scope']) => (scope === 'response' ? 'in the response' : scope === 'respondent' ? "in the respondent's name" : 'nearby');
  const parts: string[] = [];
  for (const scope of ['sentence', 'response', 'respondent'] as const) {
    const labels = requirements.filter((r) => (r.scope === 'window' ? 'sentence' : r.scope) === scope).map((r) => r.label);
    if (labels.length) parts.push(`${labels.join(' or ')} ${where(scope)}`);
  }
  return parts.join(', or ');
}

/** The companion (scope response or respondent) that stands beyond the answer, described; or undefined. */
function companionBeyond(requirements: CompiledExclusion[], context: AnswerContext): string | undefined {
  for (const r of requirements) {
    if (r.scope === 'response' && context.responseCues?.has(r)) return `${r.label} stands in the response`;
    if (r.scope === 'respondent' && context.respondentCues?.has(r)) return `${r.label} stands in the respondent's name${context.respondent ? ` (${context.respondent})` : ''}`;
  }
  return undefined;
}

/** The companions with scope: respondent that a respondent's name holds. */
export function respondentCues(book: CompiledCodebook, name: string): Set<CompiledExclusion> {
  const found = new Set<CompiledExclusion>();
  if (!book.respondentCues.length) return found;
  const tokens = new SparseTokens(book, name);
  for (let k = 0; k < tokens.length; k++)
    for (const x of book.respondentCues) if (tokens.entries[k].atoms.includes(x.atoms[0]) && tokens.matchAt(x.atoms, x.gap, k) >= 0) found.add(x);
  return found;
}

/**
 * The best score of a theme within `window` consecutive sentences: each pattern adds its weight
 * once per occurrence up to its `repeat`, so that weak cues scattered over a long answer do not
 * make a theme. A sliding window over the occurrences in sentence order: linear in their number
 * (after sorting), whatever the length of the answer or of its sentences.
 */
function windowScore(counted: Map<CompiledPattern, number[]>, theme: number, window: number): number {
  const occurrences: { sentence: number; pattern: CompiledPattern }[] = [];
  for (const [p, at] of counted) if (p.theme === theme) for (const sentence of at) occurrences.push({ sentence, pattern: p });
  occurrences.sort((a, b) => a.sentence - b.sentence);
  const inWindow = new Map<CompiledPattern, number>();
  let sum = 0;
  let best = 0;
  let tail = 0;
  for (const o of occurrences) {
    const n = (inWindow.get(o.pattern) ?? 0) + 1;
    inWindow.set(o.pattern, n);
    if (n <= o.pattern.repeat) sum += o.pattern.weight;
    while (occurrences[tail].sentence <= o.sentence - window) {
      const out = occurrences[tail++];
      const m = inWindow.get(out.pattern)!;
      if (m <= out.pattern.repeat) sum -= out.pattern.weight;
      inWindow.set(out.pattern, m - 1);
    }
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
      if (x.scope === 'respondent') continue;
      const near =
        x.scope === 'response'
          ? true
          : x.scope === 'sentence'
          ? sentenceOf(tokens.start[h.first]) === sentenceOf(tokens.start[hit.first])
          : Math.max(tokens.index[h.first] - tokens.index[hit.last], tokens.index[hit.first] - tokens.index[h.last]) - 1 <= x.window;
      if (near) return x.label;
    }
  }
  return undefined;
}
