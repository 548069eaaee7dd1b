// The interpreter's explanations in detail: missing paths, notes, and refusals of malformed criteria.
import { describe, expect, it } from "vitest";
import { type ClauseResult, evaluateExpr } from "../../src/evaluate/interpret.js";
import type { Expr } from "../../src/index.js";
import { resolveExpr } from "../../src/ir/resolve.js";

const src = { section: "test" };
const sediment: Expr = {
  op: "fact",
  id: "sed",
  label: "sediment",
  fact: "urineSedimentNormal",
  params: { rbcMax: 5, wbcMax: 5, inclusive: true },
  source: src,
};
const scrNormal: Expr = {
  op: "fact",
  id: "scr",
  label: "creatinine",
  fact: "serumCreatinineNormal",
  params: {
    defaultUpperLimit: { F: { value: 90, unit: "umol/L" }, M: { value: 110, unit: "umol/L" } },
  },
  source: src,
};
const upBelow = (unit: string, measure: "proteinuria24h" | "upcr" = "proteinuria24h"): Expr => ({
  op: "compare",
  id: "up",
  label: "UP",
  left: { kind: "value", measure, at: "current" },
  cmp: "<",
  right: { value: 0.5, unit },
  source: src,
});

describe("urine sediment fact", () => {
  it.each([
    [{}, "unknown", ["current.urineSediment"]],
    [
      { rbcPerHpf: 2 },
      "unknown",
      ["current.urineSediment.wbcPerHpf", "current.urineSediment.cellularCasts"],
    ],
    [{ rbcPerHpf: 9 }, "not-met", []], // one abnormal count decides
    [{ rbcPerHpf: 2, wbcPerHpf: 2, cellularCasts: false }, "met", []],
    [{ rbcPerHpf: 2, wbcPerHpf: 2, cellularCasts: true }, "not-met", []],
  ])("%j → %s, missing %j", (sed, truth, missing) => {
    const input = Object.keys(sed).length ? { current: { urineSediment: sed } } : { current: {} };
    const r = evaluateExpr(sediment, input);
    expect(r.truth).toBe(truth);
    expect(r.missing).toEqual(missing);
  });
  it("names the counts it read", () => {
    const r = evaluateExpr(sediment, {
      current: { urineSediment: { rbcPerHpf: 6, wbcPerHpf: 1, cellularCasts: false } },
    });
    expect(r.notes).toEqual(["RBC 6/hpf", "WBC 1/hpf", "no cellular casts"]);
  });
  it("'inclusive: false' makes the maximum itself abnormal", () => {
    const strict = { ...sediment, params: { rbcMax: 5, wbcMax: 5, inclusive: false } } as Expr;
    expect(
      evaluateExpr(strict, {
        current: { urineSediment: { rbcPerHpf: 5, wbcPerHpf: 0, cellularCasts: false } },
      }).truth,
    ).toBe("not-met");
    expect(
      evaluateExpr(sediment, {
        current: { urineSediment: { rbcPerHpf: 5, wbcPerHpf: 0, cellularCasts: false } },
      }).truth,
    ).toBe("met");
  });
});

describe("serum creatinine normal fact", () => {
  it("missing creatinine and sex are both listed", () => {
    const r = evaluateExpr(scrNormal, {});
    expect(r.truth).toBe("unknown");
    expect(r.missing).toEqual(["current.serumCreatinine", "patient.sex"]);
  });
  it("with sex but no creatinine: the default limit is known, the value is missing", () => {
    const r = evaluateExpr(scrNormal, { patient: { sex: "M" } });
    expect(r.missing).toEqual(["current.serumCreatinine"]);
    expect(r.threshold).toEqual({ value: 110, unit: "umol/L" });
    expect(r.assumptions[0]).toMatch(
      /^upper limit of normal serum creatinine 110 umol\/L is the library's default for men/,
    );
  });
  it("the laboratory's limit in mg/dL is compared in mg/dL", () => {
    const r = evaluateExpr(scrNormal, {
      current: {
        serumCreatinine: { value: 100, unit: "umol/L" },
        serumCreatinineUpperLimit: { value: 1.2, unit: "mg/dL" },
      },
    });
    expect(r.truth).toBe("met"); // 100 µmol/L = 1.131 mg/dL ≤ 1.2
    expect(r.observed?.unit).toBe("mg/dL");
    expect(r.assumptions).toEqual([]);
  });
});

describe("comparison notes", () => {
  it("a UPCR where a 24-h value is needed says so", () => {
    const r = evaluateExpr(upBelow("g/24h"), {
      current: { proteinuria: { value: 0.3, unit: "g/g" } },
    });
    expect(r.truth).toBe("unknown");
    expect(r.notes).toEqual([
      "current.proteinuria is a spot UPCR (g/g) but this clause needs a 24-h urine protein; pass allowProteinuriaSubstitution to use it",
    ]);
  });
  it("a 24-h value where a UPCR is needed says so", () => {
    const r = evaluateExpr(upBelow("g/g", "upcr"), {
      current: { proteinuria: { value: 0.3, unit: "g/24h" } },
    });
    expect(r.notes[0]).toBe(
      "current.proteinuria is a 24-h urine protein (g/24h) but this clause needs a UPCR; pass allowProteinuriaSubstitution to use it",
    );
  });
  it("a substitution is reported with the value used", () => {
    const r = evaluateExpr(
      upBelow("g/g", "upcr"),
      { current: { proteinuria: { value: 300, unit: "mg/24h" } } },
      new Map(),
      {
        allowProteinuriaSubstitution: true,
      },
    );
    expect(r.truth).toBe("met");
    expect(r.notes).toEqual([
      "current.proteinuria 300 mg/24h is a 24-h urine protein; used as 0.3 g/g (allowProteinuriaSubstitution)",
    ]);
    expect(r.observed?.inputs).toEqual([
      { path: "current.proteinuria", quantity: { value: 300, unit: "mg/24h" } },
    ]);
  });
  it("an absolute rise is computed in the threshold's unit", () => {
    const e: Expr = {
      op: "compare",
      id: "rise",
      label: "rise",
      left: { kind: "increase", measure: "serumCreatinine" },
      cmp: ">=",
      right: { value: 0.2, unit: "mg/dL" },
      source: src,
    };
    const r = evaluateExpr(e, {
      baseline: { serumCreatinine: { value: 88.4, unit: "umol/L" } },
      current: { serumCreatinine: { value: 106.08, unit: "umol/L" } },
    });
    expect(r.observed).toMatchObject({ value: 0.2, unit: "mg/dL" });
    expect(r.truth).toBe("met");
    const d = evaluateExpr(
      { ...e, left: { kind: "decrease", measure: "serumCreatinine" } } as Expr,
      {
        baseline: { serumCreatinine: { value: 88.4, unit: "umol/L" } },
        current: { serumCreatinine: { value: 106.08, unit: "umol/L" } },
      },
    );
    expect(d.observed?.value).toBe(-0.2);
  });
});

describe("malformed criteria are refused, not evaluated", () => {
  it("an unresolved placeholder throws", () => {
    expect(() => evaluateExpr({ ...upBelow("g/24h"), right: { bind: "x" } } as Expr, {})).toThrow(
      /not resolved/,
    );
    expect(() => evaluateExpr({ op: "bind", name: "y" }, {})).toThrow(
      /placeholder 'y' is not resolved/,
    );
    expect(() => evaluateExpr({ ...sediment, params: { bind: "s" } } as Expr, {})).toThrow(
      /not resolved/,
    );
  });
  it("a threshold in a unit of another kind throws", () => {
    expect(() => evaluateExpr(upBelow("umol/L"), {})).toThrow(
      /compares urineProtein24h with a threshold in 'umol\/L'/,
    );
    const pct: Expr = {
      op: "compare",
      id: "p",
      label: "p",
      left: { kind: "percentDecrease", measure: "proteinuria24h" },
      cmp: ">",
      right: { value: 50, unit: "g/24h" },
      source: src,
    };
    expect(() => evaluateExpr(pct, {})).toThrow(/compares percent/);
  });
  it("a reference to an unknown definition throws", () => {
    expect(() => evaluateExpr({ op: "ref", to: "XR" }, {})).toThrow(/unknown definition 'XR'/);
  });
  it("resolveExpr refuses a binding of the wrong type or a missing one", () => {
    expect(() => resolveExpr({ ...upBelow("g/24h"), right: { bind: "t" } } as Expr, {})).toThrow(
      /no binding for placeholder 't'/,
    );
    expect(() =>
      resolveExpr({ ...upBelow("g/24h"), right: { bind: "t" } } as Expr, { t: "<" }),
    ).toThrow(/needs a quantity binding/);
    expect(() =>
      resolveExpr({ ...upBelow("g/24h"), cmp: { bind: "c" } } as Expr, {
        c: { value: 1, unit: "g/24h" },
      }),
    ).toThrow(/needs an operator binding/);
    expect(() => resolveExpr({ op: "bind", name: "e" }, { e: 3 })).toThrow(
      /needs a clause binding/,
    );
  });
});

describe("treatment-failure explanations", () => {
  it("say which unit failed and why", () => {
    const r: ClauseResult = evaluateExpr(
      {
        op: "fact",
        id: "f",
        label: "failures",
        fact: "treatmentFailures",
        params: {
          atLeast: 2,
          countSequenceAs: "one-regimen",
          includeGlucocorticoidPulses: false,
          minDurationMonths: 6,
          nrWithoutDuration: "unknown",
          relapseCounts: true,
        },
        source: src,
      },
      {
        treatmentHistory: {
          ordered: true,
          courses: [
            {
              agents: ["mycophenolate"],
              mode: "single",
              bestResponse: "PR",
              outcome: "failure-or-relapse",
            },
            { agents: ["tacrolimus"], mode: "single", bestResponse: "NR" },
            {
              agents: ["azathioprine"],
              mode: "single",
              bestResponse: "CR",
              outcome: "adverse-event",
            },
          ],
        },
      },
    );
    expect(r.truth).toBe("unknown");
    expect(r.notes).toEqual([
      "mycophenolate: failed (course 1 (mycophenolate): PR → F: failed or relapsed)",
      "tacrolimus: undetermined (course 2 (tacrolimus): NR, duration not reported (failure needs ≥ 6 months))",
      "azathioprine: did not fail (course 3 (azathioprine): CR → AE: stopped for an adverse event, not a failure)",
    ]);
    expect(r.observed).toMatchObject({ value: 1, unit: "failed, 1 undetermined" });
    expect(r.missing).toEqual(["treatmentHistory.courses[1].durationMonths"]);
  });
});
