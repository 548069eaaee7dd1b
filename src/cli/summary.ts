/**
 * `--summary`: the cohort table (counts, rates and exact 95% CIs) per criteria.
 *
 * - Patient records (JSON / NDJSON): `summarizeCohort` over every record row,
 *   valid or not, at the protocol time points (or `--timepoints`).
 * - CSV with a day column: the valid rows are grouped by id into patient records
 *   (baseline and patient from the patient's first row, one visit per row), then
 *   `summarizeCohort` as above.
 * - Assessments (no days): each row is one assessment; counts and rates over rows.
 *
 * Streaming (`stream`, when nothing but the summary needs the patient records): each
 * record is folded into every definition's counts as soon as it is complete and
 * dropped, so memory does not grow with the number of records. A CSV patient is
 * complete when {@link STREAM_WINDOW} other patients have started after it; rows of
 * a patient that come later than that are not merged: the CLI then reads the file
 * again into the buffered summary ({@link SummaryCollector.latePatients}), and for
 * standard input, which cannot be read twice, the summary says so.
 *
 * @module
 */
import {
  type Analysis,
  type CohortSummary,
  cohortAccumulator,
  type Rate,
  rateOf,
  readRecord,
  summarizeCohort,
} from "../analysis/cohort.js";
import { optionError } from "../api/options.js";
import { type SummaryRow, summaryCsv, summaryJson, summaryRowsCsv } from "../io/summary-export.js";
import type { ResponseCriteria } from "../ir/types.js";
import { MAX_VISITS_PER_RECORD, type PatientRecord } from "../model/record.js";
import type { Classified, Plan } from "./classify.js";
import type { WorkItem } from "./input.js";
import { textTable } from "./output.js";

/** How `--summary` is written: the aligned table, or long-form CSV / JSON. */
export type SummaryFormat = "text" | "csv" | "json";

interface PatientRows {
  readonly id: string;
  readonly rows: number[];
  readonly patient: unknown;
  readonly baseline: unknown;
  readonly visits: { day: number; labs: unknown }[];
  differs: boolean;
  /** Rows past MAX_VISITS_PER_RECORD + 1, counted but not kept. */
  extraRows: number;
}

/** Tally of one criteria for assessment rows. */
interface Tally {
  CR: number;
  PR: number;
  NR: number;
  indeterminate: number;
  invalid: number;
  endpoints: Map<string, number>;
}

/**
 * Streaming: a CSV patient is folded into the summary once this many other patients
 * have started after it (its rows are then taken as complete).
 */
export const STREAM_WINDOW = 1_000;

/** Options of {@link SummaryCollector}. */
export interface CollectorOptions {
  /** Fold each record into the counts as soon as it is complete (the analysis is then fixed). */
  readonly stream?: { readonly analysis: Analysis; readonly window?: number } | undefined;
}

type Accumulator = ReturnType<typeof cohortAccumulator>;

/** Collects what the summary needs while the rows stream past. */
export class SummaryCollector {
  private readonly records: unknown[] = [];
  private readonly recordRows: number[][] = [];
  private readonly patients = new Map<string, PatientRows>();
  private readonly tallies = new Map<ResponseCriteria, Tally>();
  private rows = 0;
  private invalidRows = 0;
  private unreadable = 0;
  private noDay = 0;
  /** Baseline rows (`baseline.row`): they give their patients' baselines and are not visits. */
  private baselineRows = 0;
  /** Patient ids seen on rows that were not kept (invalid or without a day), with those rows. */
  private readonly unkept = new Map<string, number[]>();
  private mode: "records" | "visits" | "assessments" | undefined;
  // Streaming state: one accumulator per definition, the records folded so far, the rows
  // of the invalid ones (for their messages), the patients already folded, and the notes'
  // ingredients that the buffered path computes from the kept patients.
  private readonly stream: CollectorOptions["stream"];
  private accumulators: Accumulator[] | undefined;
  private folded = 0;
  private readonly invalidRowsOf = new Map<number, number[]>();
  private readonly done = new Set<string>();
  private readonly late = new Map<string, number[]>();
  private readonly differIds: string[] = [];
  private differCount = 0;
  private readonly overIds: string[] = [];
  private overCount = 0;
  private streamed: { criteria: ResponseCriteria; s: CohortSummary }[] | undefined;

  constructor(
    private readonly plan: Plan,
    options: CollectorOptions = {},
  ) {
    this.stream = options.stream;
  }

  /**
   * Streaming: how many patients had rows after they had been folded (their rows are
   * not together in the file); the streamed summary leaves those rows out.
   */
  latePatients(): number {
    return this.late.size;
  }

  /** Streaming: fold one record (as given) into every definition's counts. */
  private fold(record: unknown, rows: number[]): void {
    this.accumulators ??= this.plan.selected.map(({ criteria, options }) =>
      cohortAccumulator(criteria, {
        ...options,
        analysis: this.stream?.analysis ?? "itt",
        ...(this.plan.timepoints ? { timepoints: this.plan.timepoints } : {}),
      }),
    );
    const index = this.folded++;
    const outcome = readRecord(record, index);
    if (!outcome.success) this.invalidRowsOf.set(index, rows);
    for (const acc of this.accumulators) acc.add(outcome, index);
  }

  /** Streaming: fold the oldest patient (or every patient) and forget it. */
  private foldPatients(all: boolean): void {
    const window = this.stream?.window ?? STREAM_WINDOW;
    for (const p of this.patients.values()) {
      if (!all && this.patients.size <= window) break;
      if (p.differs) {
        this.differCount += 1;
        if (this.differIds.length < 5) this.differIds.push(p.id);
      }
      if (p.visits.length > MAX_VISITS_PER_RECORD) {
        this.overCount += 1;
        if (this.overIds.length < 5)
          this.overIds.push(`${p.id} (${p.visits.length + p.extraRows} rows)`);
      }
      this.fold(recordOf(p), p.rows);
      this.patients.delete(p.id);
      this.done.add(p.id);
    }
  }

  add(item: WorkItem, classified: readonly Classified[], hasDay: boolean): void {
    this.rows += 1;
    if (item.issues.length) this.invalidRows += 1;
    if (item.kind === "records") {
      this.mode = "records";
      if (item.raw === undefined) this.unreadable += 1;
      else if (this.stream) this.fold(item.raw, [item.row]);
      else {
        this.records.push(item.raw);
        this.recordRows.push([item.row]);
      }
      return;
    }
    // Streaming: a row of a patient already folded (its rows are not together in the file).
    if (this.stream && hasDay && item.id !== undefined && this.done.has(item.id)) {
      this.mode = "visits";
      const rows = this.late.get(item.id) ?? [];
      rows.push(item.row);
      this.late.set(item.id, rows);
      return;
    }
    if (hasDay) {
      this.mode = "visits";
      const a = item.assessment;
      if (item.role === "baseline" && a && item.id !== undefined) {
        // The patient is in the cohort from its baseline row on, with no visit yet.
        this.baselineRows += 1;
        if (!this.patients.has(item.id)) {
          this.patients.set(item.id, {
            id: item.id,
            rows: [],
            patient: a.patient,
            baseline: a.baseline,
            visits: [],
            differs: false,
            extraRows: 0,
          });
          if (this.stream) this.foldPatients(false);
        }
        return;
      }
      if (!a || item.day === undefined) {
        if (a) this.noDay += 1;
        if (item.id !== undefined) {
          const rows = this.unkept.get(item.id) ?? [];
          rows.push(item.row);
          this.unkept.set(item.id, rows);
        }
        return;
      }
      const id = item.id ?? `row ${item.row}`;
      let p = this.patients.get(id);
      if (!p) {
        p = {
          id,
          rows: [],
          patient: a.patient,
          baseline: a.baseline,
          visits: [],
          differs: false,
          extraRows: 0,
        };
        this.patients.set(id, p);
        if (this.stream) this.foldPatients(false);
      } else if (
        JSON.stringify(a.baseline) !== JSON.stringify(p.baseline) ||
        JSON.stringify(a.patient) !== JSON.stringify(p.patient)
      ) {
        p.differs = true;
      }
      // Memory stays bounded: past the limit a patient's visits are not kept (the record is
      // invalid: the library's schema allows MAX_VISITS_PER_RECORD visits), only counted.
      if (p.visits.length <= MAX_VISITS_PER_RECORD) {
        p.rows.push(item.row);
        p.visits.push({ day: item.day, labs: a.current ?? {} });
      } else p.extraRows += 1;
      return;
    }
    this.mode = "assessments";
    for (const c of classified) {
      let t = this.tallies.get(c.criteria);
      if (!t) {
        t = { CR: 0, PR: 0, NR: 0, indeterminate: 0, invalid: 0, endpoints: new Map() };
        this.tallies.set(c.criteria, t);
      }
      const cat = c.out.category;
      if (cat === "invalid") t.invalid += 1;
      else if (cat !== "missing" && cat !== "baseline") t[cat] += 1;
      for (const [name, truth] of Object.entries(c.endpoints ?? {})) {
        t.endpoints.set(name, (t.endpoints.get(name) ?? 0) + (truth === "met" ? 1 : 0));
      }
    }
  }

  /** The summary as text, one block per criteria. */
  /**
   * The summary as text (the aligned table), or as data: `csv` and `json` give the
   * long form of `lupus-renal-criteria/io`'s `summaryCsv` / `summaryJson` (for
   * assessments without days, one row per definition × measure at time point `as given`).
   */
  render(analysis: Analysis, format: SummaryFormat = "text", csvGuard = true): string {
    const blocks: string[] = [];
    if (this.mode === undefined) {
      if (format === "csv") return summaryRowsCsv([], csvGuard);
      if (format === "json") return "[]\n";
      return "Summary: no rows.\n";
    }
    if (this.mode === "assessments") {
      if (format !== "text") {
        const rows = this.plan.selected.flatMap(({ criteria }) =>
          this.tallyRows(criteria, analysis),
        );
        return format === "csv"
          ? summaryRowsCsv(rows, csvGuard)
          : `${JSON.stringify(
              this.plan.selected.map(({ criteria }) => ({
                criteria: { id: criteria.id, version: criteria.version },
                analysis,
                rows: rows.filter((r) => r.criteria === criteria.id),
              })),
              null,
              2,
            )}\n`;
      }
      for (const { criteria } of this.plan.selected) {
        blocks.push(this.renderTally(criteria, analysis));
      }
      return blocks.join("\n");
    }
    const cohort = this.cohort();
    const { rowsOf, notes } = cohort;
    const summaries = this.summaries(analysis, cohort);
    if (format === "csv")
      return summaryCsv(
        summaries.map((x) => x.s),
        { guard: csvGuard },
      );
    if (format === "json") {
      return `${JSON.stringify(
        summaries.map((x) => summaryJson(x.s)),
        null,
        2,
      )}\n`;
    }
    for (const { criteria, s } of summaries) {
      blocks.push(
        renderCohort(criteria, s, rowsOf, notes, this.mode === "visits" ? this.rows : undefined),
      );
    }
    return blocks.join("\n");
  }

  /**
   * The cohort summary of each selected definition (patient records, or CSV rows with a
   * day grouped into records); empty for assessments without days.
   */
  summaries(
    analysis: Analysis,
    cohort: { records: unknown[] } = this.cohort(),
  ): { criteria: ResponseCriteria; s: CohortSummary }[] {
    if (this.mode !== "records" && this.mode !== "visits") return [];
    if (this.stream) {
      if (analysis !== this.stream.analysis) {
        throw new Error(
          `internal: the streamed summary is for ${this.stream.analysis}, not ${analysis}`,
        );
      }
      if (!this.streamed) {
        this.foldPatients(true);
        const lost = this.lostPatients();
        const accs = this.accumulators ?? [];
        this.streamed = this.plan.selected.map(({ criteria, options }, i) => ({
          criteria,
          s: withLostPatients(
            accs[i]?.finish() ??
              summarizeCohort(criteria, [], {
                ...options,
                analysis,
                ...(this.plan.timepoints ? { timepoints: this.plan.timepoints } : {}),
              }),
            lost,
          ),
        }));
      }
      return this.streamed;
    }
    const { records } = cohort;
    const lost = this.lostPatients();
    return this.plan.selected.map(({ criteria, options }) => ({
      criteria,
      s: withLostPatients(
        summarizeCohort(criteria, records, {
          ...options,
          analysis,
          ...(this.plan.timepoints ? { timepoints: this.plan.timepoints } : {}),
        }),
        lost,
      ),
    }));
  }

  /** The tally of assessment rows as long-form summary rows (time point `as given`). */
  private tallyRows(criteria: ResponseCriteria, analysis: Analysis): SummaryRow[] {
    const { t: c, n, rate } = this.tallyOf(criteria, analysis);
    const row = (measure: string, k: number): SummaryRow => {
      const r = rate(k);
      return {
        criteria: criteria.id,
        version: criteria.version,
        analysis,
        outcome: "as-given",
        estimand: "",
        timepoint: "as given",
        day: null,
        measure,
        count: k,
        denominator: n,
        assessed: c.CR + c.PR + c.NR + c.indeterminate,
        rate: r.rate,
        ciLower: r.ci?.[0] ?? null,
        ciUpper: r.ci?.[1] ?? null,
        level: 0.95,
        notAssessed: null,
      };
    };
    return [
      row("CR", c.CR),
      row("PR", c.PR),
      row("OR", c.CR + c.PR),
      ...[...c.endpoints.entries()]
        .filter(([name]) => name !== "OR")
        .map(([name, k]) => row(`endpoint:${name}`, k)),
    ];
  }

  /**
   * Patients every row of which was invalid (or had no visit day): no record can be built
   * for them, but they are in the input, so they stay in the cohort as invalid records.
   */
  /**
   * The patient records read (JSON / NDJSON records, or CSV rows with a day grouped by id),
   * with the notes of the grouping and the patients whose every row was unusable.
   */
  patientRecords(): { records: unknown[]; notes: string[]; lost: string[] } | undefined {
    if (this.mode !== "records" && this.mode !== "visits") return undefined;
    const { records, notes } = this.cohort();
    return {
      records,
      notes,
      lost: this.lostPatients().map((p) => `${p.id} (rows ${p.rows.join(", ")})`),
    };
  }

  private lostPatients(): LostPatient[] {
    if (this.mode !== "visits") return [];
    return [...this.unkept.entries()]
      .filter(([id]) => !this.patients.has(id) && !this.done.has(id))
      .map(([id, rows]) => ({ id, rows }));
  }

  private cohort(): { records: unknown[]; rowsOf: (index: number) => number[]; notes: string[] } {
    if (this.stream) return this.streamCohort();
    if (this.mode === "records") {
      return {
        records: this.records,
        rowsOf: (i) => this.recordRows[i] ?? [],
        notes: this.notesOf([], 0, [], 0),
      };
    }
    const list = [...this.patients.values()];
    const over = list.filter((p) => p.visits.length > MAX_VISITS_PER_RECORD);
    const differ = list.filter((p) => p.differs).map((p) => p.id);
    const notes = this.notesOf(
      over.slice(0, 5).map((p) => `${p.id} (${p.visits.length + p.extraRows} rows)`),
      over.length,
      differ.slice(0, 5),
      differ.length,
    );
    const records: PatientRecord[] = list.map(recordOf);
    return { records, rowsOf: (i) => list[i]?.rows ?? [], notes };
  }

  /**
   * The notes under the summary: rows left out, baseline rows, and the first five patients
   * (of `overCount` / `differCount`) with too many visits or differing baseline columns.
   */
  private notesOf(
    over: readonly string[],
    overCount: number,
    differ: readonly string[],
    differCount: number,
  ): string[] {
    const notes: string[] = [];
    if (this.mode === "records") {
      if (this.unreadable) {
        notes.push(
          `${this.unreadable} row(s) could not be read as JSON objects and are not in the summary.`,
        );
      }
      return notes;
    }
    if (this.invalidRows) {
      notes.push(
        `${this.invalidRows} invalid row(s) were left out of their patients' records (see the row errors).`,
      );
    }
    if (this.noDay) {
      notes.push(`${this.noDay} row(s) without a visit day were left out of the summary.`);
    }
    if (this.baselineRows) {
      notes.push(
        `${this.baselineRows} baseline row(s) gave their patients' baselines (not visits).`,
      );
    }
    if (overCount) {
      notes.push(
        `${over.join(", ")}${overCount > 5 ? ` and ${overCount - 5} more` : ""}: more than ${MAX_VISITS_PER_RECORD} visits for one patient; such a record is invalid (the limit per record).`,
      );
    }
    if (differCount) {
      notes.push(
        `baseline or patient columns differ between rows of ${differ.join(", ")}${differCount > 5 ? ` and ${differCount - 5} more` : ""}; the summary uses each patient's first row.`,
      );
    }
    return notes;
  }

  /** Streaming: the notes of {@link cohort}, from what was counted while folding. */
  private streamCohort(): {
    records: unknown[];
    rowsOf: (index: number) => number[];
    notes: string[];
  } {
    this.foldPatients(true);
    const rowsOf = (i: number) => this.invalidRowsOf.get(i) ?? [];
    const notes = this.notesOf(this.overIds, this.overCount, this.differIds, this.differCount);
    if (this.mode === "records") return { records: [], rowsOf, notes };
    if (this.late.size) {
      const shown = [...this.late.entries()]
        .slice(0, 5)
        .map(
          ([id, rows]) =>
            `${id} (row${rows.length > 1 ? "s" : ""} ${rows.slice(0, 5).join(", ")}${rows.length > 5 ? ", …" : ""})`,
        );
      notes.push(
        `rows of ${this.late.size} patient(s) came after ${this.stream?.window ?? STREAM_WINDOW} other patients had started, when the patient had already been counted, and are not in the summary: ${shown.join(", ")}${this.late.size > 5 ? ", …" : ""}. Standard input cannot be read twice: give the file, sort it by patient id, or add --analysis-dataset (which keeps every patient in memory).`,
      );
    }
    return { records: [], rowsOf, notes };
  }

  /**
   * One definition's tally of assessment rows, its denominator under the analysis (every
   * row for ITT, CR + PR + NR otherwise) and its rates with exact 95% intervals.
   */
  private tallyOf(criteria: ResponseCriteria, analysis: Analysis) {
    const t: Tally = this.tallies.get(criteria) ?? {
      CR: 0,
      PR: 0,
      NR: 0,
      indeterminate: 0,
      invalid: 0,
      endpoints: new Map<string, number>(),
    };
    const all = t.CR + t.PR + t.NR + t.indeterminate + t.invalid;
    const n = analysis === "itt" ? all : t.CR + t.PR + t.NR;
    return { t, all, n, rate: (k: number): Rate => rateOf(k, n, 0.95) };
  }

  private renderTally(criteria: ResponseCriteria, analysis: Analysis): string {
    const { t, all, n, rate } = this.tallyOf(criteria, analysis);
    const endpoints = [...t.endpoints.entries()];
    const header = [
      "assessments",
      "CR",
      "PR",
      "NR",
      "indet.",
      "invalid",
      "denom.",
      "CR rate",
      "PR rate",
      "OR (CR or PR)",
      ...endpoints.filter(([name]) => name !== "OR").map(([name]) => name),
    ];
    const row = [
      "as given",
      String(t.CR),
      String(t.PR),
      String(t.NR),
      String(t.indeterminate),
      String(t.invalid),
      String(n),
      fmtRate(rate(t.CR)),
      fmtRate(rate(t.PR)),
      fmtRate(rate(t.CR + t.PR)),
      ...endpoints.filter(([name]) => name !== "OR").map(([, k]) => fmtRate(rate(k))),
    ];
    const lines = [
      `${title(criteria, analysis)}`,
      `${all} assessment row(s), each classified as given (no visit days, so no protocol time points).`,
      textTable(header, [row]).trimEnd(),
    ];
    if (analysis === "per-protocol") {
      lines.push(
        "Note: per-protocol needs visits and follow-up events; for assessments it is the evaluable analysis.",
      );
    }
    if (analysis !== "itt" && t.indeterminate + t.invalid > 0) {
      lines.push(
        `Excluded from the denominator: ${t.indeterminate} indeterminate, ${t.invalid} invalid.`,
      );
    }
    return `${lines.join("\n")}\n`;
  }
}

/** The patient record of a CSV patient's rows. */
function recordOf(p: PatientRows): PatientRecord {
  return {
    id: p.id,
    ...(p.patient === undefined ? {} : { patient: p.patient }),
    ...(p.baseline === undefined ? {} : { baseline: p.baseline }),
    visits: p.visits,
  } as PatientRecord;
}

/** A patient with rows in the input but none usable. */
interface LostPatient {
  readonly id: string;
  readonly rows: readonly number[];
}

/**
 * Adds the patients without a usable row to a cohort summary as invalid records: counted
 * as invalid at every time point, in the intention-to-treat denominator (as non-response),
 * and listed as excluded under the other analyses.
 */
function withLostPatients(s: CohortSummary, lost: readonly LostPatient[]): CohortSummary {
  if (lost.length === 0) return s;
  const k = lost.length;
  const itt = s.analysis === "itt";
  const reason = (p: LostPatient) =>
    `invalid record: no valid row (row${p.rows.length > 1 ? "s" : ""} ${p.rows.join(", ")} invalid or without a visit day)`;
  // A time point nobody was assessed at stays "not assessed" (no rate, no interval).
  const rerate = (r: Rate, n: number): Rate => rateOf(r.count, n, s.level, r.ci !== null);
  return {
    ...s,
    records: s.records + k,
    // Listed as invalid records too (after the input's records), so that nothing that reads
    // the summary (the analysis dataset) loses them.
    invalid: [
      ...s.invalid,
      ...lost.map((p, j) => ({
        index: s.records + j,
        id: p.id,
        error: optionError([{ path: [], message: reason(p) }], `record ${p.id}`),
      })),
    ],
    timepoints: s.timepoints.map((tp) => {
      const n = itt ? tp.denominator + k : tp.denominator;
      return {
        ...tp,
        counts: { ...tp.counts, invalid: tp.counts.invalid + k },
        denominator: n,
        excluded: [...tp.excluded, ...lost.map((p) => ({ id: p.id, reason: reason(p) }))],
        rates: {
          CR: rerate(tp.rates.CR, n),
          PR: rerate(tp.rates.PR, n),
          OR: rerate(tp.rates.OR, n),
        },
        endpoints: Object.fromEntries(
          Object.entries(tp.endpoints).map(([name, r]) => [name, rerate(r, n)]),
        ),
      };
    }),
  };
}

function title(criteria: ResponseCriteria, analysis: Analysis): string {
  return `Summary: ${criteria.citation.short} [${criteria.id}@${criteria.version}], ${analysis === "itt" ? "intention to treat" : analysis} analysis, exact (Clopper-Pearson) 95% CIs`;
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}`;
}

/** `5/12 41.7% (15.2-72.3)`; `not assessed` at a time point nobody was assessed at. */
export function fmtRate(r: Rate, notAssessed = false): string {
  if (notAssessed) return "not assessed";
  if (r.rate === null || r.ci === null) return `${r.count}/${r.denominator} -`;
  return `${r.count}/${r.denominator} ${pct(r.rate)}% (${pct(r.ci[0])}-${pct(r.ci[1])})`;
}

function renderCohort(
  criteria: ResponseCriteria,
  s: CohortSummary,
  rowsOf: (index: number) => number[],
  notes: readonly string[],
  fromRows: number | undefined,
): string {
  const lines = [title(criteria, s.analysis)];
  lines.push(
    `${s.records} patient record(s)${fromRows === undefined ? "" : ` from ${fromRows} row(s)`}; ${s.invalid.length} invalid record(s).`,
  );
  const endpointNames = Object.keys(s.timepoints[0]?.endpoints ?? {}).filter((n) => n !== "OR");
  const header = [
    "time point",
    "day",
    "CR",
    "PR",
    "NR",
    "indet.",
    "missing",
    "invalid",
    "denom.",
    "CR rate",
    "PR rate",
    "OR (CR or PR)",
    ...endpointNames,
  ];
  const rows = s.timepoints.map((tp) => [
    tp.label,
    String(tp.targetDay),
    String(tp.counts.CR),
    String(tp.counts.PR),
    String(tp.counts.NR),
    String(tp.counts.indeterminate),
    String(tp.counts.missing),
    String(tp.counts.invalid),
    String(tp.denominator),
    fmtRate(tp.rates.CR, tp.notAssessed !== undefined),
    fmtRate(tp.rates.PR, tp.notAssessed !== undefined),
    fmtRate(tp.rates.OR, tp.notAssessed !== undefined),
    ...endpointNames.map((n) => {
      const r = tp.endpoints[n];
      return r ? fmtRate(r, tp.notAssessed !== undefined) : "";
    }),
  ]);
  lines.push(textTable(header, rows).trimEnd());
  if (s.analysis === "itt") {
    lines.push(
      "Intention to treat: missing, indeterminate and invalid records count as non-response.",
    );
  }
  const none = s.timepoints.filter((tp) => tp.notAssessed !== undefined).map((tp) => tp.label);
  if (none.length > 0) {
    lines.push(
      `Not assessed (no record has an assessment there; no rate is given): ${none.join(", ")}.`,
    );
  }
  for (const tp of s.timepoints) {
    if (tp.excluded.length === 0) continue;
    const shown = tp.excluded.slice(0, 5).map((x) => `${x.id} (${x.reason})`);
    const more = tp.excluded.length > 5 ? `; and ${tp.excluded.length - 5} more` : "";
    lines.push(`Excluded at ${tp.label}: ${shown.join("; ")}${more}.`);
  }
  for (const x of s.invalid.slice(0, 10)) {
    const rows = rowsOf(x.index);
    const msgs = x.error.issues.map((i) => {
      const m = /^visits\[(\d+)\]/.exec(i.path);
      const at = m?.[1] !== undefined ? rows[Number(m[1])] : undefined;
      return `${at === undefined ? i.path : `row ${at}`}: ${i.message}`;
    });
    lines.push(
      `Invalid record ${x.id ?? `#${x.index + 1}`}${rows.length ? ` (row${rows.length > 1 ? "s" : ""} ${rows.join(", ")})` : ""}: ${msgs.join("; ")}.`,
    );
  }
  if (s.invalid.length > 10) lines.push(`… and ${s.invalid.length - 10} more invalid records.`);
  for (const n of notes) lines.push(`Note: ${n}`);
  return `${lines.join("\n")}\n`;
}
