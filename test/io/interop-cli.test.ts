// `classify --format long|fhir`: the SDTM LB file and the FHIR Bundle of the same
// patients give the same category for every patient, criteria and time point, the same
// as the records written by hand; every row/resource not used is reported on stderr.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { fromFhir } from "../../src/io/fhir.js";
import { cli, tempFile } from "../cli/helpers.js";
import { bundle } from "./fixtures/fhir-bundle.js";

const LB = fileURLToPath(new URL("./fixtures/lb.csv", import.meta.url));

interface JsonRow {
  id: string | null;
  criteria: string;
  timepoint: string | null;
  day: number | null;
  category: string;
}

async function classify(path: string, extra: readonly string[]) {
  const r = await cli([
    "classify",
    path,
    "--out",
    "json",
    "--criteria",
    "zhang2023,kang2020",
    ...extra,
  ]);
  const rows = JSON.parse(r.stdout) as JsonRow[];
  return {
    ...r,
    keys: rows.map((x) => `${x.id}|${x.criteria}|${x.timepoint}|${x.day}|${x.category}`),
  };
}

describe("classify --format long / fhir", () => {
  it("gives the same categories from the LB file, the Bundle and the records JSON", async () => {
    const long = await classify(LB, ["--format", "long", "--codes", "sdtm"]);
    const fhir = await classify(tempFile("bundle.json", JSON.stringify(bundle)), [
      "--format",
      "fhir",
    ]);
    // The same patients as records JSON (no patient facts: the LB file has no DM domain).
    const records = fromFhir(bundle).records.map(({ patient: _p, ...r }) => r);
    const json = await classify(tempFile("records.json", JSON.stringify(records)), [
      "--kind",
      "records",
    ]);
    const withoutP3 = long.keys.filter((k) => !k.startsWith("p3|"));
    expect(withoutP3.length).toBeGreaterThan(0);
    expect(withoutP3).toEqual(json.keys);
    expect(fhir.keys).toEqual(json.keys);
  });

  it("reports every unused row with its line and reason, and the accounting", async () => {
    const long = await classify(LB, ["--format", "long"]);
    // The censored "<0.1" g/d of line 10 is used (a censored quantity); p3's mg/l is invalid.
    expect(long.stderr).toContain("14 row(s): 9 used, 4 skipped, 1 invalid → 3 patient record(s)");
    expect(long.stderr).not.toMatch(/line 10/);
    // p3, whose only row is invalid, still gets its output rows (nothing lost).
    expect(long.keys.some((k) => k.startsWith("p3|"))).toBe(true);
    const fhir = await classify(tempFile("b.json", JSON.stringify(bundle)), ["--format", "fhir"]);
    expect(fhir.stderr).toContain(
      "17 resource(s): 11 used, 6 skipped, 0 invalid → 2 patient record(s)",
    );
    expect(fhir.stderr).toMatch(
      /skipped resource \d+ \(Observation\/5\), subject p1: status 'preliminary'/,
    );
  });
});
