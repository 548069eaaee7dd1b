/**
 * Output rows of `classify` and their writers (CSV, JSON array, NDJSON), plus a
 * plain-text table helper.
 *
 * @module
 */
import { csvField, isFormulaLike } from "../io/csv-text.js";
import type { CategoryOrIndeterminate } from "../ir/types.js";
import { BufferedWriter, type Sink } from "./io.js";
import { formatIssue, type RowIssue } from "./mapping.js";
import { isSpace } from "./text.js";

export { csvField, isFormulaLike } from "../io/csv-text.js";

/** Output formats of `classify`. */
export type OutputFormat = "csv" | "json" | "ndjson";

/** One output row: one input row under one criteria object (at one time point, for records). */
export interface OutRow {
  readonly row: number;
  readonly line?: number | undefined;
  readonly id?: string | undefined;
  readonly criteria: string;
  readonly version: string;
  readonly timepoint?: string | undefined;
  /** Day of the visit classified. */
  readonly day?: number | undefined;
  /** `baseline`: a patient's baseline row (`baseline.row` in the config), not classified. */
  readonly category: CategoryOrIndeterminate | "missing" | "invalid" | "baseline";
  readonly possibleCategories?: readonly string[] | undefined;
  readonly robust?: boolean | undefined;
  readonly sensitiveTo: readonly string[];
  readonly missing: readonly string[];
  readonly reason: string;
  readonly errors: readonly RowIssue[];
  readonly warnings: readonly string[];
  /** What was assumed where the input did not say (JSON output). */
  readonly assumptions?: readonly string[] | undefined;
  /** Why a value was not used, substitutions (JSON output). */
  readonly notes?: readonly string[] | undefined;
}

/** The CSV output's columns, in order. */
export const CSV_COLUMNS = [
  "row",
  "line",
  "id",
  "criteria",
  "version",
  "timepoint",
  "day",
  "category",
  "robust",
  "sensitive_to",
  "missing",
  "reason",
  "error",
  "warnings",
  "notes",
] as const;

/**
 * {@link csvField} of a string, without a regular expression over the whole text (the
 * reason column is a sentence): the same quoting, tested against it.
 *
 * @internal Exported for its test.
 */
export function csvText(s: string, guard: boolean): string {
  if (s === "") return "";
  if (guard && isFormulaLike(s)) return `"'${s.replaceAll('"', '""')}"`;
  if (s.includes('"')) return `"${s.replaceAll('"', '""')}"`;
  if (
    s.includes(",") ||
    s.includes("\n") ||
    s.includes("\r") ||
    isSpace(s.charCodeAt(0)) ||
    isSpace(s.charCodeAt(s.length - 1))
  ) {
    return `"${s}"`;
  }
  return s;
}

/** A cell of a number (row, line, day): a whole number as it is. */
function numberCell(n: number | undefined, guard: boolean): string {
  if (n === undefined) return "";
  return Number.isInteger(n) ? String(n) : csvField(n, guard);
}

/** A cell of text. */
function textCell(s: string | undefined, guard: boolean): string {
  return s === undefined ? "" : csvText(s, guard);
}

/** A cell of a list joined with `sep`. */
function listCell(xs: readonly string[] | undefined, sep: string, guard: boolean): string {
  return xs === undefined || xs.length === 0 ? "" : csvText(xs.join(sep), guard);
}

function csvLine(r: OutRow, guard: boolean): string {
  const errors = r.errors.length === 0 ? "" : csvText(r.errors.map(formatIssue).join(" | "), guard);
  const robust = r.robust === undefined ? "" : r.robust ? "true" : "false";
  return `${numberCell(r.row, guard)},${numberCell(r.line, guard)},${textCell(r.id, guard)},${textCell(r.criteria, guard)},${textCell(r.version, guard)},${textCell(r.timepoint, guard)},${numberCell(r.day, guard)},${textCell(r.category, guard)},${robust},${listCell(r.sensitiveTo, "; ", guard)},${listCell(r.missing, "; ", guard)},${textCell(r.reason, guard)},${errors},${listCell(r.warnings, " | ", guard)},${listCell(r.notes, " | ", guard)}\n`;
}

function jsonOf(r: OutRow): string {
  return JSON.stringify({
    row: r.row,
    line: r.line ?? null,
    id: r.id ?? null,
    criteria: r.criteria,
    version: r.version,
    timepoint: r.timepoint ?? null,
    day: r.day ?? null,
    category: r.category,
    possibleCategories: r.possibleCategories ?? [],
    robust: r.robust ?? null,
    sensitiveTo: r.sensitiveTo,
    missing: r.missing,
    reason: r.reason,
    errors: r.errors,
    warnings: r.warnings,
    assumptions: r.assumptions ?? [],
    notes: r.notes ?? [],
  });
}

/** Writes output rows as they come. */
export interface RowWriter {
  /** Write one row (buffered; may wait for an earlier chunk's write). */
  row(r: OutRow): Promise<void>;
  /** Add one row to the buffer without waiting; call {@link RowWriter.ready} now and then. */
  add(r: OutRow): void;
  /** Start writing the buffer when a chunk is full (waits for the previous chunk's write). */
  ready(): Promise<void>;
  /** Write the rest (and the CSV header or the JSON brackets) and wait until all is written. */
  end(): Promise<void>;
}

/** Options of {@link rowWriter}. */
export interface RowWriterOptions {
  /** Neutralise formula-like CSV cells (default true; `--no-csv-guard` turns it off). */
  readonly csvGuard?: boolean;
}

/** A writer for the format; the CSV header / JSON bracket is written on the first call. */
export function rowWriter(
  sink: Sink,
  format: OutputFormat,
  options: RowWriterOptions = {},
): RowWriter {
  const guard = options.csvGuard !== false;
  const out = new BufferedWriter(sink);
  let n = 0;
  const add = (r: OutRow) => {
    if (format === "csv") {
      if (n === 0) out.add(`${CSV_COLUMNS.join(",")}\n`);
      out.add(csvLine(r, guard));
    } else if (format === "ndjson") {
      out.add(`${jsonOf(r)}\n`);
    } else {
      out.add(`${n === 0 ? "[\n" : ",\n"}${jsonOf(r)}`);
    }
    n += 1;
  };
  return {
    add,
    ready: () => out.ready(),
    async row(r) {
      add(r);
      await out.ready();
    },
    async end() {
      if (format === "csv" && n === 0) out.add(`${CSV_COLUMNS.join(",")}\n`);
      if (format === "json") out.add(n === 0 ? "[]\n" : "\n]\n");
      await out.flush();
    },
  };
}

/** Align rows of cells into a plain-text table (two spaces between columns). */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return `${[line(header), ...rows.map(line)].join("\n")}\n`;
}
