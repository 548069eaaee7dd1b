// Boundary cases for EULAR/ERA-EDTA 2012 (Bertsias 2012), Table 1 statement 3.2, written by
// hand from the table's sentences:
// CR: "UPCR <50 mg/mol [sic: mg/mmol]" and "normal or near-normal renal function (within 10% of
//     normal GFR if previously abnormal)"
// PR: "≥50% reduction in proteinuria to subnephrotic levels" and normal or near-normal renal
//     function
// NR (Parikh 2020's reproduction): "<50% reduction in proteinuria, or persistent nephrotic
//     proteinuria; or abnormal GFR (>10% decrease from prior baseline)"
import { describe, expect, it } from "vitest";
import { eular2012 } from "../../src/criteria/eular2012.js";
import { type ClassifyOptions, classifyResponse, type ResponseInput } from "../../src/index.js";

const E = eular2012;
const GFR = "mL/min/1.73m2";

function patient(o: {
  upcr0?: number;
  upcr: number;
  unit?: string;
  unit0?: string;
  egfr0?: number | null;
  egfr?: number;
}): ResponseInput {
  return {
    baseline: {
      proteinuria: { value: o.upcr0 ?? 400, unit: o.unit0 ?? o.unit ?? "mg/mmol" },
      ...(o.egfr0 === null ? {} : { egfr: { value: o.egfr0 ?? 95, unit: GFR } }),
    },
    current: {
      proteinuria: { value: o.upcr, unit: o.unit ?? "mg/mmol" },
      egfr: { value: o.egfr ?? 95, unit: GFR },
    },
  };
}

const cat = (i: ResponseInput, options: ClassifyOptions = {}) =>
  classifyResponse(E, i, options).category;

describe("EULAR 2012 CR: UPCR < 50 mg/mmol", () => {
  it.each([
    [49, "CR"],
    [50, "PR"], // not < 50; 87.5% reduction from 400, below 300 mg/mmol → PR
    [51, "PR"],
  ])("UPCR 400 → %s mg/mmol (eGFR normal) → %s", (upcr, expected) => {
    expect(cat(patient({ upcr }))).toBe(expected);
  });
});

describe("EULAR 2012 PR: ≥ 50% reduction in proteinuria", () => {
  it.each([
    [0.99, "PR"], // 50.5%
    [1, "PR"], // exactly 50%: "≥50%"
    [1.01, "NR"], // 49.5%: "<50% reduction" is NR
  ])("UPCR 2 → %s g/g → %s", (upcr, expected) => {
    expect(cat(patient({ upcr0: 2, upcr, unit: "g/g" }))).toBe(expected);
  });
  it.each([
    [99, "PR"],
    [101, "NR"],
  ])("UPCR 200 → %s mg/mmol → %s", (upcr, expected) => {
    expect(cat(patient({ upcr0: 200, upcr }))).toBe(expected);
  });
  // By hand an exact halving 200 → 100 mg/mmol is a 50% reduction → PR (percent changes keep
  // 10 significant digits, see PERCENT_DIGITS; this once failed by a rounding error).
  it("UPCR 200 → 100 mg/mmol is exactly a 50% reduction → PR", () => {
    expect(cat(patient({ upcr0: 200, upcr: 100 }))).toBe("PR");
  });
});

describe("EULAR 2012 PR: to subnephrotic levels (default: UPCR < 300 mg/mmol)", () => {
  it.each([
    [299, "PR"],
    [300, "NR"], // not below 300: still nephrotic
    [301, "NR"],
  ])("UPCR 800 → %s mg/mmol → %s", (upcr, expected) => {
    expect(cat(patient({ upcr0: 800, upcr }))).toBe(expected);
  });
  it("a persistent nephrotic UPCR carries no gap (the NR wording covers it)", () => {
    expect(classifyResponse(E, patient({ upcr0: 800, upcr: 350 })).gaps).toEqual([]);
  });
});

describe("EULAR 2012 PR: subnephrotic reading '3.5-g-g' (UPCR ≤ 3.5 g/g)", () => {
  const o = { interpretation: { subnephrotic: "3.5-g-g" } };
  it.each([
    [3.49, "PR"],
    [3.5, "PR"], // not above 3.5: subnephrotic
    [3.51, "NR"],
  ])("UPCR 8 → %s g/g → %s", (upcr, expected) => {
    expect(cat(patient({ upcr0: 8, upcr, unit: "g/g" }), o)).toBe(expected);
  });
  it("3.5 g/g (350 mg/mmol as printed) is nephrotic under the default < 300 mg/mmol", () => {
    expect(cat(patient({ upcr0: 8, upcr: 3.5, unit: "g/g" }))).toBe("NR");
    expect(cat(patient({ upcr0: 8, upcr: 2.99, unit: "g/g" }))).toBe("PR"); // 299 mg/mmol
    expect(cat(patient({ upcr0: 8, upcr: 3, unit: "g/g" }))).toBe("NR"); // 300 mg/mmol: not < 300
  });
  it("under upcrConversion 'exact', 3.5 g/g is 395.9 mg/mmol and the cut-off is 2.652 g/g", () => {
    const x: ClassifyOptions = { interpretation: { upcrConversion: "exact" } };
    expect(cat(patient({ upcr0: 8, upcr: 3.5, unit: "g/g" }), x)).toBe("NR");
    expect(cat(patient({ upcr0: 8, upcr: 2.65, unit: "g/g" }), x)).toBe("PR"); // 299.8 mg/mmol
    expect(cat(patient({ upcr0: 8, upcr: 2.66, unit: "g/g" }), x)).toBe("NR"); // 300.9 mg/mmol
  });
});

describe("EULAR 2012 renal function, 'as-printed' with normal GFR 90 (defaults)", () => {
  // previously normal (baseline eGFR 95): current must be normal (≥ 90)
  it.each([
    [89, "NR"],
    [90, "CR"],
    [91, "CR"],
  ])("baseline eGFR 95 → %s, UPCR 400 → 30 → %s", (egfr, expected) => {
    expect(cat(patient({ upcr: 30, egfr0: 95, egfr }))).toBe(expected);
  });
  // previously abnormal (baseline eGFR 70): near-normal = within 10% of 90 = ≥ 81
  it.each([
    [80, "NR"],
    [81, "CR"],
    [82, "CR"],
  ])("baseline eGFR 70 → %s, UPCR 400 → 30 → %s", (egfr, expected) => {
    expect(cat(patient({ upcr: 30, egfr0: 70, egfr }))).toBe(expected);
  });
  it.each([
    [89, "CR"], // baseline 89 is abnormal: near-normal 85 ≥ 81 suffices
    [90, "NR"], // baseline 90 is normal: 85 is not
  ])("baseline eGFR %s → 85 → %s", (egfr0, expected) => {
    expect(cat(patient({ upcr: 30, egfr0, egfr: 85 }))).toBe(expected);
  });
  it("a normal current eGFR needs no baseline eGFR; a near-normal one does", () => {
    expect(cat(patient({ upcr: 30, egfr0: null, egfr: 95 }))).toBe("CR");
    const r = classifyResponse(E, patient({ upcr: 30, egfr0: null, egfr: 85 }));
    expect(r.category).toBe("indeterminate");
    expect(r.missing).toContain("baseline.egfr");
  });
});

describe("EULAR 2012 renal function, other readings", () => {
  it.each([
    [80, "NR"],
    [81, "CR"], // near-normal allowed even though the baseline (95) was normal
    [82, "CR"],
  ])("'near-normal-any': baseline 95 → %s → %s", (egfr, expected) => {
    expect(
      cat(patient({ upcr: 30, egfr0: 95, egfr }), {
        interpretation: { renalFunction: "near-normal-any" },
      }),
    ).toBe(expected);
  });
  it.each([
    [89, "NR"], // 11% fall: ">10% decrease from prior baseline"
    [90, "CR"], // exactly 10%
    [91, "CR"],
  ])("'within-10-of-baseline': baseline 100 → %s → %s", (egfr, expected) => {
    expect(
      cat(patient({ upcr: 30, egfr0: 100, egfr }), {
        interpretation: { renalFunction: "within-10-of-baseline" },
      }),
    ).toBe(expected);
  });
  it("'within-10-of-baseline' accepts a low but stable eGFR (50 → 46)", () => {
    const i = patient({ upcr: 30, egfr0: 50, egfr: 46 });
    expect(cat(i, { interpretation: { renalFunction: "within-10-of-baseline" } })).toBe("CR");
    expect(cat(i)).toBe("NR");
  });
  it.each([
    [70, 59, "NR"], // baseline normal (≥ 60), current not normal
    [70, 60, "CR"],
    [50, 53, "NR"], // baseline abnormal: near-normal is ≥ 54
    [50, 54, "CR"],
  ])("normalGfr '60': baseline %s → %s → %s", (egfr0, egfr, expected) => {
    expect(cat(patient({ upcr: 30, egfr0, egfr }), { interpretation: { normalGfr: "60" } })).toBe(
      expected,
    );
  });
});

describe("EULAR 2012 uncovered region", () => {
  it("PR proteinuria with renal function neither normal nor near-normal is NR with the gap", () => {
    const r = classifyResponse(E, patient({ upcr: 30, egfr0: 95, egfr: 88 }));
    expect(r.category).toBe("NR");
    expect(r.gaps.map((g) => g.id)).toEqual(["proteinuria-responded-gfr-not-near-normal"]);
  });
  it("an NR for too little reduction carries no gap", () => {
    expect(classifyResponse(E, patient({ upcr0: 200, upcr: 150 })).gaps).toEqual([]);
  });
});

describe("EULAR 2012 units: the threshold stays 50 mg/mmol, paired with 0.5 g (upcrConversion)", () => {
  const exact: ClassifyOptions = { interpretation: { upcrConversion: "exact" } };
  it.each([
    [45, "mg/mmol"],
    [0.3978, "g/g"],
    [397.8, "mg/g"],
    [0.3978, "mg/mg"],
  ])("UPCR %s %s → CR under either conversion", (upcr, unit) => {
    expect(cat(patient({ upcr0: 400, unit0: "mg/mmol", upcr, unit }))).toBe("CR");
    expect(cat(patient({ upcr0: 400, unit0: "mg/mmol", upcr, unit }), exact)).toBe("CR");
  });
  it("default 'printed' (the paper pairs 50 mg/mmol with 0.5 g): 0.499 g/g is CR, 0.5 g/g is not", () => {
    expect(cat(patient({ upcr0: 400, unit0: "mg/mmol", upcr: 0.499, unit: "g/g" }))).toBe("CR");
    expect(cat(patient({ upcr0: 400, unit0: "mg/mmol", upcr: 0.5, unit: "g/g" }))).toBe("PR");
    expect(cat(patient({ upcr0: 400, unit0: "mg/mmol", upcr: 499, unit: "mg/g" }))).toBe("CR");
  });
  it("'exact': 0.4420 g/g (49.999 mg/mmol) is CR, 0.4421 g/g (50.01) is not", () => {
    const i = (upcr: number) => patient({ upcr0: 400, unit0: "mg/mmol", upcr, unit: "g/g" });
    expect(cat(i(0.442), exact)).toBe("CR");
    expect(cat(i(0.4421), exact)).toBe("PR");
    expect(cat(i(0.45))).toBe("CR"); // 45 mg/mmol as printed
  });
  it("0.45 g/g: CR as printed (45 mg/mmol, as the abstract's '< 0.5 g/24 h'), not CR exactly (50.9 mg/mmol)", () => {
    const r = classifyResponse(E, patient({ upcr0: 4, upcr: 0.45, unit: "g/g" }));
    expect(r.category).toBe("CR");
    expect(r.sensitiveTo).toContain("upcrConversion");
    expect(r.assumptions.join(" ")).toMatch(/upcrConversion 'printed': .* 1 g\/g = 100 mg\/mmol/);
    expect(cat(patient({ upcr0: 4, upcr: 0.45, unit: "g/g" }), exact)).toBe("PR");
  });
  it("no conversion between families, no conversion assumption", () => {
    expect(classifyResponse(E, patient({ upcr: 30 })).assumptions).toEqual([]);
  });
  it("a baseline in g/g and a current value in mg/mmol: the reduction follows the conversion", () => {
    // printed: 4 g/g = 400 mg/mmol, so 200 mg/mmol is exactly half (≥ 50%) and 226.24 is 43.4%
    expect(cat(patient({ upcr0: 4, unit0: "g/g", upcr: 200, unit: "mg/mmol" }))).toBe("PR");
    expect(cat(patient({ upcr0: 4, unit0: "g/g", upcr: 226.24, unit: "mg/mmol" }))).toBe("NR");
    // exact: 4 g/g = 452.48 mg/mmol; 226.24 mg/mmol is exactly half → ≥ 50%
    const x = patient({ upcr0: 4, unit0: "g/g", upcr: 226.24, unit: "mg/mmol" });
    expect(cat(x, exact)).toBe("PR");
    expect(cat(patient({ upcr0: 4, unit0: "g/g", upcr: 2, unit: "g/g" }))).toBe("PR");
  });
  it("a 24-h urine protein is used only with allowProteinuriaSubstitution", () => {
    const i = patient({ upcr0: 3, unit0: "g/24h", upcr: 0.4, unit: "g/24h" });
    expect(cat(i)).toBe("indeterminate");
    const r = classifyResponse(E, i, { allowProteinuriaSubstitution: true });
    expect(r.category).toBe("CR"); // 0.4 g/g = 40 mg/mmol as printed (45.2 exactly)
    expect(r.notes.join(" ")).toMatch(/allowProteinuriaSubstitution/);
  });
});

describe("EULAR 2012 criteria object", () => {
  it("is unverified (its default needs a number for 'normal GFR' no source gives), cites the DOI and the table", () => {
    expect(E.evidence).toBe("unverified");
    // the BLISS-LN numbers (90, 60) are not EULAR's 'normal GFR' in any source read
    for (const r of Object.values(E.parameters.normalGfr?.readings ?? {}))
      expect(r.evidence).toBe("unverified");
    expect(E.citation.doi).toBe("10.1136/annrheumdis-2012-201940");
    expect(E.locator.section).toMatch(/Table 1/);
    expect(E.proteinuriaMeasure).toBe("upcr");
    expect(E.categories.map((c) => c.name)).toEqual(["CR", "PR"]);
    expect(E.endpoints.map((e) => e.name)).toEqual(["OR"]);
  });
  it("documents its parameters with defaults first and each reading's evidence", () => {
    expect(E.parameters.renalFunction?.default).toBe("as-printed");
    expect(Object.keys(E.parameters.renalFunction?.readings ?? {})).toEqual([
      "as-printed",
      "near-normal-any",
      "within-10-of-baseline",
    ]);
    expect(E.parameters.renalFunction?.readings["within-10-of-baseline"]?.evidence).toBe(
      "secondary",
    );
    expect(E.parameters.normalGfr?.default).toBe("90");
    expect(E.parameters.subnephrotic?.default).toBe("300-mg-mmol");
    for (const r of Object.values(E.parameters.subnephrotic?.readings ?? {}))
      expect(r.evidence).toBe("secondary");
  });
  it("the result names the object, version and evidence; OR is met for CR", () => {
    const r = classifyResponse(E, patient({ upcr: 30 }));
    expect(r.criteria).toMatchObject({ id: "eular2012", version: "1.1.0", evidence: "unverified" });
    expect(r.readingEvidence.normalGfr).toMatchObject({
      reading: "90",
      evidence: "unverified",
      used: true,
    });
    expect(r.endpoints.OR).toBe("met");
    expect(r.alternatives).toHaveLength(23); // 3 × 2 × 2 × 2 − 1
  });
  it("survives a JSON round trip and classifies the same", () => {
    const copy = JSON.parse(JSON.stringify(E));
    expect(copy).toEqual(E);
    for (const i of [
      patient({ upcr: 49 }),
      patient({ upcr: 50 }),
      patient({ upcr0: 200, upcr: 101 }),
    ])
      expect(classifyResponse(copy, i).category).toBe(cat(i));
  });
});
