// `--criteria-file`: a protocol's own definition, written as JSON (not in the registry), is
// validated and run by `classify`. Expected categories are written by hand from the protocol's
// sentence in the fixture: CR = UPCR < 0.5 g/g and eGFR ≥ 60 and no rescue therapy.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, fixture, rowsOf, scratch } from "./helpers.js";

const CSV = `id,upcr,egfr,rescue
a,0.49,60,no
b,0.5,90,no
c,0.3,59,no
d,0.3,75,yes
e,0.3,,no
`;
const CONFIG = {
  missing: [""],
  columns: {
    id: "id",
    "current.proteinuria": "upcr:g/g",
    "current.egfr": "egfr:mL/min/1.73m2",
    "current.rescueTherapy": "rescue",
  },
};

function files(): { dir: string; csv: string; config: string } {
  const dir = scratch();
  const csv = join(dir, "visits.csv");
  const config = join(dir, "visits.config.json");
  writeFileSync(csv, CSV);
  writeFileSync(config, JSON.stringify(CONFIG));
  return { dir, csv, config };
}

describe("--criteria-file", () => {
  it("runs a protocol definition that is not in the registry, and only it", async () => {
    const f = files();
    const r = await cli([
      "classify",
      f.csv,
      "--config",
      f.config,
      "--criteria-file",
      fixture("protocol.criteria.json"),
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const rows = rowsOf(r.stdout);
    expect(rows.map((x) => `${x.id} ${x.criteria}@${x.version} ${x.category}`)).toEqual([
      "a example-protocol-crr@1.0.0 CR", // 0.49 < 0.5, 60 ≥ 60, no rescue
      "b example-protocol-crr@1.0.0 NR", // 0.5 is not below 0.5
      "c example-protocol-crr@1.0.0 NR", // 59 < 60
      "d example-protocol-crr@1.0.0 NR", // rescue therapy
      "e example-protocol-crr@1.0.0 indeterminate", // eGFR missing decides it
    ]);
    expect(rows[4]?.missing).toContain("current.egfr");
  });

  it("runs beside shipped definitions named with --criteria", async () => {
    const f = files();
    const r = await cli([
      "classify",
      f.csv,
      "--config",
      f.config,
      "--criteria",
      "kdigo2024",
      "--criteria-file",
      fixture("protocol.criteria.json"),
    ]);
    expect(r.code).toBe(0);
    expect(new Set(rowsOf(r.stdout).map((x) => x.criteria))).toEqual(
      new Set(["kdigo2024", "example-protocol-crr"]),
    );
  });

  it("refuses an invalid definition with the offending path, before reading any row (exit 2)", async () => {
    const f = files();
    const bad = join(f.dir, "bad.json");
    const text = JSON.stringify(
      JSON.parse((await import("node:fs")).readFileSync(fixture("protocol.criteria.json"), "utf8")),
    ).replace('"value":0.5', '"value":"0.5 ? (globalThis.X = 1, 1) : 1"');
    writeFileSync(bad, text);
    const r = await cli(["classify", f.csv, "--config", f.config, "--criteria-file", bad]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("categories[0].expr.of[0].right.value");
    expect((globalThis as { X?: unknown }).X).toBeUndefined();
  });

  it("refuses a file that is not JSON, and an eligibility rule, with a message", async () => {
    const f = files();
    const notJson = join(f.dir, "x.json");
    writeFileSync(notJson, "{ not json");
    const r1 = await cli(["classify", f.csv, "--config", f.config, "--criteria-file", notJson]);
    expect(r1.code).toBe(2);
    expect(r1.stderr).toMatch(/--criteria-file .*x\.json/);
    const rule = join(f.dir, "rule.json");
    const { eligibility } = await import("../../src/index.js");
    writeFileSync(rule, JSON.stringify(eligibility.kang2020Refractory));
    const r2 = await cli(["classify", f.csv, "--config", f.config, "--criteria-file", rule]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain("classify takes response criteria");
  });

  it("refuses the same id twice", async () => {
    const f = files();
    const p = fixture("protocol.criteria.json");
    const r = await cli([
      "classify",
      f.csv,
      "--config",
      f.config,
      "--criteria-file",
      p,
      "--criteria-file",
      p,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("given twice");
  });
});
