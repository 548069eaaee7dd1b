// Edges of classifyResponse / safeClassifyResponse that the mutation run left untested: the
// result's criteria block (DOI only when the source has one, derivedFrom only for a variant), the
// alternatives cached per substitution option, and the errors of the safe variant for inputs and
// options that cannot be read.
import { describe, expect, it } from "vitest";
import {
  CriteriaError,
  classifyMany,
  classifyResponse,
  criteria,
  InputError,
  type ResponseCriteria,
  type ResponseInput,
  safeClassifyResponse,
  withOptions,
} from "../../src/index.js";

// Zhang 2023 (24-h protein), a UPCR-only assessment: 4 → 0.3 g/g, creatinine 70 → 72 µmol/L
// (+2.9 %), albumin 35 g/L. As a 24-h protein (substitution allowed) 0.3 < 0.5 g/day with a
// stable creatinine is CR under every reading; without substitution nothing can be decided.
const upcrOnly: ResponseInput = {
  patient: { sex: "F" },
  baseline: {
    proteinuria: { value: 4, unit: "g/g" },
    serumCreatinine: { value: 70, unit: "umol/L" },
  },
  current: {
    proteinuria: { value: 0.3, unit: "g/g" },
    serumCreatinine: { value: 72, unit: "umol/L" },
    serumAlbumin: { value: 35, unit: "g/L" },
  },
};

describe("the result's criteria block", () => {
  it("names the DOI when the source has one (Zhang 2023, Front Immunol 14:1133183)", () => {
    const r = classifyResponse(criteria.zhang2023, upcrOnly);
    expect(r.criteria).toEqual({
      id: "zhang2023",
      version: "1.1.0",
      evidence: "verified",
      citation: "Zhang 2023",
      doi: "10.3389/fimmu.2023.1133183",
    });
  });

  it("has no doi key for a source cited by address (KDIGO 2024), and derivedFrom for a variant", () => {
    const k = classifyResponse(criteria.kdigo2024, upcrOnly);
    expect(Object.keys(k.criteria)).toEqual(["id", "version", "evidence", "citation"]);
    const lenient = withOptions(criteria.zhang2023, {
      interpretation: { crProteinuriaCutoff: "0.7" },
    });
    const v = classifyResponse(lenient, upcrOnly);
    expect(v.criteria.derivedFrom).toBe("zhang2023@1.1.0");
    expect(v.criteria.id).toBe("zhang2023+crProteinuriaCutoff=0.7");
  });
});

describe("alternatives are computed under the same substitution option as the category", () => {
  it("after a run with substitution, a run without it has no decided alternative", () => {
    const z: ResponseCriteria = criteria.zhang2023;
    const withSub = classifyResponse(z, upcrOnly, { allowProteinuriaSubstitution: true });
    expect(withSub.category).toBe("CR");
    expect(withSub.alternatives.length).toBeGreaterThan(0);
    expect(withSub.alternatives.every((a) => a.category === "CR")).toBe(true);
    const without = classifyResponse(z, upcrOnly);
    expect(without.category).toBe("indeterminate");
    expect(without.alternatives.map((a) => a.category)).toEqual(
      withSub.alternatives.map(() => "indeterminate"),
    );
    // And the other way round, on a fresh variant (its own caches).
    const v = withOptions(z, { interpretation: { creatinineBand: "symmetric" } });
    expect(
      classifyResponse(v, upcrOnly).alternatives.every((a) => a.category === "indeterminate"),
    ).toBe(true);
    expect(
      classifyResponse(v, upcrOnly, { allowProteinuriaSubstitution: true }).alternatives.every(
        (a) => a.category === "CR",
      ),
    ).toBe(true);
  });
});

describe("safeClassifyResponse never throws", () => {
  it("an input whose getter throws: an InputError at the root, saying it could not be read", () => {
    const hostile = {
      get current() {
        throw new Error("boom");
      },
    };
    const r = safeClassifyResponse(criteria.zhang2023, hostile);
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.error).toBeInstanceOf(InputError);
    expect(r.error.issues).toEqual([{ path: "(root)", message: "boom" }]);
    expect(r.error.message).toContain("input (could not be read)");
  });

  it("options whose interpretation cannot be read: an InputError at options", () => {
    const options = {
      get interpretation(): never {
        throw new Error("no options today");
      },
    };
    const r = safeClassifyResponse(criteria.zhang2023, upcrOnly, options);
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.error).toBeInstanceOf(InputError);
    expect(r.error.issues).toEqual([{ path: "options", message: "no options today" }]);
    expect(r.error.message).toBe("Invalid options: options: no options today");
  });

  it("an invalid criteria object: the CriteriaError, returned", () => {
    const broken = { ...criteria.zhang2023, categories: "none" } as unknown as ResponseCriteria;
    const r = safeClassifyResponse(broken, upcrOnly);
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(CriteriaError.isCriteriaError(r.error)).toBe(true);
  });
});

describe("classifyMany keeps every input", () => {
  it("refuses a non-array with an InputError naming the inputs", () => {
    expect(() => classifyMany(criteria.zhang2023, "x" as unknown as unknown[])).toThrow(
      "Invalid inputs: (root): expected an array of inputs",
    );
  });

  it("an element that cannot be read is an error entry in its place", () => {
    const inputs: unknown[] = [upcrOnly, upcrOnly];
    Object.defineProperty(inputs, 1, {
      get() {
        throw new Error("boom");
      },
    });
    const out = classifyMany(criteria.zhang2023, inputs, { allowProteinuriaSubstitution: true });
    expect(out).toHaveLength(2);
    expect(out[0] && "result" in out[0] ? out[0].result.category : undefined).toBe("CR");
    const bad = out[1];
    expect(bad && "error" in bad ? bad.error.message : undefined).toBe(
      "Invalid input (could not be read): (root): boom",
    );
  });
});

describe("missing is only for an undecided category", () => {
  it("a CR result lists nothing missing, although sediment and sex were not given", () => {
    const r = classifyResponse(criteria.zhang2023, upcrOnly, {
      allowProteinuriaSubstitution: true,
    });
    expect(r.category).toBe("CR");
    expect(r.missing).toEqual([]);
    expect(r.gaps).toEqual([]);
  });
});
