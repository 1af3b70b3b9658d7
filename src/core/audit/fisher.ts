import gammaln from '@stdlib/math-base-special-gammaln';
import { chiSquareTest } from './chi-square.js';
import { checkCount } from './normal.js';
import { seededRandom } from './prng.js';

export type Alternative = 'two-sided' | 'less' | 'greater';

/**
 * As R's fisher.test: a table counts as "at most as probable as the observed one" when its
 * probability is no more than the observed one times 1 + 1e-7, so that tables whose probability
 * equals the observed one in exact arithmetic are not lost to rounding.
 */
const RELATIVE_TOLERANCE = 1e-7;

export const FISHER_METHOD = "Fisher's exact test, two-sided: the summed probability of every table with the same margins that is no more probable than the observed one (Freeman–Halton for more than two rows)";
export const FISHER_MONTE_CARLO_METHOD = "Fisher's exact test by Monte Carlo: p = (1 + hits) / (1 + B) over B seeded random tables with the same margins, as R's fisher.test(simulate.p.value = TRUE)";
export const CHI_SQUARE_FALLBACK_METHOD = "Pearson's χ² test, used because the tables were too many to enumerate and every expected count is at least 5";

function logFactorials(n: number): Float64Array {
  const table = new Float64Array(n + 1);
  for (let i = 2; i <= n; i++) table[i] = gammaln(i + 1);
  return table;
}

function rowLogBinomials(n: number, lf: Float64Array): Float64Array {
  const row = new Float64Array(n + 1);
  for (let x = 0; x <= n; x++) row[x] = lf[n] - lf[x] - lf[n - x];
  return row;
}

export interface FisherResult {
  p: number;
  alternative: Alternative;
  /** How many tables share the observed margins (all were enumerated). */
  tables: number;
  method: string;
}

/**
 * Fisher's exact test for a 2 × 2 table [[a, b], [c, d]]: the first cell is hypergeometric given the
 * margins. "less" and "greater" are the one-sided tests on that cell (odds ratio below or above 1),
 * "two-sided" (the default) sums every outcome no more probable than the observed one.
 */
export function fisherExact2x2(table: readonly (readonly number[])[], options: { alternative?: Alternative } = {}): FisherResult {
  if (table.length !== 2 || table.some((row) => row.length !== 2)) throw new RangeError('fisherExact2x2 needs a 2 × 2 table');
  table.forEach((row, i) => row.forEach((v, j) => checkCount(v, `cell [${i}][${j}]`)));
  const alternative = options.alternative ?? 'two-sided';
  const [[a, b], [c, d]] = table;
  const row1 = a + b;
  const row2 = c + d;
  const col1 = a + c;
  const n = row1 + row2;
  const lf = logFactorials(n);
  const logChoose = (m: number, k: number) => lf[m] - lf[k] - lf[m - k];
  const logTotal = logChoose(n, col1);
  const logP = (x: number) => logChoose(row1, x) + logChoose(row2, col1 - x) - logTotal;
  const lo = Math.max(0, col1 - row2);
  const hi = Math.min(row1, col1);
  const threshold = logP(a) + Math.log1p(RELATIVE_TOLERANCE);
  let p = 0;
  for (let x = lo; x <= hi; x++) {
    const take = alternative === 'less' ? x <= a : alternative === 'greater' ? x >= a : logP(x) <= threshold;
    if (take) p += Math.exp(logP(x));
  }
  return { p: Math.min(1, p), alternative, tables: hi - lo + 1, method: FISHER_METHOD };
}

export type IndependenceTest = 'fisher-exact' | 'fisher-monte-carlo' | 'chi-square';

export interface Rx2Options {
  /** Enumerate at most this many tables (default 2 000 000, well under a second). */
  maxTables?: number;
  /** Random tables for the Monte Carlo fallback (default 10 000). */
  replicates?: number;
  /** Seed of the Monte Carlo fallback, so that the same table always gives the same p (default 1). */
  seed?: number;
}

export interface Rx2Result {
  /** Two-sided p-value. */
  p: number;
  /** Which test gave p. */
  test: IndependenceTest;
  method: string;
  /** Tables with the observed margins, when they were enumerated. */
  tables?: number;
  /** Random tables drawn, for the Monte Carlo test. */
  replicates?: number;
  /** Pearson's χ² and its df, for the χ² test. */
  statistic?: number;
  df?: number;
  /** Smallest expected count under independence (empty rows left out). */
  minExpected: number;
}

/**
 * Independence in an r × 2 table — rows are groups (say respondent types), the two columns "has the
 * theme" and "has not" — by Fisher's exact test extended to r rows (Freeman & Halton 1951), two-sided
 * as for 2 × 2. Every table with the observed margins is enumerated when there are at most maxTables
 * of them (counted first, cheaply). Beyond that: Pearson's χ² if every expected count is at least 5
 * (Cochran's condition, where the approximation is good), otherwise a seeded Monte Carlo estimate of
 * the same exact p-value. Rows with no one in them drop out. `test` says which was used.
 */
export function fisherExactRx2(table: readonly (readonly number[])[], options: Rx2Options = {}): Rx2Result {
  table.forEach((row, i) => {
    if (row.length !== 2) throw new RangeError(`fisherExactRx2 needs two columns, row ${i + 1} has ${row.length}`);
    row.forEach((v, j) => checkCount(v, `cell [${i}][${j}]`));
  });
  const maxTables = options.maxTables ?? 2_000_000;
  const rows = table.filter((row) => row[0] + row[1] > 0);
  const sizes = rows.map((row) => row[0] + row[1]);
  const m = rows.reduce((s, row) => s + row[0], 0);
  const n = sizes.reduce((a, b) => a + b, 0);
  const chi = chiSquareTest(rows.length ? rows : [[0, 0]]);
  const minExpected = chi.minExpected;
  if (rows.length < 2 || m === 0 || m === n) return { p: 1, test: 'fisher-exact', method: FISHER_METHOD, tables: 1, minExpected };

  const lf = logFactorials(n);
  const logTotal = lf[n] - lf[m] - lf[n - m];
  const rowLog = sizes.map((size) => rowLogBinomials(size, lf));
  const last = rows.length - 1;
  const threshold = rows.reduce((s, row, i) => s + rowLog[i][row[0]], 0) + Math.log1p(RELATIVE_TOLERANCE);

  const count = countTables(sizes, m, maxTables + 1);
  if (count <= maxTables) {
    const capacityAfter = sizes.map((_, i) => sizes.slice(i + 1).reduce((a, b) => a + b, 0));
    let p = 0;
    const walk = (i: number, remaining: number, logSoFar: number): void => {
      if (i === last) {
        const lp = logSoFar + rowLog[i][remaining];
        if (lp <= threshold) p += Math.exp(lp - logTotal);
        return;
      }
      const row = rowLog[i];
      const hi = Math.min(sizes[i], remaining);
      for (let x = Math.max(0, remaining - capacityAfter[i]); x <= hi; x++) walk(i + 1, remaining - x, logSoFar + row[x]);
    };
    walk(0, m, 0);
    return { p: Math.min(1, p), test: 'fisher-exact', method: FISHER_METHOD, tables: count, minExpected };
  }
  if (chi.expectedAtLeast5) {
    return { p: chi.p, test: 'chi-square', method: CHI_SQUARE_FALLBACK_METHOD, statistic: chi.statistic, df: chi.df, minExpected };
  }
  const replicates = options.replicates ?? 10_000;
  const random = seededRandom(options.seed ?? 1);
  let hits = 0;
  for (let r = 0; r < replicates; r++) {
    // Deal the m "has the theme" among the groups: each group's count is hypergeometric given what is left.
    let successes = m;
    let left = n;
    let lp = 0;
    for (let i = 0; i < last; i++) {
      const x = hypergeometric(sizes[i], successes, left, lf, random());
      lp += rowLog[i][x];
      successes -= x;
      left -= sizes[i];
    }
    lp += rowLog[last][successes];
    if (lp <= threshold) hits++;
  }
  return { p: (1 + hits) / (1 + replicates), test: 'fisher-monte-carlo', method: FISHER_MONTE_CARLO_METHOD, replicates, minExpected };
}

/**
 * One hypergeometric draw by inversion of u, walking out from the mode (so it takes about a standard
 * deviation's steps, not one step per unit as dealing them out would): the successes among `draws`
 * taken without replacement from `total` of which `successes` are successes.
 */
function hypergeometric(draws: number, successes: number, total: number, lf: Float64Array, u: number): number {
  const failures = total - successes;
  const lo = Math.max(0, draws - failures);
  const hi = Math.min(draws, successes);
  if (lo === hi) return lo;
  const mode = Math.min(hi, Math.max(lo, Math.floor(((draws + 1) * (successes + 1)) / (total + 2))));
  const logChoose = (a: number, b: number) => lf[a] - lf[b] - lf[a - b];
  const atMode = Math.exp(logChoose(successes, mode) + logChoose(failures, draws - mode) - logChoose(total, draws));
  let rest = u - atMode;
  if (rest < 0) return mode;
  let down = mode;
  let up = mode;
  let pDown = atMode;
  let pUp = atMode;
  while (down > lo || up < hi) {
    if (up < hi) {
      pUp *= ((successes - up) * (draws - up)) / ((up + 1) * (failures - draws + up + 1));
      up++;
      rest -= pUp;
      if (rest < 0) return up;
    }
    if (down > lo) {
      pDown *= (down * (failures - draws + down)) / ((successes - down + 1) * (draws - down + 1));
      down--;
      rest -= pDown;
      if (rest < 0) return down;
    }
  }
  // Only rounding leaves u uncovered; the mode is the likeliest home for it.
  return mode;
}

/** How many r × 2 tables have these row sizes and first-column total, stopping once past cap. */
function countTables(sizes: readonly number[], m: number, cap: number): number {
  let ways = new Float64Array(m + 1);
  ways[0] = 1;
  for (const size of sizes) {
    const next = new Float64Array(m + 1);
    // A sliding window sum: next[s] = Σ_{x=0..size} ways[s − x].
    let window = 0;
    for (let s = 0; s <= m; s++) {
      window += ways[s];
      if (s - size - 1 >= 0) window -= ways[s - size - 1];
      next[s] = Math.min(window, cap);
    }
    ways = next;
  }
  return ways[m];
}
