import { notResolved, referenced, unknownClause } from "../ir/errors.js";
import {
  type Comparator,
  type ExclusionParams,
  type Expr,
  type Locator,
  MEASURE_KIND,
  type Measure,
  type Operand,
  type SedimentParams,
  type SexSpecific,
  type TreatmentFailureParams,
} from "../ir/expr.js";
import { and3, if3, not3, or3, type Truth } from "../ir/kleene.js";
import type { LabValues, ResponseInput } from "../model/assessment.js";
import type { ExclusionFacts } from "../model/record.js";
import type { TreatmentHistory } from "../model/treatment.js";
import type { Quantity } from "../units/schema.js";
import {
  BASE_UNITS,
  convert,
  convertInfo,
  lookupUnit,
  roundSignificant,
  type UnitInfo,
} from "../units/units.js";
import {
  crossesUpcrFamilies,
  type UpcrConversion,
  unitUnder,
  upcrConversionNote,
} from "../units/upcr-conversion.js";
import {
  changeInterval,
  compareInterval,
  type Interval,
  inputInterval,
  mapIncreasing,
  relativeChange,
} from "./censor.js";
import { countTreatmentFailures } from "./history.js";

/**
 * What a clause tree is evaluated against: a response assessment, plus (for
 * eligibility rules) the patient's treatment history and exclusion facts.
 *
 * @example
 * ```ts
 * import type { EvaluationSubject } from 'lupus-renal-criteria';
 * const s: EvaluationSubject = {
 *   baseline: { proteinuria: { value: 3.4, unit: 'g/24h' } },
 *   treatmentHistory: { ordered: true, courses: [] },
 * };
 * ```
 * @category Compiled form and backends
 */
export interface EvaluationSubject extends ResponseInput {
  readonly treatmentHistory?: TreatmentHistory | undefined;
  readonly exclusions?: ExclusionFacts | undefined;
}

/**
 * An input value that a clause read, with the path it came from.
 *
 * @example
 * ```ts
 * import type { InputReading } from 'lupus-renal-criteria';
 * const r: InputReading = { path: 'current.proteinuria', quantity: { value: 0.47, unit: 'g/24h' } };
 * ```
 * @category Compiled form and backends
 */
export interface InputReading {
  /** Dotted path in the input, e.g. `current.proteinuria`. */
  readonly path: string;
  readonly quantity: Quantity;
}

/**
 * What a comparison observed: the value in the unit of the threshold (or `%` for
 * a change), and the input values it was computed from.
 *
 * @example
 * ```ts
 * import type { Observed } from 'lupus-renal-criteria';
 * const o: Observed = { value: 470, unit: 'mg/24h',
 *   inputs: [{ path: 'current.proteinuria', quantity: { value: 0.47, unit: 'g/24h' } }] };
 * ```
 * @category Compiled form and backends
 */
export interface Observed {
  readonly value: number;
  readonly unit: string;
  readonly inputs: readonly InputReading[];
}

/**
 * What a comparison observed when an input was censored (a laboratory's `<0.1`,
 * `>3000`): the range of values the compared quantity can take, in the unit of the
 * threshold (or `%` for a change), each end included or not; an end is absent
 * when the range is unbounded on that side. The clause is met or not met only
 * when the whole range lies on one side of the threshold, and unknown otherwise.
 *
 * @example
 * ```ts
 * import type { ObservedRange } from 'lupus-renal-criteria';
 * // current 24-h urine protein "<0.1 g/24h", compared with a threshold in g/24h
 * const r: ObservedRange = {
 *   low: 0, lowInclusive: true, high: 0.1, highInclusive: false, unit: 'g/24h',
 *   inputs: [{ path: 'current.proteinuria', quantity: { value: 0.1, unit: 'g/24h', censor: '<' } }],
 *   censored: ['current.proteinuria'],
 * };
 * ```
 * @category Compiled form and backends
 */
export interface ObservedRange {
  /** The lower end; absent when there is none (e.g. a rise from a `>` value). */
  readonly low?: number;
  /** Whether `low` itself is in the range. */
  readonly lowInclusive: boolean;
  /** The upper end; absent when there is none (a `>3000` value). */
  readonly high?: number;
  /** Whether `high` itself is in the range. */
  readonly highInclusive: boolean;
  readonly unit: string;
  /** Every input value the range was computed from. */
  readonly inputs: readonly InputReading[];
  /** The paths of the censored ones among them. */
  readonly censored: readonly string[];
}

/**
 * The evaluation of one clause-tree node: its truth and everything needed to
 * explain it. Every clause is evaluated (no short-circuit), so the explanation
 * has no holes.
 *
 * @example
 * ```ts
 * import { classifyResponse, criteria } from 'lupus-renal-criteria';
 * const r = classifyResponse(criteria.kang2020, { current: { proteinuria: { value: 0.2, unit: 'g/24h' } } });
 * r.explanation.categories[0]?.result.truth; // 'unknown' (sediment, creatinine missing)
 * ```
 * @category Compiled form and backends
 */
export interface ClauseResult {
  readonly id: string;
  readonly label: string;
  readonly op: Expr["op"];
  readonly truth: Truth;
  readonly source?: Locator;
  readonly cmp?: Comparator;
  /** The threshold in the unit the source printed. */
  readonly threshold?: Quantity;
  readonly observed?: Observed;
  /**
   * Present instead of `observed` when an input was censored: the range of the
   * compared value. A clause left `unknown` by it has an empty `missing` (nothing
   * is missing: the value lies on both sides of the threshold).
   */
  readonly range?: ObservedRange;
  /** Input paths that were absent or unusable for this clause (leaves only). */
  readonly missing: readonly string[];
  /** Why a value was unusable, what was assumed, what was substituted. */
  readonly notes: readonly string[];
  /**
   * The notes a classification reports (`ResponseResult.notices`), each with its
   * kind and the input path it is about; present on a comparison only when it has one.
   */
  readonly notices?: readonly Notice[];
  /** Assumptions made because the input did not say (e.g. a default reference interval). */
  readonly assumptions: readonly string[];
  readonly children?: readonly ClauseResult[];
}

/**
 * Options of an evaluation.
 *
 * @example
 * ```ts
 * import type { EvaluationOptions } from 'lupus-renal-criteria';
 * const o: EvaluationOptions = { allowProteinuriaSubstitution: true };
 * ```
 * @category Compiled form and backends
 */
export interface EvaluationOptions {
  /**
   * Let a spot UPCR in g/g stand for a 24-h urine protein in g/24h (or the
   * reverse) with the same number, when a definition asks for the other measure.
   * Off by default: the two are different measurements. Every substitution is
   * reported in the clause's notes and in the result.
   */
  readonly allowProteinuriaSubstitution?: boolean;
}

/** Where each measure lives in the assessment: a quantity field, or a plain number with an implied unit. */
const MEASURE_FIELD: Record<Measure, string> = {
  proteinuria24h: "proteinuria",
  upcr: "proteinuria",
  serumCreatinine: "serumCreatinine",
  serumAlbumin: "serumAlbumin",
  egfr: "egfr",
  urineRbc: "urineSediment.rbcPerHpf",
  urineWbc: "urineSediment.wbcPerHpf",
  urineAcanthocytes: "urineSediment.acanthocytesPerHpf",
  prednisone: "prednisoneMgPerDay",
};

function quantityOf(labs: LabValues | undefined, measure: Measure): Quantity | undefined {
  if (!labs) return undefined;
  switch (measure) {
    case "urineRbc":
      return labs.urineSediment?.rbcPerHpf === undefined
        ? undefined
        : { value: labs.urineSediment.rbcPerHpf, unit: "/hpf" };
    case "urineWbc":
      return labs.urineSediment?.wbcPerHpf === undefined
        ? undefined
        : { value: labs.urineSediment.wbcPerHpf, unit: "/hpf" };
    case "urineAcanthocytes":
      return labs.urineSediment?.acanthocytesPerHpf === undefined
        ? undefined
        : { value: labs.urineSediment.acanthocytesPerHpf, unit: "/hpf" };
    case "prednisone":
      return labs.prednisoneMgPerDay === undefined
        ? undefined
        : { value: labs.prednisoneMgPerDay, unit: "mg/d prednisone" };
    default:
      return labs[MEASURE_FIELD[measure] as "proteinuria"];
  }
}

interface Reading {
  readonly base?: number;
  readonly censor?: Quantity["censor"];
  readonly original?: Quantity;
  readonly path: string;
  readonly problem?: string;
  /** What kind of problem `problem` is. */
  readonly problemKind?: "unusable-unit" | "other-measure";
  readonly substitution?: string;
}

/** {@link convert} with mg/mmol at the factor of the UPCR conversion reading (`unitUnder`). */
const cv = (x: number, from: string, to: string, c: UpcrConversion | undefined): number =>
  convertInfo(
    x,
    unitUnder(lookupUnit(from) as UnitInfo, c),
    unitUnder(lookupUnit(to) as UnitInfo, c),
  );

function readMeasure(
  input: ResponseInput,
  at: "baseline" | "current",
  measure: Measure,
  options: EvaluationOptions,
  conversion?: UpcrConversion,
): Reading {
  const field = MEASURE_FIELD[measure];
  const path = `${at}.${field}`;
  const q = quantityOf(input[at], measure);
  if (q === undefined) return { path };
  const info = lookupUnit(q.unit);
  const want = MEASURE_KIND[measure];
  if (!info)
    return { path, original: q, problem: `unknown unit '${q.unit}'`, problemKind: "unusable-unit" };
  if (info.kind === want) {
    const base = cv(q.value, q.unit, BASE_UNITS[want], conversion);
    return q.censor === undefined
      ? { path, original: q, base }
      : { path, original: q, base, censor: q.censor };
  }
  const proteinuria = ["urineProtein24h", "upcr"];
  if (proteinuria.includes(info.kind) && proteinuria.includes(want)) {
    const have = info.kind === "upcr" ? "a spot UPCR" : "a 24-h urine protein";
    const need = want === "upcr" ? "a UPCR" : "a 24-h urine protein";
    if (options.allowProteinuriaSubstitution) {
      const v = cv(q.value, q.unit, BASE_UNITS[info.kind], conversion);
      const c = q.censor ?? "";
      return {
        path,
        original: q,
        base: v,
        ...(q.censor === undefined ? {} : { censor: q.censor }),
        substitution: `${path} ${c}${q.value} ${q.unit} is ${have}; used as ${c}${v} ${BASE_UNITS[want]} (allowProteinuriaSubstitution)`,
      };
    }
    return {
      path,
      original: q,
      problem: `${path} is ${have} (${q.unit}) but this clause needs ${need}; pass allowProteinuriaSubstitution to use it`,
      problemKind: "other-measure",
    };
  }
  return {
    path,
    original: q,
    problem: `unit '${q.unit}' does not measure ${want}`,
    problemKind: "unusable-unit",
  };
}

/** A comparison's result with the operand's reported notes, when it has any. */
function withNotices(v: OperandValue, r: ClauseResult): ClauseResult {
  return v.notices.length ? Object.assign(r, { notices: v.notices }) : r;
}

/**
 * What a reported note is about: an input whose unit cannot be used here
 * (`unusable-unit`), a proteinuria of the other measurement (a UPCR where the
 * clause needs a 24-h protein, or the reverse: `other-measure`), one used in its
 * place under `allowProteinuriaSubstitution` (`substitution`), or a change relative
 * to a baseline of 0 (`undefined-change`).
 *
 * @example
 * ```ts
 * import type { NoteKind } from 'lupus-renal-criteria';
 * const k: NoteKind = 'substitution';
 * ```
 * @category Classification
 */
export type NoteKind = "unusable-unit" | "other-measure" | "substitution" | "undefined-change";

/**
 * A note a classification reports, with its kind and the input path it is about.
 *
 * @example
 * ```ts
 * import type { Notice } from 'lupus-renal-criteria';
 * const n: Notice = {
 *   kind: 'undefined-change',
 *   path: 'baseline.proteinuria',
 *   text: 'baseline proteinuria24h is 0, so a change relative to it is undefined',
 * };
 * ```
 * @category Classification
 */
export interface Notice {
  readonly kind: NoteKind;
  readonly path: string;
  readonly text: string;
}

interface OperandValue {
  readonly value?: number;
  /** Set instead of `value` when an input was censored. */
  readonly range?: Interval;
  readonly censored?: readonly string[];
  readonly unit: string;
  readonly inputs: InputReading[];
  readonly missing: string[];
  readonly notes: string[];
  /** The notes a result reports, with their kind (a subset of `notes`). */
  readonly notices: Notice[];
}

function operandValue(
  operand: Operand,
  thresholdUnit: string,
  input: ResponseInput,
  options: EvaluationOptions,
  conversion?: UpcrConversion,
): OperandValue {
  const inputs: InputReading[] = [];
  const missing: string[] = [];
  const notes: string[] = [];
  const notices: Notice[] = [];
  const censored: string[] = [];
  const take = (r: Reading): number | undefined => {
    if (r.original) inputs.push({ path: r.path, quantity: r.original });
    if (r.problem) {
      notes.push(r.problem);
      notices.push({ kind: r.problemKind ?? "unusable-unit", path: r.path, text: r.problem });
    }
    if (r.substitution) {
      notes.push(r.substitution);
      notices.push({ kind: "substitution", path: r.path, text: r.substitution });
    }
    if (r.base === undefined) missing.push(r.path);
    else if (r.censor !== undefined) censored.push(r.path);
    return r.base;
  };
  const kind = MEASURE_KIND[operand.measure];
  const toThreshold = (x: number) => cv(x, BASE_UNITS[kind], thresholdUnit, conversion);
  if (operand.kind === "value") {
    const r = readMeasure(input, operand.at, operand.measure, options, conversion);
    const base = take(r);
    if (base !== undefined && r.censor !== undefined) {
      const range = mapIncreasing(inputInterval(base, r.censor, kind), toThreshold);
      return { range, censored, unit: thresholdUnit, inputs, missing, notes, notices };
    }
    const value = base === undefined ? undefined : toThreshold(base);
    return value === undefined
      ? { unit: thresholdUnit, inputs, missing, notes, notices }
      : { value, unit: thresholdUnit, inputs, missing, notes, notices };
  }
  const rb = readMeasure(input, "baseline", operand.measure, options, conversion);
  const rc = readMeasure(input, "current", operand.measure, options, conversion);
  const b = take(rb);
  const c = take(rc);
  const relative = operand.kind !== "increase" && operand.kind !== "decrease";
  if (
    b !== undefined &&
    c !== undefined &&
    censored.length > 0 &&
    !(relative && b === 0 && rb.censor === undefined)
  ) {
    const range = changeInterval(
      operand.kind,
      inputInterval(b, rb.censor, kind),
      inputInterval(c, rc.censor, kind),
      toThreshold,
    );
    if (range === undefined) {
      notes.push(
        `baseline ${operand.measure} is censored (${rb.censor}${b} ${BASE_UNITS[kind]}) and may be 0, so a change relative to it may be undefined`,
      );
    }
    return {
      range: range ?? {
        lo: Number.NEGATIVE_INFINITY,
        loOpen: true,
        hi: Number.POSITIVE_INFINITY,
        hiOpen: true,
      },
      censored,
      unit: relative ? "%" : thresholdUnit,
      inputs,
      missing,
      notes,
      notices,
    };
  }
  if (operand.kind === "increase" || operand.kind === "decrease") {
    if (b === undefined || c === undefined)
      return { unit: thresholdUnit, inputs, missing, notes, notices };
    const diff = operand.kind === "increase" ? c - b : b - c;
    return {
      value: cv(roundSignificant(diff), BASE_UNITS[kind], thresholdUnit, conversion),
      unit: thresholdUnit,
      inputs,
      missing,
      notes,
      notices,
    };
  }
  if (b === undefined || c === undefined) return { unit: "%", inputs, missing, notes, notices };
  if (b === 0) {
    const text = `baseline ${operand.measure} is 0, so a change relative to it is undefined`;
    notes.push(text);
    missing.push(`baseline.${MEASURE_FIELD[operand.measure]}`);
    notices.push({
      kind: "undefined-change",
      path: `baseline.${MEASURE_FIELD[operand.measure]}`,
      text,
    });
    return { unit: "%", inputs, missing, notes, notices };
  }
  return { value: relativeChange(operand.kind, b, c), unit: "%", inputs, missing, notes, notices };
}

function observedRange(
  i: Interval,
  unit: string,
  inputs: readonly InputReading[],
  censored: readonly string[],
): ObservedRange {
  return {
    ...(Number.isFinite(i.lo) ? { low: i.lo } : {}),
    lowInclusive: Number.isFinite(i.lo) && !i.loOpen,
    ...(Number.isFinite(i.hi) ? { high: i.hi } : {}),
    highInclusive: Number.isFinite(i.hi) && !i.hiOpen,
    unit,
    inputs,
    censored,
  };
}

function compare(a: number, cmp: Comparator, b: number): boolean {
  switch (cmp) {
    case "<":
      return a < b;
    case "<=":
      return a <= b;
    case ">":
      return a > b;
    case ">=":
      return a >= b;
  }
}

function fromBool(b: boolean): Truth {
  return b ? "met" : "not-met";
}

function evalSediment(
  id: string,
  label: string,
  params: SedimentParams,
  source: Locator,
  input: ResponseInput,
): ClauseResult {
  const s = input.current?.urineSediment;
  const base = { id, label, op: "fact" as const, source, assumptions: [] };
  if (s === undefined) {
    return Object.assign(base, {
      truth: "unknown" as Truth,
      missing: ["current.urineSediment"],
      notes: [],
    });
  }
  if (s.normal !== undefined) {
    return Object.assign(base, {
      truth: fromBool(s.normal),
      missing: [],
      notes: [`laboratory verdict: sediment ${s.normal ? "normal" : "abnormal"}`],
    });
  }
  const abnormal = (n: number, max: number) => (params.inclusive ? n > max : n >= max);
  const truths: Truth[] = [];
  const missing: string[] = [];
  const notes: string[] = [];
  const counts: [number | undefined, number, string, string][] = [
    [s.rbcPerHpf, params.rbcMax, "rbcPerHpf", "RBC"],
    [s.wbcPerHpf, params.wbcMax, "wbcPerHpf", "WBC"],
  ];
  for (const [n, max, key, name] of counts) {
    if (n === undefined) {
      truths.push("unknown");
      missing.push(`current.urineSediment.${key}`);
    } else {
      truths.push(fromBool(!abnormal(n, max)));
      notes.push(`${name} ${n}/hpf`);
    }
  }
  if (s.cellularCasts === undefined) {
    truths.push("unknown");
    missing.push("current.urineSediment.cellularCasts");
  } else {
    truths.push(fromBool(!s.cellularCasts));
    notes.push(s.cellularCasts ? "cellular casts present" : "no cellular casts");
  }
  const truth = and3(truths);
  return Object.assign(base, { truth, missing: truth === "unknown" ? missing : [], notes });
}

function evalCreatinineNormal(
  id: string,
  label: string,
  defaults: SexSpecific,
  source: Locator,
  input: ResponseInput,
  options: EvaluationOptions,
): ClauseResult {
  const r = readMeasure(input, "current", "serumCreatinine", options);
  const assumptions: string[] = [];
  const missing: string[] = [];
  let uln: Quantity | undefined = input.current?.serumCreatinineUpperLimit;
  if (uln === undefined) {
    const sex = input.patient?.sex;
    if (sex === undefined) {
      missing.push("patient.sex");
    } else {
      uln = defaults[sex];
      assumptions.push(
        `upper limit of normal serum creatinine ${uln.value} ${uln.unit} is the library's default for ${sex === "F" ? "women" : "men"}, not the laboratory's; give current.serumCreatinineUpperLimit to override`,
      );
    }
  }
  const inputs: InputReading[] = r.original ? [{ path: r.path, quantity: r.original }] : [];
  const notes = r.problem ? [r.problem] : [];
  if (r.base === undefined) missing.unshift(r.path);
  const base = { id, label, op: "fact" as const, source, cmp: "<=" as const, notes, assumptions };
  if (r.base === undefined || uln === undefined) {
    return uln === undefined
      ? Object.assign(base, { truth: "unknown" as Truth, missing })
      : Object.assign(base, { truth: "unknown" as Truth, missing, threshold: uln });
  }
  if (r.censor !== undefined) {
    const ulnUnit = uln.unit;
    const range = mapIncreasing(inputInterval(r.base, r.censor, "serumCreatinine"), (x) =>
      convert(x, BASE_UNITS.serumCreatinine, ulnUnit),
    );
    return Object.assign(base, {
      truth: compareInterval(range, "<=", uln.value),
      threshold: uln,
      range: observedRange(range, uln.unit, inputs, [r.path]),
      missing: [],
    });
  }
  const value = convert(r.base, BASE_UNITS.serumCreatinine, uln.unit);
  return Object.assign(base, {
    truth: fromBool(value <= uln.value),
    threshold: uln,
    observed: { value, unit: uln.unit, inputs },
    missing: [],
  });
}

function evalTreatmentFailures(
  id: string,
  label: string,
  params: TreatmentFailureParams,
  source: Locator,
  input: EvaluationSubject,
): ClauseResult {
  const base = { id, label, op: "fact" as const, source, cmp: ">=" as const, assumptions: [] };
  const threshold = { value: params.atLeast, unit: "failed agents or regimens" };
  if (input.treatmentHistory === undefined) {
    return Object.assign(base, {
      threshold,
      truth: "unknown" as Truth,
      missing: ["treatmentHistory"],
      notes: [],
    });
  }
  const c = countTreatmentFailures(input.treatmentHistory, params);
  const notes = c.units.map(
    (u) =>
      `${u.key}: ${u.truth === "met" ? "failed" : u.truth === "not-met" ? "did not fail" : "undetermined"} (${u.reasons.join("; ")})`,
  );
  return Object.assign(base, {
    threshold,
    truth: c.truth,
    observed: {
      value: c.failed,
      unit: c.undetermined ? `failed, ${c.undetermined} undetermined` : "failed",
      inputs: [],
    },
    missing: c.missing,
    notes,
  });
}

function evalExclusion(
  id: string,
  label: string,
  params: ExclusionParams,
  source: Locator,
  input: EvaluationSubject,
): ClauseResult {
  const v = input.exclusions?.[params.condition];
  const base = { id, label, op: "fact" as const, source, assumptions: [] };
  if (v === undefined) {
    return Object.assign(base, {
      truth: "unknown" as Truth,
      missing: [`exclusions.${params.condition}`],
      notes: ["not reported"],
    });
  }
  return Object.assign(base, {
    truth: fromBool(!v),
    missing: [],
    notes: [v ? "present" : "absent"],
  });
}

/**
 * Evaluate a resolved clause tree (no placeholders) against one validated input.
 *
 * @param expr - the clause tree, resolved with {@link resolveExpr}.
 * @param input - a validated {@link ResponseInput}.
 * @param refs - the truth and label of every named definition a `ref` may point to.
 * @param options - evaluation options.
 * @returns the clause tree's results, every clause evaluated.
 * @throws `Error` when the tree still holds a placeholder or a threshold's unit does
 *   not fit its measure (a malformed criteria object, not bad input).
 * @example
 * ```ts
 * import { evaluateExpr } from 'lupus-renal-criteria';
 * const r = evaluateExpr(
 *   { op: 'compare', id: 'alb', label: 'serum albumin', left: { kind: 'value', measure: 'serumAlbumin', at: 'current' },
 *     cmp: '>', right: { value: 30, unit: 'g/L' }, source: { section: 'Methods' } },
 *   { current: { serumAlbumin: { value: 3.5, unit: 'g/dL' } } },
 * );
 * r.truth; // 'met' (35 g/L > 30 g/L)
 * ```
 * @internal Not part of the public API (used by the library and its tests).
 */
export function evaluateExpr(
  expr: Expr,
  input: EvaluationSubject,
  refs: ReadonlyMap<string, { truth: Truth; label: string }> = new Map(),
  options: EvaluationOptions = {},
): ClauseResult {
  const go = (e: Expr): ClauseResult => evaluateExpr(e, input, refs, options);
  switch (expr.op) {
    case "compare": {
      if (typeof expr.cmp !== "string" || "bind" in expr.right) {
        throw notResolved(`clause '${expr.id}'`);
      }
      const right = expr.right;
      const thresholdInfo = lookupUnit(right.unit);
      const absolute =
        expr.left.kind === "value" ||
        expr.left.kind === "increase" ||
        expr.left.kind === "decrease";
      const wantKind = absolute ? MEASURE_KIND[expr.left.measure] : "percent";
      if (!thresholdInfo || thresholdInfo.kind !== wantKind) {
        throw new Error(
          `Criteria error: clause '${expr.id}' compares ${wantKind} with a threshold in '${right.unit}'`,
        );
      }
      const v = operandValue(expr.left, right.unit, input, options, expr.upcrConversion);
      // Which UPCR conversion reading was used, when mg/mmol met a mass unit here.
      const upcrAssumptions = (): string[] =>
        expr.upcrConversion &&
        crossesUpcrFamilies([
          ...v.inputs.map((i) => lookupUnit(i.quantity.unit)?.canonical ?? ""),
          absolute ? thresholdInfo.canonical : "%",
        ])
          ? [upcrConversionNote(expr.upcrConversion)]
          : [];
      if (v.range !== undefined) {
        return withNotices(v, {
          id: expr.id,
          label: expr.label,
          op: expr.op,
          source: expr.source,
          cmp: expr.cmp,
          threshold: right,
          notes: v.notes,
          assumptions: upcrAssumptions(),
          truth: compareInterval(v.range, expr.cmp, right.value),
          range: observedRange(v.range, v.unit, v.inputs, v.censored ?? []),
          missing: [],
        });
      }
      // Plain literals (no spread): this is the hot path of every explanation.
      if (v.value === undefined) {
        return withNotices(v, {
          id: expr.id,
          label: expr.label,
          op: expr.op,
          source: expr.source,
          cmp: expr.cmp,
          threshold: right,
          notes: v.notes,
          assumptions: [],
          truth: "unknown" as Truth,
          missing: v.missing,
        });
      }
      return withNotices(v, {
        id: expr.id,
        label: expr.label,
        op: expr.op,
        source: expr.source,
        cmp: expr.cmp,
        threshold: right,
        notes: v.notes,
        assumptions: upcrAssumptions(),
        truth: fromBool(compare(v.value, expr.cmp, right.value)),
        observed: { value: v.value, unit: v.unit, inputs: v.inputs },
        missing: [],
      });
    }
    case "fact": {
      if (expr.fact === "urineSedimentNormal") {
        if ("bind" in expr.params) throw notResolved(`'${expr.id}'`);
        return evalSediment(expr.id, expr.label, expr.params, expr.source, input);
      }
      if (expr.fact === "treatmentFailures") {
        const p = expr.params;
        if (Object.values(p).some((v) => typeof v === "object" && v !== null && "bind" in v)) {
          throw notResolved(`'${expr.id}'`);
        }
        return evalTreatmentFailures(
          expr.id,
          expr.label,
          p as TreatmentFailureParams,
          expr.source,
          input,
        );
      }
      if (expr.fact === "observation") {
        const value =
          expr.params.name === "cellularCasts"
            ? input.current?.urineSediment?.cellularCasts
            : input.current?.rescueTherapy;
        const path =
          expr.params.name === "cellularCasts"
            ? "current.urineSediment.cellularCasts"
            : "current.rescueTherapy";
        const base = {
          id: expr.id,
          label: expr.label,
          op: "fact" as const,
          source: expr.source,
          assumptions: [],
        };
        return value === undefined
          ? Object.assign(base, { truth: "unknown" as Truth, missing: [path], notes: [] })
          : Object.assign(base, {
              truth: fromBool(value === expr.params.is),
              missing: [],
              notes: [`${path} is ${value}`],
            });
      }
      if (expr.fact === "exclusionAbsent") {
        return evalExclusion(expr.id, expr.label, expr.params, expr.source, input);
      }
      const d = expr.params.defaultUpperLimit;
      if ("bind" in d) throw notResolved(`'${expr.id}'`);
      return evalCreatinineNormal(expr.id, expr.label, d, expr.source, input, options);
    }
    case "all":
    case "any": {
      const children = expr.of.map(go);
      const truths = children.map((c) => c.truth);
      const truth = expr.op === "all" ? and3(truths) : or3(truths);
      return Object.assign(composite(expr.id, expr.label, expr.op), { truth, children });
    }
    case "not": {
      const child = go(expr.of);
      return Object.assign(composite(expr.id, expr.label, "not"), {
        truth: not3(child.truth),
        children: [child],
      });
    }
    case "if": {
      const cond = go(expr.cond);
      const a = go(expr.whenMet);
      const b = go(expr.whenNotMet);
      return Object.assign(composite(expr.id, expr.label, "if"), {
        truth: if3(cond.truth, a.truth, b.truth),
        children: [cond, a, b],
      });
    }
    case "ref": {
      const r = referenced(refs, expr.to);
      return Object.assign(composite(expr.to, r.label, "ref"), { truth: r.truth });
    }
    case "bind":
      throw notResolved(`placeholder '${expr.name}'`);
    default:
      throw unknownClause(expr);
  }
}

function composite(id: string, label: string, op: Expr["op"]) {
  return { id, label, op, missing: [], notes: [], assumptions: [] };
}

/**
 * Walk a clause result tree depth-first (the node itself first).
 *
 * @param node - the root.
 * @returns every node of the tree.
 * @example
 * ```ts
 * import { classifyResponse, criteria, walkClauses } from 'lupus-renal-criteria';
 * const r = classifyResponse(criteria.zhang2023, {});
 * const leaves = r.explanation.categories.flatMap((c) => walkClauses(c.result)).filter((n) => !n.children);
 * ```
 * @internal Not part of the public API (used by the library and its tests).
 */
export function walkClauses(node: ClauseResult): ClauseResult[] {
  const out: ClauseResult[] = [node];
  for (const c of node.children ?? []) out.push(...walkClauses(c));
  return out;
}

/**
 * The inputs that could still change an unknown result: the `missing` paths of
 * the unknown leaves reached through unknown nodes only (an unknown leaf under a
 * decided node cannot change anything and is not listed).
 *
 * @param node - a clause result.
 * @returns the input paths, in tree order, without duplicates.
 * @example
 * ```ts
 * import { classifyResponse, criteria, decisiveMissing } from 'lupus-renal-criteria';
 * const r = classifyResponse(criteria.zhang2023, { current: { proteinuria: { value: 0.2, unit: 'g/24h' } } });
 * decisiveMissing(r.explanation.categories[0]!.result); // ['baseline.serumCreatinine', 'current.serumCreatinine']
 * ```
 * @internal Not part of the public API (used by the library and its tests).
 */
export function decisiveMissing(node: ClauseResult): string[] {
  if (node.truth !== "unknown") return [];
  if (!node.children) return [...node.missing];
  // One set for the whole walk (its insertion order is tree order, first occurrence kept): a
  // set and an array per node cost a sixth of detectFlares.
  const out = new Set<string>();
  addDecisive(node, out, missingOf);
  return [...out];
}

const missingOf = (leaf: ClauseResult): readonly string[] => leaf.missing;
const censoredOf = (leaf: ClauseResult): readonly string[] => leaf.range?.censored ?? [];

/** The paths `of` gives for the unknown leaves under `node`, reached through unknown nodes, added to `out`. */
function addDecisive(
  node: ClauseResult,
  out: Set<string>,
  of: (leaf: ClauseResult) => readonly string[],
): void {
  if (node.truth !== "unknown") return;
  if (!node.children) {
    for (const p of of(node)) out.add(p);
    return;
  }
  for (const c of node.children) addDecisive(c, out, of);
}

/**
 * The censored inputs that leave an unknown result undecided: the censored paths
 * of the unknown leaves whose range straddles their threshold, reached through
 * unknown nodes only (as {@link decisiveMissing} for missing inputs).
 *
 * @param node - a clause result.
 * @returns the input paths, in tree order, without duplicates.
 * @example
 * ```ts
 * import { classifyResponse, criteria, decisiveCensored } from 'lupus-renal-criteria';
 * const r = classifyResponse(criteria.zhang2023, {
 *   current: { proteinuria: { value: 0.7, unit: 'g/24h', censor: '<' } },
 * });
 * decisiveCensored(r.explanation.categories[0]!.result); // ['current.proteinuria']
 * ```
 * @internal Not part of the public API (used by the library and its tests).
 */
export function decisiveCensored(node: ClauseResult): string[] {
  if (node.truth !== "unknown") return [];
  if (!node.children) return node.range ? [...node.range.censored] : [];
  const out = new Set<string>();
  addDecisive(node, out, censoredOf);
  return [...out];
}

/**
 * {@link decisiveMissing} and {@link decisiveCensored} of a result added to two sets, for a
 * caller that gathers them over several results (the grades a flare leaves open) without an
 * array and a set per result.
 *
 * @param node - a clause result.
 * @param missing - receives the missing paths (tree order, first occurrence kept).
 * @param censored - receives the censored paths.
 * @example
 * ```ts
 * const missing = new Set<string>();
 * const censored = new Set<string>();
 * addUndecided({ id: 'x', label: 'x', op: 'compare', truth: 'unknown', missing: ['current.egfr'], notes: [], assumptions: [] }, missing, censored);
 * [...missing]; // ['current.egfr']
 * ```
 * @internal Not part of the public API (used by `detectFlares`).
 */
export function addUndecided(
  node: ClauseResult,
  missing: Set<string>,
  censored: Set<string>,
): void {
  addDecisive(node, missing, missingOf);
  addDecisive(node, censored, censoredOf);
}
