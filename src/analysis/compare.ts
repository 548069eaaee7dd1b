/**
 * `compareCriteria()`: the same patient or cohort under several definitions,
 * side by side, with agreement statistics and the clause that separates each
 * disagreeing pair.
 *
 * @module
 */

import { z } from "zod";
import { type ClassifyOptions, classifyValidated, type ResponseResult } from "../api/classify.js";
import { checkInterpretation, optionError, parseOption, TimepointSchema } from "../api/options.js";
import { clauseSentence } from "../api/render.js";
import { type DatedVisit, resolveTimepoint } from "../api/timeline.js";
import type { ClauseResult } from "../evaluate/interpret.js";
import { InputError } from "../ir/errors.js";
import { criteriaOf } from "../ir/schema.js";
import type {
  CategoryOrIndeterminate,
  ResponseCategory,
  ResponseCriteria,
  Timepoint,
} from "../ir/types.js";
import { ResponseInputSchema } from "../model/assessment.js";
import { type CohortSummary, readRecord, summarizeParsed } from "./cohort.js";

/**
 * Why two definitions disagree on one assessment: for the category the first
 * definition gives, the clauses of the second definition's same category that
 * are not met (or unknown) — and the reverse.
 *
 * @example
 * ```ts
 * import type { Disagreement } from 'lupus-renal-criteria/analysis';
 * const d: Disagreement = { a: 'zhang2023', b: 'kang2020', categoryA: 'CR', categoryB: 'PR',
 *   separating: ['kang2020: 24-h urine protein 400 mg/24h is not below 300 mg/24h: not met (Kang 2020, Methods, Outcomes).'] };
 * ```
 * @category Cohorts and statistics
 */
export interface Disagreement {
  readonly a: string;
  readonly b: string;
  readonly categoryA: CategoryOrIndeterminate | "missing";
  readonly categoryB: CategoryOrIndeterminate | "missing";
  /** Sentences naming the clauses that separate the two results. */
  readonly separating: readonly string[];
}

/**
 * Cohen's kappa between two definitions over the assessments both decided.
 *
 * @example
 * ```ts
 * import type { Agreement } from 'lupus-renal-criteria/analysis';
 * const k: Agreement = { a: 'zhang2023', b: 'kang2020', n: 20, observed: 0.85, kappa: 0.7 };
 * ```
 * @category Cohorts and statistics
 */
export interface Agreement {
  readonly a: string;
  readonly b: string;
  /** Assessments where both gave CR, PR or NR. */
  readonly n: number;
  /** Proportion of those with the same category. */
  readonly observed: number | null;
  /** Cohen's kappa (null when undefined: n = 0, or chance agreement is 1). */
  readonly kappa: number | null;
}

/**
 * One assessment under every definition compared.
 *
 * @example
 * ```ts
 * import type { ComparisonRow } from 'lupus-renal-criteria/analysis';
 * const r: ComparisonRow = { id: 'p1', categories: { zhang2023: 'CR', kang2020: 'PR' }, disagreements: [] };
 * ```
 * @category Cohorts and statistics
 */
export interface ComparisonRow {
  /** The record id (with the time point label for records), or the input's index. */
  readonly id: string;
  readonly timepoint?: string;
  readonly categories: Readonly<Record<string, CategoryOrIndeterminate | "missing">>;
  readonly disagreements: readonly Disagreement[];
}

/**
 * The result of {@link compareCriteria}.
 *
 * @example
 * ```ts
 * import { criteria } from 'lupus-renal-criteria';
 * import { compareCriteria } from 'lupus-renal-criteria/analysis';
 * const c = compareCriteria([{}], [criteria.zhang2023, criteria.kang2020]);
 * c.criteria; // ['zhang2023', 'kang2020']
 * ```
 * @category Cohorts and statistics
 */
export interface Comparison {
  readonly criteria: readonly string[];
  readonly rows: readonly ComparisonRow[];
  readonly agreement: readonly Agreement[];
  /** For records: each definition's cohort summary (ITT unless asked otherwise). */
  readonly cohorts?: Readonly<Record<string, CohortSummary>>;
  /**
   * For records: the records that are invalid or cannot be read (index, id if
   * readable, the error). They have no rows and are listed in each cohort summary too.
   */
  readonly invalid?: readonly {
    readonly index: number;
    readonly id?: string;
    readonly error: InputError;
  }[];
}

const CompareOptionsSchema = z
  .object({
    timepoints: z.array(TimepointSchema).optional(),
    analysis: z.enum(["itt", "evaluable", "per-protocol"]).optional(),
    interpretations: z.record(z.string(), z.record(z.string(), z.string())).optional(),
    allowProteinuriaSubstitution: z.boolean().optional(),
  })
  .strict();

function leaves(node: ClauseResult): ClauseResult[] {
  if (!node.children) return [node];
  return node.children.flatMap(leaves);
}

/** The clauses of `r`'s definition of `category` that keep it from being met. */
function blockers(r: ResponseResult, category: ResponseCategory): string[] {
  const def = r.explanation.categories.find((d) => d.name === category);
  if (!def) return [];
  return leaves(def.result)
    .filter((l) => l.truth !== "met")
    .map((l) => `${r.criteria.id}: ${clauseSentence(l, r.criteria.citation)}`);
}

function disagreement(a: ResponseResult, b: ResponseResult): Disagreement | undefined {
  if (a.category === b.category) return undefined;
  const separating: string[] = [];
  for (const [x, y] of [
    [a, b],
    [b, a],
  ] as const) {
    if (x.category === "CR" || x.category === "PR") separating.push(...blockers(y, x.category));
  }
  if (separating.length === 0) {
    for (const r of [a, b]) {
      if (r.category === "indeterminate")
        separating.push(`${r.criteria.id}: missing ${r.missing.join(", ")}`);
    }
  }
  return {
    a: a.criteria.id,
    b: b.criteria.id,
    categoryA: a.category,
    categoryB: b.category,
    separating,
  };
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
export function cohensKappa(pairs: readonly (readonly [string, string])[]): {
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
export function compareCriteria(
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
        const results = list.map((c) =>
          visit
            ? classifyValidated(
                c,
                { patient: r.patient, baseline: r.baseline, current: visit.labs },
                optsFor(c),
              )
            : undefined,
        );
        const categories: Record<string, CategoryOrIndeterminate | "missing"> = Object.fromEntries(
          list.map((c, k) => [c.id, results[k]?.category ?? "missing"]),
        );
        rows.push({
          id: r.id,
          timepoint: tp.label,
          categories,
          disagreements: pairDisagreements(results),
        });
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
    return { criteria: ids, rows, agreement: agreements(rows, ids), cohorts, invalid };
  }
  const rows: ComparisonRow[] = data.map((input, index) => {
    // Validated once, then classified under every definition.
    const parsed = ResponseInputSchema.safeParse(input);
    if (!parsed.success) throw new InputError(parsed.error);
    const results = list.map((c) => classifyValidated(c, parsed.data, optsFor(c)));
    return {
      id: String(index),
      categories: Object.fromEntries(results.map((r) => [r.criteria.id, r.category])),
      disagreements: pairDisagreements(results),
    };
  });
  return { criteria: ids, rows, agreement: agreements(rows, ids) };
}

function pairDisagreements(results: readonly (ResponseResult | undefined)[]): Disagreement[] {
  const out: Disagreement[] = [];
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
