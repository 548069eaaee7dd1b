/**
 * Input readers: a wide CSV (through a column mapping), NDJSON or JSON of
 * patient records or of assessments. Each yields one validated work item per
 * input row, in order; a row that cannot be read or validated carries its issues.
 *
 * @module
 */
import type { Readable } from "node:stream";
import type { z } from "zod";
import { formatPath } from "../ir/errors.js";
import type { ResponseInput } from "../model/assessment.js";
import { safeParsePatientRecord, safeParseResponseInput } from "../model/fast-parse.js";
import { MAX_VISITS_PER_RECORD, type PatientRecord } from "../model/record.js";
import {
  type BaselineOf,
  BaselineRows,
  type PlacedRow,
  type RowPlace,
  type StageOutput,
  type WideBaselineRule,
} from "./baseline-row.js";
import { type CsvRecord, readCsv } from "./csv.js";
import { readInterop } from "./interop.js";
import { readWhole, UsageError } from "./io.js";
import { boundedLines, formatBytes, MAX_NDJSON_LINE_BYTES } from "./lines.js";
import {
  type BaselineRowRule,
  type BuiltRow,
  type DateFormat,
  DEFAULT_MISSING,
  type Dialect,
  dayFromDates,
  identityEntries,
  issueToColumn,
  type MappingEntry,
  type ResolvedMapping,
  type RowIssue,
  resolveMapping,
  rowReader,
  unitHint,
  valueMaps,
} from "./mapping.js";

/** Input file formats. */
export type InputFormat = "csv" | "ndjson" | "json" | "long" | "fhir";
/** What the rows of a JSON / NDJSON input are. */
export type InputKind = "records" | "assessments";

/** One input row, validated. */
export interface WorkItem {
  /** 1-based row number: the n-th data row (CSV: after the header), line (NDJSON) or element (JSON). */
  readonly row: number;
  /** Physical line where the row starts (CSV, NDJSON). */
  readonly line?: number | undefined;
  readonly endLine?: number | undefined;
  readonly id?: string | undefined;
  /** Visit day (CSV with a day column). */
  readonly day?: number | undefined;
  readonly kind: InputKind;
  readonly assessment?: ResponseInput | undefined;
  readonly record?: PatientRecord | undefined;
  /** The parsed JSON value of a records row (valid or not), for the cohort summary. */
  readonly raw?: unknown;
  /** Non-empty when the row is invalid. */
  readonly issues: readonly RowIssue[];
  /** How the row was read where it was not literal (unit spellings, the source column chosen, the baseline row). */
  readonly notes?: readonly string[] | undefined;
  /**
   * `baseline`: the row is a patient's baseline row (`baseline.row` in the config): its
   * values are the baseline of the patient's other rows and it is not classified;
   * `assessment` then holds it as `{ patient, baseline }`.
   */
  readonly role?: "baseline" | undefined;
}

/** Options of {@link openSource}. */
export interface SourceOptions {
  readonly kind?: InputKind | undefined;
  /** Explicit column mapping; the header-name convention when absent. */
  readonly mapping?: readonly MappingEntry[] | undefined;
  readonly delimiter?: string | undefined;
  readonly decimal?: "." | "," | undefined;
  readonly comment?: string | undefined;
  readonly missing?: readonly string[] | undefined;
  /** The config's value maps (field path → cell value → value read). */
  readonly values?: Readonly<Record<string, Readonly<Record<string, string>>>> | undefined;
  readonly warn: (message: string) => void;
  /** Code table of a long lab file (`--format long`): SDTM LB (default) or LOINC. */
  readonly codes?: "sdtm" | "loinc" | undefined;
  /** Unit aliases (the config's `units`: spelling → accepted unit). */
  readonly units?: Readonly<Record<string, string>> | undefined;
  /** How `date` / `baselineDate` cells are written (default ISO). */
  readonly dateFormat?: DateFormat | undefined;
  /** The baseline from a row of each patient (the config's `baseline.row`). */
  readonly baselineRow?: BaselineRowRule | undefined;
}

/** An open input. */
export interface Source {
  readonly format: InputFormat;
  /** The CSV mapping (CSV input only). */
  readonly mapping?: ResolvedMapping;
  readonly delimiter?: string;
  /** Decided by `--kind` or by the first JSON object (`id` or `visits` key → records). */
  kind(): InputKind | undefined;
  /** The rows one at a time. Read either `items` or `batches`, not both. */
  readonly items: AsyncGenerator<WorkItem, void, undefined>;
  /**
   * The same rows in batches (CSV: the rows each chunk of the file completes, read as the
   * batch is iterated). Iterate each batch to its end before asking for the next.
   */
  readonly batches: AsyncGenerator<Iterable<WorkItem>, void, undefined>;
}

/** One at a time, the items of batches. */
async function* flatten(
  batches: AsyncGenerator<Iterable<WorkItem>, void, undefined>,
): AsyncGenerator<WorkItem, void, undefined> {
  for await (const b of batches) yield* b;
}

/** Batches of one item each. */
async function* single(
  items: AsyncGenerator<WorkItem, void, undefined>,
): AsyncGenerator<WorkItem[], void, undefined> {
  for await (const i of items) yield [i];
}

/** A source of `items` (and `batches` made from them). */
function itemSource(
  source: Omit<Source, "items" | "batches">,
  items: AsyncGenerator<WorkItem, void, undefined>,
): Source {
  return { ...source, items, batches: single(items) };
}

/** The input format implied by a file name, if any. */
export function formatOfPath(path: string): InputFormat | undefined {
  const p = path.toLowerCase();
  if (/\.(csv|tsv|txt)$/.test(p)) return "csv";
  if (/\.(ndjson|jsonl)$/.test(p)) return "ndjson";
  if (p.endsWith(".json")) return "json";
  return undefined;
}

function zodIssues(error: z.ZodError): RowIssue[] {
  return error.issues.map((i) => {
    const path = formatPath(i.path);
    const hint = /unknown unit '([^']*)'/.exec(i.message);
    return {
      path,
      message:
        hint?.[1] !== undefined && !i.message.includes("did you mean")
          ? `${i.message}${unitHint(hint[1])}`
          : i.message,
    };
  });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function kindOf(v: unknown): InputKind {
  return isObject(v) && ("id" in v || "visits" in v) ? "records" : "assessments";
}

/** Validate one JSON value as a record or an assessment. */
function jsonItem(
  value: unknown,
  kind: InputKind,
  where: { row: number; line?: number },
): WorkItem {
  const base = { ...where, kind };
  if (!isObject(value)) {
    return {
      ...base,
      issues: [
        {
          message: `expected a JSON object, got ${Array.isArray(value) ? "an array" : typeof value}`,
        },
      ],
    };
  }
  if (kind === "records") {
    const id = typeof value.id === "string" ? value.id : undefined;
    const visits = value.visits;
    if (Array.isArray(visits) && visits.length > MAX_VISITS_PER_RECORD) {
      // Checked before validation: a record of a million visits is an error, not an out-of-memory abort.
      return {
        ...base,
        ...(id === undefined ? {} : { id }),
        raw: { ...value, visits: visits.slice(0, MAX_VISITS_PER_RECORD + 1) },
        issues: [
          {
            path: "visits",
            message: `the record has ${visits.length} visits; a record holds at most ${MAX_VISITS_PER_RECORD}`,
          },
        ],
      };
    }
    const parsed = safeParsePatientRecord(value);
    return parsed.success
      ? { ...base, id: parsed.data.id, record: parsed.data, raw: value, issues: [] }
      : {
          ...base,
          ...(id === undefined ? {} : { id }),
          raw: value,
          issues: zodIssues(parsed.error),
        };
  }
  const parsed = safeParseResponseInput(value);
  return parsed.success
    ? { ...base, assessment: parsed.data, issues: [] }
    : { ...base, issues: zodIssues(parsed.error) };
}

/**
 * Check what dates and a baseline row need from the mapping; returns the header
 * position of a `{ column, equals }` rule's column.
 *
 * @throws {@link UsageError} when the mapping cannot give what the options ask for.
 */
function checkDatesAndBaseline(
  mapping: ResolvedMapping,
  rule: WideBaselineRule | undefined,
): number | undefined {
  const has = (p: string) => mapping.byPath.has(p);
  if (has("date") && has("day")) {
    throw new UsageError("map either a day column or a date column, not both");
  }
  if (has("baselineDate") && !has("date")) {
    throw new UsageError("a baselineDate column needs a date column (the visit date)");
  }
  if (has("date") && !has("baselineDate") && rule === undefined) {
    throw new UsageError(
      'a date column needs the baseline date: map a baselineDate column, or take the baseline from a row ("baseline": { "row": … } in the config, --baseline-row)',
    );
  }
  if (rule === undefined) return undefined;
  if (!mapping.hasId) {
    throw new UsageError("the baseline from a row needs an id column (whose rows are whose?)");
  }
  const baselineCols = mapping.entries.filter((e) => e.field.path.startsWith("baseline."));
  if (baselineCols.length) {
    throw new UsageError(
      `the baseline comes from a row: ${baselineCols.map((e) => e.field.path).join(", ")} cannot also be mapped to a column (map the values as current.* and the baseline row gives them)`,
    );
  }
  if (rule !== "first" && "day" in rule && !has("day")) {
    throw new UsageError(
      `the baseline row of day ${rule.day} needs a day column (with dates, use { "column": …, "equals": … } or "first")`,
    );
  }
  if (rule !== "first" && "column" in rule) {
    const at = mapping.header.indexOf(rule.column);
    if (at < 0) {
      throw new UsageError(`the baseline row's column '${rule.column}' is not in the header`);
    }
    return at;
  }
  return undefined;
}

/** A visit row with the baseline (and missing patient fields) of its patient's baseline row. */
function withBaseline(
  built: BuiltRow,
  base: BaselineOf,
  mapping: ResolvedMapping,
): { built: BuiltRow; notes: string[]; issues: RowIssue[] } {
  const issues: RowIssue[] = [];
  const notes = [`baseline from row ${base.row}`];
  if (base.invalid !== undefined) {
    issues.push({ message: `the baseline row (row ${base.row}) is invalid: ${base.invalid}` });
  }
  const input: Record<string, unknown> = { ...built.input };
  if (base.values !== undefined) input.baseline = base.values;
  const own = (built.input.patient ?? {}) as Record<string, unknown>;
  const fromBase = (base.patient ?? {}) as Record<string, unknown>;
  const filled = Object.keys(fromBase).filter((k) => !(k in own));
  if (filled.length) {
    input.patient = { ...fromBase, ...own };
    notes.push(`${filled.map((k) => `patient.${k}`).join(", ")} from the baseline row`);
  }
  let day = built.day;
  if (day === undefined && built.date !== undefined && mapping.byPath.has("date")) {
    if (base.date === undefined) {
      issues.push({ message: `the baseline row (row ${base.row}) has no date` });
    } else {
      const d = dayFromDates(built.date, base.date, "the baseline row's date", mapping);
      if (typeof d === "number") day = d;
      else issues.push(d);
    }
  }
  return {
    built: { ...built, input, ...(day === undefined ? {} : { day }) },
    notes,
    issues,
  };
}

/**
 * Open an input stream in the given format. For CSV the header is read and the
 * mapping resolved here, so that a mapping that does not fit fails before any
 * row is written.
 *
 * @throws {@link UsageError} for a header or mapping problem, or unparseable JSON.
 */
export async function openSource(
  stream: Readable,
  format: InputFormat,
  options: SourceOptions,
): Promise<Source> {
  if (format === "long" || format === "fhir") {
    if (format === "fhir" && options.baselineRow !== undefined && options.baselineRow !== "first") {
      throw new UsageError(
        "--baseline-row for --format fhir: only 'first' (FHIR has no visit labels)",
      );
    }
    const records = await readInterop(stream, format, options);
    async function* items(): AsyncGenerator<WorkItem, void, undefined> {
      for (const [i, record] of records.entries()) {
        yield { row: i + 1, id: record.id, kind: "records", record, raw: record, issues: [] };
      }
    }
    return itemSource({ format, kind: () => "records" }, items());
  }
  let kind: InputKind | undefined = options.kind;
  if (format === "csv") {
    let csv: Awaited<ReturnType<typeof readCsv>>;
    try {
      csv = await readCsv(stream, { delimiter: options.delimiter, comment: options.comment });
    } catch (e) {
      throw new UsageError(`cannot read the CSV: ${(e as Error).message}`);
    }
    const header = csv.header.fields;
    const entries = options.mapping ?? identityEntries(header, options.warn);
    const mapping = resolveMapping(entries, header);
    const dialect: Dialect = {
      decimal: options.decimal ?? ".",
      missing: new Set((options.missing ?? DEFAULT_MISSING).map((s) => s.toLowerCase())),
      values: valueMaps(options.values),
      units: new Map(Object.entries(options.units ?? {}).map(([k, v]) => [k.trim(), v])),
      ...(options.dateFormat ? { dateFormat: options.dateFormat } : {}),
    };
    if (options.decimal === "," && csv.delimiter === ",") {
      throw new UsageError("--decimal ',' needs a delimiter other than ',' (e.g. --delimiter ';')");
    }
    if (options.baselineRow === "flagged") {
      throw new UsageError(
        "--baseline-row flagged is for --format long (SDTM LBBLFL); a wide CSV takes first, day=N or column=value",
      );
    }
    const rule: WideBaselineRule | undefined = options.baselineRow;
    const keyIndex = checkDatesAndBaseline(mapping, rule);
    const stage = rule === undefined ? undefined : new BaselineRows(rule);
    const read = rowReader(mapping, dialect);
    /** A validation issue of a visit row at its column (one whose baseline comes from a row: at that row's). */
    const visitIssue = (
      i: z.core.$ZodIssue,
      built: BuiltRow,
      base: BaselineOf | undefined,
    ): RowIssue => {
      const path = formatPath(i.path);
      // A baseline value from the baseline row: the problem is in that row's current column.
      if (base && path.startsWith("baseline.")) {
        const at = issueToColumn(`current.${path.slice(9)}`, i.message, mapping, built.chosen);
        return { ...at, path, message: `${at.message} (in the baseline row, row ${base.row})` };
      }
      return issueToColumn(path, i.message, mapping, built.chosen);
    };
    /** Validate a built row (with its baseline, when it comes from a row) into a work item. */
    const finish = (p: PlacedRow, base?: BaselineOf, problem?: string): WorkItem => {
      let built = p.built;
      let notes: string[] = built.notes;
      let issues: RowIssue[] = built.issues;
      if (problem !== undefined || base) {
        notes = [...built.notes];
        issues = [...built.issues];
        if (problem !== undefined) issues.push({ message: problem });
        if (base) {
          const merged = withBaseline(built, base, mapping);
          built = merged.built;
          notes.push(...merged.notes);
          issues.push(...merged.issues);
        }
      }
      const parsed = safeParseResponseInput(built.input);
      if (!parsed.success) {
        if (issues === built.issues) issues = [...issues];
        for (const i of parsed.error.issues) issues.push(visitIssue(i, built, base));
      }
      const ok = parsed.success && issues.length === 0;
      return {
        row: p.place.row,
        line: p.place.line,
        endLine: p.place.endLine,
        id: built.id,
        day: built.day,
        kind: "assessments",
        assessment: ok ? parsed.data : undefined,
        record: undefined,
        raw: undefined,
        issues: ok ? [] : issues,
        notes: notes.length ? notes : undefined,
        role: undefined,
      };
    };
    /** A baseline row as a work item: its values as `{ patient, baseline }`. */
    const baselineItem = (p: PlacedRow): WorkItem => {
      const b = p.built;
      const input = {
        ...(b.input.patient === undefined ? {} : { patient: b.input.patient }),
        ...(b.input.current === undefined ? {} : { baseline: b.input.current }),
      };
      const parsed = safeParseResponseInput(input);
      const issues = [
        ...b.issues,
        ...(parsed.success
          ? []
          : parsed.error.issues.map((i) => {
              const path = formatPath(i.path);
              const cur = path.startsWith("baseline.") ? `current.${path.slice(9)}` : path;
              return { ...issueToColumn(cur, i.message, mapping, b.chosen), path: cur };
            })),
      ];
      return {
        ...p.place,
        kind: "assessments",
        ...(b.id === undefined ? {} : { id: b.id }),
        // Day 0 when days come from dates: the baseline row's date is the origin.
        ...(b.day !== undefined ? { day: b.day } : b.date !== undefined ? { day: 0 } : {}),
        ...(b.notes.length ? { notes: b.notes } : {}),
        role: "baseline",
        issues,
        ...(parsed.success && issues.length === 0 ? { assessment: parsed.data } : {}),
      };
    };
    const emit = (o: StageOutput): WorkItem =>
      o.kind === "baseline" ? baselineItem(o.row) : finish(o.row, o.baseline, o.problem);
    /** An unreadable row (a CSV error, the wrong number of fields) as an invalid work item. */
    const unreadable = (row: number, rec: CsvRecord, message: string): WorkItem => ({
      row,
      line: rec.line,
      endLine: rec.endLine === rec.line ? undefined : rec.endLine,
      id: undefined,
      day: undefined,
      kind: "assessments",
      assessment: undefined,
      record: undefined,
      raw: undefined,
      issues: [{ message }],
      notes: undefined,
      role: undefined,
    });
    let row = 0;
    /** The work items of one batch of records, as they are asked for. */
    function* itemsOf(records: Iterable<CsvRecord>): Generator<WorkItem, void, undefined> {
      for (const rec of records) {
        row += 1;
        if (!rec.fields) {
          yield unreadable(row, rec, rec.error ?? "unreadable row");
          continue;
        }
        if (rec.fields.length !== header.length) {
          yield unreadable(
            row,
            rec,
            `the row has ${rec.fields.length} fields, the header has ${header.length} (a stray or missing delimiter?)`,
          );
          continue;
        }
        const built = read(rec.fields);
        const place: RowPlace = {
          row,
          line: rec.line,
          endLine: rec.endLine === rec.line ? undefined : rec.endLine,
        };
        if (!stage) {
          yield finish({ place, built });
          continue;
        }
        const key = keyIndex === undefined ? undefined : rec.fields[keyIndex];
        for (const o of stage.push({ place, built, key })) yield emit(o);
      }
    }
    async function* batches(): AsyncGenerator<Iterable<WorkItem>, void, undefined> {
      for await (const records of csv.batches) yield itemsOf(records);
      if (stage) yield stage.flush(true).map(emit);
    }
    const all = batches();
    return {
      format,
      mapping,
      delimiter: csv.delimiter,
      kind: () => "assessments",
      batches: all,
      items: flatten(all),
    };
  }

  if (format === "ndjson") {
    const lines = boundedLines(stream, MAX_NDJSON_LINE_BYTES);
    async function* items(): AsyncGenerator<WorkItem, void, undefined> {
      let line = 0;
      let row = 0;
      try {
        for await (const raw of lines) {
          line += 1;
          if (raw.tooLong) {
            row += 1;
            yield {
              row,
              line,
              kind: kind ?? "assessments",
              issues: [
                {
                  message: `line ${line} is longer than the limit of ${formatBytes(MAX_NDJSON_LINE_BYTES)} per NDJSON line (${raw.bytes} bytes); the row was skipped`,
                },
              ],
            };
            continue;
          }
          const text = raw.text;
          if (text.trim() === "") continue;
          row += 1;
          let value: unknown;
          try {
            value = JSON.parse(text);
          } catch (e) {
            yield {
              row,
              line,
              kind: kind ?? "assessments",
              issues: [{ message: `not valid JSON: ${(e as Error).message}` }],
            };
            continue;
          }
          kind ??= kindOf(value);
          yield jsonItem(value, kind, { row, line });
        }
      } finally {
        await lines.return(undefined);
        stream.destroy();
      }
    }
    return itemSource({ format, kind: () => kind }, items());
  }

  const text = await readWhole(
    stream,
    "the JSON file",
    ": write one record per line (NDJSON, --format ndjson), which is streamed",
  );
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new UsageError(
      `the file is not valid JSON (${(e as Error).message}); for one value per line use --format ndjson`,
    );
  }
  const values: unknown[] = Array.isArray(doc)
    ? doc
    : isObject(doc) && Array.isArray(doc.records)
      ? (doc.records as unknown[])
      : isObject(doc) && Array.isArray(doc.assessments)
        ? (doc.assessments as unknown[])
        : [doc];
  if (kind === undefined && isObject(doc) && Array.isArray(doc.records)) kind = "records";
  if (kind === undefined && isObject(doc) && Array.isArray(doc.assessments)) kind = "assessments";
  kind ??= kindOf(values.find(isObject));
  const k = kind;
  async function* items(): AsyncGenerator<WorkItem, void, undefined> {
    for (const [i, v] of values.entries()) yield jsonItem(v, k, { row: i + 1 });
  }
  return itemSource({ format, kind: () => k }, items());
}
