export interface AlphaResult {
  /** Krippendorff's α for nominal data; NaN when undefined (see reason). */
  alpha: number;
  /** Units with at least two values (only these are pairable). */
  units: number;
  /** Pairable values n, summed over those units. */
  values: number;
  /** Observed disagreement D_o. */
  observedDisagreement: number;
  /** Disagreement expected by chance D_e. */
  expectedDisagreement: number;
  reason?: string;
}

export type Coded<V> = V | null | undefined;

/**
 * Krippendorff's α for nominal data, any number of coders, missing values allowed, by the
 * coincidence-matrix method of Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability",
 * section C. Each entry of units is one unit (an answer, or an answer × theme decision) holding the
 * values its coders gave; null, undefined and NaN are missing. Units with fewer than two values are
 * not pairable and drop out, as the paper says.
 *
 * For nominal data the coincidences need not be tabulated: with f_uc the count of value c in unit u
 * and m_u its values, Σ_{c≠k} o_ck = Σ_u (m_u² − Σ_c f_uc²)/(m_u − 1), and the expected side needs
 * only n_c = Σ_u f_uc. α = 1 − (n − 1)·Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k.
 *
 * α is undefined (0/0) when every pairable value is the same — no variation to be reliable about —
 * and when no unit has two values.
 */
export function krippendorffAlphaNominal<V>(units: readonly (readonly Coded<V>[])[]): AlphaResult {
  const totals = new Map<V, number>();
  let disagreeing = 0;
  let pairableUnits = 0;
  let n = 0;
  for (const unit of units) {
    const counts = new Map<V, number>();
    let m = 0;
    for (const v of unit) {
      if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) continue;
      counts.set(v, (counts.get(v) ?? 0) + 1);
      m++;
    }
    if (m < 2) continue;
    pairableUnits++;
    n += m;
    let squares = 0;
    for (const [v, f] of counts) {
      squares += f * f;
      totals.set(v, (totals.get(v) ?? 0) + f);
    }
    disagreeing += (m * m - squares) / (m - 1);
  }
  let totalSquares = 0;
  for (const f of totals.values()) totalSquares += f * f;
  const expectedPairs = n * n - totalSquares;
  const result = {
    units: pairableUnits,
    values: n,
    observedDisagreement: n > 0 ? disagreeing / n : NaN,
    expectedDisagreement: n > 1 ? expectedPairs / (n * (n - 1)) : NaN,
  };
  if (pairableUnits === 0) return { alpha: NaN, ...result, reason: 'no unit was coded by two or more coders' };
  if (expectedPairs === 0) return { alpha: NaN, ...result, reason: 'every coder gave every unit the same value, so there is no variation and α is undefined' };
  return { alpha: 1 - ((n - 1) * disagreeing) / expectedPairs, ...result };
}
