/**
 * Output rows of `classify` and their writers (CSV, JSON array, NDJSON), plus a
 * plain-text table helper.
 *
 * @module
 */
import { csvField } from "../io/csv-text.js";
import type { CategoryOrIndeterminate } from "../ir/types.js";
import { BufferedWriter, type Sink } from "./io.js";
import { formatIssue, type RowIssue } from "./mapping.js";

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
  readonly assumptions?: readonly string[];
  /** Why a value was not used, substitutions (JSON output). */
  readonly notes?: readonly string[];
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

function csvLine(r: OutRow, guard: boolean): string {
  const cells = [
    r.row,
    r.line,
    r.id,
    r.criteria,
    r.version,
    r.timepoint,
    r.day,
    r.category,
    r.robust,
    r.sensitiveTo.join("; "),
    r.missing.join("; "),
    r.reason,
    r.errors.map(formatIssue).join(" | "),
    r.warnings.join(" | "),
    (r.notes ?? []).join(" | "),
  ];
  return `${cells.map((c) => csvField(c, guard)).join(",")}\n`;
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
  row(r: OutRow): Promise<void>;
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
  return {
    async row(r) {
      if (format === "csv") {
        if (n === 0) await out.push(`${CSV_COLUMNS.join(",")}\n`);
        await out.push(csvLine(r, guard));
      } else if (format === "ndjson") {
        await out.push(`${jsonOf(r)}\n`);
      } else {
        await out.push(`${n === 0 ? "[\n" : ",\n"}${jsonOf(r)}`);
      }
      n += 1;
    },
    async end() {
      if (format === "csv" && n === 0) await out.push(`${CSV_COLUMNS.join(",")}\n`);
      if (format === "json") await out.push(n === 0 ? "[]\n" : "\n]\n");
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
