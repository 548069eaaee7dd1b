// Boundary cases for KDIGO 2021/2024 response definitions as reproduced by secondary summaries
// [V2], written by hand:
// CR: "proteinuria <0.5 g/g (50 mg/mmol) measured as the PCR from a 24-h urine collection" and
//     "stabilization or improvement in kidney function (±10–15% of baseline)"
// PR: "reduction in proteinuria by at least 50% and to <3 g/g (300 mg/mmol)" with the same
//     kidney-function condition
// NR: "failure to achieve a partial or complete response within 6–12 months of starting therapy"
import { describe, expect, it } from "vitest";
import { kdigo2024 } from "../../src/criteria/kdigo2024.js";
import { type ClassifyOptions, classifyResponse, type ResponseInput } from "../../src/index.js";

const K = kdigo2024;
const GFR = "mL/min/1.73m2";

function patient(o: {
  upcr0?: number;
  upcr: number;
  unit?: string;
  unit0?: string;
  egfr0?: number;
  egfr?: number;
  scr0?: number;
  scr?: number;
}): ResponseInput {
  return {
    baseline: {
      proteinuria: { value: o.upcr0 ?? 2, unit: o.unit0 ?? o.unit ?? "g/g" },
      egfr: { value: o.egfr0 ?? 100, unit: GFR },
      serumCreatinine: { value: o.scr0 ?? 80, unit: "umol/L" },
    },
    current: {
      proteinuria: { value: o.upcr, unit: o.unit ?? "g/g" },
      egfr: { value: o.egfr ?? 100, unit: GFR },
      serumCreatinine: { value: o.scr ?? 80, unit: "umol/L" },
    },
  };
}

const cat = (i: ResponseInput, options: ClassifyOptions = {}) =>
  classifyResponse(K, i, options).category;

describe("KDIGO 2024 CR: PCR < 0.5 g/g", () => {
  it.each([
    [0.49, "CR"],
    [0.5, "PR"], // not < 0.5; 75% reduction from 2.0, < 3 g/g
    [0.51, "PR"],
  ])("2.0 → %s g/g → %s", (upcr, expected) => {
    expect(cat(patient({ upcr }))).toBe(expected);
  });
});

describe("KDIGO 2024 PR: reduction by at least 50%", () => {
  it.each([
    [0.99, "PR"],
    [1, "PR"], // exactly 50%: "at least 50%"
    [1.01, "NR"],
  ])("2.0 → %s g/g → %s", (upcr, expected) => {
    expect(cat(patient({ upcr }))).toBe(expected);
  });
});

describe("KDIGO 2024 PR: and to < 3 g/g", () => {
  it.each([
    [2.99, "PR"],
    [3, "NR"], // halved from 8 but not < 3
    [3.01, "NR"],
  ])("8.0 → %s g/g → %s", (upcr, expected) => {
    expect(cat(patient({ upcr0: 8, upcr }))).toBe(expected);
  });
});

describe("KDIGO 2024 kidney function: eGFR, ±10% (defaults)", () => {
  it.each([
    [89.9, "NR"], // fell 10.1%
    [90, "CR"], // fell 10%: within the band
    [90.1, "CR"],
    [130, "CR"], // improvement passes
  ])("eGFR 100 → %s, PCR 2.0 → 0.3 → %s", (egfr, expected) => {
    expect(cat(patient({ upcr: 0.3, egfr }))).toBe(expected);
  });
  it("PR needs the same kidney-function condition", () => {
    expect(cat(patient({ upcr: 0.8, egfr: 90 }))).toBe("PR");
    expect(cat(patient({ upcr: 0.8, egfr: 89.9 }))).toBe("NR");
  });
});

describe("KDIGO 2024 kidney function: band '15'", () => {
  const o = { interpretation: { kidneyFunctionBand: "15" } };
  it.each([
    [84.9, "NR"],
    [85, "CR"], // fell 15%
    [85.1, "CR"],
  ])("eGFR 100 → %s → %s", (egfr, expected) => {
    expect(cat(patient({ upcr: 0.3, egfr }), o)).toBe(expected);
  });
});

describe("KDIGO 2024 kidney function: metric 'creatinine'", () => {
  it.each([
    ["10", 88, "CR"], // +10%
    ["10", 88.1, "NR"],
    ["15", 92, "CR"], // +15%
    ["15", 92.1, "NR"],
    ["10", 60, "CR"], // a fall (improvement) passes
  ])("band %s: sCr 80 → %s µmol/L → %s", (band, scr, expected) => {
    expect(
      cat(patient({ upcr: 0.3, scr, egfr: 50 }), {
        interpretation: { kidneyFunctionMetric: "creatinine", kidneyFunctionBand: band },
      }),
    ).toBe(expected);
  });
  it("the eGFR reading ignores creatinine and the creatinine reading ignores eGFR", () => {
    const i = patient({ upcr: 0.3, scr: 120, egfr: 100 });
    expect(cat(i)).toBe("CR");
    expect(cat(i, { interpretation: { kidneyFunctionMetric: "creatinine" } })).toBe("NR");
  });
});

describe("KDIGO 2024 uncovered region: halved but still ≥ 3 g/g", () => {
  it("is NR with the gap flagged", () => {
    const r = classifyResponse(K, patient({ upcr0: 8, upcr: 3.5 }));
    expect(r.category).toBe("NR");
    expect(r.gaps.map((g) => g.id)).toEqual(["halved-but-nephrotic"]);
  });
  it("an NR for too little reduction, or for kidney function, carries no gap", () => {
    expect(classifyResponse(K, patient({ upcr0: 8, upcr: 5 })).gaps).toEqual([]);
    expect(classifyResponse(K, patient({ upcr: 0.8, egfr: 80 })).gaps).toEqual([]);
  });
});

describe("KDIGO 2024 units: thresholds in g/g; mg/mmol by upcrConversion ('printed' default)", () => {
  // "proteinuria <0.5 g/g (50 mg/mmol)", "to <3 g/g (300 mg/mmol)": the guideline's pairing.
  it.each([
    [0.49, "g/g", "CR"],
    [490, "mg/g", "CR"],
    [0.49, "mg/mg", "CR"],
    [49.9, "mg/mmol", "CR"], // 0.499 g/g as printed
    [50, "mg/mmol", "PR"], // the printed pair of 0.5 g/g: not < 0.5 g/g
    [299, "mg/mmol", "PR"], // 2.99 g/g from 8 g/g: < 3 g/g
    [300, "mg/mmol", "NR"], // the printed pair of 3 g/g: not < 3 g/g (halved but nephrotic)
  ])("printed: %s %s → %s", (upcr, unit, expected) => {
    const upcr0 = upcr >= 200 ? 8 : 2;
    expect(cat(patient({ upcr0, unit0: "g/g", upcr, unit }))).toBe(expected);
  });
  it.each([
    [50, "mg/mmol", "CR"], // the paired value: 0.442 g/g
    [56, "mg/mmol", "CR"], // 0.495 g/g
    [57, "mg/mmol", "PR"], // 0.504 g/g
    [338, "mg/mmol", "PR"], // 2.988 g/g from 8 g/g: < 3 g/g
    [340, "mg/mmol", "NR"], // 3.006 g/g: not < 3 g/g although the paired value is 300 mg/mmol
  ])("exact: %s %s → %s", (upcr, unit, expected) => {
    const upcr0 = upcr >= 300 ? 8 : 2;
    const x: ClassifyOptions = { interpretation: { upcrConversion: "exact" } };
    expect(cat(patient({ upcr0, unit0: "g/g", upcr, unit }), x)).toBe(expected);
  });
  it("50 mg/mmol: not CR as printed, CR exactly; the result says which conversion was used", () => {
    const i = patient({ upcr0: 2, unit0: "g/g", upcr: 50, unit: "mg/mmol" });
    const printed = classifyResponse(K, i);
    expect(printed.category).toBe("PR");
    expect(printed.interpretation.upcrConversion).toBe("printed");
    expect(printed.sensitiveTo).toEqual(["upcrConversion"]);
    expect(printed.assumptions.join(" ")).toMatch(/upcrConversion 'printed'/);
    const exact = classifyResponse(K, i, { interpretation: { upcrConversion: "exact" } });
    expect(exact.category).toBe("CR");
    expect(exact.assumptions.join(" ")).toMatch(/upcrConversion 'exact'/);
  });
  it("a 24-h urine protein is used only with allowProteinuriaSubstitution", () => {
    const i = patient({ upcr0: 2, unit0: "g/24h", upcr: 0.3, unit: "g/24h" });
    expect(cat(i)).toBe("indeterminate");
    expect(cat(i, { allowProteinuriaSubstitution: true })).toBe("CR");
  });
});

describe("KDIGO 2024 criteria object", () => {
  it("is secondary; the unverified DOI is kept out of the citation", () => {
    expect(K.evidence).toBe("secondary");
    expect(K.citation.doi).toBeUndefined();
    expect(K.citation.url).toMatch(/^https:\/\//);
    expect(K.notes.join(" ")).toMatch(/10\.1016\/j\.kint\.2023\.09\.002\) is unverified/);
    expect(K.proteinuriaMeasure).toBe("upcr");
  });
  it("parameters: kidneyFunctionBand ('10' default) and kidneyFunctionMetric ('egfr' default)", () => {
    expect(K.parameters.kidneyFunctionBand?.default).toBe("10");
    expect(Object.keys(K.parameters.kidneyFunctionBand?.readings ?? {})).toEqual(["10", "15"]);
    expect(K.parameters.kidneyFunctionMetric?.default).toBe("egfr");
    expect(Object.keys(K.parameters.kidneyFunctionMetric?.readings ?? {})).toEqual([
      "egfr",
      "creatinine",
    ]);
  });
  it("the issue example is NR and sensitive to the band only", () => {
    const r = classifyResponse(K, {
      baseline: {
        proteinuria: { value: 2.4, unit: "g/g" },
        egfr: { value: 70, unit: GFR },
        serumCreatinine: { value: 80, unit: "umol/L" },
      },
      current: {
        proteinuria: { value: 0.8, unit: "g/g" },
        egfr: { value: 61, unit: GFR },
        serumCreatinine: { value: 90, unit: "umol/L" },
      },
    });
    expect(r.category).toBe("NR");
    expect(r.sensitiveTo).toEqual(["kidneyFunctionBand"]);
    expect(r.robust).toBe(false);
    expect(r.criteria).toMatchObject({ id: "kdigo2024", version: "1.1.0", evidence: "secondary" });
  });
  it("survives a JSON round trip and classifies the same", () => {
    const copy = JSON.parse(JSON.stringify(K));
    expect(copy).toEqual(K);
    for (const i of [
      patient({ upcr: 0.49 }),
      patient({ upcr: 0.5 }),
      patient({ upcr0: 8, upcr: 3 }),
    ])
      expect(classifyResponse(copy, i).category).toBe(cat(i));
  });
});
