/**
 * The `lupus-renal-criteria` command line: `classify`, `explain`, `list`.
 * `run(argv, io)` runs one invocation in-process and resolves to the exit code;
 * `main.ts` connects it to `process`.
 *
 * @module
 */
import { readFile, stat } from "node:fs/promises";
import { Command, CommanderError, Option } from "commander";
import pkg from "../../package.json" with { type: "json" };
import type { Analysis } from "../analysis/cohort.js";
import { classifyValidated } from "../api/classify.js";
import { renderExplanation } from "../api/render.js";
import { type TimepointOptions, timelineOfValidated } from "../api/timeline.js";
import {
  analysisDataset,
  analysisDatasetCsv,
  analysisDatasetJson,
} from "../io/analysis-dataset.js";
import { formatPath } from "../ir/errors.js";
import { loadCriteria } from "../ir/schema.js";
import type { ResponseCriteria } from "../ir/types.js";
import { renderReport } from "../report/report.js";
import { classifyItem, type Plan } from "./classify.js";
import {
  formatOfPath,
  type InputFormat,
  type InputKind,
  openSource,
  type Source,
  type WorkItem,
} from "./input.js";
import {
  type CliIo,
  EXIT,
  type FileId,
  guardStream,
  type OpenedInput,
  OutputError,
  type OutputFile,
  openInput,
  openOutput,
  resolvePath,
  type Sink,
  UsageError,
  write,
} from "./io.js";
import {
  type BaselineRowRule,
  BOOLEANS,
  type DateFormat,
  formatIssue,
  type MappingConfig,
  MappingConfigSchema,
  type MappingEntry,
  mappingEntries,
  NUMBERS,
  QUANTITIES,
} from "./mapping.js";
import { csvField, type OutputFormat, rowWriter, textTable } from "./output.js";
import { Progress } from "./progress.js";
import { parseInterpretation, parseTimepoints, registryRows, selectCriteria } from "./registry.js";
import { SummaryCollector, type SummaryFormat } from "./summary.js";

export type { CliIo, Sink } from "./io.js";
export { EXIT } from "./io.js";

/** Options shared by `classify` and `explain`. */
interface InputFlags {
  format?: InputFormat;
  codes?: "sdtm" | "loinc";
  kind?: InputKind;
  config?: string;
  map?: string[];
  idColumn?: string;
  dayColumn?: string;
  dateColumn?: string;
  baselineDateColumn?: string;
  dateFormat?: DateFormat;
  baselineRow?: string;
  sexColumn?: string;
  baselineProteinuria?: string;
  baselineCreatinine?: string;
  proteinuria?: string;
  creatinine?: string;
  albumin?: string;
  delimiter?: string;
  decimal?: "." | ",";
  comment?: string;
  criteria?: string;
  criteriaFile?: string[];
  interpretation?: string;
  allowProteinuriaSubstitution?: boolean;
  timepoints?: string;
  carryForward?: boolean | string;
  quiet?: boolean;
}

interface ClassifyFlags extends InputFlags {
  analysis: Analysis;
  /** `--no-csv-guard` sets it to false. */
  csvGuard?: boolean;
  out: OutputFormat;
  output?: string;
  summary?: boolean;
  summaryOnly?: boolean;
  summaryFormat: SummaryFormat;
  analysisDataset?: string;
}

interface ReportFlags extends InputFlags {
  analysis: Analysis;
  html?: string;
  title?: string;
}

interface ExplainFlags extends InputFlags {
  row?: string;
  id?: string;
}

const FLAG_FIELDS: readonly [keyof InputFlags, string, string][] = [
  ["idColumn", "id", "--id-column"],
  ["dayColumn", "day", "--day-column"],
  ["dateColumn", "date", "--date-column"],
  ["baselineDateColumn", "baselineDate", "--baseline-date-column"],
  ["sexColumn", "patient.sex", "--sex-column"],
  ["baselineProteinuria", "baseline.proteinuria", "--baseline-proteinuria"],
  ["baselineCreatinine", "baseline.serumCreatinine", "--baseline-creatinine"],
  ["proteinuria", "current.proteinuria", "--proteinuria"],
  ["creatinine", "current.serumCreatinine", "--creatinine"],
  ["albumin", "current.serumAlbumin", "--albumin"],
];

function addInputOptions(cmd: Command): Command {
  return cmd
    .addOption(
      new Option("--format <format>", "input format (default: from the file extension)").choices([
        "csv",
        "ndjson",
        "json",
        "long",
        "fhir",
      ]),
    )
    .addOption(
      new Option("--codes <table>", "code table of a --format long file").choices([
        "sdtm",
        "loinc",
      ]),
    )
    .addOption(
      new Option(
        "--kind <kind>",
        "JSON/NDJSON rows are patient records or assessments (default: records when the first object has an 'id' or 'visits' key)",
      ).choices(["records", "assessments"]),
    )
    .option("--config <file>", "CSV column-mapping config (JSON, see docs/guides/cli.md)")
    .option(
      "--map <field=column[:unit]>",
      "map a CSV column to a field, e.g. current.urineSediment.rbcPerHpf=rbc (repeatable)",
      (v: string, prev: string[] | undefined) => [...(prev ?? []), v],
    )
    .option("--id-column <column>", "CSV column with the patient id")
    .option("--day-column <column>", "CSV column with the visit day (days since baseline)")
    .option("--date-column <column>", "CSV column with the visit date (instead of a day column)")
    .option(
      "--baseline-date-column <column>",
      "CSV column with the baseline date (the day is the visit date minus it)",
    )
    .addOption(
      new Option(
        "--date-format <format>",
        "how the date columns write dates: iso (YYYY-MM-DD, default), dmy (DD/MM/YYYY) or mdy (MM/DD/YYYY); never guessed",
      ).choices(["iso", "dmy", "mdy"]),
    )
    .option(
      "--baseline-row <rule>",
      "the baseline is a row of each patient: first, day=N, or column=value (e.g. redcap_event_name=baseline_arm_1); it is not classified. --format long: first, flagged (LBBLFL = Y, the default when the file flags any) or VISITNUM=N",
    )
    .option("--sex-column <column>", "CSV column with sex (F/M)")
    .option(
      "--baseline-proteinuria <column:unit>",
      "baseline proteinuria column and unit, e.g. up0:g/24h",
    )
    .option("--baseline-creatinine <column:unit>", "baseline serum creatinine column and unit")
    .option(
      "--proteinuria <column:unit>",
      "current proteinuria column and unit (unit '@col' = unit column)",
    )
    .option("--creatinine <column:unit>", "current serum creatinine column and unit")
    .option("--albumin <column:unit>", "current serum albumin column and unit")
    .option("--delimiter <char>", "CSV delimiter: , ; tab | (default: detected from the header)")
    .addOption(
      new Option("--decimal <sep>", "decimal separator of CSV numbers").choices([".", ","]),
    )
    .option("--comment <prefix>", "skip CSV lines starting with this prefix (e.g. '#')")
    .option("--criteria <ids>", "comma-separated criteria ids (default: all response criteria)")
    .option(
      "--criteria-file <file>",
      "a response criteria object as JSON (your protocol's definition; validated; repeatable); without --criteria only the files are used",
      (v: string, prev: string[] | undefined) => [...(prev ?? []), v],
    )
    .option(
      "--interpretation <param=reading,...>",
      "readings of ambiguous phrases, e.g. crProteinuriaCutoff=0.7 (or kang2020.sedimentCutoff=strict)",
    )
    .option(
      "--allow-proteinuria-substitution",
      "let a UPCR stand for a 24-h urine protein (and back) with the same number; reported in every result",
    )
    .option(
      "--timepoints <list>",
      "time points for records and the summary: [label=]day[:window],… (default: each criteria's schedule)",
    )
    .option(
      "--carry-forward [maxDays]",
      "records and summary: with no visit in a time point's window, use the last earlier visit (at most maxDays before the window)",
    )
    .option("--quiet", "no progress bar and no warnings on stderr");
}

/** `--baseline-row first | day=N | column=value`. */
function parseBaselineRow(v: string): BaselineRowRule {
  const t = v.trim();
  if (t === "first") return "first";
  if (t === "flagged") return "flagged";
  const eq = t.indexOf("=");
  if (eq > 0) {
    const key = t.slice(0, eq).trim();
    const value = t.slice(eq + 1).trim();
    if (key === "day") {
      if (!/^\d+$/.test(value)) {
        throw new UsageError(`--baseline-row '${v}': day=N takes a whole number of days`);
      }
      return { day: Number(value) };
    }
    return { column: key, equals: value };
  }
  throw new UsageError(
    `--baseline-row '${v}': expected first, day=N or column=value (e.g. redcap_event_name=baseline_arm_1)`,
  );
}

function parseDelimiter(d: string | undefined): string | undefined {
  if (d === undefined) return undefined;
  if (d === "tab" || d === "\\t") return "\t";
  if (d.length !== 1)
    throw new UsageError(`--delimiter must be one character (or 'tab'), got '${d}'`);
  if (d === '"') throw new UsageError("--delimiter cannot be the quote character");
  return d;
}

function parseCarryForward(v: boolean | string | undefined): TimepointOptions {
  if (v === undefined || v === false) return {};
  if (v === true) return { carryForward: true };
  const n = Number(v);
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(n)) {
    throw new UsageError(`--carry-forward takes a whole number of days, got '${v}'`);
  }
  return { carryForward: true, carryForwardMaxDays: n };
}

/** Largest criteria file read (a shipped object is about 20 KB). */
const MAX_CRITERIA_FILE_BYTES = 4 * 1024 * 1024;

async function readCriteriaFile(io: CliIo, path: string): Promise<ResponseCriteria> {
  let text: string;
  try {
    const full = resolvePath(io, path);
    if ((await stat(full)).size > MAX_CRITERIA_FILE_BYTES)
      throw new Error(`larger than ${MAX_CRITERIA_FILE_BYTES / 1024 / 1024} MiB`);
    text = await readFile(full, "utf8");
  } catch (e) {
    throw new UsageError(`cannot read --criteria-file ${path}: ${(e as Error).message}`);
  }
  let c: ReturnType<typeof loadCriteria>;
  try {
    c = loadCriteria(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw new UsageError(`--criteria-file ${path}: ${(e as Error).message}`);
  }
  if (c.kind !== "response") {
    throw new UsageError(
      `--criteria-file ${path}: classify takes response criteria; this file holds a '${c.kind}' definition`,
    );
  }
  return c;
}

async function readConfig(io: CliIo, path: string): Promise<MappingConfig> {
  let text: string;
  try {
    text = await readFile(resolvePath(io, path), "utf8");
  } catch (e) {
    throw new UsageError(`cannot read --config ${path}: ${(e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw new UsageError(`--config ${path} is not valid JSON: ${(e as Error).message}`);
  }
  const parsed = MappingConfigSchema.safeParse(json);
  if (!parsed.success) {
    throw new UsageError(
      `--config ${path} is not a valid mapping:\n  - ${parsed.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join("\n  - ")}`,
    );
  }
  return parsed.data;
}

/** Everything needed to open and classify an input. */
interface Prepared {
  readonly plan: Plan;
  readonly format: InputFormat;
  readonly open: () => Promise<{ input: OpenedInput; source: Source }>;
}

async function prepare(
  io: CliIo,
  file: string,
  flags: InputFlags,
  warn: (m: string) => void,
): Promise<Prepared> {
  const fromFiles = await Promise.all(
    (flags.criteriaFile ?? []).map((f) => readCriteriaFile(io, f)),
  );
  const selected = [
    ...(fromFiles.length > 0 && flags.criteria === undefined ? [] : selectCriteria(flags.criteria)),
    ...fromFiles,
  ];
  const ids = new Set<string>();
  for (const c of selected) {
    if (ids.has(c.id)) throw new UsageError(`criteria id '${c.id}' is given twice`);
    ids.add(c.id);
  }
  const choices = parseInterpretation(flags.interpretation, selected);
  const timepoints = parseTimepoints(flags.timepoints);
  const carry = parseCarryForward(flags.carryForward);
  const plan: Plan = {
    selected: selected.map((criteria) => {
      const choice = choices.get(criteria) ?? {};
      const options: TimepointOptions = {
        ...(Object.keys(choice).length ? { interpretation: choice } : {}),
        ...(flags.allowProteinuriaSubstitution ? { allowProteinuriaSubstitution: true } : {}),
        ...carry,
      };
      return { criteria, options };
    }),
    ...(timepoints ? { timepoints } : {}),
  };
  const format = flags.format ?? formatOfPath(file);
  if (!format) {
    throw new UsageError(
      `cannot tell the format of '${file}' from its extension: pass --format csv, ndjson or json`,
    );
  }
  const config = flags.config === undefined ? undefined : await readConfig(io, flags.config);
  const pairs = [
    ...Object.entries(config?.columns ?? {}).map(([field, spec]) => ({
      field,
      spec,
      origin: `--config columns.${field}`,
    })),
    ...(flags.map ?? []).map((m) => {
      const eq = m.indexOf("=");
      if (eq <= 0) throw new UsageError(`--map '${m}': expected field=column[:unit]`);
      return { field: m.slice(0, eq).trim(), spec: m.slice(eq + 1).trim(), origin: `--map ${m}` };
    }),
    ...FLAG_FIELDS.flatMap(([key, field, flag]) => {
      const v = flags[key];
      return typeof v === "string" ? [{ field, spec: v, origin: flag }] : [];
    }),
  ];
  const mapping: MappingEntry[] | undefined = pairs.length ? mappingEntries(pairs) : undefined;
  const baselineRow =
    flags.baselineRow === undefined ? config?.baseline?.row : parseBaselineRow(flags.baselineRow);
  if (
    format !== "csv" &&
    (mapping || flags.delimiter !== undefined || flags.decimal !== undefined)
  ) {
    warn("the column mapping, --delimiter and --decimal apply to CSV input only; ignored");
  }
  if (format === "csv" && flags.kind === "records") {
    throw new UsageError(
      "CSV rows are visits (assessments); --kind records applies to JSON/NDJSON",
    );
  }
  const delimiter =
    parseDelimiter(flags.delimiter) ??
    parseDelimiter(config?.delimiter) ??
    (/\.tsv$/i.test(file) ? "\t" : undefined);
  const decimal = flags.decimal ?? config?.decimal;
  const comment = flags.comment ?? config?.comment;
  return {
    plan,
    format,
    open: async () => {
      const input = await openInput(io, file);
      try {
        const source = await openSource(input.stream, format, {
          kind: flags.kind,
          mapping,
          delimiter,
          decimal,
          comment,
          missing: config?.missing,
          values: config?.values,
          units: config?.units,
          dateFormat: flags.dateFormat ?? config?.dateFormat,
          baselineRow,
          warn,
          codes: flags.codes,
        });
        return { input, source };
      } catch (e) {
        input.close();
        throw e;
      }
    },
  };
}

/**
 * `--analysis-dataset file`: the ADRS-like dataset of the cohort summaries, as Dataset-JSON
 * v1.1 when the file name ends in `.json`, else as CSV; written like `--output` (temporary
 * file, renamed into place when complete).
 */
async function writeAnalysisDataset(
  io: CliIo,
  path: string,
  summary: SummaryCollector,
  flags: ClassifyFlags,
  inputs: readonly (FileId | undefined)[],
): Promise<void> {
  const summaries = summary.summaries(flags.analysis).map((x) => x.s);
  if (summaries.length === 0) {
    throw new UsageError(
      "--analysis-dataset needs patient records (JSON / NDJSON) or CSV rows with an id and a day column: these rows are assessments without time points",
    );
  }
  const rows = analysisDataset(summaries);
  const text = path.toLowerCase().endsWith(".json")
    ? `${JSON.stringify(
        analysisDatasetJson(rows, {
          sourceSystem: { name: "lupus-renal-criteria", version: pkg.version },
        }),
      )}\n`
    : analysisDatasetCsv(rows);
  const out = await openOutput(io, path, inputs);
  try {
    await write(out.sink, text);
    await out.commit();
  } catch (e) {
    await out.abort();
    throw e;
  }
}

/** `report <file> --html out.html`: the cohort report of the selected definitions. */
async function reportCommand(io: CliIo, file: string, flags: ReportFlags): Promise<number> {
  const warn = (m: string) => {
    if (!flags.quiet) io.stderr.write(`warning: ${m}\n`);
  };
  if (flags.html === undefined) throw new UsageError("report needs --html <file>");
  const prepared = await prepare(io, file, flags, warn);
  const { input, source } = await prepared.open();
  const collector = new SummaryCollector(prepared.plan);
  let rows = 0;
  try {
    for await (const item of source.items) {
      rows += 1;
      collector.add(item, classifyItem(item, prepared.plan), source.mapping?.hasDay === true);
    }
  } finally {
    input.close();
  }
  const read = collector.patientRecords();
  if (read === undefined) {
    throw new UsageError(
      "report needs patient records (JSON / NDJSON) or CSV rows with an id and a day column",
    );
  }
  const html = await renderReport(prepared.plan.selected, read.records, {
    analysis: flags.analysis,
    ...(prepared.plan.timepoints ? { timepoints: prepared.plan.timepoints } : {}),
    ...(flags.title === undefined ? {} : { title: flags.title }),
    notes: [
      ...read.notes,
      ...(read.lost.length
        ? [`patients whose every row was invalid (not in the figures): ${read.lost.join("; ")}`]
        : []),
    ],
  });
  const out = await openOutput(io, flags.html, [input.file]);
  try {
    await write(out.sink, html);
    await out.commit();
  } catch (e) {
    await out.abort();
    throw e;
  }
  warn(
    `report of ${read.records.length} patient record(s) from ${rows} row(s) written to ${flags.html}`,
  );
  return EXIT.ok;
}

function where(item: WorkItem): string {
  const line =
    item.line === undefined
      ? ""
      : item.endLine === undefined
        ? ` (line ${item.line})`
        : ` (lines ${item.line}-${item.endLine})`;
  return `row ${item.row}${line}`;
}

async function classifyCommand(io: CliIo, file: string, flags: ClassifyFlags): Promise<number> {
  const warn = (m: string) => {
    if (!flags.quiet) io.stderr.write(`warning: ${m}\n`);
  };
  const prepared = await prepare(io, file, flags, warn);
  const { input, source } = await prepared.open();
  let toFile: OutputFile | undefined;
  try {
    const stdoutFile = io.stdoutFile?.();
    if (
      flags.output === undefined &&
      !flags.summaryOnly &&
      stdoutFile?.regular &&
      input.file &&
      stdoutFile.dev === input.file.dev &&
      stdoutFile.ino === input.file.ino
    ) {
      throw new UsageError(
        "standard output is the input file (e.g. '>> input.csv'): write the rows to another file",
      );
    }
    toFile =
      flags.output === undefined ? undefined : await openOutput(io, flags.output, [input.file]);
  } catch (e) {
    input.close();
    throw e;
  }
  const rowsSink: Sink = toFile?.sink ?? io.stdout;
  const writer = flags.summaryOnly
    ? undefined
    : rowWriter(rowsSink, flags.out, { csvGuard: flags.csvGuard !== false });
  // The analysis dataset needs every patient's timeline; the summary alone is streamed
  // (memory independent of the number of patients).
  let summary =
    flags.summary || flags.summaryOnly || flags.analysisDataset !== undefined
      ? new SummaryCollector(
          prepared.plan,
          flags.analysisDataset === undefined ? { stream: { analysis: flags.analysis } } : {},
        )
      : undefined;
  const progress = new Progress(
    io.stderr,
    // Only on a terminal, and not when the rows themselves scroll past on the same screen.
    io.stderr.isTTY === true &&
      !flags.quiet &&
      (!writer || toFile !== undefined || io.stdout.isTTY !== true),
    input.size,
    input.bytesRead,
  );
  let rows = 0;
  let invalid = 0;
  const firstErrors: string[] = [];
  // Plausibility warnings: the first ones on stderr with their row, then how many rows had any.
  let warnedRows = 0;
  const firstWarnings: string[] = [];
  let committed = false;
  try {
    const hasDay = source.mapping?.hasDay === true;
    // A batch of rows (those one chunk of the file completes) is classified and buffered without
    // waiting; the buffer is written between batches (one write in flight: back-pressure).
    for await (const batch of source.batches) {
      for (const item of batch) {
        rows += 1;
        const classified = classifyItem(item, prepared.plan);
        if (writer) for (const c of classified) writer.add(c.out);
        summary?.add(item, classified, hasDay);
        let warned: Set<string> | undefined;
        for (const c of classified) {
          if (c.out.warnings.length === 0) continue;
          warned ??= new Set();
          for (const w of c.out.warnings) warned.add(w);
        }
        if (warned) {
          warnedRows += 1;
          for (const w of warned) {
            if (firstWarnings.length < 10) firstWarnings.push(`${where(item)}: ${w}`);
          }
        }
        if (item.issues.length) {
          invalid += 1;
          if (firstErrors.length < 10) {
            firstErrors.push(`${where(item)}: ${item.issues.map(formatIssue).join(" | ")}`);
          }
        }
        progress.tick(rows);
      }
      await writer?.ready();
    }
    await writer?.end();
    // Only a complete output replaces the file (temporary file, sync, rename).
    await toFile?.commit();
    committed = true;
  } finally {
    progress.clear();
    input.close();
    if (!committed) await toFile?.abort();
  }
  if (rows === 0) warn("the input has no data rows");
  if (warnedRows > 0) {
    for (const w of firstWarnings) warn(w);
    warn(
      `${warnedRows} row(s) with warnings (implausible values: check the value and its unit; the rows' warnings column has them all)`,
    );
  }
  if (summary && flags.analysisDataset !== undefined) {
    await writeAnalysisDataset(io, flags.analysisDataset, summary, flags, [input.file]);
  }
  // A streamed summary is only right when each patient's rows are close together; when they
  // are not (a file sorted by visit), read the file again, keeping every patient.
  if (summary && file !== "-" && summary.latePatients() > 0) {
    warn(
      `the rows of ${summary.latePatients()} patient(s) are not together in the file (e.g. sorted by visit): reading it again for the summary, with every patient in memory`,
    );
    const again = await prepared.open();
    const buffered = new SummaryCollector(prepared.plan);
    try {
      for await (const item of again.source.items) {
        buffered.add(item, [], again.source.mapping?.hasDay === true);
      }
    } finally {
      again.input.close();
    }
    summary = buffered;
  }
  if (summary && (flags.summary || flags.summaryOnly)) {
    const target = toFile || flags.summaryOnly ? io.stdout : io.stderr;
    await write(
      target,
      summary.render(flags.analysis, flags.summaryFormat, flags.csvGuard !== false),
    );
  }
  if (invalid > 0) {
    const more = invalid > firstErrors.length ? [`… and ${invalid - firstErrors.length} more`] : [];
    io.stderr.write(
      `${[...firstErrors, ...more].map((l) => `error: ${l}`).join("\n")}\n${invalid} of ${rows} rows invalid\n`,
    );
    return EXIT.invalidRows;
  }
  return EXIT.ok;
}

async function explainCommand(io: CliIo, file: string, flags: ExplainFlags): Promise<number> {
  const warn = (m: string) => {
    if (!flags.quiet) io.stderr.write(`warning: ${m}\n`);
  };
  if ((flags.row === undefined) === (flags.id === undefined)) {
    throw new UsageError("explain needs exactly one of --row N or --id ID");
  }
  const wanted = flags.row === undefined ? undefined : Number(flags.row);
  if (wanted !== undefined && (!Number.isInteger(wanted) || wanted < 1)) {
    throw new UsageError(`--row must be a row number (1 = the first data row), got '${flags.row}'`);
  }
  const prepared = await prepare(io, file, flags, warn);
  const { input, source } = await prepared.open();
  const out: string[] = [];
  let found = 0;
  let invalid = 0;
  let rows = 0;
  try {
    for await (const item of source.items) {
      // Rows waiting for their baseline row come after it: the largest row number is the count.
      rows = Math.max(rows, item.row);
      if (wanted !== undefined ? item.row !== wanted : item.id !== flags.id) continue;
      found += 1;
      const head = `== ${where(item)}${item.id === undefined ? "" : `, id ${item.id}`}${item.day === undefined ? "" : `, day ${item.day}`} ==`;
      out.push(head);
      if (item.notes?.length) out.push(`Read: ${item.notes.join("; ")}.`);
      if (item.role === "baseline" && item.issues.length === 0) {
        out.push(
          `Baseline row of patient '${item.id ?? ""}': its values are the baseline of the patient's other rows; not classified.`,
          "",
        );
      } else if (item.issues.length || (!item.assessment && !item.record)) {
        invalid += 1;
        out.push("Invalid row:", ...item.issues.map((i) => `  - ${formatIssue(i)}`), "");
      } else {
        for (const { criteria, options } of prepared.plan.selected) {
          if (item.assessment) {
            out.push(
              ...renderExplanation(classifyValidated(criteria, item.assessment, options)),
              "",
            );
            continue;
          }
          if (!item.record) continue;
          const timepoints = prepared.plan.timepoints ?? criteria.schedule?.timepoints ?? [];
          const t = timelineOfValidated(criteria, item.record, {
            ...options,
            timepoints,
            details: true,
          });
          if (timepoints.length === 0) {
            out.push(`${criteria.id} has no protocol time points: give --timepoints.`, "");
          }
          for (const tp of t.timepoints) {
            if (tp.result) {
              out.push(
                `-- ${tp.label} (target day ${tp.targetDay}; visit on day ${tp.visitDay}${tp.carriedForward ? ", carried forward" : ""}) --`,
                ...renderExplanation(tp.result),
                "",
              );
            } else {
              out.push(
                `-- ${tp.label} (target day ${tp.targetDay}) under ${criteria.citation.short} [${criteria.id}@${criteria.version}] --`,
                `Category: ${tp.category}: ${tp.reason ?? "no assessment"}.`,
                "",
              );
            }
          }
        }
      }
      if (wanted !== undefined) break;
    }
  } finally {
    input.close();
  }
  if (found === 0) {
    throw new UsageError(
      wanted !== undefined
        ? `row ${wanted} not found: the input has ${rows} data row(s)`
        : `no row with id '${flags.id}'${source.format === "csv" && !source.mapping?.hasId ? " (the CSV has no id column: map one with --id-column)" : ""}`,
    );
  }
  await write(io.stdout, `${out.join("\n").trimEnd()}\n`);
  return invalid > 0 ? EXIT.invalidRows : EXIT.ok;
}

async function listCommand(io: CliIo, format: "text" | "csv" | "json"): Promise<number> {
  const rows = registryRows();
  if (format === "json") {
    await write(io.stdout, `${JSON.stringify(rows, null, 2)}\n`);
    return EXIT.ok;
  }
  const cols = [
    "kind",
    "key",
    "id",
    "version",
    "evidence",
    "citation",
    "doi",
    "title",
    "parameters",
  ] as const;
  if (format === "csv") {
    await write(
      io.stdout,
      `${cols.join(",")}\n${rows.map((r) => cols.map((c) => csvField(r[c])).join(",")).join("\n")}\n`,
    );
    return EXIT.ok;
  }
  const table = textTable(
    ["kind", "id", "version", "evidence", "citation", "DOI"],
    rows.map((r) => [r.kind, r.id, r.version, r.evidence, r.citation, r.doi]),
  );
  const params = rows
    .filter((r) => r.kind === "response" && r.parameters)
    .map((r) => `  ${r.id}: ${r.parameters}`);
  await write(
    io.stdout,
    `${table}\nInterpretation parameters of the response criteria (default reading first):\n${params.join("\n")}\n\nclassify takes the response criteria ids: --criteria ${rows
      .filter((r) => r.kind === "response")
      .map((r) => r.id)
      .join(",")}\n`,
  );
  return EXIT.ok;
}

const FIELD_HELP = `
CSV fields (for --config "columns", --map and header names):
  id, day (or date with baselineDate or a baseline row), patient.sex,
  patient.ageYears, and baseline.<lab> / current.<lab>:
    quantities (need a unit): ${Object.keys(QUANTITIES).join(", ")}
    numbers: ${NUMBERS.join(", ")}
    yes/no: ${BOOLEANS.join(", ")}

Exit codes: 0 every row classified (also when the reader of stdout left early,
e.g. '| head'); 1 some rows invalid (their errors are in the output and on
stderr); 2 usage, mapping or input error (also --output naming the input file);
3 the output could not be written (full disk, missing directory, a directory,
no permission): --output keeps its previous content; 130 / 143 interrupted by
SIGINT / SIGTERM (the temporary output file is removed).
Limits: a CSV record at most 1 MiB, an NDJSON line at most 16 MiB, a JSON file
at most 64 MiB, a patient record at most 10,000 visits.
See docs/guides/cli.md for the config file and the output columns.`;

/**
 * Run one CLI invocation.
 *
 * @param argv - the arguments after the program name (`process.argv.slice(2)`).
 * @param io - where to read and write.
 * @returns the exit code: 0 ok, 1 some rows invalid, 2 usage / input error,
 *   3 output failed (see {@link EXIT}).
 */
export async function run(argv: readonly string[], rawIo: CliIo): Promise<number> {
  const io: CliIo = { ...rawIo, stdout: guardStream(rawIo.stdout, "standard output") };
  let code: number = EXIT.ok;
  /** Help and version text written by commander, awaited before the exit code is returned. */
  const helpWrites: Promise<void>[] = [];
  const program = new Command()
    .name("lupus-renal-criteria")
    .description(
      "Classify lupus-nephritis renal response (CR / PR / NR) under published criteria, with reasons, missing inputs and robustness.",
    )
    .version(pkg.version, "-V, --version")
    .exitOverride()
    .configureOutput({
      writeOut: (s) => {
        helpWrites.push(write(io.stdout, s));
      },
      writeErr: (s) => {
        io.stderr.write(s);
      },
    })
    .showHelpAfterError("(run with --help for usage)")
    .addHelpText("after", FIELD_HELP);

  addInputOptions(
    program
      .command("classify")
      .description(
        "classify every row of a CSV (one row per patient visit), or of NDJSON/JSON patient records or assessments",
      )
      .argument("<file>", "input file ('-' for standard input, with --format)"),
  )
    .addOption(
      new Option("--analysis <rule>", "summary denominator rule")
        .choices(["itt", "evaluable", "per-protocol"])
        .default("itt"),
    )
    .addOption(
      new Option("--out <format>", "output format")
        .choices(["csv", "json", "ndjson"])
        .default("csv"),
    )
    .option(
      "--output <file>",
      "write rows to a file instead of stdout (written to a temporary file, renamed into place only when complete)",
    )
    .option(
      "--no-csv-guard",
      "write CSV cells that begin with = + - @ tab or CR as they are (default: prefixed with ' so spreadsheets do not run them as formulas)",
    )
    .option(
      "--summary",
      "print the cohort table (counts, rates, exact 95% CIs): to stderr when rows go to stdout, else to stdout",
    )
    .option("--summary-only", "print only the cohort table, to stdout")
    .option(
      "--analysis-dataset <file>",
      "write the analysis dataset (one row per patient × time point × parameter × definition, ADaM ADRS-like): Dataset-JSON v1.1 when the file ends in .json, else CSV",
    )
    .addOption(
      new Option(
        "--summary-format <format>",
        "the summary as the aligned table (text) or as long-form data: one row per definition × time point × measure (csv, json)",
      )
        .choices(["text", "csv", "json"])
        .default("text"),
    )
    .action(async (file: string, flags: ClassifyFlags) => {
      code = await classifyCommand(io, file, flags);
    });

  addInputOptions(
    program
      .command("report")
      .description(
        "write an HTML report of a cohort (rates over time, a swimmer plot, reclassification, time to first response, tables)",
      )
      .argument("<file>", "patient records (JSON / NDJSON) or a CSV with id and day columns"),
  )
    .addOption(
      new Option("--analysis <rule>", "denominator rule")
        .choices(["itt", "evaluable", "per-protocol"])
        .default("itt"),
    )
    .option("--html <file>", "the report file (self-contained HTML, no script)")
    .option("--title <text>", "the report's title")
    .action(async (file: string, flags: ReportFlags) => {
      code = await reportCommand(io, file, flags);
    });

  addInputOptions(
    program
      .command("explain")
      .description("print the sentence-by-sentence explanation for one row or one patient")
      .argument("<file>", "input file"),
  )
    .option("--row <n>", "the row number (as in classify's 'row' column; 1 = first data row)")
    .option("--id <id>", "every row of this patient id")
    .action(async (file: string, flags: ExplainFlags) => {
      code = await explainCommand(io, file, flags);
    });

  program
    .command("list")
    .description("list the shipped criteria: id, version, evidence, citation, DOI")
    .addOption(
      new Option("--out <format>", "output format")
        .choices(["text", "csv", "json"])
        .default("text"),
    )
    .action(async (flags: { out: "text" | "csv" | "json" }) => {
      code = await listCommand(io, flags.out);
    });

  if (argv.length === 0) {
    io.stderr.write(program.helpInformation());
    return EXIT.usage;
  }
  try {
    await program.parseAsync([...argv], { from: "user" });
    await Promise.all(helpWrites);
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      const written = await Promise.all(helpWrites).then(
        () => undefined,
        (w: unknown) => w,
      );
      if (written instanceof OutputError && !written.quiet) {
        io.stderr.write(`error: ${written.message}\n`);
        return EXIT.output;
      }
      return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (e instanceof UsageError) {
      io.stderr.write(`error: ${e.message}\n`);
      return EXIT.usage;
    }
    if (e instanceof OutputError) {
      // The reader of a pipe left (`| head`): what it wanted was written; stop quietly.
      if (e.quiet) return EXIT.ok;
      io.stderr.write(`error: ${e.message}\n`);
      return EXIT.output;
    }
    io.stderr.write(`error: ${(e as Error).stack ?? String(e)}\n`);
    return EXIT.usage;
  }
}
