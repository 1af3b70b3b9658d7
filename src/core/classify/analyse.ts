import type { Respondent, Response, Stance } from '../model.js';
import { inferStance, type InferredStance } from './stance-infer.js';

export type StanceKey = Stance | 'unknown';
export const STANCE_KEYS: readonly StanceKey[] = ['support', 'conditional', 'oppose', 'no-opinion', 'unknown'];

export interface ResponseStance {
  response: string;
  respondent: string;
  stance: StanceKey;
  origin: 'stated' | 'inferred' | 'none' | 'review';
  evidence?: InferredStance;
  /** With origin review: the person's decision, and the stance it replaced. */
  review?: { reviewer: string; date: string; note?: string; was: StanceKey };
}

export function stanceOf(response: Response): ResponseStance {
  const base = { response: response.id, respondent: response.respondent };
  if (response.stance) return { ...base, stance: response.stance, origin: 'stated' };
  const inferred = inferStance(textsOf(response));
  return inferred ? { ...base, stance: inferred.stance, origin: 'inferred', evidence: inferred } : { ...base, stance: 'unknown', origin: 'none' };
}

/**
 * A response's answer texts one at a time: texts kept on disk are read as they are needed, not
 * all at once (one respondent may have given a hundred thousand answers).
 */
export function* textsOf(response: Response): Generator<string> {
  for (const a of response.answers) yield a.text;
}

/**
 * The groups respondents are counted in: the register's category (K1, K2, K3: the example's
 * county sets them) where it gives one, else the respondent's type, so that a municipality of a
 * register without categories is counted as a municipality, never as "other".
 */
export const GROUP_KEYS = ['K1', 'K2', 'K3', 'kommun', 'region', 'myndighet', 'organisation', 'övrig'] as const;
export type GroupKey = (typeof GROUP_KEYS)[number];
export const groupOf = (r: Respondent | undefined): GroupKey => r?.category ?? r?.type ?? 'övrig';

export interface ThemeStat {
  id: string;
  respondents: string[];
  answers: number;
  /** Share of all respondents that raise the theme, 0..1. */
  share: number;
  byStance: Record<StanceKey, number>;
  /** The theme's respondents by group (GROUP_KEYS), for the groups that have a respondent in the corpus. */
  byGroup: Partial<Record<GroupKey, number>>;
}

export interface Overview {
  respondents: number;
  answers: number;
  themes: ThemeStat[];
  stances: Record<StanceKey, number>;
  /** Respondents by group (GROUP_KEYS order), the groups that have any. */
  groups: Partial<Record<GroupKey, number>>;
  inferredStances: number;
  untaggedAnswers: number;
}
