import { ConfusionCounts } from './theme-scores.js';
import { checkCount, ConfidenceOptions, Estimate, resolveConfidence, undefinedEstimate } from './normal.js';
import { wilsonInterval } from './wilson.js';

/** The machine's count for one theme over the whole corpus: answers it tagged, of all answers. */
export interface ObservedShare {
  positives: number;
  total: number;
}

/** A theme's share corrected for the machine's measured errors, with the uncorrected share beside it. */
export interface CorrectedShare extends Estimate {
  /** The machine's own share, positives / total. */
  observed: number;
}

export const PREDICTIVE_VALUE_METHOD =
  "share corrected by the audit's predictive values, π = p·PPV + (1 − p)·FOR with PPV = tp/(tp + fp) and FOR = fn/(fn + tn) from the audit; interval by MOVER (Zou & Donner 2008) from the Wilson intervals of PPV and FOR";

/**
 * A theme's share corrected by what the audit measured, for an audit sampled by the machine's
 * output (the answers it tagged with the theme and those it did not, each at random): then what the
 * audit estimates without bias is the precision PPV (of the answers tagged, the share that truly have
 * the theme) and the false omission rate FOR (of those not tagged, the share that truly have it),
 * and the true share is π = p·PPV + (1 − p)·FOR, p the machine's share.
 *
 * p is a census — the corpus is every answer there is — so the uncertainty is the audit's alone. PPV
 * and FOR come from separate parts of the audit, so independent; the interval combines their Wilson
 * intervals by the method of variance estimates recovery (MOVER, Zou & Donner 2008, "Construction of
 * confidence limits about effect measures: A general approach", Stat Med 27:1693–1702; Newcombe's
 * square-and-add). It holds the estimate, stays inside [0, 1] (its limits are at least p·l₁ + (1 − p)·l₂
 * and at most p·u₁ + (1 − p)·u₂), and does not collapse when the audit found no error at all.
 *
 * Undefined (NaN with a reason) when the corpus is empty, or the audit has no answer from a part
 * the corpus needs (tagged answers when p > 0, untagged ones when p < 1).
 */
export function correctedShare(observed: ObservedShare, audit: ConfusionCounts, options: ConfidenceOptions = {}): CorrectedShare {
  const { level } = resolveConfidence(options);
  const p = checkObserved(observed);
  const fail = (reason: string): CorrectedShare => ({ ...undefinedEstimate(level, PREDICTIVE_VALUE_METHOD, reason), observed: p });
  if (observed.total === 0) return fail('the corpus has no answers');
  const { tp, fp, fn, tn } = checkAudit(audit);
  if (p > 0 && tp + fp === 0) return fail('the audit holds no answer the machine tagged with this theme, so its precision is unknown');
  if (p < 1 && fn + tn === 0) return fail('the audit holds no answer the machine left without this theme, so its misses are unknown');
  const ppv = tp + fp > 0 ? wilsonInterval(tp, tp + fp, options) : { estimate: 0, lower: 0, upper: 0 };
  const forr = fn + tn > 0 ? wilsonInterval(fn, fn + tn, options) : { estimate: 0, lower: 0, upper: 0 };
  const w = 1 - p;
  const estimate = p * ppv.estimate + w * forr.estimate;
  const lower = estimate - Math.hypot(p * (ppv.estimate - ppv.lower), w * (forr.estimate - forr.lower));
  const upper = estimate + Math.hypot(p * (ppv.upper - ppv.estimate), w * (forr.upper - forr.estimate));
  return { estimate, lower: Math.max(0, lower), upper: Math.min(1, upper), level, method: PREDICTIVE_VALUE_METHOD, observed: p };
}

export const ROGAN_GLADEN_METHOD =
  'Rogan–Gladen estimator π = (p + Sp − 1)/(Se + Sp − 1) with Se = tp/(tp + fn) and Sp = tn/(tn + fp) from the audit, cut to [0, 1]; interval by the delta method (Rogan & Gladen 1978), cut to [0, 1]';

/**
 * The Rogan–Gladen estimator (Rogan & Gladen 1978, "Estimating prevalence from the results of a
 * screening test", Am J Epidemiol 107:71–76): π = (p + Sp − 1)/(Se + Sp − 1), with sensitivity Se
 * the audit's recall and specificity Sp = tn/(tn + fp). Only for an audit drawn at random from all
 * answers: an audit stratified by the machine's tags misstates Se and Sp (use correctedShare there).
 *
 * Interval by the delta method, treating Se and Sp as independent binomial proportions (and p as
 * one too when observedIsSample; by default the corpus is a census and p has no sampling error):
 * Var π = [Var p + π²·Var Se + (1 − π)²·Var Sp] / (Se + Sp − 1)², π ± z·√Var, cut to [0, 1]. Like every
 * Wald interval it has width 0 when the audit found no error at all.
 *
 * Undefined when Se + Sp ≤ 1 (the machine does no better than chance), or Se or Sp has no audited
 * answer to rest on, or the corpus is empty.
 */
export function roganGladenShare(observed: ObservedShare, audit: ConfusionCounts, options: ConfidenceOptions & { observedIsSample?: boolean } = {}): CorrectedShare {
  const { z, level } = resolveConfidence(options);
  const p = checkObserved(observed);
  const fail = (reason: string): CorrectedShare => ({ ...undefinedEstimate(level, ROGAN_GLADEN_METHOD, reason), observed: p });
  if (observed.total === 0) return fail('the corpus has no answers');
  const { tp, fp, fn, tn } = checkAudit(audit);
  if (tp + fn === 0) return fail('the audit holds no answer that truly has this theme, so the sensitivity is unknown');
  if (tn + fp === 0) return fail('the audit holds no answer that truly lacks this theme, so the specificity is unknown');
  const se = tp / (tp + fn);
  const sp = tn / (tn + fp);
  const youden = se + sp - 1;
  if (youden <= 0) return fail('the machine does no better than chance on this theme (sensitivity + specificity ≤ 1)');
  const estimate = Math.min(1, Math.max(0, (p + sp - 1) / youden));
  const varP = options.observedIsSample ? (p * (1 - p)) / observed.total : 0;
  const variance = (varP + estimate ** 2 * ((se * (1 - se)) / (tp + fn)) + (1 - estimate) ** 2 * ((sp * (1 - sp)) / (tn + fp))) / youden ** 2;
  const half = z * Math.sqrt(variance);
  return { estimate, lower: Math.max(0, estimate - half), upper: Math.min(1, estimate + half), level, method: ROGAN_GLADEN_METHOD, observed: p };
}

function checkObserved(observed: ObservedShare): number {
  checkCount(observed.positives, 'positives');
  checkCount(observed.total, 'total');
  if (observed.positives > observed.total) throw new RangeError(`positives (${observed.positives}) cannot exceed total (${observed.total})`);
  return observed.total ? observed.positives / observed.total : NaN;
}

function checkAudit(audit: ConfusionCounts): ConfusionCounts {
  for (const key of ['tp', 'fp', 'fn', 'tn'] as const) checkCount(audit[key], key);
  return audit;
}

export const STRATIFIED_RECALL_METHOD =
  "recall from the audit's predictive values, p·PPV / (p·PPV + (1 − p)·FOR); interval from the Wilson limits of PPV and FOR, each at 1 − (1 − level)/2 (Bonferroni), combined at their worst";

/**
 * A theme's recall for an audit sampled by the machine's output (see correctedShare), where the
 * audit's raw recall tp/(tp + fn) is biased: it counts the machine's misses only at the rate the
 * untagged answers were sampled. Of the answers that truly have the theme, p·PPV were tagged and
 * (1 − p)·FOR were not, so recall = p·PPV / (p·PPV + (1 − p)·FOR).
 *
 * The recall rises with PPV and falls with FOR, so the lower limit takes PPV's lower and FOR's upper
 * Wilson limit and the upper limit the other two. Each at level 1 − (1 − level)/2 makes the pair hold
 * together at least at level (Bonferroni): conservative, but valid at the ends where a delta method
 * for a ratio is not. At p = 0 the machine found nothing: recall 0 with interval [0, 0], if the
 * audit saw misses. Undefined with a reason when no answer has the theme by the audit's estimate, or
 * the audit lacks a part the corpus needs.
 */
export function recallFromPredictiveValues(observed: ObservedShare, audit: ConfusionCounts, options: ConfidenceOptions = {}): CorrectedShare {
  const { level } = resolveConfidence(options);
  const p = checkObserved(observed);
  const fail = (reason: string): CorrectedShare => ({ ...undefinedEstimate(level, STRATIFIED_RECALL_METHOD, reason), observed: p });
  if (observed.total === 0) return fail('the corpus has no answers');
  const { tp, fp, fn, tn } = checkAudit(audit);
  if (p > 0 && tp + fp === 0) return fail('the audit holds no answer the machine tagged with this theme, so its precision is unknown');
  if (p < 1 && fn + tn === 0) return fail('the audit holds no answer the machine left without this theme, so its misses are unknown');
  const each = { level: 1 - (1 - level) / 2 };
  const none = { estimate: 0, lower: 0, upper: 0 };
  const ppv = tp + fp > 0 ? wilsonInterval(tp, tp + fp, each) : none;
  const forr = fn + tn > 0 ? wilsonInterval(fn, fn + tn, each) : none;
  const recall = (precision: number, omission: number): number => {
    const found = p * precision;
    const missed = (1 - p) * omission;
    return found + missed === 0 ? NaN : found / (found + missed);
  };
  const estimate = recall(ppv.estimate, forr.estimate);
  if (Number.isNaN(estimate)) return fail('by the audit no answer has this theme, so recall is undefined');
  // A limit is 0/0 only where the other factor is 0 too; then the estimate's side is the bound.
  const lower = recall(ppv.lower, forr.upper);
  const upper = recall(ppv.upper, forr.lower);
  return {
    estimate,
    lower: Number.isNaN(lower) ? 0 : Math.min(lower, estimate),
    upper: Number.isNaN(upper) ? 1 : Math.max(upper, estimate),
    level,
    method: STRATIFIED_RECALL_METHOD,
    observed: p,
  };
}
