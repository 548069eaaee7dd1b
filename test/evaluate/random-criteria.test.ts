// Differential test of the backends on random response definitions (test/support/random-criteria.ts):
// every operand kind × measure, comparator, fact, connective, reference and placeholder, under
// each reading, with and without proteinuria substitution. The generated code, the closures and
// the interpreter must give the same category, end points and robustness. Each object is
// compiled inside the property, so a change to the compiler is seen by this test.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classifyResponse } from "../../src/api/classify.js";
import { compile } from "../../src/evaluate/compile.js";
import { safeValidateCriteria } from "../../src/ir/schema.js";
import { denseResponseInput, propertyRuns, responseInput } from "../support/generators.js";
import { responseCriteria } from "../support/random-criteria.js";

describe("random response definitions", () => {
  it("are valid criteria objects (the generator's own check)", () => {
    fc.assert(
      fc.property(responseCriteria, (c) => {
        const r = safeValidateCriteria(c);
        expect(r.success ? "valid" : r.error.message).toBe("valid");
      }),
      { numRuns: propertyRuns(200) },
    );
  }, 60_000);

  it("generated code = closures = interpreter (category, end points, robustness)", () => {
    fc.assert(
      fc.property(
        responseCriteria,
        fc.array(fc.oneof(denseResponseInput, responseInput), { minLength: 1, maxLength: 6 }),
        fc.constantFrom("a", "b"),
        fc.boolean(),
        (c, inputs, reading, sub) => {
          const options = {
            interpretation: { choice: reading },
            allowProteinuriaSubstitution: sub,
          };
          const code = compile(c, { ...options, robustness: true });
          const closures = compile(c, { ...options, codegen: false, robustness: true });
          for (const i of inputs) {
            const a = classifyResponse(c, i, options);
            for (const [name, k] of [
              ["code", code],
              ["closures", closures],
            ] as const) {
              const b = k.classify(i);
              expect({ backend: name, category: b.category, endpoints: b.endpoints }).toEqual({
                backend: name,
                category: a.category,
                endpoints: a.endpoints,
              });
              expect(k.category(i)).toBe(a.category);
              expect(b.robust).toBe(a.robust);
            }
          }
        },
      ),
      { numRuns: propertyRuns(300) },
    );
  }, 120_000); // compiles two functions per object: seconds on a loaded machine
});
