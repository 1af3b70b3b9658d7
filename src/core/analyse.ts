import { classify, type Evidence, type ThemeScore } from './classify.js';
import type { CompiledCodebook } from './codebook.js';
import type { Corpus, Respondent, Response, Stance } from './model.js';
import { inferStance, type InferredStance } from './stance-infer.js';

export interface AnswerThemes {
  answer: string;
  response: string;
  respondent: string;
  question?: string;
  /** Assigned themes only, with the evidence that counted. */
  themes: { id: string; score: number; evidence: Evidence[] }[];
}

export type StanceKey = Stance | 'unknown';
export const STANCE_KEYS: readonly StanceKey[] = ['support', 'conditional', 'oppose', 'no-opinion', 'unknown'];

export interface ResponseStance {
  response: string;
  respondent: string;
  stance: StanceKey;
  origin: 'stated' | 'inferred' | 'none';
  evidence?: InferredStance;
}

export interface Analysis {
  answers: AnswerThemes[];
  stances: ResponseStance[];
}

export function stanceOf(response: Response): ResponseStance {
  const base = { response: response.id, respondent: response.respondent };
  if (response.stance) return { ...base, stance: response.stance, origin: 'stated' };
  const inferred = inferStance(response.answers.map((a) => a.text));
  return inferred ? { ...base, stance: inferred.stance, origin: 'inferred', evidence: inferred } : { ...base, stance: 'unknown', origin: 'none' };
}

export function themesOfAnswer(book: CompiledCodebook, response: Response, index: number): AnswerThemes {
  const a = response.answers[index];
  const c = classify(book, a.text);
  const result: AnswerThemes = {
    answer: a.id,
    response: response.id,
    respondent: response.respondent,
    themes: c.themes.filter((t) => t.assigned).map((t) => ({ id: t.id, score: t.score, evidence: t.evidence.filter((e) => !e.vetoedBy) })),
  };
  if (a.question) result.question = a.question;
  return result;
}

/** Classifies every answer of the corpus and settles every response's position. */
export function analyse(corpus: Corpus, book: CompiledCodebook, onResponse?: () => void): Analysis {
  const answers: AnswerThemes[] = [];
  const stances: ResponseStance[] = [];
  for (const r of corpus.responses) {
    for (let i = 0; i < r.answers.length; i++) answers.push(themesOfAnswer(book, r, i));
    stances.push(stanceOf(r));
    onResponse?.();
  }
  return { answers, stances };
}

export type CategoryKey = 'K1' | 'K2' | 'K3' | 'other';
export const CATEGORY_KEYS: readonly CategoryKey[] = ['K1', 'K2', 'K3', 'other'];
export const categoryOf = (r: Respondent | undefined): CategoryKey => r?.category ?? 'other';

export interface ThemeStat {
  id: string;
  respondents: string[];
  answers: number;
  /** Share of all respondents that raise the theme, 0..1. */
  share: number;
  byStance: Record<StanceKey, number>;
  byCategory: Record<CategoryKey, number>;
}

export interface Overview {
  respondents: number;
  answers: number;
  themes: ThemeStat[];
  stances: Record<StanceKey, number>;
  inferredStances: number;
  untaggedAnswers: number;
}


export type { ThemeScore };
