// Random valid response definitions, for the differential tests of the backends: clause trees
// over every operand kind × measure, every comparator, every fact a response definition may use,
// all / any / not / if, references to the categories, and one interpretation parameter whose
// readings bind a threshold, a comparator and a whole clause. Thresholds sit on grids that the
// input generator (generators.ts) reaches, in the base unit or another unit of the kind.
import fc from "fast-check";
import { criteria } from "../../src/criteria/index.js";
import { MEASURE_KIND, type Measure } from "../../src/ir/expr.js";
import type { ResponseCriteria } from "../../src/ir/types.js";
import { grid } from "./generators.js";

const MEASURES = Object.keys(MEASURE_KIND) as Measure[];
const CHANGE_KINDS = [
  "percentDecrease",
  "percentIncrease",
  "absPercentChange",
  "percentOfBaseline",
  "increase",
  "decrease",
] as const;
const COMPARATORS = ["<", "<=", ">", ">="] as const;
const source = { section: "random" };

/** A threshold for an absolute value (or an absolute change) of the measure, in a unit of its kind. */
const absolute = (m: Measure): fc.Arbitrary<{ value: number; unit: string }> => {
  const q = (a: fc.Arbitrary<number>, unit: string) => a.map((value) => ({ value, unit }));
  switch (MEASURE_KIND[m]) {
    case "urineProtein24h":
      return fc.oneof(q(grid(0, 6, 0.5), "g/24h"), q(grid(0, 6000, 500), "mg/24h"));
    case "upcr":
      return fc.oneof(q(grid(0, 5, 0.5), "g/g"), q(grid(0, 500, 50), "mg/mmol"));
    case "serumCreatinine":
      return fc.oneof(q(grid(40, 200, 10), "umol/L"), q(grid(0.5, 2.5, 0.1), "mg/dL"));
    case "serumAlbumin":
      return fc.oneof(q(grid(20, 45, 1), "g/L"), q(grid(2, 4.5, 0.1), "g/dL"));
    case "egfr":
      return q(grid(30, 120, 5), "mL/min/1.73m2");
    case "cellsPerHpf":
      return q(fc.integer({ min: 0, max: 20 }), "/hpf");
    default:
      return q(grid(0, 30, 2.5), "mg/d prednisone");
  }
};

const operandAndThreshold = fc.constantFrom(...MEASURES).chain((measure) =>
  fc.oneof(
    fc.record({
      left: fc.record({
        kind: fc.constant("value" as const),
        measure: fc.constant(measure),
        at: fc.constantFrom("baseline" as const, "current" as const),
      }),
      right: absolute(measure),
    }),
    fc.constantFrom(...CHANGE_KINDS).chain((kind) =>
      fc.record({
        left: fc.constant({ kind, measure }),
        right:
          kind === "increase" || kind === "decrease"
            ? absolute(measure)
            : grid(0, 150, 5).map((value) => ({ value, unit: "%" })),
      }),
    ),
  ),
);

type Node = Record<string, unknown>;

const compare: fc.Arbitrary<Node> = fc
  .record({ ot: operandAndThreshold, cmp: fc.constantFrom(...COMPARATORS) })
  .map(({ ot, cmp }) => ({ op: "compare", left: ot.left, cmp, right: ot.right, source }));

const fact: fc.Arbitrary<Node> = fc.oneof(
  fc
    .record({
      rbcMax: fc.integer({ min: 0, max: 10 }),
      wbcMax: fc.integer({ min: 0, max: 10 }),
      inclusive: fc.boolean(),
    })
    .map((params) => ({ op: "fact", fact: "urineSedimentNormal", params, source })),
  fc.record({ F: grid(60, 110, 5), M: grid(70, 130, 5) }).map(({ F, M }) => ({
    op: "fact",
    fact: "serumCreatinineNormal",
    params: {
      defaultUpperLimit: { F: { value: F, unit: "umol/L" }, M: { value: M, unit: "umol/L" } },
    },
    source,
  })),
  fc
    .record({
      name: fc.constantFrom("cellularCasts", "rescueTherapy"),
      is: fc.boolean(),
    })
    .map((params) => ({ op: "fact", fact: "observation", params, source })),
);

const placeholders: fc.Arbitrary<Node> = fc.constantFrom(
  { op: "bind", name: "clause" },
  {
    op: "compare",
    left: { kind: "percentDecrease", measure: "proteinuria24h" },
    cmp: { bind: "cmp" },
    right: { bind: "threshold" },
    source,
  },
);

/** A clause tree; `refs`: the definitions it may refer to. */
const tree = (refs: readonly string[]): fc.Arbitrary<Node> =>
  fc.letrec<{ expr: Node }>((tie) => ({
    expr: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      compare,
      fact,
      placeholders,
      ...(refs.length > 0 ? [fc.constantFrom(...refs).map((to) => ({ op: "ref", to }))] : []),
      fc
        .record({
          op: fc.constantFrom("all", "any"),
          of: fc.array(tie("expr"), { minLength: 1, maxLength: 3 }),
        })
        .map((x) => ({ ...x })),
      tie("expr").map((of) => ({ op: "not", of })),
      fc
        .tuple(tie("expr"), tie("expr"), tie("expr"))
        .map(([cond, whenMet, whenNotMet]) => ({ op: "if", cond, whenMet, whenNotMet })),
    ),
  })).expr;

/** Give every node that needs them an id and a label, unique within the object. */
function withIds(root: Node, prefix: string): Node {
  let n = 0;
  const walk = (x: Node): Node => {
    const op = x.op as string;
    if (op === "ref" || op === "bind") return x;
    const out: Node = { ...x, id: `${prefix}-${n}`, label: `clause ${prefix}-${n}` };
    n++;
    if (op === "all" || op === "any") out.of = (x.of as Node[]).map(walk);
    if (op === "not") out.of = walk(x.of as Node);
    if (op === "if") {
      out.cond = walk(x.cond as Node);
      out.whenMet = walk(x.whenMet as Node);
      out.whenNotMet = walk(x.whenNotMet as Node);
    }
    return out;
  };
  return walk(root);
}

const reading = (label: string) =>
  fc
    .record({
      threshold: grid(0, 100, 10).map((value) => ({ value, unit: "%" })),
      cmp: fc.constantFrom(...COMPARATORS),
      clause: compare,
    })
    .map((b) => ({
      label,
      rationale: `reading ${label}`,
      bindings: { ...b, clause: withIds(b.clause, `bound-${label}`) },
    }));

/** A random valid response definition (ids unique; one parameter with two readings). */
const { schedule: _schedule, ...base } = criteria.zhang2023;

export const responseCriteria: fc.Arbitrary<ResponseCriteria> = fc
  .record({
    cr: tree([]),
    pr: tree([]),
    endpoints: fc.array(tree(["CR", "PR"]), { maxLength: 3 }),
    readings: fc.tuple(reading("a"), reading("b")),
    defaultReading: fc.constantFrom("a", "b"),
    upcr: fc.constantFrom(undefined, "exact", "printed"),
    proteinuriaMeasure: fc.constantFrom("proteinuria24h" as const, "upcr" as const),
  })
  .map(
    (g) =>
      ({
        ...base,
        id: "randomCriteria",
        version: "1.0.0",
        proteinuriaMeasure: g.proteinuriaMeasure,
        ...(g.upcr === undefined ? {} : { conversions: { upcr: g.upcr } }),
        parameters: {
          choice: {
            description: "a random choice",
            source,
            default: g.defaultReading,
            readings: { a: g.readings[0], b: g.readings[1] },
          },
        },
        categories: [
          { name: "CR", label: "complete", source, expr: withIds(g.cr, "cr") },
          { name: "PR", label: "partial", source, expr: withIds(g.pr, "pr") },
        ],
        endpoints: g.endpoints.map((e, i) => ({
          name: `E${i}`,
          label: `end point ${i}`,
          source,
          expr: withIds(e, `e${i}`),
        })),
      }) as unknown as ResponseCriteria,
  );
