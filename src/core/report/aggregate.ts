import { GROUP_KEYS, STANCE_KEYS, groupOf, type GroupKey, type Overview, type StanceKey, type ThemeStat } from '../classify/analyse.js';
import type { CompiledCodebook } from '../classify/codebook.js';
import type { Consultation, Reservation, Respondent, Response } from '../model.js';
import type { AnswerOutcome, OutcomeEvidence, ResponseOutcome } from '../classify/outcome.js';
import type { Candidate } from './statements.js';
import { detach } from '../text/detach.js';
import { REVIEW_PATTERN } from '../review/apply.js';
import type { RespondentTheme } from '../audit/respondent-share.js';
import type { UnreadableDocument } from './unreadable.js';
import { PROCEDURE_KINDS, type ProcedureKind } from '../text/procedure.js';

/** How many items a sample keeps: enough for stable statistics, bounded for a million answers. */
export const SAMPLE_SIZE = 20_000;
/** How many texts of each sample the coverage terms are counted on. */
export const COVERAGE_SAMPLE = 5_000;

/**
 * The items with the smallest ranks (a bottom-k sample): deterministic and independent of the
 * order items arrive in, so the same corpus gives the same sample however it is split.
 */
export class BottomK<T> {
  private items: { rank: number; item: T }[] = [];
  private bound = Infinity;
  constructor(private readonly k: number) {}
  /**
   * The rank from which an item can no longer be among the k smallest: the k-th smallest rank
   * seen so far (infinite until k items came). Items at or above it are turned away at once;
   * a tie loses to the item that came first, as in the stable sort of prune.
   */
  get limit(): number {
    return this.bound;
  }
  add(rank: number, item: T): void {
    if (rank >= this.bound) return;
    this.items.push({ rank, item });
    if (this.items.length >= 2 * this.k) this.prune();
  }
  private prune(): void {
    this.items.sort((a, b) => a.rank - b.rank);
    this.items.length = Math.min(this.items.length, this.k);
    if (this.items.length === this.k && this.k > 0) this.bound = this.items[this.k - 1].rank;
  }
  /** The sample, in rank order. */
  values(): T[] {
    this.prune();
    return this.items.map((x) => x.item);
  }
}

/** Tags after review: how many are published, how many a person decided on, and what they changed. */
export interface Tagging {
  /** Theme tags on answers, as published (after people's decisions). */
  tags: number;
  /** Of those, the ones a person confirmed or added. */
  reviewed: number;
  /** Tags a person added that the codebook did not give. */
  added: number;
  /** Tags of the codebook a person took away (not among `tags`). */
  removed: number;
  /** Answers whose themes a person decided on (some have none). */
  answersReviewed: number;
  stancesReviewed: number;
  /** Positions a person set differently from the stated or inferred one. */
  stancesChanged: number;
}

export interface RespondentSummary {
  id: string;
  firstDate?: string;
  reference?: string;
  /** The bodies of the respondent that answered ("Kommunstyrelsen"), as written. */
  organs?: string[];
  stance: StanceKey;
  stanceInferred: boolean;
  /** With a conditional stance: the conditions it states, as written (at most two). */
  conditions?: string[];
  /** The parties' dissents attached to its responses. */
  reservations?: Reservation[];
  /** Best-scoring evidence sentence per theme (absent until the respondent raises one), with the heading of the document section it stands in. */
  quotes?: Record<string, { score: number; text: string; heading?: string }>;
}

/** One pass over the classified responses gathers everything the summaries report. */
export class Aggregator {
  readonly themeIds: string[];
  private readonly themeRespondents: Set<string>[];
  private readonly themeAnswers: number[];
  readonly respondents = new Map<string, RespondentSummary>();
  readonly candidates: BottomK<Candidate>[];
  readonly untagged = new BottomK<Candidate & { answer: string }>(SAMPLE_SIZE);
  readonly tagged = new BottomK<string>(SAMPLE_SIZE);
  readonly reservations: (Reservation & { respondent: string })[] = [];
  readonly stanceOrigins = { stated: 0, inferred: 0, none: 0, review: 0 };
  /** The tags as published, and what people's decisions did to them (see core/review). */
  readonly tagging: Tagging = { tags: 0, reviewed: 0, added: 0, removed: 0, answersReviewed: 0, stancesReviewed: 0, stancesChanged: 0 };
  /** Documents of the corpus that could not be read (set by the caller from the corpus's sources): reports name them. */
  unreadable: UnreadableDocument[] = [];
  /** Per respondent, what its answers say of each theme (only with `auditCounts`): for shares corrected by an audit. */
  private readonly auditCounts = new Map<string, { unreviewed: number; tagged: number[]; sure: boolean[] }>();
  responses = 0;
  answers = 0;
  untaggedAnswers = 0;
  /** Procedural sentences (decision formulas, routing, signatures, contact lines) in the texts read: left out of quotes, other views and terms. */
  readonly procedure = Object.fromEntries(PROCEDURE_KINDS.map((k) => [k, 0])) as Record<ProcedureKind, number>;
  firstDate?: string;
  lastDate?: string;
  private summary: Overview | undefined;

  /**
   * `quotes: false` leaves out each respondent's best sentence per theme, which only the
   * remissammanställning prints: a million answers from 400 000 respondents would keep as many.
   * `statements: false` leaves out the sample of sentences per theme that reports quote
   * (`dialog themes` prints counts only). `sampleSize` is that sample's size (SAMPLE_SIZE).
   */
  constructor(
    readonly book: CompiledCodebook,
    readonly people: Map<string, Respondent>,
    readonly consultation?: Consultation,
    private readonly options: { quotes: boolean; statements?: boolean; sampleSize?: number; auditCounts?: boolean } = { quotes: true },
  ) {
    this.themeIds = book.themes.map((t) => t.id);
    this.themeRespondents = this.themeIds.map(() => new Set());
    this.themeAnswers = this.themeIds.map(() => 0);
    this.candidates = this.themeIds.map(() => new BottomK<Candidate>(options.sampleSize ?? SAMPLE_SIZE));
  }

  /**
   * Per theme (codebook order), the sampling rank from which evidence can no longer be used:
   * classifiers leave it out instead of cutting and sending its sentence. Infinite where every
   * piece may be used (quotes), minus infinity where none is (counts only).
   */
  sentenceLimits(): number[] {
    if (this.options.quotes) return this.themeIds.map(() => Infinity);
    if (this.options.statements === false) return this.themeIds.map(() => -Infinity);
    return this.candidates.map((c) => c.limit);
  }

  add(o: ResponseOutcome): void {
    this.summary = undefined;
    this.responses++;
    this.stanceOrigins[o.stance.origin]++;
    if (o.stance.review) {
      this.tagging.stancesReviewed++;
      if (o.stance.review.was !== o.stance.stance) this.tagging.stancesChanged++;
    }
    let who = this.respondents.get(o.respondent);
    if (!who) {
      who = { id: o.respondent, stance: o.stance.stance, stanceInferred: o.stance.origin === 'inferred' };
      this.respondents.set(o.respondent, who);
    } else if (who.stance === 'unknown' && o.stance.stance !== 'unknown') {
      who.stance = o.stance.stance;
      who.stanceInferred = o.stance.origin === 'inferred';
    }
    if (o.date) {
      if (!who.firstDate || o.date < who.firstDate) who.firstDate = o.date;
      if (!this.firstDate || o.date < this.firstDate) this.firstDate = o.date;
      if (!this.lastDate || o.date > this.lastDate) this.lastDate = o.date;
    }
    if (o.reference && !who.reference) who.reference = o.reference;
    if (o.organ && !who.organs?.includes(o.organ)) (who.organs ??= []).push(o.organ);
    for (const r of o.reservations) {
      this.reservations.push({ ...r, respondent: o.respondent });
      (who.reservations ??= []).push(r);
    }
    if (o.stance.stance === who.stance)
      for (const c of o.conditions ?? []) if ((who.conditions?.length ?? 0) < 2 && !who.conditions?.includes(c)) (who.conditions ??= []).push(c);
    for (const a of o.answers) this.addAnswer(o.respondent, who, a);
  }

  private addAnswer(respondent: string, who: RespondentSummary, a: AnswerOutcome): void {
    this.answers++;
    if (this.options.auditCounts) this.countForAudit(respondent, a);
    this.tagging.tags += a.themes.length;
    this.tagging.removed += a.removed?.length ?? 0;
    if (a.reviewed) this.tagging.answersReviewed++;
    for (const t of a.themes)
      if (t.review) {
        this.tagging.reviewed++;
        if (t.review.change === 'added') this.tagging.added++;
      }
    // The sample's texts come without their procedure (see outcomeOf).
    const text = a.text;
    for (const k of a.procedure ?? []) this.procedure[k]++;
    if (!a.themes.length) {
      this.untaggedAnswers++;
      if (text?.trim()) this.untagged.add(a.rank, { text: detach(text), respondent, answer: a.answer });
      return;
    }
    if (text !== undefined) this.tagged.add(a.rank, detach(text));
    for (const t of a.themes) {
      const i = this.themeIds.indexOf(t.id);
      this.themeAnswers[i]++;
      this.themeRespondents[i].add(respondent);
      if (this.options.statements !== false) this.addCandidates(i, respondent, t.evidence);
      if (!this.options.quotes) continue;
      who.quotes ??= Object.create(null) as Record<string, { score: number; text: string; heading?: string }>; // theme ids are user text: no prototype
      const best = who.quotes[t.id];
      const heading = (a as HeadedAnswer).heading;
      if (!best || t.score > best.score) who.quotes[t.id] = { score: t.score, text: bestSentence(t.evidence), ...(heading ? { heading } : {}) };
    }
  }

  private countForAudit(respondent: string, a: AnswerOutcome): void {
    let c = this.auditCounts.get(respondent);
    if (!c) this.auditCounts.set(respondent, (c = { unreviewed: 0, tagged: this.themeIds.map(() => 0), sure: this.themeIds.map(() => false) }));
    if (a.reviewed) {
      for (const t of a.themes) c.sure[this.themeIds.indexOf(t.id)] = true;
      return;
    }
    c.unreviewed++;
    for (const t of a.themes) c.tagged[this.themeIds.indexOf(t.id)]++;
  }

  /** For each respondent, what its answers say of the theme at `index` (needs `auditCounts`). */
  respondentThemes(index: number): RespondentTheme[] {
    return [...this.respondents.keys()].map((id) => {
      const c = this.auditCounts.get(id);
      return c ? { sure: c.sure[index], tagged: c.tagged[index], untagged: c.unreviewed - c.tagged[index] } : { sure: false, tagged: 0, untagged: 0 };
    });
  }

  private addCandidates(theme: number, respondent: string, evidence: OutcomeEvidence[]): void {
    const seen = new Set<number>();
    for (const e of evidence) {
      // A theme a person added has the answer's first sentence as evidence: the respondent's quote,
      // not a statement on the theme (nothing in it need be about the theme).
      if (seen.has(e.sentenceStart) || e.pattern === REVIEW_PATTERN) continue;
      seen.add(e.sentenceStart);
      if (e.procedure) continue;
      this.candidates[theme].add(e.rank, { text: e.sentence, respondent });
    }
  }

  /**
   * Untagged and tagged texts for the terms that distinguish what the codebook misses: the first
   * COVERAGE_SAMPLE of each bottom-k sample, itself a bottom-k sample, so as deterministic;
   * ranking terms needs fewer texts than quoting does, and tokenising 40 000 answers cost a
   * tenth of `themes` on real text.
   */
  coverageTexts(): { untagged: string[]; tagged: string[] } {
    return {
      untagged: this.untagged.values().slice(0, COVERAGE_SAMPLE).map((a) => a.text),
      tagged: this.tagged.values().slice(0, COVERAGE_SAMPLE),
    };
  }

  /**
   * The counts of everything added so far, computed once: a report asks several times, and at a
   * million answers each asking sorted every theme's respondents again. Treat it as read-only.
   */
  overview(): Overview {
    return (this.summary ??= this.computeOverview());
  }

  private computeOverview(): Overview {
    const zero = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
    const total = this.respondents.size;
    const groups: Partial<Record<GroupKey, number>> = {};
    const present = new Map<GroupKey, number>();
    for (const r of this.respondents.keys()) {
      const g = groupOf(this.people.get(r));
      present.set(g, (present.get(g) ?? 0) + 1);
    }
    for (const g of GROUP_KEYS) if (present.has(g)) groups[g] = present.get(g)!;
    const themes: ThemeStat[] = this.themeIds.map((id, i) => {
      const ids = [...this.themeRespondents[i]].sort();
      const byStance = zero(STANCE_KEYS);
      const byGroup: Partial<Record<GroupKey, number>> = {};
      for (const g of GROUP_KEYS) if (present.has(g)) byGroup[g] = 0;
      for (const r of ids) {
        byStance[this.respondents.get(r)!.stance]++;
        byGroup[groupOf(this.people.get(r))]!++;
      }
      return { id, respondents: ids, answers: this.themeAnswers[i], share: total ? ids.length / total : 0, byStance, byGroup };
    });
    const stances = zero(STANCE_KEYS);
    for (const r of this.respondents.values()) stances[r.stance]++;
    return { respondents: total, answers: this.answers, themes, stances, groups, inferredStances: [...this.respondents.values()].filter((r) => r.stanceInferred).length, untaggedAnswers: this.untaggedAnswers };
  }
}

/** An answer's outcome with the heading it stood under in its document (see `withHeadings`). */
type HeadedAnswer = AnswerOutcome & { heading?: string };

/**
 * The outcome of a response with each answer's document heading beside it, so that a quote in
 * the remissammanställning can say which section of the letter it comes from. The outcome holds
 * one answer per answer of the response, in order.
 */
export function withHeadings(o: ResponseOutcome, r: Response): ResponseOutcome {
  r.answers.forEach((a, i) => {
    const answer = o.answers[i] as HeadedAnswer | undefined;
    if (a.heading && answer?.answer === a.id) answer.heading = a.heading;
  });
  return o;
}

function bestSentence(evidence: OutcomeEvidence[]): string {
  if (!evidence.length) throw new Error('the evidence a quote needs was left out (see sentenceLimits)');
  // A view, not procedure, where the answer has one.
  return (evidence.find((e) => !e.procedure) ?? evidence[0]).sentence;
}

/** The fraction of answers whose text must travel for samples of SAMPLE_SIZE (with margin). */
export function sampleFractionFor(answers: number): number {
  return answers <= 4 * SAMPLE_SIZE ? 1 : (4 * SAMPLE_SIZE) / answers;
}
