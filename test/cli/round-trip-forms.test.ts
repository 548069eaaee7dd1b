// Issue 15, "Done when": the wide, long and FHIR forms of the same patients give identical
// categories. Three patients, each with a baseline and visits at days 91, 183 and 365 (Zhang 2023's
// month 3, 6 and 12 time points), are written as a REDCap-style wide CSV (baseline event row,
// dates), an SDTM LB extract (LBBLFL on the baseline results) and a FHIR R4 Bundle, and classified
// by the CLI. Expected categories are derived by hand from Zhang 2023 §2.4: CR = 24-h protein
// < 0.5 g/day and creatinine risen by at most 25 % (a fall passes); PR = a decrease of more than
// 50 %, to < 3 g/day if the baseline was > 3.5 g/day (else ≤ 1 g/day), albumin ≥ 30 g/L,
// creatinine risen by at most 25 %; NR otherwise.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { cli, scratch } from "./helpers.js";

interface Visit {
  readonly day: number;
  readonly date: string;
  readonly up?: number; // g/day
  readonly scr: number; // µmol/L
  readonly alb: number; // g/L
}
// Day 0 is 2024-01-01; 2024 is a leap year: day 91 = 2024-04-01, 183 = 2024-07-02, 365 = 2024-12-31.
const DATES = { 0: "2024-01-01", 91: "2024-04-01", 183: "2024-07-02", 365: "2024-12-31" } as const;
const v = (day: 0 | 91 | 183 | 365, scr: number, alb: number, up?: number): Visit => ({
  day,
  date: DATES[day],
  scr,
  alb,
  ...(up === undefined ? {} : { up }),
});
const PATIENTS: Record<string, readonly Visit[]> = {
  P1: [v(0, 80, 25, 4.0), v(91, 78, 32, 1.5), v(183, 82, 36, 0.4), v(365, 85, 38, 0.3)],
  P2: [v(0, 90, 28, 3.0), v(91, 91, 29, 2.0), v(183, 95, 31, 0.9), v(365, 120, 35, 0.45)],
  P3: [v(0, 70, 20, 5.0), v(91, 72, 26, 2.6), v(183, 70, 30, 2.4), v(365, 71, 33)],
};
const EXPECTED: Record<string, Record<number, string>> = {
  // 4.0 → 1.5: −62.5 %, < 3 (nephrotic baseline), albumin 32, creatinine falls → PR;
  // 0.4 < 0.5, 80 → 82 (+2.5 %) → CR; 0.3, 80 → 85 (+6.25 %) → CR.
  P1: { 91: "PR", 183: "CR", 365: "CR" },
  // 3.0 → 2.0: −33 % → NR; 0.9: −70 %, ≤ 1 (baseline ≤ 3.5), albumin 31, +5.6 % → PR;
  // 0.45 < 0.5 but 90 → 120 is +33.3 % (> 25 %): neither CR nor PR → NR.
  P2: { 91: "NR", 183: "PR", 365: "NR" },
  // 5.0 → 2.6: −48 % → NR; 2.4: −52 %, < 3, albumin 30, creatinine unchanged → PR;
  // day 365 has no protein: CR and PR open, so indeterminate.
  P3: { 91: "NR", 183: "PR", 365: "indeterminate" },
};

function wide(): string {
  const lines = ["record_id,redcap_event_name,visit_date,sex,prot24h,scr,alb"];
  for (const [id, visits] of Object.entries(PATIENTS)) {
    for (const x of visits) {
      const event = x.day === 0 ? "baseline_arm_1" : `day_${x.day}_arm_1`;
      lines.push(
        `${id},${event},${x.date},${x.day === 0 ? "F" : ""},${x.up ?? ""},${x.scr},${x.alb}`,
      );
    }
  }
  return `${lines.join("\n")}\n`;
}

function long(): string {
  const lines = [
    "STUDYID,DOMAIN,USUBJID,LBSEQ,LBTESTCD,LBSPEC,LBSTRESN,LBSTRESU,LBBLFL,VISITNUM,LBDTC",
  ];
  for (const [id, visits] of Object.entries(PATIENTS)) {
    let seq = 0;
    visits.forEach((x, i) => {
      const fl = x.day === 0 ? "Y" : "";
      const add = (test: string, spec: string, value: number, unit: string) =>
        lines.push(
          `RT,LB,${id},${++seq},${test},${spec},${value},${unit},${fl},${i + 1},${x.date}T08:00`,
        );
      add("CREAT", "SERUM", x.scr, "umol/L");
      add("ALB", "SERUM", x.alb, "g/L");
      if (x.up !== undefined) add("PROT", "URINE", x.up, "g/d");
    });
  }
  return `${lines.join("\n")}\n`;
}

function fhir(): string {
  const entry: unknown[] = [];
  const obs = (
    id: string,
    patient: string,
    loinc: string,
    date: string,
    value: number,
    unit: string,
  ) => ({
    resource: {
      resourceType: "Observation",
      id,
      status: "final",
      code: { coding: [{ system: "http://loinc.org", code: loinc }] },
      subject: { reference: `Patient/${patient}` },
      effectiveDateTime: `${date}T08:00:00Z`,
      valueQuantity: { value, unit, system: "http://unitsofmeasure.org", code: unit },
    },
  });
  for (const [id, visits] of Object.entries(PATIENTS)) {
    entry.push({ resource: { resourceType: "Patient", id, gender: "female" } });
    visits.forEach((x, i) => {
      entry.push(obs(`${id}-scr-${i}`, id, "14682-9", x.date, x.scr, "umol/L"));
      entry.push(obs(`${id}-alb-${i}`, id, "1751-7", x.date, x.alb, "g/L"));
      if (x.up !== undefined)
        entry.push(obs(`${id}-up-${i}`, id, "2889-4", x.date, x.up, "g/(24.h)"));
    });
  }
  return JSON.stringify({ resourceType: "Bundle", type: "collection", entry });
}

type Row = Record<string, string>;
/** Patient → visit day → category, from the CLI's CSV output. */
function categories(stdout: string): Record<string, Record<number, string>> {
  const out: Record<string, Record<number, string>> = {};
  for (const r of parse(stdout, { columns: true }) as Row[]) {
    if (r.category === "baseline" || r.category === "missing" || !r.id || !r.day) continue;
    const byDay = out[r.id] ?? {};
    byDay[Number(r.day)] = r.category ?? "";
    out[r.id] = byDay;
  }
  return out;
}

describe("the same patients as a wide CSV, an SDTM LB extract and a FHIR Bundle", () => {
  it("classify to the same categories at every visit", async () => {
    const dir = scratch();
    const paths = {
      wide: join(dir, "export.csv"),
      config: join(dir, "export.config.json"),
      long: join(dir, "lb.csv"),
      fhir: join(dir, "bundle.json"),
    };
    writeFileSync(paths.wide, wide());
    writeFileSync(
      paths.config,
      JSON.stringify({
        columns: {
          id: "record_id",
          date: "visit_date",
          "patient.sex": "sex",
          "current.proteinuria": "prot24h:g/24h",
          "current.serumCreatinine": "scr:umol/L",
          "current.serumAlbumin": "alb:g/L",
        },
        baseline: { row: { column: "redcap_event_name", equals: "baseline_arm_1" } },
      }),
    );
    writeFileSync(paths.long, long());
    writeFileSync(paths.fhir, fhir());
    const z = ["--criteria", "zhang2023"];
    const w = await cli(["classify", paths.wide, "--config", paths.config, ...z]);
    const l = await cli(["classify", paths.long, "--format", "long", ...z]);
    const f = await cli(["classify", paths.fhir, "--format", "fhir", ...z]);
    for (const r of [w, l, f]) expect(r.code).toBe(0);
    expect(categories(w.stdout)).toEqual(EXPECTED);
    expect(categories(l.stdout)).toEqual(EXPECTED);
    expect(categories(f.stdout)).toEqual(EXPECTED);
    // Every input row or resource accounted for: 12 wide rows (3 baseline rows); 35 LB rows
    // (P1 and P2: 4 visits × 3 results; P3: 3 × 3 + 2, no protein on day 365); 3 Patients and
    // 35 Observations.
    expect(parse(w.stdout, { columns: true })).toHaveLength(12);
    expect(l.stderr).toContain("35 row(s): 35 used, 0 skipped, 0 invalid → 3 patient record(s)");
    expect(f.stderr).toContain(
      "38 resource(s): 38 used, 0 skipped, 0 invalid → 3 patient record(s)",
    );
  }, 60_000);
});
