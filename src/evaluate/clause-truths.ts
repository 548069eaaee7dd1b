/**
 * The truth of every node of a definition's category trees, from the compiled closures: what
 * the interpreter's explanation says of each node's truth, without building the explanation.
 * For a caller that needs to know which clauses decide a result (compareCriteria's separating
 * clauses) and explains only those.
 *
 * @module
 */

import type { Expr } from "../ir/expr.js";
import { clauseTruth } from "./compile.js";
import type { EvaluationOptions, EvaluationSubject } from "./interpret.js";

/** Truth as a small integer, as in the compiled form: 0 not met, 1 met, 2 unknown. */
export type TruthCode = 0 | 1 | 2;

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
  /** Whether it or a node under it is a `ref` (its explanation needs the earlier categories). */
  readonly refs: boolean;
}

/**
 * The nodes of a definition's categories and a function that fills their truths.
 *
 * @internal
 */
export interface TruthPlan {
  /** Every node of every category, each category's tree in tree order, category after category. */
  readonly nodes: readonly TruthNode[];
  /** Per category (in the definition's order): its name and the number of its root node. */
  readonly roots: readonly { readonly name: string; readonly root: number }[];
  /** Fill `out` (length `nodes.length`) with the truth of every node for one assessment. */
  evaluate(input: EvaluationSubject, out: Uint8Array): void;
}

type Step = (s: EvaluationSubject, out: Uint8Array) => TruthCode;

/**
 * Plan the per-node truths of a definition's resolved categories: every node is evaluated
 * (no short-circuit), leaves by the compiled closures (the interpreter's arithmetic), `all`,
 * `any`, `not` and `if` by Kleene logic as the interpreter combines them, and a `ref` by the
 * root of the earlier category it names.
 *
 * @param categories - the categories in order, each with its resolved clause tree.
 * @param options - evaluation options (proteinuria substitution).
 * @returns the plan.
 * @throws `Error` for an unresolved placeholder or a reference to no earlier category (a
 *   malformed object; the criteria schema refuses both).
 * @example
 * ```ts
 * import { truthPlan } from './clause-truths.js';
 * const plan = truthPlan([{ name: 'CR', expr: { op: 'all', id: 'cr', label: 'CR', of: [
 *   { op: 'compare', id: 'alb', label: 'serum albumin', left: { kind: 'value', measure: 'serumAlbumin', at: 'current' },
 *     cmp: '>=', right: { value: 30, unit: 'g/L' }, source: { section: 'Methods' } },
 * ] } }], {});
 * const out = new Uint8Array(plan.nodes.length);
 * plan.evaluate({ current: { serumAlbumin: { value: 3.5, unit: 'g/dL' } } }, out); // out: [1, 1]
 * ```
 * @internal Not part of the public API (used by `compareCriteria`).
 */
export function truthPlan(
  categories: readonly { readonly name: string; readonly expr: Expr }[],
  options: EvaluationOptions,
): TruthPlan {
  const nodes: { expr: Expr; kids: number[]; refs: boolean }[] = [];
  const roots: { name: string; root: number }[] = [];
  const done = new Map<string, number>();
  const plan = (e: Expr): Step => {
    const at = nodes.length;
    const kids: number[] = [];
    nodes.push({ expr: e, kids, refs: false });
    const child = (x: Expr): Step => {
      kids.push(nodes.length);
      return plan(x);
    };
    switch (e.op) {
      case "all":
      case "any": {
        const steps = e.of.map(child);
        const n = steps.length;
        // `all`: not met if any is, else unknown if any is, else met; `any` the dual.
        const stop: TruthCode = e.op === "all" ? 0 : 1;
        const empty: TruthCode = e.op === "all" ? 1 : 0;
        return (s, out) => {
          let v: TruthCode = empty;
          for (let i = 0; i < n; i++) {
            const t = (steps[i] as Step)(s, out);
            if (t === stop) v = stop;
            else if (t === 2 && v !== stop) v = 2;
          }
          out[at] = v;
          return v;
        };
      }
      case "not": {
        const f = child(e.of);
        return (s, out) => {
          const t = f(s, out);
          const v: TruthCode = t === 2 ? 2 : t === 1 ? 0 : 1;
          out[at] = v;
          return v;
        };
      }
      case "if": {
        const c = child(e.cond);
        const a = child(e.whenMet);
        const b = child(e.whenNotMet);
        return (s, out) => {
          const tc = c(s, out);
          const ta = a(s, out);
          const tb = b(s, out);
          const v: TruthCode = tc === 1 ? ta : tc === 0 ? tb : ta === tb ? ta : 2;
          out[at] = v;
          return v;
        };
      }
      case "ref": {
        const root = done.get(e.to);
        if (root === undefined) {
          throw new Error(`Criteria error: reference to unknown definition '${e.to}'`);
        }
        return (_s, out) => {
          const v = out[root] as TruthCode;
          out[at] = v;
          return v;
        };
      }
      default: {
        const f = clauseTruth(e, new Map(), options);
        return (s, out) => {
          const v = f(s);
          out[at] = v;
          return v;
        };
      }
    }
  };
  const steps: Step[] = [];
  for (const c of categories) {
    const root = nodes.length;
    steps.push(plan(c.expr));
    roots.push({ name: c.name, root });
    done.set(c.name, root);
  }
  // Children come after their parent: a backward pass marks every node above a `ref`.
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i] as (typeof nodes)[number];
    node.refs = node.expr.op === "ref" || node.kids.some((k) => nodes[k]?.refs === true);
  }
  return {
    nodes,
    roots,
    evaluate(input, out) {
      for (let i = 0; i < steps.length; i++) (steps[i] as Step)(input, out);
    },
  };
}
