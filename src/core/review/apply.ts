import type { AnswerOutcome, ResponseOutcome, ReviewMark, ThemeOutcome } from '../classify/outcome.js';
import { rankOf } from '../classify/outcome.js';
import type { Response } from '../model.js';
import { oneLine, sentences } from '../text/text.js';
import { detach } from '../text/detach.js';
import type { Review, StanceDecision, ThemeDecision } from './decisions.js';

/** Characters of an answer's beginning kept with a decision, to recognise the answer when it changes. */
export const EXCERPT = 200;

/** The beginning of an answer as decisions keep it: one line, at most EXCERPT characters. */
export const excerptOf = (text: string): string => {
  const line = oneLine(text);
  return line.length > EXCERPT ? `${line.slice(0, EXCERPT - 1)}…` : line;
};

/** The pattern named by the evidence of a theme a person added: no codebook pattern found it. */
export const REVIEW_PATTERN = 'review';

/**
 * The review stage, between classification and aggregation: a response's outcome with the
 * person's decisions in place of the codebook's where they differ. Decisions are looked up by the
 * ids the outcome carries, so a decision is applied to its own answer or to none. `themeOrder` is
 * the codebook's, which the outcome's themes follow.
 */
export function reviewOutcome(o: ResponseOutcome, response: Response, review: Review, themeOrder: readonly string[], respondents: ReadonlySet<string>): ResponseOutcome {
  const stance = review.responses.get(o.response);
  if (stance) o.stance = reviewedStance(o, stance);
  response.answers.forEach((answer, i) => {
    const decision = review.answers.get(answer.id);
    if (decision) o.answers[i] = reviewedAnswer(o.answers[i], answer.text, decision, themeOrder);
  });
  if (respondents.has(o.respondent)) o.reviewContext = response.answers.map((a) => ({ answer: a.id, text: detach(excerptOf(a.text)) }));
  return o;
}

const markOf = (d: ThemeDecision | StanceDecision, change: ReviewMark['change']): ReviewMark => ({ change, reviewer: d.reviewer, date: d.date, ...(d.note ? { note: d.note } : {}) });

function reviewedStance(o: ResponseOutcome, d: StanceDecision): ResponseOutcome['stance'] {
  return { response: o.response, respondent: o.respondent, stance: d.stance, origin: 'review', review: { reviewer: d.reviewer, date: d.date, ...(d.note ? { note: d.note } : {}), was: o.stance.stance } };
}

/**
 * A person's reading wins: a theme they confirm or add is the answer's, one they remove is not.
 * A theme they add that the machine did not give gets the answer's first sentence as its
 * evidence, so that the respondent's quote under it is the answer's own words. Themes the
 * decision does not name stay as the codebook gave them (a theme the codebook gives later, after
 * the review, is the machine's and counts as not reviewed).
 */
function reviewedAnswer(a: AnswerOutcome, text: string, d: ThemeDecision, themeOrder: readonly string[]): AnswerOutcome {
  const said = new Set([...d.confirm, ...d.add]);
  const denied = new Set(d.remove);
  const themes: ThemeOutcome[] = [];
  const removed: NonNullable<AnswerOutcome['removed']> = [];
  const given = new Map(a.themes.map((t) => [t.id, t]));
  for (const id of themeOrder) {
    const machine = given.get(id);
    if (denied.has(id)) {
      if (machine) removed.push({ id, review: markOf(d, 'removed') });
    } else if (said.has(id)) themes.push(machine ? { ...machine, review: markOf(d, 'confirmed') } : { id, score: 0, evidence: firstSentence(a.answer, text), review: markOf(d, 'added') });
    else if (machine) themes.push(machine);
  }
  return { ...a, themes, ...(removed.length ? { removed } : {}) };
}

function firstSentence(answer: string, text: string): ThemeOutcome['evidence'] {
  const first = sentences(text).find((s) => /\p{L}/u.test(text.slice(s.start, s.end)));
  if (!first) return [];
  const sentence = detach(oneLine(text.slice(first.start, first.end)));
  return [{ pattern: REVIEW_PATTERN, match: '', start: first.start, end: first.start, sentence, sentenceStart: first.start, rank: rankOf(`${answer}@${first.start}`) }];
}
