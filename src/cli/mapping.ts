/**
 * Column mapping for wide CSV input: which column holds which field of an
 * assessment (`baseline.proteinuria`, `current.serumCreatinine`, …), in which
 * unit, and how cells are read. Validation errors are mapped back to columns.
 *
 * @module
 */
import { z } from "zod";
import { BASE_UNITS, lookupUnit, type MeasureKind, unitsOfKind } from "../units/units.js";
import { UsageError } from "./io.js";

/** How a field's cells are read. */
export type FieldType = "id" | "day" | "sex" | "number" | "boolean" | "quantity";

/** A field that a column can be mapped to. */
export interface FieldSpec {
  /** Dotted path in the assessment (`current.proteinuria`), or `id` / `day`. */
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
}

const columnSpecSchema = z.union([
  z.string().min(1),
  z
    .object({
      column: z.string().min(1),
      unit: z.string().min(1).optional(),
      unitColumn: z.string().min(1).optional(),
    })
    .strict(),
]);

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

/** " (did you mean 'mg/dL'?)" when a unit differs from an accepted one only in case or blanks. */
export function unitHint(unit: string): string {
  const norm = (u: string) => u.toLowerCase().replace(/\s+/g, "");
  const hit = ALL_UNITS.find((u) => norm(u) === norm(unit) && u !== unit);
  return hit ? ` (did you mean '${hit}'?)` : "";
}

/** Check a fixed unit of the mapping against the field's kinds. */
function checkUnit(field: FieldSpec, unit: string, where: string): void {
  const kinds = field.kinds ?? [];
  const info = lookupUnit(unit);
  if (info && kinds.includes(info.kind)) return;
  const accepted = kinds.flatMap((k) => unitsOfKind(k));
  const why = info ? `'${unit}' is not a unit of ${field.path}` : `unknown unit '${unit}'`;
  throw new UsageError(
    `${where}: ${why}${unitHint(unit)}; expected one of: ${accepted.join(", ")}`,
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
    if (spec.unit !== undefined) checkUnit(field, spec.unit, where);
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
  checkUnit(field, rest, where);
  return { column, unit: rest };
}

/** A mapping entry before it is resolved against a header. */
export interface MappingEntry extends ColumnSpec {
  readonly field: FieldSpec;
  /** Where the entry was given (`--proteinuria`, `config columns.current.proteinuria`). */
  readonly origin: string;
}

/** Build entries from `field → spec` pairs (later ones override earlier ones for the same field). */
export function mappingEntries(
  pairs: readonly {
    readonly field: string;
    readonly spec: Parameters<typeof parseColumnSpec>[1];
    readonly origin: string;
  }[],
): MappingEntry[] {
  const out = new Map<string, MappingEntry>();
  for (const p of pairs) {
    const field = FIELDS.get(p.field);
    if (!field) {
      throw new UsageError(
        `${p.origin}: unknown field '${p.field}'; fields are: ${[...FIELDS.keys()].join(", ")}`,
      );
    }
    out.set(field.path, { field, origin: p.origin, ...parseColumnSpec(field, p.spec, p.origin) });
  }
  return [...out.values()];
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
  readonly byPath: ReadonlyMap<string, ResolvedEntry>;
  /** Whether the mapping has a `day` column (rows are visits of patients). */
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
      checkUnit(field, unit, origin);
      out.push({ field, origin, column: h, unit });
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
  return {
    entries: resolved,
    header,
    byPath: new Map(resolved.map((e) => [e.field.path, e])),
    hasDay: resolved.some((e) => e.field.type === "day"),
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
const TRUE = new Set(["true", "yes", "y", "1", "t", "present", "positive"]);
const FALSE = new Set(["false", "no", "n", "0", "f", "absent", "negative"]);

function parseNumber(raw: string, dialect: Dialect): number | string {
  let s = raw;
  if (dialect.decimal === ",") {
    if (s.includes(".")) return `'${raw}' is not a number (the decimal separator is ',')`;
    s = s.replace(",", ".");
  }
  if (!NUMBER.test(s)) {
    if (dialect.decimal === "." && /^[+-]?\d*,\d+$/.test(s)) {
      return `'${raw}' is not a number; if the file writes decimals with a comma, pass --decimal ','`;
    }
    return `'${raw}' is not a number`;
  }
  return Number(s);
}

function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(".");
  let o = obj;
  for (const k of keys.slice(0, -1)) {
    let next = o[k];
    if (typeof next !== "object" || next === null) {
      next = {};
      o[k] = next;
    }
    o = next as Record<string, unknown>;
  }
  o[keys[keys.length - 1] as string] = value;
}

/** One CSV row read through the mapping. */
export interface BuiltRow {
  readonly id?: string;
  readonly day?: number;
  /** The assessment (`{ patient, baseline, current }`), not yet validated. */
  readonly input: Record<string, unknown>;
  readonly issues: RowIssue[];
}

/** Read one row's cells through the mapping. Cell-level problems become issues. */
export function buildRow(cells: readonly string[], m: ResolvedMapping, dialect: Dialect): BuiltRow {
  const input: Record<string, unknown> = {};
  const issues: RowIssue[] = [];
  let id: string | undefined;
  let day: number | undefined;
  const isMissing = (s: string) => dialect.missing.has(s.toLowerCase());
  for (const e of m.entries) {
    const path = e.field.path;
    const cell = (cells[e.index] ?? "").trim();
    const map = dialect.values?.get(path);
    const raw = map?.get(cell.toLowerCase()) ?? cell;
    // A cell the field's value map does not know: its error says what the map reads.
    const unmapped =
      map && raw === cell && !dialect.missing.has(cell.toLowerCase())
        ? ` (the value map of ${path} reads: ${[...map.keys()].join(", ")})`
        : "";
    const issue = (message: string, column = e.column, p = path) =>
      issues.push({ column, path: p, message: `${message}${unmapped}` });
    if (isMissing(raw)) {
      if (e.field.type === "id") issue("the id is missing");
      continue;
    }
    switch (e.field.type) {
      case "id":
        id = raw;
        break;
      case "day": {
        const n = parseNumber(raw, dialect);
        if (typeof n === "string") issue(n);
        else if (!Number.isInteger(n) || n < 0) {
          issue(`the day must be a whole number of days since baseline, got '${raw}'`);
        } else day = n;
        break;
      }
      case "sex": {
        const s = raw.toLowerCase();
        if (s === "f" || s === "female") setPath(input, path, "F");
        else if (s === "m" || s === "male") setPath(input, path, "M");
        else issue(`expected F or M, got '${raw}'`);
        break;
      }
      case "number": {
        const n = parseNumber(raw, dialect);
        if (typeof n === "string") issue(n);
        else setPath(input, path, n);
        break;
      }
      case "boolean": {
        const b = raw.toLowerCase();
        if (TRUE.has(b)) setPath(input, path, true);
        else if (FALSE.has(b)) setPath(input, path, false);
        else issue(`expected yes/no (true/false, 1/0), got '${raw}'`);
        break;
      }
      case "quantity": {
        const n = parseNumber(raw, dialect);
        let unit = e.unit;
        if (e.unitIndex !== undefined && e.unitColumn !== undefined) {
          const u = (cells[e.unitIndex] ?? "").trim();
          if (isMissing(u)) {
            issue(
              `no unit for the value '${raw}' in column '${e.column}'`,
              e.unitColumn,
              `${path}.unit`,
            );
            continue;
          }
          unit = u;
        }
        if (typeof n === "string") issue(n, e.column, `${path}.value`);
        else setPath(input, path, { value: n, unit });
        break;
      }
    }
  }
  return {
    ...(id === undefined ? {} : { id }),
    ...(day === undefined ? {} : { day }),
    input,
    issues,
  };
}

/**
 * Map a validation issue (dotted path of the assessment) back to its column:
 * `current.proteinuria.unit` → the unit column (or the value column when the
 * unit is fixed by the mapping), otherwise the column of the longest mapped prefix.
 */
export function issueToColumn(path: string, message: string, m: ResolvedMapping): RowIssue {
  const hint = /unknown unit '([^']*)'/.exec(message);
  const msg =
    hint?.[1] !== undefined && !message.includes("did you mean")
      ? `${message}${unitHint(hint[1])}`
      : message;
  if (path.endsWith(".unit")) {
    const e = m.byPath.get(path.slice(0, -5));
    if (e?.unitColumn !== undefined) return { column: e.unitColumn, path, message: msg };
    if (e) return { column: e.column, path, message: `${msg} (unit '${e.unit}' from ${e.origin})` };
  }
  let p = path;
  for (;;) {
    const e = m.byPath.get(p);
    if (e) return { column: e.column, path, message: msg };
    const dot = p.lastIndexOf(".");
    if (dot < 0) break;
    p = p.slice(0, dot);
  }
  return { path, message: msg };
}
