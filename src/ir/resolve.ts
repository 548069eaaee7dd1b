import type { Quantity } from "../units/schema.js";
import type { UpcrConversion } from "../units/upcr-conversion.js";
import { unknownClause } from "./errors.js";
import type {
  Bind,
  Binding,
  Comparator,
  Expr,
  SedimentParams,
  SexSpecific,
  TreatmentFailureParams,
} from "./expr.js";

/**
 * The reserved binding name under which `bindingsOf` passes the object's UPCR
 * conversion reading (`'exact'` or `'printed'`) to {@link resolveExpr}, which
 * stamps it on every proteinuria clause.
 *
 * @example
 * ```ts
 * import { resolveExpr, UPCR_CONVERSION_BINDING } from 'lupus-renal-criteria';
 * const e = resolveExpr(
 *   { op: 'compare', id: 'cr', label: 'UPCR', left: { kind: 'value', measure: 'upcr', at: 'current' },
 *     cmp: '<', right: { value: 0.5, unit: 'g/g' }, source: { section: 'Figure' } },
 *   { [UPCR_CONVERSION_BINDING]: 'printed' },
 * );
 * ```
 * @internal Not part of the public API (used by the library and its tests).
 */
export const UPCR_CONVERSION_BINDING = "conversions.upcr";

function isBind(x: unknown): x is Bind {
  return typeof x === "object" && x !== null && "bind" in x;
}

function lookup(bindings: Readonly<Record<string, Binding>>, name: string): Binding {
  const b = bindings[name];
  if (b === undefined) throw new Error(`Criteria error: no binding for placeholder '${name}'`);
  return b;
}

function isComparator(b: Binding): b is Comparator {
  return b === "<" || b === "<=" || b === ">" || b === ">=";
}

function isObject(
  b: Binding,
): b is Exclude<Binding, string | number | boolean | readonly string[]> {
  return typeof b === "object" && b !== null && !Array.isArray(b);
}

function isQuantity(b: Binding): b is Quantity {
  return isObject(b) && "value" in b && "unit" in b;
}

function isExpr(b: Binding): b is Expr {
  return isObject(b) && "op" in b;
}

/**
 * Replace every placeholder of a clause tree by the value the chosen readings
 * bind to it. The result contains no `bind` node or `{ bind }` value.
 *
 * @param expr - a clause tree that may contain placeholders.
 * @param bindings - placeholder name → value, from the chosen readings.
 * @returns the resolved tree (a new object; the input is not modified).
 * @throws `Error` when a placeholder has no binding or a binding has the wrong type.
 * @example
 * ```ts
 * import { resolveExpr } from 'lupus-renal-criteria';
 * const e = resolveExpr(
 *   { op: 'compare', id: 'up', label: '24-h urine protein',
 *     left: { kind: 'value', measure: 'proteinuria24h', at: 'current' },
 *     cmp: '<', right: { bind: 't' }, source: { section: '§2.4' } },
 *   { t: { value: 0.5, unit: 'g/24h' } },
 * );
 * ```
 * @internal Not part of the public API (used by the library and its tests).
 */
export function resolveExpr(expr: Expr, bindings: Readonly<Record<string, Binding>>): Expr {
  switch (expr.op) {
    case "compare": {
      const cmp = isBind(expr.cmp) ? lookup(bindings, expr.cmp.bind) : expr.cmp;
      const right = isBind(expr.right) ? lookup(bindings, expr.right.bind) : expr.right;
      if (typeof cmp !== "string" || !isComparator(cmp)) {
        throw new Error(`Criteria error: clause '${expr.id}' needs an operator binding`);
      }
      if (typeof right === "string" || !isQuantity(right)) {
        throw new Error(`Criteria error: clause '${expr.id}' needs a quantity binding`);
      }
      // The UPCR conversion reading (validated by bindingsOf), on proteinuria clauses only.
      const conv = bindings[UPCR_CONVERSION_BINDING] as UpcrConversion | undefined;
      const m = expr.left.measure;
      return conv === undefined || (m !== "upcr" && m !== "proteinuria24h")
        ? { ...expr, cmp, right }
        : { ...expr, cmp, right, upcrConversion: conv };
    }
    case "fact": {
      if (expr.fact === "urineSedimentNormal") {
        const params = isBind(expr.params) ? lookup(bindings, expr.params.bind) : expr.params;
        return { ...expr, params: params as SedimentParams };
      }
      if (expr.fact === "treatmentFailures") {
        const params = Object.fromEntries(
          Object.entries(expr.params).map(([k, v]) => [
            k,
            isBind(v) ? lookup(bindings, v.bind) : v,
          ]),
        ) as unknown as TreatmentFailureParams;
        return { ...expr, params };
      }
      if (expr.fact === "exclusionAbsent" || expr.fact === "observation") return expr;
      const uln = expr.params.defaultUpperLimit;
      const resolved = isBind(uln) ? lookup(bindings, uln.bind) : uln;
      return { ...expr, params: { defaultUpperLimit: resolved as SexSpecific } };
    }
    case "all":
    case "any":
      return { ...expr, of: expr.of.map((e) => resolveExpr(e, bindings)) };
    case "not":
      return { ...expr, of: resolveExpr(expr.of, bindings) };
    case "if":
      return {
        ...expr,
        cond: resolveExpr(expr.cond, bindings),
        whenMet: resolveExpr(expr.whenMet, bindings),
        whenNotMet: resolveExpr(expr.whenNotMet, bindings),
      };
    case "ref":
      return expr;
    case "bind": {
      const b = lookup(bindings, expr.name);
      if (typeof b === "string" || !isExpr(b)) {
        throw new Error(`Criteria error: placeholder '${expr.name}' needs a clause binding`);
      }
      return resolveExpr(b, bindings);
    }
    default:
      throw unknownClause(expr);
  }
}
