// The long-file and FHIR readers' rules for real extracts (issue 15, review gaps), each written by
// hand from the standard's wording:
// - SDTM LB `LBSTAT` / `LBREASND` (SDTMIG LB: LBSTAT "Used to indicate when a test is not done or
//   result is missing. Should be null if a result exists in LBORRES"; LBREASND "Describes why
//   LBSTAT is NOT DONE, such as BROKEN EQUIPMENT or SPECIMEN LOST");
// - the date of a timed collection (SDTMIG §4.4.8: "For timed lab collections (e.g., 24-hour urine
//   collections) the LBDTC variable would be used for the start date/time of the collection and
//   LBENDTC for the end date/time of the collection"; FHIR R4 Observation.effectivePeriod): both
//   readers date it by its end when the end is given;
// - same-day results of one analyte (FHIR R4 ObservationStatus: amended "Subsequent to being
//   Final, the observation has been modified"; corrected "… modified to correct an error in the
//   test result"; entered-in-error "The observation has been withdrawn following previous final
//   release. This electronic record should never have existed");
// - an unscheduled VISITNUM with a decimal (2.1) is a visit of its own by its date;
// - records in order of the subjects' first appearance in the input.
import { describe, expect, it } from "vitest";
import { fromFhir } from "../../src/io/fhir.js";
import { fromLongRows } from "../../src/io/long.js";

type Row = Record<string, string>;

/** One SDTM LB row; unspecified variables are empty. */
function lb(
  subject: string,
  test: string,
  value: string,
  unit: string,
  dtc: string,
  extra: Row = {},
): Row {
  const spec = test === "PROT" || test === "PROTCRT" ? "URINE" : "SERUM";
  return {
    USUBJID: subject,
    LBTESTCD: test,
    LBSPEC: spec,
    LBORRES: value,
    LBORRESU: unit,
    LBDTC: dtc,
    ...extra,
  };
}

const UCUM = "http://unitsofmeasure.org";

/** One FHIR Observation of Patient/`patient`. */
function obs(
  id: string,
  patient: string,
  loinc: string,
  value: number,
  unit: string,
  effective: { effectiveDateTime: string } | { effectivePeriod: { start?: string; end?: string } },
  status = "final",
) {
  return {
    resourceType: "Observation",
    id,
    status,
    subject: { reference: `Patient/${patient}` },
    code: { coding: [{ system: "http://loinc.org", code: loinc }] },
    ...effective,
    valueQuantity: { value, unit, system: UCUM, code: unit },
  };
}

describe("SDTM LBSTAT NOT DONE and LBREASND", () => {
  it("a NOT DONE row is missing even when a result was left in LBORRES, and says why", () => {
    const { records, outcomes } = fromLongRows([
      lb("s1", "ALB", "30", "g/L", "2024-01-10T08:00"),
      // LBSTAT "should be null if a result exists": the 1.1 is not a result.
      lb("s1", "CREAT", "1.1", "mg/dL", "2024-01-10T08:00", {
        LBSTAT: "NOT DONE",
        LBREASND: "SAMPLE HEMOLYZED",
      }),
      lb("s1", "PROT", "", "", "2024-01-10T09:00", { LBSTAT: "NOT DONE" }),
    ]);
    expect(records).toEqual([
      {
        id: "s1",
        baselineDate: "2024-01-10",
        baseline: { serumAlbumin: { value: 30, unit: "g/L" } },
        visits: [],
      },
    ]);
    expect(outcomes[1]).toEqual({
      index: 1,
      status: "skipped",
      subject: "s1",
      reason: "not done (LBSTAT NOT DONE; LBREASND: SAMPLE HEMOLYZED): serumCreatinine is missing",
    });
    expect(outcomes[2]).toEqual({
      index: 2,
      status: "skipped",
      subject: "s1",
      reason: "not done (LBSTAT NOT DONE; no LBREASND given): urineProtein24h is missing",
    });
  });
});

describe("a timed collection is dated by its end, in both readers", () => {
  it("SDTM: a 24-h urine started the day before the blood draw (LBDTC) and ended on it (LBENDTC) is of the blood draw's day", () => {
    const { records, outcomes } = fromLongRows([
      lb("s1", "PROT", "3.2", "g/d", "2024-01-09T08:00", { LBENDTC: "2024-01-10T08:00" }),
      lb("s1", "CREAT", "80", "umol/L", "2024-01-10T09:00"),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["used", "used"]);
    expect(records[0]).toEqual({
      id: "s1",
      baselineDate: "2024-01-10",
      baseline: {
        proteinuria: { value: 3.2, unit: "g/d" },
        serumCreatinine: { value: 80, unit: "umol/L" },
      },
      visits: [],
    });
  });

  it("FHIR: the same collection as an effectivePeriod gives the same record", () => {
    const { records } = fromFhir([
      obs("u", "s1", "2889-4", 3.2, "g/d", {
        effectivePeriod: { start: "2024-01-09T08:00:00Z", end: "2024-01-10T08:00:00Z" },
      }),
      obs("c", "s1", "14682-9", 80, "umol/L", { effectiveDateTime: "2024-01-10T09:00:00Z" }),
    ]);
    expect(records[0]).toEqual({
      id: "s1",
      baselineDate: "2024-01-10",
      baseline: {
        proteinuria: { value: 3.2, unit: "g/d" },
        serumCreatinine: { value: 80, unit: "umol/L" },
      },
      visits: [],
    });
  });

  it("a collection started the morning after the blood draw (ending two days after it) joins the visit: it started within the tolerance", () => {
    const rows = [
      lb("s1", "CREAT", "80", "umol/L", "2024-01-10T09:00"),
      lb("s1", "PROT", "3.2", "g/d", "2024-01-11T07:00", { LBENDTC: "2024-01-12T07:00" }),
    ];
    const resources = [
      obs("c", "s1", "14682-9", 80, "umol/L", { effectiveDateTime: "2024-01-10T09:00:00Z" }),
      obs("u", "s1", "2889-4", 3.2, "g/d", {
        effectivePeriod: { start: "2024-01-11T07:00:00Z", end: "2024-01-12T07:00:00Z" },
      }),
    ];
    const one = {
      id: "s1",
      baselineDate: "2024-01-10",
      baseline: {
        serumCreatinine: { value: 80, unit: "umol/L" },
        proteinuria: { value: 3.2, unit: "g/d" },
      },
      visits: [],
    };
    expect(fromLongRows(rows).records[0]).toEqual(one);
    expect(fromFhir(resources).records[0]).toEqual(one);
    // With no tolerance it is a visit of its own, dated by its end.
    const two = {
      id: "s1",
      baselineDate: "2024-01-10",
      baseline: { serumCreatinine: { value: 80, unit: "umol/L" } },
      visits: [{ date: "2024-01-12", labs: { proteinuria: { value: 3.2, unit: "g/d" } } }],
    };
    expect(fromLongRows(rows, { toleranceDays: 0 }).records[0]).toEqual(two);
    expect(fromFhir(resources, { toleranceDays: 0 }).records[0]).toEqual(two);
  });

  it("an end that is not a date, or before the start, is invalid", () => {
    const { outcomes } = fromLongRows([
      lb("s1", "PROT", "3.2", "g/d", "2024-01-09T08:00", { LBENDTC: "10/01/2024" }),
      lb("s1", "PROT", "3.2", "g/d", "2024-01-09T08:00", { LBENDTC: "2024-01-08T08:00" }),
    ]);
    expect(outcomes[0]).toMatchObject({
      status: "invalid",
      reason: "LBENDTC '10/01/2024' is not an ISO 8601 date",
    });
    expect(outcomes[1]).toMatchObject({
      status: "invalid",
      reason:
        "the collection ends (LBENDTC 2024-01-08T08:00) before it starts (LBDTC 2024-01-09T08:00)",
    });
    const f = fromFhir([
      obs("u", "s1", "2889-4", 3.2, "g/d", {
        effectivePeriod: { start: "2024-01-09T08:00:00Z", end: "2024-01-08T08:00:00Z" },
      }),
    ]);
    expect(f.outcomes[0]).toMatchObject({
      status: "invalid",
      reason:
        "the collection ends (effectivePeriod.end 2024-01-08T08:00:00Z) before it starts (effectivePeriod.start 2024-01-09T08:00:00Z)",
    });
  });
});

describe("same-day results of one analyte: which one is used, said explicitly", () => {
  it("SDTM: the latest by time of day, whatever the input order", () => {
    for (const order of [
      [0, 1],
      [1, 0],
    ]) {
      const two = [
        lb("s1", "CREAT", "66", "umol/L", "2024-01-10T09:10"),
        lb("s1", "CREAT", "64", "umol/L", "2024-01-10T11:25"),
      ];
      const rows = order.map((i) => two[i] as Row);
      const { records, outcomes } = fromLongRows(rows);
      expect(records[0]?.baseline?.serumCreatinine).toEqual({ value: 64, unit: "umol/L" });
      const used = order.indexOf(1);
      const aside = order.indexOf(0);
      expect(outcomes[used]).toMatchObject({
        status: "used",
        reason:
          "used the latest by time of day of 2 same-day serumCreatinine results (1 set aside)",
      });
      expect(outcomes[aside]).toMatchObject({
        status: "skipped",
        reason:
          "same-day serumCreatinine result set aside: 64 umol/L at 11:25 is used (the latest by time of day)",
      });
    }
  });

  it("SDTM: without times, the last in input order", () => {
    const { records, outcomes } = fromLongRows([
      lb("s1", "CREAT", "66", "umol/L", "2024-01-10"),
      lb("s1", "CREAT", "64", "umol/L", "2024-01-10"),
      lb("s1", "CREAT", "70", "umol/L", "2024-01-10"),
    ]);
    expect(records[0]?.baseline?.serumCreatinine).toEqual({ value: 70, unit: "umol/L" });
    expect(outcomes.map((o) => o.status)).toEqual(["skipped", "skipped", "used"]);
    expect(outcomes[2]?.reason).toBe(
      "used the last in input order of 3 same-day serumCreatinine results (2 set aside)",
    );
    expect(outcomes[0]?.reason).toBe(
      "same-day serumCreatinine result set aside: 70 umol/L is used (the last in input order)",
    );
  });

  it("SDTM: a time on only some of them does not order them; the last in input order", () => {
    const { records } = fromLongRows([
      lb("s1", "CREAT", "64", "umol/L", "2024-01-10T11:25"),
      lb("s1", "CREAT", "66", "umol/L", "2024-01-10"),
    ]);
    expect(records[0]?.baseline?.serumCreatinine).toEqual({ value: 66, unit: "umol/L" });
  });

  it("SDTM: the result flagged LBBLFL = Y is the one the file says to use", () => {
    const { records, outcomes } = fromLongRows([
      lb("s1", "CREAT", "66", "umol/L", "2024-01-10T09:10", { LBBLFL: "Y" }),
      lb("s1", "CREAT", "64", "umol/L", "2024-01-10T11:25"),
    ]);
    expect(records[0]?.baseline?.serumCreatinine).toEqual({ value: 66, unit: "umol/L" });
    expect(outcomes[0]?.reason).toBe(
      "used the result flagged LBBLFL = Y of 2 same-day serumCreatinine results (1 set aside)",
    );
  });

  it("FHIR: the latest by time of day, comparing instants across time zones", () => {
    // 08:30Z is later than 09:00+01:00 (08:00Z), although its clock time is earlier.
    const { records, outcomes } = fromFhir([
      obs("a", "s1", "14682-9", 64, "umol/L", { effectiveDateTime: "2024-01-10T08:30:00Z" }),
      obs("b", "s1", "14682-9", 66, "umol/L", { effectiveDateTime: "2024-01-10T09:00:00+01:00" }),
    ]);
    expect(records[0]?.baseline?.serumCreatinine).toEqual({ value: 64, unit: "umol/L" });
    expect(outcomes[1]).toMatchObject({
      status: "skipped",
      reason:
        "same-day serumCreatinine result set aside: 64 umol/L at 08:30:00Z is used (the latest by time of day)",
    });
  });

  it("FHIR: an amended result supersedes a final one of the same day, even an earlier one", () => {
    const { records, outcomes } = fromFhir([
      obs("f", "s1", "1751-7", 29, "g/L", { effectiveDateTime: "2024-01-10T10:00:00Z" }),
      obs("a", "s1", "1751-7", 31, "g/L", { effectiveDateTime: "2024-01-10T08:00:00Z" }, "amended"),
    ]);
    expect(records[0]?.baseline?.serumAlbumin).toEqual({ value: 31, unit: "g/L" });
    expect(outcomes[1]).toMatchObject({
      status: "used",
      reason: "used the amended/corrected result of 2 same-day serumAlbumin results (1 set aside)",
    });
    expect(outcomes[0]).toMatchObject({
      status: "skipped",
      reason:
        "superseded by the amended/corrected result of the same day: 31 g/L at 08:00:00Z is used",
    });
  });

  it("FHIR: of two corrected results, the latest", () => {
    const { records } = fromFhir([
      obs("f", "s1", "1751-7", 29, "g/L", { effectiveDateTime: "2024-01-10T12:00:00Z" }),
      obs(
        "c1",
        "s1",
        "1751-7",
        33,
        "g/L",
        { effectiveDateTime: "2024-01-10T09:00:00Z" },
        "corrected",
      ),
      obs(
        "c2",
        "s1",
        "1751-7",
        31,
        "g/L",
        { effectiveDateTime: "2024-01-10T08:00:00Z" },
        "corrected",
      ),
    ]);
    expect(records[0]?.baseline?.serumAlbumin).toEqual({ value: 33, unit: "g/L" });
  });

  it("FHIR: entered-in-error is dropped with that reason and never displaces a result", () => {
    const { records, outcomes } = fromFhir([
      obs("f", "s1", "1751-7", 29, "g/L", { effectiveDateTime: "2024-01-10T08:00:00Z" }),
      obs(
        "e",
        "s1",
        "1751-7",
        45,
        "g/L",
        { effectiveDateTime: "2024-01-10T09:00:00Z" },
        "entered-in-error",
      ),
    ]);
    expect(records[0]?.baseline?.serumAlbumin).toEqual({ value: 29, unit: "g/L" });
    expect(outcomes[0]).toMatchObject({ status: "used" });
    expect(outcomes[0]?.reason).toBeUndefined();
    expect(outcomes[1]).toMatchObject({
      status: "skipped",
      reason:
        "status 'entered-in-error': withdrawn by the source (the record should never have existed); not used",
    });
  });

  it("results of one analyte on different days of one visit: the first day's is used, as before", () => {
    const { records, outcomes } = fromLongRows([
      lb("s1", "CREAT", "66", "umol/L", "2024-01-10T09:10"),
      lb("s1", "CREAT", "64", "umol/L", "2024-01-11T11:25"),
    ]);
    expect(records[0]?.baseline?.serumCreatinine).toEqual({ value: 66, unit: "umol/L" });
    expect(outcomes[1]).toMatchObject({
      status: "skipped",
      reason:
        "duplicate serumCreatinine in the visit starting 2024-01-10: the result of 2024-01-10, the earliest day, is used",
    });
  });
});

describe("VISITNUM with a decimal (an unscheduled visit) is a visit by its own date", () => {
  const rows = [
    lb("s1", "CREAT", "71", "umol/L", "2024-01-10", { VISITNUM: "1" }),
    lb("s1", "CREAT", "79", "umol/L", "2024-04-10", { VISITNUM: "2" }),
    lb("s1", "CREAT", "95", "umol/L", "2024-05-20", { VISITNUM: "2.1" }),
    lb("s1", "CREAT", "96", "umol/L", "2024-07-10", { VISITNUM: "3" }),
  ];
  const dates = (r: ReturnType<typeof fromLongRows>) => [
    r.records[0]?.baselineDate,
    ...(r.records[0]?.visits ?? []).map((v) => v.date),
  ];

  it("reads 2.1 as a visit of its own between visits 2 and 3, and baseline { visit: '2' } is visit 2", () => {
    expect(dates(fromLongRows(rows))).toEqual([
      "2024-01-10",
      "2024-04-10",
      "2024-05-20",
      "2024-07-10",
    ]);
    const v2 = fromLongRows(rows, { baseline: { visit: "2" } });
    expect(dates(v2)).toEqual(["2024-04-10", "2024-05-20", "2024-07-10"]);
    expect(v2.records[0]?.baseline?.serumCreatinine).toEqual({ value: 79, unit: "umol/L" });
    expect(dates(fromLongRows(rows, { baseline: { visit: "2.1" } }))).toEqual([
      "2024-05-20",
      "2024-07-10",
    ]);
  });

  it("by study day when there are no dates: 2.1 on day 131 is the visit of day 131", () => {
    const byDay = rows.map((r, i) => ({
      ...r,
      LBDTC: "",
      LBDY: ["1", "92", "131", "183"][i] as string,
    }));
    const r = fromLongRows(byDay);
    expect(r.records[0]?.visits?.map((v) => v.day)).toEqual([91, 130, 182]);
  });

  it("an unscheduled result on visit 2's day, listed first, does not hide visit 2", () => {
    const r = fromLongRows(
      [
        lb("s1", "CREAT", "71", "umol/L", "2024-01-10", { VISITNUM: "1" }),
        lb("s1", "ALB", "35", "g/L", "2024-04-10", { VISITNUM: "2.1" }),
        lb("s1", "CREAT", "79", "umol/L", "2024-04-10", { VISITNUM: "2" }),
      ],
      { baseline: { visit: "2" } },
    );
    expect(r.records[0]).toEqual({
      id: "s1",
      baselineDate: "2024-04-10",
      baseline: {
        serumAlbumin: { value: 35, unit: "g/L" },
        serumCreatinine: { value: 79, unit: "umol/L" },
      },
      visits: [],
    });
  });

  it("VISITNUM is a number: '2.0' is visit 2, '2.1' is not", () => {
    const r = fromLongRows(
      [
        lb("s1", "CREAT", "71", "umol/L", "2024-01-10", { VISITNUM: "1.0" }),
        lb("s1", "CREAT", "95", "umol/L", "2024-03-20", { VISITNUM: "2.1" }),
        lb("s1", "CREAT", "79", "umol/L", "2024-04-10", { VISITNUM: "2.0" }),
      ],
      { baseline: { visit: "2" } },
    );
    expect(r.records[0]?.baselineDate).toBe("2024-04-10");
    expect(r.outcomes[1]).toMatchObject({
      status: "skipped",
      reason: "result before the baseline visit",
    });
  });
});

describe("fromLongRows: records in order of first appearance", () => {
  it("a study-day subject, a dated one, one with only an invalid row, another dated one", () => {
    const { records } = fromLongRows([
      {
        USUBJID: "b",
        LBTESTCD: "CREAT",
        LBSPEC: "SERUM",
        LBORRES: "80",
        LBORRESU: "umol/L",
        LBDY: "1",
      },
      lb("a", "CREAT", "80", "umol/L", "2024-01-10"),
      lb("c", "CREAT", "80", "furlongs", "2024-01-10"),
      lb("d", "CREAT", "80", "umol/L", "2024-01-10"),
      lb("a", "CREAT", "82", "umol/L", "2024-04-10"),
      {
        USUBJID: "b",
        LBTESTCD: "CREAT",
        LBSPEC: "SERUM",
        LBORRES: "81",
        LBORRESU: "umol/L",
        LBDY: "92",
      },
    ]);
    expect(records.map((r) => r.id)).toEqual(["b", "a", "c", "d"]);
  });

  it("a file flags baseline results when any row has LBBLFL = Y, even a row not used", () => {
    const { records } = fromLongRows([
      lb("s1", "CREAT", "71", "umol/L", "2024-01-10"),
      lb("s1", "GLUC", "5.1", "mmol/L", "2024-04-10", { LBBLFL: "Y" }),
      lb("s1", "CREAT", "79", "umol/L", "2024-04-10", { LBBLFL: "Y" }),
      lb("s2", "GLUC", "5.1", "mmol/L", "2024-04-10", { LBBLFL: "Y" }),
      lb("s2", "CREAT", "79", "umol/L", "2024-04-10"),
    ]);
    expect(records[0]?.baselineDate).toBe("2024-04-10");
    // s2's only flagged row is not a renal result: no flagged visit, so no baseline.
    expect(records[1]).toEqual({ id: "s2" });
  });
});
