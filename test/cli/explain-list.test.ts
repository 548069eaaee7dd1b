// `explain` (one row / one patient, sentence by sentence) and `list` (the registry).
import { describe, expect, it } from "vitest";
import { criteria, eligibility, flares } from "../../src/index.js";
import { cli, fixture } from "./helpers.js";

const COHORT = ["examples/cohort.csv", "--config", "examples/cohort.config.json"];

describe("explain", () => {
  it("--row N prints the explanation of that row under each criteria", async () => {
    const r = await cli(["explain", ...COHORT, "--row", "2", "--criteria", "kang2020"]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe("== row 2 (line 4), id SYN-01, day 182 ==");
    expect(lines[1]).toBe("Category: PR under Kang 2020 [kang2020@1.1.1].");
    expect(r.stdout).toContain(
      "24-h urine protein 420 mg/24h (entered as 0.42 g/24h) is not below 300 mg/24h: not met (Kang 2020, Methods, Outcomes).",
    );
  });

  it("--id prints every row of the patient", async () => {
    const r = await cli(["explain", ...COHORT, "--id", "SYN-06", "--criteria", "zhang2023"]);
    expect(r.stdout.match(/^== row \d+ .*id SYN-06/gm)).toHaveLength(2);
  });

  it("explains a patient record at each protocol time point", async () => {
    const r = await cli([
      "explain",
      fixture("records.json"),
      "--id",
      "R1",
      "--criteria",
      "kang2020",
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("-- week 24 (target day 168; visit on day 170) --");
    expect(r.stdout).toContain("Category: PR under Kang 2020 [kang2020@1.1.1].");
    const missing = await cli([
      "explain",
      fixture("records.json"),
      "--row",
      "2",
      "--criteria",
      "kang2020",
    ]);
    expect(missing.stdout).toContain("Category: missing: no visit within ±28 days of day 168.");
  });

  it("an invalid row is shown with its errors and exit code 1", async () => {
    const r = await cli(["explain", fixture("assessments.ndjson"), "--row", "4"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("Invalid row:");
    expect(r.stdout).toContain("current.serumAlbumin.unit: 'mg/dL' is a serum creatinine unit");
  });

  it("a row that does not exist, or neither --row nor --id, is a usage error", async () => {
    const r = await cli(["explain", ...COHORT, "--row", "999"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("row 999 not found: the input has 33 data row(s)");
    const none = await cli(["explain", ...COHORT]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("exactly one of --row N or --id ID");
  });
});

describe("list", () => {
  it("prints every shipped definition with version, evidence, citation and DOI", async () => {
    const r = await cli(["list"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^response\s+kang2020\s+1\.1\.1\s+secondary\s+Kang 2020, Arthritis Res Ther\s+10\.1186\/s13075-020-02154-7$/m,
    );
    expect(r.stdout).toContain("zhang2023: crProteinuriaCutoff=0.5|0.7");
  });

  it("--out json round-trips: same ids in registry order", async () => {
    const r = await cli(["list", "--out", "json"]);
    const rows = JSON.parse(r.stdout) as { kind: string; key: string; id: string; doi: string }[];
    const expected = [
      ...Object.values(criteria).map((c) => c.id),
      ...Object.values(eligibility).map((c) => c.id),
      ...Object.values(flares).map((c) => c.id),
    ];
    expect(rows.map((x) => x.id)).toEqual(expected);
    expect(rows.filter((x) => x.kind === "response").map((x) => x.key)).toEqual(
      Object.keys(criteria),
    );
    expect(rows.find((x) => x.id === "zhang2023")?.doi).toBe("10.3389/fimmu.2023.1133183");
  });

  it("--out csv has one line per definition", async () => {
    const r = await cli(["list", "--out", "csv"]);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("kind,key,id,version,evidence,citation,doi,title,parameters");
    expect(lines).toHaveLength(
      1 +
        Object.keys(criteria).length +
        Object.keys(eligibility).length +
        Object.keys(flares).length,
    );
  });
});
