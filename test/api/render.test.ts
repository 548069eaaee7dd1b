import fc from "fast-check";
import { describe, expect, it, test } from "vitest";
import { fixedDigits, fixedFast, num, numFast } from "../../src/api/render.js";
import { classifyResponse, clauseSentence, criteria, renderExplanation } from "../../src/index.js";

const base = {
  patient: { sex: "F" as const, ageYears: 49 },
  baseline: {
    proteinuria: { value: 4.92, unit: "g/24h" },
    serumCreatinine: { value: 63, unit: "umol/L" },
  },
};

describe("explanation sentences", () => {
  it("CR (Zhang 2023)", () => {
    const r = classifyResponse(criteria.zhang2023, {
      baseline: {
        proteinuria: { value: 4.1, unit: "g/24h" },
        serumCreatinine: { value: 56, unit: "umol/L" },
      },
      current: {
        proteinuria: { value: 0.4, unit: "g/24h" },
        serumCreatinine: { value: 60, unit: "umol/L" },
      },
    });
    const text = renderExplanation(r);
    expect(text[0]).toBe("Category: CR under Zhang 2023 [zhang2023@1.1.0].");
    expect(text).toContain("CR (complete response): met.");
    expect(text).toContain(
      "  - 24-h urine protein 0.4 g/24h is below 0.5 g/24h: met (Zhang 2023, §2.4 Response criteria).",
    );
    expect(text).toContain(
      "  - rise in serum creatinine from baseline 7.1% (from 56 umol/L to 60 umol/L) is at or below 25%: met (Zhang 2023, §2.4 Response criteria).",
    );
    expect(text.at(-1)).toBe(
      "Every other permitted reading of the source gives the same category.",
    );
  });

  it("PR (Kang 2020), with a converted value and the default reference interval", () => {
    const r = classifyResponse(criteria.kang2020, {
      ...base,
      current: {
        proteinuria: { value: 0.47, unit: "g/24h" },
        serumCreatinine: { value: 63, unit: "umol/L" },
        serumAlbumin: { value: 35, unit: "g/L" },
      },
    });
    const text = renderExplanation(r);
    expect(text[0]).toBe("Category: PR under Kang 2020 [kang2020@1.1.1].");
    expect(text).toContain(
      "  - 24-h urine protein 470 mg/24h (entered as 0.47 g/24h) is at or below 2000 mg/24h: met (Kang 2020, Methods, Outcomes).",
    );
    expect(text).toContain(
      "  - decrease in 24-h urine protein from baseline 90.4% (from 4.92 g/24h to 0.47 g/24h) is at or above 50%: met (Kang 2020, Methods, Outcomes).",
    );
    expect(text).toContain(
      "  - serum albumin 35 g/L is above 30 g/L: met (Kang 2020, Methods, Outcomes).",
    );
    expect(
      text.some((l) =>
        l.startsWith("Assumption: upper limit of normal serum creatinine 91.9 umol/L"),
      ),
    ).toBe(true);
  });

  it("NR (Kang 2020) inside the text's gap", () => {
    const r = classifyResponse(criteria.kang2020, {
      ...base,
      current: {
        proteinuria: { value: 250, unit: "mg/24h" },
        serumCreatinine: { value: 63, unit: "umol/L" },
        urineSediment: { rbcPerHpf: 12, wbcPerHpf: 2, cellularCasts: false },
      },
    });
    const text = renderExplanation(r);
    expect(text[0]).toBe("Category: NR under Kang 2020 [kang2020@1.1.1].");
    expect(text).toContain(
      "  - urine sediment (blood cells, casts) normal: not met (RBC 12/hpf, WBC 2/hpf, no cellular casts) (Kang 2020, Methods, Outcomes).",
    );
    expect(text).toContain(
      "  - 24-h urine protein 250 mg/24h is not at or above 300 mg/24h: not met (Kang 2020, Methods, Outcomes).",
    );
    expect(text.some((l) => l.startsWith("Gap in the source's text (below-pr-range-not-cr)"))).toBe(
      true,
    );
  });

  it("indeterminate (Zhang 2023) lists what is missing and what is still possible", () => {
    const r = classifyResponse(criteria.zhang2023, {
      baseline: { proteinuria: { value: 4.1, unit: "g/24h" } },
      current: { proteinuria: { value: 0.4, unit: "g/24h" } },
    });
    const text = renderExplanation(r);
    expect(text[0]).toBe(
      "Category: indeterminate (possible: CR, PR, NR) under Zhang 2023 [zhang2023@1.1.0].",
    );
    expect(text).toContain(
      "  - rise in serum creatinine from baseline (needs at or below 25%): unknown, missing baseline.serumCreatinine, current.serumCreatinine (Zhang 2023, §2.4 Response criteria).",
    );
    expect(text).toContain(
      "Missing to decide: baseline.serumCreatinine, current.serumCreatinine, current.serumAlbumin.",
    );
  });

  it("a non-robust result names the reading that changes it", () => {
    const r = classifyResponse(criteria.zhang2023, {
      baseline: {
        proteinuria: { value: 4, unit: "g/24h" },
        serumCreatinine: { value: 60, unit: "umol/L" },
      },
      current: {
        proteinuria: { value: 0.6, unit: "g/24h" },
        serumCreatinine: { value: 60, unit: "umol/L" },
        serumAlbumin: { value: 36, unit: "g/L" },
      },
    });
    expect(renderExplanation(r).at(-1)).toBe(
      "Not robust: another reading of the source changes the category (CR with crProteinuriaCutoff=0.7; CR with crProteinuriaCutoff=0.7, nephroticBaseline=>=3.5; CR with crProteinuriaCutoff=0.7, creatinineBand=symmetric; CR with crProteinuriaCutoff=0.7, creatinineBand=symmetric, nephroticBaseline=>=3.5).",
    );
  });

  it("the Zhang PR target shows only the branch the baseline selects", () => {
    const r = classifyResponse(criteria.zhang2023, {
      baseline: {
        proteinuria: { value: 2, unit: "g/24h" },
        serumCreatinine: { value: 60, unit: "umol/L" },
      },
      current: {
        proteinuria: { value: 0.9, unit: "g/24h" },
        serumCreatinine: { value: 60, unit: "umol/L" },
        serumAlbumin: { value: 36, unit: "g/L" },
      },
    });
    const text = renderExplanation(r);
    expect(text).toContain(
      "    - condition: baseline 24-h urine protein 2 g/24h is not above 3.5 g/24h: not met (Zhang 2023, §2.4 Response criteria).",
    );
    expect(text).toContain(
      "    - then: 24-h urine protein 0.9 g/24h is at or below 1 g/24h: met (Zhang 2023, §2.4 Response criteria).",
    );
    expect(text.some((l) => l.includes("is below 3 g/24h"))).toBe(false);
  });

  it("a percentage that would round to the threshold (49.955%, not 50.0%) is shown with two decimals", () => {
    const r = classifyResponse(criteria.kang2020, {
      baseline: { proteinuria: { value: 2000, unit: "mg/24h" } },
      current: { proteinuria: { value: 1000.9, unit: "mg/24h" } },
    });
    const drop = r.explanation.categories[1]?.result.children?.[2];
    expect(drop && clauseSentence(drop, "Kang 2020")).toBe(
      "decrease in 24-h urine protein from baseline 49.95% (from 2000 mg/24h to 1000.9 mg/24h) is not at or above 50%: not met (Kang 2020, Methods, Outcomes).",
    );
  });
});

/** `x` moved by `ulps` units in the last place (toward +∞ for positive ulps), negated when `neg`. */
function nudge(x: number, ulps: number, neg: boolean): number {
  let y = x;
  for (let k = 0; k < Math.abs(ulps); k++) {
    const f = new Float64Array([y]);
    const i = new BigInt64Array(f.buffer);
    i[0] = (i[0] as bigint) + (ulps > 0 === y >= 0 ? 1n : -1n);
    y = f[0] as number;
  }
  return neg ? -y : y;
}

describe("numbers in sentences: six significant digits", () => {
  test("num's fast path gives what toPrecision(6) gives, for any double", () => {
    const slow = (x: number) => String(Number(x.toPrecision(6)));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double(),
          fc.double({ min: -1e7, max: 1e7, noNaN: true }).map((x) => Math.round(x * 1000) / 1000),
          fc.integer({ min: -10_000_000, max: 10_000_000 }),
          // Six-digit values next to a tie (…5 in the seventh digit) at every scale the fast path
          // takes, and values next to a power of ten (where Math.log10 may round up).
          fc
            .tuple(
              fc.integer({ min: 100_000, max: 999_999 }),
              fc.integer({ min: -22, max: 22 }),
              fc.integer({ min: -4, max: 4 }),
              fc.boolean(),
            )
            .map(([m, p, ulps, neg]) => nudge((m + 0.5) * 10 ** -p, ulps, neg)),
          fc
            .tuple(fc.integer({ min: -20, max: 26 }), fc.integer({ min: -4, max: 4 }), fc.boolean())
            .map(([e, ulps, neg]) => nudge(Number(`1e${e}`), ulps, neg)),
        ),
        (x) => {
          expect(num(x)).toBe(slow(x));
        },
      ),
      { numRuns: 20_000 },
    );
  });

  test("fixedDigits gives what Number(toFixed(d)) gives, ties and their neighbours among them", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double({ noNaN: false }),
          fc.double({ min: -1000, max: 1000, noNaN: true }),
          fc
            .tuple(
              fc.integer({ min: -99_999_999, max: 99_999_999 }),
              fc.integer({ min: 1, max: 6 }),
            )
            .map(([k, d]) => (k + 0.5) / 10 ** d),
          fc
            .tuple(
              fc.integer({ min: -9_999_999, max: 9_999_999 }),
              fc.integer({ min: 1, max: 6 }),
              fc.integer({ min: -4, max: 4 }),
            )
            .map(([k, d, ulps]) => nudge((k + 0.5) / 10 ** d, ulps, false)),
        ),
        fc.integer({ min: 1, max: 6 }),
        (x, d) => {
          expect(Object.is(fixedDigits(x, d), Number(x.toFixed(d)))).toBe(true);
        },
      ),
      { numRuns: 20_000 },
    );
  });

  // The fast paths must answer wherever they can, not only agree when they do: a mutant that
  // narrows one (an exact fallback for everything) gives the same text and would go unseen.
  const clearOfTie = fc.oneof(
    fc.double({ min: 0.01, max: 0.49, noNaN: true }),
    fc.double({ min: 0.51, max: 0.99, noNaN: true }),
  );
  test("numFast answers for every six-digit value clear of a tie, from 1e-16 to 1e27", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100_000, max: 999_998 }),
        clearOfTie,
        fc.integer({ min: -21, max: 21 }),
        fc.boolean(),
        (m, frac, p, neg) => {
          const x = (neg ? -1 : 1) * (m + frac) * 10 ** -p;
          expect(numFast(x)).toBe(String(Number(x.toPrecision(6))));
        },
      ),
      { numRuns: 5_000 },
    );
  });

  test("numFast leaves what it cannot answer exactly to toPrecision", () => {
    // A scaled value on a half-integer: 1234565 / 10 is 123456.5 exactly.
    expect(numFast(123456.5)).toBeUndefined();
    expect(num(123456.5)).toBe(String(Number((123456.5).toPrecision(6))));
    for (const x of [0, 1e-17, 1e27, Number.NaN, Number.POSITIVE_INFINITY, 5e-324])
      expect(numFast(x)).toBeUndefined();
  });

  test("fixedFast answers for every value clear of a tie below 10^8 scaled", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -99_999_998, max: 99_999_998 }),
        clearOfTie,
        fc.integer({ min: 1, max: 6 }),
        (k, frac, d) => {
          const x = (k + frac) / 10 ** d;
          expect(fixedFast(x, d)).toBe(Number(x.toFixed(d)));
        },
      ),
      { numRuns: 5_000 },
    );
    expect(fixedFast(0.25, 1)).toBeUndefined();
    expect(fixedFast(1e8, 1)).toBeUndefined();
    expect(fixedFast(-0, 1)).toBe(0);
  });

  test("by hand: a percentage rounded as toFixed rounds it", () => {
    // 49.95 is 49.9500000000000028… as a double: up to 50.0, as toFixed(1) gives.
    expect(fixedDigits(49.95, 1)).toBe(50);
    // 2.45 is 2.4500000000000001776…: up; 2.35 is 2.35000000000000008882: up; 1.005 is 1.00499999…: down.
    expect(fixedDigits(2.45, 1)).toBe(2.5);
    expect(fixedDigits(1.005, 2)).toBe(1);
    expect(fixedDigits(-0.04, 1)).toBe(-0);
    expect(fixedDigits(33.3333333, 2)).toBe(33.33);
    expect(fixedDigits(66.6666666, 3)).toBe(66.667);
  });

  test("by hand: short numbers as written, long ones rounded to six digits", () => {
    expect(num(0.47)).toBe("0.47");
    expect(num(-0)).toBe("0");
    expect(num(1234567)).toBe("1234570");
    expect(num(0.1 + 0.2)).toBe("0.3");
    expect(num(123.4567)).toBe("123.457");
    expect(num(1e-7)).toBe("1e-7");
  });

  test("a remembered text is the number's own, before and after the memo fills and starts again", () => {
    // 0 and -0 are one key of the memo: both read "0" (as toPrecision gives).
    expect(num(0)).toBe("0");
    expect(num(-0)).toBe("0");
    expect(num(Number.NaN)).toBe("NaN");
    for (let k = 0; k < 10_000; k++) expect(num(k + 0.25)).toBe(`${k}.25`);
    expect(num(1234567)).toBe("1234570");
    expect(num(0.47)).toBe("0.47");
  });
});
