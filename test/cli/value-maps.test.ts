// Issue 15 item 1: value maps per field in the --config file (REDCap-style codes), so an export's
// `1`/`2` sex codes and `ja`/`nein` answers are read without preprocessing; a code that is not in
// the map is still an error naming the column.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, scratch } from "./helpers.js";

// Kang 2020 CR needs a normal creatinine: 95 µmol/L is above the female (Mayo) limit of 91.9 but
// within the male one (119.3). With 4 → 0.2 g/day and a normal sediment, sex decides CR or not:
// a man (code 1) is CR; a woman (code 2) is not CR (95 > 91.9); code 3 is not a sex.
const CSV = [
  "record_id,sex,up0,scr0,up,scr,alb,normal_sed",
  "P1,1,4.0,95,0.2,95,38,ja",
  "P2,2,4.0,95,0.2,95,38,ja",
  "P3,3,4.0,95,0.2,95,38,nein",
].join("\n");
const CONFIG = {
  columns: {
    id: "record_id",
    "patient.sex": "sex",
    "baseline.proteinuria": "up0:g/24h",
    "baseline.serumCreatinine": "scr0:umol/L",
    "current.proteinuria": "up:g/24h",
    "current.serumCreatinine": "scr:umol/L",
    "current.serumAlbumin": "alb:g/L",
    "current.urineSediment.normal": "normal_sed",
  },
  values: {
    "patient.sex": { "1": "M", "2": "F" },
    "current.urineSediment.normal": { ja: "yes", nein: "no" },
  },
};

describe("value maps (--config values)", () => {
  it("codes are read through the map; an unmapped code is an error at its column", async () => {
    const dir = scratch();
    writeFileSync(join(dir, "c.csv"), `${CSV}\n`);
    writeFileSync(join(dir, "c.json"), JSON.stringify(CONFIG));
    const r = await cli([
      "classify",
      join(dir, "c.csv"),
      "--config",
      join(dir, "c.json"),
      "--criteria",
      "kang2020",
    ]);
    const rows = r.stdout.trimEnd().split("\n").slice(1);
    expect(rows[0]).toMatch(/^1,2,P1,kang2020,[^,]+,,,CR,/);
    // The woman: not CR (95 > 91.9), and 200 mg/day is below Kang's PR range (300–2000 mg):
    // NR, in the gap the text leaves (reported as NR).
    expect(rows[1]).toMatch(/^2,3,P2,kang2020,[^,]+,,,NR,/);
    expect(rows[2]).toContain(",invalid,");
    expect(rows[2]).toContain(
      "column 'sex' (patient.sex): expected F or M, got '3' (the value map of patient.sex reads: 1, 2)",
    );
    expect(r.code).toBe(1);
  });
  it("a value map for an unknown field is refused with the field list", async () => {
    const dir = scratch();
    writeFileSync(join(dir, "c.csv"), `${CSV}\n`);
    writeFileSync(
      join(dir, "c.json"),
      JSON.stringify({ ...CONFIG, values: { gender: { "1": "M" } } }),
    );
    const r = await cli([
      "classify",
      join(dir, "c.csv"),
      "--config",
      join(dir, "c.json"),
      "--criteria",
      "kang2020",
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("values.gender");
  });
});
