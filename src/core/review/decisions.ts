import { diag, didYouMean, type Diagnostic } from '../diagnostics.js';
import type { Stance } from '../model.js';
import type { Document } from 'yaml';
import { validator } from '../schemas.js';
import { parseYaml, validateYaml } from '../ingest/yaml-source.js';

/** Where a decision stands in the review file, for every message about it. */
export interface Place {
  line: number;
  col: number;
}

interface Common {
  reviewer: string;
  date: string;
  note?: string;
  /** The respondent's id in the corpus, when the file names it. */
  respondent?: string;
  name?: string;
  /** The answer's beginning when the decision was made. */
  text?: string;
  at: Place;
}

/** A person's reading of one answer's themes. */
export interface ThemeDecision extends Common {
  answer: string;
  confirm: string[];
  add: string[];
  remove: string[];
}

/** A person's reading of one response's position. */
export interface StanceDecision extends Common {
  response: string;
  stance: Stance;
}

export type Decision = ThemeDecision | StanceDecision;

/** The decisions of a review file, by the id they are anchored to. */
export interface Review {
  /** The file, as messages show it. */
  file: string;
  answers: Map<string, ThemeDecision>;
  responses: Map<string, StanceDecision>;
}

export const emptyReview = (file: string): Review => ({ file, answers: new Map(), responses: new Map() });

export const isThemeDecision = (d: Decision): d is ThemeDecision => 'answer' in d;

/** The themes a person says an answer has (confirmed or added). */
export const themesSaid = (d: ThemeDecision): string[] => [...d.confirm, ...d.add];

interface RawDecision {
  answer?: string;
  response?: string;
  respondent?: string;
  name?: string;
  text?: string;
  confirm?: string[];
  add?: string[];
  remove?: string[];
  stance?: Stance;
  reviewer: string;
  date: string;
  note?: string;
}

/**
 * A review file (YAML, schemas/review.schema.json) read and checked against the codebook's
 * themes: every problem at its place, all at once.
 */
export function parseReview(file: string, text: string, themeIds: readonly string[]): { review: Review; diagnostics: Diagnostic[]; document?: Document } {
  const review = emptyReview(file);
  const src = parseYaml(file, text);
  const document = src.document;
  const diagnostics = src.diagnostics.filter((d) => d.severity === 'error');
  // An empty file is a review without decisions yet.
  if (!diagnostics.length && (src.data === null || src.data === undefined)) return { review, diagnostics, ...(document ? { document } : {}) };
  if (!diagnostics.length) diagnostics.push(...validateYaml(file, src, validator('review')));
  if (diagnostics.length) return { review, diagnostics };
  const known = new Set(themeIds);
  const entries = (src.data as { decisions: RawDecision[] }).decisions;
  entries.forEach((raw, i) => {
    const at = src.locate(['decisions', i]);
    const problem = (message: string, path: (string | number)[] = []) => {
      const p = path.length ? src.locate(['decisions', i, ...path]) : at;
      diagnostics.push(diag(file, p.line, p.col, message));
    };
    const common: Common = { reviewer: raw.reviewer, date: raw.date, at, ...optional(raw) };
    if (raw.answer !== undefined && raw.response !== undefined) return problem('a decision is about an answer (answer: with confirm/add/remove) or about a response (response: with stance), not both; split it in two');
    if (raw.answer === undefined && raw.response === undefined) return problem('a decision names the answer (answer: a-…) or the response (response: r-…) it is about; add one');
    if (raw.response !== undefined) {
      if (raw.confirm || raw.add || raw.remove) return problem('themes are decided per answer: move confirm/add/remove to an entry with answer: a-…');
      if (!raw.stance) return problem('a decision on a response sets its stance: add stance: support, conditional, oppose or no-opinion');
      const before = review.responses.get(raw.response);
      if (before) return problem(`response ${raw.response} is decided twice (first on line ${before.at.line}); keep one decision per response`);
      review.responses.set(raw.response, { ...common, response: raw.response, stance: raw.stance });
      return;
    }
    if (raw.stance !== undefined) return problem(`a position is decided per response: write it as its own entry (response: r-…, stance: ${raw.stance})`, ['stance']);
    if (!raw.confirm && !raw.add && !raw.remove) return problem('a decision on an answer says which themes are right: add confirm:, add: or remove: (an empty list is allowed)');
    const lists = { confirm: raw.confirm ?? [], add: raw.add ?? [], remove: raw.remove ?? [] };
    const where = new Map<string, string>();
    for (const [list, ids] of Object.entries(lists))
      ids.forEach((id, j) => {
        if (!known.has(id)) problem(`no theme "${id}" in the codebook${didYouMean(id, themeIds)} (themes: ${themeIds.join(', ')})`, [list, j]);
        const first = where.get(id);
        if (first && (first === 'remove') !== (list === 'remove')) problem(`"${id}" is both under ${first} and under ${list}; keep it in one`, [list, j]);
        where.set(id, list);
      });
    const before = review.answers.get(raw.answer!);
    if (before) return problem(`answer ${raw.answer} is decided twice (first on line ${before.at.line}); keep one decision per answer`);
    review.answers.set(raw.answer!, { ...common, answer: raw.answer!, ...lists });
  });
  return { review, diagnostics, ...(document ? { document } : {}) };
}

function optional(raw: RawDecision): Partial<Common> {
  const out: Partial<Common> = {};
  if (raw.note !== undefined) out.note = raw.note;
  if (raw.respondent !== undefined) out.respondent = raw.respondent;
  if (raw.name !== undefined) out.name = raw.name;
  if (raw.text !== undefined) out.text = raw.text;
  return out;
}
