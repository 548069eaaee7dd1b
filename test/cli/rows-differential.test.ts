// The CLI's rows path against the library one row at a time: a few thousand generated wide-CSV
// rows (missing values, censored cells, zero baselines, UPCR beside 24-h protein, laboratory unit
// spellings, the laboratory's creatinine limit or none, sediment counts, eGFR, implausible values,
// cells that cannot be read, rows that fail validation, broken CSV lines) go through `classify`,
// and every output column of every row is compared with `classifyResponse` + `reasonOf` (the
// explained path) applied to the same assessment, built here from the generated values (not
// through the CLI's reader). NDJSON for the values, CSV for the cells as written. Every shipped
// definition under its default readings, and under two other choices of every parameter (one of
// them with proteinuria substitution). The CLI classifies these rows from the compiled form
// (`src/api/rows.ts`), the explained path only where it must: this test is what proves the two
// give the same bytes.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type ClassifyOptions, classifyResponse } from "../../src/api/classify.js";
import { reasonOf } from "../../src/cli/classify.js";
import { formatIssue } from "../../src/cli/mapping.js";
import { criteria } from "../../src/index.js";
import { InputError } from "../../src/ir/errors.js";
import type { ResponseCriteria } from "../../src/ir/types.js";
import { labUnitNote, readLabUnit } from "../../src/units/lab-units.js";
import { lookupUnit } from "../../src/units/units.js";
import { cli, rowsOf, scratch } from "./helpers.js";

const ROWS = 4_000;

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HEADER = [
  "id",
  "day",
  "sex",
  "age",
  "up0",
  "up0_unit",
  "scr0",
  "scr0_unit",
  "up",
  "up_unit",
  "scr",
  "scr_unit",
  "alb",
  "egfr",
  "egfr0",
  "uln",
  "rbc",
  "wbc",
  "casts",
];

const CONFIG = {
  columns: {
    id: "id",
    day: "day",
    "patient.sex": "sex",
    "patient.ageYears": "age",
    "baseline.proteinuria": "up0:@up0_unit",
    "baseline.serumCreatinine": "scr0:@scr0_unit",
    "current.proteinuria": "up:@up_unit",
    "current.serumCreatinine": "scr:@scr_unit",
    "current.serumAlbumin": "alb:g/L",
    "current.egfr": "egfr:mL/min/1.73m2",
    "baseline.egfr": "egfr0:mL/min/1.73m2",
    "current.serumCreatinineUpperLimit": "uln:umol/L",
    "current.urineSediment.rbcPerHpf": "rbc",
    "current.urineSediment.wbcPerHpf": "wbc",
    "current.urineSediment.cellularCasts": "casts",
  },
};

/** A unit as written in the file, the value range it is drawn from. */
const PROTEIN_UNITS: readonly [string, number][] = [
  ["g/24h", 8],
  ["g/24h", 8],
  ["mg/24h", 8000],
  ["g/d", 8],
  ["g/24 hr", 8],
  ["mg/mmol", 800],
  ["MG/MMOL", 800],
  ["mg/mg", 8],
  ["g/g", 8],
];
const CREATININE_UNITS: readonly [string, number][] = [
  ["umol/L", 200],
  ["umol/L", 200],
  ["mg/dL", 2.5],
  ["MG/DL", 2.5],
];

interface Generated {
  /** The cells (or a whole raw line for a broken CSV line). */
  readonly cells?: string[];
  readonly raw?: string;
  /** The assessment the row means. */
  readonly input: Record<string, unknown>;
  /** Notes the CLI's reader adds (laboratory unit spellings), in mapping order. */
  readonly readNotes: string[];
  /** Paths of cells that cannot be read (the row is invalid). */
  readonly cellErrors: string[];
  /** Expected error of a broken line. */
  readonly lineError?: string;
}

function set(o: Record<string, unknown>, path: string, v: unknown): void {
  const keys = path.split(".");
  let at = o;
  for (const k of keys.slice(0, -1)) {
    at[k] ??= {};
    at = at[k] as Record<string, unknown>;
  }
  at[keys[keys.length - 1] as string] = v;
}

function generate(n: number, seed: number): Generated[] {
  const rand = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const num = (max: number) => String(Math.round(rand() * max * 100) / 100);
  const out: Generated[] = [];
  let patient = 0;
  while (out.length < n) {
    patient += 1;
    const id = rand() < 0.1 ? `p ${patient}, site "A"` : `p${patient}`;
    const sexCell = pick(["F", "F", "F", "M", "M", "female", "", "NA", "F", "x"]);
    const ageCell = pick(["34", "51", "", "27.5", "44", "19", "63", "", "38", "forty"]);
    const base: Record<string, string> = {
      up0: num(8),
      up0_unit: "g/24h",
      scr0: num(160),
      scr0_unit: "umol/L",
    };
    [base.up0_unit] = pick(PROTEIN_UNITS);
    if (rand() < 0.08) base.up0 = "";
    else if (rand() < 0.05) base.up0 = "0";
    base.egfr0 = rand() < 0.3 ? num(120) : "";
    if (rand() < 0.05) base.scr0 = pick(["", "NA", "<40"]);
    for (let v = 0; v < 8 && out.length < n; v++) {
      const r = rand();
      if (r < 0.01) {
        out.push({
          raw: `p${patient},${30 * (v + 1)},F,40`,
          input: {},
          readNotes: [],
          cellErrors: [],
          lineError: `the row has 4 fields, the header has ${HEADER.length} (a stray or missing delimiter?)`,
        });
        continue;
      }
      if (r < 0.015) {
        out.push({
          raw: `"p${patient},${30 * (v + 1)},F,40,1,g/24h,70,umol/L,0.3,g/24h,70,umol/L,40,90,1,no`,
          input: {},
          readNotes: [],
          cellErrors: [],
          lineError:
            "unbalanced quote: a quoted field opened on this line is never closed; the row was skipped and reading resumed on the next line",
        });
        continue;
      }
      const input: Record<string, unknown> = {};
      const readNotes: string[] = [];
      const cellErrors: string[] = [];
      const cells: Record<string, string> = { id, ...base };
      const day = rand() < 0.02 ? "-3" : String(30 * (v + 1) + Math.floor(rand() * 10));
      cells.day = day;
      if (day === "-3") cellErrors.push("day");
      cells.sex = sexCell;
      if (sexCell === "x") cellErrors.push("patient.sex");
      else if (sexCell === "F" || sexCell === "female") set(input, "patient.sex", "F");
      else if (sexCell === "M") set(input, "patient.sex", "M");
      cells.age = ageCell;
      if (ageCell === "forty") cellErrors.push("patient.ageYears");
      else if (ageCell !== "") set(input, "patient.ageYears", Number(ageCell));
      // current values: some missing, censored, unreadable, negative or in an unknown unit
      const [upUnit, upMax] = pick(PROTEIN_UNITS);
      cells.up = num(upMax);
      cells.up_unit = upUnit;
      const [scrUnit, scrMax] = pick(CREATININE_UNITS);
      cells.scr = num(scrMax);
      cells.scr_unit = scrUnit;
      cells.alb = num(45);
      cells.egfr = num(120);
      cells.rbc = String(Math.floor(rand() * 12));
      cells.wbc = rand() < 0.5 ? String(Math.floor(rand() * 12)) : "";
      cells.uln = rand() < 0.2 ? pick(["90", "104", "80"]) : "";
      cells.casts = pick(["yes", "no", "", "0", "1"]);
      const q = rand();
      if (q < 0.1) cells.up = pick(["", "NA", "n/a"]);
      else if (q < 0.16) cells.up = `${pick(["<", "<=", ">", ">=", "≤", "≥"])}${num(upMax)}`;
      else if (q < 0.18) cells.up = "abc";
      else if (q < 0.19) cells.up = "-0.4";
      else if (q < 0.2) cells.up_unit = "g/week";
      else if (q < 0.21) cells.up_unit = "";
      const s = rand();
      if (s < 0.1) cells.scr = "";
      else if (s < 0.13) cells.scr = `<${num(scrMax)}`;
      else if (s < 0.14) cells.scr = "0";
      else if (s < 0.16) cells.scr = num(scrMax / 100); // implausibly small: a warning
      if (rand() < 0.15) cells.alb = "";
      if (rand() < 0.5) cells.egfr = "";
      if (rand() < 0.4) cells.rbc = "";
      // the assessment the cells mean
      const quantity = (path: string, valueCell: string, unitCell: string) => {
        const value = valueCell.trim();
        if (value === "" || value.toLowerCase() === "na" || value.toLowerCase() === "n/a") return;
        if (unitCell === "") {
          cellErrors.push(`${path}.unit`);
          return;
        }
        const m = /^(<=|>=|<|>|≤|≥)(.*)$/.exec(value);
        const censor = m ? ({ "≤": "<=", "≥": ">=" }[m[1] as string] ?? m[1]) : undefined;
        const v = m ? m[2] : value;
        // An accepted unit as it is; a laboratory spelling read as its unit (with a note).
        const lab = lookupUnit(unitCell) ? undefined : readLabUnit(unitCell);
        const unit = lab ? lab.unit : unitCell;
        if (lab) readNotes.push(`${path}: ${labUnitNote(unitCell, lab)}`);
        if (v === "abc") {
          cellErrors.push(`${path}.value`);
          return;
        }
        set(input, path, censor ? { value: Number(v), unit, censor } : { value: Number(v), unit });
      };
      quantity("baseline.proteinuria", cells.up0 ?? "", cells.up0_unit ?? "");
      quantity("baseline.serumCreatinine", cells.scr0 ?? "", cells.scr0_unit ?? "");
      quantity("current.proteinuria", cells.up ?? "", cells.up_unit ?? "");
      quantity("current.serumCreatinine", cells.scr ?? "", cells.scr_unit ?? "");
      quantity("current.serumAlbumin", cells.alb ?? "", "g/L");
      quantity("current.egfr", cells.egfr ?? "", "mL/min/1.73m2");
      quantity("baseline.egfr", cells.egfr0 ?? "", "mL/min/1.73m2");
      quantity("current.serumCreatinineUpperLimit", cells.uln ?? "", "umol/L");
      if (cells.rbc !== "") set(input, "current.urineSediment.rbcPerHpf", Number(cells.rbc));
      if (cells.wbc !== "") set(input, "current.urineSediment.wbcPerHpf", Number(cells.wbc));
      const casts = cells.casts;
      if (casts === "yes" || casts === "1") set(input, "current.urineSediment.cellularCasts", true);
      if (casts === "no" || casts === "0") set(input, "current.urineSediment.cellularCasts", false);
      out.push({ cells: HEADER.map((h) => cells[h] ?? ""), input, readNotes, cellErrors });
    }
  }
  return out;
}

const csvCell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

/** The CSV file: a blank line now and then (skipped, the line numbers move on). */
function writeCsv(rows: readonly Generated[]): { path: string; lines: number[] } {
  const text = [HEADER.join(",")];
  const lines: number[] = [];
  for (const [i, g] of rows.entries()) {
    if (i % 97 === 50) text.push("");
    text.push(g.raw ?? (g.cells ?? []).map(csvCell).join(","));
    lines.push(text.length);
  }
  const dir = scratch();
  writeFileSync(join(dir, "rows.csv"), `${text.join("\n")}\n`);
  writeFileSync(join(dir, "config.json"), JSON.stringify(CONFIG));
  return { path: join(dir, "rows.csv"), lines };
}

interface Expected {
  row: number;
  line: number;
  id: string | null;
  criteria: string;
  version: string;
  day: number | null;
  category: string;
  possibleCategories: readonly string[];
  robust: boolean | null;
  sensitiveTo: readonly string[];
  missing: readonly string[];
  reason: string;
  errorPaths: readonly (string | undefined)[];
  errorMessages: readonly string[];
  warnings: readonly string[];
  assumptions: readonly string[];
  notes: readonly string[];
}

function expected(
  rows: readonly Generated[],
  lines: readonly number[],
  selected: readonly ResponseCriteria[],
  options: ClassifyOptions,
): Expected[] {
  const out: Expected[] = [];
  for (const [i, g] of rows.entries()) {
    const cellId = g.cells?.[0];
    const id = cellId === undefined || cellId === "" ? null : cellId;
    const dayCell = g.cells?.[1];
    const day = dayCell === undefined || dayCell === "-3" ? null : Number(dayCell);
    const at = { row: i + 1, line: lines[i] as number, id, day };
    for (const c of selected) {
      const head = { ...at, criteria: c.id, version: c.version };
      const invalid = (paths: (string | undefined)[], messages: string[], reason: string) =>
        out.push({
          ...head,
          category: "invalid",
          possibleCategories: [],
          robust: null,
          sensitiveTo: [],
          missing: [],
          reason,
          errorPaths: paths,
          errorMessages: messages,
          warnings: [],
          assumptions: [],
          notes: g.readNotes,
        });
      if (g.lineError !== undefined) {
        invalid([undefined], [g.lineError], `invalid: ${g.lineError}`);
        continue;
      }
      let r: ReturnType<typeof classifyResponse> | undefined;
      let issues: { path: string; message: string }[] = [];
      try {
        r = classifyResponse(c, g.input, options);
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        issues = [...e.issues];
      }
      if (g.cellErrors.length > 0 || !r) {
        // Cells that cannot be read come first, then the validation of the rest.
        invalid(
          [...g.cellErrors, ...issues.map((x) => x.path)],
          issues.map((x) => x.message),
          "",
        );
        continue;
      }
      out.push({
        ...head,
        category: r.category,
        possibleCategories: r.possibleCategories,
        robust: r.robust,
        sensitiveTo: r.sensitiveTo,
        missing: r.missing,
        reason: reasonOf(r),
        errorPaths: [],
        errorMessages: [],
        warnings: r.warnings,
        assumptions: r.assumptions,
        notes: [...g.readNotes, ...r.notes],
      });
    }
  }
  return out;
}

interface JsonRow {
  row: number;
  line: number | null;
  id: string | null;
  criteria: string;
  version: string;
  timepoint: string | null;
  day: number | null;
  category: string;
  possibleCategories: string[];
  robust: boolean | null;
  sensitiveTo: string[];
  missing: string[];
  reason: string;
  errors: { column?: string; path?: string; message: string }[];
  warnings: string[];
  assumptions: string[];
  notes: string[];
}

function compareJson(got: readonly JsonRow[], want: readonly Expected[]): void {
  expect(got.length).toBe(want.length);
  for (const [k, w] of want.entries()) {
    const g = got[k] as JsonRow;
    const where = `output row ${k + 1} (input row ${w.row}, ${w.criteria})`;
    expect({ where, ...g, errors: undefined }, where).toEqual({
      where,
      row: w.row,
      line: w.line,
      id: w.id,
      criteria: w.criteria,
      version: w.version,
      timepoint: null,
      day: w.day,
      category: w.category,
      possibleCategories: w.possibleCategories,
      robust: w.robust,
      sensitiveTo: w.sensitiveTo,
      missing: w.missing,
      reason: w.category === "invalid" && w.reason === "" ? g.reason : w.reason,
      errors: undefined,
      warnings: w.warnings,
      assumptions: w.assumptions,
      notes: w.notes,
    });
    expect(
      g.errors.map((e) => e.path),
      where,
    ).toEqual(w.errorPaths);
    if (w.category === "invalid") {
      // The reason names the first error; each validation message is the library's (a unit
      // hint may follow it).
      expect(g.reason, where).toBe(`invalid: ${formatIssue(g.errors[0] ?? { message: "" })}`);
      const validation = g.errors.slice(g.errors.length - w.errorMessages.length);
      for (const [j, m] of w.errorMessages.entries()) {
        expect(validation[j]?.message.startsWith(m), `${where}: ${m}`).toBe(true);
      }
    }
  }
}

/** The CSV cells the JSON rows stand for. */
function cellsOf(j: JsonRow): Record<string, string> {
  const s = (v: unknown) => (v === null || v === undefined ? "" : String(v));
  return {
    row: s(j.row),
    line: s(j.line),
    id: s(j.id),
    criteria: j.criteria,
    version: j.version,
    timepoint: s(j.timepoint),
    day: s(j.day),
    category: j.category,
    robust: s(j.robust),
    sensitive_to: j.sensitiveTo.join("; "),
    missing: j.missing.join("; "),
    reason: j.reason,
    error: j.errors.map(formatIssue).join(" | "),
    warnings: j.warnings.join(" | "),
    notes: j.notes.join(" | "),
  };
}

const ALL = Object.values(criteria) as ResponseCriteria[];

describe("the rows path, row by row against classifyResponse + reasonOf", () => {
  const rows = generate(ROWS, 17);
  const { path, lines } = writeCsv(rows);
  const config = join(path, "..", "config.json");

  it("the generated rows cover what they should", () => {
    const valid = rows.filter((g) => g.cells && g.cellErrors.length === 0);
    expect(valid.length).toBeGreaterThan(ROWS * 0.6);
    expect(rows.filter((g) => g.lineError).length).toBeGreaterThan(5);
    expect(rows.filter((g) => g.cellErrors.length).length).toBeGreaterThan(20);
    const units = new Set(
      valid.map(
        (g) =>
          (g.input.current as { proteinuria?: { unit: string } } | undefined)?.proteinuria?.unit,
      ),
    );
    expect(units).toContain("mg/mmol");
    expect(units).toContain("g/24h");
    expect(rows.some((g) => g.readNotes.length > 0)).toBe(true);
    const cell = (name: string) => (g: Generated) => g.cells?.[HEADER.indexOf(name)] ?? "";
    expect(valid.some((g) => cell("up0")(g) === "0")).toBe(true);
    expect(valid.some((g) => cell("uln")(g) !== "")).toBe(true);
    expect(valid.some((g) => cell("uln")(g) === "")).toBe(true);
    expect(valid.some((g) => /^[<>≤≥]/.test(cell("up")(g)))).toBe(true);
  });

  it(`every shipped definition, default readings: NDJSON and CSV (${ROWS} rows)`, async () => {
    const want = expected(rows, lines, ALL, {});
    const cats = new Set(want.map((w) => w.category));
    for (const c of ["CR", "PR", "NR", "indeterminate", "invalid"]) expect(cats).toContain(c);
    expect(want.some((w) => w.robust === false)).toBe(true);
    expect(want.some((w) => w.warnings.length > 0)).toBe(true);
    expect(want.some((w) => w.assumptions.length > 0)).toBe(true);
    expect(want.some((w) => w.notes.some((n) => n.includes("spot UPCR")))).toBe(true);
    expect(want.some((w) => w.notes.some((n) => n.includes("relative to it is undefined")))).toBe(
      true,
    );
    expect(want.some((w) => w.reason.startsWith("gap in the source's text"))).toBe(true);
    expect(want.some((w) => w.reason.includes("upper limit of normal"))).toBe(true);
    expect(want.some((w) => w.reason.includes("the censored value's"))).toBe(true);
    const ids = ALL.map((c) => c.id).join(",");
    const args = ["classify", path, "--config", config, "--criteria", ids, "--quiet"];
    const json = await cli([...args, "--out", "ndjson"]);
    expect(json.code).toBe(1);
    const got = json.stdout
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as JsonRow);
    compareJson(got, want);
    const csv = await cli(args);
    expect(csv.code).toBe(1);
    expect(rowsOf(csv.stdout)).toEqual(got.map(cellsOf));
  }, 240_000);

  for (const [shift, substitution] of [
    [1, false],
    [2, true],
  ] as const) {
    it(`every shipped definition, every parameter at its reading ${shift} after the default${substitution ? ", proteinuria substitution" : ""} (NDJSON)`, async () => {
      // Each parameter's reading `shift` places after its default (cyclically), qualified by id.
      const choices = new Map<ResponseCriteria, Record<string, string>>();
      for (const c of ALL) {
        const choice: Record<string, string> = {};
        for (const [name, p] of Object.entries(c.parameters)) {
          const names = Object.keys(p.readings);
          choice[name] = names[(names.indexOf(p.default) + shift) % names.length] as string;
        }
        choices.set(c, choice);
      }
      const spec = ALL.flatMap((c) =>
        Object.entries(choices.get(c) ?? {}).map(([k, v]) => `${c.id}.${k}=${v}`),
      );
      expect(spec.length).toBeGreaterThan(30);
      const want = ALL.flatMap((c) =>
        expected(rows, lines, [c], {
          interpretation: choices.get(c) ?? {},
          ...(substitution ? { allowProteinuriaSubstitution: true } : {}),
        }).map((w) => ({ w, c })),
      );
      want.sort((a, b) => a.w.row - b.w.row || ALL.indexOf(a.c) - ALL.indexOf(b.c));
      expect(want.some((x) => x.w.robust === false)).toBe(true);
      expect(want.some((x) => x.w.reason.startsWith("gap in the source's text"))).toBe(true);
      const r = await cli([
        "classify",
        path,
        "--config",
        config,
        "--criteria",
        ALL.map((c) => c.id).join(","),
        "--interpretation",
        spec.join(","),
        ...(substitution ? ["--allow-proteinuria-substitution"] : []),
        "--out",
        "ndjson",
        "--quiet",
      ]);
      expect(r.code).toBe(1);
      compareJson(
        r.stdout
          .trimEnd()
          .split("\n")
          .map((l) => JSON.parse(l) as JsonRow),
        want.map((x) => x.w),
      );
    }, 240_000);
  }

  it("other readings and proteinuria substitution (CSV)", async () => {
    const selected = [
      criteria.zhang2023,
      criteria.kang2020,
      criteria.eular2012,
    ] as ResponseCriteria[];
    const interpretation = {
      crProteinuriaCutoff: "0.7",
      prProteinuriaBounds: "exclusive",
      upcrConversion: "exact",
    };
    const options = { allowProteinuriaSubstitution: true };
    const want = selected.flatMap((c) => {
      const own = Object.fromEntries(
        Object.entries(interpretation).filter(([k]) => Object.hasOwn(c.parameters, k)),
      );
      return expected(rows, lines, [c], { ...options, interpretation: own }).map((w) => ({ w, c }));
    });
    // expected() lists criteria within each row: reorder to the CLI's row-major order
    want.sort((a, b) => a.w.row - b.w.row || selected.indexOf(a.c) - selected.indexOf(b.c));
    const r = await cli([
      "classify",
      path,
      "--config",
      config,
      "--criteria",
      selected.map((c) => c.id).join(","),
      "--interpretation",
      Object.entries(interpretation)
        .map(([k, v]) => `${k}=${v}`)
        .join(","),
      "--allow-proteinuria-substitution",
      "--out",
      "ndjson",
      "--quiet",
    ]);
    expect(r.code).toBe(1);
    const got = r.stdout
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as JsonRow);
    compareJson(
      got,
      want.map((x) => x.w),
    );
    expect(got.some((g) => g.notes.some((n) => n.includes("allowProteinuriaSubstitution")))).toBe(
      true,
    );
  }, 240_000);
});
