/**
 * Three-valued (Kleene) logic: a clause is met, not met, or unknown.
 *
 * @module
 */

/**
 * The truth value of a clause: `'met'`, `'not-met'` or `'unknown'` (an input was
 * missing or unusable). Unknown is never coerced to not met.
 *
 * @example
 * ```ts
 * import type { Truth } from 'lupus-renal-criteria';
 * const t: Truth = 'unknown';
 * ```
 * @category Criteria as data
 */
export type Truth = "met" | "not-met" | "unknown";

/**
 * Kleene conjunction: not met if any operand is not met; met if all are met;
 * otherwise unknown. The conjunction of no operands is met.
 *
 * @param values - the operands.
 * @returns the conjunction.
 * @example
 * ```ts
 * import { and3 } from 'lupus-renal-criteria';
 * and3(['met', 'unknown']);      // 'unknown'
 * and3(['not-met', 'unknown']);  // 'not-met'
 * ```
 * @internal Not part of the public API (used by the library and its tests).
 */
export function and3(values: readonly Truth[]): Truth {
  let unknown = false;
  for (const v of values) {
    if (v === "not-met") return "not-met";
    if (v === "unknown") unknown = true;
  }
  return unknown ? "unknown" : "met";
}

/**
 * Kleene disjunction: met if any operand is met; not met if all are not met;
 * otherwise unknown. The disjunction of no operands is not met.
 *
 * @param values - the operands.
 * @returns the disjunction.
 * @example
 * ```ts
 * import { or3 } from 'lupus-renal-criteria';
 * or3(['met', 'unknown']);      // 'met'
 * or3(['not-met', 'unknown']);  // 'unknown'
 * ```
 * @internal Not part of the public API (used by the library and its tests).
 */
export function or3(values: readonly Truth[]): Truth {
  let unknown = false;
  for (const v of values) {
    if (v === "met") return "met";
    if (v === "unknown") unknown = true;
  }
  return unknown ? "unknown" : "not-met";
}

/**
 * Kleene negation: swaps met and not met; unknown stays unknown.
 *
 * @param value - the operand.
 * @returns its negation.
 * @example
 * ```ts
 * import { not3 } from 'lupus-renal-criteria';
 * not3('met'); // 'not-met'
 * ```
 * @internal Not part of the public API (used by the library and its tests).
 */
export function not3(value: Truth): Truth {
  if (value === "met") return "not-met";
  if (value === "not-met") return "met";
  return "unknown";
}

/**
 * Kleene conditional: the `then` value when the condition is met, the `else` value
 * when it is not met, and, when the condition is unknown, their common value if
 * both branches agree, otherwise unknown.
 *
 * @param cond - the condition's truth.
 * @param whenMet - the value of the `then` branch.
 * @param whenNotMet - the value of the `else` branch.
 * @returns the conditional's truth.
 * @example
 * ```ts
 * import { if3 } from 'lupus-renal-criteria';
 * if3('unknown', 'met', 'met');     // 'met' (both branches agree)
 * if3('unknown', 'met', 'not-met'); // 'unknown'
 * ```
 * @internal Not part of the public API (used by the library and its tests).
 */
export function if3(cond: Truth, whenMet: Truth, whenNotMet: Truth): Truth {
  if (cond === "met") return whenMet;
  if (cond === "not-met") return whenNotMet;
  return whenMet === whenNotMet ? whenMet : "unknown";
}
