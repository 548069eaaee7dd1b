// The safe variants of the record entry points (safeAssessRecord, safeAssessEligibility,
// safeDetectFlares): for a record of any shape, the same result as the throwing function or its
// error as a value, never a throw. And what the typed inputs promise at run time: `null` for a
// missing value wherever ResponseInputLike / PatientRecordLike allow it means missing, exactly
// as an omitted key.
import { describe, expect, it } from "vitest";
import {
  assessEligibility,
  assessRecord,
  CriteriaError,
  classifyResponse,
  criteria,
  detectFlares,
  eligibility,
  flares,
  InputError,
  type PatientRecord,
  type PatientRecordLike,
  type ResponseInputLike,
  safeAssessEligibility,
  safeAssessRecord,
  safeClassifyResponse,
  safeDetectFlares,
} from "../../src/index.js";
import { cohort } from "../support/cohort.js";

// Kang 2020 refractory (two failed regimens) and a Moroni 2022 proteinuric flare: baseline
// 0.4 g/24h, day 90 2.6 g/24h (+2.2 g from below 3.5 g), creatinine unchanged.
const record: PatientRecord = {
  id: "p",
  patient: { sex: "F" },
  baseline: {
    proteinuria: { value: 0.4, unit: "g/24h" },
    serumCreatinine: { value: 70, unit: "umol/L" },
  },
  treatmentHistory: {
    ordered: true,
    courses: [
      { agents: ["cyclophosphamide"], mode: "single", bestResponse: "NR" },
      { agents: ["mycophenolate"], mode: "single", bestResponse: "NR" },
    ],
  },
  visits: [
    {
      day: 90,
      labs: {
        proteinuria: { value: 2.6, unit: "g/24h" },
        serumCreatinine: { value: 70, unit: "umol/L" },
      },
    },
  ],
};

/** A record parsed from JSON: its type is unknown. */
const fromJson = (r: unknown): unknown => JSON.parse(JSON.stringify(r));

/** Records that cannot be read: a throwing getter, a revoked Proxy. */
const unreadable = (): unknown[] => {
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  return [
    {
      id: "p",
      get visits(): never {
        throw new Error("disk gone");
      },
    },
    revoked.proxy,
  ];
};

const SAFE = [
  {
    name: "safeAssessRecord",
    safe: (r: unknown) => safeAssessRecord(criteria.kang2020, r),
    throwing: (r: PatientRecordLike) => assessRecord(criteria.kang2020, r),
  },
  {
    name: "safeAssessEligibility",
    safe: (r: unknown) => safeAssessEligibility(eligibility.kang2020Refractory, r),
    throwing: (r: PatientRecordLike) => assessEligibility(eligibility.kang2020Refractory, r),
  },
  {
    name: "safeDetectFlares",
    safe: (r: unknown) => safeDetectFlares(flares.moroni2022, r),
    throwing: (r: PatientRecordLike) => detectFlares(flares.moroni2022, r),
  },
] as const;

describe.each(SAFE)("$name", ({ safe, throwing }) => {
  it("a valid record: the throwing function's result", () => {
    const r = safe(fromJson(record));
    expect(r).toEqual({ success: true, data: throwing(record) });
  });

  it("a misspelt field: the InputError the throwing function throws, returned", () => {
    const bad = fromJson({ ...record, baseline: { serumAlbumen: { value: 35, unit: "g/L" } } });
    const r = safe(bad);
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(InputError.isInputError(r.error)).toBe(true);
    expect(r.error.issues).toEqual([
      { path: "baseline", message: expect.stringContaining("serumAlbumen") },
    ]);
    expect(() => throwing(bad as PatientRecordLike)).toThrow(r.error.message);
  });

  it("a wrong unit or a number as a string names the path", () => {
    const unit = safe(fromJson({ ...record, baseline: { serumAlbumin: { value: 35, unit: 1 } } }));
    expect(unit.success ? [] : unit.error.issues.map((i) => i.path)).toEqual([
      "baseline.serumAlbumin.unit",
    ]);
    const value = safe(
      fromJson({ ...record, baseline: { serumAlbumin: { value: "35", unit: "g/L" } } }),
    );
    expect(value.success ? [] : value.error.issues.map((i) => i.path)).toEqual([
      "baseline.serumAlbumin.value",
    ]);
  });

  it("never throws: not an object, a record that cannot be read", () => {
    for (const bad of [null, undefined, 42, "p", [], ...unreadable()]) {
      const r = safe(bad);
      expect(r.success).toBe(false);
      if (!r.success) expect(InputError.isInputError(r.error)).toBe(true);
    }
    const u = safe(unreadable()[0]);
    expect(u.success ? "" : u.error.message).toMatch(/disk gone/);
  });
});

describe("errors of the definition and of the options are returned too", () => {
  it("a definition of the wrong kind is a CriteriaError", () => {
    const r = safeAssessEligibility(criteria.kang2020 as never, record);
    expect(r.success ? undefined : r.error).toBeInstanceOf(CriteriaError);
    const f = safeDetectFlares(eligibility.kang2020Refractory as never, record);
    expect(f.success ? undefined : f.error).toBeInstanceOf(CriteriaError);
    const t = safeAssessRecord(flares.moroni2022 as never, record);
    expect(t.success ? undefined : t.error).toBeInstanceOf(CriteriaError);
  });

  it("a bad option is an InputError at its path (an unknown reading included)", () => {
    const t = safeAssessRecord(criteria.kang2020, record, { windowDays: -1 });
    expect(t.success ? [] : t.error.issues.map((i) => i.path)).toEqual(["options.windowDays"]);
    const e = safeAssessEligibility(eligibility.kang2020Refractory, record, {
      interpretation: { nope: "x" },
    });
    expect(e.success ? [] : e.error.issues.map((i) => i.path)).toEqual([
      "options.interpretation.nope",
    ]);
    // The throwing function's RangeError for the same reading.
    expect(() =>
      assessEligibility(eligibility.kang2020Refractory, record, { interpretation: { nope: "x" } }),
    ).toThrow(RangeError);
    const f = safeDetectFlares(flares.aurora2, record);
    expect(f.success ? [] : f.error.issues.map((i) => i.path)).toEqual([
      "options.responseCriteria",
    ]);
  });
});

describe("null for a missing value, where the input types allow it, means missing", () => {
  it("classifyResponse: patient, baseline, current and each lab and patient field", () => {
    const withNulls: ResponseInputLike = {
      patient: { sex: "F", ageYears: null, heightCm: null },
      baseline: {
        proteinuria: { value: 4, unit: "g/24h" },
        serumCreatinine: { value: 60, unit: "umol/L" },
        serumCreatinineUpperLimit: null,
        serumAlbumin: null,
        egfr: null,
        urineSediment: null,
        prednisoneMgPerDay: null,
        rescueTherapy: null,
      },
      current: { proteinuria: { value: 0.8, unit: "g/24h" }, serumAlbumin: null },
    };
    const omitted: ResponseInputLike = {
      patient: { sex: "F" },
      baseline: {
        proteinuria: { value: 4, unit: "g/24h" },
        serumCreatinine: { value: 60, unit: "umol/L" },
      },
      current: { proteinuria: { value: 0.8, unit: "g/24h" } },
    };
    const r = classifyResponse(criteria.kang2020, withNulls);
    expect(r.category).toBe("indeterminate");
    expect(r).toEqual(classifyResponse(criteria.kang2020, omitted));
    expect(
      classifyResponse(criteria.kang2020, { patient: null, baseline: null, current: null }),
    ).toEqual(classifyResponse(criteria.kang2020, {}));
    expect(safeClassifyResponse(criteria.kang2020, withNulls)).toEqual({ success: true, data: r });
  });

  it("the record functions: lab values at baseline and visits, patient fields", () => {
    const pr = cohort[1] as PatientRecord; // PR at day 170 under Kang 2020
    const withNulls: PatientRecordLike = {
      ...pr,
      patient: { sex: "F", ageYears: null },
      baseline: { ...pr.baseline, egfr: null, urineSediment: null },
      visits: pr.visits?.map((v) => ({ ...v, labs: { ...v.labs, egfr: null } })),
    };
    expect(assessRecord(criteria.kang2020, withNulls)).toEqual(assessRecord(criteria.kang2020, pr));
    expect(assessEligibility(eligibility.kang2020Refractory, withNulls)).toEqual(
      assessEligibility(eligibility.kang2020Refractory, pr),
    );
    expect(detectFlares(flares.moroni2022, withNulls)).toEqual(detectFlares(flares.moroni2022, pr));
  });
});
