/**
 * Code generation for `compile()`: one straight-line JavaScript function per
 * criteria object and reading, with every threshold and unit factor inlined.
 * Values near a threshold, and facts, go through the closure compiler's exact
 * functions, so the result is the interpreter's to the last bit. Used when the
 * `Function` constructor is available (not under a strict Content-Security-Policy);
 * otherwise `compile()` keeps its closures.
 *
 * Nothing from the criteria object is spliced into the source as text: numbers
 * go through {@link num} (checked finite numbers only), comparators through a
 * fixed table, property names (input field, `baseline`/`current`, sediment
 * count, category name) through fixed tables; anything else throws before the
 * `Function` constructor is reached. `compile()` validates the object first;
 * these checks hold even when this module is called directly.
 *
 * @module
 * @internal
 */

import { notResolved, referenced, unknownClause } from "../ir/errors.js";
import {
  type Comparator,
  type Expr,
  MEASURE_KIND,
  type Measure,
  type Operand,
} from "../ir/expr.js";
import type { Truth } from "../ir/kleene.js";
import type { CategoryOrIndeterminate, ResponseCategory } from "../ir/types.js";
import { BASE_UNITS, lookupUnit, type UnitInfo } from "../units/units.js";
import { type UpcrConversion, unitUnder } from "../units/upcr-conversion.js";
import type { EvaluationOptions, EvaluationSubject } from "./interpret.js";

/** The one way a number enters the generated source: a finite number, or a throw. */
function num(x: unknown): string {
  if (typeof x !== "number" || !Number.isFinite(x))
    throw new Error("Criteria error: a generated number is not a finite number");
  return `(${String(x)})`;
}

/** Comparators as emitted, from a fixed table. */
const CMP: Readonly<Record<Comparator, string>> = Object.freeze({
  "<": "<",
  "<=": "<=",
  ">": ">",
  ">=": ">=",
});
/** `baseline` / `current` as emitted. */
const AT: Readonly<Record<"baseline" | "current", string>> = Object.freeze({
  baseline: "s.baseline",
  current: "s.current",
});
/** The input field each quantity measure reads, as emitted. */
const FIELD: Readonly<Partial<Record<Measure, string>>> = Object.freeze({
  proteinuria24h: "proteinuria",
  upcr: "proteinuria",
  serumCreatinine: "serumCreatinine",
  serumAlbumin: "serumAlbumin",
  egfr: "egfr",
});
/** Sediment counts and the glucocorticoid dose: their access path, as emitted. */
const SEDIMENT: Readonly<Partial<Record<Measure, string>>> = Object.freeze({
  urineRbc: "rbcPerHpf",
  urineWbc: "wbcPerHpf",
  urineAcanthocytes: "acanthocytesPerHpf",
});
/** Category names as emitted string literals. */
const CATEGORY: Readonly<Record<ResponseCategory, string>> = Object.freeze({
  CR: '"CR"',
  PR: '"PR"',
  NR: '"NR"',
});

function fromTable<K extends string>(
  table: Readonly<Partial<Record<K, string>>>,
  key: unknown,
  what: string,
): string {
  const v = typeof key === "string" && Object.hasOwn(table, key) ? table[key as K] : undefined;
  if (v === undefined) throw new Error(`Criteria error: unknown ${what}`);
  return v;
}

/**
 * A closure returning 0 (not met), 1 (met) or 2 (unknown).
 *
 * @category Compiled form and backends
 */
export type TruthFn = (s: EvaluationSubject) => 0 | 1 | 2;
/**
 * A closure returning a number or undefined.
 *
 * @category Compiled form and backends
 */
export type NumFn = (s: EvaluationSubject) => number | undefined;

/**
 * What the closure compiler provides for one compare clause.
 *
 * @category Compiled form and backends
 */
export interface CompareParts {
  /** The exact value in the threshold's unit (interpreter-identical). */
  readonly exact: NumFn;
  /** The whole clause as a closure: used when an input it reads is censored. */
  readonly whole: TruthFn;
}

let available: boolean | undefined;
/**
 * Whether `new Function` works here (false under a CSP without 'unsafe-eval').
 *
 * @category Compiled form and backends
 */
export function codegenAvailable(): boolean {
  if (available === undefined) {
    try {
      available = new Function("return 1")() === 1;
    } catch {
      available = false;
    }
  }
  return available;
}

/**
 * Generate the category function.
 *
 * @param categories - resolved category trees, in order.
 * @param exactFor - the closure compiler's parts for a compare clause.
 * @param factFor - the closure compiler's function for a fact clause.
 * @param options - evaluation options (proteinuria substitution).
 * @returns the generated function.
 * @category Compiled form and backends
 */
export function generateCategory(
  categories: readonly { name: ResponseCategory; expr: Expr }[],
  exactFor: (e: Extract<Expr, { op: "compare" }>) => CompareParts,
  factFor: (e: Extract<Expr, { op: "fact" }>) => TruthFn,
  options: EvaluationOptions,
): (s: EvaluationSubject) => CategoryOrIndeterminate {
  return generate(categories, undefined, exactFor, factFor, options) as (
    s: EvaluationSubject,
  ) => CategoryOrIndeterminate;
}

/** The truth of an end point as a result shows it, by code (0 not met, 1 met, 2 unknown). */
const TRUTH_TEXT: readonly Truth[] = Object.freeze(["not-met", "met", "unknown"]);

/**
 * Generate the category and end-point function: every category is evaluated (no
 * early return: end points may refer to any of them), then each end point, whose
 * truth is written into `E` under its name (the name is a value in the function's
 * data, never source text). Returns the category, as the category function does.
 *
 * @param categories - resolved category trees, in order.
 * @param endpoints - resolved end-point trees, in order (each may refer to the
 *   categories and to the end points before it).
 * @param exactFor - the closure compiler's parts for a compare clause.
 * @param factFor - the closure compiler's function for a fact clause.
 * @param options - evaluation options (proteinuria substitution).
 * @returns the generated function.
 * @category Compiled form and backends
 */
export function generateClassify(
  categories: readonly { name: ResponseCategory; expr: Expr }[],
  endpoints: readonly { name: string; expr: Expr }[],
  exactFor: (e: Extract<Expr, { op: "compare" }>) => CompareParts,
  factFor: (e: Extract<Expr, { op: "fact" }>) => TruthFn,
  options: EvaluationOptions,
): (s: EvaluationSubject, E: Record<string, Truth>) => CategoryOrIndeterminate {
  return generate(categories, endpoints, exactFor, factFor, options);
}

function generate(
  categories: readonly { name: ResponseCategory; expr: Expr }[],
  endpoints: readonly { name: string; expr: Expr }[] | undefined,
  exactFor: (e: Extract<Expr, { op: "compare" }>) => CompareParts,
  factFor: (e: Extract<Expr, { op: "fact" }>) => TruthFn,
  options: EvaluationOptions,
): (s: EvaluationSubject, E: Record<string, Truth>) => CategoryOrIndeterminate {
  const deps: unknown[] = [];
  const dep = (x: unknown) => {
    deps.push(x);
    return `D[${deps.length - 1}]`;
  };
  const readings = new Map<string, string>(); // key → variable name
  const censorFlags = new Map<string, string>(); // reading variable → its censor flag
  const pre: string[] = [];
  let n = 0;
  const fresh = (p: string) => `${p}${n++}`;

  const reading = (
    measure: Measure,
    at: "baseline" | "current",
    conversion?: UpcrConversion,
  ): string => {
    // The measure is a key of MEASURE_KIND (checked by `raw`, the only caller before
    // `censorFlagsOf`); its field name below comes from the SEDIMENT or FIELD table.
    const L = fromTable(AT, at, "time point");
    if (conversion !== undefined && conversion !== "exact" && conversion !== "printed")
      throw new Error("Criteria error: unknown UPCR conversion");
    const key = `${at}:${measure}:${conversion ?? ""}`;
    const have = readings.get(key);
    if (have) return have;
    const v = fresh("r");
    readings.set(key, v);
    switch (measure) {
      case "urineRbc":
      case "urineWbc":
      case "urineAcanthocytes": {
        const f = fromTable(SEDIMENT, measure, "measure");
        pre.push(
          `const ${v} = ${L} === undefined || ${L}.urineSediment === undefined ? undefined : ${L}.urineSediment.${f};`,
        );
        return v;
      }
      case "prednisone":
        pre.push(`const ${v} = ${L} === undefined ? undefined : ${L}.prednisoneMgPerDay;`);
        return v;
    }
    const kind = MEASURE_KIND[measure];
    const proteinuria = kind === "urineProtein24h" || kind === "upcr";
    const substitute = options.allowProteinuriaSubstitution === true;
    // Factor from a unit spelling to the base unit of the kind read (undefined: unusable).
    const factor = (unit: string): number | undefined => {
      const found = lookupUnit(unit);
      if (!found) return undefined;
      const info = unitUnder(found, conversion);
      let target: UnitInfo | undefined;
      if (info.kind === kind) target = lookupUnit(BASE_UNITS[kind]);
      else if (
        proteinuria &&
        substitute &&
        (info.kind === "urineProtein24h" || info.kind === "upcr")
      ) {
        target = lookupUnit(BASE_UNITS[info.kind]);
      }
      if (!target) return undefined;
      return info.canonical === target.canonical ? 1 : info.toBase / target.toBase;
    };
    const F = dep(factor);
    // One-entry unit cache per reading, kept in the generated closure's object C.
    const cu = fresh("cu");
    const cf = fresh("cf");
    // The censor flag: true when the quantity is a censored value (e.g. "<0.1").
    const z = fresh("z");
    censorFlags.set(v, z);
    pre.push(
      `let ${v}; let ${z} = false; { const L = ${L}; const q = L === undefined ? undefined : L.${fromTable(FIELD, measure, "measure")}; if (q !== undefined) { const u = q.unit; const f = u === C.${cu} ? C.${cf} : (C.${cu} = u, C.${cf} = ${F}(u)); ${v} = f === undefined ? undefined : f === 1 ? q.value : q.value * f; ${z} = q.censor !== undefined; } }`,
    );
    return v;
  };

  const raw = (
    op: Operand,
    threshold: UnitInfo,
    conversion?: UpcrConversion,
  ): string | undefined => {
    if (typeof op.measure !== "string" || !Object.hasOwn(MEASURE_KIND, op.measure))
      throw new Error("Criteria error: unknown measure");
    const base = lookupUnit(BASE_UNITS[MEASURE_KIND[op.measure]]) as UnitInfo;
    if (op.kind === "value") {
      const r = reading(op.measure, op.at, conversion);
      if (base.canonical === threshold.canonical) return r;
      return `(${r} === undefined ? undefined : ${r} * ${num(base.toBase / threshold.toBase)})`;
    }
    const b = reading(op.measure, "baseline", conversion);
    const c = reading(op.measure, "current", conversion);
    const guard = `${b} === undefined || ${c} === undefined || ${b} === 0 ? undefined : `;
    switch (op.kind) {
      case "percentDecrease":
        return `(${guard}(${b} - ${c}) / ${b} * 100)`;
      case "percentIncrease":
        return `(${guard}(${c} - ${b}) / ${b} * 100)`;
      case "absPercentChange":
        return `(${guard}Math.abs(${c} - ${b}) / ${b} * 100)`;
      case "percentOfBaseline":
        return `(${guard}${c} / ${b} * 100)`;
    }
    // increase / decrease: no raw value (the exact closure compares them in the base unit).
    return undefined;
  };

  /** The censor flags of the quantities an operand reads (none for counts and doses). */
  const censorFlagsOf = (op: Operand, conversion?: UpcrConversion): string[] => {
    const ats: ("baseline" | "current")[] = op.kind === "value" ? [op.at] : ["baseline", "current"];
    const out: string[] = [];
    for (const at of ats) {
      const z = censorFlags.get(reading(op.measure, at, conversion));
      if (z !== undefined) out.push(z);
    }
    return out;
  };

  const body: string[] = [];
  const refs = new Map<string, string>();
  const emit = (e: Expr, out: string[]): string => {
    const t = fresh("t");
    switch (e.op) {
      case "compare": {
        if (
          typeof e.cmp !== "string" ||
          typeof e.right !== "object" ||
          e.right === null ||
          "bind" in e.right
        )
          throw notResolved("a clause");
        const unit = typeof e.right.unit === "string" ? lookupUnit(e.right.unit) : undefined;
        if (!unit) throw new Error(`Criteria error: a threshold has an unknown unit`);
        const thr = unitUnder(unit, e.upcrConversion);
        const T = num(e.right.value);
        const cmp = fromTable(CMP, e.cmp, "comparator");
        const parts = exactFor(e);
        const ex = dep(parts.exact);
        const r = raw(e.left, thr, e.upcrConversion);
        const exact = `{ const x = ${ex}(s); ${t} = x === undefined ? 2 : x ${cmp} ${T} ? 1 : 0; }`;
        // A censored input: the closure compares the operand's whole range.
        const flags = censorFlagsOf(e.left, e.upcrConversion);
        const censored = flags.length
          ? `if (${flags.join(" || ")}) ${t} = ${dep(parts.whole)}(s); else `
          : "";
        if (r === undefined) {
          out.push(`let ${t}; ${censored}${exact}`);
        } else {
          const tol = num(1e-7 * Math.max(Math.abs(e.right.value), 1));
          out.push(
            `let ${t}; ${censored}{ const v = ${r}; if (v === undefined) ${t} = 2; else if (v - ${T} > ${tol} || ${T} - v > ${tol}) ${t} = v ${cmp} ${T} ? 1 : 0; else ${exact} }`,
          );
        }
        return t;
      }
      case "fact":
        out.push(`const ${t} = ${dep(factFor(e))}(s);`);
        return t;
      case "all":
      case "any": {
        const stop = e.op === "all" ? 0 : 1;
        const label = fresh("b");
        out.push(`let ${t} = ${e.op === "all" ? 1 : 0};`, `${label}: {`);
        for (const c of e.of) {
          const x = emit(c, out);
          out.push(
            `if (${x} === ${stop}) { ${t} = ${stop}; break ${label}; } if (${x} === 2) ${t} = 2;`,
          );
        }
        out.push("}");
        return t;
      }
      case "not": {
        const x = emit(e.of, out);
        out.push(`const ${t} = ${x} === 2 ? 2 : 1 - ${x};`);
        return t;
      }
      case "if": {
        const c = emit(e.cond, out);
        out.push(`let ${t};`, `if (${c} === 1) {`);
        const a = emit(e.whenMet, out);
        out.push(`${t} = ${a}; } else if (${c} === 0) {`);
        const b = emit(e.whenNotMet, out);
        out.push(`${t} = ${b}; } else {`);
        const a2 = emit(e.whenMet, out);
        const b2 = emit(e.whenNotMet, out);
        out.push(`${t} = ${a2} === ${b2} ? ${a2} : 2; }`);
        return t;
      }
      case "ref":
        return referenced(refs, e.to);
      case "bind":
        throw notResolved(`placeholder '${e.name}'`);
      default:
        throw unknownClause(e);
    }
  };

  body.push("let unk = false;");
  if (endpoints === undefined) {
    for (const c of categories) {
      const x = emit(c.expr, body);
      refs.set(c.name, x);
      body.push(
        `if (${x} === 1) return unk ? "indeterminate" : ${fromTable(CATEGORY, c.name, "category")};`,
        `if (${x} === 2) unk = true;`,
      );
    }
    body.push(`return unk ? "indeterminate" : "NR";`);
  } else {
    body.push("let cat;");
    for (const c of categories) {
      const x = emit(c.expr, body);
      refs.set(c.name, x);
      body.push(
        `if (cat === undefined) { if (${x} === 1) cat = unk ? "indeterminate" : ${fromTable(CATEGORY, c.name, "category")}; else if (${x} === 2) unk = true; }`,
      );
    }
    body.push(`if (cat === undefined) cat = unk ? "indeterminate" : "NR";`);
    const text = dep(TRUTH_TEXT);
    for (const e of endpoints) {
      const x = emit(e.expr, body);
      refs.set(e.name, x);
      body.push(`E[${dep(e.name)}] = ${text}[${x}];`);
    }
    body.push("return cat;");
  }
  const source = `"use strict"; const C = {}; return function category(s, E) {\n${pre.join("\n")}\n${body.join("\n")}\n};`;
  return new Function("D", source)(deps) as (
    s: EvaluationSubject,
    E: Record<string, Truth>,
  ) => CategoryOrIndeterminate;
}
