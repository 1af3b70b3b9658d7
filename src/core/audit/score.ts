import type { Coding } from './coded-sheet.js';
import { cohenKappaFromCodings, type KappaResult } from './kappa.js';
import { krippendorffAlphaNominal, type AlphaResult } from './krippendorff.js';
import { resolveConfidence, type Estimate } from './normal.js';
import { NO_THEME_STRATUM, stratumOf, type Stratum } from './sample.js';

/**
 * How precision, recall and F1 are estimated from the stratified sample, in words the report's
 * note quotes.
 */
export const AUDIT_METHOD =
  'Each checked answer counts with the weight of its stratum (answers in the stratum / answers checked from it). Precision is the weighted share of the machine\'s tags the coder confirms, the miss rate the weighted share of untagged answers the coder gives the theme; their intervals are Wilson intervals on the effective sample size (Kish). Recall = p·precision / (p·precision + (1 − p)·miss rate), with p the machine\'s share of all answers, and F1 from precision and recall; their limits combine the Wilson limits of precision and miss rate at 97.5 % each (Bonferroni), so they hold at 95 % at least.';

/** A weighted share and its effective sample size (Kish): what the report needs to recompute intervals. */
export interface WeightedShare {
  p: number;
  n: number;
}

export interface ThemeAudit {
  id: string;
  /** The machine's share of all answers of the corpus with this theme. */
  machineShare: number;
  /** Checked answers the machine tagged with the theme, and checked answers it did not. */
  checked: { tagged: number; untagged: number };
  precision: Estimate;
  /** Of the answers without the machine's tag, the share that has the theme (the false omission rate). */
  missRate: Estimate;
  recall: Estimate;
  f1: Estimate;
  /** Machine against the (first) coder on the checked answers, unweighted. */
  kappa: KappaResult;
  /** The weighted shares behind precision and miss rate. */
  ppv: WeightedShare;
  missed: WeightedShare;
}

export interface CoderAgreement {
  /** Per theme, the first coder against the second, on the answers both coded. */
  kappa: { id: string; result: KappaResult }[];
  /** Krippendorff's α over every answer × theme decision. */
  alpha: AlphaResult;
  /** Where the two coders differ: answer, theme, and what each said. */
  disagreements: { answer: string; theme: string; first: boolean; second: boolean }[];
  /** Answers both coded. */
  both: number;
}

export interface AuditScore {
  /** Answers the (first) coder checked. */
  checked: number;
  strata: Stratum[];
  themes: ThemeAudit[];
  agreement?: CoderAgreement;
  method: string;
}

/**
 * Scores the codebook against one or two coders' sheets: the first coder is the reference for
 * precision, recall, F1 and κ; with a second, the coders' agreement too. `machine` holds the
 * machine's themes of every answer of the corpus (the strata follow from it).
 */
export function scoreAudit(machine: ReadonlyMap<string, readonly string[]>, themeIds: readonly string[], codings: readonly Coding[]): AuditScore {
  const reference = codings[0];
  const population = new Map<string, number>();
  for (const themes of machine.values()) population.set(stratumOf(themes), (population.get(stratumOf(themes)) ?? 0) + 1);
  const checkedIn = new Map<string, number>();
  for (const answer of reference.themes.keys()) {
    const s = stratumOf(machine.get(answer) ?? []);
    checkedIn.set(s, (checkedIn.get(s) ?? 0) + 1);
  }
  const order = [...themeIds, NO_THEME_STRATUM];
  const strata = order.filter((id) => population.has(id)).map((id) => ({ id, population: population.get(id)!, sample: checkedIn.get(id) ?? 0 }));
  const weight = (answer: string) => {
    const s = stratumOf(machine.get(answer) ?? []);
    return population.get(s)! / checkedIn.get(s)!;
  };
  const total = machine.size;
  const themes = themeIds.map((id): ThemeAudit => {
    let machineCount = 0;
    for (const t of machine.values()) if (t.includes(id)) machineCount++;
    const p = total ? machineCount / total : 0;
    const tagged: { w: number; y: boolean }[] = [];
    const untagged: { w: number; y: boolean }[] = [];
    const machineSays: boolean[] = [];
    const coderSays: boolean[] = [];
    for (const [answer, said] of reference.themes) {
      const m = (machine.get(answer) ?? []).includes(id);
      const y = said.includes(id);
      (m ? tagged : untagged).push({ w: weight(answer), y });
      machineSays.push(m);
      coderSays.push(y);
    }
    const ppv = weightedShare(tagged);
    const missed = weightedShare(untagged);
    const limits = (level: number) => ({ ppv: wilsonShare(ppv, level), missed: wilsonShare(missed, level) });
    const at95 = limits(0.95);
    const at975 = limits(0.975);
    const recallOf = (precision: number, miss: number) => (p * precision + (1 - p) * miss > 0 ? (p * precision) / (p * precision + (1 - p) * miss) : NaN);
    const f1Of = (precision: number, miss: number) => {
      const r = recallOf(precision, miss);
      return precision + r > 0 ? (2 * precision * r) / (precision + r) : NaN;
    };
    const combined = (f: (precision: number, miss: number) => number): Estimate => {
      const estimate = f(ppv.p, missed.p);
      if (!Number.isFinite(estimate) || !(ppv.n > 0)) return { estimate: NaN, lower: NaN, upper: NaN, level: 0.95, method: 'Bonferroni', reason: ppv.n > 0 ? 'the theme occurs in no checked answer' : 'no checked answer has the machine\'s tag' };
      // Both grow with precision and fall with the miss rate: the extreme corners bound them.
      return { estimate, lower: f(at975.ppv.lower, at975.missed.upper), upper: f(at975.ppv.upper, at975.missed.lower), level: 0.95, method: 'Bonferroni-combined Wilson limits' };
    };
    return {
      id,
      machineShare: p,
      checked: { tagged: tagged.length, untagged: untagged.length },
      precision: at95.ppv,
      missRate: at95.missed,
      recall: combined(recallOf),
      f1: combined(f1Of),
      kappa: cohenKappaFromCodings(machineSays, coderSays),
      ppv,
      missed,
    };
  });
  const score: AuditScore = { checked: reference.themes.size, strata, themes, method: AUDIT_METHOD };
  if (codings[1]) score.agreement = agreementOf(codings[0], codings[1], themeIds);
  return score;
}

function weightedShare(items: readonly { w: number; y: boolean }[]): WeightedShare {
  let sw = 0;
  let sw2 = 0;
  let swy = 0;
  for (const { w, y } of items) {
    sw += w;
    sw2 += w * w;
    if (y) swy += w;
  }
  return sw > 0 ? { p: swy / sw, n: (sw * sw) / sw2 } : { p: NaN, n: 0 };
}

/**
 * The Wilson score interval for a share p on n observations, n possibly fractional (an effective
 * sample size): the same closed form as wilsonInterval, which it equals for whole counts.
 */
export function wilsonShare(share: WeightedShare, level = 0.95): Estimate {
  const { z } = resolveConfidence({ level });
  const { p, n } = share;
  const method = 'Wilson score interval on the effective sample size (Kish)';
  if (!(n > 0) || !Number.isFinite(p)) return { estimate: NaN, lower: NaN, upper: NaN, level, method, reason: 'no checked answers' };
  const z2 = z * z;
  const d = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / d;
  const half = (z / d) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { estimate: p, lower: p === 0 ? 0 : Math.min(p, Math.max(0, centre - half)), upper: p === 1 ? 1 : Math.max(p, Math.min(1, centre + half)), level, method };
}

function agreementOf(a: Coding, b: Coding, themeIds: readonly string[]): CoderAgreement {
  const both = [...a.themes.keys()].filter((id) => b.themes.has(id)).sort();
  const units: boolean[][] = [];
  const disagreements: CoderAgreement['disagreements'] = [];
  const kappa = themeIds.map((id) => {
    const first = both.map((x) => a.themes.get(x)!.includes(id));
    const second = both.map((x) => b.themes.get(x)!.includes(id));
    both.forEach((x, i) => {
      units.push([first[i], second[i]]);
      if (first[i] !== second[i]) disagreements.push({ answer: x, theme: id, first: first[i], second: second[i] });
    });
    return { id, result: cohenKappaFromCodings(first, second) };
  });
  return { kappa, alpha: krippendorffAlphaNominal(units), disagreements, both: both.length };
}
