import { describe, expect, it } from "vitest";
import { summarizeCohort } from "../../src/analysis/cohort.js";
import {
  applyEstimand,
  DEFAULT_ESTIMAND,
  defaultEstimand,
  type Estimand,
  type EstimandStrategy,
  intercurrentEvents,
  OBSERVED_ESTIMAND,
} from "../../src/analysis/estimands.js";
import { assessRecord } from "../../src/api/timeline.js";
import { criteria } from "../../src/criteria/index.js";
import type { FollowUpEvent, PatientRecord } from "../../src/model/record.js";

// Kang 2020 (week 24): from a baseline of 4 g/24h, 0.8 g/24h is an 80 % fall with albumin
// 38 g/L and creatinine unchanged — PR ("at least a 50% decrease from the baseline", "serum
// albumin concentration over 30 g/L"); 3.8 g/24h is a 5 % fall — NR.
const labs = (up: number) => ({
  proteinuria: { value: up, unit: "g/24h" },
  serumCreatinine: { value: 60, unit: "umol/L" },
  serumAlbumin: { value: 38, unit: "g/L" },
});
const W24 = { label: "week 24", day: 168, windowDays: 28 };
const record = (visits: PatientRecord["visits"], events: FollowUpEvent[]): PatientRecord => ({
  id: "p",
  patient: { sex: "F" },
  baseline: {
    proteinuria: { value: 4, unit: "g/24h" },
    serumCreatinine: { value: 60, unit: "umol/L" },
  },
  visits,
  events,
});
const every = (s: EstimandStrategy): Estimand => ({
  strategies: {
    "rescue-therapy": s,
    "treatment-discontinuation": s,
    "withdrawal-adverse-event": s,
    "withdrawal-other": s,
    death: s,
  },
  source: "test",
});
const at24 = (r: PatientRecord, s: EstimandStrategy) => {
  const t = assessRecord(criteria.kang2020, r, { timepoints: [W24] });
  return applyEstimand(t, r.events ?? [], every(s), [W24]).timepoints[0];
};

describe("estimands: one intercurrent event, each strategy", () => {
  // NR on day 84, rescue therapy on day 100, PR on day 170 (the week-24 visit).
  const rescued = record(
    [
      { day: 84, labs: labs(3.8) },
      { day: 170, labs: labs(0.8) },
    ],
    [{ type: "rescue-therapy", day: 100 }],
  );
  it("observed (no strategy applied) is PR at the day-170 visit", () => {
    const t = assessRecord(criteria.kang2020, rescued, { timepoints: [W24] });
    expect(t.timepoints[0]?.category).toBe("PR");
  });
  it("composite: rescue therapy before the assessment is non-response, end points not met", () => {
    const a = at24(rescued, "composite");
    expect(a?.category).toBe("NR");
    expect(a?.reason).toBe("non-response (composite strategy): rescue therapy on day 100");
    expect(a?.intercurrentEvent).toEqual({
      kind: "rescue-therapy",
      day: 100,
      strategy: "composite",
    });
    expect(Object.values(a?.endpoints ?? {}).every((v) => v === "not-met")).toBe(true);
    expect(a?.observed.category).toBe("PR");
  });
  it("treatment policy: the observed PR stands, the event is recorded", () => {
    const a = at24(rescued, "treatment-policy");
    expect(a?.category).toBe("PR");
    expect(a?.visitDay).toBe(170);
    expect(a?.intercurrentEvent?.strategy).toBe("treatment-policy");
  });
  it("while on treatment: the last visit on or before the rescue (day 84, NR)", () => {
    const a = at24(rescued, "while-on-treatment");
    expect(a?.category).toBe("NR");
    expect(a?.visitDay).toBe(84);
    expect(a?.reason).toBe(
      "last assessment on treatment, day 84, before rescue therapy on day 100 (while-on-treatment strategy)",
    );
  });
  it("hypothetical: the assessment after the event is missing, flagged for the denominator", () => {
    const a = at24(rescued, "hypothetical");
    expect(a?.category).toBe("missing");
    expect(a?.hypotheticalMissing).toBe(true);
    expect(a?.reason).toBe(
      "assessments after rescue therapy on day 100 treated as missing (hypothetical strategy)",
    );
  });
  it("while on treatment with no visit before the event is missing", () => {
    const r = record([{ day: 170, labs: labs(0.8) }], [{ type: "rescue-therapy", day: 30 }]);
    const a = at24(r, "while-on-treatment");
    expect(a?.category).toBe("missing");
    expect(a?.reason).toBe(
      "no assessment before rescue therapy on day 30 (while-on-treatment strategy)",
    );
  });
});

describe("estimands: when an event counts for a time point", () => {
  it("an event after the assessment changes nothing under any strategy", () => {
    const r = record([{ day: 170, labs: labs(0.8) }], [{ type: "rescue-therapy", day: 171 }]);
    for (const s of [
      "composite",
      "treatment-policy",
      "while-on-treatment",
      "hypothetical",
    ] as const) {
      const a = at24(r, s);
      expect(a?.category, s).toBe("PR");
      expect(a?.intercurrentEvent, s).toBeUndefined();
    }
  });
  it("rescue therapy on the day of the assessment counts (as in assessRecord)", () => {
    const r = record([{ day: 170, labs: labs(0.8) }], [{ type: "rescue-therapy", day: 170 }]);
    expect(at24(r, "composite")?.category).toBe("NR");
  });
  it("a withdrawal on the day of the assessment does not (the visit was made)", () => {
    const r = record(
      [{ day: 170, labs: labs(0.8) }],
      [{ type: "withdrawal", day: 170, reason: "adverse-event" }],
    );
    expect(at24(r, "composite")?.category).toBe("PR");
  });
  it("withdrawal for another reason with no later visit: each strategy", () => {
    const r = record(
      [{ day: 84, labs: labs(0.8) }],
      [{ type: "withdrawal", day: 120, reason: "lost-to-follow-up" }],
    );
    expect(at24(r, "treatment-policy")?.category).toBe("missing");
    expect(at24(r, "composite")?.category).toBe("NR");
    const wot = at24(r, "while-on-treatment");
    expect([wot?.category, wot?.visitDay]).toEqual(["PR", 84]);
    expect(at24(r, "hypothetical")?.hypotheticalMissing).toBe(true);
    expect(at24(r, "composite")?.intercurrentEvent?.kind).toBe("withdrawal-other");
  });
  it("without a visit, events count up to the end of the window (168 + 28 = day 196)", () => {
    const r = record([], [{ type: "death", day: 190 }]);
    const t = assessRecord(criteria.kang2020, r, { timepoints: [W24] });
    expect(
      applyEstimand(t, r.events ?? [], every("composite"), [W24]).timepoints[0]?.category,
    ).toBe("NR");
    const late = record([], [{ type: "death", day: 197 }]);
    const t2 = assessRecord(criteria.kang2020, late, { timepoints: [W24] });
    expect(
      applyEstimand(t2, late.events ?? [], every("composite"), [W24]).timepoints[0]?.category,
    ).toBe("missing");
  });
  it("the earliest event decides: discontinuation (treatment policy) before death (composite)", () => {
    const mixed: Estimand = {
      ...DEFAULT_ESTIMAND,
      strategies: {
        ...DEFAULT_ESTIMAND.strategies,
        "treatment-discontinuation": "treatment-policy",
      },
    };
    const r = record(
      [{ day: 84, labs: labs(0.8) }],
      [
        { type: "death", day: 150 },
        { type: "treatment-discontinuation", day: 90, reason: "adverse-event" },
      ],
    );
    const t = assessRecord(criteria.kang2020, r, { timepoints: [W24] });
    const a = applyEstimand(t, r.events ?? [], mixed, [W24]).timepoints[0];
    expect(a?.intercurrentEvent).toEqual({
      kind: "treatment-discontinuation",
      day: 90,
      strategy: "treatment-policy",
    });
    expect(a?.category).toBe("missing"); // no visit in the window; death not reached by the rule
  });
});

describe("intercurrent events and defaults", () => {
  it("reads rescue, discontinuation, withdrawal (by reason) and death; ignores the rest", () => {
    expect(
      intercurrentEvents([
        { type: "end-of-follow-up", day: 5 },
        { type: "missed-visit", day: 6, reason: "x" },
        { type: "rescue-therapy", day: 40 },
        { type: "withdrawal", day: 40, reason: "other" },
        { type: "death", day: 40 },
        { type: "withdrawal", day: 10, reason: "adverse-event" },
        { type: "extra-renal-manifestation", day: 1 },
      ]),
    ).toEqual([
      { kind: "withdrawal-adverse-event", day: 10 },
      { kind: "death", day: 40 },
      { kind: "withdrawal-other", day: 40 },
      { kind: "rescue-therapy", day: 40 },
    ]);
  });
  it("REGENCY: every intercurrent event is a failure ('no intercurrent event (rescue therapy, treatment failure, death, or early withdrawal)')", () => {
    expect(Object.values(defaultEstimand("regency2025").strategies)).toEqual([
      "composite",
      "composite",
      "composite",
      "composite",
      "composite",
    ]);
    expect(defaultEstimand("regency2025").source).toContain("doi:10.1056/NEJMoa2410965");
  });
  it("AURORA 1 and BLISS-LN name rescue therapy; others take the library default", () => {
    expect(defaultEstimand("aurora1").strategies["rescue-therapy"]).toBe("composite");
    expect(defaultEstimand("blissln2020").strategies["rescue-therapy"]).toBe("composite");
    expect(defaultEstimand("kang2020")).toBe(DEFAULT_ESTIMAND);
    expect(defaultEstimand("constructor")).toBe(DEFAULT_ESTIMAND);
    expect(DEFAULT_ESTIMAND.strategies["treatment-discontinuation"]).toBe("treatment-policy");
    expect(Object.isFrozen(DEFAULT_ESTIMAND.strategies)).toBe(true);
  });
});

describe("summarizeCohort with an estimand: one patient per kind of intercurrent event", () => {
  // Kang 2020 at week 24 (day 168 ± 28). Hand-derived categories: 0.8 g/24h → PR, 3.8 → NR.
  const cohort: PatientRecord[] = [
    { ...record([{ day: 170, labs: labs(0.8) }], []), id: "p1" },
    {
      ...record(
        [
          { day: 84, labs: labs(3.8) },
          { day: 170, labs: labs(0.8) },
        ],
        [{ type: "rescue-therapy", day: 100 }],
      ),
      id: "p2",
    },
    {
      ...record(
        [{ day: 30, labs: labs(0.8) }],
        [{ type: "withdrawal", day: 60, reason: "adverse-event" }],
      ),
      id: "p3",
    },
    {
      ...record(
        [{ day: 84, labs: labs(3.8) }],
        [{ type: "withdrawal", day: 120, reason: "lost-to-follow-up" }],
      ),
      id: "p4",
    },
    { ...record([{ day: 84, labs: labs(0.8) }], [{ type: "death", day: 150 }]), id: "p5" },
    {
      ...record(
        [{ day: 170, labs: labs(0.8) }],
        [{ type: "treatment-discontinuation", day: 50, reason: "lack-of-efficacy" }],
      ),
      id: "p6",
    },
  ];
  const summary = (estimand?: Estimand | "default", analysis?: "itt" | "evaluable") =>
    summarizeCohort(criteria.kang2020, cohort, {
      timepoints: [W24],
      ...(estimand === undefined ? {} : { estimand }),
      ...(analysis === undefined ? {} : { analysis }),
    });
  const or = (s: ReturnType<typeof summary>) => {
    const r = s.timepoints[0]?.rates.OR;
    return [r?.count, r?.denominator];
  };
  it("no estimand: observed values, recorded as such; PR for p1, p2, p6 → 3/6", () => {
    const s = summary();
    expect(or(s)).toEqual([3, 6]);
    expect(s.estimand).toBe(OBSERVED_ESTIMAND);
    expect(s.timepoints[0]?.counts).toMatchObject({ PR: 3, missing: 3 });
  });
  it("treatment policy for every event gives the observed 3/6", () => {
    expect(or(summary(every("treatment-policy")))).toEqual([3, 6]);
  });
  it("composite for every event: only p1 responds → 1/6", () => {
    const s = summary(every("composite"));
    expect(or(s)).toEqual([1, 6]);
    expect(s.timepoints[0]?.counts).toMatchObject({ PR: 1, NR: 5, missing: 0 });
    expect(s.estimand.strategies.death).toBe("composite");
  });
  it("while on treatment: p1 PR, p2 NR (day 84), p3 PR (day 30), p4 NR (day 84), p5 PR (day 84), p6 missing → 3/6", () => {
    const s = summary(every("while-on-treatment"));
    expect(or(s)).toEqual([3, 6]);
    expect(s.timepoints[0]?.counts).toMatchObject({ PR: 3, NR: 2, missing: 1 });
  });
  it("hypothetical: p2–p6 are missing and out of the denominator, with reasons → 1/1", () => {
    const s = summary(every("hypothetical"));
    expect(or(s)).toEqual([1, 1]);
    expect(s.timepoints[0]?.excluded.map((x) => x.id)).toEqual(["p2", "p3", "p4", "p5", "p6"]);
    expect(s.timepoints[0]?.excluded[0]?.reason).toBe(
      "assessments after rescue therapy on day 100 treated as missing (hypothetical strategy)",
    );
    expect(or(summary(every("hypothetical"), "evaluable"))).toEqual([1, 1]);
  });
  it("'default' takes the definition's default: Kang 2020 → composite except discontinuation → 2/6", () => {
    const s = summary("default");
    expect(or(s)).toEqual([2, 6]);
    expect(s.estimand).toBe(DEFAULT_ESTIMAND);
  });
  it("a malformed estimand is an InputError naming its path", () => {
    expect(() =>
      summarizeCohort(criteria.kang2020, cohort, {
        timepoints: [W24],
        estimand: { strategies: { death: "ignore" }, source: "x" } as unknown as Estimand,
      }),
    ).toThrow(/options\.estimand/);
  });
});
