/**
 * The rows path: what one output row of a classification needs (category, possible
 * categories, robustness, missing inputs, end points, warnings, assumptions, notes and a
 * one-line reason) from the compiled form, without the explanation tree, identical to
 * {@link classifyValidated} followed by {@link reasonOf}.
 *
 * How each column is had without the tree:
 * - category and end points: the compiled function of the chosen readings; robustness and
 *   `sensitiveTo`: the compiled category of every other reading (as `classifyValidated`);
 * - possible categories of an indeterminate result: the compiled closure of each category;
 *   its missing inputs: the unknown leaves reached through unknown nodes (as `decisiveMissing`),
 *   found with the closures of every node, each explained alone;
 * - warnings: `plausibilityWarnings`;
 * - assumptions and notes: a pure function of the profile of the input: the units, presence,
 *   zeros and censors of the quantities the clauses read, the presence and zeros of the counts
 *   and doses a change reads, the sex and whether the laboratory's creatinine limit is given
 *   (`profileOf`). They are taken from the explained path on a profile's first row and reused;
 *   a profile whose notes hold a value (a substitution under `allowProteinuriaSubstitution`) is
 *   never reused, and at most 4,096 profiles are kept;
 * - the reason: the clause it names, found with the compiled closures of the category's nodes,
 *   is the only clause the interpreter explains (the gap of an NR result: the gaps' closures).
 *   Its sentence is made for every row: sentences kept by the values their clause reads cost
 *   the CLI more in garbage collection than they saved (tried on `npm run bench:cli`'s file:
 *   200,000 rows, about 80k → 65k rows per CPU-second).
 *
 * A row of a new profile (or of none: a value so small or large that a conversion could reach 0
 * or overflow) takes the explained path. `test/api/rows.test.ts` (shipped definitions under
 * every reading, random definitions) and `test/cli/rows-differential.test.ts` (the CLI's bytes)
 * compare every column with the explained path.
 *
 * @module
 */

import { type TruthNode, truthNodes } from "../evaluate/clause-truths.js";
import { type CompiledCriteria, clauseTruth, compileCached } from "../evaluate/compile.js";
import {
  type ClauseResult,
  type EvaluationOptions,
  type EvaluationSubject,
  evaluateExpr,
  type Notice,
} from "../evaluate/interpret.js";
import { type Expr, exprChildren } from "../ir/expr.js";
import type { Truth } from "../ir/kleene.js";
import { perObject, readingsKey } from "../ir/memo.js";
import { bindingsOf, fullInterpretation, otherInterpretations } from "../ir/readings.js";
import { resolveExpr } from "../ir/resolve.js";
import { criteriaOf } from "../ir/schema.js";
import type { CategoryOrIndeterminate, ResponseCategory, ResponseCriteria } from "../ir/types.js";
import type { ResponseInput } from "../model/assessment.js";
import { plausibilityWarnings } from "../model/plausibility.js";
import type { Quantity } from "../units/schema.js";
import { type ClassifyOptions, classifyValidated, type ResponseResult } from "./classify.js";
import { clauseSentence } from "./render.js";

/**
 * The leaf clause that decides a node's truth: the first child with the
 * node's truth under `all` / `any`, the branch taken under `if`.
 *
 * @param node - a clause result.
 * @returns the leaf (or the node itself when no child has its truth).
 * @example
 * ```ts
 * import { classifyResponse, criteria } from 'lupus-renal-criteria';
 * import { decisiveLeaf } from './rows.js';
 * const r = classifyResponse(criteria.zhang2023, {});
 * decisiveLeaf(r.explanation.categories[0]!.result).truth; // 'unknown'
 * ```
 * @internal Not part of the public API (used by the CLI and its tests).
 */
export function decisiveLeaf(node: ClauseResult): ClauseResult {
  const kids = node.children;
  if (!kids || kids.length === 0 || node.op === "ref") return node;
  const want: Truth = node.truth;
  if (node.op === "if") {
    const [cond, then, otherwise] = kids;
    const branch = cond?.truth === "met" ? then : cond?.truth === "not-met" ? otherwise : undefined;
    if (branch) return decisiveLeaf(branch);
  }
  if (node.op === "not") {
    const [child] = kids;
    return child ? decisiveLeaf(child) : node;
  }
  const hit = kids.find((k) => k.truth === want);
  return hit ? decisiveLeaf(hit) : node;
}

/**
 * The met leaf clauses under a met node, in order (the branch taken under `if`).
 *
 * @param node - a clause result.
 * @returns the met leaves (none when the node is not met).
 * @example
 * ```ts
 * import { classifyResponse, criteria } from 'lupus-renal-criteria';
 * import { metLeaves } from './rows.js';
 * const r = classifyResponse(criteria.zhang2023, {});
 * metLeaves(r.explanation.categories[0]!.result); // [] (CR is not met)
 * ```
 * @internal Not part of the public API (used by the CLI and its tests).
 */
export function metLeaves(node: ClauseResult): ClauseResult[] {
  if (node.truth !== "met") return [];
  const kids = node.children;
  if (!kids || kids.length === 0 || node.op === "ref" || node.op === "not") return [node];
  if (node.op === "if") {
    const [cond, then, otherwise] = kids;
    const branch = cond?.truth === "met" ? then : cond?.truth === "not-met" ? otherwise : undefined;
    if (branch) return metLeaves(branch);
  }
  return kids.flatMap(metLeaves);
}

/**
 * A missing input in words: a proteinuria of the other measurement (a UPCR where
 * the definition needs a 24-h protein, or the reverse) is said as such.
 */
function missingWhy(notices: readonly Notice[], path: string): string {
  const note = notices.find((n) => n.kind === "other-measure" && n.path === path);
  if (note === undefined) return path;
  const given = note.text.includes(" is a spot UPCR ") ? "UPCR" : "24-h protein";
  const needed = given === "UPCR" ? "24-h protein" : "UPCR";
  return `${path} (${given} given, ${needed} required: --allow-proteinuria-substitution uses it)`;
}

/**
 * A one-line reason for a result: for an indeterminate result, what is missing;
 * in a gap of the source's text, the gap; for the first category (CR), its
 * proteinuria clause (else its first clause); for a later category or NR, the first failed clause of the
 * category just above it ("not CR: …", "not PR: …"). Sentences are those of
 * `renderExplanation`.
 *
 * @param r - a classification result.
 * @returns the reason.
 * @example
 * ```ts
 * import { classifyResponse, criteria } from 'lupus-renal-criteria';
 * import { reasonOf } from './rows.js';
 * reasonOf(classifyResponse(criteria.zhang2023, {})); // 'possible CR or PR or NR; missing …'
 * ```
 * @internal Not part of the public API (used by the CLI and its tests).
 */
export function reasonOf(r: ResponseResult): string {
  if (r.category === "indeterminate") {
    return undecidedReason(r.possibleCategories, r.missing, r.notices);
  }
  const [gap] = r.gaps;
  if (gap) return gapReason(gap);
  const cats = r.explanation.categories;
  const at = cats.findIndex((c) => c.result.truth === "met");
  const cite = r.criteria.citation;
  const first = cats[0];
  if (at === 0 && first) {
    // Every clause of the first category is met; name the proteinuria clause when there is one.
    const leaves = metLeaves(first.result);
    const up = leaves.find((l) => l.observed?.inputs.some((i) => readsCurrentProteinuria(i.path)));
    return `${first.name}: ${clauseSentence(up ?? leaves[0] ?? first.result, cite)}`;
  }
  const above = at === -1 ? cats[cats.length - 1] : cats[at - 1];
  if (!above) return "";
  return `not ${above.name}: ${clauseSentence(decisiveLeaf(above.result), cite)}`;
}

/** The reason of an indeterminate result: what is still possible and what is missing. */
const undecidedReason = (
  possible: readonly ResponseCategory[],
  missing: readonly string[],
  notices: readonly Notice[],
) =>
  `possible ${possible.join(" or ")}; missing ${missing.map((p) => missingWhy(notices, p)).join(", ") || "inputs"}`;

const gapReason = (g: { readonly id: string; readonly description: string }) =>
  `gap in the source's text (${g.id}): ${g.description}`;

const readsCurrentProteinuria = (path: string) => path.startsWith("current.proteinuria");

/**
 * The columns of one output row of a classification.
 *
 * @example
 * ```ts
 * import type { RowResult } from './rows.js';
 * const r: RowResult = {
 *   category: 'PR', possibleCategories: ['PR'], robust: true, sensitiveTo: [], missing: [],
 *   endpoints: { OR: 'met' }, warnings: [], assumptions: [], notes: [],
 *   reason: 'not CR: 24-h urine protein 0.6 g/24h is not below 0.5 g/24h: not met (Zhang 2023, §2.4 Response criteria).',
 * };
 * ```
 * @internal Not part of the public API (used by the CLI and its tests).
 */
export interface RowResult {
  readonly category: CategoryOrIndeterminate;
  readonly possibleCategories: readonly ResponseCategory[];
  readonly robust: boolean;
  readonly sensitiveTo: readonly string[];
  readonly missing: readonly string[];
  readonly endpoints: Readonly<Record<string, Truth>>;
  readonly warnings: readonly string[];
  readonly assumptions: readonly string[];
  readonly notes: readonly string[];
  /** {@link reasonOf} of the result. */
  readonly reason: string;
}

/**
 * Classifies one validated assessment into the columns of its output row; `counts` says how
 * many rows took the compiled path and how many the explained one (for the tests).
 *
 * @example
 * ```ts
 * import { criteria } from 'lupus-renal-criteria';
 * import { rowClassifier, type RowClassifier } from './rows.js';
 * const f: RowClassifier = rowClassifier(criteria.zhang2023);
 * f({}).category; // 'indeterminate'
 * f.counts.explained; // 1 (an indeterminate result is explained)
 * ```
 * @internal Not part of the public API (used by the CLI and its tests).
 */
export type RowClassifier = ((input: ResponseInput) => RowResult) & {
  readonly counts: { readonly compiled: number; readonly explained: number };
};

/** Truth as the compiled form's small integer: 0 not met, 1 met, 2 unknown. */
type T = 0 | 1 | 2;
type Fn = (s: EvaluationSubject) => T;

/** A clause-tree node with the compiled closure of its truth. */
interface Node {
  readonly expr: Expr;
  readonly truth: Fn;
  /** The children of `all`, `any`, `not` and `if` (in the interpreter's order); absent for a leaf. */
  readonly kids: readonly Node[] | undefined;
  /** A comparison whose observed inputs can include the current proteinuria. */
  readonly proteinuria: boolean;
}

interface CategoryNode {
  readonly name: ResponseCategory;
  readonly label: string;
  readonly node: Node;
}

/** The assumptions and notes of one profile of inputs (frozen; shared by every row of it). */
interface Extras {
  readonly assumptions: readonly string[];
  readonly notes: readonly string[];
  /** The notes with their kind and path (an indeterminate result's reason reads them). */
  readonly notices: readonly Notice[];
}

/** At most this many profiles are kept per classifier (rows of other profiles take the explained path). */
const MAX_PROFILES = 4096;
const NONE: readonly string[] = Object.freeze([]);
const ONLY: Readonly<Record<ResponseCategory, readonly ResponseCategory[]>> = Object.freeze({
  CR: Object.freeze(["CR" as const]),
  PR: Object.freeze(["PR" as const]),
  NR: Object.freeze(["NR" as const]),
});

/** A field of the profile: a quantity, or a plain number (a sediment count, a dose). */
type Get = (s: ResponseInput) => Quantity | number | undefined;
const GET: Readonly<Record<string, Get>> = {
  "baseline.proteinuria": (s) => s.baseline?.proteinuria,
  "baseline.serumCreatinine": (s) => s.baseline?.serumCreatinine,
  "baseline.serumAlbumin": (s) => s.baseline?.serumAlbumin,
  "baseline.egfr": (s) => s.baseline?.egfr,
  "current.proteinuria": (s) => s.current?.proteinuria,
  "current.serumCreatinine": (s) => s.current?.serumCreatinine,
  "current.serumAlbumin": (s) => s.current?.serumAlbumin,
  "current.egfr": (s) => s.current?.egfr,
  "baseline.urineRbc": (s) => s.baseline?.urineSediment?.rbcPerHpf,
  "baseline.urineWbc": (s) => s.baseline?.urineSediment?.wbcPerHpf,
  "baseline.urineAcanthocytes": (s) => s.baseline?.urineSediment?.acanthocytesPerHpf,
  "baseline.prednisone": (s) => s.baseline?.prednisoneMgPerDay,
  "current.urineRbc": (s) => s.current?.urineSediment?.rbcPerHpf,
  "current.urineWbc": (s) => s.current?.urineSediment?.wbcPerHpf,
  "current.urineAcanthocytes": (s) => s.current?.urineSediment?.acanthocytesPerHpf,
  "current.prednisone": (s) => s.current?.prednisoneMgPerDay,
};

/** The quantity field a measure reads (sediment counts and doses: none, they carry no unit). */
function fieldOf(measure: string): string | undefined {
  switch (measure) {
    case "proteinuria24h":
    case "upcr":
      return "proteinuria";
    case "serumCreatinine":
    case "serumAlbumin":
    case "egfr":
      return measure;
    default:
      return undefined;
  }
}

/**
 * What decides the assumptions and notes of a classification, from its resolved trees: the
 * quantity fields its comparisons read (their units, whether they are there, 0 or censored), the
 * counts and doses a change reads (a change relative to a baseline of 0 is a note), and whether
 * a creatinine-limit fact reads the sex.
 */
function profileOf(exprs: readonly Expr[]): { gets: Get[]; sex: boolean } {
  const paths = new Set<string>();
  let sex = false;
  const walk = (e: Expr): void => {
    switch (e.op) {
      case "compare": {
        const f = fieldOf(e.left.measure);
        if (f === undefined) {
          // A count or a dose has one unit and no censor: only a change can make a note.
          if (e.left.kind !== "value") {
            paths.add(`baseline.${e.left.measure}`);
            paths.add(`current.${e.left.measure}`);
          }
          return;
        }
        if (e.left.kind === "value") paths.add(`${e.left.at}.${f}`);
        else {
          paths.add(`baseline.${f}`);
          paths.add(`current.${f}`);
        }
        return;
      }
      case "fact":
        if (e.fact === "serumCreatinineNormal") sex = true;
        return;
      default:
        for (const x of exprChildren(e)) walk(x);
        return;
    }
  };
  for (const e of exprs) walk(e);
  return { gets: [...paths].sort().map((p) => GET[p] as Get), sex };
}

/**
 * The profile of an input as a string: per quantity read, its unit, whether it is 0 and its
 * censor; the sex and whether the creatinine limit is given. Undefined for a value so small or
 * large that a unit conversion could take it to 0 or past the largest number (those rows take the
 * explained path).
 */
function keyOf(gets: readonly Get[], sex: boolean, s: ResponseInput): string | undefined {
  let key = "";
  for (let i = 0; i < gets.length; i++) {
    const q = (gets[i] as Get)(s);
    if (q === undefined) {
      key += "\u0000";
      continue;
    }
    const flag = flagOf(q);
    if (flag === OUT_OF_RANGE) return undefined;
    key += `${unitOf(q)}\u0001${flag}\u0000`;
  }
  if (sex) key += sexOf(s);
  return key;
}

/** No profile: a value a unit conversion could take to 0 or past the largest number. */
const OUT_OF_RANGE = -2;
const CENSOR_CODE: Readonly<Record<string, number>> = { "<": 2, "<=": 4, ">": 6, ">=": 8 };

/** A field's part of the profile besides its unit: 1 when 0, plus its censor's code. */
function flagOf(q: Quantity | number): number {
  const v = typeof q === "number" ? q : q.value;
  if (v !== 0 && !(v >= 1e-200 && v <= 1e200)) return OUT_OF_RANGE;
  if (typeof q === "number") return v === 0 ? 1 : 0;
  return (v === 0 ? 1 : 0) + (q.censor === undefined ? 0 : (CENSOR_CODE[q.censor] ?? 10));
}

/** A field's unit (a count or a dose has none of its own). */
const unitOf = (q: Quantity | number): string => (typeof q === "number" ? "" : q.unit);

/** The sex and whether the laboratory's creatinine limit is given (what the creatinine-limit fact assumes). */
function sexOf(s: ResponseInput): string {
  const sex = s.patient?.sex ?? "-";
  return s.current?.serumCreatinineUpperLimit === undefined ? sex : `${sex}U`;
}

/**
 * The categories' clause trees as linked nodes: {@link truthNodes}' numbered nodes (their compiled
 * truths), each with its children and whether it is a comparison that can read the current
 * proteinuria (what the reason of the first category prefers to name).
 */
function treesOf(
  categories: readonly { readonly name: string; readonly expr: Expr }[],
  options: EvaluationOptions,
): Node[] {
  const { nodes, roots } = truthNodes(categories, options);
  const linked: Node[] = new Array<Node>(nodes.length);
  // A node's children come after it in tree order: link from the last node back.
  for (let i = nodes.length - 1; i >= 0; i--) {
    const { expr: e, truth, kids } = nodes[i] as TruthNode;
    linked[i] = {
      expr: e,
      truth,
      kids:
        e.op === "all" || e.op === "any" || e.op === "not" || e.op === "if"
          ? kids.map((k) => linked[k] as Node)
          : undefined,
      proteinuria:
        e.op === "compare" &&
        fieldOf(e.left.measure) === "proteinuria" &&
        (e.left.kind !== "value" || e.left.at === "current"),
    };
  }
  return roots.map((r) => linked[r.root] as Node);
}

/** {@link decisiveLeaf} on the compiled closures: the node whose clause the reason names. */
function decisiveNode(n: Node, t: T, s: EvaluationSubject): Node {
  const kids = n.kids;
  if (kids === undefined || kids.length === 0) return n;
  if (n.expr.op === "if") {
    const c = (kids[0] as Node).truth(s);
    const branch = c === 1 ? kids[1] : c === 0 ? kids[2] : undefined;
    if (branch) return decisiveNode(branch, branch.truth(s), s);
  }
  if (n.expr.op === "not") {
    const k = kids[0] as Node;
    return decisiveNode(k, k.truth(s), s);
  }
  for (let i = 0; i < kids.length; i++) {
    const k = kids[i] as Node;
    if (k.truth(s) === t) return decisiveNode(k, t, s);
  }
  return n;
}

/** {@link metLeaves} on the compiled closures. */
function metNodes(n: Node, t: T, s: EvaluationSubject, out: Node[]): void {
  if (t !== 1) return;
  const kids = n.kids;
  if (kids === undefined || kids.length === 0 || n.expr.op === "not") {
    out.push(n);
    return;
  }
  if (n.expr.op === "if") {
    const c = (kids[0] as Node).truth(s);
    const branch = c === 1 ? kids[1] : c === 0 ? kids[2] : undefined;
    if (branch) {
      metNodes(branch, branch.truth(s), s, out);
      return;
    }
  }
  for (let i = 0; i < kids.length; i++) {
    const k = kids[i] as Node;
    metNodes(k, k.truth(s), s, out);
  }
}

const cache = perObject<ResponseCriteria, RowClassifier>();

/**
 * The row classifier of a criteria object under a choice of readings and substitution
 * (cached per object and options): the columns of {@link classifyValidated} + {@link reasonOf},
 * computed from the compiled form where that is proven identical, by the explained path
 * otherwise (see the module's documentation).
 *
 * @param criteria - a response criteria object.
 * @param options - readings and `allowProteinuriaSubstitution` (as for `classifyValidated`).
 * @returns the classifier of validated assessments.
 * @throws {@link CriteriaError} for an invalid criteria object; `RangeError` for an unknown
 *   interpretation parameter or reading.
 * @example
 * ```ts
 * import { criteria, ResponseInputSchema } from 'lupus-renal-criteria';
 * import { rowClassifier } from './rows.js';
 * const row = rowClassifier(criteria.zhang2023)(ResponseInputSchema.parse({
 *   baseline: { proteinuria: { value: 4, unit: 'g/24h' }, serumCreatinine: { value: 60, unit: 'umol/L' } },
 *   current: { proteinuria: { value: 0.3, unit: 'g/24h' }, serumCreatinine: { value: 62, unit: 'umol/L' } },
 * }));
 * row.category; // 'CR'
 * ```
 * @internal Not part of the public API (used by the CLI and its tests).
 */
export function rowClassifier(
  criteria: ResponseCriteria,
  options: ClassifyOptions = {},
): RowClassifier {
  criteriaOf(criteria, "response");
  const substitution = options.allowProteinuriaSubstitution === true;
  const chosen = fullInterpretation(criteria, options.interpretation);
  return cache(criteria, readingsKey(chosen, substitution), () =>
    build(criteria, chosen, substitution),
  );
}

function build(
  criteria: ResponseCriteria,
  chosen: Readonly<Record<string, string>>,
  substitution: boolean,
): RowClassifier {
  const evalOptions: EvaluationOptions = substitution ? { allowProteinuriaSubstitution: true } : {};
  const options: ClassifyOptions = { ...evalOptions, interpretation: chosen };
  const main: CompiledCriteria = compileCached(criteria, options);
  // Every other combination of readings, in the order of `classifyValidated`'s alternatives.
  const others = otherInterpretations(criteria, chosen).map((a) => {
    const changed = Object.keys(a.changed);
    return {
      category: compileCached(criteria, { ...evalOptions, interpretation: a.interpretation })
        .category,
      single: changed.length === 1 ? changed[0] : undefined,
    };
  });

  const b = bindingsOf(criteria, chosen);
  const resolved: Expr[] = criteria.categories.map((c) => resolveExpr(c.expr, b));
  const trees = treesOf(
    criteria.categories.map((c, i) => ({ name: c.name, expr: resolved[i] as Expr })),
    evalOptions,
  );
  const categories: CategoryNode[] = criteria.categories.map((c, i) => ({
    name: c.name,
    label: c.label,
    node: trees[i] as Node,
  }));
  const refs = new Map<string, Fn>(categories.map((c) => [c.name, c.node.truth]));
  for (const e of criteria.endpoints) {
    const expr = resolveExpr(e.expr, b);
    resolved.push(expr);
    refs.set(e.name, clauseTruth(expr, refs, evalOptions));
  }
  const gaps = criteria.gaps.map((g) => ({
    id: g.id,
    description: g.description,
    truth: clauseTruth(resolveExpr(g.when, b), refs, evalOptions),
  }));
  const index = new Map<string, number>(categories.map((c, i) => [c.name, i]));
  /** The interpreter's refs before category i: every earlier one is not met in a decided result. */
  const refsBefore = categories.map(
    (_, i) =>
      new Map<string, { truth: Truth; label: string }>(
        categories.slice(0, i).map((c) => [c.name, { truth: "not-met", label: c.label }]),
      ),
  );
  const cite = criteria.citation.short;
  const explain = (e: Expr, i: number, s: ResponseInput): ClauseResult =>
    evaluateExpr(e, s, refsBefore[i], evalOptions);

  const profile = profileOf(resolved);
  const profiles = new Map<string, Extras | null>();
  // The last profile found, field by field: most rows of a file repeat it, and comparing the
  // fields costs less than building the key and looking it up.
  const gets = profile.gets;
  const lastUnit: (string | undefined)[] = gets.map(() => undefined);
  const lastFlag: number[] = gets.map(() => -1);
  let lastSex = "";
  let last: Extras | undefined;
  /** The extras of the row's profile when it is the last one found. */
  const sameAsLast = (s: ResponseInput): Extras | undefined => {
    if (last === undefined) return undefined;
    for (let i = 0; i < gets.length; i++) {
      const q = (gets[i] as Get)(s);
      if (q === undefined) {
        if (lastFlag[i] !== -1) return undefined;
        continue;
      }
      if (unitOf(q) !== lastUnit[i] || flagOf(q) !== lastFlag[i]) return undefined;
    }
    if (profile.sex && sexOf(s) !== lastSex) return undefined;
    return last;
  };
  const remember = (s: ResponseInput, extras: Extras): void => {
    for (let i = 0; i < gets.length; i++) {
      const q = (gets[i] as Get)(s);
      lastUnit[i] = q === undefined ? undefined : unitOf(q);
      lastFlag[i] = q === undefined ? -1 : flagOf(q);
    }
    lastSex = profile.sex ? sexOf(s) : "";
    last = extras;
  };

  const counts = { compiled: 0, explained: 0 };
  /** The explained path (and what it says about the row's profile). */
  const explained = (s: ResponseInput, key: string | undefined): RowResult => {
    counts.explained++;
    const r = classifyValidated(criteria, s, options);
    if (key !== undefined && profiles.size < MAX_PROFILES && !profiles.has(key)) {
      profiles.set(
        key,
        r.notices.some((n) => n.kind === "substitution")
          ? null
          : {
              assumptions: Object.freeze(r.assumptions),
              notes: Object.freeze(r.notes),
              notices: Object.freeze(r.notices),
            },
      );
    }
    return {
      category: r.category,
      possibleCategories: r.possibleCategories,
      robust: r.robust,
      sensitiveTo: r.sensitiveTo,
      missing: r.missing,
      endpoints: r.endpoints,
      warnings: r.warnings,
      assumptions: r.assumptions,
      notes: r.notes,
      reason: reasonOf(r),
    };
  };

  /** The categories still possible (as `classifyValidated`: see `possible` there). */
  const possibleOf = (s: ResponseInput): ResponseCategory[] => {
    const out: ResponseCategory[] = [];
    let met = false;
    for (let i = 0; i < categories.length; i++) {
      const c = categories[i] as CategoryNode;
      const t = c.node.truth(s);
      if (t !== 0) out.push(c.name);
      if (t === 1) {
        met = true;
        break;
      }
    }
    if (!met) out.push("NR");
    return out;
  };
  /**
   * What is missing to decide (`decisiveMissing` of every category): the missing inputs of the
   * unknown leaves reached through unknown nodes, in tree order, each once; only those leaves
   * are explained.
   */
  const missingOf = (s: ResponseInput): string[] => {
    const out = new Set<string>();
    const walk = (n: Node, i: number): void => {
      const kids = n.kids;
      if (kids === undefined) {
        // A reference's result has no missing inputs of its own.
        if (n.expr.op === "ref") return;
        for (const p of explain(n.expr, i, s).missing) out.add(p);
        return;
      }
      for (let k = 0; k < kids.length; k++) {
        const kid = kids[k] as Node;
        if (kid.truth(s) === 2) walk(kid, i);
      }
    };
    for (let i = 0; i < categories.length; i++) {
      const c = categories[i] as CategoryNode;
      if (c.node.truth(s) === 2) walk(c.node, i);
    }
    return [...out];
  };

  /** The reason of a decided category (see {@link reasonOf}). */
  const reason = (category: ResponseCategory, s: ResponseInput): string => {
    if (category === "NR") {
      for (let i = 0; i < gaps.length; i++) {
        const g = gaps[i] as (typeof gaps)[number];
        if (g.truth(s) === 1) return gapReason(g);
      }
    }
    const at = category === "NR" ? -1 : (index.get(category) ?? -1);
    if (at === 0) {
      const first = categories[0] as CategoryNode;
      const leaves: Node[] = [];
      metNodes(first.node, 1, s, leaves);
      for (const l of leaves) {
        if (!l.proteinuria) continue;
        const r = explain(l.expr, 0, s);
        if (r.observed?.inputs.some((x) => readsCurrentProteinuria(x.path))) {
          return `${first.name}: ${clauseSentence(r, cite)}`;
        }
      }
      const named = leaves[0] ?? first.node;
      return `${first.name}: ${clauseSentence(explain(named.expr, 0, s), cite)}`;
    }
    const k = at === -1 ? categories.length - 1 : at - 1;
    const above = categories[k];
    if (!above) return "";
    const leaf = decisiveNode(above.node, 0, s);
    return `not ${above.name}: ${clauseSentence(explain(leaf.expr, k, s), cite)}`;
  };

  const classify = (s: ResponseInput): RowResult => {
    const { category, endpoints } = main.classify(s);
    let extras = sameAsLast(s);
    if (extras === undefined) {
      const key = keyOf(gets, profile.sex, s);
      const found = key === undefined ? undefined : profiles.get(key);
      if (!found) return explained(s, key);
      remember(s, found);
      extras = found;
    }
    counts.compiled++;
    let robust = true;
    let sensitiveTo: string[] | undefined;
    for (let i = 0; i < others.length; i++) {
      const a = others[i] as (typeof others)[number];
      if (a.category(s) === category) continue;
      robust = false;
      if (a.single !== undefined) {
        sensitiveTo ??= [];
        if (!sensitiveTo.includes(a.single)) sensitiveTo.push(a.single);
      }
    }
    if (category === "indeterminate") {
      const possible = possibleOf(s);
      const missing = missingOf(s);
      return {
        category,
        possibleCategories: possible,
        robust,
        sensitiveTo: sensitiveTo ?? NONE,
        missing,
        endpoints,
        warnings: plausibilityWarnings(s),
        assumptions: extras.assumptions,
        notes: extras.notes,
        reason: undecidedReason(possible, missing, extras.notices),
      };
    }
    return {
      category,
      possibleCategories: ONLY[category],
      robust,
      sensitiveTo: sensitiveTo ?? NONE,
      missing: NONE,
      endpoints,
      warnings: plausibilityWarnings(s),
      assumptions: extras.assumptions,
      notes: extras.notes,
      reason: reason(category, s),
    };
  };
  return Object.assign(classify, { counts });
}
