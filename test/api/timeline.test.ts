import { describe, expect, it } from "vitest";
import { summarizeCohort } from "../../src/analysis/cohort.js";
import { assessRecord, criteria, type PatientRecord, resolveTimepoint } from "../../src/index.js";
import { base, cohort, labs, W24 } from "../support/cohort.js";

describe("time point resolution", () => {
  it("takes the visit nearest the target inside the window; earlier on a tie", () => {
    const r: PatientRecord = {
      id: "a",
      visits: [
        { day: 150, labs: {} },
        { day: 186, labs: {} },
      ],
    };
    expect(resolveTimepoint(r, W24).visit?.day).toBe(150); // both 18 days away
    expect(
      resolveTimepoint(
        {
          id: "b",
          visits: [
            { day: 160, labs: {} },
            { day: 175, labs: {} },
          ],
        },
        W24,
      ).visit?.day,
    ).toBe(175);
  });
  it("a visit just outside the window does not count (and the reason says so)", () => {
    const r: PatientRecord = { id: "a", visits: [{ day: 139, labs: {} }] }; // 29 days before day 168
    const t = resolveTimepoint(r, W24);
    expect(t.visit).toBeUndefined();
    expect(t.reason).toBe("no visit within ±28 days of day 168");
    expect(resolveTimepoint({ id: "b", visits: [{ day: 140, labs: {} }] }, W24).visit?.day).toBe(
      140,
    ); // exactly 28
  });
  it("withdrawal, death and missed visits are the reason when there is no visit", () => {
    expect(
      resolveTimepoint(
        {
          id: "a",
          events: [{ type: "withdrawal", day: 40, reason: "adverse-event", detail: "cytopenia" }],
        },
        W24,
      ).reason,
    ).toBe("withdrawn on day 40 (adverse event: cytopenia)");
    expect(
      resolveTimepoint(
        { id: "a", events: [{ type: "missed-visit", day: 170, reason: "COVID-19" }] },
        W24,
      ).reason,
    ).toBe("missed visit (COVID-19)");
    expect(resolveTimepoint({ id: "a", events: [{ type: "death", day: 100 }] }, W24).reason).toBe(
      "died on day 100",
    );
  });
  it("carry-forward uses the last earlier visit, flagged", () => {
    const r: PatientRecord = { id: "a", visits: [{ day: 84, labs: {} }] };
    expect(resolveTimepoint(r, W24).visit).toBeUndefined();
    const t = resolveTimepoint(r, W24, { carryForward: true });
    expect(t.visit?.day).toBe(84);
    expect(t.carriedForward).toBe(true);
  });
  it("visits given by date resolve against the baseline date", () => {
    const r: PatientRecord = {
      id: "a",
      baselineDate: "2020-01-01",
      visits: [{ date: "2020-06-17", labs: {} }],
    }; // day 168
    expect(resolveTimepoint(r, W24).visit?.day).toBe(168);
  });
});

describe("a record's course", () => {
  it("response then loss of response: first response, loss, duration", () => {
    const t = assessRecord(criteria.zhang2023, {
      id: "p",
      ...base,
      visits: [
        { day: 91, labs: labs(1.5) }, // 62.5% drop, < 3 g from nephrotic baseline, albumin 38 → PR
        { day: 183, labs: labs(0.3) }, // CR
        { day: 365, labs: labs(3.9) }, // NR
        { day: 731, labs: labs(0.4) }, // CR again
      ],
    });
    expect(t.timepoints.map((x) => x.category)).toEqual(["PR", "CR", "NR", "CR"]);
    expect(t.firstResponseDay).toBe(91);
    expect(t.firstCompleteResponseDay).toBe(183);
    expect(t.lossOfResponseDay).toBe(365);
    expect(t.responseDurationDays).toBe(274);
    expect(t.responseCensored).toBe(false);
    expect(t.timepoints.map((x) => x.treatmentFailure)).toEqual([
      "not-met",
      "not-met",
      "met",
      "not-met",
    ]);
  });
  it("rescue therapy is a treatment failure even with a response", () => {
    const t = assessRecord(criteria.zhang2023, {
      id: "p",
      ...base,
      visits: [{ day: 183, labs: labs(0.3) }],
      events: [{ type: "rescue-therapy", day: 150, detail: "rituximab" }],
    });
    expect(t.timepoints[1]?.category).toBe("CR");
    expect(t.timepoints[1]?.treatmentFailure).toBe("met");
  });
});

describe("cohort summaries", () => {
  it("ITT: all records in the denominator; counts sum to the records", () => {
    const s = summarizeCohort(criteria.kang2020, [...cohort, { id: 5 }]);
    const tp = s.timepoints[0];
    expect(tp?.counts).toEqual({ CR: 1, PR: 1, NR: 1, indeterminate: 1, missing: 1, invalid: 1 });
    expect(tp?.denominator).toBe(6);
    expect(tp?.rates.OR.count).toBe(2);
    expect(tp?.rates.OR.rate).toBeCloseTo(2 / 6, 12);
    expect(s.invalid.map((x) => x.index)).toEqual([5]);
  });
  it("evaluable: the indeterminate and the lost record are excluded with reasons", () => {
    const tp = summarizeCohort(criteria.kang2020, cohort, { analysis: "evaluable" }).timepoints[0];
    expect(tp?.denominator).toBe(3);
    expect(tp?.excluded).toEqual([
      { id: "ind", reason: "indeterminate: missing current.serumAlbumin, current.serumCreatinine" },
      { id: "lost", reason: "withdrawn on day 28 (lost to follow up)" },
    ]);
    expect(tp?.rates.CR).toMatchObject({ count: 1, denominator: 3 });
  });
  it("a time point at which nobody was assessed is 'not assessed' (no rate, no interval), under every analysis", () => {
    // Zhang 2023's schedule: months 3, 6, 12 and 24. The cohort's visits are all near day 168
    // (month 6, window ±30 days): months 3, 12 and 24 have no assessment at all. Under ITT the
    // old summary printed 0/5, 0.0% (0.0–52.2) there, as if every patient had failed.
    for (const analysis of ["itt", "evaluable", "per-protocol"] as const) {
      const s = summarizeCohort(criteria.zhang2023, cohort, { analysis });
      expect(s.timepoints.map((t) => [t.label, t.assessed])).toEqual([
        ["month 3", 0],
        ["month 6", 4],
        ["month 12", 0],
        ["month 24", 0],
      ]);
      const m3 = s.timepoints[0];
      expect(m3?.notAssessed).toBe("no record has an assessment at this time point");
      for (const r of [m3?.rates.CR, m3?.rates.PR, m3?.rates.OR, m3?.endpoints.UP25]) {
        expect(r).toMatchObject({ count: 0, rate: null, ci: null });
      }
      const m6 = s.timepoints[1];
      expect(m6?.notAssessed).toBeUndefined();
      expect(m6?.rates.OR.rate).not.toBeNull();
      expect(m6?.rates.OR.ci).not.toBeNull();
    }
  });
});

describe("follow-up boundaries (issues found by the golden scenarios)", () => {
  const nrVisit = {
    day: 365,
    labs: {
      proteinuria: { value: 3.8, unit: "g/24h" },
      serumCreatinine: { value: 60, unit: "umol/L" },
      serumAlbumin: { value: 38, unit: "g/L" },
    },
  };
  it("a withdrawal after the month-12 assessment (inside the window) does not make the assessment withdrawn", () => {
    const r: PatientRecord = {
      id: "w",
      ...base,
      visits: [nrVisit],
      events: [{ type: "withdrawal", day: 380, reason: "other" }],
    };
    const m12 = summarizeCohort(criteria.zhang2023, [r]).timepoints[2];
    expect(m12?.treatmentFailure).toMatchObject({ count: 1, denominator: 1 });
    expect(
      summarizeCohort(criteria.zhang2023, [r], { analysis: "per-protocol" }).timepoints[2]
        ?.denominator,
    ).toBe(1);
  });
  it("carry-forward can be bounded", () => {
    const r: PatientRecord = { id: "c", visits: [{ day: 14, labs: {} }] };
    const tp = { label: "month 24", day: 731, windowDays: 45 };
    expect(resolveTimepoint(r, tp, { carryForward: true }).visit?.day).toBe(14);
    expect(
      resolveTimepoint(r, tp, { carryForward: true, carryForwardMaxDays: 180 }).visit,
    ).toBeUndefined();
  });
  it("an end of follow-up is its own reason and leaves the later time points out of the failure denominator", () => {
    const r: PatientRecord = {
      id: "e",
      ...base,
      visits: [nrVisit],
      events: [{ type: "end-of-follow-up", day: 450 }],
    };
    const s = summarizeCohort(criteria.zhang2023, [r]);
    expect(s.patients[0]?.timepoints[3]?.reason).toBe("follow-up ended on day 450");
    expect(s.timepoints[3]?.treatmentFailure.denominator).toBe(0);
  });
});

describe("best response by a time point (outcome: 'best-by-timepoint')", () => {
  // Kang 2020 week 24: day 168 ± 28, so the span is day 0 to day 196.
  const pr84 = { day: 84, labs: labs(0.8) }; // 4 → 0.8 g/24h with albumin 38: PR
  const nr168 = { day: 168, labs: labs(3.5) }; // 12.5% fall: NR
  const crLabs = { ...labs(0.2), urineSediment: { normal: true } };
  const best = { outcome: "best-by-timepoint" } as const;

  it("a PR at week 12 and an NR at week 24: NR at the time point, PR as best response by it", () => {
    const r = { id: "b", ...base, visits: [pr84, nr168] };
    const at = assessRecord(criteria.kang2020, r).timepoints[0];
    expect([at?.category, at?.visitDay]).toEqual(["NR", 168]);
    const t = assessRecord(criteria.kang2020, r, best);
    expect(t.outcome).toBe("best-by-timepoint");
    const b = t.timepoints[0];
    expect([b?.category, b?.visitDay]).toEqual(["PR", 84]);
    expect(b?.reason).toBe("best response from day 0 to day 196: PR on day 84");
    expect(b?.treatmentFailure).toBe("not-met");
    expect(b?.endpoints.renalResponse).toBe("met");
    expect(b?.result?.category).toBe("PR");
  });
  it("a CR before the window counts; a CR after the window's end (day 197) does not", () => {
    const early = { id: "e", ...base, visits: [{ day: 30, labs: crLabs }, nr168] };
    expect(assessRecord(criteria.kang2020, early, best).timepoints[0]?.category).toBe("CR");
    const late = { id: "l", ...base, visits: [pr84, { day: 197, labs: crLabs }] };
    expect(assessRecord(criteria.kang2020, late, best).timepoints[0]?.category).toBe("PR");
    const edge = { id: "g", ...base, visits: [pr84, { day: 196, labs: crLabs }] };
    expect(assessRecord(criteria.kang2020, edge, best).timepoints[0]?.category).toBe("CR");
  });
  it("an indeterminate visit that might beat the best decided one leaves it indeterminate", () => {
    // 0.2 g/24h alone: creatinine, albumin and sediment unknown, so CR is still possible.
    const maybeCr = { day: 120, labs: { proteinuria: { value: 0.2, unit: "g/24h" } } };
    const b = assessRecord(criteria.kang2020, { id: "i", ...base, visits: [pr84, maybeCr] }, best)
      .timepoints[0];
    expect(b?.category).toBe("indeterminate");
    expect(b?.visitDay).toBeUndefined();
    expect(b?.missing).toContain("current.serumCreatinine");
    expect(b?.treatmentFailure).toBe("unknown");
    // An indeterminate visit that can be at best PR does not unsettle a PR.
    const maybePr = { day: 120, labs: { proteinuria: { value: 0.8, unit: "g/24h" } } };
    expect(
      assessRecord(criteria.kang2020, { id: "j", ...base, visits: [pr84, maybePr] }, best)
        .timepoints[0]?.category,
    ).toBe("PR");
  });
  it("no visit by the end of the window: missing, with the reason", () => {
    const r = {
      id: "w",
      ...base,
      events: [{ type: "withdrawal" as const, day: 20, reason: "other" as const }],
    };
    const b = assessRecord(criteria.kang2020, r, best).timepoints[0];
    expect(b?.category).toBe("missing");
    expect(b?.reason).toBe("withdrawn on day 20 (other)");
  });
  it("the summary records the outcome rule (default at-timepoint)", () => {
    const r = { id: "b", ...base, visits: [pr84, nr168] };
    const s0 = summarizeCohort(criteria.kang2020, [r]);
    expect(s0.outcome).toBe("at-timepoint");
    expect(s0.timepoints[0]?.rates.OR.count).toBe(0);
    const s = summarizeCohort(criteria.kang2020, [r], best);
    expect(s.outcome).toBe("best-by-timepoint");
    expect(s.timepoints[0]?.rates.OR.count).toBe(1);
    expect(s.timepoints[0]?.rates.PR.count).toBe(1);
  });
  it("an unknown outcome is an InputError at options.outcome", () => {
    expect(() =>
      assessRecord(criteria.kang2020, { id: "x" }, { outcome: "best" } as never),
    ).toThrow(/options\.outcome/);
  });
});
