import { describe, expect, it } from "vitest";
import { assessEligibility, eligibility, InputError, type PatientRecord } from "../../src/index.js";

const fail = { mode: "single", bestResponse: "PR", outcome: "failure-or-relapse" } as const;
const kangPatient = (up: number): PatientRecord => ({
  id: "k",
  baseline: { proteinuria: { value: up, unit: "g/24h" } },
  treatmentHistory: {
    ordered: true,
    courses: [
      { agents: ["mycophenolate"], ...fail },
      { agents: ["tacrolimus"], ...fail },
    ],
  },
});

describe("Kang 2020: proteinuria of no less than 1.0 g/24 h at enrolment", () => {
  it.each([
    [0.99, "ineligible"],
    [1.0, "eligible"],
    [1.01, "eligible"],
  ])("baseline %s g/24h → %s", (up, status) => {
    expect(assessEligibility(eligibility.kang2020Refractory, kangPatient(up)).status).toBe(status);
  });
  it("1000 mg/24h is 1.0 g/24h", () => {
    const r = kangPatient(1);
    const mg = { ...r, baseline: { proteinuria: { value: 1000, unit: "mg/24h" } } };
    expect(assessEligibility(eligibility.kang2020Refractory, mg).status).toBe("eligible");
  });
  it("a missing history and baseline are listed", () => {
    const r = assessEligibility(eligibility.kang2020Refractory, { id: "x" });
    expect(r.status).toBe("indeterminate");
    expect(r.missing).toEqual(["treatmentHistory", "baseline.proteinuria"]);
  });
  it("a UPCR at enrolment does not stand in for the 24-h urine protein", () => {
    const r = assessEligibility(eligibility.kang2020Refractory, {
      ...kangPatient(1),
      baseline: { proteinuria: { value: 3, unit: "g/g" } },
    });
    expect(r.status).toBe("indeterminate");
  });
});

describe("Zhang 2023: exclusions and adherence", () => {
  const nr6 = { mode: "single", bestResponse: "NR", durationMonths: 6 } as const;
  const allAbsent = {
    nonAdherence: false,
    malignancyHistory: false,
    severeAllergy: false,
    severeHepaticInsufficiency: false,
    pregnancy: false,
    lactation: false,
    childbearingIntention: false,
  };
  const record: PatientRecord = {
    id: "z",
    treatmentHistory: {
      ordered: false,
      courses: [
        { agents: ["cyclophosphamide"], ...nr6 },
        { agents: ["mycophenolate"], ...nr6 },
      ],
    },
    exclusions: allAbsent,
  };
  it("two failed standard-of-care regimens and no exclusion → eligible", () => {
    expect(assessEligibility(eligibility.zhang2023Refractory, record).status).toBe("eligible");
  });
  it.each(Object.keys(allAbsent))("%s present → ineligible", (key) => {
    const r = assessEligibility(eligibility.zhang2023Refractory, {
      ...record,
      exclusions: { ...allAbsent, [key]: true },
    });
    expect(r.status).toBe("ineligible");
  });
  it("an unreported exclusion is unknown, not absent", () => {
    const { pregnancy: _, ...rest } = allAbsent;
    const r = assessEligibility(eligibility.zhang2023Refractory, { ...record, exclusions: rest });
    expect(r.status).toBe("indeterminate");
    expect(r.missing).toEqual(["exclusions.pregnancy"]);
  });
  it("'for 4–6 months': 5 months of NR is a failure only under the '4' reading", () => {
    const five = { mode: "single", bestResponse: "NR", durationMonths: 5 } as const;
    const r5: PatientRecord = {
      ...record,
      treatmentHistory: {
        ordered: false,
        courses: [
          { agents: ["cyclophosphamide"], ...five },
          { agents: ["mycophenolate"], ...five },
        ],
      },
    };
    const r = assessEligibility(eligibility.zhang2023Refractory, r5);
    expect(r.status).toBe("ineligible");
    expect(r.robust).toBe(false);
    expect(
      assessEligibility(eligibility.zhang2023Refractory, r5, {
        interpretation: { assessmentMonths: "4" },
      }).status,
    ).toBe("eligible");
  });
  // Issue 12 item 1: §2.1 cites the EULAR/ERA-EDTA 2019 update, whose abstract names "MMF/CNI
  // (especially tacrolimus) combination" among the initial (induction) regimens.
  it("tacrolimus counts as standard of care by default ('with-cni'), not under 'cyc-mmf'", () => {
    const tac: PatientRecord = {
      ...record,
      treatmentHistory: {
        ordered: false,
        courses: [
          { agents: ["tacrolimus"], ...nr6 },
          { agents: ["mycophenolate"], ...nr6 },
        ],
      },
    };
    const r = assessEligibility(eligibility.zhang2023Refractory, tac);
    expect(r.interpretation.standardOfCare).toBe("with-cni");
    expect(r.status).toBe("eligible");
    expect(r.robust).toBe(false);
    const old = assessEligibility(eligibility.zhang2023Refractory, tac, {
      interpretation: { standardOfCare: "cyc-mmf" },
    });
    expect(old.status).toBe("ineligible");
  });
  it("a multitarget combination course (MMF + tacrolimus) is one regimen: a second is needed", () => {
    const multi: PatientRecord = {
      ...record,
      treatmentHistory: {
        ordered: true,
        courses: [
          {
            agents: ["mycophenolate", "tacrolimus"],
            mode: "combination",
            bestResponse: "NR",
            durationMonths: 6,
          },
        ],
      },
    };
    expect(assessEligibility(eligibility.zhang2023Refractory, multi).status).toBe("ineligible");
    const plusCyc: PatientRecord = {
      ...multi,
      treatmentHistory: {
        ordered: true,
        courses: [
          ...(multi.treatmentHistory?.courses ?? []),
          { agents: ["cyclophosphamide"], ...nr6 },
        ],
      },
    };
    expect(assessEligibility(eligibility.zhang2023Refractory, plusCyc).status).toBe("eligible");
  });
  it("methotrexate is not a standard-of-care induction agent under any reading", () => {
    const mtx: PatientRecord = {
      ...record,
      treatmentHistory: {
        ordered: false,
        courses: [
          { agents: ["cyclophosphamide"], ...nr6 },
          { agents: ["methotrexate"], ...nr6 },
        ],
      },
    };
    const r = assessEligibility(eligibility.zhang2023Refractory, mtx);
    expect(r.status).toBe("ineligible");
    expect(r.robust).toBe(true);
  });
});

// Issue 12 item 2: CR on CYC then relapse, and CR on MMF then relapse. Kang: "treatment failure or
// relapse" → refractory. Zhang "not improved or worsened", Arora & Rovin "no change in, or
// worsening of … in response to", ACR 2024 failure = "at least a partial renal response not
// reached" → not refractory under the default readings.
describe("relapse after a response is not 'not improved'", () => {
  const relapsed = { mode: "single", bestResponse: "CR", outcome: "failure-or-relapse" } as const;
  const record: PatientRecord = {
    id: "relapser",
    baseline: { proteinuria: { value: 2.5, unit: "g/24h" } },
    exclusions: {
      nonAdherence: false,
      malignancyHistory: false,
      severeAllergy: false,
      severeHepaticInsufficiency: false,
      pregnancy: false,
      lactation: false,
      childbearingIntention: false,
    },
    treatmentHistory: {
      ordered: true,
      courses: [
        { agents: ["cyclophosphamide"], ...relapsed },
        { agents: ["mycophenolate"], ...relapsed },
      ],
    },
  };
  it("Kang 2020 counts the two relapses: eligible", () => {
    expect(assessEligibility(eligibility.kang2020Refractory, record).status).toBe("eligible");
  });
  it.each([["zhang2023Refractory"], ["arora2022Refractory"], ["acr2024Refractory"]] as const)(
    "%s: ineligible under the default readings",
    (name) => {
      expect(assessEligibility(eligibility[name], record).status).toBe("ineligible");
    },
  );
  it.each([["zhang2023Refractory"], ["arora2022Refractory"]] as const)(
    "%s: eligible under relapseAfterResponse 'counted', so the default result is not robust",
    (name) => {
      const d = assessEligibility(eligibility[name], record);
      expect(d.interpretation.relapseAfterResponse).toBe("not-counted");
      expect(d.robust).toBe(false);
      expect(
        assessEligibility(eligibility[name], record, {
          interpretation: { relapseAfterResponse: "counted" },
        }).status,
      ).toBe("eligible");
    },
  );
  it("ACR 2024 has no relapse reading: the text defines failure as PR not reached", () => {
    expect(Object.keys(eligibility.acr2024Refractory.parameters)).not.toContain(
      "relapseAfterResponse",
    );
  });
  it("PR then relapse on one regimen and 6 months of NR on another: one failure, ineligible", () => {
    const mixed: PatientRecord = {
      ...record,
      treatmentHistory: {
        ordered: true,
        courses: [
          { agents: ["cyclophosphamide"], ...relapsed, bestResponse: "PR" },
          { agents: ["mycophenolate"], mode: "single", bestResponse: "NR", durationMonths: 6 },
        ],
      },
    };
    expect(assessEligibility(eligibility.zhang2023Refractory, mixed).status).toBe("ineligible");
    expect(assessEligibility(eligibility.arora2022Refractory, mixed).status).toBe("ineligible");
  });
  it("failure or relapse with the best response not reported is indeterminate, naming it", () => {
    const unknownBest: PatientRecord = {
      ...record,
      treatmentHistory: {
        ordered: true,
        courses: [
          { agents: ["cyclophosphamide"], ...relapsed, bestResponse: "unknown" },
          { agents: ["mycophenolate"], mode: "single", bestResponse: "NR", durationMonths: 6 },
        ],
      },
    };
    const r = assessEligibility(eligibility.zhang2023Refractory, unknownBest);
    expect(r.status).toBe("indeterminate");
    expect(r.missing).toEqual(["treatmentHistory.courses[0].bestResponse"]);
  });
});

describe("ACR 2024 and Arora & Rovin 2022", () => {
  const nr = (months: number) =>
    ({ mode: "single", bestResponse: "NR", durationMonths: months }) as const;
  const history = (months: number): PatientRecord => ({
    id: "a",
    exclusions: { nonAdherence: false },
    treatmentHistory: {
      ordered: true,
      courses: [
        { agents: ["mycophenolate"], ...nr(months) },
        { agents: ["cyclophosphamide"], ...nr(months) },
      ],
    },
  });
  it("ACR 2024: no PR by 12 months (default) or by 6 months", () => {
    expect(assessEligibility(eligibility.acr2024Refractory, history(12)).status).toBe("eligible");
    expect(assessEligibility(eligibility.acr2024Refractory, history(8)).status).toBe("ineligible");
    expect(
      assessEligibility(eligibility.acr2024Refractory, history(8), {
        interpretation: { responseHorizon: "6" },
      }).status,
    ).toBe("eligible");
  });
  it("Arora & Rovin 2022 needs adherence", () => {
    expect(assessEligibility(eligibility.arora2022Refractory, history(6)).status).toBe("eligible");
    const { exclusions: _, ...noAdherence } = history(6);
    expect(assessEligibility(eligibility.arora2022Refractory, noAdherence).missing).toEqual([
      "exclusions.nonAdherence",
    ]);
  });
  it("every rule carries its evidence level and citation", () => {
    for (const rule of Object.values(eligibility)) {
      expect(rule.kind).toBe("eligibility");
      expect(["verified", "secondary", "third-party", "unverified"]).toContain(rule.evidence);
      expect(rule.citation.doi).toMatch(/^10\./);
      expect(JSON.parse(JSON.stringify(rule))).toEqual(rule);
    }
  });
});

describe("validation", () => {
  it("a malformed record is an InputError naming the path", () => {
    // The run-time check, as a JavaScript caller meets it (the compiler refuses these records).
    const aspirin = {
      id: "x",
      treatmentHistory: {
        ordered: true,
        courses: [{ agents: ["aspirin"], mode: "single", bestResponse: "NR" }],
      },
    } as unknown as PatientRecord;
    expect(() => assessEligibility(eligibility.kang2020Refractory, aspirin)).toThrow(
      /treatmentHistory\.courses\[0\]\.agents\[0\]/,
    );
    expect(() =>
      assessEligibility(eligibility.kang2020Refractory, { nope: 1 } as unknown as PatientRecord),
    ).toThrow(InputError);
  });
});

describe("glucocorticoid pulses (Kang 2020 Table 1, patient 2's 'Pulse steroids (CR → F)')", () => {
  const record: PatientRecord = {
    id: "k2",
    baseline: { proteinuria: { value: 1.34, unit: "g/24h" } },
    treatmentHistory: {
      ordered: true,
      courses: [
        {
          agents: ["glucocorticoid-pulse"],
          mode: "single",
          bestResponse: "CR",
          outcome: "failure-or-relapse",
        },
        {
          agents: ["cyclophosphamide"],
          mode: "single",
          bestResponse: "PR",
          outcome: "failure-or-relapse",
        },
      ],
    },
  };
  it("do not count by default (one failed agent: ineligible) …", () => {
    expect(assessEligibility(eligibility.kang2020Refractory, record).status).toBe("ineligible");
  });
  it("… and count under the 'counted' reading (two: eligible)", () => {
    const r = assessEligibility(eligibility.kang2020Refractory, record, {
      interpretation: { glucocorticoidPulses: "counted" },
    });
    expect(r.status).toBe("eligible");
  });
  it("never count in Zhang 2023's standard-of-care regimens", () => {
    const z: PatientRecord = {
      id: "z",
      exclusions: {
        nonAdherence: false,
        malignancyHistory: false,
        severeAllergy: false,
        severeHepaticInsufficiency: false,
        pregnancy: false,
        lactation: false,
        childbearingIntention: false,
      },
      treatmentHistory: {
        ordered: true,
        courses: [
          {
            agents: ["glucocorticoid-pulse"],
            mode: "single",
            bestResponse: "NR",
            durationMonths: 6,
          },
          { agents: ["cyclophosphamide"], mode: "single", bestResponse: "NR", durationMonths: 6 },
        ],
      },
    };
    expect(
      assessEligibility(eligibility.zhang2023Refractory, z, {
        interpretation: { standardOfCare: "with-biologics" },
      }).status,
    ).toBe("ineligible");
  });
});

describe("the baseline eGFR in the eligibility result says which equation was used", () => {
  const child: PatientRecord = {
    id: "child",
    patient: { sex: "F", ageYears: 15, heightCm: 160 },
    baseline: { serumCreatinine: { value: 1.9, unit: "mg/dL" } },
  };
  it("under 18: bedside Schwartz 2009 by default (0.413 × 160 / 1.9 = 66.08 / 1.9 = 34.779)", () => {
    const e = assessEligibility(eligibility.kang2020Refractory, child).egfr;
    expect(e.equation).toBe("bedside-schwartz-2009");
    expect(e.value).toBeCloseTo(34.779, 3);
  });
  it("CKiD U25 on request (the study group's calculator: F 15 y, 1.6 m, 1.9 mg/dL → 32.5)", () => {
    const e = assessEligibility(eligibility.kang2020Refractory, child, {
      paediatricEgfrEquation: "ckid-u25-2021",
    }).egfr;
    expect(e.equation).toBe("ckid-u25-2021");
    expect(e.evidence).toBe("secondary");
    expect(e.value).toBeCloseTo(32.5, 1);
  });
  it("no creatinine: indeterminate, naming baseline.serumCreatinine", () => {
    const e = assessEligibility(eligibility.kang2020Refractory, {
      id: "x",
      patient: { ageYears: 40, sex: "M" },
    }).egfr;
    expect(e.status).toBe("indeterminate");
    expect(e.missing).toEqual(["baseline.serumCreatinine"]);
  });
});

describe("standard of care in ACR 2024 (MPAA + CNI triple therapy) and Arora & Rovin 2022", () => {
  const nr12 = { mode: "single", bestResponse: "NR", durationMonths: 12 } as const;
  const record: PatientRecord = {
    id: "cni",
    exclusions: { nonAdherence: false },
    treatmentHistory: {
      ordered: true,
      courses: [
        { agents: ["mycophenolate"], ...nr12 },
        { agents: ["tacrolimus"], ...nr12 },
      ],
    },
  };
  it("ACR 2024: a tacrolimus course is a standard therapy course by default ('with-cni')", () => {
    const r = assessEligibility(eligibility.acr2024Refractory, record);
    expect(r.interpretation.standardOfCare).toBe("with-cni");
    expect(r.status).toBe("eligible");
    expect(
      assessEligibility(eligibility.acr2024Refractory, record, {
        interpretation: { standardOfCare: "cyc-mmf" },
      }).status,
    ).toBe("ineligible");
  });
  it("Arora & Rovin 2022 keeps 'cyc-mmf' (the abstract lists no regimens): ineligible, not robust", () => {
    const r = assessEligibility(eligibility.arora2022Refractory, record);
    expect(r.interpretation.standardOfCare).toBe("cyc-mmf");
    expect(r.status).toBe("ineligible");
    expect(r.robust).toBe(false);
  });
});

describe("the evidence of the readings used is in every eligibility result", () => {
  it("Zhang 2023 under its default standard of care (EULAR 2019, read in the abstract) stays verified", () => {
    const r = assessEligibility(eligibility.zhang2023Refractory, { id: "x" });
    expect(r.readingEvidence.standardOfCare).toMatchObject({
      reading: "with-cni",
      evidence: "verified",
      used: true,
    });
    expect(r.criteria.evidence).toBe("verified");
  });

  it("choosing a reading with weaker evidence weakens the result's evidence", () => {
    const r = assessEligibility(
      eligibility.zhang2023Refractory,
      { id: "x" },
      { interpretation: { standardOfCare: "with-biologics" } },
    );
    expect(r.readingEvidence.standardOfCare).toMatchObject({
      reading: "with-biologics",
      evidence: "secondary",
    });
    expect(r.criteria.evidence).toBe("secondary");
  });
});
