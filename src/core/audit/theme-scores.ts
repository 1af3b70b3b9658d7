import { cohenKappa, KappaResult } from './kappa.js';
import { ConfidenceOptions, Estimate, resolveConfidence, undefinedEstimate } from './normal.js';
import { wilsonInterval } from './wilson.js';

/** One audited item: the themes the machine gave it and the themes a person gave it. */
export interface PairedCoding {
  machine: Iterable<string>;
  person: Iterable<string>;
}

/** The 2 × 2 of one theme, the person's coding taken as the truth. */
export interface ConfusionCounts {
  /** Both gave the theme. */
  tp: number;
  /** The machine gave it, the person did not. */
  fp: number;
  /** The person gave it, the machine did not. */
  fn: number;
  /** Neither gave it. */
  tn: number;
}

export interface ThemeScore {
  theme: string;
  counts: ConfusionCounts;
  /** Items audited. */
  n: number;
  /** tp / (tp + fp), Wilson interval. */
  precision: Estimate;
  /** tp / (tp + fn), Wilson interval. */
  recall: Estimate;
  /** 2tp / (2tp + fp + fn), interval by F1_METHOD. */
  f1: Estimate;
  /** Cohen's κ between machine and person for this theme (present / absent). */
  kappa: KappaResult;
}

export const F1_METHOD = 'Wilson score interval for J = tp / (tp + fp + fn), mapped through F1 = 2J / (1 + J)';

/**
 * Per theme precision, recall and F1 of the machine against a person, with intervals.
 *
 * Precision and recall get Wilson intervals: given the items the machine tagged (the person tagged),
 * tp is binomial. F1's interval uses the same argument once more: F1 = 2J/(1 + J) with J = tp/(tp +
 * fp + fn) the Jaccard index, a strictly increasing map; given the items either of the two tagged,
 * tp is binomial with probability J, so the Wilson limits for J, mapped through 2J/(1 + J), are limits
 * for F1. Closed form, so the same input always gives the same interval without a seed, the
 * interval always holds the estimate and lies in [0, 1], and 10 000 items × 8 themes take
 * milliseconds (a bootstrap over items would take B times as long and wobble with the seed).
 *
 * These rates hold for the items audited as if drawn at random from the answers. An audit that
 * over-samples the machine's tags, stratified by theme, estimates precision without bias within
 * each stratum, but its raw recall is too high: use recallFromPredictiveValues (corrected-share.ts)
 * for such an audit, or weigh by the inclusion probabilities first.
 *
 * themes fixes the themes and their order; without it, every theme either coder used, sorted. A
 * theme outside the given list is a bug upstream and throws.
 */
export function themeScores(items: readonly PairedCoding[], options: ConfidenceOptions & { themes?: readonly string[] } = {}): ThemeScore[] {
  const coded = items.map((item) => ({ machine: new Set(item.machine), person: new Set(item.person) }));
  const used = new Set<string>();
  for (const item of coded) for (const set of [item.machine, item.person]) for (const t of set) used.add(t);
  let themes: readonly string[];
  if (options.themes) {
    const known = new Set(options.themes);
    const unknown = [...used].filter((t) => !known.has(t));
    if (unknown.length) throw new RangeError(`codings use themes outside the list: ${unknown.sort().join(', ')}`);
    themes = options.themes;
  } else {
    themes = [...used].sort();
  }
  return themes.map((theme) => {
    const counts: ConfusionCounts = { tp: 0, fp: 0, fn: 0, tn: 0 };
    for (const item of coded) {
      const m = item.machine.has(theme);
      const p = item.person.has(theme);
      if (m && p) counts.tp++;
      else if (m) counts.fp++;
      else if (p) counts.fn++;
      else counts.tn++;
    }
    return scoreCounts(theme, counts, options);
  });
}

/** The figures of one theme from its 2 × 2 counts (as themeScores, when the counts are already at hand). */
export function scoreCounts(theme: string, counts: ConfusionCounts, options: ConfidenceOptions = {}): ThemeScore {
  const { tp, fp, fn, tn } = counts;
  const precision = wilsonInterval(tp, tp + fp, options);
  const recall = wilsonInterval(tp, tp + fn, options);
  if (tp + fp === 0) precision.reason = 'the machine gave this theme to no audited item';
  if (tp + fn === 0) recall.reason = 'the person gave this theme to no audited item';
  return {
    theme,
    counts: { tp, fp, fn, tn },
    n: tp + fp + fn + tn,
    precision,
    recall,
    f1: f1Interval(counts, options),
    kappa: cohenKappa([[tp, fp], [fn, tn]], options),
  };
}

/** F1 with its interval by F1_METHOD (see themeScores). */
export function f1Interval(counts: ConfusionCounts, options: ConfidenceOptions = {}): Estimate {
  const { tp, fp, fn } = counts;
  if (tp + fp + fn === 0) {
    return undefinedEstimate(resolveConfidence(options).level, F1_METHOD, 'neither the machine nor the person gave this theme to any audited item');
  }
  const j = wilsonInterval(tp, tp + fp + fn, options);
  const f1 = (x: number) => (2 * x) / (1 + x);
  return { estimate: (2 * tp) / (2 * tp + fp + fn), lower: f1(j.lower), upper: f1(j.upper), level: j.level, method: F1_METHOD };
}
