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
import { type TruthNode, type TruthPlan, truthPlan } from "../evaluate/clause-truths.js";
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
/** Categories as small integers (the tally's order): CR, PR, NR, indeterminate; 4 is `missing`. */
const CATEGORY_ORDER = ["CR", "PR", "NR", "indeterminate"];
const CODE: Readonly<Record<string, number>> = {
  CR: 0,
  PR: 1,
  NR: 2,
  indeterminate: 3,
  missing: 4,
};

/**
 * What a comparison needs of one definition under one choice of readings and options, kept with
 * its compiled form (so shared by every comparison that uses it): the resolved categories, the
 * plan of their per-node truths, and per node the label of its rule (filled when first needed).
 */
interface Shape {
  readonly categories: readonly {
    readonly name: string;
    readonly label: string;
    readonly expr: Expr;
  }[];
  readonly truths: TruthPlan;
  /** Per node, the category (index into `categories`) it belongs to. */
  readonly categoryOf: readonly number[];
  /** Per node: `${id}: ${rule}` (the tally's label), once known. */
  readonly labels: (string | undefined)[];
}

const shapes = new WeakMap<CompiledCriteria, Shape>();

function shapeOf(
  criteria: ResponseCriteria,
  compiled: CompiledCriteria,
  options: ClassifyOptions,
): Shape {
  let s = shapes.get(compiled);
  if (s) return s;
  const b = bindingsOf(criteria, compiled.interpretation);
  const categories = criteria.categories.map((c) => ({
    name: c.name,
    label: c.label,
    expr: resolveExpr(c.expr, b),
  }));
  const truths = truthPlan(categories, options);
  const categoryOf: number[] = [];
  truths.roots.forEach((r, k) => {
    const end = truths.roots[k + 1]?.root ?? truths.nodes.length;
    for (let i = r.root; i < end; i++) categoryOf[i] = k;
  });
  s = { categories, truths, categoryOf, labels: [] };
  shapes.set(compiled, s);
  return s;
}

/** The clauses of one definition's category that keep it from being met, for one assessment. */
interface Blockers {
  readonly sentences: readonly string[];
  /** Their keys in the tally (see {@link Tally.separator}). */
  readonly keys: readonly number[];
}

const NONE: Blockers = { sentences: [], keys: [] };
/** The references of a clause that holds none. */
const NO_REFS: ReadonlyMap<string, { truth: Truth; label: string }> = new Map();

/** A separator naming an indeterminate result's missing inputs. */
interface Missing {
  readonly key: number;
  readonly label: string;
}

/**
 * One definition in one comparison: its compiled form and shape, and what has been worked out
 * for the current assessment (its category, the truths of its nodes, its blockers), each kept
 * until the next assessment.
 */
class Slot {
  readonly id: string;
  readonly citation: string;
  readonly out: Uint8Array;
  /** Per node and truth (not met, unknown): its separator's key in the tally, once interned. */
  readonly keys: Int32Array;
  input: ResponseInput | undefined;
  category: CategoryOrIndeterminate | "missing" = "missing";
  code = 4;
  row = -1;
  private truthsRow = -1;
  private crRow = -1;
  private cr: Blockers = NONE;
  private prRow = -1;
  private pr: Blockers = NONE;
  private missingRow = -1;
  private missingSeparator: Missing = { key: -1, label: "" };
  private readonly missingOf = new Map<string, Missing>();

  constructor(
    readonly criteria: ResponseCriteria,
    readonly options: ClassifyOptions,
    readonly compiled: CompiledCriteria,
    readonly shape: Shape,
    private readonly tally: Tally,
  ) {
    this.id = criteria.id;
    this.citation = criteria.citation.short;
    this.out = new Uint8Array(shape.truths.nodes.length);
    this.keys = new Int32Array(shape.truths.nodes.length * 2).fill(-1);
  }

  /** Classify the next assessment (undefined: no visit at this time point). */
  set(input: ResponseInput | undefined, row: number): void {
    this.input = input;
    this.row = row;
    this.category = input ? this.compiled.category(input) : "missing";
    this.code = CODE[this.category] as number;
  }

  private truths(): Uint8Array {
    if (this.truthsRow !== this.row) {
      this.shape.truths.evaluate(this.input as ResponseInput, this.out);
      this.truthsRow = this.row;
    }
    return this.out;
  }

  /** The clauses of this definition's `category` (CR or PR) that keep it from being met. */
  blockers(category: "CR" | "PR"): Blockers {
    if (category === "CR") {
      if (this.crRow !== this.row) {
        this.cr = this.find(category);
        this.crRow = this.row;
      }
      return this.cr;
    }
    if (this.prRow !== this.row) {
      this.pr = this.find(category);
      this.prRow = this.row;
    }
    return this.pr;
  }

  private find(category: string): Blockers {
    const k = this.shape.truths.roots.findIndex((r) => r.name === category);
    const root = this.shape.truths.roots[k];
    if (!root) return NONE;
    const out = this.truths();
    const found: number[] = [];
    blocking(this.shape.truths.nodes, out, root.root, found);
    if (found.length === 0) return NONE;
    const sentences: string[] = [];
    const keys: number[] = [];
    for (const n of found) {
      const l = this.explain(n, k);
      sentences.push(this.tally.intern(`${this.id}: ${clauseSentence(l, this.citation)}`));
      const unknown = out[n] === 2;
      const slot = n * 2 + (unknown ? 1 : 0);
      let key = this.keys[slot] as number;
      if (key < 0) {
        let label = this.shape.labels[n];
        if (label === undefined) {
          label = `${this.id}: ${ruleOf(l)}`;
          this.shape.labels[n] = label;
        }
        key = this.tally.separator(this.id, l.id, unknown ? "unknown" : "not-met", label);
        this.keys[slot] = key;
      }
      keys.push(key);
    }
    return { sentences, keys };
  }

  /** The interpreter's result of node `n` (of category `k`), as in the explained tree. */
  private explain(n: number, k: number): ClauseResult {
    const node = this.shape.truths.nodes[n] as TruthNode;
    if (!node.refs)
      return evaluateExpr(node.expr, this.input as ResponseInput, NO_REFS, this.options);
    const refs = new Map<string, { truth: Truth; label: string }>();
    for (let j = 0; j < k; j++) {
      const c = this.shape.categories[j] as Shape["categories"][number];
      const root = (this.shape.truths.roots[j] as { root: number }).root;
      refs.set(c.name, { truth: TRUTH_NAME[this.out[root] as number] as Truth, label: c.label });
    }
    return evaluateExpr(node.expr, this.input as ResponseInput, refs, this.options);
  }

  /** For an indeterminate result: the separator naming its missing inputs. */
  missing(): Missing {
    if (this.missingRow !== this.row) {
      // As classifyResponse: the missing inputs of the unknown leaves reached through unknown
      // nodes only, in tree order, each once (decisiveMissing of every category's tree); only
      // those leaves are explained.
      const out = this.truths();
      const paths = new Set<string>();
      this.shape.truths.roots.forEach((r, k) => {
        this.unknownLeaves(r.root, k, out, paths);
      });
      const label = `${this.id}: missing ${[...paths].join(", ")}`;
      // One separator (and one string) per text: every row missing the same inputs shares it.
      let m = this.missingOf.get(label);
      if (!m) {
        m = { key: this.tally.separator(this.id, "missing", "unknown", label), label };
        this.missingOf.set(label, m);
      }
      this.missingSeparator = m;
      this.missingRow = this.row;
    }
    return this.missingSeparator;
  }

  /** The missing inputs of the unknown leaves under node `i` (of category `k`) through unknown nodes. */
  private unknownLeaves(i: number, k: number, out: Uint8Array, paths: Set<string>): void {
    if (out[i] !== 2) return;
    const node = this.shape.truths.nodes[i] as TruthNode;
    const op = node.expr.op;
    if (op === "ref") return; // a reference has no inputs of its own
    if (op === "compare" || op === "fact") {
      for (const p of this.explain(i, k).missing) paths.add(p);
      return;
    }
    for (const c of node.kids) this.unknownLeaves(c, k, out, paths);
  }
}

/**
 * The node numbers under `i` that keep it from being met: the children of an `all` that decide
 * it (not met, or unknown when none is not met), every child of an unmet `any`, the branch of an
 * `if` that applies (the condition too when it is unknown); a leaf, a `not` or a `ref` is named
 * as a whole. A clause that does not decide the result (the other branch of an `if`) is not a
 * blocker.
 */
function blocking(nodes: readonly TruthNode[], out: Uint8Array, i: number, found: number[]): void {
  const t = out[i];
  if (t === 1) return;
  const node = nodes[i] as TruthNode;
  const op = node.expr.op;
  const kids = node.kids;
  if (op === "all") {
    for (const k of kids) if (out[k] === t) blocking(nodes, out, k, found);
  } else if (op === "any") {
    for (const k of kids) blocking(nodes, out, k, found);
  } else if (op === "if") {
    const [cond, whenMet, whenNotMet] = kids as [number, number, number];
    const c = out[cond];
    if (c === 1) blocking(nodes, out, whenMet, found);
    else if (c === 0) blocking(nodes, out, whenNotMet, found);
    else {
      blocking(nodes, out, cond, found);
      blocking(nodes, out, whenMet, found);
      blocking(nodes, out, whenNotMet, found);
    }
  } else found.push(i);
}

/** One counted separating clause (see {@link SeparatingClauseCount}), while counting. */
interface Count {
  readonly a: string;
  readonly b: string;
  readonly categoryA: CategoryOrIndeterminate;
  readonly categoryB: CategoryOrIndeterminate;
  readonly criteria: string;
  readonly clause: string;
  readonly truth: "not-met" | "unknown";
  readonly label: string;
  /** Distinct subjects: a count (assessments, each its own subject) or the ids (records). */
  subjects: number;
  ids: Set<string> | undefined;
  lastSubject: string | undefined;
  assessments: number;
  /** The disagreement that last counted it (a clause counts once per disagreement). */
  lastDisagreement: number;
}

/**
 * The separating clauses counted per pair (by ids), direction and clause, in the order first
 * seen: `separatingClauses`.
 */
class Tally {
  private readonly separators = new Map<string, number>();
  private readonly info: {
    criteria: string;
    clause: string;
    truth: "not-met" | "unknown";
    label: string;
  }[] = [];
  /** Per bucket (pair of ids × category under each), the counts by separator key. */
  private readonly buckets: (Map<number, Count> | undefined)[] = [];
  private readonly counts: Count[] = [];
  private disagreement = 0;

  constructor(private readonly records: boolean) {}

  /** The key of one separating clause (its definition, clause id, truth and label). */
  separator(criteria: string, clause: string, truth: "not-met" | "unknown", label: string): number {
    // Ids, clause ids and truths never hold a NUL; the label comes last.
    const text = `${criteria}\u0000${clause}\u0000${truth}\u0000${label}`;
    let key = this.separators.get(text);
    if (key === undefined) {
      key = this.info.length;
      this.info.push({ criteria, clause, truth, label });
      this.separators.set(text, key);
    }
    return key;
  }

  private readonly texts = new Map<string, string>();

  /**
   * One string per text: the same sentence in many rows is kept once (a cohort repeats values,
   * and each repeated copy would be kept by the result). At most 2^20 texts are remembered.
   */
  intern(text: string): string {
    const t = this.texts.get(text);
    if (t !== undefined) return t;
    if (this.texts.size < 1_048_576) this.texts.set(text, text);
    return text;
  }

  /** Start counting a new disagreement. */
  next(): void {
    this.disagreement++;
  }

  /** Count separator `key` for the current disagreement of subject `id`. */
  add(bucket: number, a: Slot, b: Slot, key: number, id: string): void {
    let m = this.buckets[bucket];
    if (!m) {
      m = new Map();
      this.buckets[bucket] = m;
    }
    let c = m.get(key);
    if (!c) {
      const s = this.info[key] as Tally["info"][number];
      c = {
        a: a.id,
        b: b.id,
        categoryA: a.category as CategoryOrIndeterminate,
        categoryB: b.category as CategoryOrIndeterminate,
        criteria: s.criteria,
        clause: s.clause,
        truth: s.truth,
        label: s.label,
        subjects: 0,
        ids: this.records ? new Set() : undefined,
        lastSubject: undefined,
        assessments: 0,
        lastDisagreement: -1,
      };
      m.set(key, c);
      this.counts.push(c);
    }
    if (c.lastDisagreement === this.disagreement) return; // one clause once per disagreement
    c.lastDisagreement = this.disagreement;
    c.assessments++;
    if (c.lastSubject !== id) {
      c.lastSubject = id;
      if (c.ids) c.ids.add(id);
      else c.subjects++;
    }
  }

  /** The counts, ordered by pair, direction, most subjects first (see `separatingClauses`). */
  result(ids: readonly string[]): SeparatingClauseCount[] {
    const out: SeparatingClauseCount[] = this.counts.map((c) => ({
      a: c.a,
      b: c.b,
      categoryA: c.categoryA,
      categoryB: c.categoryB,
      criteria: c.criteria,
      clause: c.clause,
      truth: c.truth,
      label: c.label,
      subjects: c.ids ? c.ids.size : c.subjects,
      assessments: c.assessments,
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
    const ranks = new Map(out.map((x) => [x, rank(x)]));
    return out.sort((x, y) => {
      const p = ranks.get(x) as number[];
      const q = ranks.get(y) as number[];
      for (let i = 0; i < p.length; i++) {
        const d = (p[i] as number) - (q[i] as number);
        if (d !== 0) return d;
      }
      return x.label < y.label ? -1 : x.label > y.label ? 1 : 0;
    });
  }
}

/**
 * Cohen's kappa of each pair, counted as the rows come (the same sums in the same order as
 * {@link cohensKappa} over the pairs of categories both definitions decided).
 */
class Kappas {
  /** Per pair: n, same, then the counts of CR, PR, NR under a and under b. */
  private readonly counts: Float64Array;
  /** Per pair: the categories under a in the order first seen (kappa's chance sum follows it). */
  private readonly order: number[][];
  private readonly pairs: { a: string; b: string; x: number; y: number }[] = [];

  constructor(ids: readonly string[]) {
    // A definition listed twice: the row's categories hold the last one.
    const last = ids.map((id) => ids.lastIndexOf(id));
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        this.pairs.push({
          a: ids[i] as string,
          b: ids[j] as string,
          x: last[i] as number,
          y: last[j] as number,
        });
      }
    }
    this.counts = new Float64Array(this.pairs.length * 8);
    this.order = this.pairs.map(() => []);
  }

  add(slots: readonly Slot[]): void {
    const counts = this.counts;
    for (let p = 0; p < this.pairs.length; p++) {
      const pair = this.pairs[p] as Kappas["pairs"][number];
      const x = (slots[pair.x] as Slot).code;
      const y = (slots[pair.y] as Slot).code;
      if (x > 2 || y > 2) continue;
      const at = p * 8;
      counts[at] = (counts[at] as number) + 1;
      if (x === y) counts[at + 1] = (counts[at + 1] as number) + 1;
      if (counts[at + 2 + x] === 0) (this.order[p] as number[]).push(x);
      counts[at + 2 + x] = (counts[at + 2 + x] as number) + 1;
      counts[at + 5 + y] = (counts[at + 5 + y] as number) + 1;
    }
  }

  result(): Agreement[] {
    return this.pairs.map(({ a, b }, p) => {
      const at = p * 8;
      const n = this.counts[at] as number;
      if (n === 0) return { a, b, n, observed: null, kappa: null };
      const po = (this.counts[at + 1] as number) / n;
      let pe = 0;
      for (const k of this.order[p] as number[]) {
        pe += ((this.counts[at + 2 + k] as number) / n) * ((this.counts[at + 5 + k] as number) / n);
      }
      return { a, b, n, observed: po, kappa: pe === 1 ? null : (po - pe) / (1 - pe) };
    });
  }
}

/**
 * The disagreements of one row: every pair of definitions (in the order compared) whose
 * categories differ, with the sentences of the clauses that separate them, each counted.
 */
function disagreements(
  slots: readonly Slot[],
  buckets: Int32Array,
  tally: Tally,
  subject: string,
): Disagreement[] {
  const out: Disagreement[] = [];
  const n = slots.length;
  for (let i = 0; i < n; i++) {
    const a = slots[i] as Slot;
    for (let j = i + 1; j < n; j++) {
      const b = slots[j] as Slot;
      if (a.code === b.code) continue;
      tally.next();
      const bucket = (buckets[i * n + j] as number) * 16 + a.code * 4 + b.code;
      // For the category under each: the other definition's clauses that keep it from it.
      const x = a.code < 2 ? b.blockers(a.category as "CR" | "PR") : NONE;
      const y = b.code < 2 ? a.blockers(b.category as "CR" | "PR") : NONE;
      let separating: string[];
      if (x.keys.length + y.keys.length > 0) {
        separating = x.sentences.concat(y.sentences);
        for (const k of x.keys) tally.add(bucket, a, b, k, subject);
        for (const k of y.keys) tally.add(bucket, a, b, k, subject);
      } else {
        // Nothing separates but missing inputs: name them (an array of its own size).
        const ma = a.code === 3 ? a.missing() : undefined;
        const mb = b.code === 3 ? b.missing() : undefined;
        if (ma && mb) {
          separating = [ma.label, mb.label];
          tally.add(bucket, a, b, ma.key, subject);
          tally.add(bucket, a, b, mb.key, subject);
        } else if (ma || mb) {
          const m = (ma ?? mb) as Missing;
          separating = [m.label];
          tally.add(bucket, a, b, m.key, subject);
        } else separating = [];
      }
      out.push({
        a: a.id,
        b: b.id,
        categoryA: a.category,
        categoryB: b.category,
        separating,
      });
    }
  }
  return out;
}

/** The row's categories, by id in the order compared. */
function categoriesOf(slots: readonly Slot[]): Record<string, CategoryOrIndeterminate | "missing"> {
  const out: Record<string, CategoryOrIndeterminate | "missing"> = {};
  for (const s of slots) out[s.id] = s.category;
  return out;
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
  const tally = new Tally(records);
  const slots = list.map((c) => {
    const o = optsFor(c);
    const compiled = compileCached(c, o);
    return new Slot(c, o, compiled, shapeOf(c, compiled, o), tally);
  });
  // Each pair of definitions' bucket in the tally: pairs are told apart by their ids.
  const n = list.length;
  const buckets = new Int32Array(n * n);
  const pairIndex = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const key = `${ids[i]}\u0000${ids[j]}`;
      let p = pairIndex.get(key);
      if (p === undefined) {
        p = pairIndex.size;
        pairIndex.set(key, p);
      }
      buckets[i * n + j] = p;
    }
  }
  const kappas = new Kappas(ids);
  let row = 0;
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
    const timepoints = options.timepoints as readonly Timepoint[];
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
        for (const s of slots) s.set(input, row);
        row++;
        kappas.add(slots);
        rows.push({
          id: r.id,
          timepoint: tp.label,
          categories: categoriesOf(slots),
          disagreements: disagreements(slots, buckets, tally, r.id),
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
    return {
      criteria: ids,
      rows,
      agreement: kappas.result(),
      separatingClauses: tally.result(ids),
      cohorts,
      invalid,
    };
  }
  const rows: ComparisonRow[] = data.map((input, index) => {
    // Validated once, then classified under every definition.
    const parsed = safeParseResponseInput(input);
    if (!parsed.success) throw new InputError(parsed.error);
    for (const s of slots) s.set(parsed.data, row);
    row++;
    kappas.add(slots);
    const id = String(index);
    return {
      id,
      categories: categoriesOf(slots),
      disagreements: disagreements(slots, buckets, tally, id),
    };
  });
  return {
    criteria: ids,
    rows,
    agreement: kappas.result(),
    separatingClauses: tally.result(ids),
  };
}
