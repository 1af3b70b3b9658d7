import { classifyResponse } from './context.js';
import type { CompiledCodebook } from './codebook.js';
import type { Reservation, Response } from '../model.js';
import { stanceOf, textsOf, type ResponseStance } from './analyse.js';
import { oneLine } from '../text/text.js';
import { detach } from '../text/detach.js';
import { statedConditions } from './conditions.js';
import { procedureKind, withoutProcedure, type ProcedureKind } from '../text/procedure.js';

export interface OutcomeEvidence {
  pattern: string;
  match: string;
  start: number;
  end: number;
  /** The sentence the match stands in, whitespace folded. */
  sentence: string;
  sentenceStart: number;
  /** Sampling rank of the sentence (see rankOf). */
  rank: number;
  /**
   * Whether the sentence is procedure (see procedureKind), decided where the evidence is made:
   * on the worker threads, not on the thread that aggregates a million answers.
   */
  procedure: boolean;
}

/** A person's decision on a tag (see src/core/review): who, when, and why. */
export interface ReviewMark {
  /** What the person did to the machine's tag: kept it, added it, or took it away. */
  change: 'confirmed' | 'added' | 'removed';
  reviewer: string;
  date: string;
  note?: string;
}

export interface ThemeOutcome {
  id: string;
  score: number;
  evidence: OutcomeEvidence[];
  /** Set when a person decided on this tag (origin: review); absent for the codebook's own. */
  review?: ReviewMark;
}

/** What the summaries need of one answer: assigned themes with evidence, sentences included. */
export interface AnswerOutcome {
  answer: string;
  question?: string;
  themes: ThemeOutcome[];
  /** Tags of the codebook that a person took away. */
  removed?: { id: string; review: ReviewMark }[];
  /** Set when a person decided on this answer's themes (even that it has none). */
  reviewed?: true;
  /**
   * The answer's text without its procedural sentences, only when the answer falls in the
   * deterministic sample (see sampleFraction); `procedure` says what was left out.
   */
  text?: string;
  procedure?: ProcedureKind[];
  /** A number in [0, 1) derived from the answer id: the same answer always gets the same one. */
  rank: number;
}

export interface ResponseOutcome {
  response: string;
  respondent: string;
  date?: string;
  reference?: string;
  organ?: string;
  stance: ResponseStance;
  reservations: Reservation[];
  /** With a conditional stance: the sentences that state its conditions (see statedConditions). */
  conditions?: string[];
  answers: AnswerOutcome[];
  /**
   * The answers' ids and beginnings, for a respondent named by a review decision: how the main
   * thread tells what became of a decision whose answer is no longer there (see review/orphans).
   */
  reviewContext?: { answer: string; text: string }[];
}

/**
 * Deterministic pseudo-random rank of an id in [0, 1): content, not order, decides samples.
 * FNV-1a with a final avalanche: fast, and spread well enough for sampling.
 */
export function rankOf(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 2 ** 32;
}

/**
 * Classifies one response. Texts travel on only for answers whose rank is below
 * `sampleFraction`, so that a million answers need not be kept to summarise them. With
 * `sentenceLimits`, evidence travels only where its sentence's rank is below the theme's limit:
 * the rest could not be used, and cutting, copying and sending it cost a fifth of `themes`.
 */
export function outcomeOf(book: CompiledCodebook, r: Response, sampleFraction = 1, sentenceLimits?: readonly number[]): ResponseOutcome {
  const out: ResponseOutcome = { response: r.id, respondent: r.respondent, stance: stanceOf(r), reservations: r.reservations, answers: [] };
  if (r.date) out.date = r.date;
  if (r.reference) out.reference = r.reference;
  if (r.organ) out.organ = r.organ;
  if (out.stance.stance === 'conditional') {
    const conditions = statedConditions(textsOf(r));
    if (conditions.length) out.conditions = conditions;
  }
  const classified = classifyResponse(book, r);
  for (const [j, a] of r.answers.entries()) {
    const c = classified[j];
    const rank = rankOf(a.id);
    const outcome: AnswerOutcome = { answer: a.id, themes: [], rank };
    if (a.question) outcome.question = a.question;
    for (const [ti, t] of c.themes.entries()) {
      if (!t.assigned) continue;
      const limit = sentenceLimits?.[ti] ?? Infinity;
      outcome.themes.push({
        id: t.id,
        score: t.score,
        evidence: t.evidence
          .filter((e) => !e.vetoedBy && !e.unmet)
          .map((e) => ({ e, rank: rankOf(`${a.id}@${e.sentence[0]}`) }))
          .filter(({ rank }) => rank < limit)
          .map(({ e, rank }) => {
            // Detached: a slice would keep the whole answer text alive as long as the outcome.
            const sentence = detach(oneLine(a.text.slice(e.sentence[0], e.sentence[1])));
            return { pattern: e.pattern, match: detach(e.match), start: e.start, end: e.end, sentence, sentenceStart: e.sentence[0], rank, procedure: procedureKind(sentence) !== undefined };
          }),
      });
    }
    if (rank < sampleFraction) {
      // Procedure stays in the corpus but is no view: samples keep the text without it.
      const { text, removed } = withoutProcedure(a.text);
      outcome.text = text;
      if (removed.length) outcome.procedure = removed;
    }
    out.answers.push(outcome);
  }
  return out;
}

/** One answer's result as written to themes.json and `dialog themes --format json`. */
export function answerResult(o: ResponseOutcome, a: AnswerOutcome) {
  return {
    answer: a.answer,
    response: o.response,
    respondent: o.respondent,
    ...(a.question ? { question: a.question } : {}),
    stance: { stance: o.stance.stance, origin: o.stance.origin, ...(o.stance.evidence ? { evidence: o.stance.evidence } : {}), ...(o.stance.review ? { review: o.stance.review } : {}) },
    themes: a.themes.map((t) => ({
      id: t.id,
      origin: t.review ? 'review' : 'codebook',
      score: t.score,
      evidence: t.evidence.map((e) => ({ pattern: e.pattern, match: e.match, start: e.start, end: e.end, sentence: e.sentence })),
      ...(t.review ? { review: t.review } : {}),
    })),
    ...(a.removed?.length ? { removed: a.removed.map((r) => ({ id: r.id, origin: 'review', review: r.review })) } : {}),
    ...(a.reviewed ? { reviewed: true } : {}),
  };
}
