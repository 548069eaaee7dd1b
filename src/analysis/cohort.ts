/**
 * Cohort summaries: categories per protocol time point under an analysis rule,
 * with exact 95% confidence intervals, every record accounted for.
 *
 * @module
 */

import { z } from "zod";
import {
  checkTimepointOptions,
  levelSchema,
  optionError,
  parseRecord,
  readableId,
  timepointOptionShape,
} from "../api/options.js";
import {
  type Outcome,
  type RecordTimeline,
  type TimepointAssessment,
  type TimepointOptions,
  timelineUnchecked,
} from "../api/timeline.js";
import type { InputError } from "../ir/errors.js";
import { fullInterpretation } from "../ir/readings.js";
import { criteriaOf } from "../ir/schema.js";
import type { ResponseCriteria, Timepoint } from "../ir/types.js";
import type { FollowUpEvent, PatientRecord } from "../model/record.js";
import {
  applyEstimand,
  defaultEstimand,
  ESTIMAND_STRATEGIES,
  type Estimand,
  INTERCURRENT_EVENT_KINDS,
  OBSERVED_ESTIMAND,
} from "./estimands.js";
import { clopperPearson } from "./stats.js";

/**
 * How records without a usable assessment count:
 * - `itt` (intention to treat): every record is in the denominator; missing,
 *   indeterminate and invalid records count as non-response;
 * - `evaluable`: only records with a CR / PR / NR at the time point; the others
 *   are excluded, each with its reason;
 * - `per-protocol`: evaluable records that were not withdrawn, needed no rescue
 *   therapy and had a visit in the window (no carry-forward) by the time point.
 *
 * @example
 * ```ts
 * import type { Analysis } from 'lupus-renal-criteria/analysis';
 * const a: Analysis = 'itt';
 * ```
 * @category Cohorts and statistics
 */
export type Analysis = "itt" | "evaluable" | "per-protocol";

/**
 * A proportion with its exact confidence interval.
 *
 * @example
 * ```ts
 * import type { Rate } from 'lupus-renal-criteria/analysis';
 * const r: Rate = { count: 12, denominator: 13, rate: 0.923, ci: [0.64, 0.998] };
 * const none: Rate = { count: 0, denominator: 8, rate: null, ci: null }; // not assessed
 * ```
 * @category Cohorts and statistics
 */
export interface Rate {
  readonly count: number;
  readonly denominator: number;
  /**
   * count / denominator; `null` when the denominator is 0 or when nobody was
   * assessed at the time point (see {@link TimepointSummary.notAssessed}).
   */
  readonly rate: number | null;
  /** Clopper–Pearson interval at the summary's level; `null` when `rate` is. */
  readonly ci: readonly [number, number] | null;
}

/**
 * One time point of a cohort summary. `counts` sums to the number of records.
 *
 * @example
 * ```ts
 * import type { TimepointSummary } from 'lupus-renal-criteria/analysis';
 * type C = TimepointSummary['counts']; // { CR, PR, NR, indeterminate, missing, invalid }
 * ```
 * @category Cohorts and statistics
 */
export interface TimepointSummary {
  readonly label: string;
  readonly targetDay: number;
  readonly counts: {
    readonly CR: number;
    readonly PR: number;
    readonly NR: number;
    readonly indeterminate: number;
    readonly missing: number;
    readonly invalid: number;
  };
  /** Records with an assessment at the time point (CR, PR, NR or indeterminate). */
  readonly assessed: number;
  /**
   * Set when no record has an assessment at the time point: why. The response
   * rates and end points then have no value (`rate` and `ci` are `null`) under
   * every analysis: an ITT rate of 0 would report every patient as a failure at a
   * time point nobody reached.
   */
  readonly notAssessed?: string;
  /** Records in the denominator under the analysis. */
  readonly denominator: number;
  /** Records left out of the denominator, with the reason. */
  readonly excluded: readonly { readonly id: string; readonly reason: string }[];
  readonly rates: { readonly CR: Rate; readonly PR: Rate; readonly OR: Rate };
  /** Each end point of the criteria (e.g. Zhang's `UP25`): met count over the denominator. */
  readonly endpoints: Readonly<Record<string, Rate>>;
  /**
   * Treatment failure (NR or rescue therapy) among records not withdrawn by the
   * time point; `unknown` counts the records whose status is not known.
   */
  readonly treatmentFailure: Rate & { readonly unknown: number };
}

/**
 * The result of {@link summarizeCohort}.
 *
 * @example
 * ```ts
 * import { criteria } from 'lupus-renal-criteria';
 * import { summarizeCohort } from 'lupus-renal-criteria/analysis';
 * const s = summarizeCohort(criteria.kang2020, []);
 * s.records; // 0
 * ```
 * @category Cohorts and statistics
 */
export interface CohortSummary {
  readonly criteria: { readonly id: string; readonly version: string };
  readonly analysis: Analysis;
  /**
   * How intercurrent events were handled (ICH E9(R1)): the strategy per event kind
   * and its source. Without the `estimand` option, no strategy is applied
   * ({@link OBSERVED_ESTIMAND}: observed values, missing ones handled by `analysis`).
   */
  readonly estimand: Estimand;
  /** What each time point's category stands for (see {@link Outcome}). */
  readonly outcome: Outcome;
  readonly level: number;
  /** Number of input records (valid or not). */
  readonly records: number;
  /**
   * Records that failed validation, or that could not even be read (a throwing
   * getter, a Proxy): index, id if readable, and the error.
   */
  readonly invalid: readonly {
    readonly index: number;
    readonly id?: string;
    readonly error: InputError;
  }[];
  readonly timepoints: readonly TimepointSummary[];
  /**
   * Each valid record's timeline, in input order (empty from
   * {@link summarizeCohortStream} unless `keepPatients`).
   */
  readonly patients: readonly RecordTimeline[];
  /**
   * Each valid record's time-point assessments under the estimand, in the order
   * of `patients` (present when the `estimand` option was given): what the counts
   * were taken from.
   */
  readonly underEstimand?: readonly (readonly TimepointAssessment[])[];
  /** The readings the definition was evaluated under (every parameter). */
  readonly interpretation: Readonly<Record<string, string>>;
}

const CohortOptionsSchema = z
  .object({
    ...timepointOptionShape,
    analysis: z.enum(["itt", "evaluable", "per-protocol"]).optional(),
    level: levelSchema.optional(),
    estimand: z
      .union([
        z.literal("default"),
        z
          .object({
            strategies: z
              .object(
                Object.fromEntries(
                  INTERCURRENT_EVENT_KINDS.map((k) => [k, z.enum(ESTIMAND_STRATEGIES)]),
                ),
              )
              .strict(),
            source: z.string(),
          })
          .strict(),
      ])
      .optional(),
  })
  .strict();

/**
 * A proportion with its exact interval; no rate and no interval when the
 * denominator is 0 or nobody was assessed.
 *
 * @param count - the numerator.
 * @param denominator - the denominator.
 * @param level - the interval's confidence level.
 * @param assessed - false at a time point nobody was assessed at.
 * @returns the rate.
 * @internal Not part of the public API (used by the cohort summaries and the CLI's tables).
 */
export function rateOf(count: number, denominator: number, level: number, assessed = true): Rate {
  return denominator === 0 || !assessed
    ? { count, denominator, rate: null, ci: null }
    : {
        count,
        denominator,
        rate: count / denominator,
        ci: clopperPearson(count, denominator, level),
      };
}

function exclusionReason(a: TimepointAssessment, analysis: Analysis): string | undefined {
  if (a.category === "missing") return a.reason ?? "no assessment";
  if (a.category === "indeterminate") {
    if (a.censored?.length) {
      const censored = `censored ${a.censored.join(", ")}`;
      return a.missing.length
        ? `indeterminate: missing ${a.missing.join(", ")}; ${censored}`
        : `indeterminate: ${censored}`;
    }
    return `indeterminate: missing ${a.missing.join(", ") || "inputs"}`;
  }
  if (analysis === "per-protocol") {
    if (a.withdrawn) return "withdrawn before the time point (per-protocol)";
    if (a.rescueTherapy) return "rescue therapy before the time point (per-protocol)";
    if (a.carriedForward) return "no visit in the window; carried forward (per-protocol)";
  }
  return undefined;
}

/**
 * Summarise a cohort under one criteria object: each record's category at each
 * protocol time point, counts that always sum to the number of records, rates of
 * CR, PR, overall response (CR or PR) and each end point with exact
 * (Clopper–Pearson) confidence intervals, treatment failure, and the reason for
 * every record left out of a denominator. Invalid records are reported, never
 * dropped.
 *
 * @param criteria - a response criteria object.
 * @param records - patient records (each validated here; a record that is
 *   invalid or cannot be read is listed in `invalid`, never dropped).
 * @param options - `timepoints` (default: the criteria's schedule; each with
 *   whole-number `day` and `windowDays` ≥ 0), `analysis` (`itt` by default,
 *   `evaluable` or `per-protocol`), `level` (strictly between 0 and 1, default
 *   0.95), `outcome` (`at-timepoint` by default, or `best-by-timepoint`), window
 *   and carry-forward options, readings, `estimand` (a strategy per intercurrent
 *   event kind, or `'default'` for the definition's own — see
 *   {@link defaultEstimand}; without it no strategy is applied and the summary
 *   records {@link OBSERVED_ESTIMAND}). All are validated.
 * @returns the summary.
 * @throws {@link InputError} for a malformed option, naming its path (e.g.
 *   `options.level`, `options.timepoints[1].windowDays`).
 * @example
 * ```ts
 * import { criteria } from 'lupus-renal-criteria';
 * import { summarizeCohort } from 'lupus-renal-criteria/analysis';
 * const s = summarizeCohort(criteria.kang2020, [{ id: 'p1' }, { id: 'p2' }], { analysis: 'evaluable' });
 * s.timepoints[0]?.excluded.length; // 2 (no visits)
 * ```
 * @category Cohorts and statistics
 */
export function summarizeCohort(
  criteria: ResponseCriteria,
  records: readonly unknown[],
  options: TimepointOptions & {
    readonly timepoints?: readonly Timepoint[];
    readonly analysis?: Analysis;
    readonly level?: number;
    readonly estimand?: Estimand | "default";
  } = {},
): CohortSummary {
  criteriaOf(criteria, "response");
  if (!Array.isArray(records)) {
    throw optionError([{ path: ["records"], message: "records must be an array" }], "arguments");
  }
  checkTimepointOptions(criteria, options, CohortOptionsSchema);
  return summarizeParsed(criteria, records.map(readRecord), options);
}

/**
 * {@link summarizeCohort} over a stream of records (an array, a generator, or an
 * async iterable such as an NDJSON reader), one record at a time: each record is
 * validated, classified at every time point, counted and dropped, so memory does
 * not grow with the number of records (beyond one short line for each record
 * left out of a denominator, and the invalid records' errors). The summary is the
 * one `summarizeCohort` gives for the same records, except that `patients` (and
 * `underEstimand`) are empty unless `keepPatients` is true.
 *
 * @param criteria - a response criteria object.
 * @param records - the patient records, in order (invalid ones are listed, never dropped).
 * @param options - as for {@link summarizeCohort}, and `keepPatients` (default
 *   false): keep each record's timeline in `patients`.
 * @returns the summary, when the stream ends.
 * @throws {@link InputError} for a malformed option; an error of the stream itself
 *   (a failed read) is passed on.
 * @example
 * ```ts
 * import { criteria } from 'lupus-renal-criteria';
 * import { summarizeCohortStream } from 'lupus-renal-criteria/analysis';
 * async function* records() {
 *   yield { id: 'p1' };
 *   yield { id: 7 };
 * }
 * summarizeCohortStream(criteria.kang2020, records()).then((s) => {
 *   console.log(s.records, s.invalid.length, s.patients.length); // 2 1 0 (timelines not kept)
 * });
 * ```
 * @category Cohorts and statistics
 */
export async function summarizeCohortStream(
  criteria: ResponseCriteria,
  records: Iterable<unknown> | AsyncIterable<unknown>,
  options: TimepointOptions & {
    readonly timepoints?: readonly Timepoint[];
    readonly analysis?: Analysis;
    readonly level?: number;
    readonly estimand?: Estimand | "default";
    readonly keepPatients?: boolean;
  } = {},
): Promise<CohortSummary> {
  criteriaOf(criteria, "response");
  const { keepPatients, ...rest } = options;
  if (keepPatients !== undefined && typeof keepPatients !== "boolean") {
    throw optionError([{ path: ["options", "keepPatients"], message: "expected a boolean" }]);
  }
  const iterable = records as { [Symbol.asyncIterator]?: unknown; [Symbol.iterator]?: unknown };
  if (
    records === null ||
    typeof records !== "object" ||
    (typeof iterable[Symbol.asyncIterator] !== "function" &&
      typeof iterable[Symbol.iterator] !== "function")
  ) {
    throw optionError(
      [{ path: ["records"], message: "records must be an iterable or async iterable" }],
      "arguments",
    );
  }
  checkTimepointOptions(criteria, rest, CohortOptionsSchema);
  const acc = new CohortAccumulator(criteria, rest, keepPatients === true);
  let index = 0;
  for await (const rec of records) acc.add(readRecord(rec, index), index++);
  return acc.finish();
}

/**
 * A record as read: validated, or its error (and its id when one can be read).
 *
 * @category Cohorts and statistics
 */
export type RecordOutcome =
  | { readonly success: true; readonly data: PatientRecord }
  | { readonly success: false; readonly error: InputError; readonly id?: string };

/**
 * Validate one record of a cohort (`record <index>` in the error).
 *
 * @param rec - the record as given.
 * @param index - its position in the cohort.
 * @returns the validated record or its error, with the id when it can be read.
 * @internal Not part of the public API (used by the cohort tools).
 */
export function readRecord(rec: unknown, index: number): RecordOutcome {
  const parsed = parseRecord(rec, `record ${index}`);
  if (parsed.success) return parsed;
  const id = readableId(rec);
  return { success: false, error: parsed.error, ...(id === undefined ? {} : { id }) };
}

/**
 * {@link summarizeCohort} over records already read by {@link readRecord}, with the
 * options already checked: the cohort tools that summarise the same records under
 * several definitions validate each record once.
 *
 * @param criteria - a validated response criteria object.
 * @param outcomes - each record, validated or with its error, in input order.
 * @param options - as for {@link summarizeCohort}, already checked.
 * @returns the summary.
 * @internal Not part of the public API (used by the cohort tools).
 */
export function summarizeParsed(
  criteria: ResponseCriteria,
  outcomes: readonly RecordOutcome[],
  options: SummaryOptions,
): CohortSummary {
  const acc = new CohortAccumulator(criteria, options, true);
  for (const [index, o] of outcomes.entries()) acc.add(o, index);
  return acc.finish();
}

/**
 * A cohort summary fed one record at a time (the streaming core of
 * {@link summarizeCohortStream}): the CLI feeds several definitions from one pass
 * over a file. The options are checked here; timelines are not kept (`patients`
 * stays empty).
 *
 * @param criteria - a response criteria object.
 * @param options - as for {@link summarizeCohort}.
 * @returns `add(outcome, index)` for each record read by {@link readRecord}, in order,
 *   and `finish()` for the summary.
 * @throws {@link InputError} for a malformed option.
 * @internal Not part of the public API (used by the CLI).
 */
export function cohortAccumulator(
  criteria: ResponseCriteria,
  options: SummaryOptions = {},
): { add(outcome: RecordOutcome, index: number): void; finish(): CohortSummary } {
  criteriaOf(criteria, "response");
  checkTimepointOptions(criteria, options, CohortOptionsSchema);
  const acc = new CohortAccumulator(criteria, options, false);
  return { add: (o, i) => acc.add(o, i), finish: () => acc.finish() };
}

/** The options of a cohort summary (checked by the caller). */
type SummaryOptions = TimepointOptions & {
  readonly timepoints?: readonly Timepoint[];
  readonly analysis?: Analysis;
  readonly level?: number;
  readonly estimand?: Estimand | "default";
};

/** What one time point accumulates while the records pass. */
interface TimepointTally {
  readonly counts: { CR: number; PR: number; NR: number; indeterminate: number; missing: number };
  readonly excluded: { id: string; reason: string }[];
  included: number;
  cr: number;
  pr: number;
  readonly endpoints: Record<string, number>;
  failures: number;
  failureDenominator: number;
  failureUnknown: number;
  hypothetical: number;
}

/**
 * A cohort summary built one record at a time: each record's timeline is folded
 * into per-time-point counts and dropped, unless `keep` (then `patients` and, under
 * an estimand, `underEstimand` hold them). Memory is then the counts plus one short
 * line per record left out of a denominator.
 */
class CohortAccumulator {
  private readonly analysis: Analysis;
  private readonly level: number;
  private readonly outcome: Outcome;
  private readonly timepoints: readonly Timepoint[];
  private readonly estimand: Estimand;
  private readonly applied: boolean;
  private readonly recordOptions: TimepointOptions & {
    details: false;
    timepoints: readonly Timepoint[];
    timepointsOnly: boolean;
  };
  private readonly endpointNames: readonly string[];
  private readonly tallies: TimepointTally[];
  private readonly invalid: { index: number; id?: string; error: InputError }[] = [];
  private readonly patients: RecordTimeline[] = [];
  private readonly underEstimand: TimepointAssessment[][] = [];
  private records = 0;

  constructor(
    private readonly criteria: ResponseCriteria,
    private readonly options: SummaryOptions,
    private readonly keep: boolean,
  ) {
    this.analysis = options.analysis ?? "itt";
    this.level = options.level ?? 0.95;
    this.outcome = options.outcome ?? "at-timepoint";
    this.timepoints = options.timepoints ?? criteria.schedule?.timepoints ?? [];
    this.estimand =
      options.estimand === "default"
        ? defaultEstimand(criteria.id)
        : (options.estimand ?? OBSERVED_ESTIMAND);
    this.applied = options.estimand !== undefined;
    this.recordOptions = {
      ...options,
      details: false,
      timepoints: this.timepoints,
      // Nothing but the time points is read when no timeline is kept and no estimand applied.
      timepointsOnly: !keep && !this.applied,
    };
    this.endpointNames = criteria.endpoints.map((e) => e.name);
    this.tallies = this.timepoints.map(() => ({
      counts: { CR: 0, PR: 0, NR: 0, indeterminate: 0, missing: 0 },
      excluded: [],
      included: 0,
      cr: 0,
      pr: 0,
      endpoints: Object.fromEntries(this.endpointNames.map((n) => [n, 0])),
      failures: 0,
      failureDenominator: 0,
      failureUnknown: 0,
      hypothetical: 0,
    }));
  }

  add(parsed: RecordOutcome, index: number): void {
    this.records += 1;
    if (!parsed.success) {
      const { id } = parsed;
      this.invalid.push({ index, ...(id === undefined ? {} : { id }), error: parsed.error });
      return;
    }
    const timeline = timelineUnchecked(this.criteria, parsed.data, this.recordOptions);
    const assessments = this.applied
      ? underEstimandOf(timeline, parsed.data.events ?? [], this.estimand, this.timepoints)
      : timeline.timepoints;
    if (this.keep) {
      this.patients.push(timeline);
      if (this.applied) this.underEstimand.push(assessments as TimepointAssessment[]);
    }
    assessments.forEach((assessment, i) => {
      const t = this.tallies[i] as TimepointTally;
      const a = assessment as TimepointAssessment & { readonly hypotheticalMissing?: boolean };
      t.counts[a.category] += 1;
      // The hypothetical strategy leaves the assessment missing without imputing it:
      // out of the denominator under every analysis rule, with its reason.
      const why = a.hypotheticalMissing
        ? (a.reason ?? "missing (hypothetical strategy)")
        : exclusionReason(a, this.analysis);
      if (a.hypotheticalMissing) t.hypothetical += 1;
      if ((this.analysis === "itt" && !a.hypotheticalMissing) || why === undefined) {
        t.included += 1;
        if (a.category === "CR") t.cr += 1;
        if (a.category === "PR") t.pr += 1;
        for (const name of this.endpointNames) {
          if (a.endpoints[name] === "met") t.endpoints[name] = (t.endpoints[name] ?? 0) + 1;
        }
      } else t.excluded.push({ id: timeline.id, reason: why });
      if (!a.withdrawn) {
        t.failureDenominator += 1;
        if (a.treatmentFailure === "met") t.failures += 1;
        if (a.treatmentFailure === "unknown") t.failureUnknown += 1;
      }
    });
  }

  finish(): CohortSummary {
    const { analysis, level, invalid } = this;
    const invalidExcluded = invalid.map((x) => ({
      id: x.id ?? `#${x.index}`,
      reason: `invalid record: ${x.error.issues.map((is) => `${is.path}: ${is.message}`).join("; ")}`,
    }));
    const summaries: TimepointSummary[] = this.timepoints.map((tp, i) => {
      const t = this.tallies[i] as TimepointTally;
      const counts = { ...t.counts, invalid: invalid.length };
      const denominator = analysis === "itt" ? this.records - t.hypothetical : t.included;
      const assessed = counts.CR + counts.PR + counts.NR + counts.indeterminate;
      const some = assessed > 0;
      return {
        label: tp.label,
        targetDay: tp.day,
        counts,
        assessed,
        ...(some ? {} : { notAssessed: "no record has an assessment at this time point" }),
        denominator,
        // Under ITT an invalid record is in the denominator (as non-response), not excluded.
        excluded: analysis === "itt" ? t.excluded : [...invalidExcluded, ...t.excluded],
        rates: {
          CR: rateOf(t.cr, denominator, level, some),
          PR: rateOf(t.pr, denominator, level, some),
          OR: rateOf(t.cr + t.pr, denominator, level, some),
        },
        endpoints: Object.fromEntries(
          this.endpointNames.map((name) => [
            name,
            rateOf(t.endpoints[name] ?? 0, denominator, level, some),
          ]),
        ),
        treatmentFailure: {
          ...rateOf(t.failures, t.failureDenominator, level),
          unknown: t.failureUnknown,
        },
      };
    });
    return {
      criteria: { id: this.criteria.id, version: this.criteria.version },
      analysis,
      estimand: this.estimand,
      outcome: this.outcome,
      level,
      records: this.records,
      invalid,
      timepoints: summaries,
      patients: this.patients,
      ...(this.applied && this.keep ? { underEstimand: this.underEstimand } : {}),
      interpretation: fullInterpretation(this.criteria, this.options.interpretation),
    };
  }
}

/** A timeline's time-point assessments under an estimand (what the counts are taken from). */
function underEstimandOf(
  timeline: RecordTimeline,
  events: readonly FollowUpEvent[],
  estimand: Estimand,
  timepoints: readonly Timepoint[],
): TimepointAssessment[] {
  const e = applyEstimand(timeline, events, estimand, timepoints);
  return e.timepoints.map((x) => {
    const { visitDay: _v, carriedForward: _c, reason: _r, ...observed } = x.observed;
    return {
      ...observed,
      category: x.category,
      endpoints: x.endpoints,
      ...(x.visitDay === undefined ? {} : { visitDay: x.visitDay }),
      ...(x.visitDay !== undefined &&
      x.visitDay === x.observed.visitDay &&
      x.observed.carriedForward
        ? { carriedForward: true }
        : {}),
      ...((x.reason ?? x.observed.reason) === undefined
        ? {}
        : { reason: (x.reason ?? x.observed.reason) as string }),
      ...(x.hypotheticalMissing ? { hypotheticalMissing: true } : {}),
    };
  });
}
