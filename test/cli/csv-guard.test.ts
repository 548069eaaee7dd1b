// Spreadsheet formula injection (issue 13, item 5): CSV output cells that begin with = + - @
// tab or CR are prefixed with ' and quoted (OWASP, "CSV Injection"), by default; plain numbers
// (-2, +3, 1e3) stay numbers; --no-csv-guard writes the cells as they are. JSON is not changed.
import { describe, expect, it } from "vitest";
import { csvField, isFormulaLike } from "../../src/cli/output.js";
import { cli, rowsOf, SIMPLE_FLAGS, tempFile } from "./helpers.js";

const HEADER = "id,sex,up0,scr0,up,scr,alb";
const GOOD = "F,4.92,63,0.47,63,35";
const IDS = ["=1+1", "+SUM(A1:A9)", "@SUM(A1)", "-2+3", '=HYPERLINK("http://x","y")', "-2", "p1"];

function file(): string {
  // RFC 4180: the id with quotes is quoted in the input.
  return tempFile(
    "ids.csv",
    [
      HEADER,
      ...IDS.map((id) => `${id.includes('"') ? `"${id.replaceAll('"', '""')}"` : id},${GOOD}`),
    ].join("\n"),
  );
}

describe("CSV formula neutralisation", () => {
  it("formula-like ids are prefixed with ' and quoted; numbers and plain text are not", async () => {
    const r = await cli(["classify", file(), ...SIMPLE_FLAGS, "--criteria", "kang2020"]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n").slice(1);
    expect(lines.map((l) => l.split(",")[2])).toEqual([
      `"'=1+1"`,
      `"'+SUM(A1:A9)"`,
      `"'@SUM(A1)"`,
      `"'-2+3"`,
      `"'=HYPERLINK(""http://x""`, // the cell goes on after the comma inside the quotes
      "-2",
      "p1",
    ]);
    expect(rowsOf(r.stdout).map((x) => x.id)).toEqual([
      "'=1+1",
      "'+SUM(A1:A9)",
      "'@SUM(A1)",
      "'-2+3",
      `'=HYPERLINK("http://x","y")`,
      "-2",
      "p1",
    ]);
  });

  it("--no-csv-guard writes the cells as they are", async () => {
    const r = await cli([
      "classify",
      file(),
      ...SIMPLE_FLAGS,
      "--criteria",
      "kang2020",
      "--no-csv-guard",
    ]);
    expect(r.code).toBe(0);
    expect(rowsOf(r.stdout).map((x) => x.id)).toEqual(IDS);
    expect(r.stdout).toContain("\n1,2,=1+1,kang2020,");
  });

  it("JSON output keeps the values as they are", async () => {
    const r = await cli([
      "classify",
      file(),
      ...SIMPLE_FLAGS,
      "--criteria",
      "kang2020",
      "--out",
      "json",
    ]);
    expect((JSON.parse(r.stdout) as { id: string }[]).map((x) => x.id)).toEqual(IDS);
  });

  it("the rule, cell by cell: tab and CR starts too; a plain number is a number, an expression is not", () => {
    expect(csvField("\tcmd")).toBe(`"'\tcmd"`);
    expect(csvField("\r=1")).toBe(`"'\r=1"`);
    expect(csvField("-")).toBe(`"'-"`);
    expect(csvField("-2")).toBe("-2");
    expect(csvField("+3")).toBe("+3");
    expect(csvField("-0.5e-3")).toBe("-0.5e-3");
    expect(csvField(-2)).toBe("-2");
    expect(csvField("-2 ")).toBe(`"'-2 "`); // not a plain number: a trailing blank
    expect(csvField("-1-1")).toBe(`"'-1-1"`);
    expect(csvField("a=1")).toBe("a=1");
    expect(csvField(" =1")).toBe(`" =1"`); // a leading blank: quoted as before, not a formula start
    expect(csvField("=1", false)).toBe("=1");
    expect(isFormulaLike("")).toBe(false);
    expect(isFormulaLike("@")).toBe(true);
  });

  it("a --timepoints label is a CSV cell too", async () => {
    const records = tempFile(
      "r.ndjson",
      `${JSON.stringify({ id: "r1", baseline: {}, visits: [] })}\n`,
    );
    const r = await cli([
      "classify",
      records,
      "--criteria",
      "kang2020",
      "--timepoints",
      "=1+2=168",
    ]);
    expect(rowsOf(r.stdout)[0]?.timepoint).toBe("'=1+2");
  });
});
