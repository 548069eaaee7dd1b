/**
 * Follow-up over time: visits resolved to protocol time points, the category at
 * each, first response, loss of response, and treatment failure.
 *
 * @module
 */

import { compileCached } from "../evaluate/compile.js";
import type { CriteriaError, InputError } from "../ir/errors.js";
import type { Truth } from "../ir/kleene.js";
import { criteriaOf } from "../ir/schema.js";
import type { CategoryOrIndeterminate, ResponseCriteria, Timepoint } from "../ir/types.js";
import {
  daysBetween,
  type FollowUpEvent,
  type PatientRecord,
  type PatientRecordLike,
  type Visit,
} from "../model/record.js";
import { type ClassifyOptions, classifyValidated, type ResponseResult } from "./classify.js";
import {
  checkTimepointOptions,
  parseOption,
  parseRecord,
  ResolveOptionsSchema,
  settle,
  TimepointSchema,
} from "./options.js";

/**
 * A visit with its day after baseline resolved (from `day`, or from `date` and
 * the record's `baselineDate`).
 *
 * @example
 * ```ts
 * import type { DatedVisit } from 'lupus-renal-criteria';
 * const v: DatedVisit = { day: 90, labs: {} };
 * ```
 * @category Classification
 */
export type DatedVisit = Visit & { readonly day: number };

/** Treatment failure at an assessment: NR or rescue therapy (unknown while the category is). */
function treatmentFailure(rescueTherapy: boolean, category: string): Truth {
  if (rescueTherapy || category === "NR") return "met";
  return category === "indeterminate" ? "unknown" : "not-met";
}

/**
 * The record's visits with resolved days, sorted by day.
 *
 * @param record - a validated patient record.
 * @returns the visits in time order.
 * @example
 * ```ts
 * import { datedVisits } from 'lupus-renal-criteria';
 * datedVisits({ id: 'p', baselineDate: '2020-01-01', visits: [{ date: '2020-04-01', labs: {} }, { day: 30, labs: {} }] })
 *   .map((v) => v.day); // [30, 91]
 * ```
 * @internal Not part of the public API (used by the library and its tests).
 */
export function datedVisits(record: PatientRecord): DatedVisit[] {
  return (record.visits ?? [])
    .map((v) => ({
      ...v,
      day:
        v.day ??
        (v.date !== undefined && record.baselineDate !== undefined
          ? daysBetween(record.baselineDate, v.date)
          : 0),
    }))
    .sort((a, b) => a.day - b.day);
}

/**
 * What a time point's category stands for:
 * - `at-timepoint` (default): the status at the time point — the visit nearest
 *   the target day inside the window (or, with `carryForward`, the last visit
 *   before it);
 * - `best-by-timepoint`: the best response (CR > PR > NR) over every visit from
 *   day 0 to the end of the time point's window (`day + windowDays`), e.g.
 *   "best response within 24 weeks". A later loss of response inside that span
 *   does not undo it. An indeterminate visit that might be better than the best
 *   decided one leaves the result indeterminate. End points count as met when
 *   met at any of those visits. `carryForward` has no effect (earlier visits are
 *   already included).
 *
 * @example
 * ```ts
 * import type { Outcome } from 'lupus-renal-criteria';
 * const o: Outcome = 'best-by-timepoint';
 * ```
 * @category Classification
 */
export type Outcome = "at-timepoint" | "best-by-timepoint";

/**
 * Options of the time-point functions. Every option is validated: a bad value
 * (NaN, a negative or fractional number of days, a misspelt option name, an
 * unknown interpretation parameter or reading) throws an {@link InputError}
 * whose `issues` name the option path, e.g. `options.windowDays`.
 *
 * @example
 * ```ts
 * import type { TimepointOptions } from 'lupus-renal-criteria';
 * const o: TimepointOptions = { windowDays: 14, carryForward: true };
 * ```
 * @category Classification
 */
export interface TimepointOptions extends ClassifyOptions {
  /**
   * Override every time point's window (± days): a whole number ≥ 0 (0 = the
   * target day only).
   */
  readonly windowDays?: number;
  /**
   * Last observation carried forward: with no visit in the window, use the last
   * visit before it (flagged `carriedForward`). Off by default.
   */
  readonly carryForward?: boolean;
  /**
   * With `carryForward`: carry a visit at most this many days before the window,
   * a whole number ≥ 0 (omit it for no limit, the default).
   */
  readonly carryForwardMaxDays?: number;
  /**
   * Keep the full explanation (`result`) of every visit and time point. Default
   * true for {@link assessRecord}; `summarizeCohort` keeps only categories, end
   * points and missing inputs unless asked (large cohorts).
   */
  readonly details?: boolean;
  /**
   * Status at the time point (`at-timepoint`, the default) or best response by
   * the end of its window (`best-by-timepoint`); see {@link Outcome}.
   */
  readonly outcome?: Outcome;
}

/**
 * Which visit stands for a time point, or why none does.
 *
 * @example
 * ```ts
 * import type { ResolvedTimepoint } from 'lupus-renal-criteria';
 * const r: ResolvedTimepoint = { label: 'week 24', targetDay: 168, reason: 'lost to follow-up on day 28' };
 * ```
 * @category Classification
 */
export interface ResolvedTimepoint {
  readonly label: string;
  readonly targetDay: number;
  readonly visit?: DatedVisit;
  /** True when the visit is the last one before the window (carry-forward). */
  readonly carriedForward?: boolean;
  /** Why no visit stands for the time point. */
  readonly reason?: string;
}

function eventBefore(events: readonly FollowUpEvent[], day: number, type: FollowUpEvent["type"]) {
  return events.find((e) => e.type === type && e.day <= day);
}

/**
 * Resolve a time point to the visit nearest its target day inside its window
 * (the earlier visit on a tie). Without one, the reason names the withdrawal,
 * death or missed visit that explains it, or says that no visit was in the window.
 *
 * @param record - a validated patient record.
 * @param tp - the time point: `day` and `windowDays` whole numbers ≥ 0, a non-empty `label`.
 * @param options - `windowDays` override, `carryForward`, `carryForwardMaxDays` (whole numbers of days ≥ 0).
 * @returns the resolved time point.
 * @throws {@link InputError} for a malformed time point (paths `timepoint.…`) or
 *   option (paths `options.…`).
 * @example
 * ```ts
 * import { resolveTimepoint } from 'lupus-renal-criteria';
 * const r = resolveTimepoint({ id: 'p', visits: [{ day: 160, labs: {} }, { day: 175, labs: {} }] },
 *   { label: 'week 24', day: 168, windowDays: 28 });
 * r.visit?.day; // 175: 7 days from the target, nearer than 160
 * ```
 * @category Classification
 */
export function resolveTimepoint(
  record: PatientRecord,
  tp: Timepoint,
  options: Pick<TimepointOptions, "windowDays" | "carryForward" | "carryForwardMaxDays"> = {},
): ResolvedTimepoint {
  parseOption(TimepointSchema, tp, "timepoint");
  parseOption(ResolveOptionsSchema, options);
  return resolveValidated(record, tp, options);
}

/** {@link resolveTimepoint} with a time point and options already validated. */
function resolveValidated(
  record: PatientRecord,
  tp: Timepoint,
  options: Pick<TimepointOptions, "windowDays" | "carryForward" | "carryForwardMaxDays"> = {},
  visits: readonly DatedVisit[] = datedVisits(record),
): ResolvedTimepoint {
  const window = options.windowDays ?? tp.windowDays;
  let best: DatedVisit | undefined;
  for (const v of visits) {
    const d = Math.abs(v.day - tp.day);
    if (d > window) continue;
    if (!best || d < Math.abs(best.day - tp.day)) best = v;
  }
  if (best) return { label: tp.label, targetDay: tp.day, visit: best };
  const base = { label: tp.label, targetDay: tp.day };
  const events = record.events ?? [];
  const end = tp.day + window;
  const missed = events.find(
    (e) => e.type === "missed-visit" && Math.abs(e.day - tp.day) <= window,
  );
  const withdrawal = eventBefore(events, end, "withdrawal");
  const death = eventBefore(events, end, "death");
  const ended = eventBefore(events, end, "end-of-follow-up");
  let reason = `no visit within ±${window} days of day ${tp.day}`;
  if (death) reason = `died on day ${death.day}`;
  else if (ended) reason = `follow-up ended on day ${ended.day}`;
  else if (withdrawal?.type === "withdrawal") {
    const why =
      withdrawal.reason === "adverse-event"
        ? "adverse event"
        : withdrawal.reason.replaceAll("-", " ");
    reason = `withdrawn on day ${withdrawal.day} (${why}${withdrawal.detail ? `: ${withdrawal.detail}` : ""})`;
  } else if (missed?.type === "missed-visit") reason = `missed visit (${missed.reason})`;
  if (options.carryForward) {
    const before = visits.filter((v) => v.day < tp.day - window).at(-1);
    const limit = options.carryForwardMaxDays;
    if (before && (limit === undefined || tp.day - window - before.day <= limit)) {
      return { ...base, visit: before, carriedForward: true, reason };
    }
  }
  return { ...base, reason };
}

/**
 * The assessment of one record at one time point.
 *
 * @example
 * ```ts
 * import type { TimepointAssessment } from 'lupus-renal-criteria';
 * const a: TimepointAssessment = { label: 'month 3', targetDay: 91, category: 'missing', reason: 'withdrawn on day 40 (adverse event)',
 *   endpoints: {}, missing: [], treatmentFailure: 'unknown', rescueTherapy: false, withdrawn: true };
 * ```
 * @category Classification
 */
export interface TimepointAssessment {
  readonly label: string;
  readonly targetDay: number;
  /** The category, or `missing` when no visit stands for the time point. */
  readonly category: CategoryOrIndeterminate | "missing";
  readonly visitDay?: number;
  readonly carriedForward?: boolean;
  readonly reason?: string;
  /** End points (e.g. overall response) at the time point. */
  readonly endpoints: Readonly<Record<string, Truth>>;
  /** Inputs that would decide an indeterminate category. */
  readonly missing: readonly string[];
  /**
   * Censored inputs (a laboratory's `<0.1`) whose range leaves the category
   * indeterminate; present only when there are any.
   */
  readonly censored?: readonly string[];
  /** The full classification, when `details` is on. */
  readonly result?: ResponseResult;
  /**
   * Treatment failure (Zhang 2023): an ineffective response (NR) or the need for
   * further immunosuppressive therapy (a rescue-therapy event) by the time point.
   */
  readonly treatmentFailure: Truth;
  /**
   * A rescue-therapy event by the assessment (on or before the visit that stands
   * for the time point; without one, by the end of the window).
   */
  readonly rescueTherapy: boolean;
  /**
   * Withdrawn, dead or follow-up ended before the assessment (before the visit
   * that stands for the time point; without one, by the end of the window).
   */
  readonly withdrawn: boolean;
}

/**
 * A record's course under one criteria object.
 *
 * @example
 * ```ts
 * import { assessRecord, criteria } from 'lupus-renal-criteria';
 * const t = assessRecord(criteria.kang2020, { id: 'p', visits: [] });
 * t.timepoints[0]?.category; // 'missing'
 * ```
 * @category Classification
 */
export interface RecordTimeline {
  readonly id: string;
  /** What each time point's category stands for (see {@link Outcome}). */
  readonly outcome: Outcome;
  /** Every visit classified, in time order. */
  readonly visits: readonly {
    readonly day: number;
    readonly category: CategoryOrIndeterminate;
    /** End points at the visit. */
    readonly endpoints: Readonly<Record<string, Truth>>;
    /** The full classification, when `details` is on. */
    readonly result?: ResponseResult;
  }[];
  readonly timepoints: readonly TimepointAssessment[];
  /** Day of the first visit with CR or PR. */
  readonly firstResponseDay?: number;
  /** Day of the first visit with CR. */
  readonly firstCompleteResponseDay?: number;
  /** Day of the first NR visit after the first response (loss of response). */
  readonly lossOfResponseDay?: number;
  /**
   * Days from first response to loss of response; when not lost, to the last
   * visit, with `responseCensored` true.
   */
  readonly responseDurationDays?: number;
  readonly responseCensored?: boolean;
}

/**
 * Follow a record through its visits under one criteria object: the category at
 * every visit, at each time point (visit windows, withdrawal and missed-visit
 * reasons), first response, loss and duration of response, treatment failure.
 *
 * The record is typed ({@link PatientRecordLike}: a {@link PatientRecord}, with
 * `null` allowed for a missing lab value or patient field), so a misspelt field
 * does not compile; it is still validated here as before. For a record of unknown
 * shape (parsed JSON) use {@link safeAssessRecord}, and for many records
 * `summarizeCohort` (`lupus-renal-criteria/analysis`).
 *
 * @param criteria - a response criteria object.
 * @param record - a patient record (validated here).
 * @param options - time points (default: the criteria's schedule; each with
 *   whole-number `day` and `windowDays` ≥ 0), window, carry-forward, `outcome`
 *   (status at the time point, the default, or best response by it), readings.
 * @returns the timeline.
 * @throws {@link InputError} for a malformed record, or for a malformed option
 *   (paths `options.…`, e.g. `options.timepoints[1].windowDays`).
 * @example
 * ```ts
 * import { assessRecord, criteria } from 'lupus-renal-criteria';
 * const t = assessRecord(criteria.kang2020, {
 *   id: 'p', patient: { sex: 'F' },
 *   baseline: { proteinuria: { value: 3.4, unit: 'g/24h' }, serumCreatinine: { value: 60, unit: 'umol/L' } },
 *   visits: [{ day: 170, labs: { proteinuria: { value: 0.8, unit: 'g/24h' },
 *     serumCreatinine: { value: 62, unit: 'umol/L' }, serumAlbumin: { value: 38, unit: 'g/L' } } }],
 * });
 * t.timepoints[0]?.category; // 'PR'
 * ```
 * @category Classification
 */
export function assessRecord(
  criteria: ResponseCriteria,
  record: PatientRecordLike,
  options: TimepointOptions & { readonly timepoints?: readonly Timepoint[] } = {},
): RecordTimeline {
  criteriaOf(criteria, "response");
  checkTimepointOptions(criteria, options);
  const parsed = parseRecord(record, "patient record");
  if (!parsed.success) throw parsed.error;
  return timelineUnchecked(criteria, parsed.data, options);
}

/**
 * {@link assessRecord} without throwing, for a record of any shape (parsed JSON,
 * another system's export): `{ success: true, data }` with the timeline, or
 * `{ success: false, error }`. It never throws: an invalid criteria object gives
 * a {@link CriteriaError}; a malformed record, a record that cannot be read (a
 * throwing getter, a revoked Proxy) or a malformed option gives an
 * {@link InputError} naming each path (`visits[0].labs.serumAlbumin.unit`,
 * `options.windowDays`).
 *
 * @param criteria - a response criteria object.
 * @param record - a patient record, of any shape (validated here).
 * @param options - as for {@link assessRecord}.
 * @returns `{ success: true, data }` or `{ success: false, error }`.
 * @example
 * ```ts
 * import { criteria, safeAssessRecord } from 'lupus-renal-criteria';
 * const parsed: unknown = JSON.parse('{"id":"p","visits":[{"day":180,"labs":{"serumAlbumen":{"value":35,"unit":"g/L"}}}]}');
 * const r = safeAssessRecord(criteria.kang2020, parsed);
 * if (!r.success) r.error.issues[0]?.path; // 'visits[0].labs' (unrecognised key 'serumAlbumen')
 * ```
 * @category Classification
 */
export function safeAssessRecord(
  criteria: ResponseCriteria,
  record: unknown,
  options: TimepointOptions & { readonly timepoints?: readonly Timepoint[] } = {},
): { success: true; data: RecordTimeline } | { success: false; error: InputError | CriteriaError } {
  // assessRecord validates the record at run time whatever its static type.
  return settle(() => assessRecord(criteria, record as PatientRecordLike, options), "input");
}

/**
 * {@link assessRecord} for a record already validated by `PatientRecordSchema`.
 *
 * @param criteria - a response criteria object.
 * @param r - a validated patient record.
 * @param options - as for {@link assessRecord} (validated here).
 * @returns the timeline.
 * @throws {@link InputError} for a malformed option (paths `options.…`).
 * @example
 * ```ts
 * import { criteria, PatientRecordSchema, timelineOfValidated } from 'lupus-renal-criteria';
 * const t = timelineOfValidated(criteria.zhang2023, PatientRecordSchema.parse({ id: 'p' }));
 * t.timepoints.length; // 4
 * ```
 * @internal Not part of the public API (used by the library and its tests).
 */
export function timelineOfValidated(
  criteria: ResponseCriteria,
  r: PatientRecord,
  options: TimepointOptions & { readonly timepoints?: readonly Timepoint[] } = {},
): RecordTimeline {
  criteriaOf(criteria, "response");
  checkTimepointOptions(criteria, options);
  return timelineUnchecked(criteria, r, options);
}

const RANK: Readonly<Record<string, number>> = { CR: 3, PR: 2, NR: 1 };

type VisitAssessment = RecordTimeline["visits"][number];
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * {@link timelineOfValidated} with the options already validated (the cohort
 * functions validate them once).
 *
 * @internal
 */
export function timelineUnchecked(
  criteria: ResponseCriteria,
  r: PatientRecord,
  options: TimepointOptions & {
    readonly timepoints?: readonly Timepoint[];
    /**
     * Only the time points are read (a cohort summary without estimands): the
     * visits are classified when a time point needs them, and `visits` is empty.
     */
    readonly timepointsOnly?: boolean;
  } = {},
): RecordTimeline {
  const outcome = options.outcome ?? "at-timepoint";
  const timepoints = options.timepoints ?? criteria.schedule?.timepoints ?? [];
  const details = options.details ?? true;
  const compiled = compileCached(criteria, options);
  const subject = (v: DatedVisit) => ({
    patient: r.patient,
    baseline: r.baseline,
    current: v.labs,
  });
  const explain = (v: DatedVisit) => classifyValidated(criteria, subject(v), options);
  const dated = datedVisits(r);
  // Each visit classified once, when first needed (by the visit list or a time point).
  const classified = new Map<number, VisitAssessment>();
  const at = (v: DatedVisit): VisitAssessment => {
    let hit = classified.get(v.day);
    if (!hit) {
      if (details) {
        const result = explain(v);
        hit = { day: v.day, category: result.category, endpoints: result.endpoints, result };
      } else {
        const fast = compiled.classify(subject(v));
        hit = { day: v.day, category: fast.category, endpoints: fast.endpoints };
      }
      classified.set(v.day, hit);
    }
    return hit;
  };
  const visits = options.timepointsOnly === true && outcome === "at-timepoint" ? [] : dated.map(at);
  const events = r.events ?? [];
  const tps: TimepointAssessment[] = timepoints.map((tp) => {
    if (outcome === "best-by-timepoint") return bestBy(tp);
    const resolved = resolveValidated(r, tp, options, dated);
    const window = options.windowDays ?? tp.windowDays;
    // Events count up to the assessment itself when a visit in the window stands for the time point.
    const assessed = resolved.visit && !resolved.carriedForward ? resolved.visit.day : undefined;
    const rescueTherapy = events.some(
      (e) => e.type === "rescue-therapy" && e.day <= (assessed ?? tp.day + window),
    );
    const withdrawn = events.some(
      (e) =>
        (e.type === "withdrawal" || e.type === "death" || e.type === "end-of-follow-up") &&
        (assessed === undefined ? e.day <= tp.day + window : e.day < assessed),
    );
    const base = { label: tp.label, targetDay: tp.day, rescueTherapy, withdrawn };
    if (!resolved.visit) {
      return {
        ...base,
        category: "missing" as const,
        ...(resolved.reason === undefined ? {} : { reason: resolved.reason }),
        endpoints: {},
        missing: [],
        treatmentFailure: rescueTherapy ? "met" : "unknown",
      };
    }
    const visit = resolved.visit;
    const known = at(visit);
    const full = known.result;
    const { category, endpoints } = known;
    const why = full ?? (category === "indeterminate" ? explain(visit) : undefined);
    const missing = why?.missing ?? [];
    const censored = why?.censored;
    // Built key by key in the order of the conditional-spread literal it replaces
    // (object spread was a third of a cohort summary's time).
    const out: Mutable<TimepointAssessment> = {
      label: tp.label,
      targetDay: tp.day,
      rescueTherapy,
      withdrawn,
      category,
      visitDay: visit.day,
    } as Mutable<TimepointAssessment>;
    if (resolved.carriedForward) {
      out.carriedForward = true;
      out.reason = `carried forward: ${resolved.reason}`;
    }
    out.endpoints = endpoints;
    out.missing = missing;
    if (censored) out.censored = censored;
    if (full) out.result = full;
    out.treatmentFailure = treatmentFailure(rescueTherapy, category);
    return out;
  });
  function bestBy(tp: Timepoint): TimepointAssessment {
    const window = options.windowDays ?? tp.windowDays;
    const end = tp.day + window;
    const span = visits.filter((v) => v.day <= end);
    let best: (typeof visits)[number] | undefined;
    for (const v of span) {
      const rank = RANK[v.category] ?? 0;
      if (rank > (best ? (RANK[best.category] ?? 0) : 0)) best = v;
    }
    const bestRank = best ? (RANK[best.category] ?? 0) : 0;
    // Indeterminate visits that might still beat the best decided one.
    const open = span
      .filter((v) => v.category === "indeterminate")
      .map((v) => ({
        v,
        full: v.result ?? explain(dated.find((d) => d.day === v.day) as DatedVisit),
      }))
      .filter((x) => x.full.possibleCategories.some((c) => (RANK[c] ?? 0) > bestRank));
    const assessed = open.length === 0 ? best?.day : undefined;
    const rescueTherapy = events.some(
      (e) => e.type === "rescue-therapy" && e.day <= (assessed ?? end),
    );
    const withdrawn = events.some(
      (e) =>
        (e.type === "withdrawal" || e.type === "death" || e.type === "end-of-follow-up") &&
        (assessed === undefined ? e.day <= end : e.day < assessed),
    );
    const base = { label: tp.label, targetDay: tp.day, rescueTherapy, withdrawn };
    if (span.length === 0) {
      const resolved = resolveValidated(r, tp, { ...options, carryForward: false }, dated);
      return {
        ...base,
        category: "missing",
        ...(resolved.reason === undefined ? {} : { reason: resolved.reason }),
        endpoints: {},
        missing: [],
        treatmentFailure: rescueTherapy ? "met" : "unknown",
      };
    }
    // End points: met when met at any visit of the span (Kleene OR).
    const endpointsOf = (v: (typeof visits)[number]) => v.endpoints;
    const endpoints: Record<string, Truth> = {};
    for (const v of span) {
      for (const [name, truth] of Object.entries(endpointsOf(v))) {
        const was = endpoints[name];
        endpoints[name] =
          was === "met" || truth === "met"
            ? "met"
            : was === "unknown" || truth === "unknown"
              ? "unknown"
              : "not-met";
      }
    }
    const category: CategoryOrIndeterminate =
      open.length > 0 ? "indeterminate" : (best?.category ?? "indeterminate");
    const missing =
      category === "indeterminate" ? [...new Set(open.flatMap((x) => x.full.missing))] : [];
    const censored =
      category === "indeterminate" ? [...new Set(open.flatMap((x) => x.full.censored ?? []))] : [];
    const failure = treatmentFailure(rescueTherapy, category);
    const standing = category === "indeterminate" ? undefined : best;
    return {
      ...base,
      category,
      ...(standing ? { visitDay: standing.day } : {}),
      reason:
        standing === undefined
          ? `best response from day 0 to day ${end}: undecided (${open.length} indeterminate visit${open.length === 1 ? "" : "s"})`
          : `best response from day 0 to day ${end}: ${standing.category} on day ${standing.day}`,
      endpoints,
      missing,
      ...(censored.length ? { censored } : {}),
      ...(standing?.result ? { result: standing.result } : {}),
      treatmentFailure: failure,
    };
  }
  const isResponse = (c: CategoryOrIndeterminate) => c === "CR" || c === "PR";
  const first = visits.find((v) => isResponse(v.category));
  const firstCR = visits.find((v) => v.category === "CR");
  const loss = first ? visits.find((v) => v.day > first.day && v.category === "NR") : undefined;
  const last = visits.at(-1);
  return {
    id: r.id,
    outcome,
    visits,
    timepoints: tps,
    ...(first ? { firstResponseDay: first.day } : {}),
    ...(firstCR ? { firstCompleteResponseDay: firstCR.day } : {}),
    ...(loss ? { lossOfResponseDay: loss.day } : {}),
    ...(first && loss
      ? { responseDurationDays: loss.day - first.day, responseCensored: false }
      : {}),
    ...(first && !loss && last
      ? { responseDurationDays: last.day - first.day, responseCensored: true }
      : {}),
  };
}
