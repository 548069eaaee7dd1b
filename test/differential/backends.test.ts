// The differential check must be able to fail: a backend that answers wrongly (category or an end
// point), an interpreter result that no backend reproduces, and a case a backend refuses (a
// disagreement: there is no "skipped") are each caught. Also checks the recorder's wiring.
import { describe, expect, it } from "vitest";
import * as classify from "../../src/api/classify.js";
import { criteria } from "../../src/criteria/index.js";
import type { ResponseCriteria } from "../../src/ir/types.js";
import type { ResponseInput } from "../../src/model/assessment.js";
import { BACKENDS, type Backend, compareBackends, type RecordedCase, verdict } from "./backends.js";
import { recorded, unrecorded, wrapClassify } from "./recorder.js";

// Zhang 2023 (the TSDoc example of ResponseResult): 4 → 0.6 g/24h is PR, since 0.6 g/day is not
// < 0.5 g/day (§2.4 "CR … 24-h UP < 0.5 g"); PR → OR ("patients with CR or PR … overall
// response"); an 85 % fall is "more than a 25% decrease" → UP25 met.
const zhangPR: ResponseInput = {
  baseline: {
    proteinuria: { value: 4, unit: "g/24h" },
    serumCreatinine: { value: 60, unit: "umol/L" },
  },
  current: {
    proteinuria: { value: 0.6, unit: "g/24h" },
    serumCreatinine: { value: 62, unit: "umol/L" },
    serumAlbumin: { value: 36, unit: "g/L" },
  },
};
const truth: RecordedCase = {
  criteria: criteria.zhang2023,
  input: zhangPR,
  interpretation: classify.classifyResponse(criteria.zhang2023, zhangPR).interpretation,
  allowProteinuriaSubstitution: false,
  category: "PR",
  endpoints: { OR: "met", UP25: "met" },
  via: "test",
};

describe("compareBackends", () => {
  it("the control: a hand-checked case agrees in every backend, each compared once", async () => {
    const r = await compareBackends([truth, truth]);
    expect(r.mismatches).toEqual([]);
    expect(r.mismatchCount).toBe(0);
    expect(r.recorded).toBe(2);
    expect(r.distinct).toBe(1);
    expect(r.compared).toEqual({ codegen: 1, closures: 1, duckdb: 1 });
  });

  it.each(BACKENDS)("a wrong category from %s is reported, naming that backend", async (b) => {
    const r = await compareBackends([truth], (backend, _c, real) =>
      backend === b ? { ...real, category: "CR" } : undefined,
    );
    expect(r.mismatchCount).toBe(1);
    expect(r.mismatches[0]).toMatch(new RegExp(`^${b}: category CR ≠ interpreter PR — zhang2023`));
  });

  it.each(BACKENDS)("a wrong end point from %s is reported", async (b: Backend) => {
    const r = await compareBackends([truth], (backend, _c, real) =>
      backend === b ? { ...real, endpoints: { ...real.endpoints, UP25: "unknown" } } : undefined,
    );
    expect(r.mismatches).toEqual([
      expect.stringMatching(new RegExp(`^${b}: end point UP25 unknown ≠ interpreter met`)),
    ]);
  });

  it("an interpreter result that no backend reproduces is reported by all three", async () => {
    const r = await compareBackends([{ ...truth, category: "NR", endpoints: { OR: "not-met" } }]);
    // Three category and six end-point disagreements (OR in each backend; UP25 missing from the record).
    expect(r.mismatchCount).toBe(9);
    expect(r.mismatches.filter((m) => /category PR ≠ interpreter NR/.test(m))).toHaveLength(3);
  });

  it("the list of disagreements is capped, the count is not", async () => {
    const wrong = Array.from({ length: 30 }, (_, i) => ({
      ...truth,
      input: {
        ...zhangPR,
        current: { ...zhangPR.current, serumAlbumin: { value: 30 + i / 10, unit: "g/L" } },
      },
      category: "NR",
    }));
    const r = await compareBackends(wrong, undefined, 5);
    expect(r.mismatches).toHaveLength(5);
    expect(r.mismatchCount).toBe(90);
  });

  it("a case a backend refuses is a disagreement naming the backend, not a skip", async () => {
    // Zhang 2023 with an eligibility fact (treatment history) as an extra end point, recorded as
    // if the interpreter had answered: the schema refuses history facts in a response definition,
    // so every backend refuses the object, and each refusal is reported.
    const withFact = {
      ...criteria.zhang2023,
      id: "zhang2023WithFact",
      endpoints: [
        ...criteria.zhang2023.endpoints,
        {
          name: "NOEXCL",
          label: "no exclusion",
          source: { section: "test" },
          expr: {
            op: "fact",
            id: "no-pregnancy",
            label: "not pregnant",
            fact: "exclusionAbsent",
            params: { condition: "pregnancy" },
            source: { section: "test" },
          },
        },
      ],
    } as unknown as ResponseCriteria;
    expect(() => classify.classifyResponse(withFact, zhangPR)).toThrow(/reads a patient's history/);
    const r = await compareBackends([{ ...truth, criteria: withFact }]);
    expect(r.compared).toEqual({ codegen: 0, closures: 0, duckdb: 0 });
    expect(r.mismatches).toEqual([
      expect.stringMatching(/^codegen: compile\(\) threw .*reads a patient's history/),
      expect.stringMatching(/^closures: compile\(\) threw .*reads a patient's history/),
      expect.stringMatching(/^duckdb: toSql\(\) threw .*reads a patient's history/),
    ]);
    expect(verdict(r)).toMatch(/^differential: 3 disagreement\(s\)/);
  });
});

describe("the recorder (what the differential project's setup wraps)", () => {
  const wrapped = wrapClassify(classify);
  it("records each successful call with the validated input, readings and result", () => {
    const before = recorded().length;
    wrapped.classifyResponse(criteria.zhang2023, zhangPR, {
      interpretation: { crProteinuriaCutoff: "0.7" },
    });
    // @ts-expect-error a malformed input on purpose: a call that throws is not recorded
    expect(() => wrapped.classifyResponse(criteria.zhang2023, { current: 1 })).toThrow();
    const out = wrapped.classifyMany(criteria.zhang2023, [zhangPR, { nope: 1 }, zhangPR]);
    expect(out).toHaveLength(3);
    const now = recorded().slice(before);
    expect(now.map((c) => c.via)).toEqual(["classifyResponse", "classifyMany", "classifyMany"]);
    // Under the '< 0.7 g/day' reading 0.6 g/day is CR (the TSDoc example of ResponseResult).
    expect(now[0]?.category).toBe("CR");
    expect(now[0]?.interpretation.crProteinuriaCutoff).toBe("0.7");
    expect(now[1]?.category).toBe("PR");
    expect(now[1]?.input).toEqual(zhangPR);
    expect(unrecorded()).toEqual([]);
  });
});

describe("verdict (what fails a test file of the differential project)", () => {
  it("passes a file whose cases all agree", async () => {
    expect(verdict(await compareBackends([truth]))).toBeUndefined();
  });
  it("fails a file with a disagreement, quoting it", async () => {
    const r = await compareBackends([truth], (b, _c, real) =>
      b === "closures" ? { ...real, category: "NR" } : undefined,
    );
    expect(verdict(r)).toMatch(/1 disagreement.*\nclosures: category NR ≠ interpreter PR/);
  });
  it("fails a file that recorded nothing (a wiring regression)", async () => {
    expect(verdict(await compareBackends([]))).toMatch(/recorded no interpreter call/);
  });
});
