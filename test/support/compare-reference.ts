// A frozen copy of src/analysis/compare.ts as it stood at 4129496 (before the speed work of
// issue 17), kept as the reference of test/analysis/compare-differential.test.ts and of the
// same-process A/B in bench/compare-ab.ts. Only the imports are rewritten and the public
// documentation dropped; do not change its behaviour: the new compareCriteria must give a
// result deep-equal to this one on every input.
import { z } from "zod";
import { readRecord, summarizeParsed } from "../../src/analysis/cohort.js";
import type {
  Agreement,
  Comparison,
  ComparisonRow,
  Disagreement,
  SeparatingClauseCount,
} from "../../src/analysis/compare.js";
import {
  type ClassifyOptions,
  classifyValidated,
  type ResponseResult,
} from "../../src/api/classify.js";
import {
  checkInterpretation,
  optionError,
  parseOption,
  TimepointSchema,
} from "../../src/api/options.js";
import { clauseSentence, num } from "../../src/api/render.js";
import { type DatedVisit, resolveTimepoint } from "../../src/api/timeline.js";
import { type CompiledCriteria, compileCached } from "../../src/evaluate/compile.js";
import type { ClauseResult } from "../../src/evaluate/interpret.js";
import { InputError } from "../../src/ir/errors.js";
import type { Comparator } from "../../src/ir/expr.js";
import { criteriaOf } from "../../src/ir/schema.js";
import type {
  CategoryOrIndeterminate,
  ResponseCategory,
  ResponseCriteria,
  Timepoint,
} from "../../src/ir/types.js";
import type { ResponseInput } from "../../src/model/assessment.js";
import { safeParseResponseInput } from "../../src/model/fast-parse.js";

const CompareOptionsSchema = z
  .object({
    timepoints: z.array(TimepointSchema).optional(),
    analysis: z.enum(["itt", "evaluable", "per-protocol"]).optional(),
    interpretations: z.record(z.string(), z.record(z.string(), z.string())).optional(),
    allowProteinuriaSubstitution: z.boolean().optional(),
  })
  .strict();

/**
 * The clauses under `node` that keep it from being met: the children of an `all` that decide it
 * (not met, or unknown when none is not met), every child of an unmet `any`, the branch of an `if` that applies (the condition too when it is
 * unknown); a `not` or a `ref` is named as a whole. A clause that does not decide the result
 * (the other branch of an `if`) is not a blocker.
 */
function blocking(node: ClauseResult): ClauseResult[] {
  if (node.truth === "met") return [];
  const kids = node.children;
  if (!kids || node.op === "not" || node.op === "ref") return [node];
  if (node.op === "if") {
    const [cond, whenMet, whenNotMet] = kids;
    if (!cond || !whenMet || !whenNotMet) return [node];
    if (cond.truth === "met") return blocking(whenMet);
    if (cond.truth === "not-met") return blocking(whenNotMet);
    return [...blocking(cond), ...blocking(whenMet), ...blocking(whenNotMet)];
  }
  // `all`: the children that decide it (the unmet ones; when it is unknown, the unknown ones).
  // `any` (none met): every child.
  if (node.op === "all") return kids.filter((k) => k.truth === node.truth).flatMap(blocking);
  return kids.flatMap(blocking);
}

const PHRASE: Record<Comparator, string> = {
  "<": "below",
  "<=": "at or below",
  ">": "above",
  ">=": "at or above",
};

/** A clause's rule without the patient's value: "24-h urine protein below 300 mg/24h". */
function ruleOf(c: ClauseResult): string {
  if (c.children || c.op === "ref" || !c.cmp) return c.label;
  // A fact's limit can depend on the patient (a sex-specific upper limit of normal).
  if (c.op === "fact") return `${c.label} ${PHRASE[c.cmp]} the upper limit of normal`;
  if (!c.threshold) return c.label;
  const t = c.threshold;
  const value = num(t.value);
  return `${c.label} ${PHRASE[c.cmp]} ${t.unit === "%" ? `${value}%` : `${value} ${t.unit}`}`;
}

/** One separating clause: its sentence (with the patient's values) and its key for the tally. */
interface Separator {
  readonly sentence: string;
  readonly criteria: string;
  readonly clause: string;
  readonly truth: "not-met" | "unknown";
  readonly label: string;
}

/** Blockers already found, per result and category (a row's result is compared with every other). */
const blockersOf = new WeakMap<ResponseResult, Map<ResponseCategory, readonly Separator[]>>();

/** The clauses of `r`'s definition of `category` that keep it from being met. */
function blockers(r: ResponseResult, category: ResponseCategory): readonly Separator[] {
  let byCategory = blockersOf.get(r);
  if (!byCategory) {
    byCategory = new Map();
    blockersOf.set(r, byCategory);
  }
  let hit = byCategory.get(category);
  if (!hit) {
    hit = findBlockers(r, category);
    byCategory.set(category, hit);
  }
  return hit;
}

function findBlockers(r: ResponseResult, category: ResponseCategory): Separator[] {
  const def = r.explanation.categories.find((d) => d.name === category);
  if (!def) return [];
  return blocking(def.result).map((l) => ({
    sentence: `${r.criteria.id}: ${clauseSentence(l, r.criteria.citation)}`,
    criteria: r.criteria.id,
    clause: l.id,
    truth: l.truth === "unknown" ? "unknown" : "not-met",
    label: `${r.criteria.id}: ${ruleOf(l)}`,
  }));
}

/** A disagreement with the clauses behind its sentences (for the tally). */
type Separated = Disagreement & { readonly separators: readonly Separator[] };

/**
 * One definition's result for one assessment: the category from the compiled form, the
 * explained result only when a disagreement needs its clauses (or its missing inputs).
 */
interface Lazy {
  readonly id: string;
  readonly category: CategoryOrIndeterminate;
  full(): ResponseResult;
}

function disagreement(a: Lazy, b: Lazy): Separated | undefined {
  if (a.category === b.category) return undefined;
  const separators: Separator[] = [];
  for (const [x, y] of [
    [a, b],
    [b, a],
  ] as const) {
    if (x.category === "CR" || x.category === "PR")
      separators.push(...blockers(y.full(), x.category));
  }
  if (separators.length === 0) {
    for (const r of [a, b]) {
      if (r.category === "indeterminate") {
        const label = `${r.id}: missing ${r.full().missing.join(", ")}`;
        separators.push({
          sentence: label,
          criteria: r.id,
          clause: "missing",
          truth: "unknown",
          label,
        });
      }
    }
  }
  return {
    a: a.id,
    b: b.id,
    categoryA: a.category,
    categoryB: b.category,
    separating: separators.map((x) => x.sentence),
    separators,
  };
}

const CATEGORY_ORDER = ["CR", "PR", "NR", "indeterminate"];

/** The separators of every row, counted per pair, direction and clause. */
function tally(
  rows: readonly { readonly id: string; readonly separated: readonly Separated[] }[],
  ids: readonly string[],
): SeparatingClauseCount[] {
  const counts = new Map<
    string,
    {
      entry: Omit<SeparatingClauseCount, "subjects" | "assessments">;
      subjects: Set<string>;
      n: number;
    }
  >();
  for (const row of rows) {
    for (const d of row.separated) {
      const seen = new Set<string>();
      for (const s of d.separators) {
        // Ids, categories, clause ids and truths never hold a NUL; the label comes last.
        const key = `${d.a}\u0000${d.b}\u0000${d.categoryA}\u0000${d.categoryB}\u0000${s.criteria}\u0000${s.clause}\u0000${s.truth}\u0000${s.label}`;
        if (seen.has(key)) continue; // one clause once per disagreement
        seen.add(key);
        let c = counts.get(key);
        if (!c) {
          c = {
            entry: {
              a: d.a,
              b: d.b,
              categoryA: d.categoryA as CategoryOrIndeterminate,
              categoryB: d.categoryB as CategoryOrIndeterminate,
              criteria: s.criteria,
              clause: s.clause,
              truth: s.truth,
              label: s.label,
            },
            subjects: new Set(),
            n: 0,
          };
          counts.set(key, c);
        }
        c.subjects.add(row.id);
        c.n++;
      }
    }
  }
  const out = [...counts.values()].map(({ entry, subjects, n }) => ({
    ...entry,
    subjects: subjects.size,
    assessments: n,
  }));
  const rank = (x: SeparatingClauseCount) => [
    ids.indexOf(x.a),
    ids.indexOf(x.b),
    CATEGORY_ORDER.indexOf(x.categoryA),
    CATEGORY_ORDER.indexOf(x.categoryB),
    -x.subjects,
    -x.assessments,
    ids.indexOf(x.criteria),
  ];
  return out.sort((x, y) => {
    const [p, q] = [rank(x), rank(y)];
    for (let i = 0; i < p.length; i++) {
      const d = (p[i] as number) - (q[i] as number);
      if (d !== 0) return d;
    }
    return x.label < y.label ? -1 : x.label > y.label ? 1 : 0;
  });
}

/**
 * Cohen's kappa for paired categorical ratings.
 *
 * @param pairs - the paired ratings.
 * @returns n, observed agreement and kappa (null when undefined).
 * @example
 * ```ts
 * import { cohensKappa } from 'lupus-renal-criteria/analysis';
 * cohensKappa([['CR', 'CR'], ['PR', 'PR'], ['NR', 'PR'], ['NR', 'NR']]).kappa; // 0.6363…
 * ```
 * @category Cohorts and statistics
 */
function cohensKappa(pairs: readonly (readonly [string, string])[]): {
  n: number;
  observed: number | null;
  kappa: number | null;
} {
  const n = pairs.length;
  if (n === 0) return { n, observed: null, kappa: null };
  const ca = new Map<string, number>();
  const cb = new Map<string, number>();
  let same = 0;
  for (const [x, y] of pairs) {
    if (x === y) same++;
    ca.set(x, (ca.get(x) ?? 0) + 1);
    cb.set(y, (cb.get(y) ?? 0) + 1);
  }
  const po = same / n;
  let pe = 0;
  for (const [k, v] of ca) pe += (v / n) * ((cb.get(k) ?? 0) / n);
  return { n, observed: po, kappa: pe === 1 ? null : (po - pe) / (1 - pe) };
}

function agreements(rows: readonly ComparisonRow[], ids: readonly string[]): Agreement[] {
  const out: Agreement[] = [];
  const decided = (c: string | undefined) => c === "CR" || c === "PR" || c === "NR";
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const a = ids[i] as string;
      const b = ids[j] as string;
      const pairs: (readonly [string, string])[] = [];
      for (const r of rows) {
        const x = r.categories[a];
        const y = r.categories[b];
        if (x !== undefined && y !== undefined && decided(x) && decided(y)) pairs.push([x, y]);
      }
      out.push({ a, b, ...cohensKappa(pairs) });
    }
  }
  return out;
}

/**
 * Classify the same assessments (or patient records at time points) under
 * several definitions: a matrix of categories, the clause that separates each
 * disagreeing pair, pairwise agreement (Cohen's kappa over the assessments both
 * definitions decided) and, for records, each definition's cohort summary.
 *
 * @param data - assessments (`ResponseInput[]`, validated) or patient records
 *   (objects with an `id`, validated; then `timepoints` is required).
 * @param list - the definitions to compare.
 * @param options - `timepoints` (each with whole-number `day` and `windowDays`
 *   ≥ 0) and `analysis` (`itt`, `evaluable`, `per-protocol`) for records;
 *   readings per id (`interpretations`, each id one of the definitions compared,
 *   each reading one of that definition's), `allowProteinuriaSubstitution`. All
 *   are validated.
 * @returns the comparison.
 * @throws `InputError` for a malformed assessment, or for a malformed option
 *   (paths `options.…`, e.g. `options.interpretations.zhang2023.nope`, or
 *   `options.timepoints` when records are given without time points). A
 *   malformed or unreadable *record* is listed in `invalid`, never thrown.
 * @example
 * ```ts
 * import { criteria } from 'lupus-renal-criteria';
 * import { compareCriteria } from 'lupus-renal-criteria/analysis';
 * const c = compareCriteria([{
 *   patient: { sex: 'F' },
 *   baseline: { proteinuria: { value: 4, unit: 'g/24h' }, serumCreatinine: { value: 70, unit: 'umol/L' } },
 *   current: { proteinuria: { value: 0.4, unit: 'g/24h' }, serumCreatinine: { value: 72, unit: 'umol/L' },
 *              serumAlbumin: { value: 36, unit: 'g/L' }, urineSediment: { normal: true } },
 * }], [criteria.zhang2023, criteria.kang2020]);
 * c.rows[0]?.categories; // { zhang2023: 'CR', kang2020: 'PR' } (400 mg is not < 300 mg)
 * ```
 * @category Cohorts and statistics
 */
export function compareCriteriaReference(
  data: readonly unknown[],
  list: readonly ResponseCriteria[],
  options: {
    readonly timepoints?: readonly Timepoint[];
    readonly analysis?: "itt" | "evaluable" | "per-protocol";
    readonly interpretations?: Readonly<Record<string, Readonly<Record<string, string>>>>;
    readonly allowProteinuriaSubstitution?: boolean;
  } = {},
): Comparison {
  for (const c of list) criteriaOf(c, "response");
  if (!Array.isArray(data)) {
    throw optionError([{ path: ["data"], message: "data must be an array" }], "arguments");
  }
  parseOption(CompareOptionsSchema, options);
  const ids = list.map((c) => c.id);
  const issues: { path: readonly PropertyKey[]; message: string }[] = [];
  // The caller's own objects (a parsed copy would drop a `__proto__` key).
  for (const [id, choice] of Object.entries(options.interpretations ?? {})) {
    const c = list.find((x) => x.id === id);
    if (!c) {
      issues.push({
        path: ["options", "interpretations", id],
        message: `'${id}' is not among the definitions compared (${ids.join(", ")})`,
      });
    } else issues.push(...checkInterpretation(c, choice, ["options", "interpretations", id]));
  }
  if (issues.length) throw optionError(issues);
  const optsFor = (c: ResponseCriteria): ClassifyOptions => ({
    ...(options.interpretations?.[c.id] ? { interpretation: options.interpretations[c.id] } : {}),
    ...(options.allowProteinuriaSubstitution === undefined
      ? {}
      : { allowProteinuriaSubstitution: options.allowProteinuriaSubstitution }),
  });
  // Per definition, once: its options and compiled form (the category of every assessment).
  const plans = list.map((c) => {
    const o = optsFor(c);
    return { criteria: c, options: o, compiled: compileCached(c, o) };
  });
  const isRecord = (x: unknown) => {
    try {
      return typeof x === "object" && x !== null && "id" in x;
    } catch {
      return true; // unreadable: kept, and listed as invalid below
    }
  };
  if (data.length > 0 && data.every(isRecord)) {
    if (!options.timepoints?.length) {
      throw optionError([
        {
          path: ["options", "timepoints"],
          message:
            "give `timepoints` to compare patient records (definitions have different schedules)",
        },
      ]);
    }
    const timepoints = options.timepoints;
    const rows: ComparisonRow[] = [];
    const separated: { id: string; separated: Separated[] }[] = [];
    const invalid: { index: number; id?: string; error: InputError }[] = [];
    // Each record is validated once, here; the rows and every definition's summary use it.
    const outcomes = data.map(readRecord);
    for (const [index, parsed] of outcomes.entries()) {
      if (!parsed.success) {
        const { id } = parsed;
        invalid.push({ index, ...(id === undefined ? {} : { id }), error: parsed.error });
        continue;
      }
      const r = parsed.data;
      for (const tp of timepoints) {
        const resolved = resolveTimepoint(r, tp);
        const visit: DatedVisit | undefined = resolved.visit;
        const input = visit
          ? { patient: r.patient, baseline: r.baseline, current: visit.labs }
          : undefined;
        const results = plans.map((p) => (input ? lazy(p, input) : undefined));
        const categories: Record<string, CategoryOrIndeterminate | "missing"> = Object.fromEntries(
          list.map((c, k) => [c.id, results[k]?.category ?? "missing"]),
        );
        const pairs = pairDisagreements(results);
        separated.push({ id: r.id, separated: pairs });
        rows.push({ id: r.id, timepoint: tp.label, categories, disagreements: pairs.map(plain) });
      }
    }
    const cohorts = Object.fromEntries(
      list.map((c) => [
        c.id,
        summarizeParsed(c, outcomes, {
          timepoints,
          analysis: options.analysis ?? "itt",
          ...optsFor(c),
        }),
      ]),
    );
    return {
      criteria: ids,
      rows,
      agreement: agreements(rows, ids),
      separatingClauses: tally(separated, ids),
      cohorts,
      invalid,
    };
  }
  const separated: { id: string; separated: Separated[] }[] = [];
  const rows: ComparisonRow[] = data.map((input, index) => {
    // Validated once, then classified under every definition.
    const parsed = safeParseResponseInput(input);
    if (!parsed.success) throw new InputError(parsed.error);
    const valid = parsed.data;
    const results = plans.map((p) => lazy(p, valid));
    const pairs = pairDisagreements(results);
    separated.push({ id: String(index), separated: pairs });
    return {
      id: String(index),
      categories: Object.fromEntries(results.map((r) => [r.id, r.category])),
      disagreements: pairs.map(plain),
    };
  });
  return {
    criteria: ids,
    rows,
    agreement: agreements(rows, ids),
    separatingClauses: tally(separated, ids),
  };
}

/** One definition's lazily explained result for one assessment (see {@link Lazy}). */
function lazy(
  p: { criteria: ResponseCriteria; options: ClassifyOptions; compiled: CompiledCriteria },
  input: ResponseInput,
): Lazy {
  let full: ResponseResult | undefined;
  return {
    id: p.criteria.id,
    category: p.compiled.category(input),
    full: () => {
      full ??= classifyValidated(p.criteria, input, p.options);
      return full;
    },
  };
}

/** The public part of a disagreement (without the tally's keys). */
function plain({ separators: _, ...d }: Separated): Disagreement {
  return d;
}

function pairDisagreements(results: readonly (Lazy | undefined)[]): Separated[] {
  const out: Separated[] = [];
  for (let i = 0; i < results.length; i++) {
    for (let j = i + 1; j < results.length; j++) {
      const a = results[i];
      const b = results[j];
      if (!a || !b) continue;
      const d = disagreement(a, b);
      if (d) out.push(d);
    }
  }
  return out;
}
