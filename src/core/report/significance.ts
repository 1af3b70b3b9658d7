import { fisherExactRx2 } from '../audit/fisher.js';
import type { Lang } from './report-text.js';
import { percent } from './report-text.js';

/** Below this many respondents in every group but one, groups are too small to compare. */
const SMALL_GROUP = 5;
const ALPHA = 0.05;

export interface GroupCount {
  label: string;
  /** Respondents of the group that raise the theme. */
  raise: number;
  /** Respondents of the group. */
  size: number;
}

/** Whether at least two groups are large enough to compare (the report says once when they are not). */
export function groupsTestable(groups: readonly { size: number }[]): boolean {
  return groups.filter((g) => g.size >= SMALL_GROUP).length >= 2;
}

/**
 * Whether a theme's share differs between groups of respondents (categories or types), by
 * Fisher's exact test on the groups × (raise, do not) table (χ² or Monte Carlo for tables too
 * many to enumerate, as fisherExactRx2 says). A sentence only where the difference is
 * significant at 5 %, naming the highest and lowest group; otherwise nothing, so that a report
 * does not read chance as a finding (groups too small to compare are said once, by the report).
 */
export function groupDifference(groups: readonly GroupCount[], lang: Lang): string {
  const real = groups.filter((g) => g.size > 0);
  if (!groupsTestable(real)) return '';
  const test = fisherExactRx2(real.map((g) => [g.raise, g.size - g.raise]));
  if (!(test.p < ALPHA)) return '';
  const share = (g: GroupCount) => g.raise / g.size;
  const sorted = [...real].sort((a, b) => share(b) - share(a));
  const [high, low] = [sorted[0], sorted[sorted.length - 1]];
  const p = test.p < 0.001 ? (lang === 'sv' ? 'p < 0,001' : 'p < 0.001') : `p = ${lang === 'sv' ? test.p.toFixed(3).replace('.', ',') : test.p.toFixed(3)}`;
  const name = test.test === 'chi-square' ? (lang === 'sv' ? 'χ²-test' : 'χ² test') : lang === 'sv' ? 'Fishers exakta test' : "Fisher's exact test";
  return lang === 'sv'
    ? `Andelen skiljer sig mellan grupperna mer än slumpen förklarar (${name}, ${p}): högst: ${high.label} (${percent(share(high), lang)}), lägst: ${low.label} (${percent(share(low), lang)}).`
    : `The share differs between the groups more than chance explains (${name}, ${p}): highest: ${high.label} (${percent(share(high), lang)}), lowest: ${low.label} (${percent(share(low), lang)}).`;
}
