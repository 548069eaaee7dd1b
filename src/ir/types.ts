/**
 * The shape of a criteria object: plain, JSON-serialisable data.
 *
 * @module
 */

import type { UpcrConversion } from "../units/upcr-conversion.js";
import type { Bind, Binding, Expr, Locator, Measure } from "./expr.js";

/**
 * How well the numbers of a definition were checked against its source:
 * `verified` (read in the primary text), `secondary` (a secondary source
 * reproducing the primary), `third-party` (a third-party transcription), or
 * `unverified` (not checked; never presented as verified).
 *
 * @example
 * ```ts
 * import type { Evidence } from 'lupus-renal-criteria';
 * const e: Evidence = 'verified';
 * ```
 * @category Criteria as data
 */
export type Evidence = "verified" | "secondary" | "third-party" | "unverified";

/**
 * A bibliographic citation.
 *
 * @example
 * ```ts
 * import type { Citation } from 'lupus-renal-criteria';
 * const c: Citation = {
 *   short: 'Kang 2020', authors: 'Kang Y, Yan Q, Fu Q, et al.', year: 2020,
 *   title: 'Iguratimod as an alternative induction therapy for refractory lupus nephritis',
 *   journal: 'Arthritis Res Ther', doi: '10.1186/s13075-020-02154-7',
 * };
 * ```
 * @category Criteria as data
 */
export interface Citation {
  /** Short form used in sentences ("Kang 2020"). */
  readonly short: string;
  readonly authors: string;
  readonly year: number;
  readonly title: string;
  /** Journal with volume and article or pages, as printed. */
  readonly journal: string;
  /** The DOI, when the source has one that was verified. */
  readonly doi?: string;
  /** Where the source was read, when it has no verified DOI (e.g. a congress abstract). */
  readonly url?: string;
}

/**
 * One permitted reading of an ambiguous phrase: what it binds and why.
 *
 * @example
 * ```ts
 * import type { Reading } from 'lupus-renal-criteria';
 * const r: Reading = {
 *   label: '< 0.5 g/day', rationale: 'the stricter end of the printed range',
 *   bindings: { crProteinuriaThreshold: { value: 0.5, unit: 'g/24h' } },
 * };
 * ```
 * @category Criteria as data
 */
export interface Reading {
  /** Short human label of the reading. */
  readonly label: string;
  /** Why this reading is permitted (and, for the default, why it is the default). */
  readonly rationale: string;
  /** Placeholder name → value. */
  readonly bindings: Readonly<Record<string, Binding>>;
  /**
   * How well the numbers this reading binds were checked, when they come from a
   * source other than the criteria's own (e.g. a default reference interval).
   */
  readonly evidence?: Evidence;
  /** Where those numbers come from, when not from the criteria's own source. */
  readonly reference?: string;
}

/**
 * An interpretation parameter: a phrase of the source that allows more than one
 * reading, the readings, and the documented default.
 *
 * @example
 * ```ts
 * import { criteria } from 'lupus-renal-criteria';
 * const p = criteria.zhang2023.parameters.crProteinuriaCutoff;
 * p?.default; // '0.5'
 * ```
 * @category Criteria as data
 */
export interface InterpretationParameter {
  /** The phrase of the source and what is ambiguous about it. */
  readonly description: string;
  /** Where the phrase stands. */
  readonly source: Locator;
  /** The reading used unless the caller picks another. */
  readonly default: string;
  /** Reading name → reading. */
  readonly readings: Readonly<Record<string, Reading>>;
}

/**
 * A named definition inside a criteria object: a response category (`CR`, `PR`)
 * or an end point (`overallResponse`).
 *
 * @example
 * ```ts
 * import type { Definition } from 'lupus-renal-criteria';
 * const d: Definition = { name: 'OR', label: 'overall response', expr: { op: 'any', id: 'or', label: 'CR or PR',
 *   of: [{ op: 'ref', to: 'CR' }, { op: 'ref', to: 'PR' }] }, source: { section: '§2.4' } };
 * ```
 * @category Criteria as data
 */
export interface Definition {
  readonly name: string;
  readonly label: string;
  readonly expr: Expr;
  readonly source: Locator;
}

/**
 * A region of the input space that the source's text leaves without a category
 * (e.g. Kang 2020: proteinuria below the PR range while CR fails on sediment or
 * creatinine). When the patient falls into it, the result carries the gap.
 *
 * @example
 * ```ts
 * import { criteria } from 'lupus-renal-criteria';
 * criteria.kang2020.gaps[0]?.id; // 'below-pr-range-not-cr'
 * ```
 * @category Criteria as data
 */
export interface Gap {
  readonly id: string;
  /** What is uncovered, in words. */
  readonly description: string;
  /** The category the library reports there, and why. */
  readonly reportedAs: "NR";
  /** Holds (met) when the patient is inside the region; checked only when NR results. */
  readonly when: Expr;
  readonly source: Locator;
}

/**
 * How the object relates the unit families its source pairs: `upcr` is the
 * conversion between a UPCR in mg/mmol and a mass ratio (g/g, mg/g), fixed or
 * bound by an interpretation parameter (conventionally `upcrConversion`, with
 * readings `printed` — the source's own pairing, 1 g/g = 100 mg/mmol — and
 * `exact`, creatinine 113.12 g/mol). Absent: exact. Applied to every clause on
 * proteinuria by every backend (see `unitUnder`).
 *
 * @example
 * ```ts
 * import type { Conversions } from 'lupus-renal-criteria';
 * const c: Conversions = { upcr: { bind: 'upcrConversion' } };
 * ```
 * @category Criteria as data
 */
export interface Conversions {
  readonly upcr: UpcrConversion | Bind;
}

/**
 * A response category: complete response, partial response, no response.
 *
 * @example
 * ```ts
 * import type { ResponseCategory } from 'lupus-renal-criteria';
 * const c: ResponseCategory = 'PR';
 * ```
 * @category Criteria as data
 */
export type ResponseCategory = "CR" | "PR" | "NR";

/**
 * A category or `indeterminate` (some needed input missing or unusable).
 *
 * @example
 * ```ts
 * import type { CategoryOrIndeterminate } from 'lupus-renal-criteria';
 * const c: CategoryOrIndeterminate = 'indeterminate';
 * ```
 * @category Criteria as data
 */
export type CategoryOrIndeterminate = ResponseCategory | "indeterminate";

/**
 * A renal-response criteria object. NR is every needed input known and no listed
 * category met; categories are tried in order (CR before PR).
 *
 * @example
 * ```ts
 * import { criteria } from 'lupus-renal-criteria';
 * const k = criteria.kang2020;
 * `${k.id}@${k.version}`; // 'kang2020@1.1.1'
 * ```
 * @category Criteria as data
 */
export interface ResponseCriteria {
  readonly kind: "response";
  /** Stable id; a variant from {@link withOptions} gets its own. */
  readonly id: string;
  /** Semantic version: a change to any classification output is a new version. */
  readonly version: string;
  readonly title: string;
  readonly citation: Citation;
  /** Where the definition stands in the source. */
  readonly locator: Locator;
  readonly evidence: Evidence;
  /** Which proteinuria measure the definition is written for. */
  readonly proteinuriaMeasure: Extract<Measure, "proteinuria24h" | "upcr">;
  readonly parameters: Readonly<Record<string, InterpretationParameter>>;
  /** Ordered: the first met category wins (CR before PR). */
  readonly categories: readonly (Definition & { readonly name: "CR" | "PR" })[];
  /** How the source words NR. */
  readonly noResponse: { readonly label: string; readonly source: Locator };
  /** Further end points (overall response, secondary end points). */
  readonly endpoints: readonly Definition[];
  readonly gaps: readonly Gap[];
  /** Notes on scope and on decisions the library made. */
  readonly notes: readonly string[];
  /** For a variant: the id of the object it was derived from. */
  readonly derivedFrom?: string;
  /** The protocol time points at which the source judges response, when it has them. */
  readonly schedule?: Schedule;
  /** Unit-family conversions the source prints (absent: exact). */
  readonly conversions?: Conversions;
}

/**
 * A protocol time point: a target day after baseline and the window around it in
 * which a visit counts for it.
 *
 * @example
 * ```ts
 * import type { Timepoint } from 'lupus-renal-criteria';
 * const week24: Timepoint = { label: 'week 24', day: 168, windowDays: 28 };
 * ```
 * @category Criteria as data
 */
export interface Timepoint {
  readonly label: string;
  /** Target day after baseline (day 0). */
  readonly day: number;
  /** A visit within ± this many days of the target counts (nearest first, earlier on a tie). */
  readonly windowDays: number;
}

/**
 * The time points of a source's protocol and where they come from.
 *
 * @example
 * ```ts
 * import { criteria } from 'lupus-renal-criteria';
 * criteria.zhang2023.schedule?.timepoints.map((t) => t.label); // ['month 3', 'month 6', 'month 12', 'month 24']
 * ```
 * @category Criteria as data
 */
export interface Schedule {
  readonly timepoints: readonly Timepoint[];
  readonly source: Locator;
  /** How the days and windows were chosen. */
  readonly note: string;
}

/**
 * Which criteria object a result came from, in every result that classifies (response,
 * eligibility, flares): its id and version, the evidence of the numbers this result used (the
 * weakest of the object's and of every reading used), its citation, and the object it was
 * derived from, if any.
 *
 * @example
 * ```ts
 * import { classifyResponse, criteria, type CriteriaInfo } from 'lupus-renal-criteria';
 * const info: CriteriaInfo = classifyResponse(criteria.zhang2023, {}).criteria;
 * info.citation; // 'Zhang 2023'
 * ```
 * @category Results
 */
export interface CriteriaInfo {
  readonly id: string;
  readonly version: string;
  readonly evidence: Evidence;
  /** The short citation (`citation.short` of the object). */
  readonly citation: string;
  readonly doi?: string;
  /** The id and version of the object this one was derived from (a user's variant). */
  readonly derivedFrom?: string;
}

/**
 * In a result: the reading used for one interpretation parameter, how well the
 * numbers it binds were checked (`evidence`: the reading's own, or the criteria
 * object's when the reading takes its numbers from the object's source), where
 * they come from (`reference`), and whether any clause read it (`used`: false
 * when another reading made it irrelevant).
 *
 * @example
 * ```ts
 * import { classifyResponse, criteria, type ReadingEvidence } from 'lupus-renal-criteria';
 * const r = classifyResponse(criteria.zhang2023, { current: { proteinuria: { value: 0.3, unit: 'g/24h' } } });
 * const e: ReadingEvidence | undefined = r.readingEvidence.crProteinuriaCutoff;
 * e?.evidence; // 'verified'
 * ```
 * @category Criteria as data
 */
export interface ReadingEvidence {
  readonly reading: string;
  readonly evidence: Evidence;
  readonly reference?: string;
  readonly used: boolean;
}

/**
 * A choice of readings: parameter name → reading name.
 *
 * @example
 * ```ts
 * import type { InterpretationChoice } from 'lupus-renal-criteria';
 * const choice: InterpretationChoice = { crProteinuriaCutoff: '0.7' };
 * ```
 * @category Criteria as data
 */
export type InterpretationChoice = Readonly<Record<string, string>>;

/**
 * A response criteria object whose parameters keep their names and reading names as
 * literal types (every shipped definition), so that a misspelt parameter or reading
 * in `interpretation` is a compile error (see {@link InterpretationChoiceOf}); it is a
 * {@link ResponseCriteria} in every other respect.
 *
 * @example
 * ```ts
 * import { criteria, type ResponseCriteria, type ResponseCriteriaWithReadings } from 'lupus-renal-criteria';
 * const z: ResponseCriteriaWithReadings<(typeof criteria.zhang2023)['parameters']> = criteria.zhang2023;
 * const plain: ResponseCriteria = z; // still a ResponseCriteria
 * console.log(plain.id); // 'zhang2023'
 * ```
 * @category Criteria as data
 */
export type ResponseCriteriaWithReadings<P extends ResponseCriteria["parameters"]> = Omit<
  ResponseCriteria,
  "parameters"
> & { readonly parameters: P };

/**
 * A definition's parameters reduced to what the types need: each parameter's name
 * and the names of its readings (the type of every shipped definition's
 * `parameters`, so that the declarations stay short).
 *
 * @example
 * ```ts
 * import { criteria, type ReadingNames } from 'lupus-renal-criteria';
 * type P = (typeof criteria.zhang2023)['parameters'];
 * const names: ReadingNames<P> = criteria.zhang2023.parameters;
 * const cutoff: keyof P['crProteinuriaCutoff']['readings'] = '0.7'; // '0.5' | '0.7'
 * console.log(Object.keys(names), cutoff);
 * ```
 * @category Criteria as data
 */
export type ReadingNames<P extends ResponseCriteria["parameters"]> = {
  readonly [K in keyof P]: Omit<InterpretationParameter, "readings"> & {
    readonly readings: { readonly [R in keyof P[K]["readings"]]: Reading };
  };
};

/**
 * The readings one criteria object accepts, by parameter: for a shipped definition
 * (or any object typed with literal parameter names) each key is one of its
 * parameters and each value one of that parameter's readings; for a criteria
 * object typed as plain {@link ResponseCriteria} (e.g. loaded from JSON) it is
 * {@link InterpretationChoice}, checked at run time instead.
 *
 * @example
 * ```ts
 * import { criteria, type InterpretationChoiceOf } from 'lupus-renal-criteria';
 * const ok: InterpretationChoiceOf<typeof criteria.zhang2023> = { crProteinuriaCutoff: '0.7' };
 * // { crProteinuriaCutoff: '0.9' } or { crProteinuriaCutof: '0.7' } would not compile.
 * ```
 * @category Criteria as data
 */
export type InterpretationChoiceOf<C> = C extends { readonly parameters: infer P }
  ? string extends keyof P
    ? InterpretationChoice
    : {
        readonly [K in keyof P]?: P[K] extends { readonly readings: infer R }
          ? string extends keyof R
            ? string
            : Extract<keyof R, string>
          : never;
      }
  : InterpretationChoice;

/**
 * An eligibility rule (e.g. a definition of refractory lupus nephritis): one
 * clause tree over a patient record's baseline labs, treatment history and
 * exclusion facts, evaluated with three-valued logic.
 *
 * @example
 * ```ts
 * import { eligibility } from 'lupus-renal-criteria';
 * const k = eligibility.kang2020Refractory;
 * `${k.id}@${k.version}`; // 'kang2020Refractory@1.0.0'
 * ```
 * @category Criteria as data
 */
export interface EligibilityCriteria {
  readonly kind: "eligibility";
  readonly id: string;
  readonly version: string;
  readonly title: string;
  readonly citation: Citation;
  readonly locator: Locator;
  readonly evidence: Evidence;
  readonly parameters: Readonly<Record<string, InterpretationParameter>>;
  /** The rule: met = eligible, not met = ineligible, unknown = indeterminate. */
  readonly rule: Definition;
  readonly notes: readonly string[];
  readonly derivedFrom?: string;
}

/**
 * One grade (or kind) of flare: a named clause tree comparing an assessment with
 * its reference, optionally only after a prior response.
 *
 * @example
 * ```ts
 * import { flares } from 'lupus-renal-criteria';
 * flares.kdigo2012Relapse.grades.map((g) => g.name); // ['severe', 'moderate', 'mild']
 * ```
 * @category Criteria as data
 */
export interface FlareGrade extends Definition {
  /** Only counts when the previous assessment was a response of this kind. */
  readonly afterResponse?: "CR" | "PR" | "any";
}

/**
 * A flare / relapse definition. For `scope: 'visits'`, each visit is compared
 * with its reference (the `baseline` of the clauses is the reference, `current`
 * the visit); grades are tried in order, the first met is the flare's grade. For
 * `scope: 'extra-renal-events'`, each extra-renal-manifestation event is judged.
 *
 * @example
 * ```ts
 * import { flares } from 'lupus-renal-criteria';
 * flares.moroni2022.reference; // 'previous-visit'
 * ```
 * @category Criteria as data
 */
export interface FlareCriteria {
  readonly kind: "flare";
  readonly id: string;
  readonly version: string;
  readonly title: string;
  readonly citation: Citation;
  readonly locator: Locator;
  readonly evidence: Evidence;
  readonly parameters: Readonly<Record<string, InterpretationParameter>>;
  readonly scope: "visits" | "extra-renal-events";
  /** What a visit is compared with: the previous visit, or the record's baseline. */
  readonly reference: "previous-visit" | "baseline";
  /** Ordered, most severe first. */
  readonly grades: readonly FlareGrade[];
  readonly notes: readonly string[];
  readonly derivedFrom?: string;
  /** Unit-family conversions the source prints (absent: exact). */
  readonly conversions?: Conversions;
}
