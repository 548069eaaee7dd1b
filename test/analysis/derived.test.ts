// Confirmed and sustained responses (issue 16 item 4), on courses written by hand: the visits'
// categories are given, so every expectation follows from the rule's words alone.
import { describe, expect, it } from "vitest";
import { confirmedResponse, sustainedResponse, timeToEvent } from "../../src/analysis/derived.js";
import type { RecordTimeline } from "../../src/api/timeline.js";

const course = (...visits: [number, string][]): RecordTimeline =>
  ({
    id: "p",
    outcome: "at-timepoint",
    visits: visits.map(([day, category]) => ({ day, category, endpoints: {} })),
    timepoints: [],
  }) as unknown as RecordTimeline;

describe("confirmedResponse", () => {
  const rule = { target: "response" as const, minDaysApart: 28 };
  it("met at two assessments exactly 28 days apart: confirmed, with both days", () => {
    expect(confirmedResponse(course([84, "PR"], [112, "CR"]), rule)).toEqual({
      status: "met",
      firstDay: 84,
      confirmedDay: 112,
    });
  });
  it("27 days apart is too soon; a later assessment confirms it if none in between lost it", () => {
    expect(confirmedResponse(course([84, "PR"], [111, "PR"]), rule).status).toBe("not-met");
    expect(confirmedResponse(course([84, "PR"], [111, "PR"], [140, "PR"]), rule)).toEqual({
      status: "met",
      firstDay: 84,
      // Day 111 is 27 days after day 84 (not counted, but not a loss); day 140 is 56 days after.
      confirmedDay: 140,
    });
  });
  it("an NR in between breaks the run; a new run can confirm later", () => {
    const r = confirmedResponse(course([84, "PR"], [100, "NR"], [140, "PR"]), rule);
    expect(r.status).toBe("not-met");
    expect(r.reason).toBe("no response confirmed by 1 later assessment(s) at least 28 days apart");
    expect(
      confirmedResponse(course([84, "PR"], [100, "NR"], [140, "PR"], [168, "CR"]), rule),
    ).toEqual({ status: "met", firstDay: 140, confirmedDay: 168 });
  });
  it("an indeterminate assessment in between (or at the start) makes it unknown, not a loss", () => {
    const between = confirmedResponse(
      course([84, "PR"], [100, "indeterminate"], [140, "PR"]),
      rule,
    );
    expect(between.status).toBe("unknown");
    expect(between.reason).toBe("an indeterminate assessment between day 84 and day 140");
    expect(confirmedResponse(course([84, "indeterminate"], [140, "PR"]), rule).status).toBe(
      "unknown",
    );
    // Another run that is met decides it.
    expect(
      confirmedResponse(course([84, "PR"], [100, "indeterminate"], [140, "PR"], [168, "PR"]), rule),
    ).toEqual({ status: "met", firstDay: 140, confirmedDay: 168 });
  });
  it("target CR: PR is not the response; two confirmations need three assessments", () => {
    expect(
      confirmedResponse(course([84, "CR"], [112, "PR"]), { ...rule, target: "CR" }).status,
    ).toBe("not-met");
    const two = { ...rule, confirmations: 2 };
    expect(confirmedResponse(course([84, "PR"], [112, "PR"]), two).status).toBe("not-met");
    expect(confirmedResponse(course([84, "PR"], [112, "PR"], [140, "CR"]), two)).toEqual({
      status: "met",
      firstDay: 84,
      confirmedDay: 140,
    });
  });
  it("no visits: not met, said so; a bad rule is a RangeError", () => {
    expect(confirmedResponse(course(), rule)).toEqual({
      status: "not-met",
      reason: "no assessment",
    });
    expect(() => confirmedResponse(course(), { ...rule, confirmations: 0 })).toThrow(RangeError);
    expect(() => confirmedResponse(course(), { ...rule, minDaysApart: Number.NaN })).toThrow(
      RangeError,
    );
    expect(() => confirmedResponse(course(), { ...rule, target: "PR" as never })).toThrow(
      RangeError,
    );
  });
});

describe("sustainedResponse", () => {
  const c = course([91, "PR"], [182, "CR"], [273, "PR"], [365, "indeterminate"], [450, "NR"]);
  it("met at every assessment in the period", () => {
    expect(sustainedResponse(c, { target: "response", fromDay: 91, toDay: 273 })).toEqual({
      status: "met",
    });
  });
  it("not met when one assessment in the period is decided without it", () => {
    expect(sustainedResponse(c, { target: "CR", fromDay: 91, toDay: 273 })).toEqual({
      status: "not-met",
      reason: "PR on day 91",
    });
    expect(sustainedResponse(c, { target: "response", fromDay: 91, toDay: 450 }).status).toBe(
      "not-met",
    );
  });
  it("unknown with an indeterminate assessment, or with none in the period", () => {
    expect(sustainedResponse(c, { target: "response", fromDay: 182, toDay: 365 })).toEqual({
      status: "unknown",
      reason: "indeterminate on day 365",
    });
    expect(sustainedResponse(c, { target: "response", fromDay: 100, toDay: 150 })).toEqual({
      status: "unknown",
      reason: "no assessment from day 100 to day 150",
    });
    expect(() => sustainedResponse(c, { target: "response", fromDay: 200, toDay: 100 })).toThrow(
      RangeError,
    );
  });
});

describe("timeToEvent", () => {
  // Courses as assessRecord reports them (the days written by hand).
  const t = (id: string, days: number[], more: Partial<RecordTimeline> = {}) =>
    ({
      id,
      outcome: "at-timepoint",
      visits: days.map((day) => ({ day, category: "NR", endpoints: {} })),
      timepoints: [],
      ...more,
    }) as unknown as RecordTimeline;
  const courses = [
    t("a", [91, 182, 365], {
      firstResponseDay: 182,
      responseDurationDays: 183,
      responseCensored: false,
    }),
    t("b", [91, 182], {
      firstResponseDay: 91,
      firstCompleteResponseDay: 182,
      responseDurationDays: 91,
      responseCensored: true,
    }),
    t("c", [91, 273]),
    t("d", []),
  ];
  it("first response: the day, or censored at the last visit; a patient with no visit is listed", () => {
    expect(timeToEvent(courses, "first-response")).toEqual({
      observations: [
        { id: "a", time: 182, event: true },
        { id: "b", time: 91, event: true },
        { id: "c", time: 273, event: false },
      ],
      excluded: [{ id: "d", reason: "no visit" }],
    });
  });
  it("first CR and the duration of response (censored when not lost)", () => {
    expect(timeToEvent(courses, "first-CR").observations).toEqual([
      { id: "a", time: 365, event: false },
      { id: "b", time: 182, event: true },
      { id: "c", time: 273, event: false },
    ]);
    expect(timeToEvent(courses, "response-duration")).toEqual({
      observations: [
        { id: "a", time: 183, event: true },
        { id: "b", time: 91, event: false },
      ],
      excluded: [
        { id: "c", reason: "no response (no duration of response)" },
        { id: "d", reason: "no visit" },
      ],
    });
    expect(() => timeToEvent(courses, "flare" as never)).toThrow(RangeError);
  });
});
