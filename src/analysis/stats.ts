/**
 * Exact binomial confidence intervals.
 *
 * @module
 */
import { levelSchema, optionError, parseOption } from "../api/options.js";

function logGamma(x: number): number {
  // Lanczos approximation (g = 7, n = 9), accurate to ~15 digits for x > 0.
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
    1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = c[0] as number;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += (c[i] as number) / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 10_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return h;
}

/**
 * The regularized incomplete beta function I_x(a, b).
 *
 * @param x - in [0, 1].
 * @param a - > 0.
 * @param b - > 0.
 * @returns I_x(a, b).
 * @example
 * ```ts
 * import { incompleteBeta } from 'lupus-renal-criteria';
 * incompleteBeta(0.5, 2, 2); // 0.5
 * ```
 * @internal Not part of the public API (used by the library and its tests).
 */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const lbt = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x);
  const bt = Math.exp(lbt);
  if (x < (a + 1) / (a + b + 2)) return (bt * betaContinuedFraction(a, b, x)) / a;
  return 1 - (bt * betaContinuedFraction(b, a, 1 - x)) / b;
}

function betaQuantile(p: number, a: number, b: number): number {
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (incompleteBeta(mid, a, b) < p) lo = mid;
    else hi = mid;
    if (hi - lo < 1e-14) break;
  }
  return (lo + hi) / 2;
}

/**
 * Exact (Clopper–Pearson) confidence interval for a binomial proportion k/n:
 * lower = Beta(α/2; k, n − k + 1), upper = Beta(1 − α/2; k + 1, n − k), with
 * lower 0 when k = 0 and upper 1 when k = n.
 *
 * @param k - successes (0 ≤ k ≤ n).
 * @param n - trials (n ≥ 0; n = 0 gives [0, 1]).
 * @param level - confidence level, strictly between 0 and 1; default 0.95.
 * @returns `[lower, upper]`.
 * @throws `InputError` (path `k`, `n` or `level`) for k or n that are not
 *   whole numbers with 0 ≤ k ≤ n, or a level that is not a number in (0, 1).
 * @example
 * ```ts
 * import { clopperPearson } from 'lupus-renal-criteria/analysis';
 * clopperPearson(12, 13); // [0.6397, 0.9981] (rounded)
 * ```
 * @category Cohorts and statistics
 */
export function clopperPearson(k: number, n: number, level = 0.95): [number, number] {
  if (!Number.isInteger(n) || n < 0) {
    throw optionError(
      [{ path: ["n"], message: `n must be a whole number ≥ 0, got ${n}` }],
      "arguments",
    );
  }
  if (!Number.isInteger(k) || k < 0 || k > n) {
    throw optionError(
      [{ path: ["k"], message: `k must be a whole number with 0 ≤ k ≤ n (${n}), got ${k}` }],
      "arguments",
    );
  }
  parseOption(levelSchema, level, "level");
  if (n === 0) return [0, 1];
  const alpha = 1 - level;
  const lower = k === 0 ? 0 : betaQuantile(alpha / 2, k, n - k + 1);
  const upper = k === n ? 1 : betaQuantile(1 - alpha / 2, k + 1, n - k);
  return [lower, upper];
}

/**
 * The standard normal quantile Φ⁻¹(p), by Acklam's rational approximation
 * (relative error below 1.2e-9), for 0 < p < 1.
 *
 * @param p - a probability strictly between 0 and 1.
 * @returns z with Φ(z) = p.
 * @internal Not part of the public API (used by the survival summaries).
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError("p must be strictly between 0 and 1");
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972,
    -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734,
    4.374664141464968, 2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const [a0, a1, a2, a3, a4, a5] = a as [number, number, number, number, number, number];
  const [b0, b1, b2, b3, b4] = b as [number, number, number, number, number];
  const [c0, c1, c2, c3, c4, c5] = c as [number, number, number, number, number, number];
  const [d0, d1, d2, d3] = d as [number, number, number, number];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) /
      ((((d0 * q + d1) * q + d2) * q + d3) * q + 1)
    );
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) /
    (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1)
  );
}
