import { describe, expect, it } from "vitest";
import { cohensKappa, compareCriteria } from "../../src/analysis/compare.js";
import { criteria, type PatientRecord } from "../../src/index.js";

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
