// Notes with a kind (issue 14): ResponseResult.notices carries each reported note with its kind
// and input path; ResponseResult.notes stays the list of their texts. The texts below are the
// messages the interpreter documents, written out by hand for zhang2023 (a 24-h protein
// definition: Front Immunol 2023;14:1133183, §2.4).
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  type ClauseResult,
  classifyResponse,
  criteria,
  type ResponseCriteria,
} from "../../src/index.js";
import { censoredResponseInput, propertyRuns, responseInput } from "../support/generators.js";

const creatinine = { serumCreatinine: { value: 70, unit: "umol/L" } };

describe("notices: kinds and paths", () => {
  test("a UPCR where zhang2023 needs a 24-h protein: other-measure, at current.proteinuria", () => {
    const r = classifyResponse(criteria.zhang2023, {
      baseline: { proteinuria: { value: 4, unit: "g/24h" }, ...creatinine },
      current: { proteinuria: { value: 0.3, unit: "mg/mg" }, ...creatinine },
    });
    const text =
      "current.proteinuria is a spot UPCR (mg/mg) but this clause needs a 24-h urine protein; pass allowProteinuriaSubstitution to use it";
    expect(r.notices).toEqual([{ kind: "other-measure", path: "current.proteinuria", text }]);
    expect(r.notes).toEqual([text]);
    expect(r.category).toBe("indeterminate");
  });

  test("the same under allowProteinuriaSubstitution: a substitution", () => {
    const r = classifyResponse(
      criteria.zhang2023,
      {
        baseline: { proteinuria: { value: 4, unit: "g/24h" }, ...creatinine },
        current: { proteinuria: { value: 0.3, unit: "mg/mg" }, ...creatinine },
      },
      { allowProteinuriaSubstitution: true },
    );
    expect(r.notices.map((n) => [n.kind, n.path])).toEqual([
      ["substitution", "current.proteinuria"],
    ]);
    expect(r.notices[0]?.text).toContain("(allowProteinuriaSubstitution)");
    // 0.3 g/g used as 0.3 g/24h: below 0.5 g/day with a stable creatinine.
    expect(r.category).toBe("CR");
  });

  test("a baseline proteinuria of 0: the percent decrease is undefined (undefined-change)", () => {
    const r = classifyResponse(criteria.zhang2023, {
      baseline: { proteinuria: { value: 0, unit: "g/24h" }, ...creatinine },
      current: { proteinuria: { value: 1.2, unit: "g/24h" }, ...creatinine },
    });
    expect(r.notices).toContainEqual({
      kind: "undefined-change",
      path: "baseline.proteinuria",
      text: "baseline proteinuria24h is 0, so a change relative to it is undefined",
    });
  });

  test("nothing to report: no notices, no notes", () => {
    const r = classifyResponse(criteria.zhang2023, {
      baseline: { proteinuria: { value: 4, unit: "g/24h" }, ...creatinine },
      current: { proteinuria: { value: 0.3, unit: "g/24h" }, ...creatinine },
    });
    expect(r.notices).toEqual([]);
    expect(r.notes).toEqual([]);
  });
});

describe("notes are the notices' texts, and the same notes as before the kinds", () => {
  // The rule the notes were chosen by before notices existed: every clause note matching this.
  const BEFORE = /allowProteinuriaSubstitution|unknown unit|does not measure|is 0/;
  const walk = (n: ClauseResult, out: string[]) => {
    for (const t of n.notes) if (BEFORE.test(t) && !out.includes(t)) out.push(t);
    for (const k of n.children ?? []) walk(k, out);
  };
  const objects = Object.values(criteria) as ResponseCriteria[];
  test("on generated inputs under every shipped definition, with and without substitution", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...objects),
        fc.oneof(responseInput, censoredResponseInput),
        fc.boolean(),
        (c, input, substitution) => {
          const r = classifyResponse(c, input, { allowProteinuriaSubstitution: substitution });
          const before: string[] = [];
          for (const d of [...r.explanation.categories, ...r.explanation.endpoints])
            walk(d.result, before);
          expect(r.notes).toEqual(before);
          expect(r.notes).toEqual(r.notices.map((n) => n.text));
        },
      ),
      { numRuns: propertyRuns(1500) },
    );
  }, 60_000); // 1,500 explained classifications: over 5 s on a loaded machine
});
