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

const zero = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** Counts per theme (respondents, answers, by position and category), in codebook order. */
export function overview(corpus: Corpus, book: CompiledCodebook, analysis: Analysis): Overview {
  const people = new Map(corpus.respondents.map((p) => [p.id, p]));
  const stanceByRespondent = new Map<string, StanceKey>();
  for (const s of analysis.stances) if (!stanceByRespondent.has(s.respondent) || stanceByRespondent.get(s.respondent) === 'unknown') stanceByRespondent.set(s.respondent, s.stance);
  const allRespondents = new Set(corpus.responses.map((r) => r.respondent));
  const themes: ThemeStat[] = book.themes.map((t) => ({ id: t.id, respondents: [], answers: 0, share: 0, byStance: zero(STANCE_KEYS), byCategory: zero(CATEGORY_KEYS) }));
  const sets = themes.map(() => new Set<string>());
  let untagged = 0;
  const index = new Map(book.themes.map((t, i) => [t.id, i]));
  for (const a of analysis.answers) {
    if (!a.themes.length) untagged++;
    for (const t of a.themes) {
      const i = index.get(t.id)!;
      themes[i].answers++;
      sets[i].add(a.respondent);
    }
  }
  themes.forEach((t, i) => {
    t.respondents = [...sets[i]].sort();
    t.share = allRespondents.size ? t.respondents.length / allRespondents.size : 0;
    for (const id of t.respondents) {
      t.byStance[stanceByRespondent.get(id) ?? 'unknown']++;
      t.byCategory[categoryOf(people.get(id))]++;
    }
  });
  const stances = zero(STANCE_KEYS);
  for (const s of stanceByRespondent.values()) stances[s]++;
  return {
    respondents: allRespondents.size,
    answers: analysis.answers.length,
    themes,
    stances,
    inferredStances: analysis.stances.filter((s) => s.origin === 'inferred').length,
    untaggedAnswers: untagged,
  };
}

export type { ThemeScore };
