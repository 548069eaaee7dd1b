// Reference checks of test/support/inference.ts. Every expected value is typed by hand from a
// published source: the examples of R's documentation (R 4.x, package stats: ?fisher.test,
// ?t.test with the `sleep` data, ?wilcox.test, ?chisq.test, ?PlantGrowth) at the precision R
// prints, or standard statistical tables (critical values of χ², t and F).
import { describe, expect, it } from "vitest";
import {
  chiSquareTest,
  chiSquareUpper,
  fisherExact2x2,
  fUpper,
  lnGamma,
  mannWhitney,
  normalUpper,
  oneWayAnova,
  ranks,
  regularizedBeta,
  studentTwoSided,
  summarize,
  tTestPaired,
  tTestTwoSample,
  wilcoxonSignedRank,
} from "./inference.js";

/** `x` to `digits` significant digits, as R prints a p-value. */
const sig = (x: number, digits = 4) => Number(x.toPrecision(digits));

describe("special functions against tables", () => {
  it("lnGamma: Γ(5) = 24, Γ(½) = √π", () => {
    expect(lnGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(lnGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
  });
  it("regularized beta: I_½(a, a) = ½; I_x(1, 1) = x", () => {
    expect(regularizedBeta(0.5, 3.5, 3.5)).toBeCloseTo(0.5, 12);
    expect(regularizedBeta(0.3, 1, 1)).toBeCloseTo(0.3, 12);
  });
  it("normal: P(Z > 1.959964) = 0.025, P(Z > 2.575829) = 0.005", () => {
    expect(normalUpper(1.959964)).toBeCloseTo(0.025, 6);
    expect(normalUpper(2.575829)).toBeCloseTo(0.005, 6);
    expect(normalUpper(-1.959964)).toBeCloseTo(0.975, 6);
  });
  it("χ² critical values: 3.841459 (df 1), 5.991465 (df 2), 6.634897 (df 1, 1%)", () => {
    expect(chiSquareUpper(3.841459, 1)).toBeCloseTo(0.05, 6);
    expect(chiSquareUpper(5.991465, 2)).toBeCloseTo(0.05, 6);
    expect(chiSquareUpper(6.634897, 1)).toBeCloseTo(0.01, 6);
  });
  it("t critical values: 2.262157 (df 9), 2.100922 (df 18), two-sided 5%", () => {
    expect(studentTwoSided(2.262157, 9)).toBeCloseTo(0.05, 6);
    expect(studentTwoSided(-2.100922, 18)).toBeCloseTo(0.05, 6);
  });
  it("F critical value: F(2, 27) 5% = 3.354131", () => {
    expect(fUpper(3.354131, 2, 27)).toBeCloseTo(0.05, 6);
  });
});

describe("Fisher's exact test (R ?fisher.test)", () => {
  // TeaTasting <- matrix(c(3, 1, 1, 3), nrow = 2); fisher.test(TeaTasting, alternative = "greater")
  // → p-value = 0.2429; two-sided (default) → p-value = 0.4857.
  it("TeaTasting: greater 0.2429, two-sided 0.4857", () => {
    expect(
      sig(
        fisherExact2x2(
          [
            [3, 1],
            [1, 3],
          ],
          "greater",
        ).p,
      ),
    ).toBe(0.2429);
    expect(
      sig(
        fisherExact2x2([
          [3, 1],
          [1, 3],
        ]).p,
      ),
    ).toBe(0.4857);
  });
  // Convictions <- matrix(c(2, 10, 15, 3), nrow = 2) (rows Dizygotic, Monozygotic; columns
  // Convicted, Not convicted); fisher.test(Convictions, alternative = "less") → p-value = 0.0004652;
  // two-sided → p-value = 0.0005367.
  it("Convictions: less 0.0004652, two-sided 0.0005367", () => {
    expect(
      sig(
        fisherExact2x2(
          [
            [2, 15],
            [10, 3],
          ],
          "less",
        ).p,
      ),
    ).toBe(0.0004652);
    expect(
      sig(
        fisherExact2x2([
          [2, 15],
          [10, 3],
        ]).p,
      ),
    ).toBe(0.0005367);
  });
  it("a balanced table is the most probable one: p = 1", () => {
    expect(
      fisherExact2x2([
        [1, 1],
        [1, 1],
      ]).p,
    ).toBe(1);
  });
});

describe("Pearson's chi-square (R ?chisq.test; hand computation)", () => {
  // M <- as.table(rbind(c(762, 327, 468), c(484, 239, 477))); chisq.test(M)
  // → X-squared = 30.07, df = 2, p-value = 2.954e-07
  it("party × gender: X² = 30.07, df 2, p 2.954e-07", () => {
    const r = chiSquareTest([
      [762, 327, 468],
      [484, 239, 477],
    ]);
    expect(sig(r.statistic)).toBe(30.07);
    expect(r.df).toBe(2);
    expect(sig(r.p)).toBe(2.954e-7);
  });
  // [[3, 1], [1, 3]]: every expected count is 2 and every |O − E| is 1.
  // Uncorrected: X² = 4 · 1²/2 = 2, p = P(χ²₁ > 2) = 2·P(Z > √2) = 0.1573.
  // Yates: X² = 4 · (1 − ½)²/2 = 0.5, p = P(χ²₁ > 0.5) = 2·P(Z > 0.7071) = 0.4795.
  it("2×2 by hand: uncorrected X² 2 (p 0.1573), Yates X² 0.5 (p 0.4795)", () => {
    const t = [
      [3, 1],
      [1, 3],
    ];
    const plain = chiSquareTest(t, { correct: false });
    expect(plain.statistic).toBeCloseTo(2, 12);
    expect(sig(plain.p)).toBe(0.1573);
    const yates = chiSquareTest(t);
    expect(yates.statistic).toBeCloseTo(0.5, 12);
    expect(sig(yates.p)).toBe(0.4795);
  });
});

// R's `sleep` data (Cushny & Peebles), extra hours of sleep, groups 1 and 2 (IDs 1–10 in order).
const SLEEP1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
const SLEEP2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

describe("t-tests (R ?t.test, sleep data)", () => {
  // t.test(extra ~ group, data = sleep) → t = -1.8608, df = 17.776, p-value = 0.07939
  it("Welch: t −1.8608, df 17.776, p 0.07939", () => {
    const r = tTestTwoSample(summarize(SLEEP1), summarize(SLEEP2));
    expect(sig(r.statistic, 5)).toBe(-1.8608);
    expect(sig(r.df ?? Number.NaN, 5)).toBe(17.776);
    expect(sig(r.p)).toBe(0.07939);
  });
  // t.test(extra ~ group, data = sleep, var.equal = TRUE) → t = -1.8608, df = 18, p-value = 0.07919
  it("Student (pooled): t −1.8608, df 18, p 0.07919", () => {
    const r = tTestTwoSample(summarize(SLEEP1), summarize(SLEEP2), { varEqual: true });
    expect(sig(r.statistic, 5)).toBe(-1.8608);
    expect(r.df).toBe(18);
    expect(sig(r.p)).toBe(0.07919);
  });
  // with(sleep, t.test(extra[group == 1], extra[group == 2], paired = TRUE))
  // → t = -4.0621, df = 9, p-value = 0.002833
  it("paired: t −4.0621, df 9, p 0.002833", () => {
    const r = tTestPaired(SLEEP1, SLEEP2);
    expect(sig(r.statistic, 5)).toBe(-4.0621);
    expect(r.df).toBe(9);
    expect(sig(r.p)).toBe(0.002833);
  });
  it("one-sided p is half the two-sided p in the direction of the difference", () => {
    const two = tTestPaired(SLEEP1, SLEEP2).p;
    expect(tTestPaired(SLEEP1, SLEEP2, "less").p).toBeCloseTo(two / 2, 12);
    expect(tTestPaired(SLEEP1, SLEEP2, "greater").p).toBeCloseTo(1 - two / 2, 12);
  });
});

describe("one-way ANOVA (R ?PlantGrowth: anova(lm(weight ~ group)))", () => {
  // F value 4.8461 on 2 and 27 df, Pr(>F) 0.01591.
  it("F(2, 27) = 4.8461 → p 0.01591", () => {
    expect(sig(fUpper(4.8461, 2, 27))).toBe(0.01591);
  });
  it("two groups: F equals the pooled t squared (sleep data)", () => {
    const a = oneWayAnova([summarize(SLEEP1), summarize(SLEEP2)]);
    const t = tTestTwoSample(summarize(SLEEP1), summarize(SLEEP2), { varEqual: true });
    expect(a.statistic).toBeCloseTo(t.statistic ** 2, 10);
    expect(a.p).toBeCloseTo(t.p, 10);
    expect([a.df, a.df2]).toEqual([1, 18]);
  });
});

describe("Wilcoxon tests (R ?wilcox.test, Hollander & Wolfe examples)", () => {
  // Depression scale, first (x) and second (y) visit:
  // wilcox.test(x, y, paired = TRUE, alternative = "greater") → V = 40, p-value = 0.01953
  const X = [1.83, 0.5, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.3];
  const Y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];
  it("signed rank, exact: V 40, greater p 0.01953, two-sided 0.03906", () => {
    const r = wilcoxonSignedRank(X, Y, { alternative: "greater" });
    expect(r.method).toBe("exact");
    expect(r.statistic).toBe(40);
    expect(sig(r.p)).toBe(0.01953);
    expect(sig(wilcoxonSignedRank(X, Y).p)).toBe(0.03906);
  });
  // Normal approximation by hand: n = 9, E(V) = 22.5, Var(V) = 9·10·19/24 = 71.25,
  // z = (40 − 22.5 − 0.5)/√71.25 = 2.0140 → P(Z > 2.0140) = 0.0220.
  it("signed rank, normal approximation with continuity correction: p 0.0220", () => {
    const r = wilcoxonSignedRank(X, Y, { alternative: "greater", exact: false });
    expect(r.method).toBe("normal");
    expect(sig(r.p, 3)).toBe(0.022);
  });
  // Permeability constants: wilcox.test(x, y, alternative = "g") → W = 35, p-value = 0.1272
  const A = [0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
  const B = [1.15, 0.88, 0.9, 0.74, 1.21];
  it("rank sum, exact: W 35, greater p 0.1272", () => {
    const r = mannWhitney(A, B, { alternative: "greater" });
    expect(r.method).toBe("exact");
    expect(r.statistic).toBe(35);
    expect(sig(r.p)).toBe(0.1272);
  });
  // Normal approximation by hand: E(W) = 25, Var(W) = 10·5·16/12 = 66.667,
  // z = (35 − 25 − 0.5)/8.1650 = 1.1635 → P(Z > 1.1635) = 0.1223.
  it("rank sum, normal approximation with continuity correction: p 0.1223", () => {
    const r = mannWhitney(A, B, { alternative: "greater", exact: false });
    expect(r.method).toBe("normal");
    expect(sig(r.p)).toBe(0.1223);
  });
  it("ties get mid-ranks and force the normal approximation", () => {
    expect(ranks([3, 1, 3, 2])).toEqual([3.5, 1, 3.5, 2]);
    expect(mannWhitney([1, 2, 3], [3, 4, 5]).method).toBe("normal");
  });
});
