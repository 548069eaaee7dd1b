// detectFlares against the scan it replaced (test/support/flares-reference.ts: every grade of every
// visit explained, under every reading for `robust`): the same flares, clauses, possible flares
// and robustness, compared as JSON text and by deep equality, on generated records under every
// shipped flare definition, each of its readings, with and without proteinuria substitution.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { detectFlares } from "../../src/api/flares.js";
import { criteria, flares } from "../../src/criteria/index.js";
import { allInterpretations } from "../../src/ir/readings.js";
import type { FlareCriteria } from "../../src/ir/types.js";
import type { PatientRecord } from "../../src/model/record.js";
import { referenceFlares } from "../support/flares-reference.js";
import { censoredLabs, grid, labs, propertyRuns } from "../support/generators.js";

const definitions = Object.values(flares) as FlareCriteria[];

/**
 * Labs with every value a flare or response reads (UPCR on a fine grid around the flare
 * thresholds), so after-response grades (aurora2, kang2020's) are reached often.
 */
const dense = fc.record({
  proteinuria: grid(0, 3, 0.05).map((v) => ({ value: v, unit: "mg/mg" })),
  serumCreatinine: grid(40, 200, 5).map((v) => ({ value: v, unit: "umol/L" })),
  serumAlbumin: grid(20, 45, 1).map((v) => ({ value: v, unit: "g/L" })),
  urineSediment: fc.record({
    rbcPerHpf: fc.integer({ min: 0, max: 15 }),
    wbcPerHpf: fc.integer({ min: 0, max: 15 }),
    cellularCasts: fc.boolean(),
  }),
});
const anyLabs = fc.oneof(labs, censoredLabs, dense);

/** A record: baseline labs, up to six visits on distinct days, extra-renal events. */
const record: fc.Arbitrary<PatientRecord> = fc
  .record({
    sex: fc.option(fc.constantFrom("F" as const, "M" as const), { nil: undefined }),
    baseline: anyLabs,
    visits: fc.uniqueArray(fc.record({ day: fc.integer({ min: 1, max: 800 }), labs: anyLabs }), {
      selector: (v) => v.day,
      maxLength: 6,
    }),
    events: fc.array(
      fc.record(
        {
          type: fc.constant("extra-renal-manifestation" as const),
          day: fc.integer({ min: 1, max: 800 }),
          prednisoneMgPerDay: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
        },
        { requiredKeys: ["type", "day"] },
      ),
      { maxLength: 3 },
    ),
  })
  .map(({ sex, baseline, visits, events }) => ({
    id: "p",
    ...(sex ? { patient: { sex } } : {}),
    baseline,
    visits: [...visits].sort((a, b) => a.day - b.day),
    ...(events.length ? { events } : {}),
  })) as fc.Arbitrary<PatientRecord>;

describe("detectFlares equals the fully explained scan it replaced", () => {
  for (const def of definitions) {
    it(`${def.id}: every reading, with and without substitution`, () => {
      const readings = allInterpretations(def);
      const seen = { flares: 0, possible: 0, notRobust: 0 };
      fc.assert(
        fc.property(
          record,
          fc.constantFrom(...readings),
          fc.boolean(),
          fc.constantFrom(criteria.kang2020, criteria.zhang2023, criteria.kdigo2024),
          (r, interpretation, sub, responseCriteria) => {
            const options = {
              interpretation,
              allowProteinuriaSubstitution: sub,
              responseCriteria,
            };
            const got = detectFlares(def, r, options);
            const want = referenceFlares(def, r, options);
            const mine = { flares: got.flares, possible: got.possible, robust: got.robust };
            expect(JSON.stringify(mine)).toBe(JSON.stringify(want));
            expect(mine).toStrictEqual(want);
            if (want.flares.length) seen.flares++;
            if (want.possible.length) seen.possible++;
            if (!want.robust) seen.notRobust++;
          },
        ),
        { numRuns: propertyRuns(300) },
      );
      // The records reach flares and possible flares, so the comparison covers their clauses
      // (aurora2's grades need a response at the previous visit first, a few records in 300:
      // its hand-derived flares are in flares.test.ts).
      if (def.id !== "aurora2") {
        expect(seen.flares).toBeGreaterThan(0);
        expect(seen.possible).toBeGreaterThan(0);
      }
    }, 120_000);
  }
});
