// Boundary cases for Kang 2020 (Methods, Outcomes), written by hand from the sentence:
// "CR was defined as a 24 h urine protein < 300 mg, normal counts of urine blood cells or casts,
//  and normal serum creatinine, whereas PR was defined as 24 h urine protein between 300 mg and
//  2000 mg with at least a 50% decrease from the baseline, serum albumin concentration over
//  30 g/L, and serum creatinine increase no more than 25%"
import { describe, expect, it } from "vitest";
import {
  type ClassifyOptions,
  classifyResponse,
  criteria,
  detectFlares,
  flares,
  type PatientRecord,
  type ResponseInput,
} from "../../src/index.js";

const K = criteria.kang2020;

function patient(o: {
  up0?: number;
  up: number;
  scr0?: number;
  scr?: number;
  alb?: number;
  rbc?: number;
  casts?: boolean;
  sex?: "F" | "M";
  uln?: number;
}): ResponseInput {
  return {
    patient: { sex: o.sex ?? "F" },
    baseline: {
      proteinuria: { value: o.up0 ?? 5000, unit: "mg/24h" },
      serumCreatinine: { value: o.scr0 ?? 80, unit: "umol/L" },
    },
    current: {
      proteinuria: { value: o.up, unit: "mg/24h" },
      serumCreatinine: { value: o.scr ?? 80, unit: "umol/L" },
      serumAlbumin: { value: o.alb ?? 35, unit: "g/L" },
      urineSediment: { rbcPerHpf: o.rbc ?? 2, wbcPerHpf: 1, cellularCasts: o.casts ?? false },
      ...(o.uln === undefined
        ? {}
        : { serumCreatinineUpperLimit: { value: o.uln, unit: "umol/L" } }),
    },
  };
}

const cat = (i: ResponseInput, options: ClassifyOptions = {}) =>
  classifyResponse(K, i, options).category;

describe("Kang 2020 CR: 24-h urine protein < 300 mg", () => {
  it.each([
    [299, "CR"],
    [300, "PR"], // not < 300; 94% drop, inside 300–2000 (inclusive default)
    [301, "PR"],
  ])("UP %s mg/24h → %s", (up, expected) => {
    expect(cat(patient({ up }))).toBe(expected);
  });
  it("300 mg is NR under the 'exclusive' reading of 'between 300 mg and 2000 mg'", () => {
    expect(
      cat(patient({ up: 300 }), { interpretation: { prProteinuriaBounds: "exclusive" } }),
    ).toBe("NR");
  });
});

describe("Kang 2020 PR: between 300 mg and 2000 mg", () => {
  it.each([
    [1999, "PR"],
    [2000, "PR"], // inclusive default; 60% drop from 5000
    [2001, "NR"],
  ])("UP %s mg/24h from 5000 → %s (inclusive)", (up, expected) => {
    expect(cat(patient({ up }))).toBe(expected);
  });
  it.each([
    ["exclusive", "NR"],
    ["lower-inclusive", "NR"],
    ["inclusive", "PR"],
  ])("UP 2000 mg/24h under '%s' → %s", (reading, expected) => {
    expect(cat(patient({ up: 2000 }), { interpretation: { prProteinuriaBounds: reading } })).toBe(
      expected,
    );
  });
});

describe("Kang 2020 PR: at least a 50% decrease from baseline", () => {
  it.each([
    [999, "PR"],
    [1000, "PR"], // exactly 50%: "at least"
    [1001, "NR"],
  ])("baseline 2000 → %s mg/24h → %s", (up, expected) => {
    expect(cat(patient({ up0: 2000, up }))).toBe(expected);
  });
});

describe("Kang 2020 PR: serum albumin over 30 g/L", () => {
  it.each([
    [29.9, "NR"],
    [30, "NR"], // "over 30" is strict
    [30.1, "PR"],
  ])("albumin %s g/L → %s", (alb, expected) => {
    expect(cat(patient({ up: 800, alb }))).toBe(expected);
  });
});

describe("Kang 2020 PR: serum creatinine increase no more than 25%", () => {
  it.each([
    [99.9, "PR"],
    [100, "PR"], // +25% exactly
    [100.1, "NR"],
    [40, "PR"], // a fall always passes
  ])("sCr 80 → %s µmol/L → %s", (scr, expected) => {
    expect(cat(patient({ up: 800, scr0: 80, scr }))).toBe(expected);
  });
});

describe("Kang 2020 CR: normal urine sediment", () => {
  it.each([
    [4, "CR"],
    [5, "CR"], // ≤ 5/hpf is normal under ACR 2012 (active is > 5)
    [6, "NR"], // below the PR range but not CR: the gap
  ])("RBC %s/hpf with UP 200 mg → %s", (rbc, expected) => {
    expect(cat(patient({ up: 200, rbc }))).toBe(expected);
  });
  it("5 RBC/hpf is abnormal under the 'strict' (< 5/hpf) reading", () => {
    expect(
      cat(patient({ up: 200, rbc: 5 }), { interpretation: { sedimentCutoff: "strict" } }),
    ).toBe("NR");
  });
  it("cellular casts make the sediment abnormal", () => {
    expect(cat(patient({ up: 200, casts: true }))).toBe("NR");
  });
  it("a laboratory verdict is used when given", () => {
    const i = patient({ up: 200 });
    const withVerdict = { ...i, current: { ...i.current, urineSediment: { normal: false } } };
    expect(cat(withVerdict)).toBe("NR");
  });
});

describe("Kang 2020 CR: normal serum creatinine", () => {
  it.each([
    ["F", 91.9, "CR"], // default upper limit for women 91.9 µmol/L
    ["F", 92, "NR"],
    ["M", 119.3, "CR"], // men 119.3 µmol/L
    ["M", 119.4, "NR"],
  ] as const)("%s with sCr %s µmol/L (baseline same), UP 200 mg → %s", (sex, scr, expected) => {
    expect(cat(patient({ up: 200, sex, scr0: scr, scr }))).toBe(expected);
  });
  it("the laboratory's upper limit overrides the default and no assumption is reported", () => {
    const r = classifyResponse(K, patient({ up: 200, scr0: 85, scr: 85, uln: 84 }));
    expect(r.category).toBe("NR");
    expect(r.assumptions).toEqual([]);
  });
  it("the default upper limit is reported as an assumption", () => {
    const r = classifyResponse(K, patient({ up: 200 }));
    expect(r.category).toBe("CR");
    expect(r.assumptions).toHaveLength(1);
    expect(r.assumptions[0]).toContain("91.9 umol/L");
  });
  it("enzymatic-assay reading: 91 µmol/L in a woman is above 90 → not CR", () => {
    expect(
      cat(patient({ up: 200, scr0: 91, scr: 91 }), {
        interpretation: { creatinineReference: "enzymatic-assay" },
      }),
    ).toBe("NR");
    expect(cat(patient({ up: 200, scr0: 91, scr: 91 }))).toBe("CR");
  });
});

describe("Kang 2020 uncovered region", () => {
  it("UP < 300 mg with active sediment is reported NR with the gap flagged", () => {
    const r = classifyResponse(K, patient({ up: 200, rbc: 20 }));
    expect(r.category).toBe("NR");
    expect(r.gaps.map((g) => g.id)).toEqual(["below-pr-range-not-cr"]);
  });
  it("an ordinary NR (too much proteinuria) carries no gap", () => {
    const r = classifyResponse(K, patient({ up: 2500 }));
    expect(r.category).toBe("NR");
    expect(r.gaps).toEqual([]);
  });
});

describe("Kang 2020 issue example (Table 1 patient 4 baseline, week-12 0.47 g/24h)", () => {
  it("is PR with renal response met", () => {
    const r = classifyResponse(K, {
      patient: { sex: "F", ageYears: 49 },
      baseline: {
        proteinuria: { value: 4.92, unit: "g/24h" },
        serumCreatinine: { value: 63, unit: "umol/L" },
      },
      current: {
        proteinuria: { value: 0.47, unit: "g/24h" },
        serumCreatinine: { value: 63, unit: "umol/L" },
        serumAlbumin: { value: 35, unit: "g/L" },
      },
    });
    expect(r.category).toBe("PR");
    expect(r.endpoints.renalResponse).toBe("met");
    expect(r.criteria).toMatchObject({ id: "kang2020", version: "1.1.1", evidence: "secondary" });
    expect(r.robust).toBe(true);
    expect(r.alternatives).toHaveLength(17); // 3 × 3 × 2 readings − the chosen one
  });
});

// Kang 2020 renal flare, nephritic grade. The research notes' recollection of EULAR/ERA-EDTA 2012
// (clinical-definitions.md §1, [U]): "a reproducible rise in serum creatinine of about ≥30%, or a
// fall in GFR of about ≥10%, together with active urine sediment (a rise in glomerular haematuria
// of about ≥10 RBC/hpf, or cellular casts)". Before kang2020RenalFlare 1.1.0 the sediment was
// "> 5 RBC or WBC/hpf or casts"; the first four cases below were flares then.
describe("Kang 2020 nephritic flare: active sediment as in the research note", () => {
  const F = flares.kang2020RenalFlare;
  const visit = (scr: number, rbc: number, o: { wbc?: number; casts?: boolean } = {}) => ({
    serumCreatinine: { value: scr, unit: "umol/L" },
    urineSediment: { rbcPerHpf: rbc, wbcPerHpf: o.wbc ?? 0, cellularCasts: o.casts ?? false },
  });
  const record = (...labs: ReturnType<typeof visit>[]): PatientRecord => ({
    id: "k",
    patient: { sex: "F" },
    baseline: labs[0] ?? {},
    visits: labs.slice(1).map((l, i) => ({ day: 84 * (i + 1), labs: l })),
  });
  const grades = (r: PatientRecord, o = {}) =>
    detectFlares(F, r, { responseCriteria: criteria.kang2020, ...o }).flares.map((f) => f.grade);
  const to10 = { interpretation: { haematuriaRise: "to-10" } };

  it("is still unverified, with both readings of the haematuria rise unverified", () => {
    expect(F.evidence).toBe("unverified");
    expect(F.parameters.haematuriaRise?.default).toBe("by-10");
    for (const r of Object.values(F.parameters.haematuriaRise?.readings ?? {}))
      expect(r.evidence).toBe("unverified");
  });
  it.each([
    ["RBC 0 → 6/hpf (was '> 5/hpf')", visit(100, 0), visit(130, 6), []],
    ["RBC 20 → 25/hpf: high but a rise of 5", visit(100, 20), visit(130, 25), []],
    [
      "WBC 0 → 20/hpf, RBC unchanged: white cells are not haematuria",
      visit(100, 0),
      visit(130, 0, { wbc: 20 }),
      [],
    ],
    ["RBC 0 → 9/hpf", visit(100, 0), visit(130, 9), []],
    ["RBC 0 → 10/hpf: a rise of 10", visit(100, 0), visit(130, 10), ["nephritic"]],
    ["RBC 20 → 30/hpf: a rise of 10", visit(100, 20), visit(130, 30), ["nephritic"]],
    ["cellular casts, RBC unchanged", visit(100, 2), visit(130, 2, { casts: true }), ["nephritic"]],
    ["creatinine +29.9% with a rise of 10 RBC/hpf", visit(100, 0), visit(129.9, 10), []],
  ])("default 'by-10': %s → %j", (_label, a, b, expected) => {
    expect(grades(record(a, b))).toEqual(expected);
  });
  it.each([
    ["RBC 5 → 10/hpf: risen to 10", visit(100, 5), visit(130, 10), ["nephritic"], []],
    ["RBC 12 → 11/hpf: at 10 or more but not risen", visit(100, 12), visit(130, 11), [], []],
    ["RBC 0 → 9/hpf", visit(100, 0), visit(130, 9), [], []],
  ])("'to-10': %s → %j ('by-10': %j)", (_label, a, b, expectedTo, expectedBy) => {
    expect(grades(record(a, b), to10)).toEqual(expectedTo);
    expect(grades(record(a, b))).toEqual(expectedBy);
  });
  it("the flare is not robust where the two readings differ", () => {
    const r = detectFlares(F, record(visit(100, 5), visit(130, 10)), {
      responseCriteria: criteria.kang2020,
    });
    expect(r.flares).toEqual([]);
    expect(r.robust).toBe(false);
  });
});
