// Validated options of the longitudinal and cohort functions (issue 13, item 7): every bad
// option is an InputError naming the option path, never a silently wrong number.
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { summarizeCohort } from "../../src/analysis/cohort.js";
import { compareCriteria } from "../../src/analysis/compare.js";
import { clopperPearson } from "../../src/analysis/stats.js";
import { timelineOfValidated } from "../../src/api/timeline.js";
import {
  assessRecord,
  criteria,
  detectFlares,
  flares,
  InputError,
  type PatientRecord,
  resolveTimepoint,
  type Timepoint,
} from "../../src/index.js";
import { propertyRuns } from "../support/generators.js";

const labs = (up: number, scr = 60, alb = 38) => ({
  proteinuria: { value: up, unit: "g/24h" },
  serumCreatinine: { value: scr, unit: "umol/L" },
  serumAlbumin: { value: alb, unit: "g/L" },
  urineSediment: { rbcPerHpf: 1, wbcPerHpf: 1, cellularCasts: false },
});
const base = {
  patient: { sex: "F" as const },
  baseline: {
    proteinuria: { value: 4, unit: "g/24h" },
    serumCreatinine: { value: 60, unit: "umol/L" },
  },
};
// A CR on day 30, and nothing later.
const day30: PatientRecord = { id: "d30", ...base, visits: [{ day: 30, labs: labs(0.2) }] };

/** The paths of the InputError `f` throws (fails the test when it throws anything else). */
function pathsOf(f: () => unknown): string[] {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as InputError).issues.map((i) => i.path);
  }
  throw new Error("expected an InputError, nothing was thrown");
}

describe("time points", () => {
  const noWindow = { label: "month 24", day: 731 } as unknown as Timepoint;

  // The finding: without windowDays every visit was "within" the window, so a day-30 CR
  // counted as month 24 and the cohort's CR rate was 1/1.
  it("a time point without windowDays is an InputError, not a day-30 visit counted as month 24", () => {
    expect(
      pathsOf(() => summarizeCohort(criteria.zhang2023, [day30], { timepoints: [noWindow] })),
    ).toEqual(["options.timepoints[0].windowDays"]);
    expect(
      pathsOf(() => assessRecord(criteria.zhang2023, day30, { timepoints: [noWindow] })),
    ).toEqual(["options.timepoints[0].windowDays"]);
    expect(pathsOf(() => resolveTimepoint(day30, noWindow))).toEqual(["timepoint.windowDays"]);
  });

  it.each([
    ["windowDays", Number.NaN],
    ["windowDays", -1],
    ["windowDays", 1.5],
    ["windowDays", Number.POSITIVE_INFINITY],
    ["day", Number.NaN],
    ["day", Number.POSITIVE_INFINITY],
    ["day", -7],
    ["day", 30.5],
    ["label", ""],
  ] as const)("timepoints[1].%s = %s is rejected with its path", (field, value) => {
    const tps = [
      { label: "month 3", day: 91, windowDays: 30 },
      { label: "month 6", day: 183, windowDays: 30, [field]: value },
    ];
    expect(
      pathsOf(() => summarizeCohort(criteria.zhang2023, [day30], { timepoints: tps })),
    ).toEqual([`options.timepoints[1].${field}`]);
    expect(
      pathsOf(() => timelineOfValidated(criteria.zhang2023, day30, { timepoints: tps })),
    ).toEqual([`options.timepoints[1].${field}`]);
  });

  it("a misspelt time-point field is rejected", () => {
    const tps = [{ label: "w24", day: 168, window: 28 }] as unknown as Timepoint[];
    expect(pathsOf(() => assessRecord(criteria.kang2020, day30, { timepoints: tps }))).toContain(
      "options.timepoints[0].windowDays",
    );
  });
});

describe("window and carry-forward options", () => {
  it.each([Number.NaN, -1, 2.5])("windowDays: %s", (w) => {
    expect(pathsOf(() => assessRecord(criteria.kang2020, day30, { windowDays: w }))).toEqual([
      "options.windowDays",
    ]);
    expect(
      pathsOf(() =>
        resolveTimepoint(day30, { label: "w24", day: 168, windowDays: 28 }, { windowDays: w }),
      ),
    ).toEqual(["options.windowDays"]);
  });
  it.each([Number.NaN, -1, 0.5])("carryForwardMaxDays: %s", (m) => {
    expect(
      pathsOf(() =>
        summarizeCohort(criteria.kang2020, [day30], { carryForward: true, carryForwardMaxDays: m }),
      ),
    ).toEqual(["options.carryForwardMaxDays"]);
  });
  it("carryForward must be a boolean; unknown option names are rejected", () => {
    expect(
      pathsOf(() => assessRecord(criteria.kang2020, day30, { carryForward: "yes" } as never)),
    ).toEqual(["options.carryForward"]);
    const e = (() => {
      try {
        summarizeCohort(criteria.kang2020, [day30], { carryforward: true } as never);
      } catch (x) {
        return x as InputError;
      }
      return undefined;
    })();
    expect(e).toBeInstanceOf(InputError);
    expect(e?.message).toMatch(/carryforward/);
  });
  it("valid options still work (a zero window is allowed)", () => {
    const t = assessRecord(
      criteria.kang2020,
      { id: "z", ...base, visits: [{ day: 168, labs: labs(0.2) }] },
      {
        windowDays: 0,
        carryForward: true,
        carryForwardMaxDays: 0,
      },
    );
    expect(t.timepoints[0]?.category).toBe("CR");
  });
});

describe("confidence level", () => {
  // The finding: level NaN gave the interval [0, 3.6e-15] for 1/2.
  it("level NaN is an InputError (summarizeCohort and clopperPearson)", () => {
    expect(
      pathsOf(() => summarizeCohort(criteria.kang2020, [day30], { level: Number.NaN })),
    ).toEqual(["options.level"]);
    expect(pathsOf(() => clopperPearson(1, 2, Number.NaN))).toEqual(["level"]);
  });
  it.each([0, 1, -0.5, 1.5, 95, Number.POSITIVE_INFINITY])(
    "level %s is outside (0, 1)",
    (level) => {
      expect(pathsOf(() => summarizeCohort(criteria.kang2020, [day30], { level }))).toEqual([
        "options.level",
      ]);
      expect(pathsOf(() => clopperPearson(1, 2, level))).toEqual(["level"]);
    },
  );
  it("bad counts are an InputError naming k or n", () => {
    expect(pathsOf(() => clopperPearson(3, 2))).toEqual(["k"]);
    expect(pathsOf(() => clopperPearson(1.5, 2))).toEqual(["k"]);
    expect(pathsOf(() => clopperPearson(0, Number.NaN))).toEqual(["n"]);
  });
  it("a valid level gives a narrower interval at 90% than at 95% (R binom.test(1, 2, conf.level = 0.9): 0.02532057 0.97467943)", () => {
    const [lo, hi] = clopperPearson(1, 2, 0.9);
    expect(lo).toBeCloseTo(0.02532057, 6);
    expect(hi).toBeCloseTo(0.97467943, 6);
  });
});

describe("analysis and readings", () => {
  it("an unknown analysis is an InputError", () => {
    expect(
      pathsOf(() => summarizeCohort(criteria.kang2020, [day30], { analysis: "ITT" } as never)),
    ).toEqual(["options.analysis"]);
  });
  it("an unknown interpretation parameter or reading names its path", () => {
    expect(
      pathsOf(() =>
        summarizeCohort(criteria.zhang2023, [day30], { interpretation: { nope: "x" } }),
      ),
    ).toEqual(["options.interpretation.nope"]);
    expect(
      pathsOf(() =>
        assessRecord(criteria.zhang2023, day30, { interpretation: { crProteinuriaCutoff: "0.6" } }),
      ),
    ).toEqual(["options.interpretation.crProteinuriaCutoff"]);
  });
  it("an own `__proto__` parameter name is an InputError too (not a RangeError)", () => {
    const interpretation = JSON.parse('{"__proto__": "x"}') as Record<string, string>;
    expect(pathsOf(() => assessRecord(criteria.zhang2023, day30, { interpretation }))).toEqual([
      "options.interpretation.__proto__",
    ]);
    expect(
      pathsOf(() => detectFlares(flares.kang2020ExtraRenalFlare, day30, { interpretation })),
    ).toEqual(["options.interpretation.__proto__"]);
  });
  it("compareCriteria: readings per id are checked against that definition; ids must be compared", () => {
    const list = [criteria.zhang2023, criteria.kang2020];
    expect(
      pathsOf(() => compareCriteria([{}], list, { interpretations: { zhang2023: { nope: "x" } } })),
    ).toEqual(["options.interpretations.zhang2023.nope"]);
    expect(
      pathsOf(() =>
        compareCriteria([{}], list, {
          interpretations: { kdigo2012: { crProteinuriaCutoff: "0.7" } },
        }),
      ),
    ).toEqual(["options.interpretations.kdigo2012"]);
    expect(pathsOf(() => compareCriteria([day30], list, { analysis: "all" } as never))).toEqual([
      "options.analysis",
    ]);
  });
  it("compareCriteria: records without time points, or with a time point without a window", () => {
    const list = [criteria.zhang2023, criteria.kang2020];
    expect(pathsOf(() => compareCriteria([day30], list))).toEqual(["options.timepoints"]);
    expect(
      pathsOf(() =>
        compareCriteria([day30], list, {
          timepoints: [{ label: "m24", day: 731 } as unknown as Timepoint],
        }),
      ),
    ).toEqual(["options.timepoints[0].windowDays"]);
  });
  it("detectFlares: unknown readings, after-response grades without responseCriteria, unknown options", () => {
    const r: PatientRecord = { id: "f", ...base, visits: [{ day: 90, labs: labs(3) }] };
    expect(
      pathsOf(() =>
        detectFlares(flares.kang2020ExtraRenalFlare, r, { interpretation: { highDose: ">50" } }),
      ),
    ).toEqual(["options.interpretation.highDose"]);
    expect(
      pathsOf(() =>
        detectFlares(flares.kang2020ExtraRenalFlare, r, { interpretation: { nope: "x" } }),
      ),
    ).toEqual(["options.interpretation.nope"]);
    expect(pathsOf(() => detectFlares(flares.kang2020RenalFlare, r))).toEqual([
      "options.responseCriteria",
    ]);
    expect(
      pathsOf(() =>
        detectFlares(flares.moroni2022, r, { allowProteinuriaSubstitution: 1 } as never),
      ),
    ).toEqual(["options.allowProteinuriaSubstitution"]);
  });
});

describe("cohort functions keep every record, even one that cannot be read", () => {
  const throwingGetter = {
    get id(): string {
      throw new Error("boom");
    },
  };
  const hostileProxy = new Proxy(
    {},
    {
      get() {
        throw new Error("proxy get");
      },
      ownKeys() {
        throw new Error("proxy ownKeys");
      },
      getOwnPropertyDescriptor() {
        throw new Error("proxy descriptor");
      },
      has() {
        throw new Error("proxy has");
      },
    },
  );
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  const good: PatientRecord = { id: "good", ...base, visits: [{ day: 168, labs: labs(0.2) }] };

  it("summarizeCohort lists a throwing getter, a hostile Proxy and a revoked Proxy as invalid", () => {
    const s = summarizeCohort(criteria.kang2020, [
      good,
      throwingGetter,
      hostileProxy,
      revoked.proxy,
    ]);
    expect(s.records).toBe(4);
    expect(s.patients.map((p) => p.id)).toEqual(["good"]);
    expect(s.invalid.map((x) => x.index)).toEqual([1, 2, 3]);
    for (const x of s.invalid) {
      expect(x.error).toBeInstanceOf(InputError);
      expect(x.error.message).toMatch(/could not be read/);
    }
    const w24 = s.timepoints[0];
    expect(w24?.counts).toEqual({ CR: 1, PR: 0, NR: 0, indeterminate: 0, missing: 0, invalid: 3 });
    expect(w24?.denominator).toBe(4);
  });
  it("records that are not an array are an InputError (not a TypeError)", () => {
    expect(pathsOf(() => summarizeCohort(criteria.kang2020, null as never))).toEqual(["records"]);
    expect(pathsOf(() => compareCriteria({} as never, [criteria.kang2020]))).toEqual(["data"]);
  });
  it("compareCriteria keeps them in each definition's cohort summary", () => {
    const c = compareCriteria([good, throwingGetter], [criteria.zhang2023, criteria.kang2020], {
      timepoints: [{ label: "week 24", day: 168, windowDays: 28 }],
    });
    expect(c.rows.map((r) => r.id)).toEqual(["good"]);
    expect(c.invalid?.map((x) => x.index)).toEqual([1]);
    expect(c.cohorts?.kang2020?.invalid.map((x) => x.index)).toEqual([1]);
  });
});

describe("options (property)", () => {
  const num = fc.oneof(
    fc.integer({ min: -5, max: 800 }),
    fc.double({ noDefaultInfinity: false }),
    fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, 0.5, 1, 0),
  );
  const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
  const days = (x: number) => Number.isInteger(x) && x >= 0;
  const record: PatientRecord = {
    id: "p",
    ...base,
    visits: [
      { day: 30, labs: labs(0.2) },
      { day: 170, labs: labs(0.8) },
    ],
  };
  test.prop([num, num, maybe(num), maybe(num), maybe(num), fc.boolean()], {
    numRuns: propertyRuns(300),
  })(
    "summarizeCohort accepts exactly the valid options; otherwise an InputError, never a wrong number",
    (day, windowDays, level, override, maxDays, best) => {
      const opts = {
        timepoints: [{ label: "t", day, windowDays }],
        carryForward: true,
        ...(level === undefined ? {} : { level }),
        ...(override === undefined ? {} : { windowDays: override }),
        ...(maxDays === undefined ? {} : { carryForwardMaxDays: maxDays }),
        ...(best ? { outcome: "best-by-timepoint" as const } : {}),
      };
      const valid =
        days(day) &&
        days(windowDays) &&
        (level === undefined || (level > 0 && level < 1)) &&
        (override === undefined || days(override)) &&
        (maxDays === undefined || days(maxDays));
      let s: ReturnType<typeof summarizeCohort> | undefined;
      try {
        s = summarizeCohort(criteria.kang2020, [record], opts);
      } catch (e) {
        expect(e).toBeInstanceOf(InputError);
        expect(valid).toBe(false);
        return;
      }
      expect(valid).toBe(true);
      const t = s.timepoints[0];
      const w = override ?? windowDays;
      // Not assessed (the one record has no assessment there): no rate and no interval.
      expect(t?.notAssessed === undefined).toBe(
        s.patients[0]?.timepoints[0]?.category !== "missing",
      );
      for (const r of [t?.rates.CR, t?.rates.PR, t?.rates.OR]) {
        if (t?.notAssessed !== undefined) {
          expect([r?.rate, r?.ci]).toEqual([null, null]);
          continue;
        }
        const [lo, hi] = r?.ci ?? [Number.NaN, Number.NaN];
        expect(lo).toBeGreaterThanOrEqual(0);
        expect(hi).toBeLessThanOrEqual(1);
        expect(lo).toBeLessThanOrEqual(hi);
      }
      // A visit that stands for the time point is in its window, or carried from before it.
      const a = s.patients[0]?.timepoints[0];
      if (a?.visitDay !== undefined && !best && !a.carriedForward) {
        expect(Math.abs(a.visitDay - day)).toBeLessThanOrEqual(w);
      }
      if (a?.visitDay !== undefined) expect(a.visitDay).toBeLessThanOrEqual(day + w);
    },
  );
});
