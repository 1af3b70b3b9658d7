import { checkCount, ConfidenceOptions, Estimate, resolveConfidence, undefinedEstimate } from './normal.js';

export const WILSON_METHOD = 'Wilson score interval (Wilson 1927)';

/**
 * The Wilson score interval for x successes in n trials (Wilson 1927; Newcombe 1998, method 3, no
 * continuity correction). Unlike the Wald interval it never leaves [0, 1] and never has zero width:
 * at x = 0 the lower limit is exactly 0, at x = n the upper is exactly 1. With n = 0 there is no
 * estimate: NaN with a reason, never a made-up 0–100 %.
 */
export function wilsonInterval(x: number, n: number, options?: ConfidenceOptions): Estimate {
  checkCount(x, 'x');
  checkCount(n, 'n');
  if (x > n) throw new RangeError(`x (${x}) cannot exceed n (${n})`);
  const { z, level } = resolveConfidence(options);
  if (n === 0) return undefinedEstimate(level, WILSON_METHOD, 'no observations (n = 0)');
  const p = x / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // The closed form is exact at the ends; rounding must not push a limit past 0, 1 or the estimate.
  const lower = x === 0 ? 0 : Math.min(p, Math.max(0, centre - half));
  const upper = x === n ? 1 : Math.max(p, Math.min(1, centre + half));
  return { estimate: p, lower, upper, level, method: WILSON_METHOD };
}
