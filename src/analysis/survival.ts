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
  const times = [...new Set(observations.map((o) => o.time))].sort((a, b) => a - b);
  const rows: KaplanMeierRow[] = [];
  let survival = 1;
  let greenwoodSum = 0;
  for (const t of times) {
    const nRisk = observations.filter((o) => o.time >= t).length;
    const nEvent = observations.filter((o) => o.time === t && o.event).length;
    const nCensor = observations.filter((o) => o.time === t && !o.event).length;
    if (nEvent > 0) {
      survival *= (nRisk - nEvent) / nRisk;
      greenwoodSum +=
        nRisk > nEvent ? nEvent / (nRisk * (nRisk - nEvent)) : Number.POSITIVE_INFINITY;
    }
    const stdErr = survival === 0 ? 0 : survival * Math.sqrt(greenwoodSum);
    rows.push({ time: t, nRisk, nEvent, nCensor, survival, stdErr });
  }
  return rows;
}
