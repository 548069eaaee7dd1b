/**
 * Small, test-only hypothesis tests, used to recompute the p-values the papers print (Zhang 2023
 * Table 2 and §3) and to check which test a printed value comes from.
 *
 * Not part of the library; written to be read, checked against published reference values in
 * `inference.test.ts`. Conventions follow R's `stats` package (`fisher.test`, `chisq.test`,
 * `t.test`, `wilcox.test`, `aov`), since Zhang 2023 names R 3.4.3 and SPSS 20 (§2.5).
 *
 * Special functions: log-gamma by Lanczos (g = 7, n = 9), the regularized incomplete beta by its
 * continued fraction (Lentz), the regularized incomplete gamma by series / continued fraction
 * (Numerical Recipes, 3rd ed., §6.1–6.4).
 */

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0. */
export function lnGamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`lnGamma needs x > 0, got ${x}`);
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0] as number;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += (LANCZOS[i] as number) / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** ln(n!) for a whole n ≥ 0. */
export function lnFactorial(n: number): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`lnFactorial of ${n}`);
  let s = 0;
  for (let k = 2; k <= n; k++) s += Math.log(k);
  return s;
}

const EPS = 1e-15;
const TINY = 1e-300;

/** Continued fraction of the incomplete beta (modified Lentz). */
function betaCf(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 10000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) return h;
  }
  throw new Error("betaCf did not converge");
}

/** The regularized incomplete beta function I_x(a, b), 0 ≤ x ≤ 1. */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (!(x >= 0 && x <= 1)) throw new RangeError(`regularizedBeta: x = ${x} outside [0, 1]`);
  if (x === 0 || x === 1) return x;
  const lbt = lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log(1 - x);
  const bt = Math.exp(lbt);
  return x < (a + 1) / (a + b + 2)
    ? (bt * betaCf(a, b, x)) / a
    : 1 - (bt * betaCf(b, a, 1 - x)) / b;
}

/** The upper regularized incomplete gamma function Q(a, x) = Γ(a, x) / Γ(a). */
export function upperGammaQ(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) throw new RangeError(`upperGammaQ(${a}, ${x})`);
  if (x === 0) return 1;
  const lead = -x + a * Math.log(x) - lnGamma(a);
  if (x < a + 1) {
    // Series for P(a, x).
    let ap = a;
    let del = 1 / a;
    let sum = del;
    for (let n = 0; n < 10000; n++) {
      ap += 1;
      del *= x / ap;
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * EPS) return 1 - sum * Math.exp(lead);
    }
    throw new Error("gamma series did not converge");
  }
  // Continued fraction for Q(a, x) (modified Lentz).
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i <= 10000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) return Math.exp(lead) * h;
  }
  throw new Error("gamma continued fraction did not converge");
}

/** P(Z > z) for a standard normal Z. */
export function normalUpper(z: number): number {
  if (z < 0) return 1 - normalUpper(-z);
  return 0.5 * upperGammaQ(0.5, (z * z) / 2);
}

/** P(χ²_df > x). */
export function chiSquareUpper(x: number, df: number): number {
  return upperGammaQ(df / 2, x / 2);
}

/** P(|T| > |t|) for Student's t with `df` degrees of freedom (two-sided). */
export function studentTwoSided(t: number, df: number): number {
  return regularizedBeta(df / (df + t * t), df / 2, 0.5);
}

/** P(F > f) for Fisher's F with (d1, d2) degrees of freedom. */
export function fUpper(f: number, d1: number, d2: number): number {
  if (f <= 0) return 1;
  return regularizedBeta(d2 / (d2 + d1 * f), d2 / 2, d1 / 2);
}

export type Alternative = "two.sided" | "less" | "greater";

/** A test's result: statistic, degrees of freedom where there are any, p-value. */
export interface TestResult {
  readonly statistic: number;
  readonly df?: number;
  readonly p: number;
}

/**
 * Fisher's exact test of a 2×2 table `[[a, b], [c, d]]` (rows: groups; columns: with / without),
 * conditional on the margins, as R's `fisher.test`: the two-sided p-value sums the probabilities
 * of every table no more probable than the observed one (relative tolerance 1 + 10⁻⁷); "less" /
 * "greater" refer to the count `a` (equivalently, the odds ratio). The statistic returned is `a`.
 */
export function fisherExact2x2(
  table: readonly [readonly [number, number], readonly [number, number]],
  alternative: Alternative = "two.sided",
): TestResult {
  const [[a, b], [c, d]] = table;
  for (const v of [a, b, c, d]) {
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`not a count: ${v}`);
  }
  const r1 = a + b;
  const r2 = c + d;
  const c1 = a + c;
  const n = r1 + r2;
  const lo = Math.max(0, c1 - r2);
  const hi = Math.min(r1, c1);
  const lnDen = lnFactorial(n) - lnFactorial(c1) - lnFactorial(n - c1);
  const prob = (x: number) =>
    Math.exp(
      lnFactorial(r1) -
        lnFactorial(x) -
        lnFactorial(r1 - x) +
        lnFactorial(r2) -
        lnFactorial(c1 - x) -
        lnFactorial(r2 - c1 + x) -
        lnDen,
    );
  let p = 0;
  if (alternative === "less") for (let x = lo; x <= a; x++) p += prob(x);
  else if (alternative === "greater") for (let x = a; x <= hi; x++) p += prob(x);
  else {
    const pObs = prob(a);
    for (let x = lo; x <= hi; x++) {
      const px = prob(x);
      if (px <= pObs * (1 + 1e-7)) p += px;
    }
  }
  return { statistic: a, p: Math.min(1, p) };
}

/**
 * Pearson's chi-square test of independence of an r×c table, as R's `chisq.test`: with
 * `correct: true` (R's default) Yates's continuity correction is applied to 2×2 tables only,
 * each |O − E| reduced by min(0.5, |O − E|).
 */
export function chiSquareTest(
  table: readonly (readonly number[])[],
  options: { correct?: boolean } = {},
): TestResult {
  const rows = table.length;
  const cols = table[0]?.length ?? 0;
  if (rows < 2 || cols < 2) throw new RangeError("chiSquareTest needs at least a 2×2 table");
  const rowSum = table.map((r) => r.reduce((s, x) => s + x, 0));
  const colSum = Array.from({ length: cols }, (_, j) =>
    table.reduce((s, r) => s + (r[j] ?? Number.NaN), 0),
  );
  const n = rowSum.reduce((s, x) => s + x, 0);
  const yates = (options.correct ?? true) && rows === 2 && cols === 2;
  let x2 = 0;
  table.forEach((r, i) => {
    r.forEach((o, j) => {
      const e = ((rowSum[i] as number) * (colSum[j] as number)) / n;
      const dev = Math.abs(o - e);
      const adj = yates ? dev - Math.min(0.5, dev) : dev;
      x2 += (adj * adj) / e;
    });
  });
  const df = (rows - 1) * (cols - 1);
  return { statistic: x2, df, p: chiSquareUpper(x2, df) };
}

/** A sample described by its summary: mean, sample SD (n − 1), size. */
export interface Summary {
  readonly mean: number;
  readonly sd: number;
  readonly n: number;
}

/** The summary of a list of numbers (sample SD, n − 1). */
export function summarize(xs: readonly number[]): Summary {
  const n = xs.length;
  if (n < 2) throw new RangeError("summarize needs at least two values");
  const mean = xs.reduce((s, x) => s + x, 0) / n;
  const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
  return { mean, sd, n };
}

function tP(t: number, df: number, alternative: Alternative): number {
  const two = studentTwoSided(t, df);
  if (alternative === "two.sided") return two;
  const upper = t >= 0 ? two / 2 : 1 - two / 2; // P(T > t)
  return alternative === "greater" ? upper : 1 - upper;
}

/**
 * Two-sample t-test of mean(x) − mean(y) = 0 from the two summaries, as R's `t.test`:
 * `varEqual: true` is Student's pooled-variance test (df = n₁ + n₂ − 2), the default `false`
 * Welch's test (Welch–Satterthwaite df).
 */
export function tTestTwoSample(
  x: Summary,
  y: Summary,
  options: { varEqual?: boolean; alternative?: Alternative } = {},
): TestResult {
  const alternative = options.alternative ?? "two.sided";
  const diff = x.mean - y.mean;
  if (options.varEqual) {
    const df = x.n + y.n - 2;
    const sp2 = ((x.n - 1) * x.sd ** 2 + (y.n - 1) * y.sd ** 2) / df;
    const t = diff / Math.sqrt(sp2 * (1 / x.n + 1 / y.n));
    return { statistic: t, df, p: tP(t, df, alternative) };
  }
  const vx = x.sd ** 2 / x.n;
  const vy = y.sd ** 2 / y.n;
  const t = diff / Math.sqrt(vx + vy);
  const df = (vx + vy) ** 2 / (vx ** 2 / (x.n - 1) + vy ** 2 / (y.n - 1));
  return { statistic: t, df, p: tP(t, df, alternative) };
}

/** Paired t-test of x − y (equal-length lists), as R's `t.test(x, y, paired = TRUE)`. */
export function tTestPaired(
  x: readonly number[],
  y: readonly number[],
  alternative: Alternative = "two.sided",
): TestResult {
  if (x.length !== y.length) throw new RangeError("paired samples differ in length");
  const d = summarize(x.map((v, i) => v - (y[i] as number)));
  const t = d.mean / (d.sd / Math.sqrt(d.n));
  return { statistic: t, df: d.n - 1, p: tP(t, d.n - 1, alternative) };
}

/**
 * One-way analysis of variance from group summaries: F = (SS_between / (k − 1)) /
 * (SS_within / (N − k)), with SS_within = Σ (nᵢ − 1) sᵢ².
 */
export function oneWayAnova(groups: readonly Summary[]): TestResult & { df2: number } {
  const k = groups.length;
  const N = groups.reduce((s, g) => s + g.n, 0);
  const grand = groups.reduce((s, g) => s + g.n * g.mean, 0) / N;
  const ssb = groups.reduce((s, g) => s + g.n * (g.mean - grand) ** 2, 0);
  const ssw = groups.reduce((s, g) => s + (g.n - 1) * g.sd ** 2, 0);
  const f = ssb / (k - 1) / (ssw / (N - k));
  return { statistic: f, df: k - 1, df2: N - k, p: fUpper(f, k - 1, N - k) };
}

/** Mid-ranks (1-based) of the values; ties share the mean of their ranks. */
export function ranks(xs: readonly number[]): number[] {
  const order = xs.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v);
  const r = new Array<number>(xs.length).fill(0);
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]?.v === order[i]?.v) j++;
    for (let k = i; k <= j; k++) r[(order[k] as { i: number }).i] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return r;
}

/** Sizes of each group of tied values. */
function tieSizes(xs: readonly number[]): number[] {
  const counts = new Map<number, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  return [...counts.values()];
}

/** One-sided tail of a discrete distribution given as counts over 0..max. */
function tail(counts: readonly number[], q: number, upper: boolean): number {
  const total = counts.reduce((s, c) => s + c, 0);
  let s = 0;
  counts.forEach((c, k) => {
    if (upper ? k >= q : k <= q) s += c;
  });
  return s / total;
}

function exactP(counts: readonly number[], stat: number, alternative: Alternative): number {
  if (alternative === "greater") return tail(counts, stat, true);
  if (alternative === "less") return tail(counts, stat, false);
  const mid = (counts.length - 1) / 2;
  const p =
    stat > mid ? 2 * tail(counts, stat, true) : stat < mid ? 2 * tail(counts, stat, false) : 1;
  return Math.min(1, p);
}

function normalP(z: number, alternative: Alternative): number {
  if (alternative === "greater") return normalUpper(z);
  if (alternative === "less") return 1 - normalUpper(z);
  return Math.min(1, 2 * normalUpper(Math.abs(z)));
}

/** Continuity correction of R's wilcox.test for the normal approximation. */
function correction(diff: number, alternative: Alternative, correct: boolean): number {
  if (!correct) return 0;
  if (alternative === "two.sided") return Math.sign(diff) * 0.5;
  return alternative === "greater" ? 0.5 : -0.5;
}

/**
 * Wilcoxon rank-sum (Mann–Whitney) test, as R's `wilcox.test(x, y)`: W = Σ ranks(x) −
 * n₁(n₁ + 1)/2. Exact (the permutation distribution of W) when `exact` is true, or by default
 * when both samples have fewer than 50 values and there are no ties; otherwise the normal
 * approximation with the tie-corrected variance and (by default) a continuity correction.
 */
export function mannWhitney(
  x: readonly number[],
  y: readonly number[],
  options: { alternative?: Alternative; exact?: boolean; correct?: boolean } = {},
): TestResult & { method: "exact" | "normal" } {
  const alternative = options.alternative ?? "two.sided";
  const n1 = x.length;
  const n2 = y.length;
  const all = [...x, ...y];
  const r = ranks(all);
  const w = r.slice(0, n1).reduce((s, v) => s + v, 0) - (n1 * (n1 + 1)) / 2;
  const ties = tieSizes(all).some((t) => t > 1);
  const exact = options.exact ?? (n1 < 50 && n2 < 50 && !ties);
  if (exact) {
    if (ties) throw new RangeError("the exact rank-sum distribution needs untied data");
    // counts[k][u]: number of k-subsets of the first m ranks with U statistic u, built by DP.
    // Number of ways W = u for sizes (n1, n2): f(n1, n2, u) = f(n1 − 1, n2, u − n2) + f(n1, n2 − 1, u).
    const memo = new Map<string, number[]>();
    const dist = (a: number, b: number): number[] => {
      const key = `${a},${b}`;
      const hit = memo.get(key);
      if (hit) return hit;
      let out: number[];
      if (a === 0 || b === 0) out = [1];
      else {
        const left = dist(a - 1, b);
        const right = dist(a, b - 1);
        out = new Array<number>(a * b + 1).fill(0);
        left.forEach((c, u) => {
          out[u + b] = (out[u + b] ?? 0) + c;
        });
        right.forEach((c, u) => {
          out[u] = (out[u] ?? 0) + c;
        });
      }
      memo.set(key, out);
      return out;
    };
    return { statistic: w, p: exactP(dist(n1, n2), w, alternative), method: "exact" };
  }
  const n = n1 + n2;
  const tieTerm = tieSizes(all).reduce((s, t) => s + (t ** 3 - t), 0);
  const sigma = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
  const diff = w - (n1 * n2) / 2;
  const z = (diff - correction(diff, alternative, options.correct ?? true)) / sigma;
  return { statistic: w, p: normalP(z, alternative), method: "normal" };
}

/**
 * Wilcoxon signed-rank test of x − y (paired), as R's `wilcox.test(x, y, paired = TRUE)`:
 * zero differences are dropped, V = Σ ranks(|d|) over d > 0. Exact when `exact` is true, or by
 * default when fewer than 50 differences remain and neither ties nor zeros occurred; otherwise
 * the normal approximation with tie-corrected variance and (by default) a continuity correction.
 */
export function wilcoxonSignedRank(
  x: readonly number[],
  y: readonly number[],
  options: { alternative?: Alternative; exact?: boolean; correct?: boolean } = {},
): TestResult & { method: "exact" | "normal" } {
  if (x.length !== y.length) throw new RangeError("paired samples differ in length");
  const alternative = options.alternative ?? "two.sided";
  const all = x.map((v, i) => v - (y[i] as number));
  const d = all.filter((v) => v !== 0);
  const zeros = d.length < all.length;
  const n = d.length;
  const r = ranks(d.map(Math.abs));
  const v = r.reduce((s, rk, i) => s + ((d[i] as number) > 0 ? rk : 0), 0);
  const ties = tieSizes(d.map(Math.abs)).some((t) => t > 1);
  const exact = options.exact ?? (n < 50 && !ties && !zeros);
  if (exact) {
    if (ties) throw new RangeError("the exact signed-rank distribution needs untied data");
    // counts[s]: number of subsets of {1..n} with sum s.
    const max = (n * (n + 1)) / 2;
    const counts = new Array<number>(max + 1).fill(0);
    counts[0] = 1;
    for (let k = 1; k <= n; k++) {
      for (let s = max; s >= k; s--) counts[s] = (counts[s] ?? 0) + (counts[s - k] ?? 0);
    }
    return { statistic: v, p: exactP(counts, v, alternative), method: "exact" };
  }
  const tieTerm = tieSizes(d.map(Math.abs)).reduce((s, t) => s + (t ** 3 - t), 0);
  const sigma = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24 - tieTerm / 48);
  const diff = v - (n * (n + 1)) / 4;
  const z = (diff - correction(diff, alternative, options.correct ?? true)) / sigma;
  return { statistic: v, p: normalP(z, alternative), method: "normal" };
}
