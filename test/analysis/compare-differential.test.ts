// compareCriteria against a frozen copy of itself: test/support/compare-reference.ts is the
// implementation as it stood before the speed work of issue 17 (commit 4129496), kept verbatim
// but for its imports. On generated inputs (missing values, censored values, 24-h protein and
// UPCR in two units each; every shipped definition, default and other readings, with and
// without substitution; assessments and records) the new result, fully read — every property,
// every lazy part, every sentence — must be the reference's: the same JSON text (so the same
// keys in the same order) and strictly deep-equal once materialised (undefined keys, -0, NaN).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareCriteria } from "../../src/analysis/compare.js";
import { criteria } from "../../src/criteria/index.js";
import { withOptions } from "../../src/index.js";
import { allInterpretations } from "../../src/ir/readings.js";
import type { ResponseCriteria } from "../../src/ir/types.js";
import { compareCriteriaReference } from "../support/compare-reference.js";
import {
  censoredDenseResponseInput,
  censoredResponseInput,
  denseResponseInput,
  labs,
  propertyRuns,
  responseInput,
} from "../support/generators.js";

const shipped: readonly ResponseCriteria[] = Object.values(criteria);
/** The reference explains every definition a disagreement needs: slow on a busy machine. */
const SLOW = 120_000;

/** A plain copy made by reading every own enumerable key (so every getter runs), in order. */
function materialise(x: unknown, depth = 0): unknown {
  if (depth > 64) throw new Error("too deep");
  if (typeof x !== "object" || x === null) return x;
  if (x instanceof Error) return { error: x.name, message: x.message, keys: Object.keys(x) };
  if (Array.isArray(x)) {
    const out: unknown[] = [];
    for (let i = 0; i < x.length; i++) out.push(materialise(x[i], depth + 1));
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(x))
    out[k] = materialise((x as Record<string, unknown>)[k], depth + 1);
  return out;
}

/** Both results read in full: the same JSON text and the same materialised value. */
function expectSame(run: () => unknown, reference: () => unknown): void {
  let got: unknown;
  let want: unknown;
  let gotError: unknown;
  let wantError: unknown;
  try {
    got = run();
  } catch (e) {
    gotError = e;
  }
  try {
    want = reference();
  } catch (e) {
    wantError = e;
  }
  expect(materialise(gotError)).toStrictEqual(materialise(wantError));
  if (wantError !== undefined) return;
  expect(JSON.stringify(got)).toBe(JSON.stringify(want));
  expect(materialise(got)).toStrictEqual(materialise(want));
}

/** Every shipped definition, each under a reading of its own (the default one time in two). */
const readingsOf = (list: readonly ResponseCriteria[]) =>
  fc.tuple(
    ...list.map((c) => {
      const combos = allInterpretations(c);
      return fc.oneof(
        fc.constant(undefined),
        fc.integer({ min: 0, max: combos.length - 1 }).map((i) => combos[i]),
      );
    }),
  );

/** A subset of the shipped definitions in a random order (at least two). */
const someDefinitions = fc
  .shuffledSubarray([...shipped], { minLength: 2 })
  .chain((list) => fc.tuple(fc.constant(list), readingsOf(list), fc.boolean()));

const inputs = fc.array(
  fc.oneof(responseInput, denseResponseInput, censoredResponseInput, censoredDenseResponseInput),
  { minLength: 0, maxLength: 12 },
);

describe("compareCriteria equals the frozen reference, fully read", () => {
  it(
    "assessments × every shipped definition (default readings)",
    () => {
      // What the runs went through, so a generator that stopped reaching a case fails here.
      const seen = { sentences: 0, unknown: 0, missing: 0, indeterminate: 0 };
      fc.assert(
        fc.property(inputs, (data) => {
          expectSame(
            () => compareCriteria(data, shipped),
            () => compareCriteriaReference(data, shipped),
          );
          const c = compareCriteria(data, shipped);
          for (const r of c.rows) {
            for (const d of r.disagreements) seen.sentences += d.separating.length;
            if (Object.values(r.categories).includes("indeterminate")) seen.indeterminate++;
          }
          for (const s of c.separatingClauses) {
            if (s.truth === "unknown") seen.unknown++;
            if (s.clause === "missing") seen.missing++;
          }
        }),
        { numRuns: propertyRuns(40), seed: 17 },
      );
      expect(seen.sentences).toBeGreaterThan(0);
      expect(seen.unknown).toBeGreaterThan(0);
      expect(seen.missing).toBeGreaterThan(0);
      expect(seen.indeterminate).toBeGreaterThan(0);
    },
    SLOW,
  );

  it(
    "assessments × a subset in any order, other readings, substitution on or off",
    () => {
      fc.assert(
        fc.property(inputs, someDefinitions, (data, [list, readings, substitution]) => {
          const interpretations: Record<string, Record<string, string>> = {};
          list.forEach((c, i) => {
            const r = readings[i];
            if (r) interpretations[c.id] = r;
          });
          const options = { interpretations, allowProteinuriaSubstitution: substitution };
          expectSame(
            () => compareCriteria(data, list, options),
            () => compareCriteriaReference(data, list, options),
          );
        }),
        { numRuns: propertyRuns(40) },
      );
    },
    SLOW,
  );

  it(
    "the same definition twice and a reading as its own definition (withOptions)",
    () => {
      const list = [
        criteria.zhang2023,
        withOptions(criteria.zhang2023, { interpretation: { crProteinuriaCutoff: "0.7" } }),
        criteria.kang2020,
        criteria.kang2020,
      ];
      fc.assert(
        fc.property(inputs, (data) => {
          expectSame(
            () => compareCriteria(data, list),
            () => compareCriteriaReference(data, list),
          );
        }),
        { numRuns: propertyRuns(20) },
      );
    },
    SLOW,
  );

  // Records: ids drawn from a few letters (so two records may share one), visits on days
  // around the time points, now and then an invalid record (a visit without a day).
  const record = fc.record({
    id: fc.constantFrom("a", "b", "c", "d", "e", "f"),
    patient: fc.record({ sex: fc.constantFrom("F" as const, "M" as const) }),
    baseline: labs,
    visits: fc.array(
      fc.oneof(
        { weight: 9, arbitrary: fc.record({ day: fc.integer({ min: 0, max: 220 }), labs }) },
        { weight: 1, arbitrary: fc.record({ labs }) },
      ),
      { maxLength: 4 },
    ),
  });
  const timepoints = [
    { label: "week 12", day: 84, windowDays: 28 },
    { label: "week 24", day: 168, windowDays: 28 },
  ];

  it(
    "records at time points (cohort summaries, invalid records, shared ids)",
    () => {
      fc.assert(
        fc.property(
          fc.array(record, { minLength: 1, maxLength: 8 }),
          someDefinitions,
          fc.constantFrom("itt" as const, "evaluable" as const, "per-protocol" as const),
          (data, [list, readings, substitution], analysis) => {
            const interpretations: Record<string, Record<string, string>> = {};
            list.forEach((c, i) => {
              const r = readings[i];
              if (r) interpretations[c.id] = r;
            });
            const options = {
              timepoints,
              analysis,
              interpretations,
              allowProteinuriaSubstitution: substitution,
            };
            expectSame(
              () => compareCriteria(data, list, options),
              () => compareCriteriaReference(data, list, options),
            );
          },
        ),
        { numRuns: propertyRuns(30) },
      );
    },
    SLOW,
  );

  it("refusals: the same error for a malformed assessment or option", () => {
    const bad: unknown[][] = [
      [{ current: { proteinuria: { value: -1, unit: "g/24h" } } }],
      [{}, { current: { proteinuria: { value: 1, unit: "furlongs" } } }],
    ];
    for (const data of bad) {
      expectSame(
        () => compareCriteria(data, shipped),
        () => compareCriteriaReference(data, shipped),
      );
    }
    const options = { interpretations: { nope: {} } };
    expectSame(
      () => compareCriteria([{}], shipped, options),
      () => compareCriteriaReference([{}], shipped, options),
    );
    expect(() => compareCriteria(bad[0] ?? [], shipped)).toThrow();
  });

  it("the helper sees a difference: a changed sentence or a missing key fails", () => {
    const c = compareCriteria([{}], [criteria.zhang2023, criteria.kang2020]);
    expect(() =>
      expectSame(
        () => c,
        () => ({ ...c, criteria: ["x"] }),
      ),
    ).toThrow();
    const { separatingClauses: _, ...without } = c;
    expect(() =>
      expectSame(
        () => c,
        () => without,
      ),
    ).toThrow();
    expect(() =>
      expectSame(
        () => ({ a: undefined }),
        () => ({}),
      ),
    ).toThrow();
  });
});
