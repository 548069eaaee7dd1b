/**
 * CLI adapter for `--format long` and `--format fhir`: the whole file is read,
 * turned into patient records by {@link fromLongRows} / {@link fromFhir}, and every
 * row or resource not used is reported through `warn` (first 20, then a count),
 * with a one-line accounting.
 *
 * @module
 */
import type { Readable } from "node:stream";
import type { BaselineRule, SourceOutcome } from "../io/codes.js";
import { fromFhir } from "../io/fhir.js";
import { fromLongRows } from "../io/long.js";
import type { PatientRecord } from "../model/record.js";
import { readCsv } from "./csv.js";
import { readWhole, UsageError } from "./io.js";
import type { BaselineRowRule } from "./mapping.js";

/** `--baseline-row` for a long file: first, flagged, or the visit `VISITNUM=…`. */
function longBaseline(rule: BaselineRowRule): BaselineRule {
  if (rule === "first" || rule === "flagged") return rule;
  if ("column" in rule && rule.column === "VISITNUM") return { visit: rule.equals };
  throw new UsageError(
    "--baseline-row for --format long: first, flagged (the LBBLFL = Y results) or VISITNUM=<visit>",
  );
}

/** How many unused rows/resources are listed before only a count. */
export const MAX_LISTED = 20;

/** Read a long lab file (CSV) or FHIR input as patient records, reporting every unused row/resource. */
export async function readInterop(
  stream: Readable,
  format: "long" | "fhir",
  options: {
    readonly codes?: "sdtm" | "loinc" | undefined;
    readonly delimiter?: string | undefined;
    readonly comment?: string | undefined;
    readonly warn: (message: string) => void;
    /** `--baseline-row`: first, flagged (SDTM LBBLFL) or VISITNUM=… (long files only). */
    readonly baselineRow?: BaselineRowRule | undefined;
  },
): Promise<readonly PatientRecord[]> {
  let result: ReturnType<typeof fromFhir>;
  let what: string;
  let lineOf: (index: number) => number | undefined = () => undefined;
  if (format === "long") {
    let csv: Awaited<ReturnType<typeof readCsv>>;
    try {
      csv = await readCsv(stream, { delimiter: options.delimiter, comment: options.comment });
    } catch (e) {
      throw new UsageError(`cannot read the CSV: ${(e as Error).message}`);
    }
    const header = csv.header.fields;
    const rows: Record<string, string>[] = [];
    const lines: number[] = [];
    const unreadable: string[] = [];
    for await (const r of csv.records) {
      if (!r.fields) {
        unreadable.push(`line ${r.line}: ${r.error ?? "unreadable"}`);
        continue;
      }
      const f = r.fields;
      rows.push(Object.fromEntries(header.map((h, i) => [h, f[i] ?? ""])));
      lines.push(r.line);
    }
    for (const u of unreadable) options.warn(`invalid row, ${u}`);
    result = fromLongRows(rows, {
      codes: options.codes ?? "sdtm",
      ...(options.baselineRow === undefined ? {} : { baseline: longBaseline(options.baselineRow) }),
    });
    what = "row";
    lineOf = (i) => lines[i];
  } else {
    result = fromFhir(await readWhole(stream, "the file", ""));
    what = "resource";
  }
  const { records, outcomes } = result;
  const counts = { used: 0, skipped: 0, invalid: 0 };
  let listed = 0;
  const describe = (o: SourceOutcome) => {
    const line = lineOf(o.index);
    const where =
      line !== undefined
        ? `line ${line}`
        : `${what} ${o.index + 1}${o.resource ? ` (${o.resource})` : ""}`;
    return `${o.status} ${where}${o.subject ? `, subject ${o.subject}` : ""}: ${o.reason ?? ""}`;
  };
  for (const o of outcomes) {
    counts[o.status]++;
    if (o.status !== "used" && listed < MAX_LISTED) {
      options.warn(describe(o));
      listed++;
    }
  }
  const unlisted = counts.skipped + counts.invalid - listed;
  if (unlisted > 0) options.warn(`… and ${unlisted} more ${what}(s) skipped or invalid`);
  options.warn(
    `${outcomes.length} ${what}(s): ${counts.used} used, ${counts.skipped} skipped, ${counts.invalid} invalid → ${records.length} patient record(s)`,
  );
  return records;
}
