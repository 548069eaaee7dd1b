// CLI --analysis-dataset (issue 16 item 2): the ADRS-like dataset next to the rows, as
// Dataset-JSON v1.1 (.json) or CSV; every patient of the input is in it.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, scratch } from "./helpers.js";

// P1: 4.0 → 0.2 g/24h on day 182, creatinine unchanged, albumin 38: Zhang 2023 CR at month 6
// (< 0.5 g/day, §2.4). P2: 3.0 → 2.9 g/24h: NR. P3: its only row is invalid (protein "abc").
const CSV = [
  "id,day,patient.sex,baseline.proteinuria [g/24h],baseline.serumCreatinine [umol/L],current.proteinuria [g/24h],current.serumCreatinine [umol/L],current.serumAlbumin [g/L]",
  "P1,182,F,4.0,70,0.2,70,38",
  "P2,182,F,3.0,80,2.9,80,38",
  "P3,182,F,3.0,80,abc,80,38",
].join("\n");

describe("--analysis-dataset", () => {
  it("Dataset-JSON v1.1 for a .json file: every patient × time point × parameter", async () => {
    const dir = scratch();
    writeFileSync(join(dir, "c.csv"), `${CSV}\n`);
    const out = join(dir, "adrs.json");
    const r = await cli([
      "classify",
      join(dir, "c.csv"),
      "--criteria",
      "zhang2023",
      "--output",
      join(dir, "rows.csv"),
      "--analysis-dataset",
      out,
    ]);
    expect(r.code).toBe(1); // one invalid row
    const d = JSON.parse(readFileSync(out, "utf8"));
    expect(d.datasetJSONVersion).toBe("1.1.0");
    expect(d.itemGroupOID).toBe("IG.ADRS");
    expect(d.sourceSystem.name).toBe("lupus-renal-criteria");
    // 3 patients × 4 time points (months 3, 6, 12, 24) × (RENRESP and Zhang's end points OR, UP25).
    expect(d.records).toBe(3 * 4 * 3);
    const names: string[] = d.columns.map((c: { name: string }) => c.name);
    const at = (row: unknown[], n: string) => row[names.indexOf(n)];
    const p1m6 = d.rows.find(
      (x: unknown[]) =>
        at(x, "USUBJID") === "P1" &&
        at(x, "AVISIT") === "month 6" &&
        at(x, "PARAMCD") === "RENRESP",
    );
    expect([at(p1m6, "AVALC"), at(p1m6, "AVAL"), at(p1m6, "SRCDY"), at(p1m6, "ADY")]).toEqual([
      "CR",
      1,
      182,
      183,
    ]);
    const p3 = d.rows.filter((x: unknown[]) => at(x, "USUBJID") === "P3");
    expect(p3).toHaveLength(12);
    expect(new Set(p3.map((x: unknown[]) => at(x, "AVALC")))).toEqual(new Set(["INVALID"]));
  });
  it("CSV otherwise; assessments without days are refused with the reason", async () => {
    const dir = scratch();
    writeFileSync(join(dir, "c.csv"), `${CSV}\n`);
    const out = join(dir, "adrs.csv");
    await cli([
      "classify",
      join(dir, "c.csv"),
      "--criteria",
      "zhang2023",
      "--summary-only",
      "--analysis-dataset",
      out,
    ]);
    const lines = readFileSync(out, "utf8").trimEnd().split("\n");
    expect(lines[0]?.startsWith("STUDYID,USUBJID,PARAMCD,PARAM,AVISIT,AVISITN,AVALC,AVAL,")).toBe(
      true,
    );
    expect(lines).toHaveLength(1 + 36);
    const noDays = join(dir, "a.csv");
    writeFileSync(
      noDays,
      `${CSV.split("\n")
        .map((l) => l.split(",").slice(2).join(","))
        .join("\n")}\n`,
    );
    const r = await cli([
      "classify",
      noDays,
      "--criteria",
      "zhang2023",
      "--summary-only",
      "--analysis-dataset",
      join(dir, "x.csv"),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--analysis-dataset needs patient records");
  });
});
