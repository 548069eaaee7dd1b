import { describe, expect, it } from "vitest";
import { cohensKappa, compareCriteria } from "../../src/analysis/compare.js";
import { criteria, type PatientRecord, withOptions } from "../../src/index.js";

const patient = (up: number) => ({
  patient: { sex: "F" as const },
  baseline: {
    proteinuria: { value: 4, unit: "g/24h" },
    serumCreatinine: { value: 70, unit: "umol/L" },
  },
  current: {
    proteinuria: { value: up, unit: "g/24h" },
    serumCreatinine: { value: 72, unit: "umol/L" },
    serumAlbumin: { value: 36, unit: "g/L" },
    urineSediment: { normal: true },
  },
});

describe("compareCriteria on assessments", () => {
  it("0.4 g/day: Zhang CR (< 0.5 g) but Kang PR (not < 300 mg), with the separating clause", () => {
    const c = compareCriteria([patient(0.4)], [criteria.zhang2023, criteria.kang2020]);
    expect(c.rows[0]?.categories).toEqual({ zhang2023: "CR", kang2020: "PR" });
    expect(c.rows[0]?.disagreements[0]?.separating).toEqual([
      "kang2020: 24-h urine protein 400 mg/24h (entered as 0.4 g/24h) is not below 300 mg/24h: not met (Kang 2020, Methods, Outcomes).",
    ]);
  });
  it("0.2 g/day: both CR, no disagreement", () => {
    const c = compareCriteria([patient(0.2)], [criteria.zhang2023, criteria.kang2020]);
    expect(c.rows[0]?.disagreements).toEqual([]);
  });
  it("agreement over several assessments (kappa by hand)", () => {
    // 0.2 → CR/CR; 0.4 → CR/PR; 1.5 → PR/PR (62.5% drop, < 3 g; Kang 1500 mg ≤ 2000, ≥ 50%); 3.2 → NR/NR
    const c = compareCriteria([0.2, 0.4, 1.5, 3.2].map(patient), [
      criteria.zhang2023,
      criteria.kang2020,
    ]);
    expect(c.rows.map((r) => [r.categories.zhang2023, r.categories.kang2020])).toEqual([
      ["CR", "CR"],
      ["CR", "PR"],
      ["PR", "PR"],
      ["NR", "NR"],
    ]);
    // po = 3/4; pA = {CR 2, PR 1, NR 1}/4, pB = {CR 1, PR 2, NR 1}/4; pe = (2·1 + 1·2 + 1·1)/16 = 5/16
    // kappa = (0.75 − 0.3125) / (1 − 0.3125) = 0.636363…
    expect(c.agreement[0]?.n).toBe(4);
    expect(c.agreement[0]?.kappa).toBeCloseTo(0.6363636, 6);
  });
});

const rec = (id: string, up: number): PatientRecord => {
  const p = patient(up);
  return {
    id,
    patient: p.patient,
    baseline: p.baseline,
    visits: [{ day: 168, labs: p.current }],
  };
};

describe("compareCriteria on records", () => {
  it("needs time points", () => {
    expect(() => compareCriteria([rec("a", 0.4)], [criteria.zhang2023])).toThrow(/timepoints/);
  });
  it("classifies each record at each time point and summarises each cohort", () => {
    const c = compareCriteria(
      [rec("a", 0.4), rec("b", 3.2)],
      [criteria.zhang2023, criteria.kang2020],
      {
        timepoints: [{ label: "week 24", day: 168, windowDays: 28 }],
      },
    );
    expect(c.rows.map((r) => [r.id, r.timepoint, r.categories])).toEqual([
      ["a", "week 24", { zhang2023: "CR", kang2020: "PR" }],
      ["b", "week 24", { zhang2023: "NR", kang2020: "NR" }],
    ]);
    expect(c.cohorts?.zhang2023?.timepoints[0]?.rates.CR.count).toBe(1);
    expect(c.cohorts?.kang2020?.timepoints[0]?.rates.PR.count).toBe(1);
  });
});

describe("compareCriteria validates each record once", () => {
  // A record whose `visits` is a getter counts how often the record is read. zod's parse copies
  // what it reads, so the count is the number of times the record was validated: the same with
  // one definition as with three (it was 1 + definitions × (time points + 1) before).
  const counted = () => {
    const r = rec("a", 0.4);
    let reads = 0;
    const { visits, ...rest } = r;
    const out = { ...rest };
    Object.defineProperty(out, "visits", {
      enumerable: true,
      get() {
        reads += 1;
        return visits;
      },
    });
    return { record: out, reads: () => reads };
  };
  const timepoints = [
    { label: "week 12", day: 84, windowDays: 28 },
    { label: "week 24", day: 168, windowDays: 28 },
  ];
  it("the number of reads does not grow with the definitions compared", () => {
    const one = counted();
    compareCriteria([one.record], [criteria.zhang2023], { timepoints });
    const three = counted();
    const c = compareCriteria(
      [three.record],
      [criteria.zhang2023, criteria.kang2020, criteria.kdigo2012],
      { timepoints },
    );
    expect(one.reads()).toBeGreaterThan(0);
    expect(three.reads()).toBe(one.reads());
    // The same categories as for a plain copy of the record (week 24: Zhang CR, Kang PR).
    expect(c.rows.find((r) => r.timepoint === "week 24")?.categories).toMatchObject({
      zhang2023: "CR",
      kang2020: "PR",
    });
  });
});

describe("Cohen's kappa", () => {
  it("perfect agreement is 1; none decided is null", () => {
    expect(
      cohensKappa([
        ["CR", "CR"],
        ["NR", "NR"],
      ]).kappa,
    ).toBe(1);
    expect(cohensKappa([]).kappa).toBeNull();
    expect(
      cohensKappa([
        ["NR", "NR"],
        ["NR", "NR"],
      ]).kappa,
    ).toBeNull(); // chance agreement 1
  });
});

describe("compareCriteria counts the clauses that separate two definitions", () => {
  // A hand-checked cohort under Zhang 2023 (defaults: CR < 0.5 g/day with a creatinine rise of
  // at most 25%; PR a fall of more than 50%, < 3 g/day after a baseline above 3.5 g/day, albumin
  // ≥ 30 g/L) and Kang 2020 (defaults: CR < 300 mg/24h with normal sediment and creatinine; PR
  // 300–2000 mg/24h inclusive, a fall of at least 50%, albumin above 30 g/L, creatinine rise at
  // most 25%). Every patient: a woman, 4 g/day and 70 µmol/L at baseline, 72 µmol/L (+2.9%) at
  // each visit, albumin 36 g/L unless said otherwise, urine sediment not given unless said.
  const visit = (day: number, up: number, extra: Record<string, unknown> = {}) => {
    const { urineSediment: _, ...labs } = patient(up).current;
    return { day, labs: { ...labs, ...extra } };
  };
  const person = (id: string, visits: ReturnType<typeof visit>[]): PatientRecord => ({
    id,
    patient: { sex: "F" },
    baseline: patient(0).baseline,
    visits,
  });
  const W12 = { label: "week 12", day: 84, windowDays: 28 };
  const W24 = { label: "week 24", day: 168, windowDays: 28 };
  const cohort: PatientRecord[] = [
    // A: 0.4 g/day at both visits. Zhang CR (0.4 < 0.5). Kang not CR (400 mg is not below 300;
    // the sediment, not given, cannot change that), PR (400 in 300–2000, −90%, albumin 36).
    person("A", [visit(84, 0.4), visit(168, 0.4)]),
    // B: week 12 1.5 g/day, PR under both (−62.5%; < 3 g; 1500 mg in range). Week 24 0.45 g/day:
    // Zhang CR (0.45 < 0.5), Kang PR (450 mg not below 300; in range, −88.75%).
    person("B", [visit(84, 1.5), visit(168, 0.45)]),
    // C: week 24 only, 2 g/day, a fall of exactly 50%: Zhang NR (not more than 50%; its target
    // after a nephrotic baseline, < 3 g, is met, and '≤ 1 g' does not apply), Kang PR (2000 mg ≤
    // 2000, a fall of at least 50%). Week 12: no visit, missing under both (no disagreement).
    person("C", [visit(168, 2)]),
    // D: week 12 1.5 g/day with albumin exactly 30 g/L: Zhang PR (≥ 30), Kang NR (not above 30).
    // Week 24 0.2 g/day, sediment not given: Zhang CR; Kang CR unknown (sediment) and PR not met
    // (200 mg is below 300): indeterminate.
    person("D", [visit(84, 1.5, { serumAlbumin: { value: 30, unit: "g/L" } }), visit(168, 0.2)]),
    // E: 3.2 g/day at week 24 (−20%, 3200 mg above 2000): NR under both.
    person("E", [visit(168, 3.2)]),
  ];

  it("per pair and direction: the clause, its subjects and its assessments", () => {
    const c = compareCriteria(cohort, [criteria.zhang2023, criteria.kang2020], {
      timepoints: [W12, W24],
    });
    expect(c.rows.map((r) => `${r.id} ${r.timepoint}: ${Object.values(r.categories)}`)).toEqual([
      "A week 12: CR,PR",
      "A week 24: CR,PR",
      "B week 12: PR,PR",
      "B week 24: CR,PR",
      "C week 12: missing,missing",
      "C week 24: NR,PR",
      "D week 12: PR,NR",
      "D week 24: CR,indeterminate",
      "E week 12: missing,missing",
      "E week 24: NR,NR",
    ]);
    const pair = { a: "zhang2023", b: "kang2020" };
    expect(c.separatingClauses).toEqual([
      {
        ...pair,
        categoryA: "CR",
        categoryB: "PR",
        criteria: "kang2020",
        clause: "cr-up",
        truth: "not-met",
        label: "kang2020: 24-h urine protein below 300 mg/24h",
        subjects: 2, // A and B
        assessments: 3, // A twice, B at week 24
      },
      {
        ...pair,
        categoryA: "CR",
        categoryB: "indeterminate",
        criteria: "kang2020",
        clause: "cr-sediment",
        truth: "unknown",
        label: "kang2020: urine sediment (blood cells, casts) normal",
        subjects: 1,
        assessments: 1,
      },
      {
        ...pair,
        categoryA: "PR",
        categoryB: "NR",
        criteria: "kang2020",
        clause: "pr-albumin",
        truth: "not-met",
        label: "kang2020: serum albumin above 30 g/L",
        subjects: 1,
        assessments: 1,
      },
      {
        ...pair,
        categoryA: "NR",
        categoryB: "PR",
        criteria: "zhang2023",
        clause: "pr-up-drop-50",
        truth: "not-met",
        label: "zhang2023: decrease in 24-h urine protein from baseline above 50%",
        subjects: 1,
        assessments: 1,
      },
    ]);
    // The tally counts the rows' sentences: C's names only the 50% fall, not the '≤ 1 g/day'
    // target of a non-nephrotic baseline (C's baseline, 4 g/day, is nephrotic).
    const cRow = c.rows.find((r) => r.id === "C" && r.timepoint === "week 24");
    expect(cRow?.disagreements[0]?.separating).toEqual([
      "zhang2023: decrease in 24-h urine protein from baseline 50% (from 4 g/24h to 2 g/24h) is not above 50%: not met (Zhang 2023, §2.4 Response criteria).",
    ]);
    // A's Kang CR is not met whatever the sediment: only the protein clause separates.
    expect(c.rows[0]?.disagreements[0]?.separating).toHaveLength(1);
  });

  it("three definitions: every pair, in the order compared", () => {
    // Zhang 2023 under '< 0.5' (default) and under '< 0.7', and Kang 2020; sediment normal.
    // 0.6 g/day: Zhang PR (0.6 not < 0.5; −85%, < 3 g, albumin 36), Kang PR (600 mg in
    // 300–2000), Zhang '< 0.7' CR. 0.4 g/day: Zhang CR, Kang PR (400 not < 300), Zhang '< 0.7' CR.
    const z07 = withOptions(criteria.zhang2023, { interpretation: { crProteinuriaCutoff: "0.7" } });
    const c = compareCriteria(
      [patient(0.6), patient(0.4)],
      [criteria.zhang2023, criteria.kang2020, z07],
    );
    expect(
      c.separatingClauses.map((x) => [
        `${x.a} ${x.categoryA} / ${x.b} ${x.categoryB}`,
        x.label,
        x.subjects,
      ]),
    ).toEqual([
      ["zhang2023 CR / kang2020 PR", "kang2020: 24-h urine protein below 300 mg/24h", 1],
      [
        "zhang2023 PR / zhang2023+crProteinuriaCutoff=0.7 CR",
        "zhang2023: 24-h urine protein below 0.5 g/24h",
        1,
      ],
      [
        "kang2020 PR / zhang2023+crProteinuriaCutoff=0.7 CR",
        "kang2020: 24-h urine protein below 300 mg/24h",
        2,
      ],
    ]);
  });

  it("assessments: each row is its own subject; none disagreeing gives an empty tally", () => {
    const c = compareCriteria([0.4, 0.45, 1.5].map(patient), [
      criteria.zhang2023,
      criteria.kang2020,
    ]);
    expect(c.separatingClauses).toEqual([
      {
        a: "zhang2023",
        b: "kang2020",
        categoryA: "CR",
        categoryB: "PR",
        criteria: "kang2020",
        clause: "cr-up",
        truth: "not-met",
        label: "kang2020: 24-h urine protein below 300 mg/24h",
        subjects: 2,
        assessments: 2,
      },
    ]);
    const same = compareCriteria([patient(0.2)], [criteria.zhang2023, criteria.kang2020]);
    expect(same.separatingClauses).toEqual([]);
  });
});
