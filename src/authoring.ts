/**
 * Builders for writing your own criteria objects in TypeScript: each function
 * takes one object argument and returns plain, JSON-serialisable data of the
 * library's clause language ({@link Expr}) and criteria format
 * ({@link ResponseCriteria}), exactly what a criteria JSON file holds.
 *
 * The clause builders (`cmp`, `all`, `any`, `not`, `when`, `fact`, `ref`, …) check
 * nothing on their own; {@link defineResponseCriteria} validates the whole object
 * with the criteria schema and names every offending path (`CriteriaError`), so an
 * error is reported where it stands in the definition
 * (`categories[0].expr.of[1].right.value`).
 *
 * Import from the subpath `lupus-renal-criteria/authoring`; the evaluators
 * (`classifyResponse`, `compile`, `lintCriteria`, `toSql`, …) come from the main entry.
 *
 * @example
 * ```ts
 * import { classifyResponse } from 'lupus-renal-criteria';
 * import { all, cmp, defineResponseCriteria, fact, quantity, value } from 'lupus-renal-criteria/authoring';
 *
 * const source = { section: 'Protocol §9.2', quote: 'UPCR < 0.5 g/g, eGFR ≥ 60, no rescue therapy' };
 * const protocol = defineResponseCriteria({
 *   id: 'my-trial-crr', version: '1.0.0', title: 'My trial: complete renal response',
 *   citation: { short: 'My trial protocol', authors: 'Study team', year: 2026, title: 'Protocol v3', journal: 'not published' },
 *   locator: { section: 'Protocol §9.2' }, evidence: 'verified', proteinuriaMeasure: 'upcr',
 *   categories: [{
 *     name: 'CR', label: 'complete renal response', source,
 *     expr: all({ id: 'crr', label: 'complete renal response', of: [
 *       cmp({ id: 'upcr', label: 'UPCR', left: value('upcr', 'current'), cmp: '<', right: quantity(0.5, 'g/g'), source }),
 *       cmp({ id: 'egfr', label: 'eGFR', left: value('egfr', 'current'), cmp: '>=', right: quantity(60, 'mL/min/1.73m2'), source }),
 *       fact({ id: 'no-rescue', label: 'no rescue therapy', fact: 'observation', params: { name: 'rescueTherapy', is: false }, source }),
 *     ] }),
 *   }],
 *   noResponse: { label: 'no complete renal response', source },
 * });
 * classifyResponse(protocol, {
 *   current: { proteinuria: { value: 0.3, unit: 'g/g' }, egfr: { value: 75, unit: 'mL/min/1.73m2' }, rescueTherapy: false },
 * }).category; // 'CR'
 * ```
 *
 * @module
 */

import type { Bind, CompareExpr, Expr, FactExpr, Measure, Operand } from "./ir/expr.js";
import { loadCriteria } from "./ir/schema.js";
import type {
  EligibilityCriteria,
  FlareCriteria,
  Gap,
  InterpretationParameter,
  Reading,
  ResponseCriteria,
} from "./ir/types.js";
import type { Quantity } from "./units/schema.js";

// ---------------------------------------------------------------------------
// Quantities, operands, placeholders

/**
 * A threshold in the unit the source printed (UCUM-style unit code as in the
 * unit table: `g/g`, `mg/mmol`, `g/24h`, `umol/L`, `mL/min/1.73m2`, `%`, …).
 *
 * @param value - the number as printed.
 * @param unit - its unit.
 * @returns `{ value, unit }`.
 * @example
 * ```ts
 * import { quantity } from 'lupus-renal-criteria/authoring';
 * quantity(0.5, 'g/g'); // { value: 0.5, unit: 'g/g' }
 * ```
 */
export function quantity(value: number, unit: string): Quantity {
  return { value, unit };
}

/**
 * Operand: a measure at baseline or at the current assessment.
 *
 * @param measure - the laboratory measure, e.g. `'upcr'`, `'egfr'`, `'serumAlbumin'`.
 * @param at - `'current'` or `'baseline'`.
 * @returns `{ kind: 'value', measure, at }`.
 * @example
 * ```ts
 * import { value } from 'lupus-renal-criteria/authoring';
 * value('serumAlbumin', 'current'); // { kind: 'value', measure: 'serumAlbumin', at: 'current' }
 * ```
 */
export function value(measure: Measure, at: "baseline" | "current"): Operand {
  return { kind: "value", measure, at };
}

/**
 * Operand: (baseline − current) / baseline × 100, compared with a threshold in `%`.
 *
 * @param measure - the laboratory measure.
 * @returns `{ kind: 'percentDecrease', measure }`.
 * @example
 * ```ts
 * import { percentDecrease } from 'lupus-renal-criteria/authoring';
 * percentDecrease('upcr'); // { kind: 'percentDecrease', measure: 'upcr' }
 * ```
 */
export function percentDecrease(measure: Measure): Operand {
  return { kind: "percentDecrease", measure };
}

/**
 * Operand: (current − baseline) / baseline × 100, compared with a threshold in `%`.
 *
 * @param measure - the laboratory measure.
 * @returns `{ kind: 'percentIncrease', measure }`.
 * @example
 * ```ts
 * import { percentIncrease } from 'lupus-renal-criteria/authoring';
 * percentIncrease('serumCreatinine'); // { kind: 'percentIncrease', measure: 'serumCreatinine' }
 * ```
 */
export function percentIncrease(measure: Measure): Operand {
  return { kind: "percentIncrease", measure };
}

/**
 * Operand: |current − baseline| / baseline × 100 (a change in either direction),
 * compared with a threshold in `%`.
 *
 * @param measure - the laboratory measure.
 * @returns `{ kind: 'absPercentChange', measure }`.
 * @example
 * ```ts
 * import { absPercentChange } from 'lupus-renal-criteria/authoring';
 * absPercentChange('serumCreatinine'); // { kind: 'absPercentChange', measure: 'serumCreatinine' }
 * ```
 */
export function absPercentChange(measure: Measure): Operand {
  return { kind: "absPercentChange", measure };
}

/**
 * Operand: current / baseline × 100, compared with a threshold in `%`.
 *
 * @param measure - the laboratory measure.
 * @returns `{ kind: 'percentOfBaseline', measure }`.
 * @example
 * ```ts
 * import { percentOfBaseline } from 'lupus-renal-criteria/authoring';
 * percentOfBaseline('egfr'); // { kind: 'percentOfBaseline', measure: 'egfr' }
 * ```
 */
export function percentOfBaseline(measure: Measure): Operand {
  return { kind: "percentOfBaseline", measure };
}

/**
 * Operand: current − baseline, in the threshold's unit (e.g. a creatinine rise of 0.3 mg/dL).
 *
 * @param measure - the laboratory measure.
 * @returns `{ kind: 'increase', measure }`.
 * @example
 * ```ts
 * import { increase } from 'lupus-renal-criteria/authoring';
 * increase('serumCreatinine'); // { kind: 'increase', measure: 'serumCreatinine' }
 * ```
 */
export function increase(measure: Measure): Operand {
  return { kind: "increase", measure };
}

/**
 * Operand: baseline − current, in the threshold's unit (e.g. a fall in eGFR of 10 mL/min/1.73 m²).
 *
 * @param measure - the laboratory measure.
 * @returns `{ kind: 'decrease', measure }`.
 * @example
 * ```ts
 * import { decrease } from 'lupus-renal-criteria/authoring';
 * decrease('egfr'); // { kind: 'decrease', measure: 'egfr' }
 * ```
 */
export function decrease(measure: Measure): Operand {
  return { kind: "decrease", measure };
}

/**
 * A placeholder for a value that an interpretation parameter's reading supplies:
 * a threshold (`right`), an operator (`cmp`) or a fact parameter. Every reading
 * of the parameter must bind the name (checked by {@link defineResponseCriteria}).
 * For a whole clause supplied by a reading, use {@link bindClause}.
 *
 * @param name - the binding's name (letters, digits, `_`).
 * @returns `{ bind: name }`.
 * @example
 * ```ts
 * import { bind, cmp, quantity, value } from 'lupus-renal-criteria/authoring';
 * const upcr = cmp({
 *   id: 'upcr', label: 'UPCR', left: value('upcr', 'current'), cmp: '<',
 *   right: bind('crUpcrThreshold'), source: { section: 'Protocol §9.2', quote: 'UPCR < 0.5–0.7 g/g' },
 * });
 * upcr.right; // { bind: 'crUpcrThreshold' }
 * quantity(0.7, 'g/g'); // { value: 0.7, unit: 'g/g' }
 * ```
 */
export function bind(name: string): Bind {
  return { bind: name };
}

/**
 * A clause placeholder: replaced by the clause that the chosen reading of an
 * interpretation parameter binds to `name` (e.g. a symmetric or a one-sided
 * creatinine band).
 *
 * @param name - the binding's name.
 * @returns `{ op: 'bind', name }`.
 * @example
 * ```ts
 * import { bindClause } from 'lupus-renal-criteria/authoring';
 * bindClause('kidneyFunctionStable'); // { op: 'bind', name: 'kidneyFunctionStable' }
 * ```
 */
export function bindClause(name: string): Extract<Expr, { op: "bind" }> {
  return { op: "bind", name };
}

/**
 * A reference to an earlier named definition of the same criteria object (a
 * category such as `CR`, or an end point): met when that definition is met.
 *
 * @param name - the definition's name.
 * @returns `{ op: 'ref', to: name }`.
 * @example
 * ```ts
 * import { any, ref } from 'lupus-renal-criteria/authoring';
 * any({ id: 'or', label: 'CR or PR', of: [ref('CR'), ref('PR')] }).op; // 'any'
 * ```
 */
export function ref(name: string): Extract<Expr, { op: "ref" }> {
  return { op: "ref", to: name };
}

// ---------------------------------------------------------------------------
// Clauses

/**
 * The argument of {@link cmp}: the fields of a compare clause without its `op` (and without the
 * UPCR conversion, which reading resolution stamps on clauses).
 *
 * @example
 * ```ts
 * import type { CmpSpec } from 'lupus-renal-criteria/authoring';
 * const spec: CmpSpec = {
 *   id: 'albumin', label: 'serum albumin', left: { kind: 'value', measure: 'serumAlbumin', at: 'current' },
 *   cmp: '>=', right: { value: 30, unit: 'g/L' }, source: { section: '§2.4' },
 * };
 * ```
 */
export type CmpSpec = Omit<CompareExpr, "op" | "upcrConversion">;

/**
 * A comparison clause: `left cmp right`.
 *
 * @param spec - id, label, operand, operator, threshold and source.
 * @returns the clause (`op: 'compare'`).
 * @example
 * ```ts
 * import { cmp, percentDecrease, quantity } from 'lupus-renal-criteria/authoring';
 * const drop = cmp({
 *   id: 'upcr-drop-50', label: 'decrease in UPCR from baseline', left: percentDecrease('upcr'),
 *   cmp: '>=', right: quantity(50, '%'), source: { section: 'Protocol §9.3', quote: '≥ 50% reduction in UPCR' },
 * });
 * drop.op; // 'compare'
 * ```
 */
export function cmp(spec: CmpSpec): CompareExpr {
  return {
    op: "compare",
    id: spec.id,
    label: spec.label,
    left: spec.left,
    cmp: spec.cmp,
    right: spec.right,
    source: spec.source,
  };
}

/**
 * The argument of {@link all} and {@link any}.
 *
 * @example
 * ```ts
 * import type { GroupSpec } from 'lupus-renal-criteria/authoring';
 * const spec: GroupSpec = { id: 'or', label: 'CR or PR', of: [{ op: 'ref', to: 'CR' }, { op: 'ref', to: 'PR' }] };
 * ```
 */
export type GroupSpec = Omit<Extract<Expr, { op: "all" | "any" }>, "op">;

/**
 * Every clause holds (Kleene AND: not met if any is not met; unknown if none is
 * not met and one is unknown).
 *
 * @param spec - id, label and the clauses.
 * @returns the clause (`op: 'all'`).
 * @example
 * ```ts
 * import { all, ref } from 'lupus-renal-criteria/authoring';
 * all({ id: 'both', label: 'CR and the secondary end point', of: [ref('CR'), ref('secondary')] }).of.length; // 2
 * ```
 */
export function all(spec: GroupSpec): Extract<Expr, { op: "all" | "any" }> {
  return { op: "all", id: spec.id, label: spec.label, of: [...spec.of] };
}

/**
 * At least one clause holds (Kleene OR: met if any is met; unknown if none is met
 * and one is unknown).
 *
 * @param spec - id, label and the clauses.
 * @returns the clause (`op: 'any'`).
 * @example
 * ```ts
 * import { any, ref } from 'lupus-renal-criteria/authoring';
 * any({ id: 'or', label: 'overall response (CR or PR)', of: [ref('CR'), ref('PR')] }).op; // 'any'
 * ```
 */
export function any(spec: GroupSpec): Extract<Expr, { op: "all" | "any" }> {
  return { op: "any", id: spec.id, label: spec.label, of: [...spec.of] };
}

/**
 * The argument of {@link not}.
 *
 * @example
 * ```ts
 * import type { NotSpec } from 'lupus-renal-criteria/authoring';
 * const spec: NotSpec = { id: 'not-cr', label: 'not CR', of: { op: 'ref', to: 'CR' } };
 * ```
 */
export type NotSpec = Omit<Extract<Expr, { op: "not" }>, "op">;

/**
 * The clause does not hold (unknown stays unknown).
 *
 * @param spec - id, label and the clause.
 * @returns the clause (`op: 'not'`).
 * @example
 * ```ts
 * import { fact, not } from 'lupus-renal-criteria/authoring';
 * const casts = fact({
 *   id: 'casts', label: 'cellular casts', fact: 'observation',
 *   params: { name: 'cellularCasts', is: true }, source: { section: 'Protocol §9.2' },
 * });
 * not({ id: 'no-casts', label: 'no cellular casts', of: casts }).op; // 'not'
 * ```
 */
export function not(spec: NotSpec): Extract<Expr, { op: "not" }> {
  return { op: "not", id: spec.id, label: spec.label, of: spec.of };
}

/**
 * The argument of {@link when}.
 *
 * @example
 * ```ts
 * import type { WhenSpec } from 'lupus-renal-criteria/authoring';
 * const spec: WhenSpec = {
 *   id: 'target', label: 'target by baseline', cond: { op: 'ref', to: 'CR' },
 *   whenMet: { op: 'ref', to: 'CR' }, whenNotMet: { op: 'ref', to: 'CR' },
 * };
 * ```
 */
export type WhenSpec = Omit<Extract<Expr, { op: "if" }>, "op">;

/**
 * A conditional clause (the `if` node): `whenMet` when `cond` is met, `whenNotMet`
 * when it is not; when `cond` is unknown, met only if both branches are met and
 * not met only if both are not met.
 *
 * @param spec - id, label, condition and the two branches.
 * @returns the clause (`op: 'if'`).
 * @example
 * ```ts
 * import { cmp, quantity, value, when } from 'lupus-renal-criteria/authoring';
 * const s = { section: 'Protocol §9.3', quote: '< 3 g/g if nephrotic at baseline, otherwise ≤ 1 g/g' };
 * const target = when({
 *   id: 'pr-target', label: 'UPCR target by baseline level',
 *   cond: cmp({ id: 'nephrotic', label: 'baseline UPCR', left: value('upcr', 'baseline'), cmp: '>=', right: quantity(3, 'g/g'), source: s }),
 *   whenMet: cmp({ id: 'below-3', label: 'UPCR', left: value('upcr', 'current'), cmp: '<', right: quantity(3, 'g/g'), source: s }),
 *   whenNotMet: cmp({ id: 'at-most-1', label: 'UPCR', left: value('upcr', 'current'), cmp: '<=', right: quantity(1, 'g/g'), source: s }),
 * });
 * target.op; // 'if'
 * ```
 */
export function when(spec: WhenSpec): Extract<Expr, { op: "if" }> {
  return {
    op: "if",
    id: spec.id,
    label: spec.label,
    cond: spec.cond,
    whenMet: spec.whenMet,
    whenNotMet: spec.whenNotMet,
  };
}

/**
 * The argument of {@link fact}: a fact clause without its `op`. The `fact` name
 * selects the type of `params`: `urineSedimentNormal` (RBC/WBC maxima),
 * `serumCreatinineNormal` (sex-specific default upper limits),
 * `treatmentFailures` (what counts as a failed regimen), `exclusionAbsent` (a
 * condition), `observation` (`cellularCasts` or `rescueTherapy` is true/false).
 *
 * @example
 * ```ts
 * import type { FactSpec } from 'lupus-renal-criteria/authoring';
 * const spec: FactSpec = {
 *   id: 'sediment', label: 'inactive urine sediment', fact: 'urineSedimentNormal',
 *   params: { rbcMax: 5, wbcMax: 5, inclusive: true }, source: { section: 'Protocol §9.2' },
 * };
 * ```
 */
export type FactSpec = FactExpr extends infer F
  ? F extends FactExpr
    ? Omit<F, "op">
    : never
  : never;

/**
 * A named fact clause: a pure function of the input and its typed parameters
 * (normal urine sediment, creatinine within the reference interval, failed
 * treatment courses, an exclusion known absent, a yes/no observation).
 *
 * @param spec - id, label, fact name, its parameters and source.
 * @returns the clause (`op: 'fact'`).
 * @example
 * ```ts
 * import { fact } from 'lupus-renal-criteria/authoring';
 * const noRescue = fact({
 *   id: 'no-rescue', label: 'no rescue therapy', fact: 'observation',
 *   params: { name: 'rescueTherapy', is: false }, source: { section: 'Protocol §9.2', quote: 'no rescue therapy' },
 * });
 * noRescue.fact; // 'observation'
 * const normalScr = fact({
 *   id: 'scr-normal', label: 'serum creatinine within the reference interval', fact: 'serumCreatinineNormal',
 *   params: { defaultUpperLimit: { F: { value: 1.0, unit: 'mg/dL' }, M: { value: 1.2, unit: 'mg/dL' } } },
 *   source: { section: 'Protocol §9.2' },
 * });
 * normalScr.op; // 'fact'
 * ```
 */
export function fact(spec: FactSpec): FactExpr {
  return { op: "fact", ...spec } as FactExpr;
}

// ---------------------------------------------------------------------------
// Interpretation parameters and definitions

/**
 * One reading of an ambiguous phrase: a label, why it is permitted, and the
 * values it binds to placeholder names (see {@link bind}, {@link bindClause}).
 *
 * @param spec - label, rationale, bindings (and optional evidence and reference).
 * @returns the reading (plain data).
 * @example
 * ```ts
 * import { quantity, reading } from 'lupus-renal-criteria/authoring';
 * const strict = reading({
 *   label: 'UPCR < 0.5 g/g', rationale: 'the stricter end of the printed range',
 *   bindings: { crUpcrThreshold: quantity(0.5, 'g/g') },
 * });
 * strict.bindings.crUpcrThreshold; // { value: 0.5, unit: 'g/g' }
 * ```
 */
export function reading(spec: Reading): Reading {
  return { ...spec, bindings: { ...spec.bindings } };
}

/**
 * An interpretation parameter: a phrase that allows more than one reading, its
 * readings by name, and the documented default (one of the reading names).
 *
 * @param spec - description, source, default and readings.
 * @returns the parameter (plain data).
 * @example
 * ```ts
 * import { parameter, quantity, reading } from 'lupus-renal-criteria/authoring';
 * const cutoff = parameter({
 *   description: "CR requires 'UPCR < 0.5–0.7 g/g': a range, not one threshold",
 *   source: { section: 'Protocol §9.2', quote: 'UPCR < 0.5–0.7 g/g' },
 *   default: '0.5',
 *   readings: {
 *     '0.5': reading({ label: '< 0.5 g/g', rationale: 'the stricter end', bindings: { crUpcrThreshold: quantity(0.5, 'g/g') } }),
 *     '0.7': reading({ label: '< 0.7 g/g', rationale: 'the lenient end', bindings: { crUpcrThreshold: quantity(0.7, 'g/g') } }),
 *   },
 * });
 * Object.keys(cutoff.readings); // ['0.5', '0.7']
 * ```
 */
export function parameter(spec: InterpretationParameter): InterpretationParameter {
  return { ...spec, readings: { ...spec.readings } };
}

/**
 * The argument of {@link defineResponseCriteria}: a {@link ResponseCriteria}
 * without `kind`, with `parameters`, `endpoints`, `gaps` and `notes` optional
 * (default: none).
 *
 * @example
 * ```ts
 * import type { ResponseCriteriaSpec } from 'lupus-renal-criteria/authoring';
 * const s: ResponseCriteriaSpec['noResponse'] = { label: 'no response', source: { section: '§9' } };
 * ```
 */
export type ResponseCriteriaSpec = Omit<
  ResponseCriteria,
  "kind" | "parameters" | "endpoints" | "gaps" | "notes"
> & {
  /** Interpretation parameters by name (default: none). */
  readonly parameters?: ResponseCriteria["parameters"];
  /** Further end points (default: none). */
  readonly endpoints?: ResponseCriteria["endpoints"];
  /** Regions the source leaves without a category (default: none). */
  readonly gaps?: readonly Gap[];
  /** Notes on scope and decisions (default: none). */
  readonly notes?: readonly string[];
  /** May be given (a JSON file's object spread in); must be `'response'`. */
  readonly kind?: "response";
};

/**
 * Make a response criteria object: fill the defaults (`parameters: {}`,
 * `endpoints: []`, `gaps: []`, `notes: []`), validate the result with the
 * criteria schema (the same checks as `validateCriteria` and `loadCriteria`:
 * closed sets, finite thresholds in a unit of the measure's kind, safe ids,
 * every `ref` naming an earlier definition, every placeholder bound by every
 * reading) and return it deep-frozen. The argument is copied and left as it is.
 *
 * The result goes everywhere a shipped object goes: `classifyResponse`,
 * `compile`, `lintCriteria`, `compareCriteria`, `toSql`, `withOptions`, and
 * (written out with `JSON.stringify`) the command line's `--criteria-file`.
 *
 * @param spec - the definition (see {@link ResponseCriteriaSpec}).
 * @returns the validated, frozen criteria object.
 * @throws `CriteriaError` naming each offending path, e.g.
 *   `categories[0].expr.of[0].right.value`.
 * @example
 * ```ts
 * import { CriteriaError } from 'lupus-renal-criteria';
 * import { cmp, defineResponseCriteria, quantity, value } from 'lupus-renal-criteria/authoring';
 * const source = { section: 'Protocol §9.2' };
 * try {
 *   defineResponseCriteria({
 *     id: 'broken', version: '1.0.0', title: 'A threshold in the wrong unit',
 *     citation: { short: 'Protocol', authors: 'Study team', year: 2026, title: 'Protocol', journal: 'not published' },
 *     locator: source, evidence: 'unverified', proteinuriaMeasure: 'upcr',
 *     categories: [{ name: 'CR', label: 'complete response', source,
 *       expr: cmp({ id: 'upcr', label: 'UPCR', left: value('upcr', 'current'), cmp: '<', right: quantity(0.5, 'g/L'), source }) }],
 *     noResponse: { label: 'no response', source },
 *   });
 * } catch (e) {
 *   if (CriteriaError.isCriteriaError(e)) e.issues[0]?.path; // 'categories[0].expr.right.unit'
 * }
 * ```
 */
export function defineResponseCriteria(spec: ResponseCriteriaSpec): ResponseCriteria {
  return loadCriteria({
    ...spec,
    kind: "response",
    parameters: spec.parameters ?? {},
    endpoints: spec.endpoints ?? [],
    gaps: spec.gaps ?? [],
    notes: spec.notes ?? [],
  }) as ResponseCriteria;
}

/**
 * The argument of {@link defineEligibilityCriteria}: an {@link EligibilityCriteria}
 * without `kind`, with `parameters` and `notes` optional (default: none).
 *
 * @example
 * ```ts
 * import type { EligibilityCriteriaSpec } from 'lupus-renal-criteria/authoring';
 * const evidence: EligibilityCriteriaSpec['evidence'] = 'unverified';
 * ```
 */
export type EligibilityCriteriaSpec = Omit<EligibilityCriteria, "kind" | "parameters" | "notes"> & {
  /** Interpretation parameters by name (default: none). */
  readonly parameters?: EligibilityCriteria["parameters"];
  /** Notes on scope and decisions (default: none). */
  readonly notes?: readonly string[];
  /** May be given; must be `'eligibility'`. */
  readonly kind?: "eligibility";
};

/**
 * Make an eligibility rule (e.g. a trial's definition of refractory lupus
 * nephritis): fill the defaults (`parameters: {}`, `notes: []`), validate it with
 * the criteria schema and return a frozen copy, as {@link defineResponseCriteria}
 * does. Its clauses read the patient record's baseline labs, treatment history
 * and exclusion facts; evaluate it with `assessEligibility`.
 *
 * @param spec - the rule (see {@link EligibilityCriteriaSpec}).
 * @returns the validated, frozen criteria object.
 * @throws `CriteriaError` naming each offending path.
 * @example
 * ```ts
 * import { assessEligibility } from 'lupus-renal-criteria';
 * import { all, defineEligibilityCriteria, fact } from 'lupus-renal-criteria/authoring';
 * const source = { section: 'Protocol §5.1', quote: 'failure of two induction regimens, not pregnant' };
 * const refractory = defineEligibilityCriteria({
 *   id: 'my-trial-refractory', version: '1.0.0', title: 'My trial: refractory lupus nephritis',
 *   citation: { short: 'My trial protocol', authors: 'Study team', year: 2026, title: 'Protocol v3', journal: 'not published' },
 *   locator: { section: 'Protocol §5.1' }, evidence: 'unverified',
 *   rule: { name: 'refractory', label: 'refractory lupus nephritis', source,
 *     expr: all({ id: 'refractory', label: 'refractory lupus nephritis', of: [
 *       fact({ id: 'two-failures', label: 'two failed induction regimens', fact: 'treatmentFailures', source,
 *         params: { atLeast: 2, countSequenceAs: 'one-regimen', includeGlucocorticoidPulses: false,
 *                   minDurationMonths: 6, nrWithoutDuration: 'unknown', relapseCounts: true } }),
 *       fact({ id: 'not-pregnant', label: 'not pregnant', fact: 'exclusionAbsent', params: { condition: 'pregnancy' }, source }),
 *     ] }) },
 * });
 * assessEligibility(refractory, {
 *   id: 'p1',
 *   treatmentHistory: { ordered: true, courses: [
 *     { agents: ['cyclophosphamide'], mode: 'single', bestResponse: 'NR', outcome: 'failure-or-relapse' },
 *     { agents: ['mycophenolate'], mode: 'single', bestResponse: 'NR', outcome: 'failure-or-relapse' },
 *   ] },
 *   exclusions: { pregnancy: false },
 * }).status; // 'eligible'
 * ```
 */
export function defineEligibilityCriteria(spec: EligibilityCriteriaSpec): EligibilityCriteria {
  return loadCriteria({
    ...spec,
    kind: "eligibility",
    parameters: spec.parameters ?? {},
    notes: spec.notes ?? [],
  }) as EligibilityCriteria;
}

/**
 * The argument of {@link defineFlareCriteria}: a {@link FlareCriteria} without
 * `kind`, with `parameters` and `notes` optional (default: none).
 *
 * @example
 * ```ts
 * import type { FlareCriteriaSpec } from 'lupus-renal-criteria/authoring';
 * const reference: FlareCriteriaSpec['reference'] = 'previous-visit';
 * ```
 */
export type FlareCriteriaSpec = Omit<FlareCriteria, "kind" | "parameters" | "notes"> & {
  /** Interpretation parameters by name (default: none). */
  readonly parameters?: FlareCriteria["parameters"];
  /** Notes on scope and decisions (default: none). */
  readonly notes?: readonly string[];
  /** May be given; must be `'flare'`. */
  readonly kind?: "flare";
};

/**
 * Make a flare definition: fill the defaults (`parameters: {}`, `notes: []`),
 * validate it with the criteria schema and return a frozen copy, as
 * {@link defineResponseCriteria} does. In its clauses `baseline` is the
 * reference (the record's baseline or the previous visit) and `current` the
 * visit; evaluate it with `detectFlares`.
 *
 * @param spec - the definition (see {@link FlareCriteriaSpec}).
 * @returns the validated, frozen criteria object.
 * @throws `CriteriaError` naming each offending path.
 * @example
 * ```ts
 * import { detectFlares } from 'lupus-renal-criteria';
 * import { cmp, defineFlareCriteria, percentIncrease, quantity } from 'lupus-renal-criteria/authoring';
 * const source = { section: 'Protocol §11', quote: 'a rise in serum creatinine of 30% or more from baseline' };
 * const flare = defineFlareCriteria({
 *   id: 'my-trial-flare', version: '1.0.0', title: 'My trial: nephritic flare',
 *   citation: { short: 'My trial protocol', authors: 'Study team', year: 2026, title: 'Protocol v3', journal: 'not published' },
 *   locator: { section: 'Protocol §11' }, evidence: 'unverified', scope: 'visits', reference: 'baseline',
 *   grades: [{ name: 'nephritic', label: 'nephritic flare', source,
 *     expr: cmp({ id: 'scr-rise-30', label: 'rise in serum creatinine from baseline', source,
 *                 left: percentIncrease('serumCreatinine'), cmp: '>=', right: quantity(30, '%') }) }],
 * });
 * const r = detectFlares(flare, {
 *   id: 'p', baseline: { serumCreatinine: { value: 70, unit: 'umol/L' } },
 *   visits: [{ day: 90, labs: { serumCreatinine: { value: 100, unit: 'umol/L' } } }],
 * });
 * r.flares[0]?.grade; // 'nephritic'
 * ```
 */
export function defineFlareCriteria(spec: FlareCriteriaSpec): FlareCriteria {
  return loadCriteria({
    ...spec,
    kind: "flare",
    parameters: spec.parameters ?? {},
    notes: spec.notes ?? [],
  }) as FlareCriteria;
}
