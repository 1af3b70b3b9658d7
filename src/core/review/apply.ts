import type { AnswerOutcome, ResponseOutcome, ReviewMark, ThemeOutcome } from '../classify/outcome.js';
import { rankOf } from '../classify/outcome.js';
import type { Response } from '../model.js';
import { oneLine, sentences } from '../text/text.js';
import { procedureKind } from '../text/procedure.js';
import { detach } from '../text/detach.js';
import type { Review, StanceDecision, ThemeDecision } from './decisions.js';
import { classify, type ThemeScore } from '../classify/classify.js';
import type { CompiledCodebook } from '../classify/codebook.js';

/** Characters of an answer's beginning kept with a decision, to recognise the answer when it changes. */
export const EXCERPT = 120;

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
export function reviewOutcome(o: ResponseOutcome, response: Response, review: Review, book: CompiledCodebook, respondents: ReadonlySet<string>): ResponseOutcome {
  const stance = review.responses.get(o.response);
  if (stance) o.stance = reviewedStance(o, stance);
  response.answers.forEach((answer, i) => {
    const decision = review.answers.get(answer.id);
    if (decision) o.answers[i] = reviewedAnswer(o.answers[i], answer.text, decision, book);
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
 * A theme they add that the machine did not give gets as its evidence the sentence where the
 * codebook found most for it (below the threshold), else the answer's first sentence, so that
 * the respondent's quote under it is the answer's own words. Themes the
 * decision does not name stay as the codebook gave them (a theme the codebook gives later, after
 * the review, is the machine's and counts as not reviewed).
 */
function reviewedAnswer(a: AnswerOutcome, text: string, d: ThemeDecision, book: CompiledCodebook): AnswerOutcome {
  const said = new Set([...d.confirm, ...d.add]);
  const denied = new Set(d.remove);
  const themes: ThemeOutcome[] = [];
  const removed: NonNullable<AnswerOutcome['removed']> = [];
  const given = new Map(a.themes.map((t) => [t.id, t]));
  let scores: ThemeScore[] | undefined;
  for (const { id } of book.themes) {
    const machine = given.get(id);
    if (denied.has(id)) {
      if (machine) removed.push({ id, review: markOf(d, 'removed') });
    } else if (said.has(id)) {
      if (machine) themes.push({ ...machine, review: markOf(d, 'confirmed') });
      else {
        scores ??= classify(book, text).themes;
        themes.push({ id, score: 0, evidence: quotedSentence(a.answer, text, scores.find((t) => t.id === id)!), review: markOf(d, 'added') });
      }
    }
    else if (machine) themes.push(machine);
  }
  return { ...a, themes, ...(removed.length ? { removed } : {}), reviewed: true };
}

function quotedSentence(answer: string, text: string, score: ThemeScore): ThemeOutcome['evidence'] {
  const weights = new Map<number, { end: number; weight: number }>();
  for (const e of score.evidence) {
    if (e.vetoedBy) continue;
    const at = weights.get(e.sentence[0]) ?? { end: e.sentence[1], weight: 0 };
    at.weight += e.weight;
    weights.set(e.sentence[0], at);
  }
  const best = [...weights].sort((x, y) => y[1].weight - x[1].weight || x[0] - y[0])[0];
  const chosen = best ? { start: best[0], end: best[1].end } : sentences(text).find((s) => /\p{L}/u.test(text.slice(s.start, s.end)));
  if (!chosen) return [];
  const sentence = detach(oneLine(text.slice(chosen.start, chosen.end)));
  return [{ pattern: REVIEW_PATTERN, match: '', start: chosen.start, end: chosen.start, sentence, sentenceStart: chosen.start, rank: rankOf(`${answer}@${chosen.start}`), procedure: procedureKind(sentence) !== undefined }];
}
