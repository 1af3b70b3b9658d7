import erfc from '@stdlib/math-base-special-erfc';
import erfinv from '@stdlib/math-base-special-erfinv';

/** How wide an interval is: a confidence level, or the normal quantile z itself (z wins when both are given). */
export interface ConfidenceOptions {
  /** Two-sided confidence level in (0, 1); 0.95 when neither this nor z is given. */
  level?: number;
  /** The standard normal quantile to use, e.g. 1.96; overrides level. */
  z?: number;
}

export const DEFAULT_LEVEL = 0.95;

/** The two-sided standard normal quantile for a confidence level: 0.95 → 1.959963984540054. */
export function zForLevel(level: number): number {
  if (!(level > 0 && level < 1)) throw new RangeError(`confidence level must lie strictly between 0 and 1, got ${level}`);
  return Math.SQRT2 * erfinv(level);
}

/** The z and the confidence level it stands for, from either one (the default is 95 %). */
export function resolveConfidence(options: ConfidenceOptions = {}): { z: number; level: number } {
  if (options.z !== undefined) {
    if (!(Number.isFinite(options.z) && options.z > 0)) throw new RangeError(`z must be a positive number, got ${options.z}`);
    return { z: options.z, level: 1 - erfc(options.z / Math.SQRT2) };
  }
  const level = options.level ?? DEFAULT_LEVEL;
  return { z: zForLevel(level), level };
}

/** A point estimate with its interval; estimate, lower and upper are NaN exactly when reason says why. */
export interface Estimate {
  estimate: number;
  lower: number;
  upper: number;
  level: number;
  /** The interval's method, in words a report's note can quote. */
  method: string;
  /** Why the estimate is undefined (then every number is NaN). */
  reason?: string;
}

export function undefinedEstimate(level: number, method: string, reason: string): Estimate {
  return { estimate: NaN, lower: NaN, upper: NaN, level, method, reason };
}

/** Counts must be whole and non-negative: a fractional or negative count is a bug upstream, not data. */
export function checkCount(value: number, name: string): void {
  if (!(Number.isInteger(value) && value >= 0)) throw new RangeError(`${name} must be a non-negative whole number, got ${value}`);
}
