import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fromFhir } from "../../src/io/fhir.js";
import { fromLongRows } from "../../src/io/long.js";
import { bundle } from "./fixtures/fhir-bundle.js";

/** Minimal CSV split for the fixture (no quoted commas in it). */
function readCsv(path: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(new URL(path, import.meta.url), "utf8")
    .trim()
    .split("\n");
  const cols = (head ?? "").split(",");
  return lines.map((l) => {
    const cells = l.split(",");
    return Object.fromEntries(cols.map((c, i) => [c, cells[i] ?? ""]));
  });
}

describe("fromLongRows (SDTM LB)", () => {
  const rows = readCsv("./fixtures/lb.csv");
  const { records, outcomes } = fromLongRows(rows);

  it("builds the records written by hand from the LB rows", () => {
    expect(records[0]).toEqual({
      id: "p1",
      baselineDate: "2024-01-10",
      baseline: {
        serumCreatinine: { value: 1.2, unit: "mg/dL" },
        serumCreatinineUpperLimit: { value: 1.0, unit: "mg/dL" },
        serumAlbumin: { value: 28, unit: "g/L" },
        proteinuria: { value: 3.2, unit: "g/d" },
      },
      visits: [
        {
          date: "2024-04-10",
          labs: {
            serumCreatinine: { value: 95, unit: "umol/L" },
            proteinuria: { value: 0.6, unit: "g/d" },
          },
        },
        {
          date: "2024-07-10",
          labs: {
            // LBORRES "<0.1" g/d: below the assay's limit, a censored quantity.
            proteinuria: { value: 0.1, unit: "g/d", censor: "<" },
            serumCreatinine: { value: 0.9, unit: "mg/dL" },
            urineSediment: { rbcPerHpf: 3 },
          },
        },
      ],
    });
    expect(records.map((r) => r.id)).toEqual(["p1", "p2", "p3"]);
  });

  it("keeps a patient whose every row is invalid, with no labs (nothing lost)", () => {
    expect(records[2]).toEqual({ id: "p3" });
    expect(outcomes[13]).toMatchObject({
      status: "invalid",
      subject: "p3",
      reason: expect.stringMatching(/mg\/l/),
    });
  });

  it("accounts for every row with a reason when not used", () => {
    expect(outcomes).toHaveLength(rows.length);
    expect(outcomes.map((o) => o.status)).toEqual([
      "used",
      "used",
      "skipped",
      "used",
      "skipped", // baseline; UPCR beside a 24-h protein; urine creatinine
      "used",
      "used",
      "skipped", // visit 2; albumin with no result
      "used", // the censored protein "<0.1"
      "used",
      "used",
      "used",
      "skipped", // p2; heart rate
      "invalid", // p3: mg/l
    ]);
    expect(outcomes[2]?.reason).toMatch(/24-h urine protein/);
    expect(outcomes[4]?.reason).toMatch(/URINE/);
    expect(outcomes[12]?.reason).toMatch(/HR/);
  });

  it("prefers LBSTRESN/LBSTRESU over LBORRES/LBORRESU", () => {
    // row 2: LBORRES 2.8 g/dL, LBSTRESN 28 g/L
    expect(records[0]?.baseline?.serumAlbumin).toEqual({ value: 28, unit: "g/L" });
  });

  it("takes the baseline from VISITNUM when asked", () => {
    const r = fromLongRows(rows, { baseline: { visit: "2" } });
    expect(r.records[0]?.baselineDate).toBe("2024-04-10");
    expect(r.outcomes[0]).toMatchObject({
      status: "skipped",
      reason: "result before the baseline visit",
    });
  });

  it("a 24-h collection dated the day after the blood draw joins the visit only within the tolerance", () => {
    const strict = fromLongRows(rows, { toleranceDays: 0 });
    // With no tolerance the 24-h protein (2024-01-11) is a visit of its own, and the
    // baseline keeps the spot UPCR of 2024-01-10.
    expect(strict.records[0]?.baseline?.proteinuria).toEqual({ value: 2.5, unit: "g/g" });
    expect(strict.records[0]?.visits?.[0]).toEqual({
      date: "2024-01-11",
      labs: { proteinuria: { value: 3.2, unit: "g/d" } },
    });
  });

  it("reads study days (LBDY) when a subject has no LBDTC", () => {
    const noDates = rows.filter((r) => r.USUBJID === "p2").map((r) => ({ ...r, LBDTC: "" }));
    expect(fromLongRows(noDates).records).toEqual([
      { id: "p2", baseline: { serumCreatinine: { value: 88, unit: "umol/L" } }, visits: [] },
    ]);
  });

  it("gives the same labs as the FHIR Bundle of the same patients", () => {
    const fhir = fromFhir(bundle).records;
    const strip = (r: { patient?: unknown }) => {
      const { patient: _p, ...rest } = r;
      return rest;
    };
    expect(records.slice(0, 2).map(strip)).toEqual(fhir.map(strip));
  });
});

describe("fromLongRows (LOINC)", () => {
  it("maps LOINC codes with configurable columns", () => {
    const r = fromLongRows(
      [
        { pid: "a", when: "2024-01-01", loinc: "2160-0", val: "80", u: "umol/L" },
        { pid: "a", when: "2024-01-01", loinc: "2889-4", val: "1500", u: "mg/(24.h)" },
        { pid: "a", when: "2024-02-01", loinc: "98979-8", val: "75", u: "mL/min/{1.73_m2}" },
        { pid: "a", when: "2024-02-01", loinc: "34366-5", val: "0.4", u: "g/g" },
      ],
      {
        codes: "loinc",
        columns: { subject: "pid", date: "when", code: "loinc", value: "val", unit: "u" },
      },
    );
    expect(r.records).toEqual([
      {
        id: "a",
        baselineDate: "2024-01-01",
        baseline: {
          serumCreatinine: { value: 80, unit: "umol/L" },
          proteinuria: { value: 1500, unit: "mg/(24.h)" },
        },
        visits: [{ date: "2024-02-01", labs: { egfr: { value: 75, unit: "mL/min/{1.73_m2}" } } }],
      },
    ]);
    // 34366-5 is not in the built-in table (its meaning could not be verified).
    expect(r.outcomes[3]).toMatchObject({
      status: "skipped",
      reason: expect.stringMatching(/34366-5/),
    });
  });
});

describe("fromLongRows: censored results", () => {
  const row = (day: string, value: string, test = "2889-4", unit = "g/d") => ({
    subject: "q1",
    code: test,
    value,
    unit,
    date: `2024-0${day}-01`,
  });
  const cols = { subject: "subject", code: "code", value: "value", unit: "unit", date: "date" };
  it("reads '<0.1', '<= 0.5', '>3000' and '>=3.5' as censored quantities", () => {
    const { records, outcomes } = fromLongRows(
      [
        row("1", ">=3.5"),
        row("2", "<0.1"),
        row("3", "<= 0.5"),
        row("4", ">3000", "2889-4", "mg/d"),
      ],
      { codes: "loinc", columns: cols },
    );
    expect(outcomes.map((o) => o.status)).toEqual(["used", "used", "used", "used"]);
    expect(records[0]?.baseline?.proteinuria).toEqual({ value: 3.5, unit: "g/d", censor: ">=" });
    expect(records[0]?.visits?.map((v) => v.labs.proteinuria)).toEqual([
      { value: 0.1, unit: "g/d", censor: "<" },
      { value: 0.5, unit: "g/d", censor: "<=" },
      { value: 3000, unit: "mg/d", censor: ">" },
    ]);
  });
  it("a censored cell count, '<0' and a bare '<' are invalid", () => {
    const { outcomes } = fromLongRows(
      [row("1", "<5", "13945-1", "/[HPF]"), row("2", "<0"), row("3", "<")],
      { codes: "loinc", columns: cols },
    );
    expect(outcomes.map((o) => o.status)).toEqual(["invalid", "invalid", "invalid"]);
    expect(outcomes[0]?.reason).toMatch(/cell count/);
    expect(outcomes[1]?.reason).toMatch(/empty range/);
    expect(outcomes[2]?.reason).toMatch(/not a number/);
  });
});
