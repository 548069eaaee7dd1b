// The error classes are recognised across copies of the library: an application that loads both
// the ESM and the CommonJS build (or two versions) gets errors from either copy, so `instanceof`
// and the static guards must not depend on class identity.
import { describe, expect, it, vi } from "vitest";
import { criteria, InputError, safeClassifyResponse } from "../../src/index.js";

async function secondCopy(): Promise<typeof import("../../src/ir/errors.js")> {
  vi.resetModules();
  return import("../../src/ir/errors.js");
}

describe("InputError across copies", () => {
  it("an InputError of another copy of the module is an instanceof this one, and back", async () => {
    const other = await secondCopy();
    expect(other.InputError).not.toBe(InputError); // really a second class
    const r = safeClassifyResponse(criteria.kang2020, {
      current: { proteinuria: { value: -1, unit: "g/24h" } },
    });
    if (r.success) throw new Error("expected an error");
    expect(r.error instanceof other.InputError).toBe(true);
    expect(other.InputError.isInputError(r.error)).toBe(true);
    expect(InputError.isInputError(r.error)).toBe(true);
    expect(r.error.issues[0]?.path).toBe("current.proteinuria.value");
  });

  it("is not fooled by other errors, nor by a CriteriaError", async () => {
    const other = await secondCopy();
    expect(new Error("x") instanceof InputError).toBe(false);
    expect(InputError.isInputError(undefined)).toBe(false);
    expect(InputError.isInputError({ issues: [] })).toBe(false);
    const ce = new other.CriteriaError([{ path: "id", message: "bad" }]);
    expect(ce instanceof InputError).toBe(false);
    expect(InputError.isInputError(ce)).toBe(false);
  });
});
