/**
 * The statistics of the audit, in one place: pure functions of counts and codings, no I/O.
 *
 * - wilson.ts: Wilson score interval for a proportion.
 * - theme-scores.ts: precision, recall, F1 and κ per theme, machine against person.
 * - kappa.ts: Cohen's κ with the Fleiss–Cohen–Everitt standard error.
 * - krippendorff.ts: Krippendorff's α, nominal, any number of coders, missing values.
 * - fisher.ts: Fisher's exact test, 2 × 2 and r × 2 (with χ² or Monte Carlo where enumeration is too large).
 * - chi-square.ts: Pearson's χ² test for r × c and the χ² upper tail.
 * - corrected-share.ts: a theme's share corrected for the audit's measured error rates, and recall
 *   for an audit sampled by the machine's output.
 *
 * Every undefined figure is NaN with a reason in words, never a throw; a throw means a bug upstream
 * (a negative or fractional count, tables of the wrong shape).
 */
export * from './normal.js';
export * from './wilson.js';
export * from './theme-scores.js';
export * from './kappa.js';
export * from './krippendorff.js';
export * from './fisher.js';
export * from './chi-square.js';
export * from './corrected-share.js';
export { seededRandom } from './prng.js';
