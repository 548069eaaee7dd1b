// The interpreter's result for each fact clause, field by field: truth, missing inputs, notes,
// assumptions, threshold and observed value. Every expectation is written by hand from the clause's
// wording (the sediment counts, the laboratory's verdict, the default upper limit of normal, the
// exclusion reported or not). The mutation run left these fields unchecked: a note or a missing
// path replaced by another string survived, since the categories did not change.
import { describe, expect, it } from "vitest";
import { evaluateExpr } from "../../src/evaluate/interpret.js";
import type { Expr } from "../../src/ir/expr.js";

const source = { section: "Methods" };
const sediment = (inclusive: boolean): Expr => ({
  op: "fact",
  id: "sed",
  label: "inactive urinary sediment",
  fact: "urineSedimentNormal",
  params: { rbcMax: 5, wbcMax: 5, inclusive },
  source,
});
const scrNormal: Expr = {
  op: "fact",
  id: "scr-normal",
  label: "serum creatinine within the normal range",
  fact: "serumCreatinineNormal",
  params: {
    defaultUpperLimit: {
      F: { value: 84, unit: "umol/L" },
      M: { value: 104, unit: "umol/L" },
    },
  },
  source,
};
const observation = (name: "cellularCasts" | "rescueTherapy", is: boolean): Expr => ({
  op: "fact",
  id: "obs",
  label: name,
  fact: "observation",
  params: { name, is },
  source,
});
const exclusion: Expr = {
  op: "fact",
  id: "no-pregnancy",
  label: "not pregnant",
  fact: "exclusionAbsent",
  params: { condition: "pregnancy" },
  source,
};
const failures: Expr = {
  op: "fact",
  id: "failures",
  label: "two failed regimens",
  fact: "treatmentFailures",
  params: {
    atLeast: 2,
    countSequenceAs: "one-regimen",
    includeGlucocorticoidPulses: false,
    minDurationMonths: 6,
    nrWithoutDuration: "unknown",
    relapseCounts: true,
  },
  source,
};
/** The fields a reader sees, without the echo of the clause (id, label, source). */
const fields = (expr: Expr, input: Parameters<typeof evaluateExpr>[1]) => {
  const { id: _i, label: _l, source: _s, op: _o, ...rest } = evaluateExpr(expr, input);
  return rest;
};

describe("urineSedimentNormal (RBC and WBC at most 5/hpf, no cellular casts)", () => {
  it("no sediment: unknown, the sediment missing", () => {
    expect(fields(sediment(true), { current: {} })).toEqual({
      truth: "unknown",
      missing: ["current.urineSediment"],
      notes: [],
      assumptions: [],
    });
  });
  it("the laboratory's verdict decides, named in the notes", () => {
    const normal = { current: { urineSediment: { normal: true, rbcPerHpf: 20 } } };
    expect(fields(sediment(true), normal)).toEqual({
      truth: "met",
      missing: [],
      notes: ["laboratory verdict: sediment normal"],
      assumptions: [],
    });
    expect(fields(sediment(true), { current: { urineSediment: { normal: false } } })).toEqual({
      truth: "not-met",
      missing: [],
      notes: ["laboratory verdict: sediment abnormal"],
      assumptions: [],
    });
  });
  it("counts and casts: each one read is a note; the unread ones are missing while unknown", () => {
    const some = { current: { urineSediment: { rbcPerHpf: 5 } } };
    expect(fields(sediment(true), some)).toEqual({
      truth: "unknown",
      missing: ["current.urineSediment.wbcPerHpf", "current.urineSediment.cellularCasts"],
      notes: ["RBC 5/hpf"],
      assumptions: [],
    });
    // 5/hpf is normal when the maximum is inclusive (≤ 5), abnormal when it is not (< 5).
    const all = {
      current: { urineSediment: { rbcPerHpf: 5, wbcPerHpf: 2, cellularCasts: false } },
    };
    expect(fields(sediment(true), all)).toEqual({
      truth: "met",
      missing: [],
      notes: ["RBC 5/hpf", "WBC 2/hpf", "no cellular casts"],
      assumptions: [],
    });
    expect(fields(sediment(false), all).truth).toBe("not-met");
    // A count over the limit decides alone: not met, nothing missing though casts are unknown.
    const high = { current: { urineSediment: { rbcPerHpf: 1, wbcPerHpf: 9 } } };
    expect(fields(sediment(true), high)).toEqual({
      truth: "not-met",
      missing: [],
      notes: ["RBC 1/hpf", "WBC 9/hpf"],
      assumptions: [],
    });
    const casts = {
      current: { urineSediment: { rbcPerHpf: 0, wbcPerHpf: 0, cellularCasts: true } },
    };
    expect(fields(sediment(true), casts)).toEqual({
      truth: "not-met",
      missing: [],
      notes: ["RBC 0/hpf", "WBC 0/hpf", "cellular casts present"],
      assumptions: [],
    });
  });
});

describe("serumCreatinineNormal (at or below the upper limit of normal)", () => {
  it("no limit and no sex: unknown, both named", () => {
    expect(
      fields(scrNormal, { current: { serumCreatinine: { value: 70, unit: "umol/L" } } }),
    ).toEqual({
      truth: "unknown",
      cmp: "<=",
      missing: ["patient.sex"],
      notes: [],
      assumptions: [],
    });
    expect(fields(scrNormal, { current: {} })).toEqual({
      truth: "unknown",
      cmp: "<=",
      missing: ["current.serumCreatinine", "patient.sex"],
      notes: [],
      assumptions: [],
    });
  });
  it("the library's default limit for the patient's sex, said as an assumption", () => {
    const r = fields(scrNormal, {
      patient: { sex: "F" },
      current: { serumCreatinine: { value: 0.9, unit: "mg/dL" } },
    });
    // 0.9 mg/dL × 88.4 = 79.56 µmol/L ≤ 84.
    expect(r).toEqual({
      truth: "met",
      cmp: "<=",
      threshold: { value: 84, unit: "umol/L" },
      observed: {
        value: expect.closeTo(79.56, 6),
        unit: "umol/L",
        inputs: [{ path: "current.serumCreatinine", quantity: { value: 0.9, unit: "mg/dL" } }],
      },
      missing: [],
      notes: [],
      assumptions: [
        "upper limit of normal serum creatinine 84 umol/L is the library's default for women, not the laboratory's; give current.serumCreatinineUpperLimit to override",
      ],
    });
    const men = fields(scrNormal, {
      patient: { sex: "M" },
      current: { serumCreatinine: { value: 110, unit: "umol/L" } },
    });
    expect(men.truth).toBe("not-met");
    expect(men.assumptions).toEqual([
      "upper limit of normal serum creatinine 104 umol/L is the library's default for men, not the laboratory's; give current.serumCreatinineUpperLimit to override",
    ]);
  });
  it("the laboratory's limit, in its own unit, and no assumption; a missing value with a limit keeps the threshold", () => {
    const r = fields(scrNormal, {
      current: {
        serumCreatinine: { value: 97, unit: "umol/L" },
        serumCreatinineUpperLimit: { value: 1.1, unit: "mg/dL" },
      },
    });
    // 97 µmol/L / 88.4 = 1.0973 mg/dL ≤ 1.1.
    expect(r.truth).toBe("met");
    expect(r.assumptions).toEqual([]);
    expect(r.observed?.unit).toBe("mg/dL");
    expect(r.observed?.value).toBeCloseTo(1.0973, 4);
    expect(
      fields(scrNormal, { current: { serumCreatinineUpperLimit: { value: 90, unit: "umol/L" } } }),
    ).toEqual({
      truth: "unknown",
      cmp: "<=",
      threshold: { value: 90, unit: "umol/L" },
      missing: ["current.serumCreatinine"],
      notes: [],
      assumptions: [],
    });
  });
  it("a censored creatinine is compared as its range", () => {
    const lo = fields(scrNormal, {
      patient: { sex: "F" },
      current: { serumCreatinine: { value: 40, unit: "umol/L", censor: "<" } },
    });
    expect(lo.truth).toBe("met");
    expect(lo.missing).toEqual([]);
    expect(lo.observed).toBeUndefined();
    expect(lo.range?.high).toBe(40);
    const open = fields(scrNormal, {
      patient: { sex: "F" },
      current: { serumCreatinine: { value: 100, unit: "umol/L", censor: "<" } },
    });
    expect(open.truth).toBe("unknown");
  });
});

describe("observation (a yes/no finding of the current assessment)", () => {
  it("named in the notes with its path; missing when absent", () => {
    expect(
      fields(observation("cellularCasts", true), {
        current: { urineSediment: { cellularCasts: true } },
      }),
    ).toEqual({
      truth: "met",
      missing: [],
      notes: ["current.urineSediment.cellularCasts is true"],
      assumptions: [],
    });
    expect(
      fields(observation("rescueTherapy", true), { current: { rescueTherapy: false } }),
    ).toEqual({
      truth: "not-met",
      missing: [],
      notes: ["current.rescueTherapy is false"],
      assumptions: [],
    });
    expect(fields(observation("rescueTherapy", false), { current: {} })).toEqual({
      truth: "unknown",
      missing: ["current.rescueTherapy"],
      notes: [],
      assumptions: [],
    });
  });
});

describe("exclusionAbsent (an exclusion known to be absent)", () => {
  it("not reported: unknown; reported: present or absent", () => {
    expect(fields(exclusion, {})).toEqual({
      truth: "unknown",
      missing: ["exclusions.pregnancy"],
      notes: ["not reported"],
      assumptions: [],
    });
    expect(fields(exclusion, { exclusions: { pregnancy: true } })).toEqual({
      truth: "not-met",
      missing: [],
      notes: ["present"],
      assumptions: [],
    });
    expect(fields(exclusion, { exclusions: { pregnancy: false } })).toEqual({
      truth: "met",
      missing: [],
      notes: ["absent"],
      assumptions: [],
    });
  });
});

describe("treatmentFailures (at least two failed regimens)", () => {
  it("no history: unknown, the history missing, the threshold in failed regimens", () => {
    expect(fields(failures, {})).toEqual({
      truth: "unknown",
      cmp: ">=",
      threshold: { value: 2, unit: "failed agents or regimens" },
      missing: ["treatmentHistory"],
      notes: [],
      assumptions: [],
    });
  });
  it("each regimen a note with its verdict; the count observed", () => {
    const r = fields(failures, {
      treatmentHistory: {
        ordered: true,
        courses: [
          { agents: ["mycophenolate"], mode: "single", bestResponse: "NR", durationMonths: 6 },
          { agents: ["tacrolimus"], mode: "single", bestResponse: "CR" },
        ],
      },
    });
    expect(r.truth).toBe("not-met");
    expect(r.observed).toEqual({ value: 1, unit: "failed", inputs: [] });
    expect(r.notes).toHaveLength(2);
    expect(r.notes[0]).toMatch(/^mycophenolate: failed \(.+\)$/);
    expect(r.notes[1]).toMatch(/^tacrolimus: did not fail \(.+\)$/);
  });
  it("a course that cannot be judged is undetermined, and counted so", () => {
    const r = fields(failures, {
      treatmentHistory: {
        ordered: true,
        courses: [
          { agents: ["mycophenolate"], mode: "single", bestResponse: "NR", durationMonths: 6 },
          { agents: ["tacrolimus"], mode: "single", bestResponse: "NR" },
        ],
      },
    });
    // NR without a duration under nrWithoutDuration 'unknown': the second failure is undetermined.
    expect(r.truth).toBe("unknown");
    expect(r.observed).toEqual({ value: 1, unit: "failed, 1 undetermined", inputs: [] });
    expect(r.notes[1]).toMatch(/^tacrolimus: undetermined \(.+\)$/);
  });
});
