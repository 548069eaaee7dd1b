/**
 * Every node of a definition's category trees with its compiled truth: what the interpreter's
 * explanation says of each node's truth, without building the explanation. For a caller that
 * needs to know which clauses decide a result (compareCriteria's separating clauses) and then
 * explains only those.
 *
 * @module
 */

import { type Expr, exprChildren } from "../ir/expr.js";
import { clauseTruth } from "./compile.js";
import type { EvaluationOptions, EvaluationSubject } from "./interpret.js";

/**
 * One node of a category tree, numbered in tree order (the node before its children).
 *
 * @internal
 */
export interface TruthNode {
  /** The resolved clause (for a `ref`, the reference). */
  readonly expr: Expr;
  /** The node numbers of its children (`all`, `any`, `not`, `if`; none for a leaf). */
  readonly kids: readonly number[];
  /** Its truth (0 not met, 1 met, 2 unknown): the compiled closure of the node's whole tree. */
  readonly truth: (input: EvaluationSubject) => 0 | 1 | 2;
}

/**
 * The nodes of a definition's categories, each with its compiled truth, numbered in tree order
 * category after category, and the root of each category. Each node's closure is the closure
 * backend's (the interpreter's arithmetic, proven against it by the differential tests), so a
 * caller can ask for the truth of just the nodes it visits; a `ref` is the closure of the
 * earlier category it names.
 *
 * @param categories - the categories in order, each with its resolved clause tree.
 * @param options - evaluation options (proteinuria substitution).
 * @returns the nodes and each category's root.
 * @throws `Error` for an unresolved placeholder or a reference to no earlier category (a
 *   malformed object; the criteria schema refuses both).
 * @example
 * ```ts
 * import { truthNodes } from './clause-truths.js';
 * const { nodes } = truthNodes([{ name: 'CR', expr: { op: 'all', id: 'cr', label: 'CR', of: [
 *   { op: 'compare', id: 'alb', label: 'serum albumin', left: { kind: 'value', measure: 'serumAlbumin', at: 'current' },
 *     cmp: '>=', right: { value: 30, unit: 'g/L' }, source: { section: 'Methods' } },
 * ] } }], {});
 * nodes[1]?.truth({ current: { serumAlbumin: { value: 3.5, unit: 'g/dL' } } }); // 1 (35 g/L ≥ 30 g/L)
 * ```
 * @internal Not part of the public API (used by `compareCriteria`).
 */
export function truthNodes(
  categories: readonly { readonly name: string; readonly expr: Expr }[],
  options: EvaluationOptions,
): { nodes: readonly TruthNode[]; roots: readonly { name: string; root: number }[] } {
  const nodes: { expr: Expr; kids: number[]; truth: TruthNode["truth"] }[] = [];
  const refs = new Map<string, TruthNode["truth"]>();
  const walk = (e: Expr): number => {
    const at = nodes.length;
    const node = { expr: e, kids: [] as number[], truth: clauseTruth(e, refs, options) };
    nodes.push(node);
    for (const k of exprChildren(e)) node.kids.push(walk(k));
    return at;
  };
  const roots = categories.map((c) => {
    const root = walk(c.expr);
    refs.set(c.name, (nodes[root] as TruthNode).truth);
    return { name: c.name, root };
  });
  return { nodes, roots };
}
