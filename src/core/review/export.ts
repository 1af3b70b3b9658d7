import type { ThemeScore } from '../classify/classify.js';
import { classifyResponse } from '../classify/context.js';
import type { CompiledCodebook } from '../classify/codebook.js';
import { stanceOf } from '../classify/analyse.js';
import type { Corpus, Respondent } from '../model.js';
import { oneLine } from '../text/text.js';
import type { Review } from './decisions.js';

/** Characters of an answer's text in a sheet: enough to judge it by, within what a cell shows. */
export const SHEET_TEXT_LIMIT = 2000;

/** How close to its threshold a score must be for the tag (or its absence) to count as uncertain, relative to the threshold. */
const NEAR = 0.5;

/** The columns of a review sheet, in order; the last four are the person's, empty when exported. */
export const SHEET_COLUMNS = ['answer', 'response', 'respondent', 'question', 'text', 'machine_themes', 'evidence', 'uncertain', 'machine_stance', 'reviewed', 'themes', 'stance', 'note', 'reviewer'] as const;
export type SheetColumn = (typeof SHEET_COLUMNS)[number];
/** The columns `dialog review import` reads; the others are there for the reader. */
export const DECISION_COLUMNS: readonly SheetColumn[] = ['themes', 'stance', 'note', 'reviewer'];

export interface ReviewRow {
  answer: string;
  response: string;
  respondent: string;
  respondentName: string;
  question: string;
  text: string;
  machineThemes: string[];
  evidence: string;
  /** Why the machine may be wrong here, in words; empty when nothing speaks for doubt. */
  uncertain: string;
  /** 0 for the least certain; larger is surer (see uncertaintyOf). */
  margin: number;
  machineStance: string;
  /** A decision already in the review file, in words; empty when none. */
  reviewed: string;
}

export type SheetOrder = 'uncertain' | 'theme' | 'respondent';

export interface ExportOptions {
  order: SheetOrder;
  /** Only answers the machine tagged with this theme, or where it found evidence for it. */
  theme?: string;
  /** Only these respondents (ids). */
  respondents?: ReadonlySet<string>;
  /** Answers with a decision in the review file too (left out by default: they are reviewed). */
  includeReviewed: boolean;
  limit?: number;
}

/**
 * The answers to review, one row each, the machine's least certain first: tags whose score lies
 * near the theme's threshold (on either side), matches that a companion cue did not confirm, and
 * matches an exclusion vetoed. Each row has the text, the machine's themes and evidence, and
 * empty columns for the person's decision.
 */
export function reviewRows(corpus: Corpus, book: CompiledCodebook, review: Review | undefined, opts: ExportOptions): ReviewRow[] {
  const people = new Map<string, Respondent>(corpus.respondents.map((p) => [p.id, p]));
  const rows: ReviewRow[] = [];
  for (const r of corpus.responses) {
    if (opts.respondents && !opts.respondents.has(r.respondent)) continue;
    const stance = stanceOf(r);
    const stanceDecision = review?.responses.get(r.id);
    // Classified as the run classifies it: in its response, where context rules count.
    const classified = classifyResponse(book, r);
    for (const [i, a] of r.answers.entries()) {
      const decision = review?.answers.get(a.id);
      if ((decision || stanceDecision) && !opts.includeReviewed) continue;
      const scores = classified[i].themes;
      if (opts.theme && !scores.some((t) => t.id === opts.theme && t.evidence.length)) continue;
      const { margin, reasons } = uncertaintyOf(scores);
      const text = oneLine(a.text);
      const said: string[] = [];
      if (decision) said.push(`${decision.reviewer} ${decision.date}:${decision.confirm.length ? ` ok ${decision.confirm.join(' ')}` : ''}${decision.add.length ? ` +${decision.add.join(' +')}` : ''}${decision.remove.length ? ` −${decision.remove.join(' −')}` : ''}`);
      if (stanceDecision) said.push(`${stanceDecision.reviewer} ${stanceDecision.date}: stance ${stanceDecision.stance}`);
      rows.push({
        answer: a.id,
        response: r.id,
        respondent: r.respondent,
        respondentName: people.get(r.respondent)?.name ?? r.respondentAsWritten,
        question: a.question ?? '',
        text: text.length > SHEET_TEXT_LIMIT ? `${text.slice(0, SHEET_TEXT_LIMIT - 1)}…` : text,
        machineThemes: scores.filter((t) => t.assigned).map((t) => t.id),
        evidence: evidenceText(scores),
        uncertain: reasons.join('; '),
        margin,
        machineStance: stance.stance === 'unknown' ? '' : `${stance.stance}${stance.origin === 'inferred' ? ' (inferred)' : ''}`,
        reviewed: said.join('; '),
      });
    }
  }
  const byName = new Intl.Collator('sv');
  const firstTheme = (row: ReviewRow) => (row.machineThemes.length ? book.themes.findIndex((t) => t.id === row.machineThemes[0]) : book.themes.length);
  const order: Record<SheetOrder, (a: ReviewRow, b: ReviewRow) => number> = {
    uncertain: (a, b) => a.margin - b.margin,
    theme: (a, b) => firstTheme(a) - firstTheme(b) || a.margin - b.margin,
    respondent: (a, b) => byName.compare(a.respondentName, b.respondentName),
  };
  // Stable sort: rows that tie stay in corpus order, so the same corpus gives the same sheet.
  rows.sort(order[opts.order]);
  return opts.limit !== undefined ? rows.slice(0, opts.limit) : rows;
}

/**
 * How sure the machine is of an answer: the smallest distance of a theme's score from its
 * threshold, relative to the threshold, over the themes it found anything for (0 for a match that
 * was vetoed or lacked its companion: the codebook itself marks those as borderline). An answer
 * with no match at all is as sure as can be (Infinity): nothing speaks for any theme.
 */
export function uncertaintyOf(scores: readonly ThemeScore[]): { margin: number; reasons: string[] } {
  let margin = Infinity;
  const reasons: string[] = [];
  for (const t of scores) {
    if (!t.evidence.length) continue;
    const vetoed = t.evidence.filter((e) => e.vetoedBy);
    const unmet = t.evidence.filter((e) => e.unmet);
    if (vetoed.length) reasons.push(`${t.id}: "${vetoed[0].match}" vetoed by ${vetoed[0].vetoedBy}`);
    if (unmet.length) reasons.push(`${t.id}: "${unmet[0].match}" without its companion (${unmet[0].unmet})`);
    const distance = t.threshold > 0 ? Math.abs(t.score - t.threshold) / t.threshold : Infinity;
    if (distance <= NEAR && t.score > 0) reasons.push(`${t.id}: score ${t.score} ${t.assigned ? 'just reaches' : 'just misses'} the threshold ${t.threshold}`);
    margin = Math.min(margin, vetoed.length || unmet.length ? 0 : distance);
  }
  return { margin, reasons };
}

/** The machine's evidence per theme, in words: `theme: "match", "match" (score/threshold)`. */
function evidenceText(scores: readonly ThemeScore[]): string {
  return scores
    .filter((t) => t.evidence.some((e) => !e.vetoedBy && !e.unmet))
    .map((t) => `${t.id}: ${[...new Set(t.evidence.filter((e) => !e.vetoedBy && !e.unmet).map((e) => `"${oneLine(e.match)}"`))].slice(0, 6).join(', ')} (${t.score}/${t.threshold})`)
    .join('; ');
}
