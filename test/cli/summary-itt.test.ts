// Issue 15 item 5: every patient id in the input is in the cohort summary; a patient
// whose every row is invalid is an invalid record (in the ITT denominator), not dropped.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, scratch } from "./helpers.js";

const CONFIG = {
  columns: {
    id: "patient",
    day: "visit_day",
    "patient.sex": "sex",
    "baseline.proteinuria": "up_baseline:g/24h",
    "baseline.serumCreatinine": "scr_baseline:umol/L",
    "current.proteinuria": "up:g/24h",
    "current.serumCreatinine": "scr:umol/L",
  },
};

// P1 and P2 have valid rows (no sediment columns), P3 has none.
// P2: valid rows, P3: every row invalid (proteinuria "abc", creatinine "n/a").
const CSV = [
  "patient,visit_day,sex,up_baseline,scr_baseline,up,scr",
  "P1,182,F,4.0,70,0.2,70",
  "P2,182,F,3.0,80,2.9,80",
  "P3,91,F,5.0,60,abc,60",
  "P3,182,F,5.0,60,abc,n/a",
].join("\n");

function files(): string[] {
  const dir = scratch();
  writeFileSync(join(dir, "c.csv"), `${CSV}\n`);
  writeFileSync(join(dir, "c.json"), JSON.stringify(CONFIG));
  return [join(dir, "c.csv"), "--config", join(dir, "c.json")];
}

describe("--summary keeps every patient (issue 15 item 5)", () => {
  it("3 patients, one with only invalid rows: ITT denominator 3, that patient invalid", async () => {
    const r = await cli(["classify", ...files(), "--criteria", "kang2020", "--summary-only"]);
    expect(r.stdout).toContain("3 patient record(s) from 4 row(s); 1 invalid record(s).");
    const cells = r.stdout.split("\n").find((x) => /^week 24\s+168\s/.test(x));
    expect(cells, r.stdout).toBeDefined();
    // counts: CR PR NR indet. missing invalid denom.
    const nums = (cells as string).trim().split(/\s+/).slice(3, 10).map(Number);
    // CR PR NR indet. missing invalid denom.: P1 indeterminate (no sediment), P2 NR, P3 invalid.
    expect(nums.slice(0, 7)).toEqual([0, 0, 1, 1, 0, 1, 3]);
    expect(r.stdout).toMatch(/P3 \(invalid record: no valid row \(rows 3, 4/);
  });

  it("evaluable analysis: the invalid-only patient is excluded from the denominator", async () => {
    const r = await cli([
      "classify",
      ...files(),
      "--criteria",
      "kang2020",
      "--summary-only",
      "--analysis",
      "evaluable",
    ]);
    const cells = r.stdout.split("\n").find((x) => /^week 24\s+168\s/.test(x));
    expect(cells, r.stdout).toBeDefined();
    const nums = (cells as string).trim().split(/\s+/).slice(3, 10).map(Number);
    // P1 has no urine sediment (Kang requires it) -> indeterminate, excluded; P2 NR; P3 invalid.
    expect(nums.slice(0, 7)).toEqual([0, 0, 1, 1, 0, 1, 1]);
  });
});
