import { oneLine, sentences } from '../text/text.js';
import { procedureKind } from '../text/procedure.js';

/**
 * The conditions a respondent states when it supports with reservations (*tillstyrker med
 * förbehåll*): the sentences that carry a condition or a demand, extracted as written.
 * Explicit conditions ("under förutsättning att", "förutsatt att", "villkor" — not "på lika villkor" —, "förbehåll") rank
 * before demands and limits ("måste", "får inte", "ska inte", "dock"); ties keep text order.
 * A sentence that only repeats the stance ("X tillstyrker med förbehåll.") states no condition.
 */
const STRONG = /(?<!\p{L})(under förutsättning|förutsatt att|förutsättningen är|på villkor|(?<!lika )villkor(?:et|en)?(?!\p{L})|förbehåll(?:et|en)?(?!\p{L})|om och endast om)/iu;
const WEAK = /(?<!\p{L})(måste|får inte|inte får|ska inte|inte ska|bör inte|kräver|krav på|förutsätter|dock|säkerställa|under villkor)(?!\p{L})/iu;
/**
 * A text in which neither kind of phrase stands, across any whitespace, holds no condition:
 * most texts are skipped without being cut into sentences.
 */
const MAY_STATE_CONDITION = new RegExp(`${STRONG.source}|${WEAK.source}`.replaceAll(' ', '\\s+'), 'iu');
/**
 * Tried first: a word of every phrase above as plain letters (4× faster than the expression
 * above on real text, whose look-behinds keep it from skipping ahead). Each phrase holds its word,
 * under the same flags, so a text this misses holds no condition.
 */
const HOLDS_A_CONDITION_WORD = /förutsätt|förutsatt|villkor|förbehåll|endast|måste|inte|kräver|krav|dock|säkerställa/iu;
const STANCE_ONLY = /^[\p{L}\p{N} .,-]*?(tillstyrker|ställer sig bakom)[\p{L} ,]*?med förbehåll[.!]?$/iu;

/** The two tests, for the property test that the cheap one never misses what the other finds. */
export const CONDITION_PRETESTS = { cheap: HOLDS_A_CONDITION_WORD, exact: MAY_STATE_CONDITION, phrases: [STRONG, WEAK].flatMap((re) => re.source.match(/[\p{L} ]{2,}/gu) ?? []) };

export function statedConditions(texts: Iterable<string>, limit = 2): string[] {
  const found: { text: string; strength: number; order: number }[] = [];
  const seen = new Set<string>();
  let order = 0;
  for (const text of texts) {
    if (!HOLDS_A_CONDITION_WORD.test(text) || !MAY_STATE_CONDITION.test(text)) continue;
    for (const span of sentences(text)) {
      const sentence = oneLine(text.slice(span.start, span.end));
      order++;
      const strength = STRONG.test(sentence) ? 2 : WEAK.test(sentence) ? 1 : 0;
      // The decision formula that repeats a condition is procedure, not the condition as the body states it.
      if (!strength || seen.has(sentence) || STANCE_ONLY.test(sentence) || procedureKind(sentence)) continue;
      seen.add(sentence);
      found.push({ text: sentence, strength, order });
    }
  }
  return found
    .sort((a, b) => b.strength - a.strength || a.order - b.order)
    .slice(0, limit)
    .sort((a, b) => a.order - b.order)
    .map((c) => c.text);
}
