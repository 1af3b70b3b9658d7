import type { Overview, StanceKey, ResponseStance } from '../classify/analyse.js';
import type { ResponseOutcome, ReviewMark } from '../classify/outcome.js';
import type { Respondent } from '../model.js';
import type { Tagging } from '../report/aggregate.js';

/** A piece of evidence as a diff shows it: the pattern, what it matched, and the sentence. */
export interface DiffEvidence {
  pattern: string;
  match: string;
  sentence: string;
}

/** A tag on an answer as it was published on one side. */
export interface SideTag {
  id: string;
  origin: 'codebook' | 'review';
  evidence: DiffEvidence[];
  review?: ReviewMark;
}

/** One answer of one side: who gave it, its published tags, and the codebook's tags a person took away. */
export interface SideAnswer {
  answer: string;
  response: string;
  respondent: string;
  question?: string;
  /** Place in the corpus, so that lists follow the corpus. */
  index: number;
  themes: SideTag[];
  removed?: { id: string; review: ReviewMark }[];
}

export interface SideResponse {
  response: string;
  respondent: string;
  stance: StanceKey;
  origin: ResponseStance['origin'];
  review?: ResponseStance['review'];
}

/** The published counts of one side, as the reports print them. */
export interface SideCounts {
  respondents: number;
  responses: number;
  answers: number;
  untaggedAnswers: number;
  inferredStances: number;
  /** The tags as published, and what people's decisions did to them (the reports' review sentence). */
  tagging: { tags: number; reviewed: number; added: number; removed: number; stancesReviewed: number };
  themes: { id: string; respondents: number; answers: number; share: number }[];
  positions: Record<StanceKey, number>;
}

/** One run's results: what `dialog diff` compares. */
export interface RunResult {
  /** What this side is, for people ("HEAD~1 (3f2a9c1)", "codebook old.yaml"). */
  label: string;
  /** The codebook's themes, in its order, with their Swedish labels. */
  themes: { id: string; label: string }[];
  /** Who answered, by id. */
  respondents: Map<string, { id: string; name: string }>;
  answers: Map<string, SideAnswer>;
  responses: Map<string, SideResponse>;
  counts: SideCounts;
}

/** Evidence kept per tag: enough to show why, bounded for answers that match a pattern a hundred times. */
const EVIDENCE_KEPT = 3;

/**
 * Gathers one side's results from the classified (and reviewed) outcomes, in corpus order; the
 * counts come from the same Aggregator overview the reports print.
 */
export class ResultCollector {
  private readonly answers = new Map<string, SideAnswer>();
  private readonly responses = new Map<string, SideResponse>();

  constructor(
    private readonly label: string,
    private readonly themes: { id: string; label: string }[],
  ) {}

  add(o: ResponseOutcome): void {
    this.responses.set(o.response, { response: o.response, respondent: o.respondent, stance: o.stance.stance, origin: o.stance.origin, ...(o.stance.review ? { review: o.stance.review } : {}) });
    for (const a of o.answers) {
      const side: SideAnswer = {
        answer: a.answer,
        response: o.response,
        respondent: o.respondent,
        index: this.answers.size,
        themes: a.themes.map((t) => ({
          id: t.id,
          origin: t.review ? 'review' : 'codebook',
          evidence: t.evidence.slice(0, EVIDENCE_KEPT).map((e) => ({ pattern: e.pattern, match: e.match, sentence: e.sentence })),
          ...(t.review ? { review: t.review } : {}),
        })),
      };
      if (a.question) side.question = a.question;
      if (a.removed?.length) side.removed = a.removed.map((r) => ({ id: r.id, review: r.review }));
      this.answers.set(a.answer, side);
    }
  }

  /** The side's result, with the counts of the run's overview and the names of its respondents. */
  result(overview: Overview, responses: number, tagging: Tagging, people: ReadonlyMap<string, Respondent>): RunResult {
    const respondents = new Map<string, { id: string; name: string }>();
    for (const r of this.responses.values()) if (!respondents.has(r.respondent)) respondents.set(r.respondent, { id: r.respondent, name: people.get(r.respondent)?.name ?? r.respondent });
    return {
      label: this.label,
      themes: this.themes,
      respondents,
      answers: this.answers,
      responses: this.responses,
      counts: {
        respondents: overview.respondents,
        responses,
        answers: overview.answers,
        untaggedAnswers: overview.untaggedAnswers,
        inferredStances: overview.inferredStances,
        tagging: { tags: tagging.tags, reviewed: tagging.reviewed, added: tagging.added, removed: tagging.removed, stancesReviewed: tagging.stancesReviewed },
        themes: overview.themes.map((t) => ({ id: t.id, respondents: t.respondents.length, answers: t.answers, share: t.share })),
        positions: { ...overview.stances },
      },
    };
  }
}

/** A side with nothing in it: the workspace before it had inputs. */
export function emptyResult(label: string, themes: { id: string; label: string }[] = []): RunResult {
  return {
    label,
    themes,
    respondents: new Map(),
    answers: new Map(),
    responses: new Map(),
    counts: { respondents: 0, responses: 0, answers: 0, untaggedAnswers: 0, inferredStances: 0, tagging: { tags: 0, reviewed: 0, added: 0, removed: 0, stancesReviewed: 0 }, themes: themes.map((t) => ({ id: t.id, respondents: 0, answers: 0, share: 0 })), positions: { support: 0, conditional: 0, oppose: 0, 'no-opinion': 0, unknown: 0 } },
  };
}
