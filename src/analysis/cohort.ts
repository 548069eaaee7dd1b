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
import type { PatientRecord } from "../model/record.js";
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
  /** Each valid record's timeline, in input order. */
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

function rate(count: number, denominator: number, level: number, assessed = true): Rate {
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

/** A record as read: validated, or its error (and its id when one can be read). */
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
  options: TimepointOptions & {
    readonly timepoints?: readonly Timepoint[];
    readonly analysis?: Analysis;
    readonly level?: number;
    readonly estimand?: Estimand | "default";
  },
): CohortSummary {
  const analysis = options.analysis ?? "itt";
  const level = options.level ?? 0.95;
  const outcome = options.outcome ?? "at-timepoint";
  const timepoints = options.timepoints ?? criteria.schedule?.timepoints ?? [];
  const estimand =
    options.estimand === "default"
      ? defaultEstimand(criteria.id)
      : (options.estimand ?? OBSERVED_ESTIMAND);
  const applied = options.estimand !== undefined;
  const invalid: { index: number; id?: string; error: InputError }[] = [];
  const patients: RecordTimeline[] = [];
  /** Per patient, per time point: the assessment under the estimand (when one is applied). */
  const underEstimand: TimepointAssessment[][] = [];
  const recordOptions = { details: false, ...options, timepoints };
  outcomes.forEach((parsed, index) => {
    if (!parsed.success) {
      const { id } = parsed;
      invalid.push({ index, ...(id === undefined ? {} : { id }), error: parsed.error });
      return;
    }
    const timeline = timelineUnchecked(criteria, parsed.data, recordOptions);
    patients.push(timeline);
    if (applied) {
      const e = applyEstimand(timeline, parsed.data.events ?? [], estimand, timepoints);
      underEstimand.push(
        e.timepoints.map((x) => {
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
        }),
      );
    }
  });
  const endpointNames = criteria.endpoints.map((e) => e.name);
  const summaries: TimepointSummary[] = timepoints.map((tp, i) => {
    const counts = { CR: 0, PR: 0, NR: 0, indeterminate: 0, missing: 0, invalid: invalid.length };
    const excluded: { id: string; reason: string }[] = invalid.map((x) => ({
      id: x.id ?? `#${x.index}`,
      reason: `invalid record: ${x.error.issues.map((is) => `${is.path}: ${is.message}`).join("; ")}`,
    }));
    const included: TimepointAssessment[] = [];
    let failures = 0;
    let failureDenominator = 0;
    let failureUnknown = 0;
    let hypothetical = 0;
    for (const [k, p] of patients.entries()) {
      const a = (applied ? underEstimand[k]?.[i] : p.timepoints[i]) as TimepointAssessment & {
        readonly hypotheticalMissing?: boolean;
      };
      counts[a.category] += 1;
      // The hypothetical strategy leaves the assessment missing without imputing it:
      // out of the denominator under every analysis rule, with its reason.
      const why = a.hypotheticalMissing
        ? (a.reason ?? "missing (hypothetical strategy)")
        : exclusionReason(a, analysis);
      if (a.hypotheticalMissing) hypothetical += 1;
      if ((analysis === "itt" && !a.hypotheticalMissing) || why === undefined) included.push(a);
      else excluded.push({ id: p.id, reason: why });
      if (!a.withdrawn) {
        failureDenominator += 1;
        if (a.treatmentFailure === "met") failures += 1;
        if (a.treatmentFailure === "unknown") failureUnknown += 1;
      }
    }
    const denominator = analysis === "itt" ? outcomes.length - hypothetical : included.length;
    const count = (pred: (a: TimepointAssessment) => boolean) => included.filter(pred).length;
    const cr = count((a) => a.category === "CR");
    const pr = count((a) => a.category === "PR");
    const assessed = counts.CR + counts.PR + counts.NR + counts.indeterminate;
    const some = assessed > 0;
    return {
      label: tp.label,
      targetDay: tp.day,
      counts,
      assessed,
      ...(some ? {} : { notAssessed: "no record has an assessment at this time point" }),
      denominator,
      excluded:
        analysis === "itt"
          ? excluded.filter((x) => !x.reason.startsWith("invalid record"))
          : excluded,
      rates: {
        CR: rate(cr, denominator, level, some),
        PR: rate(pr, denominator, level, some),
        OR: rate(cr + pr, denominator, level, some),
      },
      endpoints: Object.fromEntries(
        endpointNames.map((name) => [
          name,
          rate(
            count((a) => a.endpoints[name] === "met"),
            denominator,
            level,
            some,
          ),
        ]),
      ),
      treatmentFailure: { ...rate(failures, failureDenominator, level), unknown: failureUnknown },
    };
  });
  return {
    criteria: { id: criteria.id, version: criteria.version },
    analysis,
    estimand,
    outcome,
    level,
    records: outcomes.length,
    invalid,
    timepoints: summaries,
    patients,
    ...(applied ? { underEstimand } : {}),
    interpretation: fullInterpretation(criteria, options.interpretation),
  };
}
