import { normalQuantile } from "./stats.js";

/**
 * One observation for Kaplan–Meier: time and whether the event occurred (false = censored).
 *
 * @category Cohorts and statistics
 */
export interface SurvivalObservation {
  readonly time: number;
  readonly event: boolean;
}

/**
 * One row of a Kaplan–Meier table (one per distinct time).
 *
 * @category Cohorts and statistics
 */
export interface KaplanMeierRow {
  readonly time: number;
  readonly nRisk: number;
  readonly nEvent: number;
  readonly nCensor: number;
  readonly survival: number;
  /** Greenwood standard error of the survival estimate (as `std.err` printed by R's summary.survfit). */
  readonly stdErr: number;
}

/**
 * Kaplan–Meier estimate with Greenwood standard errors. At tied times, events are counted
 * before censorings (censored subjects are still at risk at their censoring time), as R's survfit does.
 *
 * @example
 * ```ts
 * import { kaplanMeier } from 'lupus-renal-criteria/analysis';
 * const rows = kaplanMeier([{ time: 1, event: true }, { time: 2, event: false }]);
 * // rows[0].survival === 0.5
 * ```
 * @category Cohorts and statistics
 */
export function kaplanMeier(observations: readonly SurvivalObservation[]): KaplanMeierRow[] {
  for (const o of observations) {
    if (!Number.isFinite(o.time) || o.time < 0) throw new RangeError(`invalid time ${o.time}`);
  }
  // Sorted once; one pass over the distinct times (O(n log n)).
  const sorted = [...observations].sort((a, b) => a.time - b.time);
  const rows: KaplanMeierRow[] = [];
  let survival = 1;
  let greenwoodSum = 0;
  let nRisk = sorted.length;
  for (let i = 0; i < sorted.length; ) {
    const t = (sorted[i] as SurvivalObservation).time;
    let nEvent = 0;
    let nCensor = 0;
    for (; i < sorted.length && (sorted[i] as SurvivalObservation).time === t; i++) {
      if ((sorted[i] as SurvivalObservation).event) nEvent++;
      else nCensor++;
    }
    if (nEvent > 0) {
      survival *= (nRisk - nEvent) / nRisk;
      greenwoodSum +=
        nRisk > nEvent ? nEvent / (nRisk * (nRisk - nEvent)) : Number.POSITIVE_INFINITY;
    }
    const stdErr = survival === 0 ? 0 : survival * Math.sqrt(greenwoodSum);
    rows.push({ time: t, nRisk, nEvent, nCensor, survival, stdErr });
    nRisk -= nEvent + nCensor;
  }
  return rows;
}

/**
 * How the pointwise confidence band of a Kaplan–Meier curve is formed, as R's
 * `survfit` `conf.type`: `log` (R's default), `log-log` or `plain`.
 *
 * @example
 * ```ts
 * import type { ConfType } from 'lupus-renal-criteria/analysis';
 * const t: ConfType = 'log-log';
 * ```
 * @category Cohorts and statistics
 */
export type ConfType = "log" | "log-log" | "plain";

/**
 * The median time to event with its confidence interval, as R's `print.survfit`
 * reports it (Brookmeyer–Crowley: the times at which the pointwise band crosses 0.5).
 *
 * @example
 * ```ts
 * import type { SurvivalSummary } from 'lupus-renal-criteria/analysis';
 * const s: SurvivalSummary = { n: 11, events: 7, median: 31, lower: 18, upper: null, level: 0.95, confType: 'log' };
 * ```
 * @category Cohorts and statistics
 */
export interface SurvivalSummary {
  readonly n: number;
  readonly events: number;
  /** The first time the curve is at or below 0.5 (`null`: never). */
  readonly median: number | null;
  /** The first time the band's lower limit is at or below 0.5 (`null`: never). */
  readonly lower: number | null;
  /** The first time the band's upper limit is at or below 0.5 (`null`: never, R's `NA`). */
  readonly upper: number | null;
  readonly level: number;
  readonly confType: ConfType;
}

/** The pointwise band of a curve at one row ([lower, upper]; undefined where it is not defined). */
function band(r: KaplanMeierRow, z: number, confType: ConfType): [number, number] | undefined {
  const s = r.survival;
  if (s === 0) return undefined; // R gives NA where the curve has reached 0
  // The standard error of the cumulative hazard (−log S), as R's survfit object holds it.
  const se = r.stdErr / s;
  if (confType === "plain") return [Math.max(0, s - z * r.stdErr), Math.min(1, s + z * r.stdErr)];
  if (confType === "log") return [s * Math.exp(-z * se), Math.min(1, s * Math.exp(z * se))];
  if (s === 1) return [1, 1];
  // log(−log S) ± z·se/|log S|: a larger log(−log S) is a smaller S.
  const xx = Math.log(-Math.log(s));
  const d = (z * se) / Math.abs(Math.log(s));
  return [Math.exp(-Math.exp(xx + d)), Math.exp(-Math.exp(xx - d))];
}

/**
 * The median time to event and its confidence interval (Brookmeyer–Crowley, as
 * R's `survfit` prints `median`, `0.95LCL`, `0.95UCL`): the median is the first
 * event time at which the Kaplan–Meier curve is at or below 0.5 (when the curve is
 * exactly 0.5 until the next event time, the midpoint of the two, as R does); the
 * interval's limits are the first times at which the lower and the upper limit of
 * the pointwise band are at or below 0.5, `null` when that never happens.
 *
 * @param observations - times and event flags (false = censored).
 * @param options - `level` (default 0.95) and `confType` (default `log`, R's default).
 * @returns n, events, median and its interval.
 * @throws `RangeError` for an invalid time or a level not strictly between 0 and 1.
 * @example
 * ```ts
 * import { survivalSummary } from 'lupus-renal-criteria/analysis';
 * // R's `aml` data, group Maintained: 9, 13, 13+, 18, 23, 28+, 31, 34, 45+, 48, 161+.
 * const aml = [9, 13, -13, 18, 23, -28, 31, 34, -45, 48, -161].map((t) => ({ time: Math.abs(t), event: t > 0 }));
 * const s = survivalSummary(aml);
 * [s.median, s.lower, s.upper]; // [31, 18, null]
 * ```
 * @category Cohorts and statistics
 */
export function survivalSummary(
  observations: readonly SurvivalObservation[],
  options: { readonly level?: number; readonly confType?: ConfType } = {},
): SurvivalSummary {
  const level = options.level ?? 0.95;
  const confType = options.confType ?? "log";
  if (!(level > 0 && level < 1)) throw new RangeError("level must be strictly between 0 and 1");
  if (confType !== "log" && confType !== "log-log" && confType !== "plain")
    throw new RangeError("confType must be 'log', 'log-log' or 'plain'");
  const z = normalQuantile((1 + level) / 2);
  const rows = kaplanMeier(observations).filter((r) => r.nEvent > 0);
  const first = (value: (r: KaplanMeierRow) => number | undefined): number | null => {
    for (const [i, r] of rows.entries()) {
      const v = value(r);
      if (v === undefined || v > 0.5 + 1e-12) continue;
      // Exactly 0.5 until the next event time: the midpoint (R's rule).
      const next = rows[i + 1];
      return Math.abs(v - 0.5) <= 1e-12 && next ? (r.time + next.time) / 2 : r.time;
    }
    return null;
  };
  return {
    n: observations.length,
    events: rows.reduce((a, r) => a + r.nEvent, 0),
    median: first((r) => r.survival),
    lower: first((r) => band(r, z, confType)?.[0]),
    upper: first((r) => band(r, z, confType)?.[1]),
    level,
    confType,
  };
}
