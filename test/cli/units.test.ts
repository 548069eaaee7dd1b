// Unit tests of the CLI's building blocks: the line-oriented CSV reader, delimiter
// sniffing, column specs, and the mapping of validation paths back to columns.
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { decisiveLeaf, reasonOf } from "../../src/cli/classify.js";
import { MAX_SPAN, readCsv, sniffDelimiter } from "../../src/cli/csv.js";
import { UsageError } from "../../src/cli/io.js";
import {
  buildRow,
  DEFAULT_MISSING,
  FIELDS,
  issueToColumn,
  mappingEntries,
  parseColumnSpec,
  resolveMapping,
} from "../../src/cli/mapping.js";
import { parseTimepoints, selectCriteria } from "../../src/cli/registry.js";
import { classifyResponse, criteria } from "../../src/index.js";

async function records(text: string, delimiter?: string) {
  const r = await readCsv(Readable.from([text]), { delimiter });
  const out = [];
  for await (const rec of r.records) out.push(rec);
  return { header: r.header.fields, delimiter: r.delimiter, out };
}

describe("readCsv", () => {
  it("splits plain lines and parses quoted ones", async () => {
    const r = await records('a,b,c\n1, 2 ,3\n"x, y","say ""hi""",z\n');
    expect(r.header).toEqual(["a", "b", "c"]);
    expect(r.out.map((x) => x.fields)).toEqual([
      ["1", "2", "3"],
      ["x, y", 'say "hi"', "z"],
    ]);
  });

  it("reads chunks split anywhere, CRLF and lone CR line ends", async () => {
    const text = "a,b\r\n1,2\r\n3,4\r5,6\n";
    const r = await readCsv(Readable.from([...text]), {});
    const out = [];
    for await (const rec of r.records) out.push(rec.fields);
    expect(out).toEqual([
      ["1", "2"],
      ["3", "4"],
      ["5", "6"],
    ]);
  });

  it("does not join more than MAX_SPAN lines for one quoted field", async () => {
    const body = Array.from({ length: MAX_SPAN + 5 }, () => "more text").join("\n");
    const r = await records(`a,b\n1,"${body}"\n`);
    expect(r.out[0]?.error).toContain("unbalanced quote");
    // every following line is then read on its own (one field each, the header has two)
    expect(r.out.length).toBeGreaterThan(MAX_SPAN);
  });

  it("rejects a join that would swallow complete rows", async () => {
    const r = await records('a,b\n1,"x\n2,y\n3,z"\n4,w\n');
    expect(r.out.map((x) => x.fields ?? x.error?.slice(0, 16))).toEqual([
      "unbalanced quote",
      ["2", "y"],
      "misplaced quote:",
      ["4", "w"],
    ]);
  });

  it("an empty file has no header", async () => {
    await expect(readCsv(Readable.from(["\n\n"]), {})).rejects.toThrow("no header line");
  });
});

describe("sniffDelimiter", () => {
  it.each([
    ["a,b,c", ","],
    ["a;b;c", ";"],
    ["a\tb\tc", "\t"],
    ["a|b|c", "|"],
    ['"a;b",c', ","],
    ["single", ","],
    ["up [mg/24h];scr [umol/L]", ";"],
  ])("%j → %j", (header, expected) => {
    expect(sniffDelimiter(header)).toBe(expected);
  });
});

describe("column specs", () => {
  const up = FIELDS.get("current.proteinuria");
  it("reads col:unit, col:@unitColumn and the object form", () => {
    if (!up) throw new Error("field table");
    expect(parseColumnSpec(up, "up:g/24h", "x")).toEqual({ column: "up", unit: "g/24h" });
    expect(parseColumnSpec(up, "a:b:mg/24h", "x")).toEqual({ column: "a:b", unit: "mg/24h" });
    expect(parseColumnSpec(up, "up:@up_unit", "x")).toEqual({
      column: "up",
      unitColumn: "up_unit",
    });
    expect(parseColumnSpec(up, { column: "up", unit: "mg/mmol" }, "x")).toEqual({
      column: "up",
      unit: "mg/mmol",
    });
  });
  it("rejects a quantity without a unit, a unit of another kind, an unknown field", () => {
    if (!up) throw new Error("field table");
    expect(() => parseColumnSpec(up, "up", "--proteinuria")).toThrow(UsageError);
    expect(() => parseColumnSpec(up, "up:g/L", "--proteinuria")).toThrow(
      "'g/L' is not a unit of current.proteinuria",
    );
    // UCUM's case-insensitive form is read as the unit it means, and said so.
    expect(parseColumnSpec(up, "up:G/24H", "--proteinuria")).toEqual({
      column: "up",
      unit: "g/24h",
      unitNote: "unit 'G/24H' read as 'g/24h' (UCUM's case-insensitive form)",
    });
    // A creatinine unit is never suggested for proteinuria.
    expect(() => parseColumnSpec(up, "up:MG/DL", "--proteinuria")).toThrow(
      "'MG/DL' is not a unit of current.proteinuria; expected one of:",
    );
    expect(() => parseColumnSpec(up, "up:g/24hx", "--proteinuria")).toThrow(
      "unknown unit 'g/24hx'; expected one of:",
    );
    expect(() => mappingEntries([{ field: "current.up", spec: "x", origin: "--map" }])).toThrow(
      "unknown field 'current.up'",
    );
  });
  it("later entries override earlier ones for the same field", () => {
    const e = mappingEntries([
      { field: "id", spec: "a", origin: "config" },
      { field: "id", spec: "b", origin: "--id-column" },
    ]);
    expect(e).toHaveLength(1);
    expect(e[0]?.column).toBe("b");
  });
});

describe("rows through the mapping", () => {
  const m = resolveMapping(
    mappingEntries([
      { field: "id", spec: "id", origin: "t" },
      { field: "day", spec: "d", origin: "t" },
      { field: "current.proteinuria", spec: "up:@u", origin: "t" },
      { field: "current.urineSediment.cellularCasts", spec: "casts", origin: "t" },
    ]),
    ["id", "d", "up", "u", "casts"],
  );
  const dialect = {
    decimal: "." as const,
    missing: new Set(DEFAULT_MISSING.map((s) => s.toLowerCase())),
  };

  it("builds the nested assessment", () => {
    expect(buildRow(["p1", "90", "0.5", "g/24h", "Yes"], m, dialect)).toEqual({
      id: "p1",
      day: 90,
      input: {
        current: {
          proteinuria: { value: 0.5, unit: "g/24h" },
          urineSediment: { cellularCasts: true },
        },
      },
      issues: [],
      notes: [],
    });
  });
  it("reports cell problems at their columns", () => {
    const b = buildRow(["", "9.5", "<0.1.2", "g/24h", "maybe"], m, dialect);
    expect(b.issues.map((i) => `${i.column}: ${i.message}`)).toEqual([
      "id: the id is missing",
      "d: the day must be a whole number of days since baseline, got '9.5'",
      "up: '0.1.2' is not a number",
      "casts: expected yes/no (true/false, 1/0), got 'maybe'",
    ]);
  });
  it("maps validation paths to columns", () => {
    expect(issueToColumn("current.proteinuria.unit", "unknown unit 'G/24h'", m)).toEqual({
      column: "u",
      path: "current.proteinuria.unit",
      message: "unknown unit 'G/24h' (did you mean 'g/24h'?)",
    });
    expect(issueToColumn("current.proteinuria.value", "cannot be negative", m).column).toBe("up");
    expect(issueToColumn("(root)", "bad", m)).toEqual({ path: "(root)", message: "bad" });
  });
});

describe("registry strings", () => {
  it("selects criteria in the order given, all by default", () => {
    expect(selectCriteria("kang2020,zhang2023").map((c) => c.id)).toEqual([
      "kang2020",
      "zhang2023",
    ]);
    expect(selectCriteria(undefined).map((c) => c.id)).toEqual(
      Object.values(criteria).map((c) => c.id),
    );
    expect(() => selectCriteria("kang2020,kang2020")).toThrow("twice");
  });
  it("parses time points", () => {
    expect(parseTimepoints("week 24=168:28, 91")).toEqual([
      { label: "week 24", day: 168, windowDays: 28 },
      { label: "day 91", day: 91, windowDays: 28 },
    ]);
  });
});

describe("reasons", () => {
  it("the decisive clause of a not-met category is its first failed clause", () => {
    const r = classifyResponse(criteria.kang2020, {
      patient: { sex: "F" },
      baseline: {
        proteinuria: { value: 4.92, unit: "g/24h" },
        serumCreatinine: { value: 63, unit: "umol/L" },
      },
      current: {
        proteinuria: { value: 0.47, unit: "g/24h" },
        serumCreatinine: { value: 63, unit: "umol/L" },
        serumAlbumin: { value: 35, unit: "g/L" },
      },
    });
    const cr = r.explanation.categories[0]?.result;
    if (!cr) throw new Error("no CR");
    expect(decisiveLeaf(cr).truth).toBe("not-met");
    expect(reasonOf(r)).toBe(
      "not CR: 24-h urine protein 470 mg/24h (entered as 0.47 g/24h) is not below 300 mg/24h: not met (Kang 2020, Methods, Outcomes).",
    );
  });
});
