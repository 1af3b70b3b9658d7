import gammainc from '@stdlib/math-base-special-gammainc';
import { checkCount } from './normal.js';

/**
 * P(X ≥ x) for X ~ χ²(df): the regularised upper incomplete gamma function Q(df/2, x/2), from
 * @stdlib (a port of Boost's), which keeps its relative accuracy far into the tail where 1 − CDF
 * would round to 0.
 */
export function chiSquareUpperTail(x: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`degrees of freedom must be positive, got ${df}`);
  if (Number.isNaN(x)) return NaN;
  if (x <= 0) return 1;
  return gammainc(x / 2, df / 2, true, true);
}

export const CHI_SQUARE_METHOD = "Pearson's χ² test of independence, without continuity correction";

export interface ChiSquareResult {
  statistic: number;
  df: number;
  /** NaN when the test is undefined (see reason). */
  p: number;
  /** Expected counts under independence, for the rows and columns kept (empty ones are left out). */
  expected: number[][];
  minExpected: number;
  /** Cochran's condition that the χ² approximation needs here: every expected count at least 5. */
  expectedAtLeast5: boolean;
  method: string;
  reason?: string;
}

/**
 * Pearson's χ² test of independence for an r × c table of counts, df = (r − 1)(c − 1). Rows and
 * columns with no counts carry no information and are left out (R's chisq.test would return NaN);
 * fewer than two of either left means there is nothing to test. No continuity correction, also for
 * 2 × 2: where counts are small, Fisher's exact test is the answer, not Yates. Whether the
 * approximation holds is the caller's to say from expectedAtLeast5 and minExpected.
 */
export function chiSquareTest(table: readonly (readonly number[])[]): ChiSquareResult {
  const width = table[0]?.length ?? 0;
  table.forEach((row, i) => {
    if (row.length !== width) throw new RangeError(`every row needs ${width} cells, row ${i + 1} has ${row.length}`);
    row.forEach((v, j) => checkCount(v, `cell [${i}][${j}]`));
  });
  const rowSums = table.map((row) => row.reduce((a, b) => a + b, 0));
  const colSums = Array.from({ length: width }, (_, j) => table.reduce((s, row) => s + row[j], 0));
  const keptRows = rowSums.flatMap((s, i) => (s > 0 ? [i] : []));
  const keptCols = colSums.flatMap((s, j) => (s > 0 ? [j] : []));
  const n = rowSums.reduce((a, b) => a + b, 0);
  const expected = keptRows.map((i) => keptCols.map((j) => (rowSums[i] * colSums[j]) / n));
  const minExpected = expected.length ? Math.min(...expected.flat()) : NaN;
  const base = { expected, minExpected, expectedAtLeast5: minExpected >= 5, method: CHI_SQUARE_METHOD };
  if (keptRows.length < 2 || keptCols.length < 2) {
    return { statistic: NaN, df: 0, p: NaN, ...base, expectedAtLeast5: false, reason: 'fewer than two non-empty rows or columns: nothing to compare' };
  }
  let statistic = 0;
  keptRows.forEach((i, a) => keptCols.forEach((j, b) => {
    const e = expected[a][b];
    statistic += (table[i][j] - e) ** 2 / e;
  }));
  const df = (keptRows.length - 1) * (keptCols.length - 1);
  return { statistic, df, p: chiSquareUpperTail(statistic, df), ...base };
}
