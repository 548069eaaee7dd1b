// Differential test of the SQL backend on random response definitions (test/support/random-criteria.ts):
// every operand kind × measure, comparator, fact, connective, reference and placeholder, under
// each reading, with and without proteinuria substitution. A batch of random objects and inputs
// is classified by the interpreter, then by the generated code, the closures and toSql() in
// DuckDB (compareBackends, the differential project's harness): every disagreement is reported.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classifyResponse } from "../../src/api/classify.js";
import { compareBackends, type RecordedCase } from "../differential/backends.js";
import { denseResponseInput, responseInput } from "../support/generators.js";
import { responseCriteria } from "../support/random-criteria.js";

/** FUZZ_SEED replays a reported batch. */
const seed = process.env.FUZZ_SEED === undefined ? Date.now() : Number(process.env.FUZZ_SEED);

describe("toSql on random response definitions", () => {
  it("agrees with the interpreter, the generated code and the closures (DuckDB)", async () => {
    const batch = fc.sample(
      fc.tuple(
        responseCriteria,
        fc.array(fc.oneof(denseResponseInput, responseInput), { minLength: 1, maxLength: 8 }),
        fc.constantFrom("a", "b"),
        fc.boolean(),
      ),
      { numRuns: 120, seed },
    );
    const cases: RecordedCase[] = batch.flatMap(([c, inputs, reading, sub]) =>
      inputs.map((input) => {
        const r = classifyResponse(c, input, {
          interpretation: { choice: reading },
          allowProteinuriaSubstitution: sub,
        });
        return {
          criteria: c,
          input,
          interpretation: r.interpretation,
          allowProteinuriaSubstitution: sub,
          category: r.category,
          endpoints: r.endpoints,
          via: "random",
        };
      }),
    );
    const r = await compareBackends(cases, undefined, 5);
    expect({ seed, mismatches: r.mismatches }).toEqual({ seed, mismatches: [] });
    expect(r.compared.duckdb).toBe(r.distinct);
    expect(r.compared.codegen).toBe(r.distinct);
  }, 120_000);
});
