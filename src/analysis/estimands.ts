/**
 * Estimands (ICH E9(R1)): how each intercurrent event changes what a time
 * point's category stands for. An intercurrent event is something after the
 * start of treatment that affects either the interpretation or the existence of
 * the measurements: rescue therapy, discontinuation of the study treatment,
 * withdrawal for an adverse event or another reason, death. Each kind is handled
 * by a named strategy:
 *
 * - `composite`: the event is part of the outcome — a response after (or
 *   without an assessment before) the event counts as non-response (`NR`);
 * - `treatment-policy`: the event is ignored — the observed values are used
 *   whatever happened (a withdrawn patient with no visit stays `missing`);
 * - `while-on-treatment`: only assessments up to the event count — the time
 *   point takes the category of the last visit on or before the event;
 * - `hypothetical`: what would have happened without the event — assessments
 *   after the event are treated as missing (and are left out of the denominator
 *   of a summary rather than counted as non-response; no imputation is made).
 *
 * When several events happen by a time point, the earliest decides (the later
 * ones happen in a course already changed by it); on the same day the order is
 * death, withdrawal, treatment discontinuation, rescue therapy.
 *
 * @module
 */

import type { RecordTimeline, TimepointAssessment } from "../api/timeline.js";
import type { Truth } from "../ir/kleene.js";
import type { CategoryOrIndeterminate, Timepoint } from "../ir/types.js";
import type { FollowUpEvent } from "../model/record.js";

/**
 * The kinds of intercurrent event the library recognises in a record's
 * `events`: `rescue-therapy`, `treatment-discontinuation`, `withdrawal` with
 * reason `adverse-event` (→ `withdrawal-adverse-event`) or any other reason
 * (→ `withdrawal-other`), and `death`. `end-of-follow-up` (administrative) and
 * `missed-visit` are not intercurrent events.
 *
 * @example
 * ```ts
 * import type { IntercurrentEventKind } from 'lupus-renal-criteria/analysis';
 * const k: IntercurrentEventKind = 'withdrawal-adverse-event';
 * ```
 * @category Cohorts and statistics
 */
export type IntercurrentEventKind =
  | "rescue-therapy"
  | "treatment-discontinuation"
  | "withdrawal-adverse-event"
  | "withdrawal-other"
  | "death";

/**
 * The ICH E9(R1) strategies for handling an intercurrent event (see the module
 * description for what each does to a time point).
 *
 * @example
 * ```ts
 * import type { EstimandStrategy } from 'lupus-renal-criteria/analysis';
 * const s: EstimandStrategy = 'composite';
 * ```
 * @category Cohorts and statistics
 */
export type EstimandStrategy =
  | "composite"
  | "treatment-policy"
  | "while-on-treatment"
  | "hypothetical";

/**
 * Every intercurrent event kind, in the order used for ties on one day.
 *
 * @category Cohorts and statistics
 */
export const INTERCURRENT_EVENT_KINDS: readonly IntercurrentEventKind[] = Object.freeze([
  "death",
  "withdrawal-adverse-event",
  "withdrawal-other",
  "treatment-discontinuation",
  "rescue-therapy",
]);

/**
 * Every strategy name.
 *
 * @category Cohorts and statistics
 */
export const ESTIMAND_STRATEGIES: readonly EstimandStrategy[] = Object.freeze([
  "composite",
  "treatment-policy",
  "while-on-treatment",
  "hypothetical",
]);

/**
 * An estimand's handling of intercurrent events: a strategy per event kind,
 * and where that choice comes from.
 *
 * @example
 * ```ts
 * import type { Estimand } from 'lupus-renal-criteria/analysis';
 * const e: Estimand = {
 *   strategies: { 'rescue-therapy': 'composite', 'treatment-discontinuation': 'treatment-policy',
 *     'withdrawal-adverse-event': 'composite', 'withdrawal-other': 'hypothetical', death: 'composite' },
 *   source: 'protocol section 9.4',
 * };
 * ```
 * @category Cohorts and statistics
 */
export interface Estimand {
  readonly strategies: Readonly<Record<IntercurrentEventKind, EstimandStrategy>>;
  /** Where the strategies come from (a trial text, a protocol, or the library's default). */
  readonly source: string;
}

/**
 * The library's default estimand for a definition whose text names no handling
 * of intercurrent events: non-responder handling (`composite`) of rescue
 * therapy, withdrawal and death — what the published LN cohorts do when they
 * report intention-to-treat rates (Zhang 2023 and Kang 2020 count withdrawn
 * patients as non-responders) — and `treatment-policy` for a discontinuation
 * of study treatment with follow-up continuing (its later visits are observed).
 *
 * @example
 * ```ts
 * import { DEFAULT_ESTIMAND } from 'lupus-renal-criteria/analysis';
 * DEFAULT_ESTIMAND.strategies['rescue-therapy']; // 'composite'
 * ```
 * @category Cohorts and statistics
 */
export const DEFAULT_ESTIMAND: Estimand = Object.freeze({
  strategies: Object.freeze({
    "rescue-therapy": "composite",
    "treatment-discontinuation": "treatment-policy",
    "withdrawal-adverse-event": "composite",
    "withdrawal-other": "composite",
    death: "composite",
  }),
  source:
    "library default (no handling named by the definition): non-responder handling of rescue therapy, withdrawal and death; treatment policy for discontinuation with follow-up continuing",
});

/**
 * What a summary records when no estimand is applied: every event handled by
 * treatment policy (the observed values), missing assessments left to the
 * analysis rule (`itt` counts them as non-response, `evaluable` leaves them out).
 *
 * @example
 * ```ts
 * import { OBSERVED_ESTIMAND } from 'lupus-renal-criteria/analysis';
 * OBSERVED_ESTIMAND.strategies.death; // 'treatment-policy'
 * ```
 * @category Cohorts and statistics
 */
export const OBSERVED_ESTIMAND: Estimand = Object.freeze({
  strategies: Object.freeze({
    "rescue-therapy": "treatment-policy",
    "treatment-discontinuation": "treatment-policy",
    "withdrawal-adverse-event": "treatment-policy",
    "withdrawal-other": "treatment-policy",
    death: "treatment-policy",
  }),
  source:
    "none applied: observed values (treatment policy for every event); missing assessments are handled by the analysis rule",
});

const allComposite = (source: string): Estimand =>
  Object.freeze({
    strategies: Object.freeze({
      "rescue-therapy": "composite",
      "treatment-discontinuation": "composite",
      "withdrawal-adverse-event": "composite",
      "withdrawal-other": "composite",
      death: "composite",
    }),
    source,
  });

const rescueComposite = (source: string): Estimand =>
  Object.freeze({
    strategies: Object.freeze({ ...DEFAULT_ESTIMAND.strategies, "rescue-therapy": "composite" }),
    source,
  });

/**
 * The estimands the trial texts define, by criteria id. REGENCY names every
 * intercurrent event as a failure of its primary end point; AURORA 1 and
 * BLISS-LN name rescue therapy (the other events take the library default).
 */
const TRIAL_ESTIMANDS: Readonly<Record<string, Estimand>> = Object.freeze({
  regency2025: allComposite(
    "REGENCY (Furie 2025, doi:10.1056/NEJMoa2410965), abstract: complete renal response requires 'no intercurrent event (rescue therapy, treatment failure, death, or early withdrawal)' — composite for every event",
  ),
  aurora1: rescueComposite(
    "AURORA 1 (Rovin 2021, doi:10.1016/S0140-6736(21)00578-X), abstract: 'no administration of rescue medication' — composite for rescue therapy; other events: library default",
  ),
  blissln2020: rescueComposite(
    "BLISS-LN (Furie 2020, doi:10.1056/NEJMoa2001180), abstract: 'no use of rescue therapy' — composite for rescue therapy; other events: library default",
  ),
  blissln2020Registry: rescueComposite(
    "BLISS-LN registry definition (NCT01639339): 'no rescue therapy' — composite for rescue therapy; other events: library default",
  ),
});

/**
 * The default estimand of a definition: the one its trial text defines
 * (REGENCY, AURORA 1, BLISS-LN), else {@link DEFAULT_ESTIMAND}.
 *
 * @param criteriaId - the id of a response criteria object.
 * @returns the estimand, frozen.
 * @example
 * ```ts
 * import { defaultEstimand } from 'lupus-renal-criteria/analysis';
 * defaultEstimand('regency2025').strategies.death; // 'composite'
 * defaultEstimand('zhang2023').strategies['treatment-discontinuation']; // 'treatment-policy'
 * ```
 * @category Cohorts and statistics
 */
export function defaultEstimand(criteriaId: string): Estimand {
  return Object.hasOwn(TRIAL_ESTIMANDS, criteriaId)
    ? (TRIAL_ESTIMANDS[criteriaId] as Estimand)
    : DEFAULT_ESTIMAND;
}

/**
 * An intercurrent event found in a record.
 *
 * @example
 * ```ts
 * import type { IntercurrentEvent } from 'lupus-renal-criteria/analysis';
 * const e: IntercurrentEvent = { kind: 'death', day: 120 };
 * ```
 * @category Cohorts and statistics
 */
export interface IntercurrentEvent {
  readonly kind: IntercurrentEventKind;
  readonly day: number;
}

/**
 * The intercurrent events of a record's follow-up events, earliest first (ties
 * in the order of {@link INTERCURRENT_EVENT_KINDS}).
 *
 * @param events - the record's `events`.
 * @returns the intercurrent events.
 * @example
 * ```ts
 * import { intercurrentEvents } from 'lupus-renal-criteria/analysis';
 * intercurrentEvents([{ type: 'withdrawal', day: 40, reason: 'adverse-event' },
 *   { type: 'end-of-follow-up', day: 50 }]); // [{ kind: 'withdrawal-adverse-event', day: 40 }]
 * ```
 * @category Cohorts and statistics
 */
export function intercurrentEvents(events: readonly FollowUpEvent[]): IntercurrentEvent[] {
  const out: IntercurrentEvent[] = [];
  for (const e of events) {
    if (e.type === "rescue-therapy") out.push({ kind: "rescue-therapy", day: e.day });
    else if (e.type === "treatment-discontinuation") {
      out.push({ kind: "treatment-discontinuation", day: e.day });
    } else if (e.type === "death") out.push({ kind: "death", day: e.day });
    else if (e.type === "withdrawal") {
      out.push({
        kind: e.reason === "adverse-event" ? "withdrawal-adverse-event" : "withdrawal-other",
        day: e.day,
      });
    }
  }
  const rank = (k: IntercurrentEventKind) => INTERCURRENT_EVENT_KINDS.indexOf(k);
  return out.sort((a, b) => a.day - b.day || rank(a.kind) - rank(b.kind));
}

/**
 * A time point's assessment under an estimand: the observed assessment, the
 * category that counts under the estimand, and the event and strategy that
 * changed it (if any).
 *
 * @example
 * ```ts
 * import type { EstimandAssessment } from 'lupus-renal-criteria/analysis';
 * type C = EstimandAssessment['category']; // CR | PR | NR | indeterminate | missing
 * ```
 * @category Cohorts and statistics
 */
export interface EstimandAssessment {
  readonly label: string;
  readonly targetDay: number;
  /** The category under the estimand. */
  readonly category: CategoryOrIndeterminate | "missing";
  /** End points under the estimand (all `not-met` under a composite failure). */
  readonly endpoints: Readonly<Record<string, Truth>>;
  /** The day of the visit the category comes from, if any. */
  readonly visitDay?: number;
  /** The observed assessment (treatment policy for every event). */
  readonly observed: TimepointAssessment;
  /** The intercurrent event that decided the handling, with its strategy. */
  readonly intercurrentEvent?: IntercurrentEvent & { readonly strategy: EstimandStrategy };
  /**
   * `true` when the hypothetical strategy made the assessment missing: a
   * summary leaves it out of the denominator (no imputation), with this reason.
   */
  readonly hypotheticalMissing?: boolean;
  /** Why the category differs from the observed one. */
  readonly reason?: string;
}

/**
 * A record's timeline under an estimand.
 *
 * @example
 * ```ts
 * import type { EstimandTimeline } from 'lupus-renal-criteria/analysis';
 * type T = EstimandTimeline['timepoints'][number]['category'];
 * ```
 * @category Cohorts and statistics
 */
export interface EstimandTimeline {
  readonly id: string;
  readonly estimand: Estimand;
  readonly intercurrentEvents: readonly IntercurrentEvent[];
  readonly timepoints: readonly EstimandAssessment[];
}

const describe = (e: IntercurrentEvent) => `${e.kind.replaceAll("-", " ")} on day ${e.day}`;

/**
 * Apply an estimand to a record's timeline (from `assessRecord` or a cohort
 * summary's `patients`). For each time point, the earliest intercurrent event
 * on or before the assessment (the visit that stands for the time point; with
 * no such visit, the end of its window) decides:
 * `composite` → `NR` (end points not met); `treatment-policy` → the observed
 * assessment; `while-on-treatment` → the category of the last visit on or
 * before the event (`missing` if there is none); `hypothetical` → `missing`,
 * flagged `hypotheticalMissing`. With no intercurrent event by the time point,
 * the observed assessment stands.
 *
 * @param timeline - the record's timeline.
 * @param events - the record's `events`.
 * @param estimand - the strategies (default: {@link DEFAULT_ESTIMAND}).
 * @param timepoints - the time points of the timeline (their `windowDays` say
 *   how far events count when no visit stands for a time point; without them,
 *   events up to the target day).
 * @returns the timeline under the estimand.
 * @example
 * ```ts
 * import { assessRecord, criteria } from 'lupus-renal-criteria';
 * import { applyEstimand, DEFAULT_ESTIMAND } from 'lupus-renal-criteria/analysis';
 * const record = { id: 'p', patient: { sex: 'F' as const },
 *   baseline: { proteinuria: { value: 3, unit: 'g/24h' as const } },
 *   visits: [{ day: 180, labs: { proteinuria: { value: 0.2, unit: 'g/24h' as const } } }],
 *   events: [{ type: 'rescue-therapy' as const, day: 100 }] };
 * const t = applyEstimand(assessRecord(criteria.kang2020, record), record.events, DEFAULT_ESTIMAND);
 * t.timepoints[0]?.category; // 'NR' (composite: rescue therapy on day 100)
 * ```
 * @category Cohorts and statistics
 */
export function applyEstimand(
  timeline: RecordTimeline,
  events: readonly FollowUpEvent[],
  estimand: Estimand = DEFAULT_ESTIMAND,
  timepoints: readonly Timepoint[] = [],
): EstimandTimeline {
  const ices = intercurrentEvents(events);
  const windows = new Map(timepoints.map((tp) => [tp.label, tp.windowDays]));
  const assessments = timeline.timepoints.map((observed): EstimandAssessment => {
    // As in assessRecord: rescue therapy and discontinuation count up to and including the
    // visit that stands for the time point; withdrawal and death only before it. Without such
    // a visit, every event up to the end of the window counts.
    const assessed =
      observed.visitDay !== undefined && !observed.carriedForward ? observed.visitDay : undefined;
    const end = observed.targetDay + (windows.get(observed.label) ?? 0);
    const applies = (e: IntercurrentEvent) =>
      assessed === undefined
        ? e.day <= end
        : e.kind === "rescue-therapy" || e.kind === "treatment-discontinuation"
          ? e.day <= assessed
          : e.day < assessed;
    const base = {
      label: observed.label,
      targetDay: observed.targetDay,
      observed,
    };
    const asObserved = (): EstimandAssessment => ({
      ...base,
      category: observed.category,
      endpoints: observed.endpoints,
      ...(observed.visitDay === undefined ? {} : { visitDay: observed.visitDay }),
    });
    const ice = ices.find(applies);
    if (!ice) return asObserved();
    const strategy = estimand.strategies[ice.kind];
    const tagged = { ...ice, strategy };
    switch (strategy) {
      case "treatment-policy":
        return { ...asObserved(), intercurrentEvent: tagged };
      case "composite":
        return {
          ...base,
          category: "NR",
          endpoints: Object.fromEntries(
            Object.keys(observed.endpoints).map((k) => [k, "not-met" as Truth]),
          ),
          intercurrentEvent: tagged,
          reason: `non-response (composite strategy): ${describe(ice)}`,
        };
      case "while-on-treatment": {
        const last = [...timeline.visits].reverse().find((v) => v.day <= ice.day);
        if (!last) {
          return {
            ...base,
            category: "missing",
            endpoints: {},
            intercurrentEvent: tagged,
            reason: `no assessment before ${describe(ice)} (while-on-treatment strategy)`,
          };
        }
        const same = observed.visitDay === last.day && !observed.carriedForward;
        return {
          ...base,
          category: last.category,
          endpoints: same ? observed.endpoints : last.endpoints,
          visitDay: last.day,
          intercurrentEvent: tagged,
          ...(same
            ? {}
            : {
                reason: `last assessment on treatment, day ${last.day}, before ${describe(ice)} (while-on-treatment strategy)`,
              }),
        };
      }
      case "hypothetical":
        return {
          ...base,
          category: "missing",
          endpoints: {},
          intercurrentEvent: tagged,
          hypotheticalMissing: true,
          reason: `assessments after ${describe(ice)} treated as missing (hypothetical strategy)`,
        };
      default: {
        const never: never = strategy;
        throw new TypeError(`unknown estimand strategy ${String(never)}`);
      }
    }
  });
  return { id: timeline.id, estimand, intercurrentEvents: ices, timepoints: assessments };
}
