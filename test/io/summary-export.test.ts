// Cohort summaries as long-form data (issue 16 item 1). The cohort is the one of
// test/api/timeline.test.ts, whose categories under Kang 2020 at week 24 are checked by hand there:
// CR (0.2 g/day, normal sediment), PR (4 → 0.8 g/day), NR (4 → 3.5 g/day), indeterminate
// (albumin and creatinine missing), missing (withdrawn on day 28). Week 48 has no visit at all.
import { describe, expect, it } from "vitest";
import { summarizeCohort } from "../../src/analysis/cohort.js";
import { criteria } from "../../src/index.js";
import { SUMMARY_COLUMNS, summaryCsv, summaryJson, summaryRows } from "../../src/io.js";
import { cohort } from "../support/cohort.js";

const timepoints = [
  { label: "week 24", day: 168, windowDays: 28 },
  { label: "week 48", day: 336, windowDays: 28 },
];
const summary = () => summarizeCohort(criteria.kang2020, cohort, { timepoints });

describe("summaryRows", () => {
  it("one row per time point × CR, PR, OR, Kang's renal response end point, treatment failure; ITT rates with exact intervals", () => {
    const rows = summaryRows(summary());
    expect(rows.map((r) => `${r.timepoint} ${r.measure}`)).toEqual([
      "week 24 CR",
      "week 24 PR",
      "week 24 OR",
      "week 24 endpoint:renalResponse",
      "week 24 treatmentFailure",
      "week 48 CR",
      "week 48 PR",
      "week 48 OR",
      "week 48 endpoint:renalResponse",
      "week 48 treatmentFailure",
    ]);
    const at = (tp: string, m: string) => rows.find((r) => r.timepoint === tp && r.measure === m);
    // ITT: 5 records in the denominator. Clopper–Pearson 95% for 1/5 is 0.0051–0.7164 and for
    // 2/5 0.0527–0.8534 (standard binomial tables).
    expect(at("week 24", "CR")).toMatchObject({ count: 1, denominator: 5, assessed: 4, rate: 0.2 });
    expect(at("week 24", "CR")?.ciLower).toBeCloseTo(0.0051, 4);
    expect(at("week 24", "CR")?.ciUpper).toBeCloseTo(0.7164, 4);
    expect(at("week 24", "OR")).toMatchObject({ count: 2, denominator: 5, rate: 0.4 });
    expect(at("week 24", "OR")?.ciLower).toBeCloseTo(0.0527, 4);
    expect(at("week 24", "OR")?.ciUpper).toBeCloseTo(0.8534, 4);
    expect(at("week 24", "OR")?.notAssessed).toBeNull();
    // Kang's primary outcome is "renal complete/partial remission": CR or PR, as OR.
    expect(at("week 24", "endpoint:renalResponse")).toMatchObject({ count: 2, denominator: 5 });
    for (const m of ["CR", "PR", "OR"]) {
      expect(at("week 48", m)).toMatchObject({
        count: 0,
        assessed: 0,
        rate: null,
        ciLower: null,
        ciUpper: null,
        notAssessed: "no record has an assessment at this time point",
      });
    }
  });
  it("an end point other than OR is a row of its own (Zhang 2023's UP25)", () => {
    const s = summarizeCohort(criteria.zhang2023, cohort, {
      timepoints: [{ label: "month 6", day: 168, windowDays: 28 }],
    });
    expect(summaryRows(s).map((r) => r.measure)).toEqual([
      "CR",
      "PR",
      "OR",
      "endpoint:UP25",
      "treatmentFailure",
    ]);
  });
});

describe("summaryCsv", () => {
  it("a header of the documented columns and empty cells for a time point not assessed", () => {
    const lines = summaryCsv([summary()]).split("\n");
    expect(lines[0]).toBe(
      "criteria,version,analysis,outcome,estimand,timepoint,day,measure,count,denominator,assessed,rate,ciLower,ciUpper,level,notAssessed",
    );
    expect(lines[0]).toBe(SUMMARY_COLUMNS.join(","));
    expect(lines).toContain(
      `kang2020,${criteria.kang2020.version},itt,at-timepoint,rescue-therapy=treatment-policy; treatment-discontinuation=treatment-policy; withdrawal-adverse-event=treatment-policy; withdrawal-other=treatment-policy; death=treatment-policy,week 48,336,CR,0,5,0,,,,0.95,no record has an assessment at this time point`,
    );
    expect(lines.at(-1)).toBe("");
    expect(lines).toHaveLength(1 + 10 + 1);
  });
  it("neutralises a time-point label a spreadsheet would run, unless the guard is off", () => {
    const s = summarizeCohort(criteria.kang2020, cohort, {
      timepoints: [{ label: "=HYPERLINK(1)", day: 168, windowDays: 28 }],
    });
    expect(summaryCsv([s]).split("\n")[1]).toContain(`,"'=HYPERLINK(1)",168,CR,`);
    expect(summaryCsv([s], { guard: false }).split("\n")[1]).toContain(",=HYPERLINK(1),168,CR,");
  });
});

describe("summaryJson", () => {
  it("the header, the invalid records with their messages, and the rows; survives JSON", () => {
    const s = summarizeCohort(criteria.kang2020, [...cohort, { id: 7 }], { timepoints });
    const j = JSON.parse(JSON.stringify(summaryJson(s)));
    expect(j.criteria).toEqual({ id: "kang2020", version: criteria.kang2020.version });
    expect(j.records).toBe(6);
    expect(j.invalid).toHaveLength(1);
    expect(j.invalid[0]).toMatchObject({ index: 5, id: null });
    expect(j.invalid[0].issues[0].path).toBe("id");
    expect(j.rows).toHaveLength(10);
    expect(j.rows[0]).toMatchObject({ measure: "CR", count: 1, denominator: 6 });
  });
});
