// compile(c).safeClassify(input): the validated category-and-missing path without an
// explanation tree. Its answers are compared with classifyResponse (the explained path) on
// generated inputs for every shipped definition, in both compiled modes; the cases below are
// derived by hand from zhang2023's definition (Front Immunol 2023;14:1133183, Methods:
// CR = proteinuria < 0.5 g/24h with a stable creatinine).
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  classifyResponse,
  compile,
  criteria,
  InputError,
  type ResponseCriteria,
  safeClassifyResponse,
} from "../../src/index.js";
import {
  censoredResponseInput,
  denseResponseInput,
  propertyRuns,
  responseInput,
} from "../support/generators.js";

const zhang = compile(criteria.zhang2023);

describe("safeClassify: hand-derived cases (zhang2023)", () => {
  test("CR when proteinuria is < 0.5 g/24h and creatinine is unchanged; nothing missing", () => {
    const r = zhang.safeClassify({
      baseline: {
        proteinuria: { value: 4, unit: "g/24h" },
        serumCreatinine: { value: 70, unit: "umol/L" },
      },
      current: {
        proteinuria: { value: 0.3, unit: "g/24h" },
        serumCreatinine: { value: 72, unit: "umol/L" },
      },
    });
    expect(r).toEqual({
      success: true,
      data: { category: "CR", endpoints: expect.any(Object), missing: [] },
    });
  });

  test("without any creatinine, 0.3 g/24h cannot decide CR: indeterminate, creatinine and albumin missing", () => {
    const r = zhang.safeClassify({
      baseline: { proteinuria: { value: 4, unit: "g/24h" } },
      current: { proteinuria: { value: 0.3, unit: "g/24h" } },
    });
    expect(r.success).toBe(true);
    if (!r.success) return;
    expect(r.data.category).toBe("indeterminate");
    // CR waits on the creatinine change; PR (a fall > 50% to < 3 g/24h: met) also on albumin ≥ 30 g/L.
    expect([...r.data.missing].sort()).toEqual([
      "baseline.serumCreatinine",
      "current.serumAlbumin",
      "current.serumCreatinine",
    ]);
  });

  test("a censored proteinuria straddling 0.5 g/24h is named", () => {
    const r = zhang.safeClassify({
      baseline: {
        proteinuria: { value: 4, unit: "g/24h" },
        serumCreatinine: { value: 70, unit: "umol/L" },
      },
      current: {
        proteinuria: { value: 0.7, unit: "g/24h", censor: "<" },
        serumCreatinine: { value: 70, unit: "umol/L" },
      },
    });
    expect(r.success && r.data.category).toBe("indeterminate");
    expect(r.success && r.data.censored).toEqual(["current.proteinuria"]);
  });

  test("a malformed input gives the InputError safeClassifyResponse gives", () => {
    const bad = {
      current: {
        proteinuria: { value: -1, unit: "g/24h" },
        serumAlbumin: { value: 3, unit: "mg" },
      },
    };
    const r = zhang.safeClassify(bad);
    const s = safeClassifyResponse(criteria.zhang2023, bad);
    expect(r.success).toBe(false);
    expect(s.success).toBe(false);
    if (r.success || s.success) return;
    expect(r.error).toBeInstanceOf(InputError);
    expect(r.error.issues).toEqual(s.error.issues);
    expect(r.error.issues.map((i) => i.path)).toEqual([
      "current.proteinuria.value",
      "current.serumAlbumin.unit",
    ]);
  });

  test("an input that cannot be read is an InputError, never a throw", () => {
    const input = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error("revoked");
        },
        getPrototypeOf() {
          throw new Error("revoked");
        },
      },
    );
    const r = zhang.safeClassify(input);
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.message).toContain("revoked");
  });
});

describe("safeClassify agrees with classifyResponse on every shipped definition", () => {
  const objects = Object.values(criteria) as ResponseCriteria[];
  for (const codegen of [true, false]) {
    test(`category, end points, missing, censored, robust (codegen ${codegen})`, () => {
      const compiled = new Map(
        objects.map((c) => [c.id, compile(c, { robustness: true, codegen })]),
      );
      fc.assert(
        fc.property(
          fc.constantFrom(...objects),
          fc.oneof(responseInput, denseResponseInput, censoredResponseInput),
          (c, input) => {
            const r = compiled.get(c.id)?.safeClassify(input);
            const e = classifyResponse(c, input);
            expect(r?.success).toBe(true);
            if (!r?.success) return;
            expect(r.data.category).toBe(e.category);
            expect(r.data.endpoints).toEqual(e.endpoints);
            expect(r.data.missing).toEqual(e.missing);
            expect(r.data.censored).toEqual(e.censored);
            expect(r.data.robust).toBe(e.robust);
          },
        ),
        { numRuns: propertyRuns(1500) },
      );
    });
  }
});
