// Issue 15 item 5: plausibility warnings reach CSV output (a `warnings` column) and stderr (the
// first ones, then a count), JSON rows carry assumptions and notes, and a UPCR given where the
// definition needs a 24-h protein is said as such rather than as a missing value.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { cli, scratch } from "./helpers.js";

// P1: UPCR (mg/mmol) where Zhang 2023 measured 24-h protein. P2: the same, and a creatinine of
// 1.1 labelled µmol/L (a mg/dL value: implausible, outside 10–1500 µmol/L).
const CSV = [
  "id,baseline.proteinuria [mg/mmol],baseline.serumCreatinine [umol/L],current.proteinuria [mg/mmol],current.serumCreatinine [umol/L],current.serumAlbumin [g/L]",
  "P1,400,70,30,70,38",
  "P2,400,70,30,1.1,38",
].join("\n");
const file = () => {
  const dir = scratch();
  writeFileSync(join(dir, "u.csv"), `${CSV}\n`);
  return join(dir, "u.csv");
};

describe("warnings and reasons", () => {
  it("CSV: a warnings column; the reason says UPCR given, 24-h protein required", async () => {
    const r = await cli(["classify", file(), "--criteria", "zhang2023"]);
    const [header, p1, p2] = r.stdout.trimEnd().split("\n");
    expect(header).toBe(
      "row,line,id,criteria,version,timepoint,day,category,robust,sensitive_to,missing,reason,error,warnings,notes",
    );
    expect(p1).toContain(
      "missing current.proteinuria (UPCR given, 24-h protein required: --allow-proteinuria-substitution uses it), baseline.proteinuria (UPCR given, 24-h protein required: --allow-proteinuria-substitution uses it)",
    );
    const cells = (parse(p1 ?? "") as string[][])[0] ?? [];
    expect(cells[13]).toBe(""); // no warning
    expect(p2).toContain(
      "current.serumCreatinine 1.1 umol/L is outside the plausible range 10–1500 umol/L; check the value and unit",
    );
    // stderr: each warning once with its row, then the count.
    expect(r.stderr).toContain(
      "warning: row 2 (line 3): current.serumCreatinine 1.1 umol/L is outside the plausible range 10–1500 umol/L; check the value and unit",
    );
    expect(r.stderr).toContain("1 row(s) with warnings");
  });
  it("JSON rows carry the notes (why a value was not used) and the assumptions", async () => {
    const r = await cli(["classify", file(), "--criteria", "zhang2023", "--out", "ndjson"]);
    const p1 = JSON.parse(r.stdout.split("\n")[0] ?? "{}");
    expect(p1.notes).toContain(
      "current.proteinuria is a spot UPCR (mg/mmol) but this clause needs a 24-h urine protein; pass allowProteinuriaSubstitution to use it",
    );
    expect(Array.isArray(p1.assumptions)).toBe(true);
  });
});
