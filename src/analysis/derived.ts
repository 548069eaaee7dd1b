/**
 * Responses derived from a patient's course: a **confirmed** response (met at an
 * assessment and again at a later one at least N days after it, with no
 * assessment in between without it) and a **sustained** response (met at every
 * assessment in a period). Sources word these loosely — EULAR's "reproducible",
 * ACR's "persistent", AURORA's "confirmed" give no interval; one paediatric
 * protocol quantifies "reproducible" as "> 2 subsequent time points > 1 week
 * apart" — so the interval and the number of confirmations are parameters with no
 * default. Both are three-valued: an indeterminate assessment is unknown, never a
 * response and never a loss of one.
 *
 * @module
 */
import type { RecordTimeline } from "../api/timeline.js";
import { and3, or3, type Truth } from "../ir/kleene.js";

/**
 * Which categories count as the response: CR or PR (`response`), or CR only.
 *
 * @category Cohorts and statistics
 */
export type ResponseTarget = "response" | "CR";

/**
 * How a response is confirmed.
 *
 * @example
 * ```ts
 * import type { ConfirmationRule } from 'lupus-renal-criteria/analysis';
 * const rule: ConfirmationRule = { target: 'response', minDaysApart: 28 };
 * ```
 * @category Cohorts and statistics
 */
export interface ConfirmationRule {
  readonly target: ResponseTarget;
  /** Days from one counted assessment to the next (at least). */
  readonly minDaysApart: number;
  /** Later assessments that must confirm it (default 1). */
  readonly confirmations?: number;
}

/**
 * A derived response: met, not met or unknown, with the visits that decided it.
 *
 * @example
 * ```ts
 * import type { DerivedResponse } from 'lupus-renal-criteria/analysis';
 * const d: DerivedResponse = { status: 'met', firstDay: 84, confirmedDay: 168 };
 * ```
 * @category Cohorts and statistics
 */
export interface DerivedResponse {
  readonly status: Truth;
  /** For a confirmed response that is met: the day of its first assessment. */
  readonly firstDay?: number;
  /** For a confirmed response that is met: the day of the assessment that confirmed it. */
  readonly confirmedDay?: number;
  /** Why it is unknown or not met, in words. */
  readonly reason?: string;
}

function truthAt(category: string, target: ResponseTarget): Truth {
  if (category === "indeterminate") return "unknown";
  return category === "CR" || (target === "response" && category === "PR") ? "met" : "not-met";
}

function checkRule(rule: ConfirmationRule): number {
  const n = rule.confirmations ?? 1;
  if (!Number.isInteger(n) || n < 1)
    throw new RangeError("confirmations must be a whole number ≥ 1");
  if (!Number.isFinite(rule.minDaysApart) || rule.minDaysApart < 0)
    throw new RangeError("minDaysApart must be a finite number of days ≥ 0");
  if (rule.target !== "response" && rule.target !== "CR")
    throw new RangeError("target must be 'response' or 'CR'");
  return n;
}

/**
 * Whether the patient had a confirmed response: met at an assessment, and again at
 * `confirmations` later assessments, each at least `minDaysApart` days after the
 * previous one counted, with no assessment in between that is decided without the
 * response (an indeterminate one in between makes the result unknown, unless
 * another run of assessments confirms it). Visits are the timeline's (every visit
 * classified).
 *
 * @param timeline - a patient's course, from `assessRecord`.
 * @param rule - target, interval and number of confirmations.
 * @returns the status, and for a confirmed response the days of its first and
 *   confirming assessments.
 * @throws `RangeError` for a rule that is not a whole number of confirmations ≥ 1,
 *   a finite interval ≥ 0 and a known target.
 * @example
 * ```ts
 * import { assessRecord, criteria } from 'lupus-renal-criteria';
 * import { confirmedResponse } from 'lupus-renal-criteria/analysis';
 * const labs = (up: number) => ({ proteinuria: { value: up, unit: 'g/24h' },
 *   serumCreatinine: { value: 70, unit: 'umol/L' }, serumAlbumin: { value: 38, unit: 'g/L' } });
 * const t = assessRecord(criteria.zhang2023, {
 *   id: 'p', baseline: { proteinuria: { value: 4, unit: 'g/24h' }, serumCreatinine: { value: 70, unit: 'umol/L' } },
 *   visits: [{ day: 91, labs: labs(0.3) }, { day: 119, labs: labs(0.4) }],
 * });
 * confirmedResponse(t, { target: 'CR', minDaysApart: 28 }).status; // 'met'
 * confirmedResponse(t, { target: 'CR', minDaysApart: 29 }).status; // 'not-met'
 * ```
 * @category Cohorts and statistics
 */
export function confirmedResponse(
  timeline: RecordTimeline,
  rule: ConfirmationRule,
): DerivedResponse {
  const need = checkRule(rule);
  const visits = timeline.visits.map((v) => ({
    day: v.day,
    truth: truthAt(v.category, rule.target),
  }));
  const outcomes: DerivedResponse[] = [];
  for (let i = 0; i < visits.length; i++) {
    const start = visits[i] as { day: number; truth: Truth };
    if (start.truth === "not-met") continue;
    let status: Truth = start.truth;
    let counted = 0;
    let last = start.day;
    for (let j = i + 1; j < visits.length && counted < need; j++) {
      const v = visits[j] as { day: number; truth: Truth };
      status = and3([status, v.truth]);
      if (status === "not-met") break;
      if (v.day - last >= rule.minDaysApart) {
        counted++;
        last = v.day;
      }
    }
    if (counted < need) continue;
    outcomes.push(
      status === "met"
        ? { status, firstDay: start.day, confirmedDay: last }
        : {
            status,
            reason: `an indeterminate assessment between day ${start.day} and day ${last}`,
          },
    );
    if (status === "met") break;
  }
  const status = or3(outcomes.map((o) => o.status));
  const met = outcomes.find((o) => o.status === "met");
  if (met) return met;
  if (status === "unknown") return outcomes.find((o) => o.status === "unknown") as DerivedResponse;
  return {
    status: "not-met",
    reason:
      visits.length === 0
        ? "no assessment"
        : `no ${rule.target === "CR" ? "complete response" : "response"} confirmed by ${need} later assessment(s) at least ${rule.minDaysApart} days apart`,
  };
}

/**
 * Whether the response was sustained: met at every assessment from day `fromDay`
 * to day `toDay` (inclusive). Unknown when an assessment in the period is
 * indeterminate (and none is decided without the response), or when there is no
 * assessment in the period at all.
 *
 * @param timeline - a patient's course, from `assessRecord`.
 * @param period - target and the days (after baseline) the period runs from and to.
 * @returns the status; unknown or not met with the reason.
 * @throws `RangeError` when `toDay` is before `fromDay` or the target is unknown.
 * @example
 * ```ts
 * import { assessRecord, criteria } from 'lupus-renal-criteria';
 * import { sustainedResponse } from 'lupus-renal-criteria/analysis';
 * const labs = (up: number) => ({ proteinuria: { value: up, unit: 'g/24h' },
 *   serumCreatinine: { value: 70, unit: 'umol/L' }, serumAlbumin: { value: 38, unit: 'g/L' } });
 * const t = assessRecord(criteria.zhang2023, {
 *   id: 'p', baseline: { proteinuria: { value: 4, unit: 'g/24h' }, serumCreatinine: { value: 70, unit: 'umol/L' } },
 *   visits: [{ day: 182, labs: labs(0.3) }, { day: 273, labs: labs(1.5) }, { day: 365, labs: labs(0.3) }],
 * });
 * sustainedResponse(t, { target: 'response', fromDay: 182, toDay: 365 }).status; // 'met' (CR, PR, CR)
 * sustainedResponse(t, { target: 'CR', fromDay: 182, toDay: 365 }).status; // 'not-met' (PR on day 273)
 * ```
 * @category Cohorts and statistics
 */
export function sustainedResponse(
  timeline: RecordTimeline,
  period: { readonly target: ResponseTarget; readonly fromDay: number; readonly toDay: number },
): DerivedResponse {
  if (period.target !== "response" && period.target !== "CR")
    throw new RangeError("target must be 'response' or 'CR'");
  if (!(period.toDay >= period.fromDay)) throw new RangeError("toDay must not be before fromDay");
  const inPeriod = timeline.visits.filter((v) => v.day >= period.fromDay && v.day <= period.toDay);
  if (inPeriod.length === 0) {
    return {
      status: "unknown",
      reason: `no assessment from day ${period.fromDay} to day ${period.toDay}`,
    };
  }
  const status = and3(inPeriod.map((v) => truthAt(v.category, period.target)));
  if (status === "met") return { status };
  const at = inPeriod.find((v) => truthAt(v.category, period.target) === status);
  return {
    status,
    reason: `${status === "not-met" ? at?.category : "indeterminate"} on day ${at?.day}`,
  };
}

/**
 * Which time to event: to the first response (CR or PR), to the first CR, or the
 * duration of response (from the first response to the first NR after it).
 *
 * @example
 * ```ts
 * import type { TimeToEventKind } from 'lupus-renal-criteria/analysis';
 * const k: TimeToEventKind = 'response-duration';
 * ```
 * @category Cohorts and statistics
 */
export type TimeToEventKind = "first-response" | "first-CR" | "response-duration";

/**
 * Time-to-event observations from patients' courses, for `kaplanMeier` and
 * `survivalSummary`: to the first response or the first CR (from baseline; a
 * patient without one is censored at the last visit), or the duration of
 * response (from the first response to the first NR after it; censored at the
 * last visit when not lost). A patient who cannot contribute (no visit; for the
 * duration, no response) is listed in `excluded` with the reason, never dropped
 * silently. An indeterminate visit is neither a response nor a loss of one.
 *
 * @param timelines - courses from `assessRecord` (or a summary's `patients`).
 * @param kind - which time to event.
 * @returns the observations (with each patient's id) and the patients left out.
 * @example
 * ```ts
 * import { assessRecord, criteria } from 'lupus-renal-criteria';
 * import { survivalSummary, timeToEvent } from 'lupus-renal-criteria/analysis';
 * const labs = (up: number) => ({ proteinuria: { value: up, unit: 'g/24h' },
 *   serumCreatinine: { value: 70, unit: 'umol/L' }, serumAlbumin: { value: 38, unit: 'g/L' } });
 * const t = assessRecord(criteria.zhang2023, {
 *   id: 'p', baseline: { proteinuria: { value: 4, unit: 'g/24h' }, serumCreatinine: { value: 70, unit: 'umol/L' } },
 *   visits: [{ day: 91, labs: labs(3.5) }, { day: 182, labs: labs(1.5) }, { day: 365, labs: labs(3.9) }],
 * });
 * timeToEvent([t], 'first-response').observations; // [{ id: 'p', time: 182, event: true }]
 * timeToEvent([t], 'response-duration').observations; // [{ id: 'p', time: 183, event: true }]
 * ```
 * @category Cohorts and statistics
 */
export function timeToEvent(
  timelines: readonly RecordTimeline[],
  kind: TimeToEventKind,
): {
  readonly observations: readonly {
    readonly id: string;
    readonly time: number;
    readonly event: boolean;
  }[];
  readonly excluded: readonly { readonly id: string; readonly reason: string }[];
} {
  if (kind !== "first-response" && kind !== "first-CR" && kind !== "response-duration")
    throw new RangeError("kind must be 'first-response', 'first-CR' or 'response-duration'");
  const observations: { id: string; time: number; event: boolean }[] = [];
  const excluded: { id: string; reason: string }[] = [];
  for (const t of timelines) {
    const last = t.visits[t.visits.length - 1];
    if (last === undefined) {
      excluded.push({ id: t.id, reason: "no visit" });
      continue;
    }
    if (kind === "response-duration") {
      if (t.responseDurationDays === undefined)
        excluded.push({ id: t.id, reason: "no response (no duration of response)" });
      else
        observations.push({
          id: t.id,
          time: t.responseDurationDays,
          event: t.responseCensored === false,
        });
      continue;
    }
    const day = kind === "first-CR" ? t.firstCompleteResponseDay : t.firstResponseDay;
    observations.push(
      day === undefined
        ? { id: t.id, time: last.day, event: false }
        : { id: t.id, time: day, event: true },
    );
  }
  return { observations, excluded };
}
