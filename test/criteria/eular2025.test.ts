// Boundary cases for the EULAR 2025 kidney update (Fanouriakis 2025, doi:10.1016/j.ard.2025.09.007),
// written by hand from the third-party transcriptions of the full text [V3]:
// rec 2: "a reduction in proteinuria of at least 25% by 3 months (2b/C), 50% by 6 months (2a/B),
//   and a UPCR target <700 mg/g by 12 months (1b/B)"
// narrative: "the goals of 25% reduction by 3 months, 50% by 6 months (partial response)";
//   "Complete renal response should be defined as UPCR <500 mg/g at any time point.";
//   "stabilisation (if not improvement) of GFR to ≥80% of baseline value is desirable within the
//   first 3 months"
import { describe, expect, it } from "vitest";
import { eular2025 } from "../../src/criteria/eular2025.js";
import {
  type ClassifyOptions,
  classifyResponse,
  compile,
  criteria,
  type ResponseInput,
} from "../../src/index.js";

const E = eular2025;
const GFR = "mL/min/1.73m2";

function patient(o: {
  up0?: number;
  up: number;
  unit?: string;
  unit0?: string;
  egfr0?: number;
  egfr?: number;
  scr0?: number;
  scr?: number;
}): ResponseInput {
  return {
    baseline: {
      proteinuria: { value: o.up0 ?? 2000, unit: o.unit0 ?? o.unit ?? "mg/g" },
      ...(o.egfr0 === undefined ? {} : { egfr: { value: o.egfr0, unit: GFR } }),
      ...(o.scr0 === undefined ? {} : { serumCreatinine: { value: o.scr0, unit: "umol/L" } }),
    },
    current: {
      proteinuria: { value: o.up, unit: o.unit ?? "mg/g" },
      ...(o.egfr === undefined ? {} : { egfr: { value: o.egfr, unit: GFR } }),
      ...(o.scr === undefined ? {} : { serumCreatinine: { value: o.scr, unit: "umol/L" } }),
    },
  };
}

const cat = (i: ResponseInput, options: ClassifyOptions = {}) =>
  classifyResponse(E, i, options).category;
const required: ClassifyOptions = { interpretation: { responseKidneyFunction: "required" } };

describe("EULAR 2025 CR: 'UPCR <500 mg/g at any time point' (strict)", () => {
  it.each([
    [499, "CR"],
    [499.9, "CR"],
    [500, "PR"], // not < 500; 75% reduction from 2000 → PR
    [501, "PR"],
  ])("2000 → %s mg/g → %s", (up, expected) => {
    expect(cat(patient({ up }))).toBe(expected);
  });
  it("any baseline: a UPCR below 500 mg/g is CR even without a reduction (at any time point)", () => {
    expect(cat(patient({ up0: 450, up: 480 }))).toBe("CR");
  });
  it.each([
    [0.499, "g/g", "CR"],
    [0.5, "g/g", "PR"],
    [0.499, "mg/mg", "CR"],
    [56, "mg/mmol", "CR"], // exact: 495.1 mg/g (the text prints no mg/mmol pair)
    [57, "mg/mmol", "PR"], // 503.9 mg/g
  ])("2000 mg/g → %s %s → %s", (up, unit, expected) => {
    expect(cat(patient({ up0: 2000, unit0: "mg/g", up, unit }))).toBe(expected);
  });
});

describe("EULAR 2025 PR: '50% by 6 months (partial response)', at least 50%", () => {
  it.each([
    [999, "PR"], // 50.05%
    [1000, "PR"], // exactly 50%
    [1001, "NR"], // 49.95%
  ])("2000 → %s mg/g → %s", (up, expected) => {
    expect(cat(patient({ up }))).toBe(expected);
  });
  it("a baseline of 0 leaves the reduction undefined: indeterminate between PR and NR", () => {
    const r = classifyResponse(E, patient({ up0: 0, up: 600 }));
    expect(r.category).toBe("indeterminate");
    expect(r.possibleCategories).toEqual(["PR", "NR"]);
  });
  it("missing current UPCR: indeterminate, naming the input", () => {
    const r = classifyResponse(E, { baseline: { proteinuria: { value: 2, unit: "g/g" } } });
    expect(r.category).toBe("indeterminate");
    expect(r.missing).toContain("current.proteinuria");
  });
});

describe("EULAR 2025 milestones and target (end points)", () => {
  const ep = (i: ResponseInput, o: ClassifyOptions = {}) => classifyResponse(E, i, o).endpoints;
  it.each([
    [1501, "not-met"], // 24.95%
    [1500, "met"], // exactly 25%: "at least 25%"
    [1499, "met"],
  ])("3 months: 2000 → %s mg/g, ≥ 25%% reduction %s", (up, truth) => {
    expect(ep(patient({ up })).milestone3m).toBe(truth);
  });
  it.each([
    [1001, "not-met"],
    [1000, "met"],
  ])("6 months: 2000 → %s mg/g, ≥ 50%% reduction %s", (up, truth) => {
    expect(ep(patient({ up })).milestone6m).toBe(truth);
  });
  it.each([
    [699, "met"],
    [699.9, "met"],
    [700, "not-met"], // "<700 mg/g": exactly 700 does not reach the target
    [0.7, "not-met"], // g/g: 700 mg/g
  ])("12 months: UPCR %s → target %s", (up, truth) => {
    const unit = up < 1 ? "g/g" : "mg/g";
    expect(ep(patient({ up, unit, up0: up < 1 ? 2 : 2000 })).target12m).toBe(truth);
  });
  it.each([
    [56, "met"], // 80%: "≥80% of baseline"
    [55, "not-met"], // 78.6%
    [90, "met"], // improvement passes ("if not improvement")
  ])("GFR rule: eGFR 70 → %s: %s", (egfr, truth) => {
    expect(ep(patient({ up: 1500, egfr0: 70, egfr })).gfr3m).toBe(truth);
  });
  it("GFR rule under gfrMeasure 'creatinine': creatinine ≤ 125% of baseline", () => {
    const o = { interpretation: { gfrMeasure: "creatinine" } };
    expect(ep(patient({ up: 1500, scr0: 80, scr: 100 }), o).gfr3m).toBe("met"); // 125%
    expect(ep(patient({ up: 1500, scr0: 80, scr: 100.1 }), o).gfr3m).toBe("not-met");
  });
  it("GFR rule without an eGFR is unknown, never 'not met'", () => {
    expect(ep(patient({ up: 1500 })).gfr3m).toBe("unknown");
  });
});

describe("EULAR 2025 responseKidneyFunction: 'not-required' (default) and 'required'", () => {
  it("default: CR and PR on proteinuria alone; a falling GFR is reported in gfr3m only", () => {
    const r = classifyResponse(E, patient({ up: 400, egfr0: 70, egfr: 50 }));
    expect(r.category).toBe("CR");
    expect(r.endpoints.gfr3m).toBe("not-met");
    expect(r.sensitiveTo).toEqual(["responseKidneyFunction"]);
  });
  it("default: no eGFR needed for a category", () => {
    expect(cat(patient({ up: 400 }))).toBe("CR");
  });
  it.each([
    [400, 56, "CR"],
    [400, 55, "NR"], // GFR 78.6% of baseline: neither CR nor PR
    [1000, 56, "PR"],
    [1000, 55, "NR"],
  ])("required: UPCR 2000 → %s mg/g, eGFR 70 → %s → %s", (up, egfr, expected) => {
    expect(cat(patient({ up, egfr0: 70, egfr }), required)).toBe(expected);
  });
  it("required without an eGFR: indeterminate, naming the eGFR inputs", () => {
    const r = classifyResponse(E, patient({ up: 400 }), required);
    expect(r.category).toBe("indeterminate");
    expect(r.missing).toEqual(expect.arrayContaining(["baseline.egfr", "current.egfr"]));
  });
  it("required with gfrMeasure 'creatinine'", () => {
    const o = { interpretation: { responseKidneyFunction: "required", gfrMeasure: "creatinine" } };
    expect(cat(patient({ up: 400, scr0: 80, scr: 100 }), o)).toBe("CR");
    expect(cat(patient({ up: 400, scr0: 80, scr: 101 }), o)).toBe("NR");
  });
});

describe("EULAR 2025 gap: below the 12-month target but not a responder", () => {
  it("1000 → 650 mg/g: NR, target met, gap flagged", () => {
    const r = classifyResponse(E, patient({ up0: 1000, up: 650 }));
    expect(r.category).toBe("NR");
    expect(r.endpoints.target12m).toBe("met");
    expect(r.gaps.map((g) => g.id)).toEqual(["target-met-not-responder"]);
  });
  it("1000 → 700 mg/g: NR without the gap", () => {
    expect(classifyResponse(E, patient({ up0: 1000, up: 700 })).gaps).toEqual([]);
  });
});

describe("EULAR 2025 criteria object", () => {
  it("is third-party (numbers from transcriptions), cites the DOI, writes UPCR in mg/g", () => {
    expect(E.evidence).toBe("third-party");
    expect(E.citation.doi).toBe("10.1016/j.ard.2025.09.007");
    expect(E.proteinuriaMeasure).toBe("upcr");
    expect(E.notes.join(" ")).toMatch(/not checked against the primary/);
    expect(E.categories.map((c) => c.name)).toEqual(["CR", "PR"]);
    expect(E.endpoints.map((e) => e.name)).toEqual([
      "OR",
      "milestone3m",
      "milestone6m",
      "target12m",
      "gfr3m",
    ]);
    expect(E.schedule?.timepoints.map((t) => t.day)).toEqual([91, 183, 365]);
  });
  it("prints no mg/mmol pair, so it has no conversion reading", () => {
    expect(E.conversions).toBeUndefined();
    expect(Object.keys(E.parameters)).toEqual(["responseKidneyFunction", "gfrMeasure"]);
    expect(E.parameters.responseKidneyFunction?.default).toBe("not-required");
    expect(E.parameters.gfrMeasure?.default).toBe("egfr");
  });
  it("is registered and the result names it", () => {
    expect(criteria.eular2025).toBe(E);
    const r = classifyResponse(criteria.eular2025, patient({ up: 400 }));
    expect(r.criteria).toMatchObject({
      id: "eular2025",
      version: "1.0.0",
      evidence: "third-party",
    });
    expect(r.endpoints.OR).toBe("met");
    expect(r.alternatives).toHaveLength(3); // 2 × 2 − 1
  });
  it("compiled and interpreted agree at the printed boundaries under every reading", () => {
    const inputs = [499, 500, 699, 700, 1000, 1001, 1500, 1501].flatMap((up) =>
      [55, 56].map((egfr) => patient({ up, egfr0: 70, egfr, scr0: 80, scr: 100 })),
    );
    for (const a of ["not-required", "required"] as const)
      for (const b of ["egfr", "creatinine"] as const) {
        const interpretation = { responseKidneyFunction: a, gfrMeasure: b };
        const k = compile(E, { interpretation });
        const closures = compile(E, { interpretation, codegen: false });
        for (const i of inputs) {
          const r = classifyResponse(E, i, { interpretation });
          expect(k.classify(i)).toEqual({ category: r.category, endpoints: r.endpoints });
          expect(closures.category(i)).toBe(r.category);
        }
      }
  });
  it("survives a JSON round trip and classifies the same", () => {
    const copy = JSON.parse(JSON.stringify(E));
    expect(copy).toEqual(E);
    for (const i of [patient({ up: 499 }), patient({ up: 500 }), patient({ up0: 1000, up: 650 })])
      expect(classifyResponse(copy, i).category).toBe(cat(i));
  });
});
