import { describe, expect, it } from "vitest";
import {
  ALBUMIN_G_L_PER_G_DL,
  CREATININE_MOLAR_MASS_MG_PER_MMOL,
  CREATININE_UMOL_PER_MG_DL,
  canonicalUnitsOfKind,
  convert,
  lookupUnit,
  quantitySchema,
} from "../../src/index.js";
import { roundSignificant } from "../../src/units/units.js";

describe("conversion factors (each a named constant with a source)", () => {
  it("have the published values", () => {
    expect(CREATININE_UMOL_PER_MG_DL).toBe(88.4); // KDIGO 2012 Table 29
    expect(CREATININE_MOLAR_MASS_MG_PER_MMOL).toBe(113.12);
    expect(ALBUMIN_G_L_PER_G_DL).toBe(10);
  });
  it.each([
    [1, "mg/dL", "umol/L", 88.4],
    [2, "mg/dL", "µmol/L", 176.8],
    [177, "μmol/L", "mg/dL", 2.00226244344], // 177 / 88.4
    [3.5, "g/dL", "g/L", 35],
    [470, "mg/24h", "g/24h", 0.47],
    [0.3, "g/(24.h)", "mg/24h", 300],
    [500, "mg/g", "g/g", 0.5],
    [0.5, "g/g", "mg/mmol", 56.56], // 0.5 × 113.12
    [50, "mg/mmol", "g/g", 0.442008486563], // 50 / 113.12
    [1, "mg/mg", "g/g", 1],
    [60, "mL/min/{1.73_m2}", "mL/min/1.73m2", 60],
  ])("%s %s = %s %s", (v, from, to, expected) => {
    expect(convert(v, from, to)).toBeCloseTo(expected, 9);
  });
  it("refuses to convert between kinds, including 24-h protein and UPCR", () => {
    expect(() => convert(1, "g/24h", "g/g")).toThrow(/different kinds/);
    expect(() => convert(1, "mg/dL", "g/L")).toThrow(/different kinds/);
    expect(() => convert(1, "g/week", "g/24h")).toThrow(/Unknown unit 'g\/week'/);
  });
  it("round-trips within 12 significant digits", () => {
    for (const v of [0.59, 1.04, 0.74, 1.35, 63, 91.9, 119.3]) {
      expect(convert(convert(v, "mg/dL", "umol/L"), "umol/L", "mg/dL")).toBe(roundSignificant(v));
    }
  });
});

describe("unit lookup", () => {
  it("accepts UCUM spellings and is case-sensitive", () => {
    expect(lookupUnit("g/(24.h)")?.kind).toBe("urineProtein24h");
    expect(lookupUnit("mg/mmol")?.kind).toBe("upcr");
    expect(lookupUnit("umol/L")?.canonical).toBe("umol/L");
    expect(lookupUnit("MG/DL")).toBeUndefined();
  });
  it("lists the canonical units of a kind", () => {
    expect(canonicalUnitsOfKind("upcr")).toEqual(["g/g", "mg/mg", "mg/g", "mg/mmol"]);
  });
});

describe("quantity schema", () => {
  const s = quantitySchema(["serumCreatinine"], { positive: true });
  it("accepts a valid quantity", () => {
    expect(s.parse({ value: 63, unit: "µmol/L" })).toEqual({ value: 63, unit: "µmol/L" });
  });
  it.each([
    [{ value: 0, unit: "umol/L" }, ["value"], /greater than 0/],
    [
      { value: 63, unit: "g/L" },
      ["unit"],
      /'g\/L' is a serum albumin unit, not a serum creatinine unit/,
    ],
    [{ value: 63, unit: "mmol/L" }, ["unit"], /unknown unit 'mmol\/L'; expected one of/],
    [{ value: Number.POSITIVE_INFINITY, unit: "umol/L" }, ["value"], /./],
    [{ value: 63, unit: "umol/L", extra: 1 }, [], /extra|Unrecognized/i],
  ])("%j is rejected at %j", (input, path, message) => {
    const r = s.safeParse(input);
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(r.error.issues[0]?.path).toEqual(path);
      expect(r.error.issues[0]?.message).toMatch(message);
    }
  });
});

describe("unit typos", () => {
  it("suggest the accepted spelling that differs only in case or spaces", () => {
    const s = quantitySchema(["serumCreatinine"], { positive: true });
    const r = s.safeParse({ value: 0.8, unit: "MG/DL" });
    expect(r.success).toBe(false);
    if (!r.success)
      expect(r.error.issues[0]?.message).toMatch(
        /^unknown unit 'MG\/DL' \(did you mean 'mg\/dL'\?\); expected one of/,
      );
  });
});

describe("overflow on conversion", () => {
  it("a value finite in its unit but infinite in the base unit is rejected, not classified", () => {
    const s = quantitySchema(["serumCreatinine"], { positive: true });
    const r = s.safeParse({ value: Number.MAX_VALUE, unit: "mg/dL" });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues[0]?.message).toMatch(/out of range/);
  });
});
