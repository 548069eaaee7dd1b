// What leaves an unknown result undecided (src/evaluate/interpret.ts): decisiveMissing and
// decisiveCensored walk the unknown nodes of a clause tree once with one set. They must give
// what the recursive form they replaced gave (kept below, verbatim): the paths of the unknown
// leaves reached through unknown nodes, in tree order, each once; addUndecided gathers both
// into sets for detectFlares.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  addUndecided,
  type ClauseResult,
  decisiveCensored,
  decisiveMissing,
  type ObservedRange,
} from "../../src/evaluate/interpret.js";
import { propertyRuns } from "../support/generators.js";

function referenceMissing(node: ClauseResult): string[] {
  if (node.truth !== "unknown") return [];
  if (!node.children) return [...node.missing];
  return [...new Set(node.children.flatMap(referenceMissing))];
}
function referenceCensored(node: ClauseResult): string[] {
  if (node.truth !== "unknown") return [];
  if (!node.children) return node.range ? [...node.range.censored] : [];
  return [...new Set(node.children.flatMap(referenceCensored))];
}

const PATHS = [
  "baseline.proteinuria",
  "current.proteinuria",
  "current.serumCreatinine",
  "patient.sex",
];
const truth = fc.constantFrom("met" as const, "not-met" as const, "unknown" as const);
const paths = fc.array(fc.constantFrom(...PATHS), { maxLength: 3 });

/** A clause result as far as the walks read it: truth, children, missing, the censored range. */
function node(t: ClauseResult["truth"], rest: Partial<ClauseResult>): ClauseResult {
  return {
    truth: t,
    label: "clause",
    op: "compare",
    missing: [],
    notes: [],
    ...rest,
  } as ClauseResult;
}

const tree = fc.letrec<{ node: ClauseResult }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.tuple(truth, paths, fc.option(paths, { nil: undefined })).map(([t, missing, censored]) =>
      node(t, {
        missing,
        ...(censored === undefined
          ? {}
          : { range: { censored, inputs: [], unit: "g/24h" } as unknown as ObservedRange }),
      }),
    ),
    fc
      .tuple(truth, fc.array(tie("node"), { minLength: 1, maxLength: 4 }))
      .map(([t, children]) => node(t, { op: "all", children })),
  ),
})).node;

describe("decisiveMissing and decisiveCensored", () => {
  test("give what the recursive form gave, on any tree", () => {
    fc.assert(
      fc.property(tree, (root) => {
        expect(decisiveMissing(root)).toEqual(referenceMissing(root));
        expect(decisiveCensored(root)).toEqual(referenceCensored(root));
        // Gathered into sets that already hold a path: each path once, after what was there.
        const missing = new Set(["patient.sex"]);
        const censored = new Set<string>();
        addUndecided(root, missing, censored);
        expect([...missing]).toEqual([...new Set(["patient.sex", ...referenceMissing(root)])]);
        expect([...censored]).toEqual([...new Set(referenceCensored(root))]);
      }),
      { numRuns: propertyRuns(2_000) },
    );
  });

  test("by hand: tree order, each path once, only through unknown nodes", () => {
    const root = node("unknown", {
      op: "any",
      children: [
        node("unknown", {
          op: "all",
          children: [
            node("unknown", { missing: ["current.serumCreatinine", "baseline.serumCreatinine"] }),
            node("met", { missing: ["patient.sex"] }),
          ],
        }),
        node("not-met", { op: "all", children: [node("unknown", { missing: ["current.egfr"] })] }),
        node("unknown", { missing: ["baseline.serumCreatinine", "current.proteinuria"] }),
      ],
    });
    expect(decisiveMissing(root)).toEqual([
      "current.serumCreatinine",
      "baseline.serumCreatinine",
      "current.proteinuria",
    ]);
    expect(decisiveMissing(node("not-met", { op: "all", children: root.children ?? [] }))).toEqual(
      [],
    );
  });
});
