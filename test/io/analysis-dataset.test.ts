// The ADRS-like analysis dataset (issue 16 item 2). The small cohort is the one of
// test/api/timeline.test.ts, whose Kang 2020 categories at week 24 are checked by hand there:
// CR (0.2 g/day, normal sediment, day 168), PR (4 → 0.8 g/day, day 170), NR (4 → 3.5 g/day,
// day 160), indeterminate (albumin and creatinine missing), missing (withdrawn on day 28).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { summarizeCohort } from "../../src/analysis/cohort.js";
import { criteria, type PatientRecord } from "../../src/index.js";
import {
  type AdrsRow,
  analysisDataset,
  analysisDatasetCsv,
  analysisDatasetJson,
} from "../../src/io.js";
import { cohort, W24 } from "../support/cohort.js";

const kang = `kang2020@${criteria.kang2020.version}`;
const pick = (rows: AdrsRow[], id: string, code: string) =>
  rows.find((r) => r.USUBJID === id && r.PARAMCD === code);

describe("analysisDataset", () => {
  const rows = analysisDataset(
    [summarizeCohort(criteria.kang2020, [...cohort, { id: 7 }], { timepoints: [W24] })],
    { studyId: "LN-01" },
  );
  it("one row per record × time point × parameter (RENRESP, and RENALRES for Kang's renal response end point), every record", () => {
    expect(rows).toHaveLength(6 * 2);
    expect(rows.filter((r) => r.PARAMCD === "RENRESP").map((r) => r.USUBJID)).toEqual([
      "cr",
      "pr",
      "nr",
      "ind",
      "lost",
      "#5",
    ]);
    expect(new Set(rows.map((r) => r.PARAMCD))).toEqual(new Set(["RENRESP", "RENALRES"]));
  });
  it("the category, its code, the visit that stands for the time point, and the flags", () => {
    expect(pick(rows, "cr", "RENRESP")).toEqual({
      STUDYID: "LN-01",
      USUBJID: "cr",
      PARAMCD: "RENRESP",
      PARAM: `Renal response category (${kang})`,
      AVISIT: "week 24",
      AVISITN: 168,
      AVALC: "CR",
      AVAL: 1,
      ADY: 169,
      SRCDY: 168,
      ANL01FL: "Y",
      DTYPE: "",
      CRITID: kang,
      READINGS:
        "prProteinuriaBounds=inclusive; creatinineReference=mayo-clinic; sedimentCutoff=acr2012",
      ANALYSIS: "itt",
      REASON: "",
    });
    expect(pick(rows, "pr", "RENRESP")).toMatchObject({ AVALC: "PR", AVAL: 2, SRCDY: 170 });
    expect(pick(rows, "nr", "RENRESP")).toMatchObject({ AVALC: "NR", AVAL: 3, SRCDY: 160 });
    expect(pick(rows, "ind", "RENRESP")).toMatchObject({
      AVALC: "NE",
      AVAL: 4,
      REASON: "not evaluable: missing current.serumAlbumin, current.serumCreatinine",
    });
    expect(pick(rows, "lost", "RENRESP")).toMatchObject({
      AVALC: "MISSING",
      AVAL: null,
      ANL01FL: "",
      SRCDY: null,
      REASON: "withdrawn on day 28 (lost to follow up)",
    });
    // No assessment, so no end point value: the row is there, empty, with the reason.
    expect(pick(rows, "lost", "RENALRES")).toMatchObject({
      AVALC: "",
      AVAL: null,
      REASON: "withdrawn on day 28 (lost to follow up)",
    });
    // End points: Y / N coded 1 / 0; the PR patient meets Kang's renal response (CR or PR).
    expect(pick(rows, "pr", "RENALRES")).toMatchObject({ AVALC: "Y", AVAL: 1 });
    expect(pick(rows, "nr", "RENALRES")).toMatchObject({ AVALC: "N", AVAL: 0 });
    expect(pick(rows, "#5", "RENRESP")).toMatchObject({ AVALC: "INVALID", AVAL: null });
    expect(String(pick(rows, "#5", "RENRESP")?.REASON)).toMatch(/^invalid record: id: /);
  });
  it("under an estimand, the values the summary counted (withdrawal as non-response)", () => {
    const s = summarizeCohort(criteria.kang2020, cohort, {
      timepoints: [W24],
      estimand: "default",
    });
    const lost = pick(analysisDataset([s]), "lost", "RENRESP");
    // The default estimand handles withdrawal (other reason) as composite: non-response.
    expect(lost?.AVALC).toBe("NR");
    expect(s.timepoints[0]?.counts.NR).toBe(2);
  });
});

describe("analysisDatasetCsv and analysisDatasetJson", () => {
  const rows = analysisDataset([summarizeCohort(criteria.kang2020, cohort, { timepoints: [W24] })]);
  it("CSV: the documented header, one line per row, empty cells for null", () => {
    const lines = analysisDatasetCsv(rows).trimEnd().split("\n");
    expect(lines[0]).toBe(
      "STUDYID,USUBJID,PARAMCD,PARAM,AVISIT,AVISITN,AVALC,AVAL,ADY,SRCDY,ANL01FL,DTYPE,CRITID,READINGS,ANALYSIS,REASON",
    );
    expect(lines).toHaveLength(1 + 10);
    expect(lines).toContain(
      `,lost,RENRESP,Renal response category (${kang}),week 24,168,MISSING,,,,,,${kang},prProteinuriaBounds=inclusive; creatinineReference=mayo-clinic; sedimentCutoff=acr2012,itt,withdrawn on day 28 (lost to follow up)`,
    );
  });
  it("Dataset-JSON v1.1: required attributes, and every row fits its own column metadata", () => {
    const d = analysisDatasetJson(rows, { created: "2026-12-04T10:00:00", studyOID: "LN-01" });
    expectValidDatasetJson(JSON.parse(JSON.stringify(d)));
    expect(d.records).toBe(10);
    expect(d.rows[0]?.slice(0, 3)).toEqual(["", "cr", "RENRESP"]);
  });
});

/**
 * The checks of the Dataset-JSON v1.1 specification (CDISC, 2024-12-05: top-level attributes,
 * column metadata, row data) that apply to this dataset, written from the specification.
 */
function expectValidDatasetJson(d: Record<string, unknown>): void {
  expect(d.datasetJSONCreationDateTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
  expect(d.datasetJSONVersion).toMatch(/^1\.1(\.(0|[1-9][0-9]*))?$/);
  expect(typeof d.itemGroupOID === "string" && d.itemGroupOID.length > 0).toBe(true);
  expect(typeof d.name === "string" && d.name.length > 0).toBe(true);
  expect(typeof d.label).toBe("string");
  const columns = d.columns as Record<string, unknown>[];
  const rows = d.rows as unknown[][];
  expect(d.records).toBe(rows.length);
  expect(new Set(columns.map((c) => c.name)).size).toBe(columns.length);
  expect(new Set(columns.map((c) => c.itemOID)).size).toBe(columns.length);
  const keys = columns.flatMap((c) => (c.keySequence === undefined ? [] : [c.keySequence]));
  expect([...keys].sort()).toEqual(keys.map((_, i) => i + 1));
  for (const c of columns) {
    expect(
      Object.keys(c).every((k) =>
        ["itemOID", "name", "label", "dataType", "length", "keySequence"].includes(k),
      ),
    ).toBe(true);
    expect([
      "string",
      "integer",
      "decimal",
      "float",
      "double",
      "boolean",
      "datetime",
      "date",
      "time",
      "URI",
    ]).toContain(c.dataType);
  }
  for (const r of rows) {
    expect(r).toHaveLength(columns.length);
    r.forEach((v, i) => {
      const c = columns[i] as { dataType: string; length?: number; name: string };
      if (v === null) return;
      if (c.dataType === "string") {
        expect(typeof v, c.name).toBe("string");
        if (c.length !== undefined)
          expect((v as string).length, c.name).toBeLessThanOrEqual(c.length);
      }
      if (c.dataType === "integer") expect(Number.isInteger(v), c.name).toBe(true);
    });
  }
}

describe("the published cohorts", () => {
  it("Kang 2020 (week 24) and the Zhang 2023 reconstruction give valid Dataset-JSON with every record", () => {
    for (const [file, c] of [
      ["kang2020-followup.json", criteria.kang2020],
      ["zhang2023-reconstruction.json", criteria.zhang2023],
    ] as const) {
      const { records } = JSON.parse(
        readFileSync(join(__dirname, "..", "fixtures", file), "utf8"),
      ) as { records: PatientRecord[] };
      const s = summarizeCohort(c, records, c.schedule ? {} : { timepoints: [W24] });
      const rows = analysisDataset([s]);
      const perRecord = s.timepoints.length * (1 + c.endpoints.length);
      expect(rows).toHaveLength(records.length * perRecord);
      expect(new Set(rows.map((r) => r.USUBJID))).toEqual(new Set(records.map((r) => r.id)));
      expectValidDatasetJson(JSON.parse(JSON.stringify(analysisDatasetJson(rows))));
    }
  });
});
