// truthNodes: the truth of every node of every category tree, from the compiled closures, must be
// the interpreter's truth of the same node in the explained tree (classifyValidated), for every
// shipped definition × every reading, with and without substitution, on exact and censored
// generated inputs. Both trees are numbered in tree order (a node before its children).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classifyValidated } from "../../src/api/classify.js";
import { criteria } from "../../src/criteria/index.js";
import { truthNodes } from "../../src/evaluate/clause-truths.js";
import { walkClauses } from "../../src/evaluate/interpret.js";
import type { Expr } from "../../src/ir/expr.js";
import { allInterpretations, bindingsOf, fullInterpretation } from "../../src/ir/readings.js";
import { resolveExpr } from "../../src/ir/resolve.js";
import type { ResponseCriteria } from "../../src/ir/types.js";
import {
  censoredDenseResponseInput,
  censoredResponseInput,
  denseResponseInput,
  propertyRuns,
  responseInput,
} from "../support/generators.js";

const CODE = { "not-met": 0, met: 1, unknown: 2 } as const;

const resolved = (c: ResponseCriteria, interpretation: Record<string, string>) => {
  const b = bindingsOf(c, fullInterpretation(c, interpretation));
  return c.categories.map((k) => ({ name: k.name, expr: resolveExpr(k.expr, b) }));
};

const cases = Object.values(criteria).flatMap((c) =>
  allInterpretations(c).map((i) => [c.id, JSON.stringify(i), c, i] as const),
);

describe("truthNodes", () => {
  it.each(cases)("%s %s: every node's truth is the interpreter's", (_id, _r, c, interpretation) => {
    const plans = [false, true].map((sub) => ({
      sub,
      plan: truthNodes(resolved(c, interpretation), { allowProteinuriaSubstitution: sub }),
    }));
    fc.assert(
      fc.property(
        fc.oneof(
          responseInput,
          denseResponseInput,
          censoredResponseInput,
          censoredDenseResponseInput,
        ),
        (input) => {
          for (const { sub, plan } of plans) {
            const out = plan.nodes.map((n) => n.truth(input));
            const r = classifyValidated(c, input, {
              interpretation,
              allowProteinuriaSubstitution: sub,
            });
            const nodes = r.explanation.categories.flatMap((d) => walkClauses(d.result));
            expect(nodes.length).toBe(plan.nodes.length);
            expect(out).toEqual(nodes.map((n) => CODE[n.truth]));
            expect(
              plan.nodes.map((n) =>
                n.expr.op === "ref" ? n.expr.to : n.expr.op === "bind" ? n.expr.name : n.expr.id,
              ),
            ).toEqual(nodes.map((n) => n.id));
            expect(plan.roots.map((x) => x.name)).toEqual(
              r.explanation.categories.map((d) => d.name),
            );
          }
        },
      ),
      { numRuns: propertyRuns(60) },
    );
  });

  const albumin: Expr = {
    op: "compare",
    id: "alb",
    label: "serum albumin",
    left: { kind: "value", measure: "serumAlbumin", at: "current" },
    cmp: ">=",
    right: { value: 30, unit: "g/L" },
    source: { section: "Methods" },
  };
  const sediment: Expr = {
    op: "fact",
    id: "sed",
    label: "urine sediment normal",
    fact: "urineSedimentNormal",
    params: { rbcMax: 5, wbcMax: 5, inclusive: true },
    source: { section: "Methods" },
  };

  it("numbers the nodes in tree order, each with its own truth", () => {
    const plan = truthNodes(
      [
        { name: "CR", expr: { op: "all", id: "cr", label: "CR", of: [albumin, sediment] } },
        {
          name: "PR",
          expr: {
            op: "any",
            id: "pr",
            label: "PR",
            of: [
              { op: "not", id: "not-cr", label: "not CR", of: { op: "ref", to: "CR" } },
              {
                op: "if",
                id: "if",
                label: "if",
                cond: sediment,
                whenMet: albumin,
                whenNotMet: albumin,
              },
            ],
          },
        },
      ],
      {},
    );
    // 25 g/L (not met), sediment not given (unknown): CR not met; PR met through `not CR`.
    const input = { current: { serumAlbumin: { value: 2.5, unit: "g/dL" } } };
    // cr, alb, sed, pr, not-cr, ref CR, if, sed, alb, alb
    expect(plan.nodes.map((n) => n.truth(input))).toEqual([0, 0, 2, 1, 1, 0, 0, 2, 0, 0]);
    expect(plan.roots).toEqual([
      { name: "CR", root: 0 },
      { name: "PR", root: 3 },
    ]);
    expect(plan.nodes[6]?.kids).toEqual([7, 8, 9]);
  });

  it("refuses a reference to no earlier category", () => {
    expect(() => truthNodes([{ name: "CR", expr: { op: "ref", to: "PR" } }], {})).toThrow(
      /reference to unknown definition 'PR'/,
    );
  });

  it("refuses a clause kind it does not know, and a patient-history fact, by name", () => {
    // A malformed untyped object (the criteria schema refuses both before any backend sees them).
    expect(() =>
      truthNodes([{ name: "CR", expr: { op: "xor", id: "x", label: "x" } as never }], {}),
    ).toThrow("Criteria error: unknown clause kind");
    const failures = {
      op: "fact",
      id: "tf",
      label: "treatment failures",
      fact: "treatmentFailures",
      params: { minFailures: 1 },
      source: { section: "Methods" },
    } as never;
    expect(() => truthNodes([{ name: "CR", expr: failures }], {})).toThrow(
      "Criteria error: fact 'treatmentFailures' is not supported by the compiled form",
    );
  });
});
