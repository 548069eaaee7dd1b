// Boundary cases for the EULAR/ERA-EDTA 2019 update (Fanouriakis 2020), written by hand from:
// abstract: "The target of therapy is complete response (proteinuria <0.5–0.7 g/24 hours with
//   (near-)normal glomerular filtration rate) by 12 months"
// evidence review (Kostopoulou 2020): "Treatment should aim for at least 25% reduction in
//   proteinuria at 3 months, 50% at 6 months and complete renal response (<500–700 mg/day) at
//   12 months"
// full text, third-party transcription [V3]: complete renal remission = proteinuria <500 mg/24 h
//   and serum creatinine within 10% of baseline
import { describe, expect, it } from "vitest";
import { eular2019 } from "../../src/criteria/eular2019.js";
import { type ClassifyOptions, classifyResponse, type ResponseInput } from "../../src/index.js";

const E = eular2019;
const GFR = "mL/min/1.73m2";

function patient(o: {
  up0?: number;
  up: number;
  unit?: string;
  scr0?: number;
  scr?: number;
  egfr0?: number;
  egfr?: number;
}): ResponseInput {
  return {
    baseline: {
      proteinuria: { value: o.up0 ?? 3, unit: o.unit ?? "g/24h" },
      serumCreatinine: { value: o.scr0 ?? 80, unit: "umol/L" },
      ...(o.egfr0 === undefined ? {} : { egfr: { value: o.egfr0, unit: GFR } }),
    },
    current: {
      proteinuria: { value: o.up, unit: o.unit ?? "g/24h" },
      serumCreatinine: { value: o.scr ?? 80, unit: "umol/L" },
      ...(o.egfr === undefined ? {} : { egfr: { value: o.egfr, unit: GFR } }),
    },
  };
}

const cat = (i: ResponseInput, options: ClassifyOptions = {}) =>
  classifyResponse(E, i, options).category;

describe("EULAR 2019 CR: proteinuria < 0.5 g/24 h (default reading)", () => {
  it.each([
    [0.49, "CR"],
    [0.5, "PR"], // not < 0.5; 83% reduction from 3.0 → PR
    [0.51, "PR"],
  ])("3.0 → %s g/24h → %s", (up, expected) => {
    expect(cat(patient({ up }))).toBe(expected);
  });
});

describe("EULAR 2019 CR: proteinuria < 0.7 g/24 h (reading '0.7')", () => {
  const o = { interpretation: { crProteinuriaCutoff: "0.7" } };
  it.each([
    [0.69, "CR"],
    [0.7, "PR"],
    [0.71, "PR"],
  ])("3.0 → %s g/24h → %s", (up, expected) => {
    expect(cat(patient({ up }), o)).toBe(expected);
  });
});

describe("EULAR 2019 PR: the 6-month milestone, 50% reduction", () => {
  it.each([
    [0.99, "PR"],
    [1, "PR"], // exactly 50%: read as at least 50%
    [1.01, "NR"],
  ])("2.0 → %s g/24h → %s", (up, expected) => {
    expect(cat(patient({ up0: 2, up }))).toBe(expected);
  });
});

describe("EULAR 2019 kidney function, default 'scr-rise-at-most-10' (creatinine within 10% of baseline)", () => {
  it.each([
    [87.9, "CR"],
    [88, "CR"], // +10% exactly: within 10%
    [88.1, "NR"], // PR also needs kidney function kept (default) → NR
    [60, "CR"], // a fall (improvement) passes
  ])("sCr 80 → %s µmol/L, UP 3.0 → 0.3 → %s", (scr, expected) => {
    expect(cat(patient({ up: 0.3, scr }))).toBe(expected);
  });
});

describe("EULAR 2019 kidney function, reading 'scr-within-10' (±10%, as transcribed)", () => {
  const o = { interpretation: { kidneyFunction: "scr-within-10" } };
  it.each([
    [71.9, "NR"], // −10.1%
    [72, "CR"], // −10%
    [88, "CR"], // +10%
    [88.1, "NR"],
  ])("sCr 80 → %s µmol/L → %s", (scr, expected) => {
    expect(cat(patient({ up: 0.3, scr }), o)).toBe(expected);
  });
});

describe("EULAR 2019 kidney function, reading 'egfr-near-normal' (the 2012 rule)", () => {
  const o = { interpretation: { kidneyFunction: "egfr-near-normal" } };
  it.each([
    [95, 89, "NR"], // normal before: must stay ≥ 90
    [95, 90, "CR"],
    [80, 80, "NR"], // abnormal before: near-normal is ≥ 81
    [80, 81, "CR"],
  ])("eGFR %s → %s → %s", (egfr0, egfr, expected) => {
    expect(cat(patient({ up: 0.3, egfr0, egfr }), o)).toBe(expected);
  });
  it("does not read serum creatinine", () => {
    expect(cat(patient({ up: 0.3, scr: 200, egfr0: 95, egfr: 95 }), o)).toBe("CR");
  });
});

describe("EULAR 2019 PR kidney function: 'required' (default) or 'not-required'", () => {
  const i = patient({ up: 1, scr: 96 }); // 67% reduction; creatinine +20%
  it("a halved proteinuria with creatinine +20% is NR by default", () => {
    expect(cat(i)).toBe("NR");
  });
  it("…and PR when the milestone alone counts", () => {
    expect(cat(i, { interpretation: { prKidneyFunction: "not-required" } })).toBe("PR");
  });
  it("the 'not-required' reading does not loosen CR", () => {
    const j = patient({ up: 0.3, scr: 96 });
    expect(cat(j, { interpretation: { prKidneyFunction: "not-required" } })).toBe("PR");
  });
});

describe("EULAR 2019 milestones (end points)", () => {
  const ep = (up: number, name: string) =>
    classifyResponse(E, patient({ up0: 4, up })).endpoints[name];
  it.each([
    [2.99, "met"],
    [3, "met"], // exactly 25%: "at least 25%"
    [3.01, "not-met"],
  ])("3-month: 4.0 → %s g/24h → %s", (up, expected) => {
    expect(ep(up, "milestone3m")).toBe(expected);
  });
  it.each([
    [1.99, "met"],
    [2, "met"], // exactly 50%
    [2.01, "not-met"],
  ])("6-month: 4.0 → %s g/24h → %s", (up, expected) => {
    expect(ep(up, "milestone6m")).toBe(expected);
  });
  it.each([
    [0.49, "met"],
    [0.5, "not-met"],
  ])("12-month target (CR): 4.0 → %s g/24h → %s", (up, expected) => {
    expect(ep(up, "target12m")).toBe(expected);
  });
  it("OR is CR or PR", () => {
    expect(ep(1.5, "OR")).toBe("met");
    expect(ep(2.5, "OR")).toBe("not-met");
  });
});

describe("EULAR 2019 units", () => {
  it.each([
    [490, "mg/24h", "CR"],
    [0.49, "g/24h", "CR"],
    [500, "mg/24h", "PR"],
    [0.5, "g/24h", "PR"],
  ])("%s %s (baseline 3 g/24h in the same unit) → %s", (up, unit, expected) => {
    const up0 = unit === "mg/24h" ? 3000 : 3;
    expect(cat(patient({ up0, up, unit }))).toBe(expected);
  });
  it("a UPCR is used only with allowProteinuriaSubstitution, whatever its unit", () => {
    const gg = patient({ up0: 3, up: 0.4, unit: "g/g" });
    const mgmg = patient({ up0: 3, up: 0.4, unit: "mg/mg" });
    expect(cat(gg)).toBe("indeterminate");
    const o = { allowProteinuriaSubstitution: true };
    expect(cat(gg, o)).toBe("CR");
    expect(cat(mgmg, o)).toBe("CR");
  });
});

describe("EULAR 2019 criteria object", () => {
  it("is third-party (the default creatinine clause), with the DOI of the update", () => {
    expect(E.evidence).toBe("third-party");
    expect(E.citation.doi).toBe("10.1136/annrheumdis-2020-216924");
    expect(E.proteinuriaMeasure).toBe("proteinuria24h");
    expect(E.notes.join(" ")).toMatch(/third-party/);
  });
  it("kidneyFunction readings carry their evidence; the default is third-party", () => {
    const p = E.parameters.kidneyFunction;
    expect(p?.default).toBe("scr-rise-at-most-10");
    expect(p?.readings["scr-rise-at-most-10"]?.evidence).toBe("third-party");
    expect(p?.readings["scr-within-10"]?.evidence).toBe("third-party");
    // EULAR 2012's rule, but 90 mL/min/1.73 m² as 'normal GFR' is given by no source read
    expect(p?.readings["egfr-near-normal"]?.evidence).toBe("unverified");
    expect(E.parameters.crProteinuriaCutoff?.default).toBe("0.5");
    expect(E.parameters.prKidneyFunction?.default).toBe("required");
  });
  it("has the milestone end points and a 3/6/12-month schedule", () => {
    expect(E.endpoints.map((e) => e.name)).toEqual([
      "OR",
      "milestone3m",
      "milestone6m",
      "target12m",
    ]);
    expect(E.schedule?.timepoints.map((t) => t.day)).toEqual([91, 183, 365]);
  });
  it("the issue example: PR, robust to nothing but the cut-off and kidney-function readings", () => {
    const r = classifyResponse(E, patient({ up0: 3.2, up: 0.6, scr: 84 }));
    expect(r.category).toBe("PR");
    expect(r.criteria).toMatchObject({
      id: "eular2019",
      version: "1.0.1",
      evidence: "third-party",
    });
    expect(r.alternatives).toHaveLength(11); // 2 × 3 × 2 − 1
    expect(r.sensitiveTo).toContain("crProteinuriaCutoff");
  });
  it("survives a JSON round trip and classifies the same", () => {
    const copy = JSON.parse(JSON.stringify(E));
    expect(copy).toEqual(E);
    for (const i of [patient({ up: 0.49 }), patient({ up: 0.5 }), patient({ up0: 2, up: 1.01 })])
      expect(classifyResponse(copy, i).category).toBe(cat(i));
  });
});
