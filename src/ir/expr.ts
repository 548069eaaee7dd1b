/**
 * The clause language: plain, JSON-serialisable data that a criteria object is
 * written in. One small evaluator ({@link evaluateExpr}) runs it; renderers, the
 * comparison tools and compilers read the same data.
 *
 * @module
 */
import type { Quantity } from "../units/schema.js";
import type { MeasureKind } from "../units/units.js";
import type { UpcrConversion } from "../units/upcr-conversion.js";

/**
 * A comparison operator, spelled as in the source text: "over 30 g/L" is `'>'`,
 * "at least 50%" is `'>='`, "no more than 25%" is `'<='`.
 *
 * @example
 * ```ts
 * import type { Comparator } from 'lupus-renal-criteria';
 * const atLeast: Comparator = '>=';
 * ```
 * @category Criteria as data
 */
export type Comparator = "<" | "<=" | ">" | ">=";

/**
 * A laboratory measure a clause can read. `proteinuria24h` and `upcr` both read
 * the input's `proteinuria` field but accept only values of their own kind.
 *
 * @example
 * ```ts
 * import type { Measure } from 'lupus-renal-criteria';
 * const m: Measure = 'serumCreatinine';
 * ```
 * @category Criteria as data
 */
export type Measure =
  | "proteinuria24h"
  | "upcr"
  | "serumCreatinine"
  | "serumAlbumin"
  | "egfr"
  | "urineRbc"
  | "urineWbc"
  | "urineAcanthocytes"
  | "prednisone";

/**
 * The measurement kind each measure reads (its unit family).
 *
 * @example
 * ```ts
 * import { MEASURE_KIND } from 'lupus-renal-criteria';
 * MEASURE_KIND.upcr; // 'upcr'
 * ```
 * @internal Not part of the public API (used by the library and its tests).
 */
export const MEASURE_KIND: Readonly<Record<Measure, MeasureKind>> = Object.freeze({
  proteinuria24h: "urineProtein24h",
  upcr: "upcr",
  serumCreatinine: "serumCreatinine",
  serumAlbumin: "serumAlbumin",
  egfr: "egfr",
  urineRbc: "cellsPerHpf",
  urineWbc: "cellsPerHpf",
  urineAcanthocytes: "cellsPerHpf",
  prednisone: "glucocorticoidDose",
});

/**
 * What a comparison reads: a value at baseline or at the current assessment, or
 * a change between them (in percent of the baseline value).
 *
 * - `value`: the measure at `at`;
 * - `percentDecrease`: (baseline − current) / baseline × 100;
 * - `percentIncrease`: (current − baseline) / baseline × 100;
 * - `absPercentChange`: |current − baseline| / baseline × 100;
 * - `percentOfBaseline`: current / baseline × 100;
 * - `increase` / `decrease`: current − baseline / baseline − current, in the
 *   threshold's unit (e.g. a creatinine rise of 0.2 mg/dL).
 *
 * @example
 * ```ts
 * import type { Operand } from 'lupus-renal-criteria';
 * const drop: Operand = { kind: 'percentDecrease', measure: 'proteinuria24h' };
 * ```
 * @category Criteria as data
 */
export type Operand =
  | { readonly kind: "value"; readonly measure: Measure; readonly at: "baseline" | "current" }
  | {
      readonly kind:
        | "percentDecrease"
        | "percentIncrease"
        | "absPercentChange"
        | "percentOfBaseline"
        | "increase"
        | "decrease";
      readonly measure: Measure;
    };

/**
 * A placeholder filled in from the chosen reading of an interpretation parameter.
 *
 * @example
 * ```ts
 * import type { Bind } from 'lupus-renal-criteria';
 * const b: Bind = { bind: 'crProteinuriaThreshold' };
 * ```
 * @category Criteria as data
 */
export interface Bind {
  /** The binding's name, as declared by the criteria's parameters. */
  readonly bind: string;
}

/**
 * Where in the source a clause comes from: a section, table or page, and the
 * words the clause encodes.
 *
 * @example
 * ```ts
 * import type { Locator } from 'lupus-renal-criteria';
 * const loc: Locator = { section: '§2.4', quote: 'serum albumin ≥ 30 g/L' };
 * ```
 * @category Criteria as data
 */
export interface Locator {
  /** Section, table, figure or page, e.g. `"§2.4"` or `"Methods, Outcomes"`. */
  readonly section: string;
  /** The source's own words that the clause encodes (short). */
  readonly quote?: string;
}

/**
 * A comparison clause: `left cmp right`, e.g. current 24-h urine protein `<` 0.5 g/24h.
 *
 * @example
 * ```ts
 * import type { CompareExpr } from 'lupus-renal-criteria';
 * const c: CompareExpr = {
 *   op: 'compare', id: 'albumin', label: 'serum albumin',
 *   left: { kind: 'value', measure: 'serumAlbumin', at: 'current' },
 *   cmp: '>=', right: { value: 30, unit: 'g/L' },
 *   source: { section: '§2.4', quote: 'serum albumin ≥ 30 g/L' },
 * };
 * ```
 * @category Criteria as data
 */
export interface CompareExpr {
  readonly op: "compare";
  /** Stable id of the clause within its criteria object. */
  readonly id: string;
  /** What is compared, in words ("24-h urine protein"). */
  readonly label: string;
  readonly left: Operand;
  readonly cmp: Comparator | Bind;
  /** The threshold, in the unit the source printed (`%` for changes). */
  readonly right: Quantity | Bind;
  readonly source: Locator;
  /**
   * Set by `resolveExpr` on proteinuria clauses from the object's
   * `conversions`: how mg/mmol relates to g/g in this clause (absent: exact).
   */
  readonly upcrConversion?: UpcrConversion;
}

/**
 * Named facts that are more than one comparison but are still pure functions of
 * the input and their parameters.
 *
 * - `urineSedimentNormal`: normal sediment: counts at or below `rbcMax`/`wbcMax`
 *   per hpf (or below, when `inclusive` is false) and no cellular casts, or the
 *   lab's own verdict `urineSediment.normal`.
 * - `serumCreatinineNormal`: current serum creatinine at or below the upper limit of
 *   the reference interval: the input's `serumCreatinineUpperLimit`, or else the
 *   sex-specific default `defaultUpperLimit` (reported as an assumption).
 * - `treatmentFailures`: the treatment history holds at least `atLeast` distinct
 *   immunosuppressive agents or regimens that failed or relapsed (see
 *   {@link TreatmentFailureParams}).
 * - `exclusionAbsent`: an exclusion condition is known to be absent.
 * - `observation`: a yes/no finding of the current assessment has the given
 *   value (cellular casts present; rescue therapy needed).
 *
 * @example
 * ```ts
 * import type { FactName } from 'lupus-renal-criteria';
 * const f: FactName = 'urineSedimentNormal';
 * ```
 * @category Criteria as data
 */
export type FactName =
  | "urineSedimentNormal"
  | "serumCreatinineNormal"
  | "treatmentFailures"
  | "exclusionAbsent"
  | "observation";

/**
 * Parameters of the `urineSedimentNormal` fact.
 *
 * @example
 * ```ts
 * import type { SedimentParams } from 'lupus-renal-criteria';
 * const p: SedimentParams = { rbcMax: 5, wbcMax: 5, inclusive: true };
 * ```
 * @category Criteria as data
 */
export interface SedimentParams {
  /** Largest normal RBC count per hpf. */
  readonly rbcMax: number;
  /** Largest normal WBC count per hpf. */
  readonly wbcMax: number;
  /** Whether a count equal to the maximum is normal (`≤`) or not (`<`). */
  readonly inclusive: boolean;
}

/**
 * A sex-specific pair of values, e.g. the upper limits of a reference interval.
 *
 * @example
 * ```ts
 * import type { SexSpecific } from 'lupus-renal-criteria';
 * const uln: SexSpecific = { F: { value: 91.9, unit: 'umol/L' }, M: { value: 119.3, unit: 'umol/L' } };
 * ```
 * @category Criteria as data
 */
export interface SexSpecific {
  /** The value for women. */
  readonly F: Quantity;
  /** The value for men. */
  readonly M: Quantity;
}

/**
 * Parameters of the `treatmentFailures` fact: what counts as a failed
 * immunosuppressive agent or regimen in a treatment history.
 *
 * A course counts as failed when it gave no response (NR) and ended in failure, or
 * gave no response for at least `minDurationMonths`. A course that reached CR or
 * PR and then failed or relapsed counts only when `relapseCounts` is true. An NR
 * course of unreported duration counts as `nrWithoutDuration` says; a course
 * whose response is not reported is unknown; a course stopped for an adverse
 * event, or still in response, did not fail.
 *
 * @example
 * ```ts
 * import type { TreatmentFailureParams } from 'lupus-renal-criteria';
 * const kang: TreatmentFailureParams = {
 *   atLeast: 2, countSequenceAs: 'one-regimen', includeGlucocorticoidPulses: false,
 *   minDurationMonths: 6, nrWithoutDuration: 'unknown', relapseCounts: true,
 * };
 * ```
 * @category Criteria as data
 */
export interface TreatmentFailureParams {
  /** How many distinct failed agents (or regimens) are needed. */
  readonly atLeast: number;
  /**
   * `one-regimen`: a sequence or combination course is one regimen (its agents
   * together); `each-agent`: every agent of the course counts on its own.
   */
  readonly countSequenceAs: "one-regimen" | "each-agent";
  /** Whether glucocorticoid pulses count as an immunosuppressive agent. */
  readonly includeGlucocorticoidPulses: boolean;
  /** Months without response that make an NR course a failure. */
  readonly minDurationMonths: number;
  /** How an NR course of unreported duration counts: unknown, or a failure. */
  readonly nrWithoutDuration: "unknown" | "failure";
  /**
   * Whether a course that reached CR or PR and then failed or relapsed (Kang's
   * "CR → F", "PR → F") counts as a failed course. `true` where the rule's text
   * names relapse (Kang 2020: "failure or relapse"); `false` where the text asks
   * for a regimen that did not improve (Zhang 2023 "not improved or worsened",
   * Arora & Rovin 2022 "no change in, or worsening of", ACR 2024 "not reached").
   * With `false`, a course that ended in failure or relapse with an unreported
   * best response is unknown (it may have been a relapse after a response).
   */
  readonly relapseCounts: boolean;
  /**
   * When given, only courses whose every agent is in this list count (e.g. the
   * standard-of-care induction agents).
   */
  readonly qualifyingAgents?: readonly string[];
}

/**
 * Parameters of the `exclusionAbsent` fact.
 *
 * @example
 * ```ts
 * import type { ExclusionParams } from 'lupus-renal-criteria';
 * const p: ExclusionParams = { condition: 'pregnancy' };
 * ```
 * @category Criteria as data
 */
export interface ExclusionParams {
  /** The exclusion condition that must be known to be absent. */
  readonly condition:
    | "nonAdherence"
    | "malignancyHistory"
    | "severeAllergy"
    | "severeHepaticInsufficiency"
    | "pregnancy"
    | "lactation"
    | "childbearingIntention";
}

/**
 * A fact clause (see {@link FactName}).
 *
 * @example
 * ```ts
 * import type { FactExpr } from 'lupus-renal-criteria';
 * const f: FactExpr = {
 *   op: 'fact', id: 'sediment', label: 'urine sediment', fact: 'urineSedimentNormal',
 *   params: { rbcMax: 5, wbcMax: 5, inclusive: true }, source: { section: 'Methods, Outcomes' },
 * };
 * ```
 * @category Criteria as data
 */
export type FactExpr =
  | {
      readonly op: "fact";
      readonly id: string;
      readonly label: string;
      readonly fact: "urineSedimentNormal";
      readonly params: SedimentParams | Bind;
      readonly source: Locator;
    }
  | {
      readonly op: "fact";
      readonly id: string;
      readonly label: string;
      readonly fact: "serumCreatinineNormal";
      readonly params: { readonly defaultUpperLimit: SexSpecific | Bind };
      readonly source: Locator;
    }
  | {
      readonly op: "fact";
      readonly id: string;
      readonly label: string;
      readonly fact: "treatmentFailures";
      /** Each field may be a placeholder bound by an interpretation's reading. */
      readonly params: {
        readonly [K in keyof TreatmentFailureParams]: TreatmentFailureParams[K] | Bind;
      };
      readonly source: Locator;
    }
  | {
      readonly op: "fact";
      readonly id: string;
      readonly label: string;
      readonly fact: "exclusionAbsent";
      readonly params: ExclusionParams;
      readonly source: Locator;
    }
  | {
      readonly op: "fact";
      readonly id: string;
      readonly label: string;
      readonly fact: "observation";
      readonly params: { readonly name: "cellularCasts" | "rescueTherapy"; readonly is: boolean };
      readonly source: Locator;
    };

/**
 * A clause-tree node. `all`/`any`/`not`/`if` combine clauses with Kleene logic;
 * `ref` refers to another named definition of the same criteria object (a
 * category such as `CR`); `bind` is replaced by a clause from the chosen reading
 * of an interpretation parameter.
 *
 * @example
 * ```ts
 * import type { Expr } from 'lupus-renal-criteria';
 * const overall: Expr = { op: 'any', id: 'or', label: 'CR or PR', of: [{ op: 'ref', to: 'CR' }, { op: 'ref', to: 'PR' }] };
 * ```
 * @category Criteria as data
 */
export type Expr =
  | CompareExpr
  | FactExpr
  | {
      readonly op: "all" | "any";
      readonly id: string;
      readonly label: string;
      readonly of: readonly Expr[];
    }
  | { readonly op: "not"; readonly id: string; readonly label: string; readonly of: Expr }
  | {
      readonly op: "if";
      readonly id: string;
      readonly label: string;
      readonly cond: Expr;
      readonly whenMet: Expr;
      readonly whenNotMet: Expr;
    }
  | { readonly op: "ref"; readonly to: string }
  | { readonly op: "bind"; readonly name: string };

/**
 * A value that an interpretation's reading binds to a placeholder: a threshold,
 * an operator, a sex-specific pair, sediment parameters, or a whole clause.
 *
 * @example
 * ```ts
 * import type { Binding } from 'lupus-renal-criteria';
 * const b: Binding = { value: 0.5, unit: 'g/24h' };
 * ```
 * @category Criteria as data
 */
export type Binding =
  | Quantity
  | Comparator
  | SexSpecific
  | SedimentParams
  | Expr
  | string
  | number
  | boolean
  | readonly string[];

const NO_CHILDREN: readonly Expr[] = Object.freeze([]);

/**
 * The child clauses of a node, in the interpreter's order: the `of` list of `all`/`any`, the
 * negated clause of `not`, the condition and both branches of `if`; none for a leaf (`compare`,
 * `fact`, `ref`, `bind`). The one place that knows which node kinds have children, for every walk
 * that visits a whole tree.
 *
 * @param e - a clause-tree node.
 * @returns its children (an empty, frozen list for a leaf).
 * @example
 * ```ts
 * import { exprChildren } from './expr.js';
 * exprChildren({ op: 'not', id: 'n', label: 'not CR', of: { op: 'ref', to: 'CR' } }); // [{ op: 'ref', to: 'CR' }]
 * ```
 * @internal Not part of the public API (used by the backends' and analyses' tree walks).
 */
export function exprChildren(e: Expr): readonly Expr[] {
  switch (e.op) {
    case "all":
    case "any":
      return e.of;
    case "not":
      return [e.of];
    case "if":
      return [e.cond, e.whenMet, e.whenNotMet];
    default:
      return NO_CHILDREN;
  }
}
