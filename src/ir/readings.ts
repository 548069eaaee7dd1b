/**
 * Choosing readings of a criteria object's interpretation parameters.
 *
 * @module
 */
import type { Binding } from "./expr.js";
import { UPCR_CONVERSION_BINDING } from "./resolve.js";
import { criteriaOf, deepFreeze } from "./schema.js";
import type {
  EligibilityCriteria,
  FlareCriteria,
  InterpretationChoice,
  ResponseCriteria,
} from "./types.js";

/**
 * Every parameter of the criteria with the reading chosen: the caller's choice
 * where given, the documented default elsewhere.
 *
 * @param criteria - a criteria object.
 * @param choice - parameter name → reading name (partial).
 * @returns the full choice.
 * @throws `RangeError` for an unknown parameter or reading (the message lists the permitted ones).
 * @example
 * ```ts
 * import { criteria, fullInterpretation } from 'lupus-renal-criteria';
 * fullInterpretation(criteria.zhang2023, { crProteinuriaCutoff: '0.7' });
 * // { crProteinuriaCutoff: '0.7', creatinineBand: 'stable-or-improved', nephroticBaseline: '>3.5' }
 * ```
 * @category Criteria as data
 */
export function fullInterpretation(
  criteria: Pick<ResponseCriteria, "id" | "parameters">,
  choice: InterpretationChoice = {},
): Record<string, string> {
  for (const [name, reading] of Object.entries(choice)) {
    const p = Object.hasOwn(criteria.parameters, name) ? criteria.parameters[name] : undefined;
    if (!p) {
      const names = Object.keys(criteria.parameters);
      throw new RangeError(
        `${criteria.id} has no interpretation parameter '${name}'; it has: ${names.length ? names.join(", ") : "none"}`,
      );
    }
    if (!Object.hasOwn(p.readings, reading)) {
      throw new RangeError(
        `${criteria.id}: '${reading}' is not a reading of '${name}'; permitted: ${Object.keys(p.readings).join(", ")}`,
      );
    }
  }
  const out: Record<string, string> = {};
  for (const [name, p] of Object.entries(criteria.parameters))
    out[name] = choice[name] ?? p.default;
  return out;
}

/**
 * The placeholder bindings of a full choice of readings.
 *
 * @param criteria - a criteria object.
 * @param choice - a full choice (see {@link fullInterpretation}).
 * @returns placeholder name → bound value.
 * @example
 * ```ts
 * import { bindingsOf, criteria, fullInterpretation } from 'lupus-renal-criteria';
 * const b = bindingsOf(criteria.zhang2023, fullInterpretation(criteria.zhang2023));
 * b.crProteinuriaThreshold; // { value: 0.5, unit: 'g/24h' }
 * ```
 * @internal Not part of the public API (used by the library and its tests).
 */
export function bindingsOf(
  criteria: Pick<ResponseCriteria, "parameters" | "conversions">,
  choice: Readonly<Record<string, string>>,
): Record<string, Binding> {
  const out: Record<string, Binding> = {};
  for (const [name, p] of Object.entries(criteria.parameters)) {
    const reading = p.readings[choice[name] ?? p.default];
    if (reading) Object.assign(out, reading.bindings);
  }
  // The UPCR conversion reading, under a reserved name that resolveExpr stamps on proteinuria clauses.
  const conv = criteria.conversions?.upcr;
  if (conv !== undefined) {
    const v = typeof conv === "string" ? conv : out[conv.bind];
    if (v !== "exact" && v !== "printed") throw new Error("Criteria error: bad UPCR conversion");
    out[UPCR_CONVERSION_BINDING] = v;
  }
  return out;
}

/**
 * Every combination of readings (the cartesian product of the parameters'
 * readings), the documented defaults first.
 *
 * @param criteria - a criteria object.
 * @returns the full choices.
 * @example
 * ```ts
 * import { allInterpretations, criteria } from 'lupus-renal-criteria';
 * allInterpretations(criteria.zhang2023).length; // 8 (2 × 2 × 2)
 * ```
 * @category Criteria as data
 */
export function allInterpretations(
  criteria: Pick<ResponseCriteria, "parameters">,
): Record<string, string>[] {
  let combos: Record<string, string>[] = [{}];
  for (const [name, p] of Object.entries(criteria.parameters)) {
    const names = [p.default, ...Object.keys(p.readings).filter((r) => r !== p.default)];
    combos = combos.flatMap((c) => names.map((r) => ({ ...c, [name]: r })));
  }
  return combos;
}

/** Another combination of readings than the chosen one (see {@link otherInterpretations}). */
export interface OtherInterpretation {
  /** The full combination. */
  readonly interpretation: Record<string, string>;
  /** The parameters whose reading differs from the chosen one, with this combination's reading (parameter order). */
  readonly changed: Record<string, string>;
}

/**
 * Every combination of readings other than the chosen one, in the order of
 * {@link allInterpretations}, each with the parameters it changes: what a result's
 * `robust`, `sensitiveTo` and `alternatives` are made of.
 *
 * @param criteria - a criteria object.
 * @param chosen - the full choice (see {@link fullInterpretation}).
 * @returns the other combinations (none for a criteria object without parameters).
 * @example
 * ```ts
 * import { criteria, fullInterpretation } from 'lupus-renal-criteria';
 * import { otherInterpretations } from './readings.js';
 * const others = otherInterpretations(criteria.zhang2023, fullInterpretation(criteria.zhang2023));
 * others.length; // 7
 * others[0]?.changed; // { nephroticBaseline: '>=3.5' }
 * ```
 * @internal Not part of the public API (used by the classification front ends).
 */
export function otherInterpretations(
  criteria: Pick<ResponseCriteria, "parameters">,
  chosen: Readonly<Record<string, string>>,
): OtherInterpretation[] {
  const out: OtherInterpretation[] = [];
  for (const interpretation of allInterpretations(criteria)) {
    const changed: Record<string, string> = {};
    let any = false;
    for (const k of Object.keys(interpretation)) {
      const v = interpretation[k] as string;
      if (chosen[k] !== v) {
        changed[k] = v;
        any = true;
      }
    }
    if (any) out.push({ interpretation, changed });
  }
  return out;
}

/**
 * Derive a variant of a criteria object whose defaults are the given readings.
 * The variant gets its own id (`<id>+<parameter>=<reading>…`, only non-default
 * readings, sorted) and records the object it came from in `derivedFrom`. The
 * other readings stay available, so results still report robustness.
 *
 * @param criteria - the criteria object (validated, see `validateCriteria`).
 * @param options - `interpretation`: parameter name → reading name.
 * @returns the variant: a new, deep-frozen, validated object (the original is
 *   unchanged), or the original itself when every reading is its default.
 * @throws {@link CriteriaError} for an invalid criteria object; `RangeError` for
 *   an unknown parameter or reading.
 * @example
 * ```ts
 * import { criteria, withOptions } from 'lupus-renal-criteria';
 * const lenient = withOptions(criteria.zhang2023, { interpretation: { crProteinuriaCutoff: '0.7' } });
 * lenient.id; // 'zhang2023+crProteinuriaCutoff=0.7'
 * lenient.derivedFrom; // 'zhang2023@1.1.0'
 * ```
 * @category Criteria as data
 */
export function withOptions<C extends ResponseCriteria | EligibilityCriteria | FlareCriteria>(
  criteria: C,
  options: { readonly interpretation: InterpretationChoice },
): C {
  criteriaOf(criteria, criteria?.kind);
  const full = fullInterpretation(criteria, options.interpretation);
  const changed = Object.keys(full)
    .filter((name) => full[name] !== criteria.parameters[name]?.default)
    .sort();
  if (changed.length === 0) return criteria;
  const parameters = Object.fromEntries(
    Object.entries(criteria.parameters).map(([name, p]) => [
      name,
      { ...p, default: full[name] ?? p.default },
    ]),
  );
  const [baseId = criteria.id, ...previous] = criteria.id.split("+");
  // Split at the first '=' only: reading names may contain one ('<=', '>=3.5').
  const chosen = new Map(
    previous.map((kv) => [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)] as const),
  );
  for (const name of changed) chosen.set(name, full[name] ?? "");
  const suffix = [...chosen.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, reading]) => `${name}=${reading}`)
    .join("+");
  const variant: C = {
    ...criteria,
    id: `${baseId}+${suffix}`,
    parameters,
    derivedFrom: criteria.derivedFrom ?? `${criteria.id}@${criteria.version}`,
  };
  return criteriaOf(deepFreeze(variant), criteria.kind) as C;
}
