// Issue 16 item 1: a time point at which nobody was assessed prints "not assessed", not an ITT
// rate of 0 with an interval (0/2 0.0% (0.0-84.2) read as "every patient failed"); the summary
// as long-form CSV / JSON (--summary-format).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, scratch } from "./helpers.js";

// Two patients, each with one visit on day 182: Zhang 2023's month 6 (day 183 ± 30). Months 3,
// 12 and 24 have no visit. P1: 4.0 → 0.2 g/24h, creatinine unchanged: CR (< 0.5 g/day, §2.4).
// P2: 3.0 → 2.9 g/24h: NR (not a > 50% fall).
const CSV = [
  "id,day,patient.sex,baseline.proteinuria [g/24h],baseline.serumCreatinine [umol/L],current.proteinuria [g/24h],current.serumCreatinine [umol/L],current.serumAlbumin [g/L]",
  "P1,182,F,4.0,70,0.2,70,38",
  "P2,182,F,3.0,80,2.9,80,38",
].join("\n");

describe("--summary: a time point nobody was assessed at", () => {
  it("says 'not assessed' in every rate column and lists the time points under the table", async () => {
    const dir = scratch();
    const file = join(dir, "c.csv");
    writeFileSync(file, `${CSV}\n`);
    const r = await cli(["classify", file, "--criteria", "zhang2023", "--summary-only"]);
    expect(r.code).toBe(0);
    const line = (label: string) => r.stdout.split("\n").find((l) => l.startsWith(label)) ?? "";
    for (const label of ["month 3", "month 12", "month 24"]) {
      expect(line(label)).toContain("not assessed");
      expect(line(label)).not.toMatch(/0\.0%/);
    }
    // Month 6: CR 1/2 = 50.0%, exact 95% CI 1.3–98.7 (Clopper–Pearson for 1 of 2).
    expect(line("month 6")).toContain("1/2 50.0% (1.3-98.7)");
    expect(r.stdout).toContain(
      "Not assessed (no record has an assessment there; no rate is given): month 3, month 12, month 24.",
    );
  });
});

describe("--summary-format csv | json", () => {
  const file = () => {
    const dir = scratch();
    const f = join(dir, "c.csv");
    writeFileSync(f, `${CSV}\n`);
    return f;
  };
  it("csv: the documented header and one row per time point × measure, empty cells when not assessed", async () => {
    const r = await cli([
      "classify",
      file(),
      "--criteria",
      "zhang2023",
      "--summary-only",
      "--summary-format",
      "csv",
    ]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe(
      "criteria,version,analysis,outcome,estimand,timepoint,day,measure,count,denominator,assessed,rate,ciLower,ciUpper,level,notAssessed",
    );
    // 4 time points × (CR, PR, OR, UP25, treatment failure).
    expect(lines).toHaveLength(1 + 4 * 5);
    const cr6 = lines.find((l) => l.includes(",month 6,183,CR,"));
    expect(cr6).toMatch(/,month 6,183,CR,1,2,2,0\.5,0\.0125\d*,0\.9874\d*,0\.95,$/);
    const cr3 = lines.find((l) => l.includes(",month 3,91,CR,"));
    expect(cr3).toMatch(
      /,month 3,91,CR,0,2,0,,,,0\.95,no record has an assessment at this time point$/,
    );
  });
  it("json: one object per definition with its rows", async () => {
    const r = await cli([
      "classify",
      file(),
      "--criteria",
      "zhang2023,kang2020",
      "--summary-only",
      "--summary-format",
      "json",
    ]);
    const j = JSON.parse(r.stdout);
    expect(j.map((x: { criteria: { id: string } }) => x.criteria.id)).toEqual([
      "zhang2023",
      "kang2020",
    ]);
    expect(j[0].records).toBe(2);
    expect(
      j[0].rows.find(
        (x: { timepoint: string; measure: string }) =>
          x.timepoint === "month 6" && x.measure === "OR",
      ),
    ).toMatchObject({ count: 1, denominator: 2, rate: 0.5 });
  });
  it("assessments without days: rows at time point 'as given'", async () => {
    const dir = scratch();
    const f = join(dir, "a.csv");
    writeFileSync(
      f,
      `${CSV.split("\n")
        .map((l) => l.split(",").slice(2).join(","))
        .join("\n")}\n`,
    );
    const r = await cli([
      "classify",
      f,
      "--criteria",
      "zhang2023",
      "--summary-only",
      "--summary-format",
      "csv",
    ]);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines.find((l) => l.includes(",CR,"))).toMatch(
      /^zhang2023,[^,]+,itt,as-given,,as given,,CR,1,2,2,0\.5,/,
    );
  });
});
