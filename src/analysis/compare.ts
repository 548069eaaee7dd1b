/**
 * `compareCriteria()`: the same patient or cohort under several definitions,
 * side by side, with agreement statistics and the clause that separates each
 * disagreeing pair.
 *
 * @module
 */

import { z } from "zod";
import type { ClassifyOptions } from "../api/classify.js";
import { checkInterpretation, optionError, parseOption, TimepointSchema } from "../api/options.js";
import { clauseSentence, num } from "../api/render.js";
import { type DatedVisit, resolveTimepoint } from "../api/timeline.js";
import { type TruthNode, truthNodes } from "../evaluate/clause-truths.js";

type TruthRoot = { readonly root: number };

import { type CompiledCriteria, compileCached } from "../evaluate/compile.js";
import { type ClauseResult, evaluateExpr } from "../evaluate/interpret.js";
import { InputError } from "../ir/errors.js";
import type { Comparator, Expr } from "../ir/expr.js";
import type { Truth } from "../ir/kleene.js";
import { bindingsOf } from "../ir/readings.js";
import { resolveExpr } from "../ir/resolve.js";
import { criteriaOf } from "../ir/schema.js";
import type { CategoryOrIndeterminate, ResponseCriteria, Timepoint } from "../ir/types.js";
import type { ResponseInput } from "../model/assessment.js";
import { safeParseResponseInput } from "../model/fast-parse.js";
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
 * How many disagreements one clause separated: for one pair of definitions and one direction
 * (the category under each), a clause of one of them that kept it from the other's category,
 * with the number of subjects (distinct record ids; each assessment is its own subject when
 * assessments are compared) and of assessments (subject × time point) it separated. The clause
 * is named without any patient's value (`label`), so the same clause counts once however the
 * values differ. An `indeterminate` result that no clause explains is counted by its missing
 * inputs (`clause` `missing`).
 *
 * @example
 * ```ts
 * import type { SeparatingClauseCount } from 'lupus-renal-criteria/analysis';
 * const n: SeparatingClauseCount = {
 *   a: 'kang2020', b: 'kdigo2012', categoryA: 'PR', categoryB: 'CR',
 *   criteria: 'kang2020', clause: 'cr-up', truth: 'not-met',
 *   label: 'kang2020: 24-h urine protein below 300 mg/24h',
 *   subjects: 12, assessments: 14,
 * };
 * ```
 * @category Cohorts and statistics
 */
export interface SeparatingClauseCount {
  /** The first definition of the pair (in the order compared). */
  readonly a: string;
  /** The second definition of the pair. */
  readonly b: string;
  /** The category under `a` in the disagreements counted. */
  readonly categoryA: CategoryOrIndeterminate;
  /** The category under `b` in the disagreements counted. */
  readonly categoryB: CategoryOrIndeterminate;
  /** The definition the clause belongs to (`a` or `b`). */
  readonly criteria: string;
  /** The clause's id in that definition (`missing` for an unexplained indeterminate result). */
  readonly clause: string;
  /** The clause's result in those disagreements: not met, or unknown (an input missing). */
  readonly truth: "not-met" | "unknown";
  /** The clause without patient values: `kang2020: 24-h urine protein below 300 mg/24h`. */
  readonly label: string;
  /** Distinct subjects (record ids; for assessments, each row) it separated. */
  readonly subjects: number;
  /** Assessments (subject × time point) it separated. */
  readonly assessments: number;
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
 * c.separatingClauses; // []
 * ```
 * @category Cohorts and statistics
 */
export interface Comparison {
  readonly criteria: readonly string[];
  readonly rows: readonly ComparisonRow[];
  readonly agreement: readonly Agreement[];
  /**
   * Each clause that separated two definitions, counted: per pair and direction (categories
   * under each), the subjects and assessments it separated — the tally of the rows'
   * `separating` sentences by clause. Ordered by pair, then direction (CR, PR, NR,
   * indeterminate under the first definition, then the second), then most subjects first.
   */
  readonly separatingClauses: readonly SeparatingClauseCount[];
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

const TRUTH_NAME: readonly Truth[] = ["not-met", "met", "unknown"];
/** Categories as small integers, in the tally's order; 4 is `missing` (no visit). */
const CATEGORY_ORDER = ["CR", "PR", "NR", "indeterminate", "missing"];

/** The references given to the interpreter: none (a leaf holds none). */
const NO_REFS: ReadonlyMap<string, { truth: Truth; label: string }> = new Map();

/**
 * What a comparison needs of one definition under one choice of readings and options, kept with
 * its compiled form (so shared by every comparison that uses it): the resolved categories and
 * their nodes, each with its compiled truth.
 */
interface Shape extends ReturnType<typeof truthNodes> {
  readonly categories: readonly {
    readonly name: string;
    readonly label: string;
    readonly expr: Expr;
  }[];
}

const shapes = new WeakMap<CompiledCriteria, Shape>();

/**
 * One separating clause (a definition's clause with its truth, or its missing inputs), one
 * object per text, with its counts per pair of ids and direction (`bucket`).
 */
interface Separator {
  readonly criteria: string;
  readonly clause: string;
  readonly truth: "not-met" | "unknown";
  readonly label: string;
  readonly counts: Map<number, Count>;
}

/** The separating clauses of one definition's category for one assessment, with their sentences. */
type Blockers = readonly [sentences: readonly string[], separators: readonly Separator[]];
const NONE: Blockers = [[], []];

/** A separating clause counted for one pair (by ids) and direction (its `bucket`). */
interface Count {
  /** The entry, its subjects and assessments counted as the rows come. */
  readonly x: { -readonly [K in keyof SeparatingClauseCount]: SeparatingClauseCount[K] };
  readonly bucket: number;
  /** The position of the clause's definition among those compared. */
  readonly at: number;
  /** For records: the subjects' ids. */
  readonly ids: Set<string> | undefined;
  last: string | undefined;
  /** The disagreement that last counted it (a clause counts once per disagreement). */
  seen: number;
}

/**
 * One definition in one comparison: its category for the current assessment and, worked out
 * when a disagreement needs them and kept until the next assessment, the truths of its nodes
 * (compiled), the clauses of its CR or PR that are not met (explained by the interpreter, for
 * their sentences) and, when indeterminate, its missing inputs.
 */
interface Slot {
  readonly id: string;
  /** The first position of its id among the definitions compared (pairs are told apart by ids). */
  readonly first: number;
  category: CategoryOrIndeterminate | "missing";
  code: number;
  set(input: ResponseInput | undefined): void;
  blockers(category: "CR" | "PR"): Blockers;
  missing(): Separator;
}

/**
 * Compares the definitions row by row: each row's categories and disagreements, every separating
 * clause counted per pair of ids, direction and clause in the order first seen, and Cohen's
 * kappa of each pair counted as the rows come (the same sums in the same order as
 * {@link cohensKappa} over the categories both definitions decided).
 */
function comparer(
  list: readonly ResponseCriteria[],
  optsFor: (c: ResponseCriteria) => ClassifyOptions,
  records: boolean,
) {
  const ids = list.map((c) => c.id);
  const n = list.length;
  const separators = new Map<string, Separator>();
  const texts = new Map<string, string>();
  const counts: Count[] = [];
  let serial = 0;
  /** The separator of one clause (its definition, clause id, truth and label): one per text. */
  const separator = (
    criteria: string,
    clause: string,
    truth: Separator["truth"],
    label: string,
  ) => {
    // Ids, clause ids and truths never hold a NUL; the label comes last.
    const text = `${criteria}\u0000${clause}\u0000${truth}\u0000${label}`;
    let s = separators.get(text);
    if (!s) {
      s = { criteria, clause, truth, label, counts: new Map() };
      separators.set(text, s);
    }
    return s;
  };
  /**
   * One string per text: the same sentence in many rows is kept once (a cohort repeats values,
   * and the result would keep every copy).
   */
  const intern = (text: string): string => {
    const t = texts.get(text);
    if (t !== undefined) return t;
    texts.set(text, text);
    return text;
  };
  /** Count `s` for the current disagreement of `a` and `b` (subject `id`). */
  const count = (a: Slot, b: Slot, s: Separator, id: string): void => {
    const bucket = (a.first * n + b.first) * 32 + a.code * 4 + b.code;
    let c = s.counts.get(bucket);
    if (!c) {
      c = {
        x: {
          a: a.id,
          b: b.id,
          categoryA: a.category as CategoryOrIndeterminate,
          categoryB: b.category as CategoryOrIndeterminate,
          criteria: s.criteria,
          clause: s.clause,
          truth: s.truth,
          label: s.label,
          subjects: 0,
          assessments: 0,
        },
        bucket,
        at: ids.indexOf(s.criteria),
        ids: records ? new Set() : undefined,
        last: undefined,
        seen: 0,
      };
      s.counts.set(bucket, c);
      counts.push(c);
    }
    if (c.seen === serial) return;
    c.seen = serial;
    c.x.assessments++;
    if (c.last !== id) {
      c.last = id;
      c.ids?.add(id);
      c.x.subjects++;
    }
  };

  const slotOf = (criteria: ResponseCriteria, first: number): Slot => {
    const id = criteria.id;
    const options = optsFor(criteria);
    const compiled = compileCached(criteria, options);
    let shape = shapes.get(compiled);
    if (!shape) {
      const b = bindingsOf(criteria, compiled.interpretation);
      const categories = criteria.categories.map((c) => ({
        name: c.name,
        label: c.label,
        expr: resolveExpr(c.expr, b),
      }));
      shape = { categories, ...truthNodes(categories, options) };
      shapes.set(compiled, shape);
    }
    const { categories, nodes, roots } = shape;
    /** Per node and truth (not met, unknown): its separator, once known. */
    const known: Separator[] = [];
    let input: ResponseInput | undefined;
    let row = 0;
    /** The row each cache holds: CR, PR, missing. */
    const at = [0, 0, 0];
    const found: Blockers[] = [NONE, NONE];
    let missing: Separator;
    /** The truth of node `i` (its compiled closure). */
    /** Per node: its truth for this row, once asked. */
    let truths: number[] = [];
    const truth = (i: number): number =>
      (truths[i] ??= (nodes[i] as TruthNode).truth(input as ResponseInput));
    /**
     * The nodes under `i` that keep it from being met: the children of an `all` that decide it
     * (not met, or unknown when none is not met), every child of an unmet `any`, the branch of
     * an `if` that applies (the condition too when it is unknown); a leaf, a `not` or a `ref` is
     * named as a whole. A clause that does not decide the result (the other branch of an `if`)
     * is not a blocker.
     */
    const blocking = (i: number, out: number[]): void => {
      const t = truth(i);
      if (t === 1) return;
      const { expr, kids } = nodes[i] as TruthNode;
      if (expr.op === "all") {
        for (const k of kids) if (truth(k) === t) blocking(k, out);
      } else if (expr.op === "if") {
        const [cond, whenMet, whenNotMet] = kids as [number, number, number];
        const c = truth(cond);
        if (c === 2) blocking(cond, out);
        if (c !== 0) blocking(whenMet, out);
        if (c !== 1) blocking(whenNotMet, out);
      } else if (expr.op === "any") for (const k of kids) blocking(k, out);
      else out.push(i);
    };
    /**
     * The interpreter's result of node `i`, as in the explained tree. A leaf holds no reference;
     * a `not` or a `ref` may name an earlier category, given with its truth.
     */
    const explain = (i: number): ClauseResult => {
      const { expr } = nodes[i] as TruthNode;
      const refs =
        expr.op === "compare" || expr.op === "fact"
          ? NO_REFS
          : new Map(
              categories.map((c, j) => [
                c.name,
                { truth: TRUTH_NAME[truth((roots[j] as TruthRoot).root)] as Truth, label: c.label },
              ]),
            );
      return evaluateExpr(expr, input as ResponseInput, refs, options);
    };
    /** The missing inputs of the unknown leaves under node `i`, through unknown nodes. */
    const unknownLeaves = (i: number, paths: Set<string>): void => {
      if (truth(i) !== 2) return;
      const node = nodes[i] as TruthNode;
      const op = node.expr.op;
      if (op === "compare" || op === "fact") for (const p of explain(i).missing) paths.add(p);
      else if (op !== "ref") for (const c of node.kids) unknownLeaves(c, paths);
    };
    const slot: Slot = {
      id,
      first,
      category: "missing",
      code: 4,
      set(x) {
        input = x;
        row++;
        truths = [];
        slot.category = x ? compiled.category(x) : "missing";
        slot.code = CATEGORY_ORDER.indexOf(slot.category);
      },
      blockers(category) {
        const c = category === "CR" ? 0 : 1;
        if (at[c] !== row) {
          at[c] = row;
          const root = roots.find((r) => r.name === category);
          const blockers: number[] = [];
          if (root) blocking(root.root, blockers);
          const sentences: string[] = [];
          const separators: Separator[] = [];
          for (const i of blockers) {
            const l = explain(i);
            sentences.push(intern(`${id}: ${clauseSentence(l, criteria.citation.short)}`));
            const unknown = truth(i) === 2;
            const j = i * 2 + (unknown ? 1 : 0);
            known[j] ??= separator(
              id,
              l.id,
              unknown ? "unknown" : "not-met",
              `${id}: ${ruleOf(l)}`,
            );
            separators.push(known[j]);
          }
          found[c] = [sentences, separators];
        }
        return found[c] as Blockers;
      },
      missing() {
        if (at[2] !== row) {
          at[2] = row;
          // As classifyResponse: the missing inputs of the unknown leaves reached through unknown
          // nodes only, in tree order, each once (decisiveMissing of every category's tree); only
          // those leaves are explained. One separator (and one string) per text.
          const paths = new Set<string>();
          for (const r of roots) unknownLeaves(r.root, paths);
          const label = `${id}: missing ${[...paths].join(", ")}`;
          missing = separator(id, "missing", "unknown", label);
        }
        return missing;
      },
    };
    return slot;
  };

  const slots = list.map((c) => slotOf(c, ids.indexOf(c.id)));
  // Per pair, for kappa: the definitions whose categories the row shows (a definition listed
  // twice: the last one), the counts (n, same, then CR, PR, NR under a, and under b) and the
  // categories under a in the order first seen (kappa's chance sum follows it).
  const pairs: { a: string; b: string; x: Slot; y: Slot; counts: number[]; order: number[] }[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      pairs.push({
        a: ids[i] as string,
        b: ids[j] as string,
        x: slots[ids.lastIndexOf(ids[i] as string)] as Slot,
        y: slots[ids.lastIndexOf(ids[j] as string)] as Slot,
        counts: [0, 0, 0, 0, 0, 0, 0, 0],
        order: [],
      });
    }
  }
  return {
    /** The next row: subject `subject` (at time point `tp`), its categories and disagreements. */
    row(input: ResponseInput | undefined, subject: string, tp?: Timepoint): ComparisonRow {
      for (const s of slots) s.set(input);
      for (const p of pairs) {
        const x = p.x.code;
        const y = p.y.code;
        if (x > 2 || y > 2) continue;
        const c = p.counts;
        if (c[2 + x] === 0) p.order.push(x);
        c[0] = (c[0] as number) + 1;
        if (x === y) c[1] = (c[1] as number) + 1;
        c[2 + x] = (c[2 + x] as number) + 1;
        c[5 + y] = (c[5 + y] as number) + 1;
      }
      const categories: Record<string, CategoryOrIndeterminate | "missing"> = {};
      for (const s of slots) categories[s.id] = s.category;
      const disagreements: Disagreement[] = [];
      for (let i = 0; i < n; i++) {
        const a = slots[i] as Slot;
        for (let j = i + 1; j < n; j++) {
          const b = slots[j] as Slot;
          if (a.code === b.code) continue;
          serial++;
          // For the category under each: the other definition's clauses that keep it from it;
          // when none, the missing inputs of an indeterminate result.
          const [xs, xk] = a.code < 2 ? b.blockers(a.category as "CR" | "PR") : NONE;
          const [ys, yk] = b.code < 2 ? a.blockers(b.category as "CR" | "PR") : NONE;
          let separating = xs.concat(ys);
          if (separating.length) {
            for (const s of xk) count(a, b, s, subject);
            for (const s of yk) count(a, b, s, subject);
          } else {
            const m: Separator[] = [];
            if (a.code === 3) m.push(a.missing());
            if (b.code === 3) m.push(b.missing());
            separating = m.map((s) => s.label);
            for (const s of m) count(a, b, s, subject);
          }
          disagreements.push({
            a: a.id,
            b: b.id,
            categoryA: a.category,
            categoryB: b.category,
            separating,
          });
        }
      }
      return tp
        ? { id: subject, timepoint: tp.label, categories, disagreements }
        : { id: subject, categories, disagreements };
    },
    /** The result: every pair's agreement and the separating clauses counted. */
    result(rows: ComparisonRow[]): Comparison {
      const agreement: Agreement[] = pairs.map(({ a, b, counts, order }) => {
        const n = counts[0] as number;
        if (n === 0) return { a, b, n, observed: null, kappa: null };
        const po = (counts[1] as number) / n;
        let pe = 0;
        for (const k of order)
          pe += ((counts[2 + k] as number) / n) * ((counts[5 + k] as number) / n);
        return { a, b, n, observed: po, kappa: pe === 1 ? null : (po - pe) / (1 - pe) };
      });
      // The counts, ordered by pair, direction, most subjects first (see `separatingClauses`).
      // The bucket orders by pair (positions of the ids), then direction (CR, PR, NR,
      // indeterminate under each); within one, most subjects first.
      for (const c of counts) if (c.ids) c.x.subjects = c.ids.size;
      const sorted = [...counts].sort(
        (p, q) =>
          p.bucket - q.bucket ||
          q.x.subjects - p.x.subjects ||
          q.x.assessments - p.x.assessments ||
          p.at - q.at ||
          (p.x.label < q.x.label ? -1 : p.x.label > q.x.label ? 1 : 0),
      );
      return { criteria: ids, rows, agreement, separatingClauses: sorted.map((c) => c.x) };
    },
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
  const records = data.length > 0 && data.every(isRecord);
  // Per definition, once: its options, compiled form (the category of every assessment) and
  // the plan of its clauses' truths (which clauses separate it from another definition).
  const compare = comparer(list, optsFor, records);
  if (records) {
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
        const input = visit
          ? { patient: r.patient, baseline: r.baseline, current: visit.labs }
          : undefined;
        rows.push(compare.row(input, r.id, tp));
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
    return Object.assign(compare.result(rows), { cohorts, invalid });
  }
  return compare.result(
    data.map((input, index) => {
      // Validated once, then classified under every definition.
      const parsed = safeParseResponseInput(input);
      if (!parsed.success) throw new InputError(parsed.error);
      return compare.row(parsed.data, String(index));
    }),
  );
}
