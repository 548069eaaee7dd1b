/**
 * Small constructors that keep criteria files readable. They return plain data.
 *
 * @module
 */
import type { Bind, Comparator, CompareExpr, Expr, Locator, Measure, Operand } from "../ir/expr.js";
import type { ReadingNames, ResponseCriteria, ResponseCriteriaWithReadings } from "../ir/types.js";
import type { Quantity } from "../units/schema.js";

/**
 * A shipped response definition, checked against {@link ResponseCriteria} and typed
 * with its parameter and reading names as literals (the value is returned as it is).
 *
 * @internal
 */
export function withReadingTypes<T extends ResponseCriteria>(
  c: T,
): ResponseCriteriaWithReadings<ReadingNames<T["parameters"]>> {
  return c as ResponseCriteriaWithReadings<ReadingNames<T["parameters"]>>;
}

/** @internal */
export const q = (value: number, unit: string): Quantity => ({ value, unit });

/** @internal */
export const at = (measure: Measure, when: "baseline" | "current"): Operand => ({
  kind: "value",
  measure,
  at: when,
});

/** @internal */
export const change = (
  kind:
    | "percentDecrease"
    | "percentIncrease"
    | "absPercentChange"
    | "percentOfBaseline"
    | "increase"
    | "decrease",
  measure: Measure,
): Operand => ({ kind, measure });

/** @internal */
export function cmp(
  id: string,
  label: string,
  left: Operand,
  op: Comparator | Bind,
  right: Quantity | Bind,
  source: Locator,
): CompareExpr {
  return { op: "compare", id, label, left, cmp: op, right, source };
}

/** @internal */
export const all = (id: string, label: string, ...of: Expr[]): Expr => ({
  op: "all",
  id,
  label,
  of,
});

/** @internal */
export const any = (id: string, label: string, ...of: Expr[]): Expr => ({
  op: "any",
  id,
  label,
  of,
});

/** @internal */
export const ref = (to: string): Expr => ({ op: "ref", to });

/** @internal */
export const bind = (name: string): Expr => ({ op: "bind", name });
