// safeClassifyResponse never throws (issue 13, item 7): a failure after the input and the readings
// were checked — here an options getter that throws while the classification reads it — comes
// back as a result with an InputError, not as an exception.
import { describe, expect, it } from "vitest";
import { criteria, InputError, safeClassifyResponse } from "../../src/index.js";

const input = {
  baseline: {
    proteinuria: { value: 4, unit: "g/24h" },
    serumCreatinine: { value: 60, unit: "umol/L" },
  },
  current: {
    proteinuria: { value: 0.3, unit: "g/24h" },
    serumCreatinine: { value: 62, unit: "umol/L" },
  },
};

describe("safeClassifyResponse when the classification itself throws", () => {
  it("returns the thrown error as an InputError at the root, with its message", () => {
    const options = {
      get allowProteinuriaSubstitution(): boolean {
        throw new Error("options revoked");
      },
    };
    let r: ReturnType<typeof safeClassifyResponse> | undefined;
    expect(() => {
      r = safeClassifyResponse(criteria.zhang2023, input, options);
    }).not.toThrow();
    expect(r?.success).toBe(false);
    if (r?.success !== false) return;
    expect(r.error).toBeInstanceOf(InputError);
    expect(r.error.message).toBe("Invalid input: (root): options revoked");
  });

  it("classifies the same input when nothing throws (the case above is not a bad input)", () => {
    const r = safeClassifyResponse(criteria.zhang2023, input, {});
    // Zhang 2023 CR: 0.3 g/24h < 0.5, creatinine 60 → 62 µmol/L (+3 %, within +25 %).
    expect(r.success && r.data.category).toBe("CR");
  });
});
