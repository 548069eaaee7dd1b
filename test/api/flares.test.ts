// Flare boundaries written by hand from each source's sentence (see the criteria files' headers).
import { describe, expect, it } from "vitest";
import {
  criteria,
  detectFlares,
  type FlareCriteria,
  flares,
  type LabValues,
  type PatientRecord,
} from "../../src/index.js";

const rec = (baseline: LabValues, ...visits: LabValues[]): PatientRecord => ({
  id: "p",
  patient: { sex: "F" },
  baseline,
  visits: visits.map((labs, i) => ({ day: 90 * (i + 1), labs })),
});
const grade = (def: FlareCriteria, r: PatientRecord, o = {}) =>
  detectFlares(def, r, o).flares.map((f) => f.grade);
const scr = (v: number, unit = "mg/dL") => ({ serumCreatinine: { value: v, unit } });
const upcr = (v: number, unit = "mg/g") => ({ proteinuria: { value: v, unit } });

describe("KDIGO 2012 Table 29", () => {
  const K = flares.kdigo2012Relapse;
  it.each([
    [1.0, 1.19, []], // +0.19 mg/dL: below the moderate band (not graded)
    [1.0, 1.2, ["moderate"]], // +0.20
    [1.0, 2.0, ["moderate"]], // +1.0 exactly: moderate
    [1.0, 2.01, ["severe"]], // > 1.0
    [2.0, 2.39, []], // baseline ≥ 2.0 needs +0.40
    [2.0, 2.4, ["moderate"]],
    [2.0, 3.5, ["moderate"]], // +1.5 exactly
    [2.0, 3.51, ["severe"]],
  ])("creatinine %s → %s mg/dL → %j", (a, b, expected) => {
    expect(grade(K, rec(scr(a), scr(b)))).toEqual(expected);
  });
  it.each([
    [499, 999, []],
    [499, 1000, ["moderate"]], // baseline < 500: to ≥ 1000
    [500, 1999, []],
    [500, 2000, ["moderate"]], // baseline 500–1000: to ≥ 2000
    [1000, 4999, ["moderate"]],
    [1000, 5000, []], // not < 5000 for moderate, not > 5000 for severe: the table's seam
    [1001, 2001, ["moderate"]], // baseline > 1000: ≥ twofold (199.9%…) — 2001/1001 = 199.9% → not twofold
  ])("UPCR %s → %s mg/g → %j", (a, b, expected) => {
    const got = grade(K, rec(upcr(a), upcr(b)));
    if (a === 1001) expect(got).toEqual([]);
    else expect(got).toEqual(expected);
  });
  it("UPCR > 5000 mg/g is severe ('reaches', default); 'rises-by' needs a rise of more than 5000", () => {
    expect(grade(K, rec(upcr(3000), upcr(5001)))).toEqual(["severe"]);
    expect(
      grade(K, rec(upcr(3000), upcr(5001)), { interpretation: { severeUpcr: "rises-by" } }),
    ).toEqual([]);
    expect(
      grade(K, rec(upcr(100), upcr(5101)), { interpretation: { severeUpcr: "rises-by" } }),
    ).toEqual(["severe"]);
  });
  it("UPCR in mg/mmol is converted to the table's mg/g with its own pairing (500 mg/g = 50 mg/mmol)", () => {
    // printed (default): 49 mg/mmol = 490 mg/g (< 500), 100 mg/mmol = 1000 mg/g (≥ 1000)
    expect(grade(K, rec(upcr(49, "mg/mmol"), upcr(100, "mg/mmol")))).toEqual(["moderate"]);
    expect(grade(K, rec(upcr(49, "mg/mmol"), upcr(99.9, "mg/mmol")))).toEqual([]);
    // 56 mg/mmol = 560 mg/g as printed: baseline 500–1000, so 113.2 mg/mmol is no relapse
    expect(grade(K, rec(upcr(56, "mg/mmol"), upcr(113.2, "mg/mmol")))).toEqual([]);
  });
  it("UPCR in mg/mmol under upcrConversion 'exact' (1000 mg/g = 113.12 mg/mmol)", () => {
    // 56 mg/mmol = 495 mg/g (< 500); 113.2 mg/mmol = 1000.7 mg/g (≥ 1000)
    const x = { interpretation: { upcrConversion: "exact" } };
    expect(grade(K, rec(upcr(56, "mg/mmol"), upcr(113.2, "mg/mmol")), x)).toEqual(["moderate"]);
    expect(grade(K, rec(upcr(49, "mg/mmol"), upcr(100, "mg/mmol")), x)).toEqual([]);
  });
  it("mild: haematuria < 5 → > 15 RBC/hpf with ≥ 2 acanthocytes, or casts", () => {
    const sed = (rbc: number, ac: number, casts = false) => ({
      urineSediment: { rbcPerHpf: rbc, acanthocytesPerHpf: ac, cellularCasts: casts },
    });
    expect(grade(K, rec({ ...scr(1), ...sed(4, 0) }, { ...scr(1), ...sed(16, 2) }))).toEqual([
      "mild",
    ]);
    expect(grade(K, rec({ ...scr(1), ...sed(4, 0) }, { ...scr(1), ...sed(15, 2) }))).toEqual([]);
    expect(grade(K, rec({ ...scr(1), ...sed(5, 0) }, { ...scr(1), ...sed(16, 2) }))).toEqual([]);
    expect(grade(K, rec({ ...scr(1), ...sed(4, 0) }, { ...scr(1), ...sed(16, 1) }))).toEqual([]);
    expect(grade(K, rec({ ...scr(1), ...sed(0, 0) }, { ...scr(1), ...sed(0, 0, true) }))).toEqual([
      "mild",
    ]);
  });
  it("a visit with missing data is a possible flare with the missing inputs, not a silent no", () => {
    const r = detectFlares(K, rec(scr(1), {}));
    expect(r.flares).toEqual([]);
    expect(r.possible[0]?.missing).toContain("current.serumCreatinine");
  });
  it("each visit is compared with the previous one", () => {
    // 1.0 → 1.15 (+0.15) → 1.3 (+0.15): no moderate rise at either step
    expect(grade(K, rec(scr(1), scr(1.15), scr(1.3)))).toEqual([]);
  });
});

describe("Moroni 2022", () => {
  const M = flares.moroni2022;
  const labs = (up: number, s: number, rbc = 0) => ({
    proteinuria: { value: up, unit: "g/24h" },
    serumCreatinine: { value: s, unit: "umol/L" },
    urineSediment: { rbcPerHpf: rbc, wbcPerHpf: 0, cellularCasts: false },
  });
  it.each([
    [0.5, 2.49, []], // +1.99 g
    [0.5, 2.5, ["proteinuric"]], // +2.0 g from < 3.5
    [3.5, 6.99, []], // from ≥ 3.5 needs a doubling (199.7%)
    [3.5, 7.0, ["proteinuric"]],
    [3.49, 5.49, ["proteinuric"]], // from < 3.5: +2.0 g
  ])("proteinuria %s → %s g/24h → %j", (a, b, expected) => {
    expect(grade(M, rec(labs(a, 70), labs(b, 70)))).toEqual(expected);
  });
  it.each([
    [100, 129.9, 20, []],
    [100, 130, 20, ["nephritic"]], // +30% with active sediment
    [100, 130, 5, []], // sediment normal (≤ 5/hpf)
  ])("creatinine %s → %s µmol/L, RBC %s/hpf → %j", (a, b, rbc, expected) => {
    expect(grade(M, rec(labs(0.5, a), labs(0.5, b, rbc)))).toEqual(expected);
  });
  it("'without a change in SCr': a +20% rise still allows a proteinuric flare by default, not under 'within-10'", () => {
    const r = rec(labs(0.5, 100), labs(2.6, 120));
    expect(grade(M, r)).toEqual(["proteinuric"]);
    expect(grade(M, r, { interpretation: { creatinineUnchanged: "within-10" } })).toEqual([]);
    expect(detectFlares(M, r).robust).toBe(false);
  });
});

describe("AURORA 2 (after a response)", () => {
  const A = flares.aurora2;
  const labs = (u: number) => ({
    proteinuria: { value: u, unit: "mg/mg" },
    serumCreatinine: { value: 70, unit: "umol/L" },
    serumAlbumin: { value: 40, unit: "g/L" },
    urineSediment: { normal: true },
  });
  const baseline = {
    proteinuria: { value: 3, unit: "mg/mg" },
    serumCreatinine: { value: 70, unit: "umol/L" },
  };
  it("needs response criteria to know a response came first", () => {
    expect(() => detectFlares(A, rec(baseline, labs(0.1)))).toThrow(/responseCriteria/);
  });
  it.each([
    [0.19, 1.01, ["renal"]], // from < 0.2 to > 1
    [0.19, 1.0, []],
    [0.2, 1.5, []], // from 0.2–1.0 needs > 2
    [0.2, 2.01, ["renal"]],
  ])("post-response %s → %s mg/mg → %j", (a, b, expected) => {
    // Zhang 2023 classifies the previous visit (UPCR substituted for 24-h protein): 3 → a ≤ 0.2 is CR.
    const got = detectFlares(A, rec(baseline, labs(a), labs(b)), {
      responseCriteria: criteria.zhang2023,
      allowProteinuriaSubstitution: true,
    });
    expect(got.flares.map((f) => f.grade)).toEqual(expected);
  });
  it("no flare is counted before any response", () => {
    const got = detectFlares(A, rec(baseline, labs(2.5), labs(4)), {
      responseCriteria: criteria.zhang2023,
      allowProteinuriaSubstitution: true,
    });
    expect(got.flares).toEqual([]);
  });
});

describe("Kang 2020 flares", () => {
  it("the renal flare definition is shipped as unverified", () => {
    expect(flares.kang2020RenalFlare.evidence).toBe("unverified");
    const { upcrConversion, ...thresholds } = flares.kang2020RenalFlare.parameters;
    for (const p of Object.values(thresholds)) {
      for (const r of Object.values(p.readings)) expect(r.evidence).toBe("unverified");
    }
    // the printed pairing '> 100 mg/mmol (1 g/g)' is recalled [U]; the exact factor is a constant
    expect(upcrConversion?.readings.printed?.evidence).toBe("unverified");
    expect(upcrConversion?.readings.exact?.evidence).toBe("secondary");
  });
  it("extra-renal flare: a manifestation needing more than 30 mg/day (default)", () => {
    const ev = (mg: number): PatientRecord => ({
      id: "k",
      events: [
        {
          type: "extra-renal-manifestation",
          day: 250,
          detail: "thrombocytopenia",
          prednisoneMgPerDay: mg,
        },
      ],
    });
    expect(grade(flares.kang2020ExtraRenalFlare, ev(30))).toEqual([]);
    expect(grade(flares.kang2020ExtraRenalFlare, ev(30.5))).toEqual(["extra-renal"]);
    expect(
      grade(flares.kang2020ExtraRenalFlare, ev(60), { interpretation: { highDose: ">100" } }),
    ).toEqual([]);
    const noDose: PatientRecord = {
      id: "k",
      events: [{ type: "extra-renal-manifestation", day: 250 }],
    };
    expect(detectFlares(flares.kang2020ExtraRenalFlare, noDose).possible[0]?.missing).toEqual([
      "events[0].prednisoneMgPerDay",
    ]);
  });
  it("proteinuric flare after CR: UPCR above 100 mg/mmol at the visit after a CR", () => {
    const labs = (u: number, unit = "mg/mmol") => ({
      proteinuria: { value: u, unit },
      serumCreatinine: { value: 60, unit: "umol/L" },
      serumAlbumin: { value: 40, unit: "g/L" },
      urineSediment: { normal: true },
    });
    const r = rec(
      { proteinuria: { value: 4, unit: "g/24h" }, serumCreatinine: { value: 60, unit: "umol/L" } },
      { ...labs(0.2, "g/24h") },
      labs(101),
    );
    const got = detectFlares(flares.kang2020RenalFlare, r, { responseCriteria: criteria.kang2020 });
    expect(got.flares.map((f) => [f.day, f.grade])).toEqual([[180, "proteinuric"]]);
  });
});

describe("Kang 2020 nephritic flare: active sediment is a rise of ≥ 10 RBC/hpf or cellular casts", () => {
  const labs = (scr: number, rbc: number) => ({
    serumCreatinine: { value: scr, unit: "umol/L" },
    urineSediment: { rbcPerHpf: rbc, wbcPerHpf: 0, cellularCasts: false },
  });
  it.each([
    [6, []], // a rise of 6 RBC/hpf is not active (it was, as '> 5/hpf', before kang2020RenalFlare 1.1.0)
    [9, []],
    [10, ["nephritic"]],
  ])("creatinine +30%% with RBC 0 → %i/hpf → %j", (rbc, expected) => {
    const got = detectFlares(flares.kang2020RenalFlare, rec(labs(100, 0), labs(130, rbc)), {
      responseCriteria: criteria.kang2020,
    });
    expect(got.flares.map((f) => f.grade)).toEqual(expected);
  });
});

describe("the evidence of the readings used is in every flare result", () => {
  it("KDIGO 2012 relapse (Table 29, read) reports its readings as verified", () => {
    const r = detectFlares(flares.kdigo2012Relapse, { id: "p" });
    expect(r.readingEvidence.upcrConversion).toMatchObject({ reading: "printed", used: true });
    expect(r.readingEvidence.upcrConversion?.evidence).toBe("verified");
    expect(r.criteria.evidence).toBe("verified");
  });

  it("Kang 2020's extra-renal flare threshold (> 30 mg/day) is unverified, and so is the result", () => {
    const r = detectFlares(flares.kang2020ExtraRenalFlare, { id: "p" });
    expect(r.readingEvidence.highDose).toMatchObject({ reading: ">30", evidence: "unverified" });
    expect(r.criteria.evidence).toBe("unverified");
  });
});
