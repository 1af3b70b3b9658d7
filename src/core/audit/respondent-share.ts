import type { Estimate } from './normal.js';
import { wilsonShare, type WeightedShare } from './score.js';

/** What one respondent's answers say about one theme, for the share corrected by the audit. */
export interface RespondentTheme {
  /** A person's review gave one of its answers the theme: certain. */
  sure: boolean;
  /** Unreviewed answers the machine tagged with the theme. */
  tagged: number;
  /** Unreviewed answers it did not. */
  untagged: number;
}

export const RESPONDENT_SHARE_METHOD =
  "the share of respondents with at least one answer on the theme, given the audit's precision and miss rate: an unreviewed tagged answer has the theme with probability = precision, an unreviewed untagged one with probability = miss rate, a reviewed answer as the person decided, errors independent between answers; the limits take precision and miss rate at the ends of their Wilson intervals at 97.5 % each (Bonferroni), so the interval holds at 95 % at least";

/**
 * A theme's share of respondents with the codebook's measured errors taken into account (see
 * RESPONDENT_SHARE_METHOD): the expected share, and the shares at the low and high ends of
 * precision and miss rate (the share grows with both).
 */
export function respondentShare(respondents: readonly RespondentTheme[], ppv: WeightedShare, missed: WeightedShare): Estimate {
  const method = RESPONDENT_SHARE_METHOD;
  if (!respondents.length) return { estimate: NaN, lower: NaN, upper: NaN, level: 0.95, method, reason: 'no respondents' };
  if (!(ppv.n > 0) || !(missed.n > 0))
    return { estimate: NaN, lower: NaN, upper: NaN, level: 0.95, method, reason: ppv.n > 0 ? 'the audit checked no answer without the tag' : 'the audit checked no answer with the tag' };
  const share = (precision: number, miss: number) => {
    let sum = 0;
    for (const r of respondents) sum += r.sure ? 1 : 1 - Math.pow(1 - precision, r.tagged) * Math.pow(1 - miss, r.untagged);
    return sum / respondents.length;
  };
  const p = wilsonShare(ppv, 0.975);
  const m = wilsonShare(missed, 0.975);
  return { estimate: share(ppv.p, missed.p), lower: share(p.lower, m.lower), upper: share(p.upper, m.upper), level: 0.95, method };
}
