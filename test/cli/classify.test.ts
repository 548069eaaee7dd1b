// `classify`: the golden CSV (expected categories written by hand from the papers'
// definitions), output formats, criteria / reading selection, summary, progress.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { summarizeCohort } from "../../src/analysis/cohort.js";
import { criteria } from "../../src/index.js";
import { cli, fixture, rowsOf, SIMPLE_FLAGS, scratch, tempFile } from "./helpers.js";

// Without --criteria every shipped response definition is applied.
const NCRIT = Object.keys(criteria).length;

const GOLDEN = ["classify", fixture("golden.csv"), "--config", fixture("golden.config.json")];
const golden = parse(readFileSync(fixture("golden.csv"), "utf8"), { columns: true }) as Record<
  string,
  string
>[];

describe("golden CSV: hand-checked boundary cases of Kang 2020 and Zhang 2023", () => {
  it("gives the hand-written category for every row under both criteria, in input order", async () => {
    const r = await cli([...GOLDEN, "--criteria", "kang2020,zhang2023"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = rowsOf(r.stdout);
    expect(out).toHaveLength(golden.length * 2);
    golden.forEach((g, i) => {
      const kang = out[2 * i];
      const zhang = out[2 * i + 1];
      expect(kang).toMatchObject({ row: String(i + 1), id: g.case, criteria: "kang2020" });
      expect(zhang).toMatchObject({ row: String(i + 1), id: g.case, criteria: "zhang2023" });
      expect(`${g.case} kang2020 ${kang?.category}`).toBe(
        `${g.case} kang2020 ${g.expected_kang2020}`,
      );
      expect(`${g.case} zhang2023 ${zhang?.category}`).toBe(
        `${g.case} zhang2023 ${g.expected_zhang2023}`,
      );
    });
  });

  it("Kang 2020: 299 mg with normal sediment and creatinine is CR, 2001 mg is NR, with the deciding sentence", async () => {
    const out = rowsOf((await cli([...GOLDEN, "--criteria", "kang2020"])).stdout);
    const k01 = out.find((r) => r.id === "K01");
    expect(k01?.category).toBe("CR");
    expect(k01?.reason).toBe(
      "CR: 24-h urine protein 299 mg/24h is below 300 mg/24h: met (Kang 2020, Methods, Outcomes).",
    );
    const k04 = out.find((r) => r.id === "K04");
    expect(k04?.category).toBe("NR");
    expect(k04?.reason).toBe(
      "not PR: 24-h urine protein 2001 mg/24h is not at or below 2000 mg/24h: not met (Kang 2020, Methods, Outcomes).",
    );
  });

  it("reports the gap, the missing inputs and robustness", async () => {
    const out = rowsOf((await cli([...GOLDEN])).stdout);
    const get = (id: string, c: string) => out.find((r) => r.id === id && r.criteria === c);
    expect(get("K05", "kang2020")?.reason).toMatch(
      /^gap in the source's text \(below-pr-range-not-cr\)/,
    );
    expect(get("K14", "kang2020")).toMatchObject({
      category: "indeterminate",
      missing: "current.serumAlbumin",
      reason: "possible PR or NR; missing current.serumAlbumin",
    });
    expect(get("K15", "zhang2023")).toMatchObject({
      category: "PR",
      robust: "false",
      sensitive_to: "crProteinuriaCutoff",
    });
    expect(get("K02", "kang2020")).toMatchObject({
      robust: "false",
      sensitive_to: "prProteinuriaBounds",
    });
    // K01's creatinine 80 µmol/L (F) is normal under the default Mayo limit (91.9) but not under
    // the WS/T 404.5 Chinese limit (73): CR depends on the reference interval.
    expect(get("K01", "kang2020")).toMatchObject({
      category: "CR",
      robust: "false",
      sensitive_to: "creatinineReference",
    });
  });

  it("--interpretation changes the reading: 0.6 g/day is CR under Zhang's '< 0.7' reading", async () => {
    const out = rowsOf(
      (
        await cli([
          ...GOLDEN,
          "--criteria",
          "zhang2023",
          "--interpretation",
          "crProteinuriaCutoff=0.7",
        ])
      ).stdout,
    );
    expect(out.find((r) => r.id === "K15")?.category).toBe("CR");
    // qualified by criteria id, and a named variant as a criteria id
    const q = rowsOf(
      (await cli([...GOLDEN, "--interpretation", "kang2020.prProteinuriaBounds=exclusive"])).stdout,
    );
    expect(q.find((r) => r.id === "K03" && r.criteria === "kang2020")?.category).toBe("NR");
    const v = rowsOf(
      (await cli([...GOLDEN, "--criteria", "zhang2023+crProteinuriaCutoff=0.7"])).stdout,
    );
    expect(v[0]?.criteria).toBe("zhang2023+crProteinuriaCutoff=0.7");
    expect(v.find((r) => r.id === "K15")?.category).toBe("CR");
  });
});

describe("criteria and option validation", () => {
  it("an unknown criteria id fails with the list of valid ids", async () => {
    const r = await cli([...GOLDEN, "--criteria", "zhang2023,kang2021"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("unknown criteria 'kang2021'; valid ids: zhang2023, kang2020");
  });
  it("an eligibility rule is named as such", async () => {
    const r = await cli([...GOLDEN, "--criteria", "kang2020Refractory"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("'kang2020Refractory' is an eligibility rule");
  });
  it("an unknown parameter or reading fails with the permitted ones", async () => {
    const p = await cli([...GOLDEN, "--interpretation", "cutoff=0.7"]);
    expect(p.code).toBe(2);
    expect(p.stderr).toContain("no selected criteria has the parameter 'cutoff'");
    expect(p.stderr).toContain("zhang2023: crProteinuriaCutoff (0.5|0.7)");
    const r = await cli([...GOLDEN, "--interpretation", "crProteinuriaCutoff=0.6"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "'0.6' is not a reading of 'crProteinuriaCutoff'; permitted: 0.5, 0.7",
    );
  });
  it("commander rejects a bad choice with exit code 2", async () => {
    const r = await cli([...GOLDEN, "--out", "xml"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("xml");
  });
  it("an unknown extension needs --format", async () => {
    const path = tempFile("data.dat", "id\n");
    const r = await cli(["classify", path]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("pass --format csv, ndjson or json");
  });
  it("no arguments prints the help and exits 2; --help exits 0", async () => {
    const none = await cli([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("Usage: lupus-renal-criteria");
    const help = await cli(["classify", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("--baseline-proteinuria <column:unit>");
  });
});

describe("output formats and destinations", () => {
  it("--out json is one parseable array with the same rows", async () => {
    const csv = rowsOf((await cli(GOLDEN)).stdout);
    const r = await cli([...GOLDEN, "--out", "json"]);
    const json = JSON.parse(r.stdout) as {
      row: number;
      id: string;
      category: string;
      missing: string[];
    }[];
    expect(json.map((x) => `${x.row} ${x.id} ${x.category}`)).toEqual(
      csv.map((x) => `${x.row} ${x.id} ${x.category}`),
    );
    expect(json.find((x) => x.id === "K14")?.missing).toEqual(["current.serumAlbumin"]);
  });
  it("--out ndjson writes one object a line", async () => {
    const r = await cli([...GOLDEN, "--out", "ndjson", "--criteria", "kang2020"]);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(golden.length);
    expect(JSON.parse(lines[0] ?? "")).toMatchObject({ id: "K01", category: "CR" });
  });
  it("--output writes the rows to a file and the summary to stdout", async () => {
    const out = join(scratch(), "rows.csv");
    const r = await cli([
      "classify",
      "examples/cohort.csv",
      "--config",
      "examples/cohort.config.json",
      "--output",
      out,
      "--summary",
    ]);
    expect(r.code).toBe(0);
    expect(rowsOf(readFileSync(out, "utf8"))).toHaveLength(33 * NCRIT);
    expect(r.stdout).toContain("Summary: Zhang 2023 [zhang2023@1.1.0]");
    expect(r.stderr).toBe("");
  });
  it("reads standard input with '-' and --format", async () => {
    const text = readFileSync(fixture("golden.csv"), "utf8");
    const r = await cli(
      ["classify", "-", "--format", "csv", "--config", fixture("golden.config.json")],
      {
        stdin: text,
      },
    );
    expect(rowsOf(r.stdout)).toHaveLength(golden.length * NCRIT);
  });
  it("an empty input (header only) writes the header and warns", async () => {
    const path = tempFile("empty.csv", "id,up0,scr0,up,scr,alb,sex\n");
    const r = await cli(["classify", path, ...SIMPLE_FLAGS]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain("no data rows");
  });
});

describe("--summary", () => {
  const COHORT = ["classify", "examples/cohort.csv", "--config", "examples/cohort.config.json"];

  it("goes to stderr when the rows go to stdout; --summary-only prints only the table to stdout", async () => {
    const both = await cli([...COHORT, "--summary"]);
    expect(rowsOf(both.stdout)).toHaveLength(33 * NCRIT);
    expect(both.stderr).toContain("Summary: Kang 2020 [kang2020@1.1.1]");
    const only = await cli([...COHORT, "--summary-only"]);
    expect(only.stdout.startsWith("Summary: Zhang 2023")).toBe(true);
    expect(only.stderr).toBe("");
  });

  it("matches summarizeCohort on the same patients (visits grouped by id)", async () => {
    const only = await cli([...COHORT, "--summary-only", "--criteria", "kang2020"]);
    // Rebuild the records from the CSV by hand and summarise with the library.
    const rows = parse(readFileSync("examples/cohort.csv", "utf8"), {
      columns: true,
      comment: "#",
    }) as Record<string, string>[];
    const byId = new Map<
      string,
      { id: string; patient: object; baseline: object; visits: object[] }
    >();
    for (const r of rows) {
      const id = r.patient as string;
      const rec = byId.get(id) ?? {
        id,
        patient: { sex: r.sex, ageYears: Number(r.age) },
        baseline: {
          proteinuria: { value: Number(r.up_baseline), unit: "g/24h" },
          serumCreatinine: { value: Number(r.scr_baseline), unit: "umol/L" },
        },
        visits: [],
      };
      rec.visits.push({
        day: Number(r.visit_day),
        labs: {
          proteinuria: { value: Number(r.up), unit: "g/24h" },
          serumCreatinine: { value: Number(r.scr), unit: r.scr_unit },
          ...(r.albumin === "NA"
            ? {}
            : { serumAlbumin: { value: Number(r.albumin), unit: "g/L" } }),
          urineSediment: {
            rbcPerHpf: Number(r.rbc_hpf),
            wbcPerHpf: Number(r.wbc_hpf),
            cellularCasts: r.casts === "yes",
          },
        },
      });
      byId.set(id, rec);
    }
    const s = summarizeCohort(criteria.kang2020, [...byId.values()]);
    const tp = s.timepoints[0];
    expect(tp).toBeDefined();
    const line = only.stdout.split("\n").find((l) => l.startsWith("week 24"));
    const cells = (line ?? "").split(/\s{2,}/);
    expect(cells.slice(0, 9)).toEqual([
      "week 24",
      "168",
      String(tp?.counts.CR),
      String(tp?.counts.PR),
      String(tp?.counts.NR),
      String(tp?.counts.indeterminate),
      String(tp?.counts.missing),
      String(tp?.counts.invalid),
      "12",
    ]);
    const or = tp?.rates.OR;
    const pct = (x: number) => (x * 100).toFixed(1);
    expect(cells[11]).toBe(
      `${or?.count}/12 ${pct(or?.rate ?? 0)}% (${pct(or?.ci?.[0] ?? 0)}-${pct(or?.ci?.[1] ?? 0)})`,
    );
  });

  it("--analysis evaluable lists the records left out of each denominator", async () => {
    const r = await cli([
      ...COHORT,
      "--summary-only",
      "--criteria",
      "kang2020",
      "--analysis",
      "evaluable",
    ]);
    expect(r.stdout).toContain("evaluable analysis");
    expect(r.stdout).toMatch(/Excluded at week 24: SYN-07 \(no visit within ±28 days of day 168\)/);
  });

  it("assessment rows without visit days are summarised as given", async () => {
    const r = await cli([...GOLDEN, "--criteria", "kang2020", "--summary-only"]);
    expect(r.stdout).toContain("24 assessment row(s), each classified as given");
    const line = r.stdout.split("\n").find((l) => l.startsWith("as given")) ?? "";
    const k = golden.map((g) => g.expected_kang2020);
    const count = (c: string) => String(k.filter((x) => x === c).length);
    expect(line.split(/\s{2,}/).slice(1, 7)).toEqual([
      count("CR"),
      count("PR"),
      count("NR"),
      count("indeterminate"),
      "0",
      "24",
    ]);
  });
});

describe("progress", () => {
  it("is drawn on stderr only when stderr is a terminal", async () => {
    const tty = await cli(GOLDEN, { tty: true });
    expect(tty.stderr).toContain("rows");
    expect(tty.stderr).toContain("\r\x1b[K");
    expect(tty.stdout).not.toContain("\r");
    const pipe = await cli(GOLDEN, { tty: false });
    expect(pipe.stderr).toBe("");
    const quiet = await cli([...GOLDEN, "--quiet"], { tty: true });
    expect(quiet.stderr).toBe("");
  });
});

describe("streaming a larger file", () => {
  it("keeps every one of 3,000 rows, in order, with the bad ones in place", async () => {
    const lines = ["id,sex,up0,scr0,up,scr,alb"];
    for (let i = 1; i <= 3000; i++) {
      const up = i % 500 === 0 ? "oops" : (0.1 + (i % 40) / 10).toFixed(2);
      lines.push(`p${i},${i % 2 ? "F" : "M"},4.5,70,${up},72,${i % 7 === 0 ? "NA" : "34"}`);
    }
    const path = tempFile("big.csv", `${lines.join("\n")}\n`);
    const r = await cli(["classify", path, ...SIMPLE_FLAGS, "--criteria", "zhang2023"]);
    const rows = rowsOf(r.stdout);
    expect(rows).toHaveLength(3000);
    expect(rows.every((x, i) => x.row === String(i + 1) && x.id === `p${i + 1}`)).toBe(true);
    expect(rows.filter((x) => x.category === "invalid").map((x) => x.id)).toEqual([
      "p500",
      "p1000",
      "p1500",
      "p2000",
      "p2500",
      "p3000",
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("6 of 3000 rows invalid");
  });
});
