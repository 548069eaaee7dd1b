// How the interpreter reads one measure for a compare clause, and what it says about it: a UPCR
// where a 24-h protein is needed (refused, or used with the substitution option, said in a note),
// a unit of another measure or an unknown unit (unusable, said in a note), and a censored baseline
// that may be 0 under a relative change. Expectations written by hand from each case; the
// mutation run of interpret.ts left these notes and missing paths unchecked.
import { describe, expect, it } from "vitest";
import { evaluateExpr } from "../../src/evaluate/interpret.js";
import type { Expr, Operand } from "../../src/ir/expr.js";

const compare = (left: Operand, cmp: "<" | ">=", value: number, unit: string): Expr => ({
  op: "compare",
  id: "c",
  label: "clause",
  left,
  cmp,
  right: { value, unit },
  source: { section: "Methods" },
});
const below05 = compare(
  { kind: "value", measure: "proteinuria24h", at: "current" },
  "<",
  0.5,
  "g/24h",
);
const fields = (e: Expr, input: object, options = {}) => {
  const r = evaluateExpr(e, input as Parameters<typeof evaluateExpr>[1], new Map(), options);
  return { truth: r.truth, missing: r.missing, notes: r.notes };
};

describe("a spot UPCR where the clause reads a 24-h urine protein", () => {
  const input = { current: { proteinuria: { value: 0.3, unit: "g/g" } } };
  it("refused without the option: unknown, the input missing, the reason in a note", () => {
    expect(fields(below05, input)).toEqual({
      truth: "unknown",
      missing: ["current.proteinuria"],
      notes: [
        "current.proteinuria is a spot UPCR (g/g) but this clause needs a 24-h urine protein; pass allowProteinuriaSubstitution to use it",
      ],
    });
  });
  it("used with allowProteinuriaSubstitution, the substitution said", () => {
    expect(fields(below05, input, { allowProteinuriaSubstitution: true })).toEqual({
      truth: "met",
      missing: [],
      notes: [
        "current.proteinuria 0.3 g/g is a spot UPCR; used as 0.3 g/24h (allowProteinuriaSubstitution)",
      ],
    });
  });
  it("and the other way: a 24-h protein where a UPCR is needed", () => {
    const upcr = compare({ kind: "value", measure: "upcr", at: "current" }, "<", 0.5, "g/g");
    expect(fields(upcr, { current: { proteinuria: { value: 0.3, unit: "g/24h" } } })).toEqual({
      truth: "unknown",
      missing: ["current.proteinuria"],
      notes: [
        "current.proteinuria is a 24-h urine protein (g/24h) but this clause needs a UPCR; pass allowProteinuriaSubstitution to use it",
      ],
    });
  });
});

describe("a unit the clause cannot use (an unvalidated subject)", () => {
  const scr = compare(
    { kind: "value", measure: "serumCreatinine", at: "current" },
    "<",
    100,
    "umol/L",
  );
  it("a unit of another measure", () => {
    expect(fields(scr, { current: { serumCreatinine: { value: 40, unit: "g/L" } } })).toEqual({
      truth: "unknown",
      missing: ["current.serumCreatinine"],
      notes: ["unit 'g/L' does not measure serumCreatinine"],
    });
  });
  it("an unknown unit", () => {
    expect(fields(scr, { current: { serumCreatinine: { value: 40, unit: "furlongs" } } })).toEqual({
      truth: "unknown",
      missing: ["current.serumCreatinine"],
      notes: ["unknown unit 'furlongs'"],
    });
  });
});

describe("a relative change from a censored baseline", () => {
  const drop = compare({ kind: "percentDecrease", measure: "proteinuria24h" }, ">=", 50, "%");
  it("a baseline below a bound may be 0: the change may be undefined, unknown, said in a note", () => {
    const r = fields(drop, {
      baseline: { proteinuria: { value: 0.2, unit: "g/24h", censor: "<" } },
      current: { proteinuria: { value: 0.1, unit: "g/24h" } },
    });
    expect(r).toEqual({
      truth: "unknown",
      missing: [],
      notes: [
        "baseline proteinuria24h is censored (<0.2 g/24h) and may be 0, so a change relative to it may be undefined",
      ],
    });
  });
  it("a censored current value against an exact baseline: a range, no note", () => {
    // Baseline 4 g/24h, current below 1 g/24h: a fall of more than 75 %, at least 50 %: met.
    expect(
      fields(drop, {
        baseline: { proteinuria: { value: 4, unit: "g/24h" } },
        current: { proteinuria: { value: 1, unit: "g/24h", censor: "<" } },
      }),
    ).toEqual({ truth: "met", missing: [], notes: [] });
  });
});

describe("composite clauses carry no notes, missing inputs or assumptions of their own", () => {
  it("all, any, not, if and ref: their children hold them", () => {
    const leaf = below05;
    const input = { current: {} };
    const shapes: Expr[] = [
      { op: "all", id: "a", label: "all", of: [leaf], source: { section: "M" } },
      { op: "any", id: "b", label: "any", of: [leaf], source: { section: "M" } },
      { op: "not", id: "n", label: "not", of: leaf, source: { section: "M" } },
      {
        op: "if",
        id: "i",
        label: "if",
        cond: leaf,
        whenMet: leaf,
        whenNotMet: leaf,
        source: { section: "M" },
      },
      { op: "ref", to: "CR" },
    ] as Expr[];
    const refs = new Map([["CR", { truth: "unknown" as const, label: "complete response" }]]);
    for (const e of shapes) {
      const r = evaluateExpr(e, input, refs);
      expect(r.truth).toBe("unknown");
      expect([r.missing, r.notes, r.assumptions]).toEqual([[], [], []]);
    }
    // The leaf itself names what is missing.
    expect(evaluateExpr(leaf, input).missing).toEqual(["current.proteinuria"]);
  });
});

describe("placeholders not resolved are refused, each naming its clause", () => {
  const bound = { bind: "cutoff" } as never;
  it("a compare threshold, a treatment-failure parameter, a default upper limit", () => {
    expect(() =>
      evaluateExpr({ ...below05, right: bound } as unknown as Expr, { current: {} }),
    ).toThrow("Criteria error: clause 'c' is not resolved");
    const failures = {
      op: "fact",
      id: "tf",
      label: "failures",
      fact: "treatmentFailures",
      params: { atLeast: bound, countSequenceAs: "one-regimen" },
      source: { section: "M" },
    } as unknown as Expr;
    expect(() => evaluateExpr(failures, {})).toThrow("Criteria error: 'tf' is not resolved");
    const uln = {
      op: "fact",
      id: "uln",
      label: "creatinine normal",
      fact: "serumCreatinineNormal",
      params: { defaultUpperLimit: bound },
      source: { section: "M" },
    } as unknown as Expr;
    expect(() => evaluateExpr(uln, {})).toThrow("Criteria error: 'uln' is not resolved");
  });
});

describe("the glucocorticoid dose as a measure", () => {
  it("read from the current labs in mg/d; missing when absent", () => {
    const dose = compare(
      { kind: "value", measure: "prednisone", at: "current" },
      "<",
      10,
      "mg/d prednisone",
    );
    expect(fields(dose, { current: { prednisoneMgPerDay: 7.5 } })).toEqual({
      truth: "met",
      missing: [],
      notes: [],
    });
    expect(fields(dose, { current: {} })).toEqual({
      truth: "unknown",
      missing: ["current.prednisoneMgPerDay"],
      notes: [],
    });
  });
});
