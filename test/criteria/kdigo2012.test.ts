// Boundary cases for KDIGO 2012 Table 28 as reproduced by Parikh 2020 [V2], written by hand:
// CR: "UPCR falls to ≤0.5 g/g (≤50 mg/mmol)" and "SCr returns to the previous baseline"
// PR: "UPCR falls by >50%"; "if proteinuria was nephrotic-range, also to <3000 mg/g
//     (<300 mg/mmol)"; "SCr stabilizes (±25%) or improves, though not to normal"
// NR: "fails to reach CR or PR"
import { describe, expect, it } from "vitest";
import { kdigo2012 } from "../../src/criteria/kdigo2012.js";
import { type ClassifyOptions, classifyResponse, type ResponseInput } from "../../src/index.js";

const K = kdigo2012;

function patient(o: {
  upcr0?: number;
  upcr: number;
  unit?: string;
  unit0?: string;
  scr0?: number;
  scr?: number;
  sex?: "F" | "M";
  uln?: number;
}): ResponseInput {
  return {
    patient: { sex: o.sex ?? "F" },
    baseline: {
      proteinuria: { value: o.upcr0 ?? 4, unit: o.unit0 ?? o.unit ?? "g/g" },
      serumCreatinine: { value: o.scr0 ?? 80, unit: "umol/L" },
    },
    current: {
      proteinuria: { value: o.upcr, unit: o.unit ?? "g/g" },
      serumCreatinine: { value: o.scr ?? 80, unit: "umol/L" },
      ...(o.uln === undefined
        ? {}
        : { serumCreatinineUpperLimit: { value: o.uln, unit: "umol/L" } }),
    },
  };
}

const cat = (i: ResponseInput, options: ClassifyOptions = {}) =>
  classifyResponse(K, i, options).category;

describe("KDIGO 2012 CR: UPCR ≤ 0.5 g/g (default operator, as reproduced)", () => {
  it.each([
    [0.49, "CR"],
    [0.5, "CR"], // "≤0.5"
    [0.51, "PR"], // 87% fall from 4.0, below 3000 mg/g, creatinine unchanged
  ])("4.0 → %s g/g → %s", (upcr, expected) => {
    expect(cat(patient({ upcr }))).toBe(expected);
  });
  it("0.5 g/g is PR under the '<' reading", () => {
    expect(cat(patient({ upcr: 0.5 }), { interpretation: { crUpcrOperator: "<" } })).toBe("PR");
    expect(cat(patient({ upcr: 0.49 }), { interpretation: { crUpcrOperator: "<" } })).toBe("CR");
  });
});

describe("KDIGO 2012 CR: creatinine returns to the previous baseline (default 'at-or-below-baseline')", () => {
  it.each([
    [79.9, "CR"],
    [80, "CR"], // back at the baseline value
    [80.1, "PR"], // above it: not CR; a 0.1% rise is within PR's ±25%
  ])("sCr 80 → %s µmol/L, UPCR 4.0 → 0.3 → %s", (scr, expected) => {
    expect(cat(patient({ upcr: 0.3, scr }))).toBe(expected);
  });
});

describe("KDIGO 2012 CR: creatinine reading 'normal' (reference interval)", () => {
  const o = { interpretation: { crCreatinine: "normal" } } as const;
  it.each([
    ["F", 91.9, "CR"], // default upper limit for women 91.9 µmol/L
    ["F", 92, "PR"],
    ["M", 119.3, "CR"],
    ["M", 119.4, "PR"],
  ] as const)("%s, sCr %s µmol/L (stable), UPCR 0.3 → %s", (sex, scr, expected) => {
    expect(cat(patient({ upcr: 0.3, sex, scr0: scr, scr }), o)).toBe(expected);
  });
  it("accepts a creatinine above the baseline when it is within the laboratory's interval", () => {
    const i = patient({ upcr: 0.3, scr0: 60, scr: 70, uln: 84 });
    expect(cat(i, o)).toBe("CR");
    expect(cat(i)).toBe("PR"); // default: 70 is above the baseline 60
    expect(classifyResponse(K, i, o).assumptions).toEqual([]);
  });
});

describe("KDIGO 2012 PR: UPCR falls by > 50%", () => {
  it.each([
    [0.99, "PR"], // 50.5%
    [1, "NR"], // exactly 50% is not "> 50%"
    [1.01, "NR"],
  ])("2.0 → %s g/g → %s", (upcr, expected) => {
    expect(cat(patient({ upcr0: 2, upcr }))).toBe(expected);
  });
});

describe("KDIGO 2012 PR: if nephrotic-range, also to < 3000 mg/g", () => {
  it.each([
    [2.99, "PR"], // 62.6% fall from 8.0 and below 3000 mg/g
    [3, "NR"], // 62.5% fall but not < 3000 mg/g
    [3.01, "NR"],
  ])("8.0 → %s g/g → %s", (upcr, expected) => {
    expect(cat(patient({ upcr0: 8, upcr }))).toBe(expected);
  });
  it("the target is given in mg/g and a mg/g input is compared as such", () => {
    expect(cat(patient({ upcr0: 8000, upcr: 2999, unit: "mg/g" }))).toBe("PR");
    expect(cat(patient({ upcr0: 8000, upcr: 3000, unit: "mg/g" }))).toBe("NR");
  });
  it("a baseline below 3000 mg/g needs only the > 50% fall", () => {
    expect(cat(patient({ upcr0: 2.9, upcr: 1.4 }))).toBe("PR");
  });
});

describe("KDIGO 2012 PR: creatinine stabilizes (±25%) or improves", () => {
  it.each([
    [99.9, "PR"],
    [100, "PR"], // +25% exactly
    [100.1, "NR"],
    [40, "PR"], // improvement (−50%) passes; 40 < 80 but UPCR 1.0 > 0.5 → not CR
  ])("sCr 80 → %s µmol/L, UPCR 4.0 → 1.0 → %s", (scr, expected) => {
    expect(cat(patient({ upcr: 1, scr }))).toBe(expected);
  });
});

describe("KDIGO 2012 units: thresholds kept in g/g and mg/g; mg/mmol by upcrConversion", () => {
  it.each([
    [0.5, "g/g", "CR"],
    [500, "mg/g", "CR"],
    [0.5, "mg/mg", "CR"],
    [50, "mg/mmol", "CR"], // the table's pair: ≤ 0.5 g/g (≤ 50 mg/mmol)
    [50.1, "mg/mmol", "PR"], // 0.501 g/g as printed
    [56, "mg/mmol", "PR"], // 0.56 g/g as printed
  ])("printed (default): 4 g/g → %s %s → %s", (upcr, unit, expected) => {
    expect(cat(patient({ upcr0: 4, unit0: "g/g", upcr, unit }))).toBe(expected);
  });
  it.each([
    [56, "mg/mmol", "CR"], // 0.495 g/g
    [50, "mg/mmol", "CR"], // 0.442 g/g
    [57, "mg/mmol", "PR"], // 0.504 g/g: above 0.5 g/g although the paired value is 50 mg/mmol
  ])("exact: 4 g/g → %s %s → %s", (upcr, unit, expected) => {
    const x: ClassifyOptions = { interpretation: { upcrConversion: "exact" } };
    expect(cat(patient({ upcr0: 4, unit0: "g/g", upcr, unit }), x)).toBe(expected);
  });
});

describe("KDIGO 2012 criteria object", () => {
  it("is secondary, with the KDIGO 2012 DOI, and names Parikh 2020 as the text read", () => {
    expect(K.evidence).toBe("secondary");
    expect(K.citation.doi).toBe("10.1038/kisup.2012.25");
    expect(K.locator.section).toMatch(/Parikh 2020/);
    expect(K.notes.join(" ")).toMatch(/primary Table 28 was not read/);
    expect(K.proteinuriaMeasure).toBe("upcr");
  });
  it("parameters: crUpcrOperator ('<=' default) and crCreatinine ('at-or-below-baseline' default)", () => {
    expect(K.parameters.crUpcrOperator?.default).toBe("<=");
    expect(K.parameters.crCreatinine?.default).toBe("at-or-below-baseline");
    expect(K.parameters.crCreatinine?.readings.normal?.evidence).toBe("secondary");
    expect(Object.keys(K.parameters)).toEqual(["crUpcrOperator", "crCreatinine", "upcrConversion"]);
    expect(K.parameters.upcrConversion?.default).toBe("printed");
    expect(K.conversions).toEqual({ upcr: { bind: "upcrConversion" } });
  });
  it("the result carries the object's id, version and evidence", () => {
    const r = classifyResponse(K, patient({ upcr: 0.3 }));
    expect(r.criteria).toMatchObject({ id: "kdigo2012", version: "1.1.0", evidence: "secondary" });
    expect(r.endpoints.OR).toBe("met");
    expect(r.alternatives).toHaveLength(7); // 2 × 2 × 2 − 1
  });
  it("survives a JSON round trip and classifies the same", () => {
    const copy = JSON.parse(JSON.stringify(K));
    expect(copy).toEqual(K);
    for (const i of [
      patient({ upcr: 0.5 }),
      patient({ upcr: 0.51 }),
      patient({ upcr0: 2, upcr: 1 }),
    ])
      expect(classifyResponse(copy, i).category).toBe(cat(i));
  });
});
