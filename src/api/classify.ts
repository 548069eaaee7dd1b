/**
 * `classifyResponse()`: one assessment, one criteria object, one category, with
 * the reasons, the missing inputs and the robustness to the source's ambiguities.
 *
 * @module
 */

import { criteriaInfo, readingEvidence } from "../criteria/evidence.js";
import { type CompiledCriteria, compileCached } from "../evaluate/compile.js";
import {
  type ClauseResult,
  decisiveCensored,
  decisiveMissing,
  type EvaluationOptions,
  evaluateExpr,
  type Notice,
} from "../evaluate/interpret.js";
import { CriteriaError, InputError, inputErrorFrom } from "../ir/errors.js";
import type { Expr } from "../ir/expr.js";
import type { Truth } from "../ir/kleene.js";
import { perObject, readingsKey } from "../ir/memo.js";
import { readResponseInput } from "../ir/read-input.js";
import { bindingsOf, fullInterpretation, otherInterpretations } from "../ir/readings.js";
import { resolveExpr } from "../ir/resolve.js";
import { criteriaOf, deepFreeze } from "../ir/schema.js";
import type {
  CategoryOrIndeterminate,
  CriteriaInfo,
  InterpretationChoiceOf,
  ReadingEvidence,
  ResponseCategory,
  ResponseCriteria,
} from "../ir/types.js";
import type { ResponseInput, ResponseInputLike } from "../model/assessment.js";
import { safeParseResponseInput } from "../model/fast-parse.js";
import { plausibilityWarnings } from "../model/plausibility.js";
import { checkInterpretation, optionError } from "./options.js";

/**
 * Options of {@link classifyResponse}.
 *
 * @example
 * ```ts
 * import type { ClassifyOptions } from 'lupus-renal-criteria';
 * const o: ClassifyOptions = { interpretation: { crProteinuriaCutoff: '0.7' } };
 * ```
 * @category Classification
 */
export interface ClassifyOptions<C = ResponseCriteria> extends EvaluationOptions {
  /**
   * Readings of the interpretation parameters (defaults elsewhere). For a shipped
   * definition the parameter and reading names are checked by the compiler
   * ({@link InterpretationChoiceOf}); for any object, at run time.
   */
  readonly interpretation?: InterpretationChoiceOf<C>;
}

/**
 * The evaluation of one named definition (a category or an end point).
 *
 * @example
 * ```ts
 * import { classifyResponse, criteria } from 'lupus-renal-criteria';
 * const r = classifyResponse(criteria.zhang2023, {});
 * r.explanation.categories.map((c) => c.name); // ['CR', 'PR']
 * ```
 * @category Classification
 */
export interface DefinitionResult {
  readonly name: string;
  readonly label: string;
  readonly result: ClauseResult;
}

/**
 * A gap of the source's text that the patient falls into.
 *
 * @example
 * ```ts
 * import type { GapHit } from 'lupus-renal-criteria';
 * const g: GapHit = { id: 'below-pr-range-not-cr', description: '…', reportedAs: 'NR' };
 * ```
 * @category Classification
 */
export interface GapHit {
  readonly id: string;
  readonly description: string;
  readonly reportedAs: ResponseCategory;
}

/**
 * The category under another permitted reading of the source.
 *
 * @example
 * ```ts
 * import type { Alternative } from 'lupus-renal-criteria';
 * const a: Alternative = { interpretation: { crProteinuriaCutoff: '0.7', creatinineBand: 'symmetric' },
 *   changed: { crProteinuriaCutoff: '0.7' }, category: 'CR' };
 * ```
 * @category Classification
 */
export interface Alternative {
  /** The full choice of readings. */
  readonly interpretation: Readonly<Record<string, string>>;
  /** Only the readings that differ from the result's own interpretation. */
  readonly changed: Readonly<Record<string, string>>;
  readonly category: CategoryOrIndeterminate;
}

/**
 * The result of {@link classifyResponse}.
 *
 * @example
 * ```ts
 * import { classifyResponse, criteria } from 'lupus-renal-criteria';
 * const r = classifyResponse(criteria.zhang2023, {
 *   baseline: { proteinuria: { value: 4, unit: 'g/24h' }, serumCreatinine: { value: 60, unit: 'umol/L' } },
 *   current: { proteinuria: { value: 0.6, unit: 'g/24h' }, serumCreatinine: { value: 62, unit: 'umol/L' },
 *              serumAlbumin: { value: 36, unit: 'g/L' } },
 * });
 * r.category; // 'PR' (0.6 g/day is not < 0.5 g/day)
 * r.robust; // false: under the '< 0.7 g/day' reading it is CR
 * ```
 * @category Classification
 */
export interface ResponseResult {
  /** The category, or `indeterminate` when missing inputs leave more than one possible. */
  readonly category: CategoryOrIndeterminate;
  /** The categories still possible (one element unless indeterminate). */
  readonly possibleCategories: readonly ResponseCategory[];
  /**
   * Which criteria object, which version, and how well its numbers were checked:
   * `evidence` is the weakest of the object's evidence and of every reading this
   * result used (see `readingEvidence`).
   */
  readonly criteria: CriteriaInfo;
  /** The readings used, one per interpretation parameter. */
  readonly interpretation: Readonly<Record<string, string>>;
  /**
   * For each interpretation parameter: the reading used, how well its numbers were
   * checked (`evidence`: the reading's own, or the object's when the reading takes
   * its numbers from the object's source), where they come from (`reference`), and
   * whether any clause read it (`used`: false when another reading made it
   * irrelevant).
   */
  readonly readingEvidence: Readonly<Record<string, ReadingEvidence>>;
  /** Every clause of every category and end point, evaluated. */
  readonly explanation: {
    readonly categories: readonly DefinitionResult[];
    readonly endpoints: readonly DefinitionResult[];
  };
  /** Truth of each end point (overall response, secondary end points). */
  readonly endpoints: Readonly<Record<string, Truth>>;
  /** Input paths whose absence (or unusable value) leaves the category undecided. */
  readonly missing: readonly string[];
  /**
   * Input paths holding a censored value (a laboratory's `<0.1`, `>3000`) whose
   * range lies on both sides of a threshold that decides the category; present only
   * when the category is indeterminate because of one.
   */
  readonly censored?: readonly string[];
  /** True when every other permitted reading gives the same category. */
  readonly robust: boolean;
  /** The category under every other combination of readings. */
  readonly alternatives: readonly Alternative[];
  /** Parameters whose change alone (others as chosen) changes the category. */
  readonly sensitiveTo: readonly string[];
  /** Regions the source's text leaves without a category that this patient falls into. */
  readonly gaps: readonly GapHit[];
  /** Assumptions made where the input did not say (e.g. a default reference interval). */
  readonly assumptions: readonly string[];
  /**
   * Other notes: unusable values, substitutions of one measure for another, a
   * change relative to a baseline of 0 — the texts of `notices`.
   */
  readonly notes: readonly string[];
  /** The same notes with their kind and the input path each is about, in tree order, each once. */
  readonly notices: readonly Notice[];
  /** Valid but implausible input values (see `plausibilityWarnings`). */
  readonly warnings: readonly string[];
}

interface Prepared {
  readonly categories: readonly { name: ResponseCategory; label: string; expr: Expr }[];
  readonly endpoints: readonly { name: string; label: string; expr: Expr }[];
  readonly gaps: readonly {
    id: string;
    description: string;
    reportedAs: ResponseCategory;
    expr: Expr;
  }[];
}

/** The categories, end points and gaps with the readings' placeholders resolved (see {@link contextOf}). */
function prepare(criteria: ResponseCriteria, choice: Readonly<Record<string, string>>): Prepared {
  const b = bindingsOf(criteria, choice);
  return {
    categories: criteria.categories.map((c) => ({
      name: c.name,
      label: c.label,
      expr: resolveExpr(c.expr, b),
    })),
    endpoints: criteria.endpoints.map((e) => ({
      name: e.name,
      label: e.label,
      expr: resolveExpr(e.expr, b),
    })),
    gaps: criteria.gaps.map((g) => ({
      id: g.id,
      description: g.description,
      reportedAs: g.reportedAs,
      expr: resolveExpr(g.when, b),
    })),
  };
}

/** Every other combination of readings with its compiled category function (see {@link contextOf}). */
function alternativesPlan(
  criteria: ResponseCriteria,
  chosen: Readonly<Record<string, string>>,
  options: EvaluationOptions,
) {
  return otherInterpretations(criteria, chosen).map((a) => ({
    ...a,
    compiled: compileCached(criteria, { ...options, interpretation: a.interpretation }),
  }));
}

/**
 * The categories still possible given the truths of the ordered categories:
 * category i is possible when it is not not-met and no earlier one is met; NR is
 * possible when none is met.
 */
function possible(truths: readonly { name: ResponseCategory; truth: Truth }[]): ResponseCategory[] {
  const out: ResponseCategory[] = [];
  for (const [i, t] of truths.entries()) {
    if (truths.slice(0, i).some((e) => e.truth === "met")) break;
    if (t.truth !== "not-met") out.push(t.name);
  }
  if (truths.every((t) => t.truth !== "met")) out.push("NR");
  return out;
}

interface Evaluated {
  readonly category: CategoryOrIndeterminate;
  readonly possible: ResponseCategory[];
  readonly categories: DefinitionResult[];
  readonly prepared: Prepared;
}

function evaluateCategories(
  prepared: Prepared,
  input: ResponseInput,
  options: EvaluationOptions,
): Evaluated {
  const refs = new Map<string, { truth: Truth; label: string }>();
  const categories: DefinitionResult[] = [];
  for (const c of prepared.categories) {
    const result = evaluateExpr(c.expr, input, refs, options);
    refs.set(c.name, { truth: result.truth, label: c.label });
    categories.push({ name: c.name, label: c.label, result });
  }
  const poss = possible(
    categories.map((c) => ({ name: c.name as ResponseCategory, truth: c.result.truth })),
  );
  const category: CategoryOrIndeterminate =
    poss.length === 1 && poss[0] ? poss[0] : "indeterminate";
  return { category, possible: poss, categories, prepared };
}

function unique(xs: readonly string[]): string[] {
  return [...new Set(xs)];
}

/**
 * Classify one validated assessment (no schema check). Used by
 * {@link classifyResponse} after validation and by the cohort tools.
 *
 * @param criteria - a response criteria object (validated, see `validateCriteria`).
 * @param input - an input already validated by `ResponseInputSchema`.
 * @param options - interpretation and evaluation options.
 * @returns the result.
 * @throws {@link CriteriaError} for an invalid criteria object; `RangeError` for
 *   an unknown interpretation parameter or reading.
 * @example
 * ```ts
 * import { classifyValidated, criteria, ResponseInputSchema } from 'lupus-renal-criteria';
 * const input = ResponseInputSchema.parse({ current: { proteinuria: { value: 0.2, unit: 'g/24h' } } });
 * classifyValidated(criteria.zhang2023, input).category; // 'indeterminate' (creatinine missing)
 * ```
 * @internal Not part of the public API (used by the library and its tests).
 */
export function classifyValidated(
  criteria: ResponseCriteria,
  input: ResponseInput,
  options: ClassifyOptions = {},
): ResponseResult {
  criteriaOf(criteria, "response");
  const ctx = contextOf(criteria, options);
  const main = evaluateCategories(ctx.prepared, input, options);

  const refs = new Map<string, { truth: Truth; label: string }>();
  for (const c of main.categories) refs.set(c.name, { truth: c.result.truth, label: c.label });
  const endpoints: DefinitionResult[] = [];
  const endpointTruths: Record<string, Truth> = {};
  for (const e of ctx.prepared.endpoints) {
    const result = evaluateExpr(e.expr, input, refs, options);
    refs.set(e.name, { truth: result.truth, label: e.label });
    endpoints.push({ name: e.name, label: e.label, result });
    endpointTruths[e.name] = result.truth;
  }

  const gaps: GapHit[] = [];
  if (main.category === "NR") {
    for (const g of ctx.prepared.gaps) {
      if (evaluateExpr(g.expr, input, refs, options).truth === "met")
        gaps.push({ id: g.id, description: g.description, reportedAs: g.reportedAs });
    }
  }

  const alternatives: Alternative[] = [];
  let robust = true;
  const sensitive = new Set<string>();
  for (const a of ctx.plan) {
    const category = a.compiled.category(input);
    alternatives.push({ interpretation: a.interpretation, changed: a.changed, category });
    if (category !== main.category) {
      robust = false;
      if (a.single !== undefined) sensitive.add(a.single);
    }
  }

  // Assumptions and notes of every clause, in tree order, each once.
  const assumptions = new Set<string>();
  const notices = new Map<string, Notice>();
  const collect = (n: ClauseResult): void => {
    for (const t of n.assumptions) assumptions.add(t);
    if (n.notices) for (const t of n.notices) if (!notices.has(t.text)) notices.set(t.text, t);
    if (n.children) for (const k of n.children) collect(k);
  };
  for (const d of main.categories) collect(d.result);
  for (const d of endpoints) collect(d.result);

  let missing: string[] = [];
  let censored: string[] = [];
  if (main.category === "indeterminate") {
    missing = unique(main.categories.flatMap((d) => decisiveMissing(d.result)));
    censored = unique(main.categories.flatMap((d) => decisiveCensored(d.result)));
  }

  // No object spread for the optional key (it cost more than a clause): `censored`, when
  // present, comes last.
  const result: ResponseResult & { censored?: readonly string[] } = {
    category: main.category,
    possibleCategories: main.possible,
    criteria: ctx.criteriaBlock,
    interpretation: ctx.chosen,
    readingEvidence: ctx.readingEvidence,
    explanation: { categories: main.categories, endpoints },
    endpoints: endpointTruths,
    missing,
    robust,
    alternatives,
    sensitiveTo: [...sensitive],
    gaps,
    assumptions: [...assumptions],
    notes: [...notices.keys()],
    notices: [...notices.values()],
    warnings: plausibilityWarnings(input),
  };
  if (censored.length) (result as { censored?: readonly string[] }).censored = censored;
  return result;
}

/** What one classification needs that depends only on the object, the readings and the options. */
interface Context {
  readonly chosen: Readonly<Record<string, string>>;
  readonly prepared: Prepared;
  readonly plan: readonly {
    readonly interpretation: Readonly<Record<string, string>>;
    readonly changed: Readonly<Record<string, string>>;
    /** The parameter, when this alternative changes one reading only. */
    readonly single: string | undefined;
    readonly compiled: CompiledCriteria;
  }[];
  readonly criteriaBlock: ResponseResult["criteria"];
  readonly readingEvidence: ResponseResult["readingEvidence"];
}

const contexts = perObject<ResponseCriteria, Context>();
/** The contexts under the default readings, without and with substitution. */
const defaults = new WeakMap<ResponseCriteria, [Context | undefined, Context | undefined]>();

/**
 * The cached context of one classification: per object, per choice of readings
 * and per substitution option. Everything in it is frozen, since every result
 * under the same readings shares it.
 */
function contextOf(criteria: ResponseCriteria, options: ClassifyOptions): Context {
  const substitution = options.allowProteinuriaSubstitution === true;
  // The default readings (no interpretation given): no key to build.
  if (options.interpretation === undefined) {
    const d = defaults.get(criteria)?.[substitution ? 1 : 0];
    if (d) return d;
  }
  const chosen = fullInterpretation(criteria, options.interpretation);
  const ctx = contexts(criteria, readingsKey(chosen, substitution), () =>
    newContext(criteria, chosen, options),
  );
  if (options.interpretation === undefined) {
    const pair = defaults.get(criteria) ?? [undefined, undefined];
    pair[substitution ? 1 : 0] = ctx;
    defaults.set(criteria, pair);
  }
  return ctx;
}

function newContext(
  criteria: ResponseCriteria,
  chosen: Record<string, string>,
  options: ClassifyOptions,
): Context {
  const frozen = Object.freeze(chosen);
  const ctx: Context = {
    chosen: frozen,
    prepared: prepare(criteria, frozen),
    plan: alternativesPlan(criteria, frozen, options).map((a) => {
      const changed = Object.keys(a.changed);
      return {
        interpretation: Object.freeze(a.interpretation),
        changed: Object.freeze(a.changed),
        single: changed.length === 1 ? changed[0] : undefined,
        compiled: a.compiled,
      };
    }),
    criteriaBlock: Object.freeze(criteriaInfo(criteria, frozen)),
    readingEvidence: deepFreeze(readingEvidence(criteria, frozen)),
  };
  return ctx;
}

/**
 * Classify one assessment under a criteria object: validate the input, evaluate
 * every clause of every category (Kleene three-valued logic), pick the category,
 * and report the reasons, the missing inputs, the gaps of the source's text the
 * patient falls into, and the category under every other permitted reading.
 *
 * Categories are tried in order (CR, then PR); NR needs every category to be
 * not met. When a missing input leaves more than one category possible, the
 * result is `indeterminate` with the inputs listed in `missing`.
 *
 * The criteria object is validated too (once per object: see
 * `validateCriteria`, which deep-freezes it).
 *
 * The input is typed ({@link ResponseInputLike}: a {@link ResponseInput}, with
 * `null` allowed for a missing value), so a misspelt field or a value of the
 * wrong type does not compile. It is still validated here, exactly as before: a
 * JavaScript caller, or a value cast from `any`, gets the same
 * {@link InputError}. For data of unknown shape (parsed JSON, a form, a CSV
 * row) use {@link safeClassifyResponse}, which takes `unknown` and returns the
 * error instead of throwing, or {@link classifyMany} for a batch.
 *
 * @param criteria - a response criteria object, e.g. `criteria.kang2020`.
 * @param input - the patient, baseline and current labs (validated here).
 * @param options - interpretation readings; `allowProteinuriaSubstitution`.
 * @returns the result.
 * @throws {@link CriteriaError} when the criteria object is invalid (or not a
 *   response definition); {@link InputError} when the input is malformed
 *   (message and `issues` name each path); `RangeError` for an unknown
 *   interpretation parameter.
 * @example
 * ```ts
 * import { classifyResponse, criteria } from 'lupus-renal-criteria';
 * const r = classifyResponse(criteria.kang2020, {
 *   patient: { sex: 'F', ageYears: 49 },
 *   baseline: { proteinuria: { value: 4.92, unit: 'g/24h' }, serumCreatinine: { value: 63, unit: 'umol/L' } },
 *   current: { proteinuria: { value: 0.47, unit: 'g/24h' }, serumCreatinine: { value: 63, unit: 'umol/L' },
 *              serumAlbumin: { value: 35, unit: 'g/L' } },
 * });
 * r.category; // 'PR'
 * r.robust; // true
 * ```
 * @category Classification
 */
export function classifyResponse<C extends ResponseCriteria>(
  criteria: C,
  input: ResponseInputLike,
  options: ClassifyOptions<C> = {},
): ResponseResult {
  criteriaOf(criteria, "response");
  const parsed = safeParseResponseInput(input);
  if (!parsed.success) throw new InputError(parsed.error);
  return classifyValidated(criteria, parsed.data, options);
}

/**
 * {@link classifyResponse} without throwing: a discriminated result. It never
 * throws: an invalid criteria object gives a {@link CriteriaError}; a malformed
 * input, an input that cannot be read (a throwing getter, a revoked Proxy) or an
 * unknown interpretation parameter or reading (path `options.interpretation.<name>`) gives an
 * {@link InputError}.
 *
 * The input is `unknown`: this is the entry point for data whose shape is not
 * known to the compiler (parsed JSON, a form, a CSV row), validated here.
 *
 * @param criteria - a response criteria object.
 * @param input - the assessment, of any shape (validated here).
 * @param options - as for {@link classifyResponse}.
 * @returns `{ success: true, data }` or `{ success: false, error }`.
 * @example
 * ```ts
 * import { criteria, safeClassifyResponse } from 'lupus-renal-criteria';
 * const r = safeClassifyResponse(criteria.zhang2023, { current: { serumAlbumin: { value: 35, unit: 'mg/dL' } } });
 * if (!r.success) r.error.issues[0]?.path; // 'current.serumAlbumin.unit'
 * ```
 * @category Classification
 */
export function safeClassifyResponse<C extends ResponseCriteria>(
  criteria: C,
  input: unknown,
  options: ClassifyOptions<C> = {},
): { success: true; data: ResponseResult } | { success: false; error: InputError | CriteriaError } {
  try {
    criteriaOf(criteria, "response");
  } catch (e) {
    return { success: false, error: e as CriteriaError };
  }
  let issues: ReturnType<typeof checkInterpretation>;
  try {
    issues = checkInterpretation(criteria, options.interpretation, ["options", "interpretation"]);
  } catch (e) {
    return { success: false, error: inputErrorFrom(e, ["options"], "options") };
  }
  if (issues.length > 0) return { success: false, error: optionError(issues) };
  const parsed = readResponseInput(input);
  if (!parsed.success) return parsed;
  try {
    return { success: true, data: classifyValidated(criteria, parsed.data, options) };
  } catch (e) {
    if (CriteriaError.isCriteriaError(e)) return { success: false, error: e };
    return { success: false, error: inputErrorFrom(e, [], "input") };
  }
}

/**
 * Classify many assessments. Every input appears in the output, in order, with
 * either its result or its validation error — nothing is dropped, not even an
 * input that cannot be read (a throwing getter, a Proxy). The criteria object and
 * the options are checked once, before any input.
 *
 * The inputs are `readonly unknown[]` on purpose (unlike {@link classifyResponse},
 * which takes a typed {@link ResponseInputLike}): this is the batch entry point for
 * untrusted data, whose job is to report a malformed input as that item's error,
 * so it takes whatever the data holds; typed inputs are accepted as well.
 *
 * @param criteria - a response criteria object.
 * @param inputs - the assessments, of any shape (each validated here).
 * @param options - as for {@link classifyResponse}.
 * @returns one entry per input: `{ index, result }` or `{ index, error }`.
 * @throws {@link CriteriaError} for an invalid criteria object; `RangeError` for
 *   an unknown interpretation parameter or reading.
 * @example
 * ```ts
 * import { classifyMany, criteria } from 'lupus-renal-criteria';
 * const out = classifyMany(criteria.kang2020, [{}, { current: { proteinuria: { value: -1, unit: 'g/24h' } } }]);
 * out.length; // 2
 * 'error' in out[1]!; // true
 * ```
 * @category Classification
 */
export function classifyMany<C extends ResponseCriteria>(
  criteria: C,
  inputs: readonly unknown[],
  options: ClassifyOptions<C> = {},
): ({ index: number; result: ResponseResult } | { index: number; error: InputError })[] {
  criteriaOf(criteria, "response");
  fullInterpretation(criteria, options.interpretation);
  if (!Array.isArray(inputs))
    throw inputErrorFrom(new Error("expected an array of inputs"), [], "inputs");
  const out: ({ index: number; result: ResponseResult } | { index: number; error: InputError })[] =
    [];
  const n = inputs.length;
  for (let index = 0; index < n; index++) {
    let input: unknown;
    try {
      input = inputs[index];
    } catch (e) {
      out.push({ index, error: inputErrorFrom(e, [], "input (could not be read)") });
      continue;
    }
    const r = safeClassifyResponse(criteria, input, options);
    // The criteria object and the options were checked above: an error is the input's.
    out.push(r.success ? { index, result: r.data } : { index, error: r.error as InputError });
  }
  return out;
}
