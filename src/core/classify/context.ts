import { classify, respondentCues, SparseTokens, type AnswerContext, type Classification } from './classify.js';
import type { CompiledCodebook, CompiledExclusion } from './codebook.js';

/** What classifyResponse needs of a response: who wrote it and its answers' texts. */
export interface ResponseTexts {
  respondentAsWritten: string;
  answers: readonly { text: string }[];
}

/**
 * Classifies every answer of one response, with the context the codebook's context rules ask for
 * (`requires: response`, companions with scope `response` or `respondent`). Two passes: the first
 * classifies each answer alone (with the respondent's name, known up front); the second classifies
 * again only the answers that have a match waiting for context, now knowing which themes the
 * *other* answers got in the first pass and which companions stand anywhere in the response.
 * Context comes from the first pass only, never from another answer's second pass, so the result
 * does not depend on the order of the answers, and scores and evidence are deterministic.
 */
export function classifyResponse(book: CompiledCodebook, r: ResponseTexts): Classification[] {
  const base: AnswerContext = {};
  const named = respondentCues(book, r.respondentAsWritten);
  if (named.size) Object.assign(base, { respondentCues: named, respondent: r.respondentAsWritten });
  if (!book.contextual) return r.answers.map((a) => classify(book, a.text, base));
  // The second pass reads the same words and sentences: a waiting answer's are kept for it.
  const tokens: (SparseTokens | undefined)[] = [];
  const first = r.answers.map((a) => {
    const words = new SparseTokens(book, a.text);
    const c = classify(book, a.text, base, words);
    tokens.push(c.waiting ? words : undefined);
    return c;
  });
  if (!first.some((c) => c.waiting)) return first;
  const assigned = new Map<number, number>();
  const cues = new Set<CompiledExclusion>();
  for (const c of first) {
    c.themes.forEach((t, i) => t.assigned && assigned.set(i, (assigned.get(i) ?? 0) + 1));
    c.cues?.forEach((x) => cues.add(x));
  }
  return first.map((c, i) => {
    if (!c.waiting) return c;
    const elsewhere = new Set<number>();
    for (const [theme, n] of assigned) if (n - (c.themes[theme].assigned ? 1 : 0) > 0) elsewhere.add(theme);
    if (!elsewhere.size && !cues.size) return c;
    // The text the words were read from: a text kept on disk is not read again.
    const words = tokens[i]!;
    return classify(book, words.text, { ...base, themesElsewhere: elsewhere, responseCues: cues }, words);
  });
}
