/**
 * `compile()`: a criteria object turned once into a specialised function, for
 * classifying many assessments without per-call tree walks, schema checks or
 * explanation objects. Same semantics as the interpreter, bit for bit (the
 * differential test checks it).
 *
 * @module
 */

import { type InputError, notResolved, referenced, unknownClause } from "../ir/errors.js";
import {
  type Comparator,
  type Expr,
  MEASURE_KIND,
  type Measure,
  type Operand,
} from "../ir/expr.js";
import type { Truth } from "../ir/kleene.js";
import { perObject, readingsKey } from "../ir/memo.js";
import { readResponseInput } from "../ir/read-input.js";
import { bindingsOf, fullInterpretation, otherInterpretations } from "../ir/readings.js";
import { resolveExpr } from "../ir/resolve.js";
import { criteriaOf } from "../ir/schema.js";
import type {
  CategoryOrIndeterminate,
  InterpretationChoice,
  InterpretationChoiceOf,
  ResponseCategory,
  ResponseCriteria,
} from "../ir/types.js";
import type { ResponseInput } from "../model/assessment.js";
import type { Censor, Quantity } from "../units/schema.js";
import {
  BASE_UNITS,
  convertInfo,
  lookupUnit,
  type MeasureKind,
  PERCENT_DIGITS,
  roundSignificant,
  type UnitInfo,
} from "../units/units.js";
import { type UpcrConversion, unitUnder } from "../units/upcr-conversion.js";
import {
  changeInterval,
  compareInterval,
  type Interval,
  inputInterval,
  mapIncreasing,
} from "./censor.js";
import { codegenAvailable, generateCategory, generateClassify } from "./codegen.js";
import {
  decisiveCensored,
  decisiveMissing,
  type EvaluationOptions,
  type EvaluationSubject,
  evaluateExpr,
} from "./interpret.js";

/** Truth as a small integer: 0 not met, 1 met, 2 unknown. */
type T = 0 | 1 | 2;
type Fn = (s: EvaluationSubject) => T;
type Num = (s: EvaluationSubject) => number | undefined;

function baseInfo(kind: MeasureKind): UnitInfo {
  return lookupUnit(BASE_UNITS[kind]) as UnitInfo;
}

type Get = (s: EvaluationSubject) => Quantity | undefined;
// One function literal per field keeps every property load monomorphic.
const ACCESS: Record<
  "baseline" | "current",
  Record<"proteinuria" | "serumCreatinine" | "serumAlbumin" | "egfr", Get>
> = {
  baseline: {
    proteinuria: (s) => s.baseline?.proteinuria,
    serumCreatinine: (s) => s.baseline?.serumCreatinine,
    serumAlbumin: (s) => s.baseline?.serumAlbumin,
    egfr: (s) => s.baseline?.egfr,
  },
  current: {
    proteinuria: (s) => s.current?.proteinuria,
    serumCreatinine: (s) => s.current?.serumCreatinine,
    serumAlbumin: (s) => s.current?.serumAlbumin,
    egfr: (s) => s.current?.egfr,
  },
};

function reader(
  measure: Measure,
  at: "baseline" | "current",
  options: EvaluationOptions,
  exact: boolean,
  conversion?: UpcrConversion,
): Num {
  const kind = MEASURE_KIND[measure];
  const base = baseInfo(kind);
  switch (measure) {
    case "urineRbc":
      return (s) => s[at]?.urineSediment?.rbcPerHpf;
    case "urineWbc":
      return (s) => s[at]?.urineSediment?.wbcPerHpf;
    case "urineAcanthocytes":
      return (s) => s[at]?.urineSediment?.acanthocytesPerHpf;
    case "prednisone":
      return (s) => s[at]?.prednisoneMgPerDay;
  }
  const field = measure === "proteinuria24h" || measure === "upcr" ? "proteinuria" : measure;
  const get = ACCESS[at][field];
  const proteinuria = kind === "urineProtein24h" || kind === "upcr";
  const substitute = options.allowProteinuriaSubstitution === true;
  // One-entry unit cache: a cohort usually repeats the same unit string.
  let lastUnit = "";
  let lastInfo: UnitInfo | undefined;
  let lastTarget: UnitInfo | undefined;
  return (s) => {
    const q = get(s);
    if (q === undefined) return undefined;
    let info: UnitInfo | undefined;
    let target: UnitInfo | undefined;
    if (q.unit === lastUnit) {
      info = lastInfo;
      target = lastTarget;
    } else {
      info = lookupUnit(q.unit);
      target = undefined;
      if (info) {
        info = unitUnder(info, conversion);
        if (info.kind === kind) target = base;
        else if (
          proteinuria &&
          substitute &&
          (info.kind === "urineProtein24h" || info.kind === "upcr")
        )
          target = baseInfo(info.kind);
      }
      lastUnit = q.unit;
      lastInfo = info;
      lastTarget = target;
    }
    if (!info || !target) return undefined;
    if (info.canonical === target.canonical) return q.value;
    return exact ? convertInfo(q.value, info, target) : (q.value * info.toBase) / target.toBase;
  };
}

/** An operand as a pair: a fast unrounded value, and the exact (interpreter-identical) one. */
interface Operands {
  readonly raw: Num;
  readonly exact: Num;
}

function operand(
  op: Operand,
  threshold: UnitInfo,
  options: EvaluationOptions,
  conversion?: UpcrConversion,
): Operands {
  const base = baseInfo(MEASURE_KIND[op.measure]);
  const same = base.canonical === threshold.canonical;
  if (op.kind === "value") {
    const raw = reader(op.measure, op.at, options, false, conversion);
    const exact = reader(op.measure, op.at, options, true, conversion);
    return {
      raw: same
        ? raw
        : (s) => {
            const v = raw(s);
            return v === undefined ? undefined : (v * base.toBase) / threshold.toBase;
          },
      exact: (s) => {
        const v = exact(s);
        return v === undefined ? undefined : convertInfo(v, base, threshold);
      },
    };
  }
  const pair = (exact: boolean, f: (b: number, c: number) => number | undefined): Num => {
    const rb = reader(op.measure, "baseline", options, exact, conversion);
    const rc = reader(op.measure, "current", options, exact, conversion);
    return (s) => {
      const b = rb(s);
      if (b === undefined) return undefined;
      const c = rc(s);
      return c === undefined ? undefined : f(b, c);
    };
  };
  const both = (
    f: (b: number, c: number) => number | undefined,
    round: (x: number) => number,
  ): Operands => ({
    raw: pair(false, f),
    exact: pair(true, (b, c) => {
      const v = f(b, c);
      return v === undefined ? undefined : round(v);
    }),
  });
  const ratio = (f: (b: number, c: number) => number) => (b: number, c: number) =>
    b === 0 ? undefined : f(b, c);
  switch (op.kind) {
    case "increase":
      return both(
        (b, c) => c - b,
        (x) => convertInfo(roundSignificant(x), base, threshold),
      );
    case "decrease":
      return both(
        (b, c) => b - c,
        (x) => convertInfo(roundSignificant(x), base, threshold),
      );
    case "percentDecrease":
      return both(
        ratio((b, c) => ((b - c) / b) * 100),
        roundPercent,
      );
    case "percentIncrease":
      return both(
        ratio((b, c) => ((c - b) / b) * 100),
        roundPercent,
      );
    case "absPercentChange":
      return both(
        ratio((b, c) => (Math.abs(c - b) / b) * 100),
        roundPercent,
      );
    case "percentOfBaseline":
      return both(
        ratio((b, c) => (c / b) * 100),
        roundPercent,
      );
  }
}

const roundPercent = (x: number) => roundSignificant(x, PERCENT_DIGITS);

const INTERVAL_TRUTH: Readonly<Record<Truth, T>> = { "not-met": 0, met: 1, unknown: 2 };

/** The censor of the quantity a measure reads (sediment counts and doses are never censored). */
function censorOf(
  measure: Measure,
  at: "baseline" | "current",
): (s: EvaluationSubject) => Censor | undefined {
  switch (measure) {
    case "urineRbc":
    case "urineWbc":
    case "urineAcanthocytes":
    case "prednisone":
      return () => undefined;
  }
  const get =
    ACCESS[at][measure === "proteinuria24h" || measure === "upcr" ? "proteinuria" : measure];
  return (s) => get(s)?.censor;
}

/**
 * A compare clause on censored inputs: the truth of the whole range of the operand
 * against the threshold, or -1 when no input the clause reads is censored.
 */
function censoredCompare(
  op: Operand,
  threshold: UnitInfo,
  cmp: Comparator,
  t: number,
  options: EvaluationOptions,
  conversion?: UpcrConversion,
): (s: EvaluationSubject) => T | -1 {
  const kind = MEASURE_KIND[op.measure];
  const base = baseInfo(kind);
  const conv = (x: number) => convertInfo(x, base, threshold);
  const decide = (i: Interval | undefined): T =>
    i === undefined ? 2 : INTERVAL_TRUTH[compareInterval(i, cmp, t)];
  if (op.kind === "value") {
    const z = censorOf(op.measure, op.at);
    const read = reader(op.measure, op.at, options, true, conversion);
    return (s) => {
      const c = z(s);
      if (c === undefined) return -1;
      const v = read(s);
      return v === undefined ? 2 : decide(mapIncreasing(inputInterval(v, c, kind), conv));
    };
  }
  const kindOf = op.kind;
  const zb = censorOf(op.measure, "baseline");
  const zc = censorOf(op.measure, "current");
  const rb = reader(op.measure, "baseline", options, true, conversion);
  const rc = reader(op.measure, "current", options, true, conversion);
  const relative = kindOf !== "increase" && kindOf !== "decrease";
  return (s) => {
    const cb = zb(s);
    const cc = zc(s);
    if (cb === undefined && cc === undefined) return -1;
    const b = rb(s);
    const c = rc(s);
    if (b === undefined || c === undefined) return 2;
    // An exact baseline of 0: the change is undefined, as without censoring.
    if (cb === undefined && relative && b === 0) return 2;
    return decide(
      changeInterval(kindOf, inputInterval(b, cb, kind), inputInterval(c, cc, kind), conv),
    );
  };
}

function comparator(cmp: Comparator, t: number): (v: number) => boolean {
  switch (cmp) {
    case "<":
      return (v) => v < t;
    case "<=":
      return (v) => v <= t;
    case ">":
      return (v) => v > t;
    case ">=":
      return (v) => v >= t;
    default:
      throw new Error("Criteria error: unknown comparator");
  }
}

// Kleene conjunction / disjunction, short-circuiting: a known false decides a
// conjunction and a known true a disjunction whatever the other operands are, so
// stopping early gives the interpreter's value.
function and(fns: readonly Fn[]): Fn {
  if (fns.length === 2) {
    const [f, g] = fns as [Fn, Fn];
    return (s) => {
      const a = f(s);
      if (a === 0) return 0;
      const b = g(s);
      return b === 0 ? 0 : a === 2 || b === 2 ? 2 : 1;
    };
  }
  return (s) => {
    let r: T = 1;
    for (let i = 0; i < fns.length; i++) {
      const t = (fns[i] as Fn)(s);
      if (t === 0) return 0;
      if (t === 2) r = 2;
    }
    return r;
  };
}

function or(fns: readonly Fn[]): Fn {
  return (s) => {
    let r: T = 0;
    for (let i = 0; i < fns.length; i++) {
      const t = (fns[i] as Fn)(s);
      if (t === 1) return 1;
      if (t === 2) r = 2;
    }
    return r;
  };
}

function build(e: Expr, refs: ReadonlyMap<string, Fn>, options: EvaluationOptions): Fn {
  switch (e.op) {
    case "compare": {
      if (typeof e.cmp !== "string" || "bind" in e.right) throw notResolved(`clause '${e.id}'`);
      const unit = lookupUnit(e.right.unit);
      if (!unit) throw new Error(`Criteria error: clause '${e.id}' has an unknown threshold unit`);
      const thr = unitUnder(unit, e.upcrConversion);
      const { raw, exact } = operand(e.left, thr, options, e.upcrConversion);
      // increase/decrease raw values are in the base unit; compare those exactly.
      const rawOk = e.left.kind !== "increase" && e.left.kind !== "decrease";
      const t = e.right.value;
      const test = comparator(e.cmp, t);
      // The exact value is the raw one rounded to 12 significant digits (relative
      // change < 1e-11): far from the threshold both compare alike, so the
      // rounding is only paid near it.
      const tol = 1e-7 * Math.max(Math.abs(t), 1);
      const censored = censoredCompare(e.left, thr, e.cmp, t, options, e.upcrConversion);
      return (s) => {
        const z = censored(s);
        if (z !== -1) return z;
        if (rawOk) {
          const r = raw(s);
          if (r === undefined) return 2;
          if (Math.abs(r - t) > tol) return test(r) ? 1 : 0;
        }
        const v = exact(s);
        return v === undefined ? 2 : test(v) ? 1 : 0;
      };
    }
    case "fact":
      switch (e.fact) {
        case "urineSedimentNormal": {
          if ("bind" in e.params) throw notResolved(`'${e.id}'`);
          const { rbcMax, wbcMax, inclusive } = e.params;
          const ok = (n: number | undefined, max: number): T =>
            n === undefined ? 2 : (inclusive ? n > max : n >= max) ? 0 : 1;
          return (s) => {
            const sed = s.current?.urineSediment;
            if (sed === undefined) return 2;
            if (sed.normal !== undefined) return sed.normal ? 1 : 0;
            const a = ok(sed.rbcPerHpf, rbcMax);
            const b = ok(sed.wbcPerHpf, wbcMax);
            const c: T = sed.cellularCasts === undefined ? 2 : sed.cellularCasts ? 0 : 1;
            return a === 0 || b === 0 || c === 0 ? 0 : a === 2 || b === 2 || c === 2 ? 2 : 1;
          };
        }
        case "serumCreatinineNormal": {
          const d = e.params.defaultUpperLimit;
          if ("bind" in d) throw notResolved(`'${e.id}'`);
          const scr = reader("serumCreatinine", "current", options, true);
          const base = baseInfo("serumCreatinine");
          return (s) => {
            const uln =
              s.current?.serumCreatinineUpperLimit ??
              (s.patient?.sex ? d[s.patient.sex] : undefined);
            const v = scr(s);
            if (uln === undefined || v === undefined) return 2;
            const info = lookupUnit(uln.unit);
            if (!info) return 2;
            const c = s.current?.serumCreatinine?.censor;
            if (c !== undefined) {
              const range = mapIncreasing(inputInterval(v, c, "serumCreatinine"), (x) =>
                convertInfo(x, base, info),
              );
              return INTERVAL_TRUTH[compareInterval(range, "<=", uln.value)];
            }
            return convertInfo(v, base, info) <= uln.value ? 1 : 0;
          };
        }
        case "observation": {
          const { name, is } = e.params;
          return (s) => {
            const v =
              name === "cellularCasts"
                ? s.current?.urineSediment?.cellularCasts
                : s.current?.rescueTherapy;
            return v === undefined ? 2 : v === is ? 1 : 0;
          };
        }
      }
      // exclusionAbsent and treatmentFailures read a patient's history: the schema refuses them
      // in a response definition (an eligibility rule's facts), so they never reach here.
      throw new Error(`Criteria error: fact '${e.fact}' is not supported by the compiled form`);
    case "all":
      return and(e.of.map((x) => build(x, refs, options)));
    case "any":
      return or(e.of.map((x) => build(x, refs, options)));
    case "not": {
      const f = build(e.of, refs, options);
      return (s) => {
        const t = f(s);
        return t === 2 ? 2 : t === 1 ? 0 : 1;
      };
    }
    case "if": {
      const c = build(e.cond, refs, options);
      const a = build(e.whenMet, refs, options);
      const b = build(e.whenNotMet, refs, options);
      return (s) => {
        const t = c(s);
        if (t === 1) return a(s);
        if (t === 0) return b(s);
        const x = a(s);
        return x === b(s) ? x : 2;
      };
    }
    case "ref":
      return referenced(refs, e.to);
    case "bind":
      throw notResolved(`placeholder '${e.name}'`);
    default:
      throw unknownClause(e);
  }
}

const TRUTH: readonly Truth[] = ["not-met", "met", "unknown"];
/** Whether every other reading gives `category` (a loop: no closure per call). */
function robust(
  others: readonly ((s: ResponseInput) => CategoryOrIndeterminate)[],
  input: ResponseInput,
  category: CategoryOrIndeterminate,
): boolean {
  for (const f of others) if (f(input) !== category) return false;
  return true;
}

/** The `missing` of every decided result (shared, frozen). */
const NOTHING_MISSING: readonly string[] = Object.freeze([]);

/**
 * The category and end points a compiled criteria object returns.
 *
 * @example
 * ```ts
 * import type { CompiledResult } from 'lupus-renal-criteria';
 * const r: CompiledResult = { category: 'PR', endpoints: { OR: 'met' } };
 * ```
 * @category Compiled form and backends
 */
export interface CompiledResult {
  readonly category: CategoryOrIndeterminate;
  readonly endpoints: Readonly<Record<string, Truth>>;
  /** Present when compiled with `robustness: true`. */
  readonly robust?: boolean;
}

/**
 * A compiled criteria object.
 *
 * @example
 * ```ts
 * import { compile, criteria } from 'lupus-renal-criteria';
 * const k = compile(criteria.kang2020);
 * k.id; // 'kang2020'
 * ```
 * @category Compiled form and backends
 */
export interface CompiledCriteria {
  readonly id: string;
  readonly version: string;
  readonly interpretation: Readonly<Record<string, string>>;
  /** Classify one assessment that is already valid (no schema check). */
  classify(input: ResponseInput): CompiledResult;
  /** The category only (no end points, no allocation): the fastest path. */
  category(input: ResponseInput): CategoryOrIndeterminate;
  /**
   * Validate an input from anywhere, then classify it: the category, the end
   * points, the inputs whose absence leaves the category undecided (`missing`,
   * as in `classifyResponse`) and, when compiled with `robustness`, `robust`.
   * No explanation tree is built (the interpreter runs only for an indeterminate
   * category, to name what is missing). Never throws: a malformed input gives the
   * same {@link InputError} as `safeClassifyResponse`.
   */
  safeClassify(
    input: unknown,
  ): { success: true; data: CheckedResult } | { success: false; error: InputError };
}

/**
 * What {@link CompiledCriteria.safeClassify} returns for a valid input.
 *
 * @example
 * ```ts
 * import type { CheckedResult } from 'lupus-renal-criteria';
 * const r: CheckedResult = { category: 'indeterminate', endpoints: {}, missing: ['current.serumCreatinine'] };
 * ```
 * @category Compiled form and backends
 */
export interface CheckedResult extends CompiledResult {
  /** Input paths whose absence (or unusable value) leaves the category undecided; empty otherwise. */
  readonly missing: readonly string[];
  /** Censored inputs that leave the category undecided (present only then). */
  readonly censored?: readonly string[];
}

function categoryFn(
  criteria: ResponseCriteria,
  choice: Readonly<Record<string, string>>,
  options: EvaluationOptions & { readonly codegen?: boolean },
) {
  const b = bindingsOf(criteria, choice);
  const refs = new Map<string, Fn>();
  const cats: { name: ResponseCategory; f: Fn; expr: Expr }[] = [];
  for (const c of criteria.categories) {
    const expr = resolveExpr(c.expr, b);
    const f = build(expr, refs, options);
    refs.set(c.name, f);
    cats.push({ name: c.name, f, expr });
  }
  const endpointExprs = criteria.endpoints.map((e) => ({
    name: e.name,
    expr: resolveExpr(e.expr, b),
  }));
  const n = cats.length;
  /** For an undecided category: the missing and censored inputs that decide it (the interpreter's). */
  const undecided = (s: EvaluationSubject) => {
    const refs = new Map<string, { truth: Truth; label: string }>();
    const missing = new Set<string>();
    const censored = new Set<string>();
    for (const c of cats) {
      const r = evaluateExpr(c.expr, s, refs, options);
      refs.set(c.name, { truth: r.truth, label: c.name });
      for (const p of decisiveMissing(r)) missing.add(p);
      for (const p of decisiveCensored(r)) censored.add(p);
    }
    return { missing: [...missing], censored: [...censored] };
  };
  const category = (s: EvaluationSubject): CategoryOrIndeterminate => {
    // First met category with every earlier one not met; NR when all not met.
    let possible = 0;
    let only: ResponseCategory | undefined;
    let blocked = false;
    for (let i = 0; i < n; i++) {
      const c = cats[i] as { name: ResponseCategory; f: Fn };
      const t = c.f(s);
      if (!blocked && t !== 0) {
        possible++;
        only = c.name;
      }
      if (t === 1) blocked = true;
    }
    if (!blocked) {
      possible++;
      only = "NR";
    }
    return possible === 1 && only ? only : "indeterminate";
  };
  if (options.codegen === false || !codegenAvailable()) {
    // The end points as closures (generated code has its own, in `generateClassify`).
    const endpoints = endpointExprs.map((e) => {
      const f = build(e.expr, refs, options);
      refs.set(e.name, f);
      return { name: e.name, f };
    });
    /** The category, with each end point's truth written into `out`. */
    const checked = (s: EvaluationSubject, out: Record<string, Truth>): CategoryOrIndeterminate => {
      for (const e of endpoints) out[e.name] = TRUTH[e.f(s)] as Truth;
      return category(s);
    };
    return { category, checked, undecided };
  }
  const exactFor = (e: Extract<Expr, { op: "compare" }>) => {
    const thr = unitUnder(lookupUnit((e.right as Quantity).unit) as UnitInfo, e.upcrConversion);
    return {
      exact: operand(e.left, thr, options, e.upcrConversion).exact,
      whole: build(e, new Map(), options),
    };
  };
  const factFor = (e: Extract<Expr, { op: "fact" }>) => build(e, new Map(), options);
  return {
    category: generateCategory(cats, exactFor, factFor, options),
    // Categories and end points in one generated function (the end points' closures
    // re-ran the categories they refer to).
    checked: generateClassify(cats, endpointExprs, exactFor, factFor, options),
    undecided,
  };
}

/**
 * Compile a response criteria object, under one choice of readings, into a
 * specialised function: every threshold, unit factor and clause is resolved
 * once; classifying then walks no tree, builds no explanation and runs no schema.
 * Inputs must already be valid (validate with `ResponseInputSchema` at the
 * boundary, or use `classifyResponse` for single calls). The criteria object is
 * validated (once per object, see `validateCriteria`) before anything is
 * generated: the generated code holds only numbers checked to be finite and
 * names from fixed tables.
 *
 * @param criteria - a response criteria object.
 * @param options - readings, `allowProteinuriaSubstitution`, and `robustness`
 *   (also compile every other reading and report `robust`).
 * @returns the compiled criteria.
 * @throws {@link CriteriaError} for an invalid criteria object; `RangeError` for
 *   an unknown interpretation parameter or reading.
 * @example
 * ```ts
 * import { compile, criteria } from 'lupus-renal-criteria';
 * const zhang = compile(criteria.zhang2023);
 * zhang.category({
 *   baseline: { proteinuria: { value: 4, unit: 'g/24h' }, serumCreatinine: { value: 70, unit: 'umol/L' } },
 *   current: { proteinuria: { value: 0.3, unit: 'g/24h' }, serumCreatinine: { value: 72, unit: 'umol/L' } },
 * }); // 'CR'
 * ```
 * @category Compiled form and backends
 */
export function compile<C extends ResponseCriteria>(
  criteria: C,
  options: EvaluationOptions & {
    /** Readings (names checked by the compiler for a shipped definition, see `InterpretationChoiceOf`). */
    readonly interpretation?: InterpretationChoiceOf<C>;
    readonly robustness?: boolean;
    /**
     * Generate one JavaScript function per reading (default: when `new Function`
     * is allowed). `false` keeps composed closures (e.g. under a strict CSP).
     */
    readonly codegen?: boolean;
  } = {},
): CompiledCriteria {
  criteriaOf(criteria, "response");
  const chosen = fullInterpretation(criteria, options.interpretation);
  const main = categoryFn(criteria, chosen, options);
  const others = options.robustness
    ? otherInterpretations(criteria, chosen).map(
        (o) => categoryFn(criteria, o.interpretation, options).category,
      )
    : undefined;
  const classify = (input: ResponseInput): CompiledResult => {
    const endpoints: Record<string, Truth> = {};
    const category = main.checked(input, endpoints);
    return others
      ? { category, endpoints, robust: robust(others, input, category) }
      : { category, endpoints };
  };
  return {
    id: criteria.id,
    version: criteria.version,
    interpretation: chosen,
    category: main.category,
    classify,
    safeClassify(input) {
      const parsed = readResponseInput(input);
      if (!parsed.success) return parsed;
      const data = parsed.data;
      const endpoints: Record<string, Truth> = {};
      const category = main.checked(data, endpoints);
      let missing: readonly string[] = NOTHING_MISSING;
      let censored: readonly string[] = NOTHING_MISSING;
      if (category === "indeterminate") ({ missing, censored } = main.undecided(data));
      const checked: CheckedResult = others
        ? { category, endpoints, robust: robust(others, data, category), missing }
        : { category, endpoints, missing };
      return {
        success: true,
        data: censored.length ? { ...checked, censored } : checked,
      };
    },
  };
}

const cache = perObject<ResponseCriteria, CompiledCriteria>();

/**
 * {@link compile} with a per-object cache: the same criteria object, readings and
 * options give the same compiled function. Used by the cohort tools.
 *
 * @param criteria - a response criteria object.
 * @param options - as for {@link compile} (without `robustness`).
 * @returns the compiled criteria (shared; do not mutate).
 * @example
 * ```ts
 * import { compileCached, criteria } from 'lupus-renal-criteria';
 * compileCached(criteria.kang2020) === compileCached(criteria.kang2020); // true
 * ```
 * @internal Not part of the public API (used by the library and its tests).
 */
export function compileCached(
  criteria: ResponseCriteria,
  options: EvaluationOptions & { readonly interpretation?: InterpretationChoice } = {},
): CompiledCriteria {
  criteriaOf(criteria, "response");
  const chosen = fullInterpretation(criteria, options.interpretation);
  const key = readingsKey(chosen, options.allowProteinuriaSubstitution === true);
  return cache(criteria, key, () =>
    compile(criteria, {
      interpretation: chosen,
      ...(options.allowProteinuriaSubstitution === undefined
        ? {}
        : { allowProteinuriaSubstitution: options.allowProteinuriaSubstitution }),
    }),
  );
}

/**
 * The truth of one resolved clause tree as a closure of the compiled form (0 not met, 1 met,
 * 2 unknown; the interpreter's truth of the same tree, as every closure here): for a caller that
 * needs the truth of a node inside a category (the CLI's rows path names the clause that decides
 * a category without building the explanation tree).
 *
 * @param expr - a resolved clause tree (no placeholders).
 * @param refs - the closures of the named definitions a `ref` may point to.
 * @param options - evaluation options.
 * @returns the closure.
 * @throws `Error` for an unresolved placeholder or an unknown reference (a malformed object).
 * @example
 * ```ts
 * import { clauseTruth } from './compile.js';
 * const alb = clauseTruth(
 *   { op: 'compare', id: 'alb', label: 'serum albumin', left: { kind: 'value', measure: 'serumAlbumin', at: 'current' },
 *     cmp: '>=', right: { value: 30, unit: 'g/L' }, source: { section: 'Methods' } },
 *   new Map(),
 *   {},
 * );
 * alb({ current: { serumAlbumin: { value: 3.5, unit: 'g/dL' } } }); // 1 (35 g/L ≥ 30 g/L)
 * ```
 * @internal Not part of the public API (used by `src/api/rows.ts` and its tests).
 */
export function clauseTruth(
  expr: Expr,
  refs: ReadonlyMap<string, (s: EvaluationSubject) => 0 | 1 | 2>,
  options: EvaluationOptions,
): (s: EvaluationSubject) => 0 | 1 | 2 {
  return build(expr, refs, options);
}
