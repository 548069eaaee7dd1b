// Differential test of the strict-CSP closure fallback (`compile(c, { codegen: false })`):
// for every shipped criteria object × every permitted reading, on generated inputs, the closures,
// the generated code and the interpreter must give the same category and end points, on exact
// and on censored inputs.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allInterpretations, classifyResponse, compile, criteria } from "../../src/index.js";
import {
  censoredDenseResponseInput,
  censoredResponseInput,
  denseResponseInput,
  propertyRuns,
  responseInput,
} from "../support/generators.js";

const cases = Object.values(criteria).flatMap((c) =>
  allInterpretations(c).map(
    (interpretation) => [c.id, JSON.stringify(interpretation), c, interpretation] as const,
  ),
);

// Each object is compiled inside its test (not while the tests are collected), so that a change
// to the compiler is attributed to these tests (mutation testing runs only the tests that cover it).
describe("closures", () => {
  it.each(cases)(
    "%s %s: closures = generated code = interpreter (category, end points)",
    (_id, _reading, c, interpretation) => {
      const closures = compile(c, { interpretation, codegen: false });
      const closuresSub = compile(c, {
        interpretation,
        codegen: false,
        allowProteinuriaSubstitution: true,
      });
      const generated = compile(c, { interpretation });
      const generatedSub = compile(c, { interpretation, allowProteinuriaSubstitution: true });
      fc.assert(
        fc.property(
          // Censored quantities (`<0.1`, `>3000`) one input in three of the last two.
          fc.oneof(
            responseInput,
            denseResponseInput,
            censoredResponseInput,
            censoredDenseResponseInput,
          ),
          fc.boolean(),
          (i, sub) => {
            const a = classifyResponse(c, i, { interpretation, allowProteinuriaSubstitution: sub });
            const viaClosures = (sub ? closuresSub : closures).classify(i);
            const viaCode = (sub ? generatedSub : generated).classify(i);
            expect(viaClosures.category).toBe(a.category);
            expect(viaCode.category).toBe(a.category);
            expect((sub ? closuresSub : closures).category(i)).toBe(a.category);
            expect(viaClosures.endpoints).toEqual(a.endpoints);
            expect(viaCode.endpoints).toEqual(a.endpoints);
          },
        ),
        { numRuns: propertyRuns(200) },
      );
    },
    60_000,
  );
});
