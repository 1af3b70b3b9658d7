import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  chiSquareTest,
  chiSquareUpperTail,
  cohenKappa,
  cohenKappaFromCodings,
  correctedShare,
  f1Interval,
  fisherExact2x2,
  fisherExactRx2,
  krippendorffAlphaNominal,
  recallFromPredictiveValues,
  resolveConfidence,
  roganGladenShare,
  scoreCounts,
  seededRandom,
  themeScores,
  wilsonInterval,
  zForLevel,
  type PairedCoding,
} from '../src/core/audit/statistics.js';

const count = (max = 60) => fc.integer({ min: 0, max });

describe('Wilson score interval', () => {
  // Newcombe, R. G. (1998). Two-sided confidence intervals for the single proportion: comparison of
  // seven methods. Statistics in Medicine 17, 857–872, Table II, method 3 (score, no continuity correction).
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i/%i matches Newcombe (1998) Table II', (x, n, lower, upper) => {
    const w = wilsonInterval(x, n);
    expect(w.lower).toBeCloseTo(lower, 4);
    expect(w.upper).toBeCloseTo(upper, 4);
    expect(w.estimate).toBe(x / n);
    expect(w.level).toBe(0.95);
  });

  it('is exactly 0 at x = 0 and exactly 1 at x = n, and undefined with a reason at n = 0', () => {
    expect(wilsonInterval(0, 7).lower).toBe(0);
    expect(wilsonInterval(7, 7).upper).toBe(1);
    expect(wilsonInterval(7, 7).lower).toBeLessThan(1);
    const none = wilsonInterval(0, 0);
    expect(none.estimate).toBeNaN();
    expect(none.lower).toBeNaN();
    expect(none.reason).toMatch(/n = 0/);
  });

  it('takes z or a confidence level; z for a level from the normal table', () => {
    // Standard normal table: two-sided 95 % → 1.959964, 90 % → 1.644854, 99 % → 2.575829.
    expect(zForLevel(0.95)).toBeCloseTo(1.959964, 6);
    expect(zForLevel(0.9)).toBeCloseTo(1.644854, 6);
    expect(zForLevel(0.99)).toBeCloseTo(2.575829, 6);
    expect(resolveConfidence({ z: 1.959964 }).level).toBeCloseTo(0.95, 6);
    const narrow = wilsonInterval(81, 263, { level: 0.9 });
    const wide = wilsonInterval(81, 263, { z: 2.575829 });
    expect(narrow.upper - narrow.lower).toBeLessThan(wide.upper - wide.lower);
    expect(wide.level).toBeCloseTo(0.99, 6);
  });

  it('throws on counts that are not counts', () => {
    expect(() => wilsonInterval(3, 2)).toThrow(/exceed/);
    expect(() => wilsonInterval(-1, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 2, { level: 1 })).toThrow(RangeError);
  });

  it('contains the estimate and lies in [0, 1] (property)', () => {
    fc.assert(
      fc.property(count(500), count(500), fc.double({ min: 0.5, max: 0.999, noNaN: true }), (a, b, level) => {
        const [x, n] = a <= b ? [a, b] : [b, a];
        fc.pre(n > 0);
        const w = wilsonInterval(x, n, { level });
        return w.lower >= 0 && w.upper <= 1 && w.lower <= w.estimate && w.estimate <= w.upper && w.lower < w.upper;
      }),
    );
  });
});

describe("Cohen's κ", () => {
  it('matches the worked example of Wikipedia\'s "Cohen\'s kappa" (20, 5, 10, 15 → κ = 0.4)', () => {
    const k = cohenKappa([[20, 5], [10, 15]]);
    expect(k.kappa).toBeCloseTo(0.4, 12);
    expect(k.observedAgreement).toBeCloseTo(0.7, 12);
    expect(k.expectedAgreement).toBeCloseTo(0.5, 12);
    expect(k.n).toBe(50);
    // The same from the item-by-item codings of the example's two readers.
    const a = [...Array(25).fill(true), ...Array(25).fill(false)];
    const b = [...Array(20).fill(true), ...Array(5).fill(false), ...Array(10).fill(true), ...Array(15).fill(false)];
    expect(cohenKappaFromCodings(a, b).kappa).toBeCloseTo(0.4, 12);
  });

  it('matches SAS/STAT PROC FREQ "Agreement Study" (skin condition, 4 × 4): κ 0.3449, ASE 0.0724, 95 % 0.2030–0.4868', () => {
    // SAS/STAT User's Guide, The FREQ Procedure, Getting Started: Agreement Study. Its ASE is the
    // Fleiss, Cohen & Everitt (1969) standard error, the one cohenKappa uses.
    const k = cohenKappa([
      [10, 4, 1, 0],
      [5, 10, 12, 2],
      [2, 4, 12, 5],
      [0, 2, 6, 13],
    ]);
    expect(k.kappa).toBeCloseTo(0.3449, 4);
    expect(k.se).toBeCloseTo(0.0724, 4);
    expect(k.lower).toBeCloseTo(0.203, 4);
    expect(k.upper).toBeCloseTo(0.4868, 4);
  });

  it('is undefined with a reason, not a crash, when both coders are constant on one category or nothing was coded', () => {
    const constant = cohenKappaFromCodings([false, false, false], [false, false, false]);
    expect(constant.kappa).toBeNaN();
    expect(constant.se).toBeNaN();
    expect(constant.reason).toMatch(/same single category/);
    expect(cohenKappa([[0, 0], [0, 0]]).reason).toMatch(/no items/);
    // Constant on different categories is defined: no agreement and no chance agreement, κ = 0.
    expect(cohenKappaFromCodings([true, true], [false, false]).kappa).toBe(0);
    expect(() => cohenKappa([[1, 2], [3]])).toThrow(/square/);
    expect(() => cohenKappaFromCodings([1], [1, 2])).toThrow(/same items/);
  });

  const codings = fc
    .integer({ min: 2, max: 4 })
    .chain((k) => fc.array(fc.tuple(fc.integer({ min: 0, max: k - 1 }), fc.integer({ min: 0, max: k - 1 })), { minLength: 1, maxLength: 80 }));

  it('is 1 for identical codings that are not constant (property)', () => {
    fc.assert(
      fc.property(codings, (pairs) => {
        const a = pairs.map(([x]) => x);
        fc.pre(new Set(a).size > 1);
        const k = cohenKappaFromCodings(a, a);
        return Math.abs(k.kappa - 1) < 1e-12 && k.lower <= 1 && k.upper === 1;
      }),
    );
  });

  it('is symmetric in the two coders, its interval holds κ and lies in [−1, 1] (property)', () => {
    fc.assert(
      fc.property(codings, (pairs) => {
        const a = pairs.map(([x]) => x);
        const b = pairs.map(([, y]) => y);
        const ab = cohenKappaFromCodings(a, b);
        const ba = cohenKappaFromCodings(b, a);
        if (Number.isNaN(ab.kappa)) return Number.isNaN(ba.kappa) && ab.reason !== undefined;
        return (
          Math.abs(ab.kappa - ba.kappa) < 1e-12 &&
          Math.abs(ab.se - ba.se) < 1e-12 &&
          ab.lower >= -1 && ab.upper <= 1 && ab.lower <= ab.kappa && ab.kappa <= ab.upper
        );
      }),
    );
  });
});

describe("Krippendorff's α (nominal)", () => {
  const _ = null;
  // Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Section C (nominal data, any
  // number of observers, missing data): observers A–D × 12 units, α = 0.743.
  const observers = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
    [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
  ];
  const units = observers[0].map((_, u) => observers.map((o) => o[u]));

  it('matches Krippendorff (2011): α = 0.743 with n = 40 pairable values (unit 12 drops out)', () => {
    const a = krippendorffAlphaNominal(units);
    expect(a.alpha).toBeCloseTo(0.743, 3);
    expect(a.values).toBe(40);
    expect(a.units).toBe(11);
  });

  it('is undefined with a reason when there is no variation or no pairable unit', () => {
    expect(krippendorffAlphaNominal([['a', 'a'], ['a', 'a', _]]).reason).toMatch(/no variation/);
    expect(krippendorffAlphaNominal([['a', _], [_, 'b']]).reason).toMatch(/two or more coders/);
    expect(krippendorffAlphaNominal([]).alpha).toBeNaN();
  });

  it('is 1 for perfect agreement whatever is missing (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('ja', 'nej', 'kanske'), fc.array(fc.boolean(), { minLength: 2, maxLength: 5 })), { minLength: 1, maxLength: 40 }),
        (rows) => {
          const data = rows.map(([value, present]) => present.map((p) => (p ? value : null)));
          const a = krippendorffAlphaNominal(data);
          if (Number.isNaN(a.alpha)) return a.reason !== undefined;
          return Math.abs(a.alpha - 1) < 1e-12;
        },
      ),
    );
  });

  it("is Scott's π corrected for small samples with two coders and no missing values: α = 1 − (n − 1)/n·(1 − π)", () => {
    // Krippendorff (2011), section A: with two observers and no missing data, n = 2N pairable values.
    const a = [1, 1, 2, 2, 2, 3, 1, 3, 3, 2];
    const b = [1, 2, 2, 2, 1, 3, 1, 3, 2, 2];
    const items = a.length;
    const po = a.filter((v, i) => v === b[i]).length / items;
    const pooled = [...a, ...b];
    const pe = [1, 2, 3].reduce((s, c) => s + (pooled.filter((v) => v === c).length / pooled.length) ** 2, 0);
    const scottsPi = (po - pe) / (1 - pe);
    const n = pooled.length;
    expect(krippendorffAlphaNominal(a.map((v, i) => [v, b[i]])).alpha).toBeCloseTo(1 - ((n - 1) / n) * (1 - scottsPi), 12);
  });
});

describe("Fisher's exact test", () => {
  it('matches the lady tasting tea (Fisher 1935; R fisher.test documentation): two-sided 0.4857, greater 0.2429', () => {
    expect(fisherExact2x2([[3, 1], [1, 3]]).p).toBeCloseTo(0.4857, 4);
    expect(fisherExact2x2([[3, 1], [1, 3]], { alternative: 'greater' }).p).toBeCloseTo(0.2429, 4);
    expect(fisherExact2x2([[3, 1], [1, 3]]).tables).toBe(5);
  });

  it("matches Fisher's (1962) convictions of twins (R fisher.test documentation): less 0.0004652, two-sided 0.0005367", () => {
    const convictions = [[2, 15], [10, 3]];
    expect(fisherExact2x2(convictions, { alternative: 'less' }).p).toBeCloseTo(0.0004652, 7);
    expect(fisherExact2x2(convictions).p).toBeCloseTo(0.0005367, 7);
  });

  it('matches Agresti, An Introduction to Categorical Data Analysis (2nd ed., 2007), larynx cancer (surgery 21/2, radiation 15/3): one-sided 0.3808, two-sided 0.638', () => {
    expect(fisherExact2x2([[21, 2], [15, 3]], { alternative: 'greater' }).p).toBeCloseTo(0.3808, 4);
    expect(fisherExact2x2([[21, 2], [15, 3]]).p).toBeCloseTo(0.638, 3);
  });

  it('r × 2 with two rows is the 2 × 2 test; with three rows it equals a brute-force Freeman–Halton sum in exact integers', () => {
    expect(fisherExactRx2([[2, 15], [10, 3]]).p).toBeCloseTo(0.0005367, 7);
    const table = [[2, 8], [5, 5], [9, 1], [0, 0]];
    const r = fisherExactRx2(table);
    expect(r.test).toBe('fisher-exact');
    expect(r.p).toBeCloseTo(bruteForceRx2(table), 12);
    expect(r.tables).toBe(90);
  });

  it('falls back to χ² where enumeration is too large and every expected count is at least 5, and says so', () => {
    const table = [[30, 20], [25, 25], [15, 35]];
    const exact = fisherExactRx2(table);
    const chi = fisherExactRx2(table, { maxTables: 10 });
    expect(exact.test).toBe('fisher-exact');
    expect(chi.test).toBe('chi-square');
    expect(chi.df).toBe(2);
    expect(chi.p).toBeCloseTo(chiSquareTest(table).p, 12);
    expect(Math.abs(chi.p - exact.p)).toBeLessThan(0.01);
  });

  it('falls back to a seeded Monte Carlo p where χ² does not hold: the same p for the same seed, near the exact one', () => {
    const table = [[1, 2], [6, 30], [20, 25], [12, 40]];
    const exact = fisherExactRx2(table);
    const mc = fisherExactRx2(table, { maxTables: 10, seed: 7 });
    expect(exact.minExpected).toBeLessThan(5);
    expect(mc.test).toBe('fisher-monte-carlo');
    expect(mc.replicates).toBe(10_000);
    expect(fisherExactRx2(table, { maxTables: 10, seed: 7 }).p).toBe(mc.p);
    // Monte Carlo SE at p ≈ 0.01–0.1 with 10 000 draws is below 0.003.
    expect(Math.abs(mc.p - exact.p)).toBeLessThan(0.01);
  });

  it('gives p = 1 when the margins allow one table only (no one has the theme, or one group)', () => {
    expect(fisherExactRx2([[0, 5], [0, 7]]).p).toBe(1);
    expect(fisherExactRx2([[3, 5], [0, 0]]).p).toBe(1);
  });

  it('p lies in (0, 1]; r × 2 with two rows equals 2 × 2 (property)', () => {
    fc.assert(
      fc.property(count(25), count(25), count(25), count(25), (a, b, c, d) => {
        const two = fisherExact2x2([[a, b], [c, d]]).p;
        const rx2 = fisherExactRx2([[a, b], [c, d]]).p;
        return two > 0 && two <= 1 && Math.abs(two - rx2) < 1e-9;
      }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(count(15), count(15)), { minLength: 1, maxLength: 5 }), (rows) => {
        const r = fisherExactRx2(rows);
        return r.p > 0 && r.p <= 1;
      }),
    );
  });
});

/** The Freeman–Halton p of an r × 2 table summed over every table, in exact integers (BigInt). */
function bruteForceRx2(table: number[][]): number {
  const sizes = table.map(([a, b]) => a + b);
  const m = table.reduce((s, [a]) => s + a, 0);
  const choose = (n: number, k: number): bigint => {
    let r = 1n;
    for (let i = 1; i <= k; i++) r = (r * BigInt(n - k + i)) / BigInt(i);
    return r;
  };
  const weight = (xs: number[]) => xs.reduce((w, x, i) => w * choose(sizes[i], x), 1n);
  const observed = weight(table.map(([a]) => a));
  let hits = 0n;
  let all = 0n;
  const walk = (i: number, left: number, xs: number[]): void => {
    if (i === sizes.length) {
      if (left !== 0) return;
      const w = weight(xs);
      all += w;
      if (w <= observed) hits += w;
      return;
    }
    for (let x = 0; x <= Math.min(sizes[i], left); x++) walk(i + 1, left - x, [...xs, x]);
  };
  walk(0, m, []);
  return Number((hits * 10n ** 15n) / all) / 1e15;
}

describe('χ² distribution and test of independence', () => {
  // Upper critical values of the χ² distribution, NIST/SEMATECH e-Handbook of Statistical Methods, 1.3.6.7.4.
  it.each([
    [3.841, 1, 0.05],
    [18.307, 10, 0.05],
    [15.086, 5, 0.01],
    [13.816, 2, 0.001],
  ])('P(χ² ≥ %d | df %d) ≈ %d (NIST table)', (x, df, p) => {
    expect(chiSquareUpperTail(x, df) / p).toBeCloseTo(1, 3);
  });

  it('keeps accuracy far in the tail and is 1 at 0', () => {
    // P(χ²₂ ≥ x) = e^(−x/2) exactly.
    expect(chiSquareUpperTail(200, 2) / Math.exp(-100)).toBeCloseTo(1, 10);
    expect(chiSquareUpperTail(0, 3)).toBe(1);
  });

  it('matches Agresti (2007), party identification by gender: X² = 30.07, df 2', () => {
    // Agresti, An Introduction to Categorical Data Analysis (2nd ed.), Table 2.5.
    const r = chiSquareTest([[762, 327, 468], [484, 239, 477]]);
    expect(r.statistic).toBeCloseTo(30.07, 2);
    expect(r.df).toBe(2);
    expect(r.p).toBeLessThan(0.001);
    expect(r.p).toBeCloseTo(Math.exp(-30.070149095754672 / 2), 12);
    expect(r.expected[0][0]).toBeCloseTo(703.7, 1);
    expect(r.expectedAtLeast5).toBe(true);
  });

  it('leaves out empty rows and columns, and says when nothing is left to compare', () => {
    const r = chiSquareTest([[10, 0, 20], [0, 0, 0], [20, 0, 10]]);
    expect(r.df).toBe(1);
    expect(r.statistic).toBeCloseTo(chiSquareTest([[10, 20], [20, 10]]).statistic, 12);
    expect(chiSquareTest([[10, 20], [0, 0]]).reason).toMatch(/nothing to compare/);
    expect(chiSquareTest([[10, 20], [0, 0]]).p).toBeNaN();
  });
});

describe('per-theme precision, recall, F1 and κ', () => {
  const items: PairedCoding[] = [
    { machine: ['a', 'b'], person: ['a'] },
    { machine: ['a'], person: ['a', 'c'] },
    { machine: [], person: ['b'] },
    { machine: ['c'], person: ['c'] },
    { machine: [], person: [] },
  ];

  it('counts each theme’s 2 × 2 with the person as the truth, in the given order', () => {
    const scores = themeScores(items, { themes: ['c', 'a', 'b', 'd'] });
    expect(scores.map((s) => s.theme)).toEqual(['c', 'a', 'b', 'd']);
    expect(scores[0].counts).toEqual({ tp: 1, fp: 0, fn: 1, tn: 3 });
    expect(scores[1].counts).toEqual({ tp: 2, fp: 0, fn: 0, tn: 3 });
    expect(scores[2].counts).toEqual({ tp: 0, fp: 1, fn: 1, tn: 3 });
    expect(scores[0].precision.estimate).toBe(1);
    expect(scores[0].recall.estimate).toBe(0.5);
    expect(scores[0].f1.estimate).toBeCloseTo(2 / 3, 12);
    expect(scores[0].precision.lower).toBeCloseTo(wilsonInterval(1, 1).lower, 12);
    expect(scores[1].kappa.kappa).toBe(1);
    // Theme d: no one used it; every figure undefined with a reason.
    expect(scores[3].precision.reason).toMatch(/machine gave this theme to no/);
    expect(scores[3].recall.reason).toMatch(/person gave this theme to no/);
    expect(scores[3].f1.reason).toMatch(/neither/);
    expect(scores[3].kappa.reason).toMatch(/same single category/);
    expect(themeScores(items).map((s) => s.theme)).toEqual(['a', 'b', 'c']);
  });

  it('refuses a theme outside the given list', () => {
    expect(() => themeScores(items, { themes: ['a', 'b'] })).toThrow(/outside the list: c/);
  });

  it("F1's interval is the Wilson interval of J = tp/(tp + fp + fn) through 2J/(1 + J)", () => {
    const f = f1Interval({ tp: 40, fp: 10, fn: 15, tn: 100 });
    const j = wilsonInterval(40, 65);
    expect(f.estimate).toBeCloseTo(80 / 105, 12);
    expect(f.lower).toBeCloseTo((2 * j.lower) / (1 + j.lower), 12);
    expect(f.upper).toBeCloseTo((2 * j.upper) / (1 + j.upper), 12);
  });

  it("F1's interval covers the true F1 about 95 % of the time in a seeded simulation of audits", () => {
    // Items fall into tp, fp, fn, tn with these probabilities; the true F1 is 2·0.15 / (2·0.15 + 0.05 + 0.05) = 0.75.
    const random = seededRandom(5);
    const truth = 0.75;
    let covered = 0;
    const runs = 2000;
    for (let i = 0; i < runs; i++) {
      const counts = { tp: 0, fp: 0, fn: 0, tn: 0 };
      for (let k = 0; k < 150; k++) {
        const u = random();
        if (u < 0.15) counts.tp++;
        else if (u < 0.2) counts.fp++;
        else if (u < 0.25) counts.fn++;
        else counts.tn++;
      }
      const f = f1Interval(counts);
      if (f.lower <= truth && truth <= f.upper) covered++;
    }
    expect(covered / runs).toBeGreaterThan(0.93);
    expect(covered / runs).toBeLessThan(0.975);
  });

  it('every interval holds its estimate and lies in [0, 1] (property)', () => {
    fc.assert(
      fc.property(count(), count(), count(), count(), (tp, fp, fn, tn) => {
        const s = scoreCounts('t', { tp, fp, fn, tn });
        return [s.precision, s.recall, s.f1].every((e) =>
          Number.isNaN(e.estimate) ? e.reason !== undefined : e.lower >= 0 && e.upper <= 1 && e.lower <= e.estimate && e.estimate <= e.upper,
        );
      }),
    );
  });

  it('computes every per-theme figure for 10 000 items × 8 themes well under a second', () => {
    const random = seededRandom(2026);
    const themes = ['t1', 't2', 't3', 't4', 't5', 't6', 't7', 't8'];
    const big: PairedCoding[] = Array.from({ length: 10_000 }, () => {
      const person = themes.filter(() => random() < 0.2);
      const machine = themes.filter((t) => (person.includes(t) ? random() < 0.85 : random() < 0.05));
      return { machine, person };
    });
    const started = performance.now();
    const scores = themeScores(big, { themes });
    const elapsed = performance.now() - started;
    expect(scores).toHaveLength(8);
    expect(scores.every((s) => s.n === 10_000 && s.recall.estimate > 0.8 && s.recall.estimate < 0.9)).toBe(true);
    expect(elapsed).toBeLessThan(500);
  });
});

describe('share corrected for the measured error rates', () => {
  it('gives p·PPV + (1 − p)·FOR with the MOVER interval from the two Wilson intervals', () => {
    // 400 of 1000 answers tagged; the audit: 85 of 100 tagged answers right, 7 of 100 untagged ones missed.
    const audit = { tp: 85, fp: 15, fn: 7, tn: 93 };
    const r = correctedShare({ positives: 400, total: 1000 }, audit);
    expect(r.observed).toBe(0.4);
    expect(r.estimate).toBeCloseTo(0.4 * 0.85 + 0.6 * 0.07, 12);
    const ppv = wilsonInterval(85, 100);
    const fo = wilsonInterval(7, 100);
    expect(r.lower).toBeCloseTo(r.estimate - Math.hypot(0.4 * (0.85 - ppv.lower), 0.6 * (0.07 - fo.lower)), 12);
    expect(r.upper).toBeCloseTo(r.estimate + Math.hypot(0.4 * (ppv.upper - 0.85), 0.6 * (fo.upper - 0.07)), 12);
    // As the report would print it: 38 % (95 % KI 34–43 %).
    expect([r.estimate, r.lower, r.upper].map((v) => Math.round(v * 100))).toEqual([38, 34, 43]);
  });

  it('holds its estimate, lies in [0, 1] and never has width 0 for an error-free audit (property)', () => {
    fc.assert(
      fc.property(count(200), count(200), count(), count(), count(), count(), (a, b, tp, fp, fn, tn) => {
        const [positives, total] = a <= b ? [a, b] : [b, a];
        const r = correctedShare({ positives, total }, { tp, fp, fn, tn });
        if (Number.isNaN(r.estimate)) return r.reason !== undefined;
        return r.lower >= 0 && r.upper <= 1 && r.lower <= r.estimate && r.estimate <= r.upper && r.upper > r.lower;
      }),
    );
  });

  it('covers the true share about 95 % of the time in a seeded simulation of audits', () => {
    const random = seededRandom(11);
    const binomial = (n: number, p: number) => Array.from({ length: n }).reduce<number>((s) => s + (random() < p ? 1 : 0), 0);
    const [p, ppv, fo, size] = [0.3, 0.8, 0.05, 60];
    const truth = p * ppv + (1 - p) * fo;
    let covered = 0;
    const runs = 2000;
    for (let i = 0; i < runs; i++) {
      const tp = binomial(size, ppv);
      const fn = binomial(size, fo);
      const r = correctedShare({ positives: 300, total: 1000 }, { tp, fp: size - tp, fn, tn: size - fn });
      if (r.lower <= truth && truth <= r.upper) covered++;
    }
    expect(covered / runs).toBeGreaterThan(0.93);
    expect(covered / runs).toBeLessThan(0.985);
  });

  it('is undefined with a reason when a part of the audit the corpus needs is missing', () => {
    expect(correctedShare({ positives: 5, total: 10 }, { tp: 0, fp: 0, fn: 1, tn: 9 }).reason).toMatch(/precision is unknown/);
    expect(correctedShare({ positives: 5, total: 10 }, { tp: 3, fp: 1, fn: 0, tn: 0 }).reason).toMatch(/misses are unknown/);
    expect(correctedShare({ positives: 0, total: 0 }, { tp: 3, fp: 1, fn: 1, tn: 4 }).reason).toMatch(/no answers/);
    // A theme the machine never gave needs only the audit's untagged part.
    expect(correctedShare({ positives: 0, total: 10 }, { tp: 0, fp: 0, fn: 1, tn: 9 }).estimate).toBeCloseTo(0.1, 12);
    expect(() => correctedShare({ positives: 11, total: 10 }, { tp: 0, fp: 0, fn: 1, tn: 9 })).toThrow(/exceed/);
  });

  it("recall for an audit sampled by the machine's output: p·PPV / (p·PPV + (1 − p)·FOR), not the audit's raw tp/(tp + fn)", () => {
    // The example above: the raw recall 85/92 = 0.924 counts the misses only at the untagged part's
    // sampling rate (100 of 600 answers against 100 of 400).
    const audit = { tp: 85, fp: 15, fn: 7, tn: 93 };
    const r = recallFromPredictiveValues({ positives: 400, total: 1000 }, audit);
    expect(r.estimate).toBeCloseTo((0.4 * 0.85) / (0.4 * 0.85 + 0.6 * 0.07), 12);
    expect(r.estimate).toBeLessThan(scoreCounts('t', audit).recall.estimate - 0.03);
    const ppv = wilsonInterval(85, 100, { level: 0.975 });
    const fo = wilsonInterval(7, 100, { level: 0.975 });
    expect(r.lower).toBeCloseTo((0.4 * ppv.lower) / (0.4 * ppv.lower + 0.6 * fo.upper), 12);
    expect(r.upper).toBeCloseTo((0.4 * ppv.upper) / (0.4 * ppv.upper + 0.6 * fo.lower), 12);
    expect(recallFromPredictiveValues({ positives: 0, total: 100 }, { tp: 0, fp: 0, fn: 3, tn: 50 })).toMatchObject({ estimate: 0, lower: 0, upper: 0 });
    expect(recallFromPredictiveValues({ positives: 5, total: 100 }, { tp: 0, fp: 5, fn: 0, tn: 50 }).reason).toMatch(/no answer has this theme/);
  });

  it('that recall covers the true recall at least 95 % of the time in a seeded simulation (Bonferroni is conservative)', () => {
    const random = seededRandom(17);
    const binomial = (n: number, p: number) => Array.from({ length: n }).reduce<number>((s) => s + (random() < p ? 1 : 0), 0);
    const [p, ppv, fo, size] = [0.2, 0.75, 0.04, 80];
    const truth = (p * ppv) / (p * ppv + (1 - p) * fo);
    let covered = 0;
    const runs = 2000;
    for (let i = 0; i < runs; i++) {
      const tp = binomial(size, ppv);
      const fn = binomial(size, fo);
      const r = recallFromPredictiveValues({ positives: 200, total: 1000 }, { tp, fp: size - tp, fn, tn: size - fn });
      if (r.lower <= truth && truth <= r.upper) covered++;
    }
    expect(covered / runs).toBeGreaterThanOrEqual(0.95);
  });

  it('that recall holds its estimate and lies in [0, 1] (property)', () => {
    fc.assert(
      fc.property(count(200), count(200), count(), count(), count(), count(), (a, b, tp, fp, fn, tn) => {
        const [positives, total] = a <= b ? [a, b] : [b, a];
        const r = recallFromPredictiveValues({ positives, total }, { tp, fp, fn, tn });
        if (Number.isNaN(r.estimate)) return r.reason !== undefined;
        return r.lower >= 0 && r.upper <= 1 && r.lower <= r.estimate && r.estimate <= r.upper;
      }),
    );
  });

  it('Rogan–Gladen: (p + Sp − 1)/(Se + Sp − 1) with a delta-method interval; the observed share when the audit finds no error', () => {
    const audit = { tp: 85, fp: 15, fn: 7, tn: 93 };
    const se = 85 / 92;
    const sp = 93 / 108;
    const r = roganGladenShare({ positives: 400, total: 1000 }, audit);
    const pi = (0.4 + sp - 1) / (se + sp - 1);
    expect(r.estimate).toBeCloseTo(pi, 12);
    const half = 1.959963984540054 * Math.sqrt((pi ** 2 * (se * (1 - se)) / 92 + (1 - pi) ** 2 * (sp * (1 - sp)) / 108) / (se + sp - 1) ** 2);
    expect(r.lower).toBeCloseTo(pi - half, 12);
    expect(r.upper).toBeCloseTo(pi + half, 12);
    const sampled = roganGladenShare({ positives: 400, total: 1000 }, audit, { observedIsSample: true });
    expect(sampled.upper - sampled.lower).toBeGreaterThan(r.upper - r.lower);
    expect(roganGladenShare({ positives: 400, total: 1000 }, { tp: 10, fp: 0, fn: 0, tn: 10 }).estimate).toBeCloseTo(0.4, 12);
    expect(roganGladenShare({ positives: 4, total: 10 }, { tp: 5, fp: 5, fn: 5, tn: 5 }).reason).toMatch(/no better than chance/);
    expect(roganGladenShare({ positives: 4, total: 10 }, { tp: 0, fp: 5, fn: 0, tn: 5 }).reason).toMatch(/sensitivity is unknown/);
  });
});

describe('seeded random numbers', () => {
  it('repeat for a seed, differ between seeds, and lie in [0, 1)', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(xs.slice(0, 5)).not.toEqual(Array.from({ length: 5 }, () => c()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
  });
});
