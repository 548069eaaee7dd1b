import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { clopperPearson, incompleteBeta } from "../../src/analysis/stats.js";
import { InputError } from "../../src/index.js";

describe("Clopper–Pearson exact 95% intervals", () => {
  // Reference values: R binom.test(k, n)$conf.int (identical to scipy beta.ppf), 7 decimals.
  it.each([
    [12, 13, 0.6397026, 0.9980544], // Kang 2020 renal response 12/13
    [5, 13, 0.1385793, 0.6842224], // Kang 2020 CR 5/13
    [7, 13, 0.2513455, 0.8077676], // Kang 2020 PR 7/13
    [6, 20, 0.1189316, 0.5427892], // Zhang 2023 OR at 3 months (ITT)
    [0, 20, 0, 0.1684335],
    [20, 20, 0.8315665, 1],
    [1, 2, 0.0125791, 0.9874209],
  ])("%i/%i → [%f, %f]", (k, n, lo, hi) => {
    const [a, b] = clopperPearson(k, n);
    expect(a).toBeCloseTo(lo, 6);
    expect(b).toBeCloseTo(hi, 6);
  });
  it("n = 0 gives [0, 1]; bad counts throw", () => {
    expect(clopperPearson(0, 0)).toEqual([0, 1]);
    expect(() => clopperPearson(3, 2)).toThrow(InputError);
    expect(() => clopperPearson(1.5, 2)).toThrow(InputError);
  });
  test.prop([
    fc
      .integer({ min: 1, max: 400 })
      .chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n))),
  ])("the interval contains k/n and lies in [0, 1]", ([k, n]) => {
    const [lo, hi] = clopperPearson(k, n);
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThanOrEqual(1);
    expect(lo).toBeLessThanOrEqual(k / n + 1e-12);
    expect(hi).toBeGreaterThanOrEqual(k / n - 1e-12);
  });
  it("incomplete beta: symmetric case and a known value", () => {
    expect(incompleteBeta(0.5, 2, 2)).toBeCloseTo(0.5, 12);
    expect(incompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 12); // uniform
    expect(incompleteBeta(0.2, 2, 3)).toBeCloseTo(0.1808, 10); // 1 − Σ… = 0.1808 by hand: 6x²−8x³+3x⁴ at 0.2
  });
});
