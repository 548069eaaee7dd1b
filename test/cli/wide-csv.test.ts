// Issue 15 item 1: wide CSV from real exports — the baseline from a row of each patient, several
// source columns per field, calendar dates, laboratory unit spellings and config unit aliases.
// Expected categories are derived by hand from Zhang 2023 §2.4 (doi 10.3389/fimmu.2023.1133183):
//   CR: 24-h urine protein < 0.5 g/day and creatinine risen by at most 25% (any fall passes);
//   PR: a decrease of more than 50%, to < 3 g/day if the baseline was > 3.5 g/day (else to
//       ≤ 1 g/day), serum albumin ≥ 30 g/L, creatinine risen by at most 25%; else NR.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { parseDate } from "../../src/cli/mapping.js";
import { cli, ROOT, scratch } from "./helpers.js";

type Row = Record<string, string>;

function rows(stdout: string): Row[] {
  return parse(stdout, { columns: true }) as Row[];
}

function files(csv: string, config?: object): { csv: string; config?: string } {
  const dir = scratch();
  const path = join(dir, "in.csv");
  writeFileSync(path, csv);
  if (!config) return { csv: path };
  const c = join(dir, "map.json");
  writeFileSync(c, JSON.stringify(config));
  return { csv: path, config: c };
}

const REDCAP = join(ROOT, "examples", "redcap", "redcap-export.csv");
const REDCAP_CONFIG = join(ROOT, "examples", "redcap", "redcap.config.json");

describe("the REDCap-style example (examples/redcap)", () => {
  it("classifies each event against the baseline event, with days from the dates", async () => {
    const r = await cli(["classify", REDCAP, "--config", REDCAP_CONFIG, "--criteria", "zhang2023"]);
    expect(r.code).toBe(1); // patients 103 (an invalid baseline row) and 104 (none) are invalid
    const out = rows(r.stdout);
    expect(out).toHaveLength(35); // every input row, once
    const of = (id: string) => out.filter((x) => x.id === id).map((x) => `${x.day}:${x.category}`);
    // 101: baseline 4.2 g/day (nephrotic), creatinine 72 µmol/L, albumin 24 g/L.
    //   2024-04-01 is day 84 (2024 is a leap year): 1.6 g/day = −61.9%, < 3 g/day, albumin 31,
    //   creatinine 70 → PR; day 168: 0.42 g/day, creatinine 0.8 mg/dL = 70.7 µmol/L → CR;
    //   2025-01-06 is day 364: 0.21 g/day → CR.
    expect(of("101")).toEqual(["0:baseline", "84:PR", "168:CR", "364:CR"]);
    // 106: baseline 3.0 g/day (not nephrotic: target ≤ 1 g/day), creatinine 95.
    //   day 84: 1.4 g/day > 1 → NR; day 168: 0.9 g/day but creatinine 125 (+31.6%) → NR;
    //   day 252: 0.7 g/day, creatinine 118 (+24.2%) → PR (not < 0.5); day 364: 0.45 → CR.
    expect(of("106")).toEqual(["0:baseline", "84:NR", "168:NR", "252:PR", "364:CR"]);
    // 108: baseline 3.6 g/day (nephrotic). day 84: 1.7 (−52.8%, < 3) but albumin 29 < 30 → NR;
    //   day 168: 1.2 (−66.7%), albumin 31 → PR; day 252: 0.4 → CR; day 364: 0.3 → CR.
    expect(of("108")).toEqual(["0:baseline", "84:NR", "168:PR", "252:CR", "364:CR"]);
    // 102: its baseline proteinuria is a UPCR (the 24-h column is empty there): Zhang needs 24-h.
    const p102 = out.filter((x) => x.id === "102");
    expect(p102[1]?.category).toBe("indeterminate");
    expect(p102[1]?.reason).toContain("UPCR given, 24-h protein required");
    // 103: the baseline row's creatinine is not a number: it and every visit of 103 are invalid.
    expect(of("103")).toEqual(["0:invalid", "84:invalid", "168:invalid", "364:invalid"]);
    const p103 = out.filter((x) => x.id === "103");
    expect(p103[0]?.error).toBe(
      "column 'scr' (current.serumCreatinine.value): 'abc' is not a number",
    );
    expect(p103[1]?.error).toBe(
      "the baseline row (row 9) is invalid: column 'scr': 'abc' is not a number",
    );
    // 104 has no baseline event.
    for (const x of out.filter((y) => y.id === "104")) {
      expect(x.category).toBe("invalid");
      expect(x.error).toContain("patient '104' has no baseline row");
    }
  });

  it("reports how each row was read: the source column, lab unit spellings, the baseline row", async () => {
    const r = await cli(["classify", REDCAP, "--config", REDCAP_CONFIG, "--criteria", "zhang2023"]);
    const out = rows(r.stdout);
    const note = (row: number) => out[row - 1]?.notes ?? "";
    expect(note(1)).toBe("current.proteinuria from column 'prot24h'");
    expect(note(3)).toContain(
      "current.serumCreatinine: unit 'MG/DL' read as 'mg/dL' (UCUM's case-insensitive form)",
    );
    expect(note(3)).toContain("baseline from row 1");
    expect(note(3)).toContain("patient.sex, patient.ageYears from the baseline row");
    expect(note(7)).toContain("current.proteinuria from column 'upcr'");
    expect(note(16)).toContain(
      "current.proteinuria: unit 'mg/g creat' read as 'mg/g' (creatinine annotation read as UCUM's {creat})",
    );
  });

  it("explain says what a baseline row is and how a visit row was read", async () => {
    const args = ["explain", REDCAP, "--config", REDCAP_CONFIG, "--criteria", "zhang2023"];
    const base = await cli([...args, "--row", "5"]);
    expect(base.stdout).toContain(
      "Baseline row of patient '102': its values are the baseline of the patient's other rows; not classified.",
    );
    const visit = await cli([...args, "--row", "3"]);
    expect(visit.stdout).toContain("Read: current.proteinuria from column 'prot24h'; ");
    expect(visit.stdout).toContain("Category: CR under Zhang 2023");
  });

  it("the summary keeps every patient in the ITT denominator; baseline rows are not visits", async () => {
    const r = await cli([
      "classify",
      REDCAP,
      "--config",
      REDCAP_CONFIG,
      "--criteria",
      "zhang2023",
      "--summary-only",
    ]);
    expect(r.stdout).toContain("8 patient record(s) from 35 row(s); 2 invalid record(s).");
    expect(r.stdout).toContain("6 baseline row(s) gave their patients' baselines (not visits).");
    // Month 3 (day 91): 101 PR; 106, 107, 108 NR; 102, 105 indeterminate (UPCR only); 103, 104 invalid.
    expect(r.stdout).toMatch(/^month 3\s+91\s+0\s+1\s+3\s+2\s+0\s+2\s+8\s/m);
  });
});

const HEADER = "id,event,date,sex,up,scr,alb";

describe("baseline from a row", () => {
  const csv = [
    HEADER,
    "a,screening,2024-01-01,F,4.0,80,25",
    "a,w12,2024-03-25,,1.5,78,32",
    "b,w12,2024-03-26,M,2.5,90,28", // b's baseline row comes after its visit
    "b,screening,2024-01-02,M,3.0,90,25",
  ].join("\n");
  const base = ["--id-column", "id", "--sex-column", "sex", "--date-column", "date"];
  const labs = ["--proteinuria", "up:g/24h", "--creatinine", "scr:umol/L", "--albumin", "alb:g/L"];

  it("column=value: a baseline row later in the patient's rows still gives the earlier rows their baseline", async () => {
    const f = files(csv);
    const r = await cli([
      "classify",
      f.csv,
      ...base,
      ...labs,
      "--baseline-row",
      "event=screening",
      "--criteria",
      "zhang2023",
    ]);
    expect(r.code).toBe(0);
    // a: 4.0 → 1.5 g/day (−62.5%, < 3: nephrotic baseline), albumin 32, creatinine 78 < 80 → PR,
    //   2024-01-01 → 2024-03-25 = 30 + 29 + 25 = 84 days.
    // b: 3.0 → 2.5 g/day (−16.7%) → NR; 2024-01-02 → 2024-03-26 = 84 days.
    // Output is in patient order, the baseline row first, then the rows that waited for it.
    expect(rows(r.stdout).map((x) => `${x.row}:${x.id}:${x.day}:${x.category}`)).toEqual([
      "1:a:0:baseline",
      "2:a:84:PR",
      "4:b:0:baseline",
      "3:b:84:NR",
    ]);
  });

  it("first: the first row of each patient", async () => {
    const f = files(csv);
    const r = await cli([
      "classify",
      f.csv,
      ...base,
      ...labs,
      "--baseline-row",
      "first",
      "--criteria",
      "zhang2023",
    ]);
    const out = rows(r.stdout);
    // b's first row is its week-12 row; its screening row is then a visit dated before it.
    expect(out.map((x) => `${x.row}:${x.category}`)).toEqual([
      "1:baseline",
      "2:PR",
      "3:baseline",
      "4:invalid",
    ]);
    expect(out[3]?.error).toBe(
      "column 'date' (date): the visit date is 84 day(s) before the baseline row's date",
    );
  });

  it("day=N with a day column; a second baseline row is an error of that row", async () => {
    const text = ["id,day,up,scr,alb", "a,0,4.0,80,25", "a,84,1.5,78,32", "a,0,4.1,80,25"].join(
      "\n",
    );
    const f = files(text);
    const r = await cli([
      "classify",
      f.csv,
      "--id-column",
      "id",
      "--day-column",
      "day",
      ...labs,
      "--baseline-row",
      "day=0",
      "--criteria",
      "zhang2023",
    ]);
    expect(r.code).toBe(1);
    const out = rows(r.stdout);
    expect(out.map((x) => x.category)).toEqual(["baseline", "PR", "invalid"]);
    expect(out[2]?.error).toBe(
      "a second baseline row for patient 'a' (the row of day 0; the first is row 1)",
    );
  });

  it("a patient whose rows are split: the later group uses the baseline already found", async () => {
    const text = ["id,day,up,scr,alb", "a,0,4.0,80,25", "b,0,3.0,90,25", "a,84,1.5,78,32"].join(
      "\n",
    );
    const f = files(text);
    const r = await cli([
      "classify",
      f.csv,
      "--id-column",
      "id",
      "--day-column",
      "day",
      ...labs,
      "--baseline-row",
      "day=0",
      "--criteria",
      "zhang2023",
    ]);
    expect(rows(r.stdout).map((x) => x.category)).toEqual(["baseline", "baseline", "PR"]);
  });

  it("usage errors: no id column, baseline.* also mapped, day=N without a day column, a missing rule column", async () => {
    const f = files(csv);
    const noId = await cli(["classify", f.csv, ...labs, "--baseline-row", "first"]);
    expect(noId.code).toBe(2);
    expect(noId.stderr).toContain("the baseline from a row needs an id column");
    const both = await cli([
      "classify",
      f.csv,
      ...base,
      ...labs,
      "--baseline-proteinuria",
      "up:g/24h",
      "--baseline-row",
      "first",
    ]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain(
      "the baseline comes from a row: baseline.proteinuria cannot also be mapped to a column",
    );
    const day = await cli(["classify", f.csv, ...base, ...labs, "--baseline-row", "day=0"]);
    expect(day.code).toBe(2);
    expect(day.stderr).toContain("the baseline row of day 0 needs a day column");
    const col = await cli(["classify", f.csv, ...base, ...labs, "--baseline-row", "visit=bl"]);
    expect(col.code).toBe(2);
    expect(col.stderr).toContain("the baseline row's column 'visit' is not in the header");
    const bad = await cli(["classify", f.csv, ...base, ...labs, "--baseline-row", "day=x"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("day=N takes a whole number of days");
  });
});

describe("several source columns for one field", () => {
  const config = {
    columns: {
      id: "id",
      day: "day",
      "baseline.proteinuria": ["up0:g/24h", "upcr0:mg/mmol"],
      "current.proteinuria": ["up:g/24h", "upcr:@upcr_unit"],
      "baseline.serumCreatinine": "scr0:umol/L",
      "current.serumCreatinine": "scr:umol/L",
    },
  };
  const text = [
    "id,day,up0,upcr0,up,upcr,upcr_unit,scr0,scr",
    "p1,90,4.0,400,0.3,30,mg/mmol,80,80", // both given: the 24-h protein (first source) is used
    "p2,90,,300,,25,mg/mmol,80,80", // only UPCR: used, and said so
    "p3,90,,300,,25,furlongs,80,80", // the chosen source's unit is wrong: error at its unit column
    "p4,90,,,,,,80,80", // neither: missing
  ].join("\n");

  it("takes the first source with a value and reports which one; errors point at the chosen column", async () => {
    const f = files(text, config);
    const r = await cli([
      "classify",
      f.csv,
      "--config",
      f.config ?? "",
      "--criteria",
      "kdigo2012",
      "--out",
      "json",
    ]);
    const out = JSON.parse(r.stdout) as {
      category: string;
      notes: string[];
      missing: string[];
      errors: { column?: string; message: string }[];
    }[];
    expect(out[0]?.notes).toContain("current.proteinuria from column 'up'");
    expect(out[0]?.notes).toContain("baseline.proteinuria from column 'up0'");
    expect(out[1]?.notes).toContain("current.proteinuria from column 'upcr'");
    expect(out[1]?.notes).toContain("baseline.proteinuria from column 'upcr0'");
    expect(out[2]?.category).toBe("invalid");
    expect(out[2]?.errors[0]?.column).toBe("upcr_unit");
    expect(out[2]?.errors[0]?.message).toContain("unknown unit 'furlongs'");
    expect(out[3]?.missing).toContain("current.proteinuria");
    // KDIGO 2012 Table 28 is a UPCR definition: p2's UPCR 300 → 25 mg/mmol (2.2 g/g → 0.221 g/g):
    // ≤ 0.5 g/g with creatinine unchanged → CR.
    expect(out[1]?.category).toBe("CR");
  });

  it("a list is refused for id, day and date", async () => {
    const f = files(text, { columns: { id: ["id", "day"] } });
    const r = await cli(["classify", f.csv, "--config", f.config ?? ""]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("id takes one column, not a list");
  });
});

describe("calendar dates", () => {
  it("parses ISO, day-first and month-first dates only as declared, never guessing", () => {
    // 2024-03-01 is 19,783 days after 1970-01-01 (54 years of which 13 leap years, 19,723 days,
    // plus 31 + 29 days of January and February 2024).
    expect(parseDate("2024-03-01", "iso")).toBe(19_783);
    expect(parseDate("2024-03-01T08:30:00Z", "iso")).toBe(19_783);
    expect(parseDate("01/03/2024", "dmy")).toBe(19_783);
    expect(parseDate("01.03.2024", "dmy")).toBe(19_783);
    expect(parseDate("03/01/2024", "mdy")).toBe(19_783);
    expect(parseDate("01/03/2024", "iso")).toBe(
      `'01/03/2024' is not an ISO date (YYYY-MM-DD); for day-first or month-first dates set "dateFormat": "dmy" or "mdy" (--date-format)`,
    );
    expect(parseDate("2023-02-29", "iso")).toBe("'2023-02-29' is not a date (YYYY-MM-DD)");
    expect(parseDate("31/04/2024", "dmy")).toBe("'31/04/2024' is not a date (dmy)");
    expect(parseDate("13/13/2024", "mdy")).toBe("'13/13/2024' is not a date (mdy)");
    expect(parseDate("2024-3-1", "iso")).toBe("'2024-3-1' is not an ISO date (YYYY-MM-DD)");
  });

  it("a date column with a baseline date column gives the day; a date before baseline is an error", async () => {
    const text = [
      "id,bl,visit,up0,up,scr0,scr",
      "p1,2024-01-01,2024-03-31,4.0,0.3,80,80", // 30 + 29 + 31 = 90 days
      "p2,2024-01-01,2023-12-31,4.0,0.3,80,80",
      "p3,2024-01-01,31/03/2024,4.0,0.3,80,80",
    ].join("\n");
    const f = files(text);
    const flags = [
      "--id-column",
      "id",
      "--date-column",
      "visit",
      "--baseline-date-column",
      "bl",
      "--baseline-proteinuria",
      "up0:g/24h",
      "--proteinuria",
      "up:g/24h",
      "--baseline-creatinine",
      "scr0:umol/L",
      "--creatinine",
      "scr:umol/L",
      "--criteria",
      "zhang2023",
    ];
    const r = await cli(["classify", f.csv, ...flags]);
    const out = rows(r.stdout);
    expect(out[0]?.day).toBe("90");
    expect(out[1]?.category).toBe("invalid");
    expect(out[1]?.error).toBe(
      "column 'visit' (date): the visit date is 1 day(s) before the baseline date",
    );
    expect(out[2]?.error).toContain("is not an ISO date");
    const dmy = await cli(["classify", f.csv, ...flags, "--date-format", "dmy"]);
    expect(rows(dmy.stdout)[2]?.day).toBe("");
    expect(rows(dmy.stdout)[0]?.error).toBe(
      "column 'visit' (date): '2024-03-31' is not a day-first (DD/MM/YYYY) date | column 'bl' (baselineDate): '2024-01-01' is not a day-first (DD/MM/YYYY) date",
    );
  });

  it("usage errors: day and date together; a date without any baseline date", async () => {
    const f = files("id,day,visit,up\np1,1,2024-01-01,1\n");
    const both = await cli([
      "classify",
      f.csv,
      "--id-column",
      "id",
      "--day-column",
      "day",
      "--date-column",
      "visit",
      "--proteinuria",
      "up:g/24h",
    ]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("map either a day column or a date column, not both");
    const alone = await cli([
      "classify",
      f.csv,
      "--id-column",
      "id",
      "--date-column",
      "visit",
      "--proteinuria",
      "up:g/24h",
    ]);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain("a date column needs the baseline date");
  });
});

describe("unit spellings in cells", () => {
  const text = [
    "id,up0,up,u,scr0,scr",
    "p1,4.0,0.3,g/24 hr,80,80",
    "p2,4.0,300,mg/24hrs,80,80",
    "p3,4.0,0.3,grams per day,80,80",
    "p4,4.0,0.3,mg/dl,80,80",
  ].join("\n");
  const flags = [
    "--id-column",
    "id",
    "--baseline-proteinuria",
    "up0:g/24h",
    "--proteinuria",
    "up:@u",
    "--baseline-creatinine",
    "scr0:umol/L",
    "--creatinine",
    "scr:umol/L",
    "--criteria",
    "zhang2023",
    "--out",
    "json",
  ];

  it("reads laboratory spellings (reported); a config alias reads the rest; other kinds get no suggestion", async () => {
    const f = files(text, { columns: {}, units: { "grams per day": "g/24h" } });
    const r = await cli(["classify", f.csv, "--config", f.config ?? "", ...flags]);
    const out = JSON.parse(r.stdout) as {
      category: string;
      notes: string[];
      errors: { message: string }[];
    }[];
    expect(out[0]?.notes).toContain(
      "current.proteinuria: unit 'g/24 hr' read as 'g/24h' ('hr' read as 'h')",
    );
    expect(out[1]?.notes).toContain(
      "current.proteinuria: unit 'mg/24hrs' read as 'mg/24h' ('hr' read as 'h')",
    );
    expect(out[2]?.notes).toContain(
      "current.proteinuria: unit 'grams per day' read as 'g/24h' (config units)",
    );
    // 4.0 → 0.3 g/24h (300 mg/24h), creatinine unchanged: CR in all three.
    expect(out.slice(0, 3).map((x) => x.category)).toEqual(["CR", "CR", "CR"]);
    // mg/dl is a creatinine unit (UCUM): a proteinuria error, with no creatinine unit suggested.
    expect(out[3]?.category).toBe("invalid");
    expect(out[3]?.errors[0]?.message).toContain(
      "'mg/dl' is a serum creatinine unit, not a 24-h urine protein or urine protein-to-creatinine ratio unit",
    );
    expect(out[3]?.errors[0]?.message).not.toContain("did you mean");
  });

  it("a config alias must name an accepted unit", async () => {
    const f = files(text, { columns: {}, units: { "grams per day": "grams/day" } });
    const r = await cli(["classify", f.csv, "--config", f.config ?? "", ...flags]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("'grams/day' is not an accepted unit");
  });
});

describe("censored cells", () => {
  it("'<0.1', '<0.7', '>3000', '≤0.2' are censored quantities, decided only when the whole range is on one side", async () => {
    const text = [
      "id,up0,up,u,scr0,scr,alb",
      "p1,4.0,<0.1,g/24h,80,80,35",
      "p2,4.0,<0.7,g/24h,80,80,35",
      "p3,4.0,>3000,mg/24h,80,80,35",
      "p4,4.0,≤ 0.2,g/24h,80,80,35",
      "p5,4.0,<abc,g/24h,80,80,35",
    ].join("\n");
    const f = files(text);
    const r = await cli([
      "classify",
      f.csv,
      "--id-column",
      "id",
      "--baseline-proteinuria",
      "up0:g/24h",
      "--proteinuria",
      "up:@u",
      "--baseline-creatinine",
      "scr0:umol/L",
      "--creatinine",
      "scr:umol/L",
      "--albumin",
      "alb:g/L",
      "--criteria",
      "zhang2023",
    ]);
    const out = rows(r.stdout);
    // Zhang 2023 §2.4, baseline 4.0 g/day (nephrotic), creatinine unchanged, albumin 35 g/L:
    // p1 < 0.1 g/day: every value is < 0.5 → CR.
    // p2 < 0.7 g/day: CR's "< 0.5" may or may not hold; PR holds for every value (a fall of more
    //   than 82.5%, below 3 g/day) → indeterminate between CR and PR.
    // p3 > 3 g/day: not < 0.5; a fall of less than 25%, not > 50% → NR.
    // p4 ≤ 0.2 g/day → CR.
    expect(out.map((x) => x.category)).toEqual(["CR", "indeterminate", "NR", "CR", "invalid"]);
    expect(out[4]?.error).toBe("column 'up' (current.proteinuria.value): 'abc' is not a number");
  });
});

describe("--baseline-row with --format long (SDTM)", () => {
  const LB = join(ROOT, "examples", "sdtm", "lb-extract.csv");
  const E = "LN301-01-005"; // its baseline samples were lost: no LBBLFL = Y result
  it("flagged is the default when the file flags baseline results; first and VISITNUM=1 can be asked for", async () => {
    const base = ["classify", LB, "--format", "long", "--criteria", "zhang2023"];
    const of = (stdout: string) =>
      rows(stdout)
        .filter((x) => x.id === E)
        .map((x) => x.category);
    // Flagged (default): E has no baseline and no visits → missing at every time point.
    expect(of((await cli(base)).stdout)).toEqual(["missing", "missing", "missing", "missing"]);
    expect(of((await cli([...base, "--baseline-row", "flagged"])).stdout)).toEqual([
      "missing",
      "missing",
      "missing",
      "missing",
    ]);
    // First: week 13 becomes the baseline (2.9 g/day), week 26 (day 91) 1.2 g/day: −58.6 %, but a
    // baseline ≤ 3.5 needs ≤ 1 g/day → NR; week 39 (day 182) 0.7 g/day, albumin 35, creatinine
    // 75 → 76 → PR.
    expect(of((await cli([...base, "--baseline-row", "first"])).stdout).slice(0, 2)).toEqual([
      "NR",
      "PR",
    ]);
    // VISITNUM=1: E has no result at visit 1 → no baseline, as flagged.
    expect(of((await cli([...base, "--baseline-row", "VISITNUM=1"])).stdout)).toEqual([
      "missing",
      "missing",
      "missing",
      "missing",
    ]);
  }, 60_000);

  it("refuses rules of the other format", async () => {
    const long = await cli(["classify", LB, "--format", "long", "--baseline-row", "day=0"]);
    expect(long.code).toBe(2);
    expect(long.stderr).toContain("--baseline-row for --format long: first, flagged");
    const f = files("id,day,up\np1,0,1\n");
    const wide = await cli([
      "classify",
      f.csv,
      "--id-column",
      "id",
      "--day-column",
      "day",
      "--proteinuria",
      "up:g/24h",
      "--baseline-row",
      "flagged",
    ]);
    expect(wide.code).toBe(2);
    expect(wide.stderr).toContain("--baseline-row flagged is for --format long");
  });
});
