import { checkCount, ConfidenceOptions, resolveConfidence } from './normal.js';

export const KAPPA_METHOD = "Cohen's κ; 95 % interval κ ± z·SE with the asymptotic SE of Fleiss, Cohen & Everitt (1969)";

export interface KappaResult {
  /** Cohen's κ; NaN when undefined (see reason). */
  kappa: number;
  /** Asymptotic standard error (Fleiss, Cohen & Everitt 1969), not the one under κ = 0. */
  se: number;
  lower: number;
  upper: number;
  level: number;
  method: string;
  /** Items both coders coded. */
  n: number;
  /** Share of items on which the two coders agree. */
  observedAgreement: number;
  /** Agreement expected by chance from the two coders' marginal shares. */
  expectedAgreement: number;
  reason?: string;
}

/**
 * Cohen's κ for a square table of counts: rows are the first coder's categories, columns the second
 * coder's, in the same order. Its standard error is the large-sample one of Fleiss, Cohen & Everitt
 * (1969), as in Fleiss, Levin & Paik, "Statistical Methods for Rates and Proportions" (3rd ed., 2003,
 * ch. 18) and SAS PROC FREQ's ASE; the interval is κ ± z·SE, cut to [−1, 1].
 *
 * κ is undefined when chance agreement is 1 — both coders put every item in one and the same
 * category — and when there are no items: then κ is NaN and reason says why. The asymptotic SE is 0
 * at κ = 1, so a perfect small sample gets an interval of width 0: a known limit of this method.
 */
export function cohenKappa(table: readonly (readonly number[])[], options?: ConfidenceOptions): KappaResult {
  const k = table.length;
  table.forEach((row, i) => {
    if (row.length !== k) throw new RangeError(`κ needs a square table: row ${i + 1} has ${row.length} cells, the table ${k} rows`);
    row.forEach((v, j) => checkCount(v, `cell [${i}][${j}]`));
  });
  const { z, level } = resolveConfidence(options);
  const n = table.reduce((s, row) => s + row.reduce((a, b) => a + b, 0), 0);
  const undefinedKappa = (reason: string, po = NaN, pe = NaN): KappaResult => ({
    kappa: NaN, se: NaN, lower: NaN, upper: NaN, level, method: KAPPA_METHOD, n, observedAgreement: po, expectedAgreement: pe, reason,
  });
  if (n === 0) return undefinedKappa('no items coded by both coders');
  const rows = table.map((row) => row.reduce((a, b) => a + b, 0) / n);
  const cols = table[0].map((_, j) => table.reduce((s, row) => s + row[j], 0) / n);
  const po = table.reduce((s, row, i) => s + row[i], 0) / n;
  const pe = rows.reduce((s, r, i) => s + r * cols[i], 0);
  // pe = 1 only when both coders used one and the same category for every item: κ is 0/0.
  if (pe >= 1 - 1e-12) {
    return undefinedKappa('both coders gave every item the same single category, so chance agreement is 1 and κ is undefined', po, pe);
  }
  const kappa = (po - pe) / (1 - pe);
  // Fleiss, Cohen & Everitt (1969), eq. for var(κ̂) with κ̂ substituted for κ.
  let diagonal = 0;
  let offDiagonal = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const pij = table[i][j] / n;
      if (pij === 0) continue;
      if (i === j) diagonal += pij * (1 - (rows[i] + cols[i]) * (1 - kappa)) ** 2;
      else offDiagonal += pij * (cols[i] + rows[j]) ** 2;
    }
  }
  const variance = (diagonal + (1 - kappa) ** 2 * offDiagonal - (kappa - pe * (1 - kappa)) ** 2) / (n * (1 - pe) ** 2);
  // Rounding can leave a tiny negative where the exact value is 0 (κ = 1).
  const se = Math.sqrt(Math.max(0, variance));
  return {
    kappa,
    se,
    lower: Math.max(-1, Math.min(kappa, kappa - z * se)),
    upper: Math.min(1, Math.max(kappa, kappa + z * se)),
    level,
    method: KAPPA_METHOD,
    n,
    observedAgreement: po,
    expectedAgreement: pe,
  };
}

/**
 * Cohen's κ from two codings of the same items, item by item (a[i] and b[i] code item i): for one
 * binary theme pass booleans, for the nominal case any strings or numbers. The categories are those
 * either coder used.
 */
export function cohenKappaFromCodings<V>(a: readonly V[], b: readonly V[], options?: ConfidenceOptions): KappaResult {
  if (a.length !== b.length) throw new RangeError(`the two codings must cover the same items: ${a.length} against ${b.length}`);
  const index = new Map<V, number>();
  for (const v of [...a, ...b]) if (!index.has(v)) index.set(v, index.size);
  const table = Array.from({ length: index.size }, () => new Array<number>(index.size).fill(0));
  for (let i = 0; i < a.length; i++) table[index.get(a[i])!][index.get(b[i])!]++;
  return cohenKappa(table, options);
}
