/**
 * Cohort summaries as data: one long-form row per definition × time point ×
 * measure (CR, PR, OR, each end point, treatment failure), written as CSV or
 * JSON. A time point nobody was assessed at has no rate and no interval, and
 * says why.
 *
 * @module
 */
import type { CohortSummary, Rate, TimepointSummary } from "../analysis/cohort.js";
import { csvField } from "./csv-text.js";

/**
 * One row of a cohort summary in long form.
 *
 * @example
 * ```ts
 * import type { SummaryRow } from 'lupus-renal-criteria/io';
 * const row: SummaryRow = {
 *   criteria: 'kang2020', version: '1.1.1', analysis: 'itt', outcome: 'at-timepoint',
 *   estimand: 'rescue-therapy=composite; death=composite', timepoint: 'week 24', day: 168, measure: 'OR',
 *   count: 3, denominator: 4, assessed: 4, rate: 0.75, ciLower: 0.194, ciUpper: 0.994,
 *   level: 0.95, notAssessed: null,
 * };
 * ```
 * @category Data in and out
 */
export interface SummaryRow {
  /** The definition's id. */
  readonly criteria: string;
  readonly version: string;
  /** The denominator rule: `itt`, `evaluable` or `per-protocol`. */
  readonly analysis: string;
  /** What a time point's category stands for (`at-timepoint`, `best-by-timepoint`). */
  readonly outcome: string;
  /**
   * The intercurrent-event strategies (`kind=strategy; …`; every one
   * `treatment-policy` when no estimand was applied: observed values).
   */
  readonly estimand: string;
  /** The time point's label (`as given` for assessments classified without time points). */
  readonly timepoint: string;
  /** The time point's target day (`null` for assessments classified as given). */
  readonly day: number | null;
  /**
   * `CR`, `PR`, `OR` (CR or PR), an end point as `endpoint:<name>` (e.g.
   * `endpoint:UP25`) or `treatmentFailure`.
   */
  readonly measure: string;
  readonly count: number;
  readonly denominator: number;
  /** Records with an assessment at the time point (CR, PR, NR or indeterminate). */
  readonly assessed: number;
  /** `count / denominator`; `null` when not assessed or the denominator is 0. */
  readonly rate: number | null;
  /** Clopper–Pearson interval at `level`; `null` with the rate. */
  readonly ciLower: number | null;
  readonly ciUpper: number | null;
  readonly level: number;
  /** Why the time point has no rates (nobody assessed), else `null`. */
  readonly notAssessed: string | null;
}

/**
 * The columns of {@link summaryCsv}, in order (the keys of {@link SummaryRow}).
 *
 * @category Data in and out
 */
export const SUMMARY_COLUMNS: readonly (keyof SummaryRow)[] = Object.freeze([
  "criteria",
  "version",
  "analysis",
  "outcome",
  "estimand",
  "timepoint",
  "day",
  "measure",
  "count",
  "denominator",
  "assessed",
  "rate",
  "ciLower",
  "ciUpper",
  "level",
  "notAssessed",
]);

function estimandText(s: CohortSummary): string {
  return Object.entries(s.estimand.strategies)
    .map(([k, v]) => `${k}=${v}`)
    .join("; ");
}

/**
 * A cohort summary in long form: per time point, one row each for CR, PR, OR,
 * every end point (except `OR`, already a row) and treatment failure.
 *
 * @param summary - the result of `summarizeCohort`.
 * @returns the rows, time points in order.
 * @example
 * ```ts
 * import { criteria } from 'lupus-renal-criteria';
 * import { summarizeCohort } from 'lupus-renal-criteria/analysis';
 * import { summaryRows } from 'lupus-renal-criteria/io';
 * const s = summarizeCohort(criteria.kang2020, [], {
 *   timepoints: [{ label: 'week 24', day: 168, windowDays: 28 }],
 * });
 * summaryRows(s).map((r) => r.measure);
 * // ['CR', 'PR', 'OR', 'endpoint:renalResponse', 'treatmentFailure']
 * ```
 * @category Data in and out
 */
export function summaryRows(summary: CohortSummary): SummaryRow[] {
  const estimand = estimandText(summary);
  const out: SummaryRow[] = [];
  const row = (tp: TimepointSummary, measure: string, r: Rate): SummaryRow => ({
    criteria: summary.criteria.id,
    version: summary.criteria.version,
    analysis: summary.analysis,
    outcome: summary.outcome,
    estimand,
    timepoint: tp.label,
    day: tp.targetDay,
    measure,
    count: r.count,
    denominator: r.denominator,
    assessed: tp.assessed,
    rate: r.rate,
    ciLower: r.ci?.[0] ?? null,
    ciUpper: r.ci?.[1] ?? null,
    level: summary.level,
    notAssessed: tp.notAssessed ?? null,
  });
  for (const tp of summary.timepoints) {
    out.push(row(tp, "CR", tp.rates.CR), row(tp, "PR", tp.rates.PR), row(tp, "OR", tp.rates.OR));
    for (const [name, r] of Object.entries(tp.endpoints)) {
      if (name !== "OR") out.push(row(tp, `endpoint:${name}`, r));
    }
    // Treatment failure has its own denominator (records not withdrawn), known without a
    // response assessment (rescue therapy): it keeps its rate at a time point not assessed.
    out.push({ ...row(tp, "treatmentFailure", tp.treatmentFailure), notAssessed: null });
  }
  return out;
}

/**
 * Cohort summaries as one CSV table (header {@link SUMMARY_COLUMNS}, one row per
 * definition × time point × measure; empty cells for `null`). Text cells that a
 * spreadsheet would read as a formula are neutralised (OWASP) unless `guard` is false.
 *
 * @param summaries - one or more results of `summarizeCohort`.
 * @param options - `guard` (default true).
 * @returns the CSV text, ending with a line break.
 * @example
 * ```ts
 * import { criteria } from 'lupus-renal-criteria';
 * import { summarizeCohort } from 'lupus-renal-criteria/analysis';
 * import { summaryCsv } from 'lupus-renal-criteria/io';
 * const csv = summaryCsv([summarizeCohort(criteria.zhang2023, [])]);
 * csv.split('\n')[0]; // 'criteria,version,analysis,outcome,estimand,timepoint,day,measure,count,...'
 * ```
 * @category Data in and out
 */
export function summaryCsv(
  summaries: readonly CohortSummary[],
  options: { readonly guard?: boolean } = {},
): string {
  return summaryRowsCsv(summaries.flatMap(summaryRows), options.guard ?? true);
}

/**
 * Long-form rows as CSV text (header {@link SUMMARY_COLUMNS}; empty cells for `null`).
 *
 * @param rows - the rows.
 * @param guard - neutralise formula-like text cells.
 * @returns the CSV text, ending with a line break.
 * @internal Not part of the public API (used by {@link summaryCsv} and the CLI).
 */
export function summaryRowsCsv(rows: readonly SummaryRow[], guard: boolean): string {
  const lines = [SUMMARY_COLUMNS.join(",")];
  for (const r of rows) {
    lines.push(
      SUMMARY_COLUMNS.map((k) => {
        const v = r[k];
        return v === null ? "" : csvField(v, guard);
      }).join(","),
    );
  }
  return `${lines.join("\n")}\n`;
}

/**
 * A cohort summary as plain JSON-ready data: the header (definition, analysis,
 * outcome, estimand, level, record counts), the invalid records with their
 * messages, and the long-form rows. Patient timelines are left out (they are in
 * the summary object itself).
 *
 * @param summary - the result of `summarizeCohort`.
 * @returns an object that `JSON.stringify` writes without loss.
 * @example
 * ```ts
 * import { criteria } from 'lupus-renal-criteria';
 * import { summarizeCohort } from 'lupus-renal-criteria/analysis';
 * import { summaryJson } from 'lupus-renal-criteria/io';
 * const j = summaryJson(summarizeCohort(criteria.kang2020, [{ id: 7 }]));
 * j.records; // 1
 * j.invalid[0]?.issues[0]?.path; // 'id' (an id is a string)
 * ```
 * @category Data in and out
 */
export function summaryJson(summary: CohortSummary): {
  readonly criteria: { readonly id: string; readonly version: string };
  readonly analysis: string;
  readonly outcome: string;
  readonly estimand: CohortSummary["estimand"];
  readonly level: number;
  readonly records: number;
  readonly invalid: readonly {
    readonly index: number;
    readonly id: string | null;
    readonly issues: readonly { readonly path: string; readonly message: string }[];
  }[];
  readonly rows: readonly SummaryRow[];
} {
  return {
    criteria: summary.criteria,
    analysis: summary.analysis,
    outcome: summary.outcome,
    estimand: summary.estimand,
    level: summary.level,
    records: summary.records,
    invalid: summary.invalid.map((x) => ({
      index: x.index,
      id: x.id ?? null,
      issues: x.error.issues.map((i) => ({ path: i.path, message: i.message })),
    })),
    rows: summaryRows(summary),
  };
}
