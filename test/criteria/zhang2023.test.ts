// Boundary cases for Zhang 2023 §2.4, written by hand from the paper's sentences:
// CR: "a sCr change within ±25% of the baseline and a 24h UP quantity < 0.5–0.7 g per day"
// PR: "more than a 50% decrease to < 3 g per day if the baseline 24hUP was > 3.5 g per day or to
//      ≤ 1 g per day if the baseline urine protein did not reach the nephrotic syndrome level),
//      serum albumin ≥ 30 g/L, and stable or improved kidney function (sCr change within ±25%)"
import { describe, expect, it } from "vitest";
import {
  type ClassifyOptions,
  classifyResponse,
  criteria,
  type ResponseInput,
} from "../../src/index.js";

const Z = criteria.zhang2023;

function patient(o: {
  up0: number;
  up: number;
  scr0?: number;
  scr?: number;
  alb?: number;
}): ResponseInput {
  return {
    baseline: {
      proteinuria: { value: o.up0, unit: "g/24h" },
      serumCreatinine: { value: o.scr0 ?? 80, unit: "umol/L" },
    },
    current: {
      proteinuria: { value: o.up, unit: "g/24h" },
      serumCreatinine: { value: o.scr ?? 80, unit: "umol/L" },
      serumAlbumin: { value: o.alb ?? 35, unit: "g/L" },
    },
  };
}

const cat = (i: ResponseInput, options: ClassifyOptions = {}) =>
  classifyResponse(Z, i, options).category;

describe("Zhang 2023 CR: 24-h UP < 0.5 g/day (default reading)", () => {
  it.each([
    [0.49, "CR"],
    [0.5, "PR"], // not < 0.5; 87.5% drop to < 3 g/day from a nephrotic 4.0 → PR
    [0.51, "PR"],
  ])("current UP %s g/24h from 4.0 → %s", (up, expected) => {
    expect(cat(patient({ up0: 4, up }))).toBe(expected);
  });
});

describe("Zhang 2023 CR: 24-h UP < 0.7 g/day (reading '0.7')", () => {
  const o = { interpretation: { crProteinuriaCutoff: "0.7" } };
  it.each([
    [0.69, "CR"],
    [0.7, "PR"],
    [0.71, "PR"],
  ])("current UP %s g/24h from 4.0 → %s", (up, expected) => {
    expect(cat(patient({ up0: 4, up }), o)).toBe(expected);
  });
});

// "improved or stabilized kidney function (a sCr change within ±25% of the baseline)" (CR) and
// "stable or improved kidney function (sCr change was within ±25% of baseline value)" (PR): the
// words accept improvement, so by default only a rise of more than 25% fails (issue 12 item 3).
describe("Zhang 2023 creatinine: improved or stabilized (default 'stable-or-improved')", () => {
  it("the issue's patient: protein 4.0 → 0.4 g/day while creatinine improves 100 → 70 µmol/L is CR", () => {
    // Before 1.1.0 (default 'symmetric') this patient was NR: a 30% fall is outside ±25%.
    const r = classifyResponse(Z, patient({ up0: 4, up: 0.4, scr0: 100, scr: 70 }));
    expect(r.category).toBe("CR");
    expect(r.interpretation.creatinineBand).toBe("stable-or-improved");
    expect(r.sensitiveTo).toEqual(["creatinineBand"]);
    expect(
      cat(patient({ up0: 4, up: 0.4, scr0: 100, scr: 70 }), {
        interpretation: { creatinineBand: "symmetric" },
      }),
    ).toBe("NR");
  });
  it("the same improvement with PR-level protein (4.0 → 0.8 g/day) is PR ('stable or improved')", () => {
    expect(cat(patient({ up0: 4, up: 0.8, scr0: 100, scr: 70 }))).toBe("PR");
    expect(
      cat(patient({ up0: 4, up: 0.8, scr0: 100, scr: 70 }), {
        interpretation: { creatinineBand: "symmetric" },
      }),
    ).toBe("NR");
  });
  it.each([
    [99.9, "CR"], // +24.9%
    [100, "CR"], // +25%: within the band (inclusive)
    [100.1, "NR"], // +25.1%: a rise of more than 25% fails CR and PR
    [60.1, "CR"], // −24.9%
    [60, "CR"], // −25%
    [59.9, "CR"], // −25.1%: an improvement
    [40, "CR"], // −50%: an improvement
  ])("default: sCr 80 → %s µmol/L with UP 0.3 g/24h → %s", (scr, expected) => {
    expect(cat(patient({ up0: 4, up: 0.3, scr0: 80, scr }))).toBe(expected);
  });
  it.each([
    [100, "CR"], // +25%
    [100.1, "NR"],
    [60, "CR"], // −25%
    [59.9, "NR"], // −25.1%: outside the printed band under the parenthesis alone
  ])("'symmetric': sCr 80 → %s µmol/L with UP 0.3 g/24h → %s", (scr, expected) => {
    expect(
      cat(patient({ up0: 4, up: 0.3, scr0: 80, scr }), {
        interpretation: { creatinineBand: "symmetric" },
      }),
    ).toBe(expected);
  });
  it("the reading is the one the library uses for the same construct in kdigo2012, alms2009, kdigo2024 and eular2019", () => {
    // A creatinine fall of 40% with otherwise complete-response proteinuria: none of them fails it.
    const fall = { baseline: 100, current: 60 };
    expect(cat(patient({ up0: 4, up: 0.3, scr0: fall.baseline, scr: fall.current }))).toBe("CR");
    const upcr = (v: number) => ({ value: v, unit: "g/g" });
    const scr = (v: number) => ({ value: v, unit: "umol/L" });
    expect(
      classifyResponse(criteria.kdigo2012, {
        baseline: { proteinuria: upcr(4), serumCreatinine: scr(fall.baseline) },
        current: { proteinuria: upcr(1), serumCreatinine: scr(fall.current) },
      }).category,
    ).toBe("PR");
    expect(
      classifyResponse(criteria.alms2009, {
        baseline: { proteinuria: upcr(2), serumCreatinine: scr(fall.baseline) },
        current: { proteinuria: upcr(0.9), serumCreatinine: scr(fall.current) },
      }).category,
    ).toBe("PR");
    expect(
      classifyResponse(
        criteria.kdigo2024,
        {
          baseline: { proteinuria: upcr(4), serumCreatinine: scr(fall.baseline) },
          current: { proteinuria: upcr(0.3), serumCreatinine: scr(fall.current) },
        },
        { interpretation: { kidneyFunctionMetric: "creatinine" } },
      ).category,
    ).toBe("CR");
    expect(
      classifyResponse(criteria.eular2019, {
        baseline: {
          proteinuria: { value: 4, unit: "g/24h" },
          serumCreatinine: scr(fall.baseline),
        },
        current: { proteinuria: { value: 0.3, unit: "g/24h" }, serumCreatinine: scr(fall.current) },
      }).category,
    ).toBe("CR");
  });
});

describe("Zhang 2023 PR: more than a 50% decrease", () => {
  it.each([
    [2.0, 0.98, "PR"], // 51% drop to ≤ 1 (non-nephrotic baseline)
    [2.0, 1.0, "NR"], // exactly 50%: not more than 50%
    [4.0, 1.99, "PR"], // 50.25% drop to < 3 (nephrotic baseline)
    [4.0, 2.0, "NR"], // exactly 50%
  ])("baseline %s → current %s g/24h → %s", (up0, up, expected) => {
    expect(cat(patient({ up0, up }))).toBe(expected);
  });
});

describe("Zhang 2023 PR: the target depends on the baseline (> 3.5 g/day nephrotic, default)", () => {
  it.each([
    [3.5, 1.0, "PR"], // baseline 3.5 did not exceed 3.5: target ≤ 1 g, and 1.0 ≤ 1
    [3.5, 1.01, "NR"], // ≤ 1 g fails
    [3.5, 1.5, "NR"], // 57% drop but not ≤ 1 g
    [3.51, 1.5, "PR"], // nephrotic: < 3 g target, 57% drop
    [8.0, 2.99, "PR"], // 62.6% drop, < 3
    [8.0, 3.0, "NR"], // 62.5% drop but not < 3
    [8.0, 3.01, "NR"],
  ])("baseline %s → current %s g/24h → %s", (up0, up, expected) => {
    expect(cat(patient({ up0, up }))).toBe(expected);
  });
});

// §2.4: "if the baseline 24hUP was > 3.5 g per day"; Table 2: "24hUP ≥ 3.5 g/d".
describe("Zhang 2023 nephrotic baseline: §2.4 '> 3.5' (default) versus Table 2 '≥ 3.5'", () => {
  const ge = { interpretation: { nephroticBaseline: ">=3.5" } };
  it("a baseline of exactly 3.5 g/day falling to 1.5 g/day (57%) is NR under §2.4 and PR under Table 2", () => {
    const r = classifyResponse(Z, patient({ up0: 3.5, up: 1.5 }));
    expect(r.category).toBe("NR");
    expect(r.interpretation.nephroticBaseline).toBe(">3.5");
    expect(r.sensitiveTo).toEqual(["nephroticBaseline"]);
    expect(cat(patient({ up0: 3.5, up: 1.5 }), ge)).toBe("PR");
  });
  it("at exactly 3.5 g/day, 1.0 g/day is PR under both (≤ 1 g and < 3 g)", () => {
    expect(cat(patient({ up0: 3.5, up: 1.0 }))).toBe("PR");
    expect(cat(patient({ up0: 3.5, up: 1.0 }), ge)).toBe("PR");
  });
  it.each([
    [3.49, 1.5, "NR"], // below 3.5 under both readings: target ≤ 1 g
    [3.51, 1.5, "PR"], // above 3.5 under both: target < 3 g
  ])(
    "away from the boundary the readings agree: baseline %s → %s g/24h → %s",
    (up0, up, expected) => {
      expect(cat(patient({ up0, up }))).toBe(expected);
      expect(cat(patient({ up0, up }), ge)).toBe(expected);
    },
  );
});

describe("Zhang 2023 PR: serum albumin ≥ 30 g/L", () => {
  it.each([
    [29.9, "NR"],
    [30, "PR"],
    [30.1, "PR"],
  ])("albumin %s g/L with UP 4.0 → 0.8 → %s", (alb, expected) => {
    expect(cat(patient({ up0: 4, up: 0.8, alb }))).toBe(expected);
  });
  it("albumin is not part of CR: UP 0.4 with albumin 25 g/L is CR", () => {
    expect(cat(patient({ up0: 4, up: 0.4, alb: 25 }))).toBe("CR");
  });
});

describe("Zhang 2023 end points", () => {
  it("overall response is CR or PR; the secondary end point is a > 25% decrease", () => {
    const pr = classifyResponse(Z, patient({ up0: 4, up: 0.8 }));
    expect(pr.endpoints).toEqual({ OR: "met", UP25: "met" });
    const nr = classifyResponse(Z, patient({ up0: 4, up: 2.9 })); // 27.5% drop: NR but > 25%
    expect(nr.category).toBe("NR");
    expect(nr.endpoints).toEqual({ OR: "not-met", UP25: "met" });
    const exact = classifyResponse(Z, patient({ up0: 4, up: 3 })); // exactly 25%: not more than 25%
    expect(exact.endpoints.UP25).toBe("not-met");
  });
});

describe("Zhang 2023 robustness to the printed range", () => {
  it("0.6 g/day is PR under < 0.5 and CR under < 0.7: not robust, sensitive to crProteinuriaCutoff", () => {
    const r = classifyResponse(Z, patient({ up0: 4, up: 0.6 }));
    expect(r.category).toBe("PR");
    expect(r.robust).toBe(false);
    expect(r.sensitiveTo).toEqual(["crProteinuriaCutoff"]);
    expect(r.alternatives).toHaveLength(7); // 2 × 2 × 2 − 1
    expect(
      r.alternatives.filter((a) => a.category === "CR").map((a) => a.changed.crProteinuriaCutoff),
    ).toEqual(["0.7", "0.7", "0.7", "0.7"]);
  });
  it("0.3 g/day is CR under every reading", () => {
    const r = classifyResponse(Z, patient({ up0: 4, up: 0.3 }));
    expect(r.robust).toBe(true);
    expect(r.sensitiveTo).toEqual([]);
  });
});
