// Boundary cases for the ACR 2006 renal response criteria as reproduced by Parikh 2020 [V2],
// written by hand from the reproduction:
// CR: "UPCR <0.2 g/g; normal SCr, or a 25% improvement in eGFR if abnormal at the flare;
//     inactive sediment"
// PR: "UPCR 0.2–2 g/g; eGFR at baseline or improved 25% if abnormal; inactive sediment"
// NR: "proteinuria unchanged or worse; eGFR falls ≥25%; active sediment"
import { describe, expect, it } from "vitest";
import { acr2006 } from "../../src/criteria/acr2006.js";
import { type ClassifyOptions, classifyResponse, type ResponseInput } from "../../src/index.js";

const A = acr2006;
const GFR = "mL/min/1.73m2";

function patient(o: {
  upcr0?: number;
  upcr: number;
  unit?: string;
  unit0?: string;
  egfr0?: number;
  egfr?: number;
  scr?: number;
  sex?: "F" | "M";
  rbc?: number;
  wbc?: number;
  casts?: boolean;
}): ResponseInput {
  return {
    patient: { sex: o.sex ?? "F" },
    baseline: {
      proteinuria: { value: o.upcr0 ?? 3, unit: o.unit0 ?? o.unit ?? "g/g" },
      egfr: { value: o.egfr0 ?? 100, unit: GFR },
    },
    current: {
      proteinuria: { value: o.upcr, unit: o.unit ?? "g/g" },
      egfr: { value: o.egfr ?? 100, unit: GFR },
      serumCreatinine: { value: o.scr ?? 70, unit: "umol/L" },
      urineSediment: {
        rbcPerHpf: o.rbc ?? 2,
        wbcPerHpf: o.wbc ?? 1,
        cellularCasts: o.casts ?? false,
      },
    },
  };
}

const cat = (i: ResponseInput, options: ClassifyOptions = {}) =>
  classifyResponse(A, i, options).category;
const gaps = (i: ResponseInput, options: ClassifyOptions = {}) =>
  classifyResponse(A, i, options).gaps.map((g) => g.id);

describe("ACR 2006 CR: UPCR < 0.2 g/g", () => {
  it.each([
    [0.19, "CR"],
    [0.2, "PR"], // not < 0.2; inside 0.2–2 (inclusive default)
    [0.21, "PR"],
  ])("3.0 → %s g/g → %s", (upcr, expected) => {
    expect(cat(patient({ upcr }))).toBe(expected);
  });
  it("0.2 g/g is neither CR nor PR under the 'exclusive' reading (gap flagged)", () => {
    const o = { interpretation: { prUpcrBounds: "exclusive" } };
    expect(cat(patient({ upcr: 0.2 }), o)).toBe("NR");
    expect(gaps(patient({ upcr: 0.2 }), o)).toEqual(["below-pr-range-not-cr"]);
  });
});

describe("ACR 2006 PR: UPCR 0.2–2 g/g", () => {
  it.each([
    [1.99, "PR"],
    [2, "PR"], // inclusive default
    [2.01, "NR"],
  ])("3.0 → %s g/g → %s", (upcr, expected) => {
    expect(cat(patient({ upcr }))).toBe(expected);
  });
  it.each([
    ["inclusive", "PR"],
    ["lower-inclusive", "NR"],
    ["exclusive", "NR"],
  ])("2.0 g/g under '%s' → %s", (reading, expected) => {
    expect(cat(patient({ upcr: 2 }), { interpretation: { prUpcrBounds: reading } })).toBe(expected);
  });
  it("above 2 g/g but lower than at baseline is NR with a gap (not 'unchanged or worse')", () => {
    expect(gaps(patient({ upcr: 2.01 }))).toEqual(["improved-above-pr-range"]);
    expect(gaps(patient({ upcr: 3.5 }))).toEqual([]); // worse: NR by the NR wording
  });
});

describe("ACR 2006 CR: normal serum creatinine, or eGFR improved by 25%", () => {
  it.each([
    [91.9, "CR"], // default upper limit for women 91.9 µmol/L
    [92, "NR"], // not normal, eGFR unchanged; below the PR range → NR with gap
  ])("F, sCr %s µmol/L, UPCR 0.1 → %s", (scr, expected) => {
    expect(cat(patient({ upcr: 0.1, scr }))).toBe(expected);
  });
  it.each([
    [49.9, "NR"],
    [50, "CR"], // +25% from 40
    [50.1, "CR"],
  ])("abnormal sCr 150 µmol/L, eGFR 40 → %s → %s", (egfr, expected) => {
    expect(cat(patient({ upcr: 0.1, scr: 150, egfr0: 40, egfr }))).toBe(expected);
  });
  it("UPCR below 0.2 with an abnormal creatinine and no 25% eGFR gain is NR with the gap", () => {
    expect(gaps(patient({ upcr: 0.1, scr: 150, egfr0: 40, egfr: 45 }))).toEqual([
      "below-pr-range-not-cr",
    ]);
  });
  it("enzymatic-assay reading: 91 µmol/L in a woman is above 90", () => {
    const i = patient({ upcr: 0.1, scr: 91 });
    expect(cat(i)).toBe("CR");
    expect(cat(i, { interpretation: { creatinineReference: "enzymatic-assay" } })).toBe("NR");
  });
});

describe("ACR 2006 PR kidney function, default 'stable-within-25'", () => {
  it.each([
    [75.1, "PR"], // fell 24.9%
    [75, "NR"], // fell 25%: "eGFR falls ≥25%" is NR
    [74.9, "NR"],
  ])("eGFR 100 → %s, UPCR 3.0 → 1.0 → %s", (egfr, expected) => {
    expect(cat(patient({ upcr: 1, egfr }))).toBe(expected);
  });
  it("an eGFR fall of 25% is NR by the NR wording: no gap", () => {
    expect(gaps(patient({ upcr: 1, egfr: 75 }))).toEqual([]);
  });
});

describe("ACR 2006 PR kidney function, readings 'no-fall' and 'literal'", () => {
  const noFall = { interpretation: { prKidneyFunction: "no-fall" } };
  const literal = { interpretation: { prKidneyFunction: "literal" } };
  it.each([
    [99.9, "NR"],
    [100, "PR"], // "eGFR at baseline"
    [100.1, "PR"],
  ])("'no-fall': eGFR 100 → %s → %s", (egfr, expected) => {
    expect(cat(patient({ upcr: 1, egfr }), noFall)).toBe(expected);
  });
  it("'no-fall': a fall of less than 25% is NR with the gap", () => {
    expect(gaps(patient({ upcr: 1, egfr: 90 }), noFall)).toEqual([
      "kidney-function-between-pr-and-nr",
    ]);
  });
  it.each([
    [90, 90, "PR"], // normal at baseline (≥ 90): at baseline
    [90, 89.9, "NR"],
    [80, 99.9, "NR"], // abnormal at baseline: needs +25% = 100
    [80, 100, "PR"],
  ])("'literal': eGFR %s → %s → %s", (egfr0, egfr, expected) => {
    expect(cat(patient({ upcr: 1, egfr0, egfr }), literal)).toBe(expected);
  });
});

describe("ACR 2006 inactive sediment", () => {
  it.each([
    [5, 1, false, "CR"], // ≤ 5/hpf is inactive (ACR 2012: active is > 5)
    [6, 1, false, "NR"],
    [2, 6, false, "NR"],
    [2, 1, true, "NR"],
  ])("RBC %s, WBC %s, casts %s, UPCR 0.1 → %s", (rbc, wbc, casts, expected) => {
    expect(cat(patient({ upcr: 0.1, rbc, wbc, casts }))).toBe(expected);
  });
  it("active sediment is NR by the NR wording: no gap", () => {
    expect(gaps(patient({ upcr: 0.1, rbc: 6 }))).toEqual([]);
    expect(gaps(patient({ upcr: 1, rbc: 6 }))).toEqual([]);
  });
  it("5 RBC/hpf is active under the 'strict' (< 5/hpf) reading", () => {
    expect(
      cat(patient({ upcr: 0.1, rbc: 5 }), { interpretation: { sedimentCutoff: "strict" } }),
    ).toBe("NR");
  });
  it("PR also needs an inactive sediment", () => {
    expect(cat(patient({ upcr: 1, rbc: 5 }))).toBe("PR");
    expect(cat(patient({ upcr: 1, rbc: 6 }))).toBe("NR");
  });
});

describe("ACR 2006 units: thresholds in g/g, other units converted exactly", () => {
  it.each([
    [0.19, "g/g", "CR"],
    [190, "mg/g", "CR"],
    [0.19, "mg/mg", "CR"],
    [21.4, "mg/mmol", "CR"], // 0.189 g/g
    [22.7, "mg/mmol", "PR"], // 0.2007 g/g
    [2000, "mg/g", "PR"],
    [226, "mg/mmol", "PR"], // 1.998 g/g
    [227, "mg/mmol", "NR"], // 2.007 g/g
  ])("3 g/g → %s %s → %s", (upcr, unit, expected) => {
    expect(cat(patient({ upcr0: 3, unit0: "g/g", upcr, unit }))).toBe(expected);
  });
});

describe("ACR 2006 criteria object", () => {
  it("is secondary and cites Parikh 2020 (the text read) with its DOI", () => {
    expect(A.evidence).toBe("secondary");
    expect(A.citation.doi).toBe("10.1053/j.ajkd.2019.10.017");
    expect(A.citation.short).toMatch(/Parikh 2020/);
    expect(A.notes.join(" ")).toMatch(/was not read/);
    expect(A.proteinuriaMeasure).toBe("upcr");
  });
  it("documents its parameters, defaults first", () => {
    expect(Object.keys(A.parameters)).toEqual([
      "prUpcrBounds",
      "prKidneyFunction",
      "sedimentCutoff",
      "creatinineReference",
    ]);
    expect(A.parameters.prUpcrBounds?.default).toBe("inclusive");
    expect(A.parameters.prKidneyFunction?.default).toBe("stable-within-25");
    expect(A.parameters.sedimentCutoff?.default).toBe("acr2012");
    expect(A.parameters.creatinineReference?.default).toBe("mayo-clinic");
    for (const r of Object.values(A.parameters.sedimentCutoff?.readings ?? {}))
      expect(r.evidence).toBe("secondary");
    // the shared creatinine reference: Mayo and enzymatic-assay secondary, WS/T 404.5 third-party
    expect(
      Object.fromEntries(
        Object.entries(A.parameters.creatinineReference?.readings ?? {}).map(([k, r]) => [
          k,
          r.evidence,
        ]),
      ),
    ).toEqual({
      "mayo-clinic": "secondary",
      "enzymatic-assay": "secondary",
      "china-ws-t-404.5": "third-party",
    });
    // 'literal' takes 90 mL/min/1.73 m² as the limit of a normal eGFR: no source read says so
    expect(A.parameters.prKidneyFunction?.readings.literal?.evidence).toBe("unverified");
  });
  it("declares three gaps", () => {
    expect(A.gaps.map((g) => g.id)).toEqual([
      "below-pr-range-not-cr",
      "improved-above-pr-range",
      "kidney-function-between-pr-and-nr",
    ]);
  });
  it("the result carries id, version, evidence; OR met for PR", () => {
    const r = classifyResponse(A, patient({ upcr: 0.9, egfr0: 88, egfr: 84 }));
    expect(r.category).toBe("PR");
    expect(r.endpoints.OR).toBe("met");
    expect(r.criteria).toMatchObject({ id: "acr2006", version: "1.1.1", evidence: "secondary" });
    expect(r.alternatives).toHaveLength(53); // 3 × 3 × 2 × 3 − 1
  });
  it("survives a JSON round trip and classifies the same", () => {
    const copy = JSON.parse(JSON.stringify(A));
    expect(copy).toEqual(A);
    for (const i of [
      patient({ upcr: 0.19 }),
      patient({ upcr: 2.01 }),
      patient({ upcr: 1, egfr: 75 }),
    ])
      expect(classifyResponse(copy, i).category).toBe(cat(i));
  });
});
