/**
 * Column mapping for wide CSV input: which column holds which field of an
 * assessment (`baseline.proteinuria`, `current.serumCreatinine`, …), in which
 * unit, and how cells are read. Validation errors are mapped back to columns.
 *
 * @module
 */
import { z } from "zod";
import { labUnitNote, readLabUnit } from "../units/lab-units.js";
import type { Censor } from "../units/schema.js";
import { BASE_UNITS, lookupUnit, type MeasureKind, unitsOfKind } from "../units/units.js";
import { UsageError } from "./io.js";

/** How a field's cells are read. */
export type FieldType = "id" | "day" | "date" | "sex" | "number" | "boolean" | "quantity";

/** A field that a column can be mapped to. */
export interface FieldSpec {
  /** Dotted path in the assessment (`current.proteinuria`), or `id` / `day` / `date` / `baselineDate`. */
  readonly path: string;
  readonly type: FieldType;
  /** For quantities: the accepted measurement kinds. */
  readonly kinds?: readonly MeasureKind[];
}

/** Lab fields holding a quantity (value + unit), with their measurement kinds. */
export const QUANTITIES: Readonly<Record<string, readonly MeasureKind[]>> = {
  proteinuria: ["urineProtein24h", "upcr"],
  serumCreatinine: ["serumCreatinine"],
  serumCreatinineUpperLimit: ["serumCreatinine"],
  serumAlbumin: ["serumAlbumin"],
  egfr: ["egfr"],
};
/** Lab fields holding a plain number. */
export const NUMBERS = [
  "urineSediment.rbcPerHpf",
  "urineSediment.wbcPerHpf",
  "urineSediment.acanthocytesPerHpf",
  "prednisoneMgPerDay",
];
/** Lab fields holding yes / no. */
export const BOOLEANS = ["urineSediment.cellularCasts", "urineSediment.normal", "rescueTherapy"];

function fieldTable(): Map<string, FieldSpec> {
  const m = new Map<string, FieldSpec>();
  const add = (f: FieldSpec) => m.set(f.path, f);
  add({ path: "id", type: "id" });
  add({ path: "day", type: "day" });
  add({ path: "date", type: "date" });
  add({ path: "baselineDate", type: "date" });
  add({ path: "patient.sex", type: "sex" });
  add({ path: "patient.ageYears", type: "number" });
  for (const when of ["baseline", "current"]) {
    for (const [name, kinds] of Object.entries(QUANTITIES)) {
      add({ path: `${when}.${name}`, type: "quantity", kinds });
    }
    for (const name of NUMBERS) add({ path: `${when}.${name}`, type: "number" });
    for (const name of BOOLEANS) add({ path: `${when}.${name}`, type: "boolean" });
  }
  return m;
}

/** Every field a column can be mapped to, by path. */
export const FIELDS: ReadonlyMap<string, FieldSpec> = fieldTable();

/** Where a field's value comes from: a column, and for quantities a fixed unit or a unit column. */
export interface ColumnSpec {
  readonly column: string;
  readonly unit?: string | undefined;
  readonly unitColumn?: string | undefined;
  /** When the fixed unit was a laboratory spelling: what it was read as (for each row's notes). */
  readonly unitNote?: string | undefined;
}

const oneColumnSpecSchema = z.union([
  z.string().min(1),
  z
    .object({
      column: z.string().min(1),
      unit: z.string().min(1).optional(),
      unitColumn: z.string().min(1).optional(),
    })
    .strict(),
]);
/** One source column, or several in priority order (the first with a value is used). */
const columnSpecSchema = z.union([oneColumnSpecSchema, z.array(oneColumnSpecSchema).min(1)]);

/** How the baseline row of each patient is found (`baseline.row` in the config). */
export type BaselineRowRule =
  | "first"
  | "flagged"
  | { readonly day: number }
  | { readonly column: string; readonly equals: string };

const baselineRowSchema = z.union([
  z.literal("first"),
  z.strictObject({ day: z.number().int().nonnegative() }),
  z.strictObject({ column: z.string().min(1), equals: z.string() }),
]);

/** How calendar dates are written: ISO 8601, or one declared day-first / month-first form. */
export type DateFormat = "iso" | "dmy" | "mdy";

/**
 * Zod schema of the `--config` file (see docs/guides/cli.md).
 */
export const MappingConfigSchema = z
  .object({
    $schema: z.string().optional(),
    $comment: z.string().optional(),
    description: z.string().optional(),
    /** Field delimiter (`,` `;` `\t` `|`); sniffed from the header when absent. */
    delimiter: z.string().min(1).optional(),
    /** Decimal separator of numbers in the file. */
    decimal: z.enum([".", ","]).optional(),
    /** Lines starting with this string are skipped. */
    comment: z.string().min(1).optional(),
    /** Cell values that mean "missing" (case-insensitive); replaces the default list. */
    missing: z.array(z.string()).optional(),
    /** Field path → column (`"col"`, `"col:unit"`, `"col:@unitColumn"`, or `{ column, unit | unitColumn }`). */
    columns: z.record(z.string(), columnSpecSchema),
    /**
     * Field path → value map: a cell equal to a key (trimmed, case-insensitive) is read as its
     * value (`{ "patient.sex": { "1": "M", "2": "F" } }`); other cells are read as they are.
     */
    values: z.record(z.string(), z.record(z.string(), z.string())).optional(),
    /**
     * Unit aliases: a spelling the file uses → an accepted unit (`{ "umol/Liter": "umol/L" }`),
     * applied before the built-in table of laboratory spellings; each use is reported.
     */
    units: z.record(z.string(), z.string().min(1)).optional(),
    /** How the `date` and `baselineDate` columns write dates (default `iso`; never guessed). */
    dateFormat: z.enum(["iso", "dmy", "mdy"]).optional(),
    /**
     * The baseline comes from a row of each patient: `{ "row": "first" }`, `{ "row": { "day": 0 } }`
     * or `{ "row": { "column": "redcap_event_name", "equals": "baseline_arm_1" } }`. That row's
     * current values are the baseline of the patient's other rows; it is not classified.
     */
    baseline: z.strictObject({ row: baselineRowSchema }).optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    for (const key of Object.keys(c.values ?? {})) {
      if (!FIELDS.has(key)) {
        ctx.addIssue({
          code: "custom",
          path: ["values", key],
          message: `unknown field '${key}'; fields are: ${[...FIELDS.keys()].join(", ")}`,
        });
      }
    }
    for (const [alias, unit] of Object.entries(c.units ?? {})) {
      if (!lookupUnit(unit)) {
        ctx.addIssue({
          code: "custom",
          path: ["units", alias],
          message: `'${unit}' is not an accepted unit (an alias must name one, e.g. 'umol/L')`,
        });
      }
    }
    for (const key of Object.keys(c.columns)) {
      if (!FIELDS.has(key)) {
        ctx.addIssue({
          code: "custom",
          path: ["columns", key],
          message: `unknown field '${key}'; fields are: ${[...FIELDS.keys()].join(", ")}`,
        });
      }
    }
  });

/** The parsed `--config` file. */
export type MappingConfig = z.infer<typeof MappingConfigSchema>;

/** Every accepted unit spelling. */
const ALL_UNITS = (Object.keys(BASE_UNITS) as MeasureKind[]).flatMap((k) => unitsOfKind(k));

/**
 * " (did you mean 'mg/dL'?)" when a unit differs from an accepted one only in case or
 * blanks; with `kinds`, only units of those kinds are suggested (a creatinine unit is
 * never suggested for proteinuria).
 */
export function unitHint(unit: string, kinds?: readonly MeasureKind[]): string {
  const norm = (u: string) => u.toLowerCase().replace(/\s+/g, "");
  const pool = kinds ? kinds.flatMap((k) => unitsOfKind(k)) : ALL_UNITS;
  const hit = pool.find((u) => norm(u) === norm(unit) && u !== unit);
  return hit ? ` (did you mean '${hit}'?)` : "";
}

/** Unit aliases of the config (spelling → accepted unit). */
export type UnitAliases = ReadonlyMap<string, string>;

/**
 * Read a unit as the file writes it: an accepted spelling as it is; else a config alias;
 * else a laboratory spelling (lupus-renal-criteria/io's `readLabUnit`). `note` says what
 * was done, for the row's notes; `undefined` unit when none applies.
 */
export function readUnit(
  spelling: string,
  aliases: UnitAliases | undefined,
): { unit: string; note?: string } | undefined {
  if (lookupUnit(spelling)) return { unit: spelling };
  const alias = aliases?.get(spelling.trim());
  if (alias !== undefined) {
    return { unit: alias, note: `unit '${spelling}' read as '${alias}' (config units)` };
  }
  const lab = readLabUnit(spelling);
  return lab ? { unit: lab.unit, note: labUnitNote(spelling, lab) } : undefined;
}

/**
 * Check a fixed unit of the mapping against the field's kinds; a laboratory spelling is
 * read as its accepted unit. Returns the unit to use and, when it was rewritten, a note.
 */
function checkUnit(field: FieldSpec, unit: string, where: string): { unit: string; note?: string } {
  const kinds = field.kinds ?? [];
  const read = readUnit(unit, undefined);
  const info = read ? lookupUnit(read.unit) : undefined;
  if (read && info && kinds.includes(info.kind)) return read;
  const accepted = kinds.flatMap((k) => unitsOfKind(k));
  const why = info ? `'${unit}' is not a unit of ${field.path}` : `unknown unit '${unit}'`;
  throw new UsageError(
    `${where}: ${why}${info ? "" : unitHint(unit, kinds)}; expected one of: ${accepted.join(", ")}`,
  );
}

/**
 * Parse a column spec: `col`, `col:unit`, `col:@unitColumn`, or the object form.
 * Only quantities read a unit; other fields take the whole string as the column.
 */
export function parseColumnSpec(
  field: FieldSpec,
  spec: string | { column: string; unit?: string | undefined; unitColumn?: string | undefined },
  where: string,
): ColumnSpec {
  if (typeof spec !== "string") {
    if (field.type !== "quantity") {
      if (spec.unit !== undefined || spec.unitColumn !== undefined) {
        throw new UsageError(`${where}: ${field.path} is not a quantity and takes no unit`);
      }
      return { column: spec.column };
    }
    if ((spec.unit === undefined) === (spec.unitColumn === undefined)) {
      throw new UsageError(
        `${where}: ${field.path} is a quantity: give exactly one of unit or unitColumn`,
      );
    }
    if (spec.unit !== undefined) {
      const u = checkUnit(field, spec.unit, where);
      return { ...spec, unit: u.unit, ...(u.note ? { unitNote: u.note } : {}) };
    }
    return spec;
  }
  if (field.type !== "quantity") return { column: spec };
  const at = spec.lastIndexOf(":");
  if (at <= 0 || at === spec.length - 1) {
    throw new UsageError(
      `${where}: ${field.path} is a quantity: write 'column:unit' (e.g. 'up:g/24h') or 'column:@unitColumn'`,
    );
  }
  const column = spec.slice(0, at);
  const rest = spec.slice(at + 1);
  if (rest.startsWith("@")) return { column, unitColumn: rest.slice(1) };
  const u = checkUnit(field, rest, where);
  return { column, unit: u.unit, ...(u.note ? { unitNote: u.note } : {}) };
}

/** A mapping entry before it is resolved against a header. */
export interface MappingEntry extends ColumnSpec {
  readonly field: FieldSpec;
  /** Where the entry was given (`--proteinuria`, `config columns.current.proteinuria`). */
  readonly origin: string;
  /**
   * Position among the field's sources (0 = first): a field mapped to several columns
   * takes its value from the first of them with a value on the row.
   */
  readonly priority?: number;
}

/**
 * Build entries from `field → spec` pairs (later ones override earlier ones for the same
 * field); a spec that is an array gives the field several sources in priority order.
 */
export function mappingEntries(
  pairs: readonly {
    readonly field: string;
    readonly spec:
      | Parameters<typeof parseColumnSpec>[1]
      | readonly Parameters<typeof parseColumnSpec>[1][];
    readonly origin: string;
  }[],
): MappingEntry[] {
  const out = new Map<string, MappingEntry[]>();
  for (const p of pairs) {
    const field = FIELDS.get(p.field);
    if (!field) {
      throw new UsageError(
        `${p.origin}: unknown field '${p.field}'; fields are: ${[...FIELDS.keys()].join(", ")}`,
      );
    }
    const specs = Array.isArray(p.spec) ? p.spec : [p.spec];
    if (
      specs.length > 1 &&
      (field.type === "id" || field.type === "day" || field.type === "date")
    ) {
      throw new UsageError(`${p.origin}: ${field.path} takes one column, not a list`);
    }
    out.set(
      field.path,
      specs.map((spec: Parameters<typeof parseColumnSpec>[1], i: number) => ({
        field,
        origin: specs.length > 1 ? `${p.origin}[${i}]` : p.origin,
        ...parseColumnSpec(field, spec, p.origin),
        ...(specs.length > 1 ? { priority: i } : {}),
      })),
    );
  }
  return [...out.values()].flat();
}

/** A mapping entry with its column positions in the header. */
export interface ResolvedEntry extends MappingEntry {
  readonly index: number;
  readonly unitIndex?: number;
}

/** A mapping resolved against a header. */
export interface ResolvedMapping {
  readonly entries: readonly ResolvedEntry[];
  readonly header: readonly string[];
  /** Each field's first source. */
  readonly byPath: ReadonlyMap<string, ResolvedEntry>;
  /** Each field's sources in priority order (one entry for most fields). */
  readonly groups: readonly (readonly ResolvedEntry[])[];
  /** Whether the mapping has a `day` or `date` column (rows are visits of patients). */
  readonly hasDay: boolean;
  readonly hasId: boolean;
}

/**
 * Split a header cell `name [unit]` into its name and unit (what the regular
 * expression `^(.*?)\s*\[([^\]]+)\]\s*$` matches), in time linear in the
 * length of the cell: the regular expression backtracks quadratically on cells
 * such as `[a[a[a…`.
 */
export function splitUnitSuffix(h: string): { name: string; unit?: string } {
  const t = h.trimEnd();
  const close = t.length - 1;
  if (close < 0 || t.charCodeAt(close) !== 0x5d) return { name: h };
  // The unit is between the first '[' after the previous ']' and the final ']'.
  const open = t.indexOf("[", t.lastIndexOf("]", close - 1) + 1);
  if (open < 0 || open >= close - 1) return { name: h };
  const name = t.slice(0, open).trimEnd();
  // `.` in the regular expression does not match line breaks.
  if (/[\n\r\u2028\u2029]/.test(name)) return { name: h };
  return { name, unit: t.slice(open + 1, close) };
}

/** At most this many "not a known field" warnings are printed for one header. */
const MAX_HEADER_WARNINGS = 10;
/** At most this many header names are quoted in an error message. */
const MAX_HEADER_NAMES_SHOWN = 50;

function showHeader(header: readonly string[]): string {
  const shown = header.slice(0, MAX_HEADER_NAMES_SHOWN).map((h) => `'${h}'`);
  return header.length > MAX_HEADER_NAMES_SHOWN
    ? `${shown.join(", ")}, … (${header.length} columns)`
    : shown.join(", ");
}

/**
 * The default mapping when neither `--config` nor a mapping flag is given: a
 * column whose header is a field path maps to that field; a quantity's unit is
 * in brackets (`current.proteinuria [g/24h]`) or in a column `<path>.unit`.
 */
export function identityEntries(
  header: readonly string[],
  warn: (m: string) => void,
): MappingEntry[] {
  const names = new Set(header);
  const out: MappingEntry[] = [];
  const seen = new Set<string>();
  let unknown = 0;
  for (const h of header) {
    // A repeated header name maps (and is reported) once; resolveMapping reports the repetition.
    if (seen.has(h)) continue;
    seen.add(h);
    const m = splitUnitSuffix(h);
    const name = m.name;
    const unit = m.unit?.trim();
    const field = FIELDS.get(name);
    if (!field) {
      const base = name.endsWith(".unit") ? FIELDS.get(name.slice(0, -5)) : undefined;
      if (base?.type !== "quantity" && /^(baseline|current|patient)\./.test(name)) {
        unknown += 1;
        if (unknown <= MAX_HEADER_WARNINGS) {
          warn(
            `column '${h}' is not a known field and is ignored (see docs/guides/cli.md for the field names)`,
          );
        }
      }
      continue;
    }
    const origin = `header column '${h}'`;
    if (field.type !== "quantity") {
      out.push({ field, origin, column: h });
    } else if (unit !== undefined) {
      const u = checkUnit(field, unit, origin);
      out.push({ field, origin, column: h, unit: u.unit, ...(u.note ? { unitNote: u.note } : {}) });
    } else if (names.has(`${name}.unit`)) {
      out.push({ field, origin, column: h, unitColumn: `${name}.unit` });
    } else {
      throw new UsageError(
        `${origin}: ${name} is a quantity and needs a unit: write the header as '${name} [g/24h]' (any accepted unit) or add a column '${name}.unit'`,
      );
    }
  }
  if (unknown > MAX_HEADER_WARNINGS) {
    warn(`… and ${unknown - MAX_HEADER_WARNINGS} more columns that are not known fields`);
  }
  return out;
}

/** Resolve entries against a header; every mapped column must exist exactly once. */
export function resolveMapping(
  entries: readonly MappingEntry[],
  header: readonly string[],
): ResolvedMapping {
  // First position and number of occurrences of each name: linear in the header's length.
  const positions = new Map<string, { first: number; count: number }>();
  header.forEach((h, i) => {
    const p = positions.get(h);
    if (p) p.count += 1;
    else positions.set(h, { first: i, count: 1 });
  });
  const problems = new Set<string>();
  const find = (column: string, e: MappingEntry) => {
    const at = positions.get(column);
    if (!at) {
      problems.add(`column '${column}' (${e.field.path}, from ${e.origin}) is not in the header`);
      return -1;
    }
    if (at.count > 1) {
      problems.add(`column '${column}' (${e.field.path}) appears ${at.count} times in the header`);
    }
    return at.first;
  };
  const resolved: ResolvedEntry[] = entries.map((e) => {
    const index = find(e.column, e);
    const unitIndex = e.unitColumn === undefined ? undefined : find(e.unitColumn, e);
    return { ...e, index, ...(unitIndex === undefined ? {} : { unitIndex }) };
  });
  if (problems.size) {
    throw new UsageError(
      `the column mapping does not fit the file:\n  - ${[...problems].join("\n  - ")}\nthe header has: ${showHeader(header)}`,
    );
  }
  if (resolved.length === 0) {
    throw new UsageError(
      "no column is mapped to a field: give --config, mapping flags (--proteinuria col:unit, --map field=col[:unit]) or name the columns after the fields (see docs/guides/cli.md)",
    );
  }
  const groups = new Map<string, ResolvedEntry[]>();
  for (const e of resolved) {
    const g = groups.get(e.field.path);
    if (g) g.push(e);
    else groups.set(e.field.path, [e]);
  }
  return {
    entries: resolved,
    header,
    byPath: new Map([...groups].map(([path, g]) => [path, g[0] as ResolvedEntry])),
    groups: [...groups.values()],
    hasDay: resolved.some((e) => e.field.type === "day" || e.field.path === "date"),
    hasId: resolved.some((e) => e.field.type === "id"),
  };
}

/** How cells are read. */
export interface Dialect {
  readonly decimal: "." | ",";
  /** Lower-cased cell values that mean missing. */
  readonly missing: ReadonlySet<string>;
  /** Per field path: lower-cased cell value → the value read (the config's `values`). */
  readonly values?: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** Unit aliases (the config's `units`). */
  readonly units?: UnitAliases;
  /** How date cells are written (default ISO). */
  readonly dateFormat?: DateFormat;
}

/** The config's value maps as the dialect holds them (keys trimmed and lower-cased). */
export function valueMaps(
  values: Readonly<Record<string, Readonly<Record<string, string>>>> | undefined,
): ReadonlyMap<string, ReadonlyMap<string, string>> {
  return new Map(
    Object.entries(values ?? {}).map(([field, map]) => [
      field,
      new Map(Object.entries(map).map(([k, v]) => [k.trim().toLowerCase(), v])),
    ]),
  );
}

/** The default missing-value tokens. */
export const DEFAULT_MISSING = ["", "NA", "N/A", "null", "."];

/** A problem with one row, mapped to its column when possible. */
export interface RowIssue {
  readonly column?: string;
  /** The field path (`current.proteinuria.unit`). */
  readonly path?: string;
  readonly message: string;
}

/** One line of text for an issue: `column 'up' (current.proteinuria.value): …`. */
export function formatIssue(i: RowIssue): string {
  if (i.column !== undefined) {
    return `column '${i.column}'${i.path ? ` (${i.path})` : ""}: ${i.message}`;
  }
  return i.path ? `${i.path}: ${i.message}` : i.message;
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
/** The censor of a censored cell's prefix (`≤` and `≥` as `<=` and `>=`). */
const CENSOR_OF = { "<": "<", "<=": "<=", ">": ">", ">=": ">=", "≤": "<=", "≥": ">=" } as const;
const TRUE = new Set(["true", "yes", "y", "1", "t", "present", "positive"]);
const FALSE = new Set(["false", "no", "n", "0", "f", "absent", "negative"]);

/** Powers of ten that are exact doubles. */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * A plain decimal (`7.95`, `-3`, `+0.5`, `.5`, `5.`) of at most 15 digits, read without the
 * regular expression and the string-to-number conversion; undefined for anything else (an
 * exponent, more digits, a stray character), which {@link parseNumber} reads the long way.
 * The digits make an exact integer below 2^53 and 10^k is exact for k ≤ 22, so their quotient,
 * rounded once by the division, is the nearest double to the decimal: what `Number` gives.
 *
 * @internal Exported for its test.
 */
export function plainNumber(s: string): number | undefined {
  const n = s.length;
  let i = 0;
  let negative = false;
  const c0 = s.charCodeAt(0);
  if (c0 === 0x2b || c0 === 0x2d) {
    negative = c0 === 0x2d;
    i = 1;
  }
  let m = 0;
  let digits = 0;
  let fraction = -1;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      m = m * 10 + (c - 0x30);
      digits += 1;
      if (fraction >= 0) fraction += 1;
    } else if (c === 0x2e && fraction < 0) fraction = 0;
    else return undefined;
  }
  if (digits === 0 || digits > 15) return undefined;
  const v = fraction > 0 ? m / (POW10[fraction] as number) : m;
  return negative ? -v : v;
}

function parseNumber(raw: string, dialect: Dialect): number | string {
  let s = raw;
  if (dialect.decimal === ",") {
    if (s.includes(".")) return `'${raw}' is not a number (the decimal separator is ',')`;
    s = s.replace(",", ".");
  }
  const plain = plainNumber(s);
  if (plain !== undefined) return plain;
  if (!NUMBER.test(s)) {
    if (dialect.decimal === "." && /^[+-]?\d*,\d+$/.test(s)) {
      return `'${raw}' is not a number; if the file writes decimals with a comma, pass --decimal ','`;
    }
    return `'${raw}' is not a number`;
  }
  return Number(s);
}

/** Set `value` at the path of `keys` (`['current', 'proteinuria']`), creating objects on the way. */
function setAt(obj: Record<string, unknown>, keys: readonly string[], value: unknown): void {
  let o = obj;
  const last = keys.length - 1;
  for (let i = 0; i < last; i++) {
    const k = keys[i] as string;
    let next = o[k];
    if (typeof next !== "object" || next === null) {
      next = {};
      o[k] = next;
    }
    o = next as Record<string, unknown>;
  }
  o[keys[last] as string] = value;
}

/** One CSV row read through the mapping. */
export interface BuiltRow {
  readonly id?: string | undefined;
  readonly day?: number | undefined;
  /** The visit date (`date` column), as days since 1970-01-01. */
  readonly date?: number | undefined;
  /** The baseline date (`baselineDate` column), as days since 1970-01-01. */
  readonly baselineDate?: number | undefined;
  /** The assessment (`{ patient, baseline, current }`), not yet validated. */
  readonly input: Record<string, unknown>;
  readonly issues: RowIssue[];
  /** How the row was read where it was not literal: a laboratory unit spelling, the source chosen. */
  readonly notes: string[];
  /** For a field with several sources: the one whose value was used. */
  readonly chosen?: ReadonlyMap<string, ResolvedEntry> | undefined;
}

const DAY_MS = 86_400_000;

/**
 * A calendar date cell as days since 1970-01-01 (UTC), or why it cannot be read.
 * `iso`: `YYYY-MM-DD`, optionally followed by `T` or a blank and a time (ignored);
 * `dmy` / `mdy`: day or month first, separated by `/`, `.` or `-`, four-digit year.
 * A date that does not exist (2023-02-30) is an error; nothing is guessed.
 */
export function parseDate(raw: string, format: DateFormat): number | string {
  let y: number;
  let mo: number;
  let d: number;
  if (format === "iso") {
    const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(raw);
    if (!m) {
      return /^\d{1,2}[./-]\d{1,2}[./-]\d{4}$/.test(raw)
        ? `'${raw}' is not an ISO date (YYYY-MM-DD); for day-first or month-first dates set "dateFormat": "dmy" or "mdy" (--date-format)`
        : `'${raw}' is not an ISO date (YYYY-MM-DD)`;
    }
    [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  } else {
    const m = /^(\d{1,2})([./-])(\d{1,2})\2(\d{4})$/.exec(raw);
    if (!m) {
      return `'${raw}' is not a ${format === "dmy" ? "day-first (DD/MM/YYYY)" : "month-first (MM/DD/YYYY)"} date`;
    }
    const a = Number(m[1]);
    const b = Number(m[3]);
    [y, mo, d] = format === "dmy" ? [Number(m[4]), b, a] : [Number(m[4]), a, b];
  }
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    return `'${raw}' is not a date (${format === "iso" ? "YYYY-MM-DD" : format})`;
  }
  return Math.round(t / DAY_MS);
}

/**
 * The visit day of a visit date counted from `origin` (a baseline date, as days since
 * 1970-01-01), or the issue of a visit dated before it, at the `date` column.
 */
export function dayFromDates(
  date: number,
  origin: number,
  originName: string,
  m: ResolvedMapping,
): number | RowIssue {
  if (date >= origin) return date - origin;
  const c = m.byPath.get("date")?.column;
  return {
    ...(c === undefined ? {} : { column: c }),
    path: "date",
    message: `the visit date is ${origin - date} day(s) before ${originName}`,
  };
}

/** One field of the mapping, prepared once per run (see {@link rowReader}). */
interface FieldPlan {
  readonly group: readonly ResolvedEntry[];
  readonly first: ResolvedEntry;
  readonly path: string;
  /** The path split at its dots. */
  readonly keys: readonly string[];
  readonly type: FieldType;
  /** The config's value map of the field. */
  readonly map: ReadonlyMap<string, string> | undefined;
  /** What a cell the value map does not know adds to its error. */
  readonly unmapped: string;
}

/** Distinct unit spellings remembered per run (a file has a handful; a hostile one is bounded). */
const MAX_UNIT_SPELLINGS = 1_000;

/** A censored cell's prefix: a cell starting with one of `<` `>` `≤` `≥`. */
const CENSORED = /^(<=|>=|<|>|≤|≥)\s*(.*)$/;

/**
 * Read rows through the mapping: everything that depends only on the mapping and the dialect
 * (paths split, value maps, the messages of unmapped values, unit spellings read) is worked out
 * once; `buildRow` is this reader applied to one row.
 */
export function rowReader(
  m: ResolvedMapping,
  dialect: Dialect,
): (cells: readonly string[]) => BuiltRow {
  const missing = dialect.missing;
  let longestMissing = 0;
  for (const t of missing) longestMissing = Math.max(longestMissing, t.length);
  // A cell longer than every missing token is not missing (no lower-casing needed).
  const isMissing = (s: string) => s.length <= longestMissing && missing.has(s.toLowerCase());
  const plans: FieldPlan[] = m.groups.map((group) => {
    const first = group[0] as ResolvedEntry;
    const path = first.field.path;
    const map = dialect.values?.get(path);
    return {
      group,
      first,
      path,
      keys: path.split("."),
      type: first.field.type,
      map,
      unmapped: map ? ` (the value map of ${path} reads: ${[...map.keys()].join(", ")})` : "",
    };
  });
  const units = new Map<string, { unit: string; note?: string } | undefined>();
  const unitOf = (u: string) => {
    if (units.has(u)) return units.get(u);
    const read = readUnit(u, dialect.units);
    if (units.size < MAX_UNIT_SPELLINGS) units.set(u, read);
    return read;
  };
  const dateFormat = dialect.dateFormat ?? "iso";
  return (cells) => {
    const input: Record<string, unknown> = {};
    const issues: RowIssue[] = [];
    const notes: string[] = [];
    let chosen: Map<string, ResolvedEntry> | undefined;
    let id: string | undefined;
    let day: number | undefined;
    let date: number | undefined;
    let baselineDate: number | undefined;
    for (const f of plans) {
      const path = f.path;
      // A field with several sources: the first source with a value on this row.
      let e = f.first;
      if (f.group.length > 1) {
        const hit = f.group.find((g) => !isMissing((cells[g.index] ?? "").trim()));
        if (!hit) continue;
        e = hit;
        chosen ??= new Map();
        chosen.set(path, e);
        notes.push(`${path} from column '${e.column}'`);
      }
      const cell = (cells[e.index] ?? "").trim();
      let raw = cell;
      // A cell the field's value map does not know: its error says what the map reads.
      let unmapped = "";
      if (f.map) {
        const lower = cell.toLowerCase();
        raw = f.map.get(lower) ?? cell;
        if (raw === cell && !missing.has(lower)) unmapped = f.unmapped;
      }
      if (isMissing(raw)) {
        if (f.type === "id") {
          issues.push({ column: e.column, path, message: `the id is missing${unmapped}` });
        }
        continue;
      }
      switch (f.type) {
        case "id":
          id = raw;
          break;
        case "day": {
          const n = parseNumber(raw, dialect);
          if (typeof n === "string") {
            issues.push({ column: e.column, path, message: `${n}${unmapped}` });
          } else if (!Number.isInteger(n) || n < 0) {
            issues.push({
              column: e.column,
              path,
              message: `the day must be a whole number of days since baseline, got '${raw}'${unmapped}`,
            });
          } else day = n;
          break;
        }
        case "date": {
          const t = parseDate(raw, dateFormat);
          if (typeof t === "string")
            issues.push({ column: e.column, path, message: `${t}${unmapped}` });
          else if (path === "date") date = t;
          else baselineDate = t;
          break;
        }
        case "sex": {
          const s = raw.toLowerCase();
          if (s === "f" || s === "female") setAt(input, f.keys, "F");
          else if (s === "m" || s === "male") setAt(input, f.keys, "M");
          else {
            issues.push({
              column: e.column,
              path,
              message: `expected F or M, got '${raw}'${unmapped}`,
            });
          }
          break;
        }
        case "number": {
          const n = parseNumber(raw, dialect);
          if (typeof n === "string") {
            issues.push({ column: e.column, path, message: `${n}${unmapped}` });
          } else setAt(input, f.keys, n);
          break;
        }
        case "boolean": {
          const b = raw.toLowerCase();
          if (TRUE.has(b)) setAt(input, f.keys, true);
          else if (FALSE.has(b)) setAt(input, f.keys, false);
          else {
            issues.push({
              column: e.column,
              path,
              message: `expected yes/no (true/false, 1/0), got '${raw}'${unmapped}`,
            });
          }
          break;
        }
        case "quantity": {
          // A censored result ("<0.1", "<= 0.5", ">3000", "≥3.5"): the bound and its censor.
          const c0 = raw.charCodeAt(0);
          const censored =
            c0 === 0x3c || c0 === 0x3e || c0 === 0x2264 || c0 === 0x2265
              ? CENSORED.exec(raw)
              : null;
          const censor = censored
            ? (CENSOR_OF[censored[1] as keyof typeof CENSOR_OF] as Censor)
            : undefined;
          const n = parseNumber(censored ? (censored[2] ?? "") : raw, dialect);
          let unit = e.unit;
          if (e.unitNote !== undefined) notes.push(`${path}: ${e.unitNote}`);
          if (e.unitIndex !== undefined && e.unitColumn !== undefined) {
            const u = (cells[e.unitIndex] ?? "").trim();
            if (isMissing(u)) {
              issues.push({
                column: e.unitColumn,
                path: `${path}.unit`,
                message: `no unit for the value '${raw}' in column '${e.column}'${unmapped}`,
              });
              continue;
            }
            // An accepted spelling, a config alias, or a laboratory spelling (reported).
            const read = unitOf(u);
            if (read?.note !== undefined) notes.push(`${path}: ${read.note}`);
            unit = read?.unit ?? u;
          }
          if (typeof n === "string") {
            issues.push({ column: e.column, path: `${path}.value`, message: `${n}${unmapped}` });
          } else {
            setAt(input, f.keys, censor ? { value: n, unit, censor } : { value: n, unit });
          }
          break;
        }
      }
    }
    if (date !== undefined && baselineDate !== undefined && day === undefined) {
      const d = dayFromDates(date, baselineDate, "the baseline date", m);
      if (typeof d === "number") day = d;
      else issues.push(d);
    }
    return { id, day, date, baselineDate, input, issues, notes, chosen };
  };
}

const readers = new WeakMap<
  ResolvedMapping,
  WeakMap<Dialect, (cells: readonly string[]) => BuiltRow>
>();

/** Read one row's cells through the mapping. Cell-level problems become issues. */
export function buildRow(cells: readonly string[], m: ResolvedMapping, dialect: Dialect): BuiltRow {
  let byDialect = readers.get(m);
  if (!byDialect) {
    byDialect = new WeakMap();
    readers.set(m, byDialect);
  }
  let read = byDialect.get(dialect);
  if (!read) {
    read = rowReader(m, dialect);
    byDialect.set(dialect, read);
  }
  return read(cells);
}

/**
 * Map a validation issue (dotted path of the assessment) back to its column:
 * `current.proteinuria.unit` → the unit column (or the value column when the
 * unit is fixed by the mapping), otherwise the column of the longest mapped prefix.
 */
export function issueToColumn(
  path: string,
  message: string,
  m: ResolvedMapping,
  chosen?: ReadonlyMap<string, ResolvedEntry>,
): RowIssue {
  const hint = /unknown unit '([^']*)'/.exec(message);
  const field = (p: string) => chosen?.get(p) ?? m.byPath.get(p);
  const kinds = (() => {
    for (let p = path; ; p = p.slice(0, p.lastIndexOf("."))) {
      const e = m.byPath.get(p);
      if (e) return e.field.kinds;
      if (!p.includes(".")) return undefined;
    }
  })();
  const msg =
    hint?.[1] !== undefined && !message.includes("did you mean")
      ? `${message}${unitHint(hint[1], kinds)}`
      : message;
  if (path.endsWith(".unit")) {
    const e = field(path.slice(0, -5));
    if (e?.unitColumn !== undefined) return { column: e.unitColumn, path, message: msg };
    if (e) return { column: e.column, path, message: `${msg} (unit '${e.unit}' from ${e.origin})` };
  }
  let p = path;
  for (;;) {
    const e = field(p);
    if (e) return { column: e.column, path, message: msg };
    const dot = p.lastIndexOf(".");
    if (dot < 0) break;
    p = p.slice(0, dot);
  }
  return { path, message: msg };
}
