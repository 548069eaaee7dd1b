import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CKD_EPI_2021_AGE_BASE,
  CKD_EPI_2021_CITATION,
  CKD_EPI_2021_FEMALE_FACTOR,
  CKD_EPI_2021_HIGH_EXPONENT,
  CKD_EPI_2021_MIN_VALIDATED_AGE,
  CKD_EPI_2021_MULTIPLIER,
  CKD_EPI_2021_SEX_COEFFICIENTS,
  type EgfrSex,
  egfrCkdEpi2021,
} from "../../src/egfr/ckdEpi2021.js";

const mgDl = (value: number) => ({ value, unit: "mg/dL" });
const umolL = (value: number) => ({ value, unit: "umol/L" });
const egfr = (scrMgDl: number, sex: EgfrSex, ageYears: number) =>
  egfrCkdEpi2021({ serumCreatinine: mgDl(scrMgDl), sex, ageYears }).value;

/** Relative closeness, for values that go through floating-point round trips. */
function expectRelClose(a: number, b: number, rel = 1e-9): void {
  expect(Math.abs(a - b)).toBeLessThanOrEqual(rel * Math.max(Math.abs(a), Math.abs(b)));
}

const sexArb = fc.constantFrom<EgfrSex>("F", "M");
const adultAge = fc.double({ min: 18, max: 100, noNaN: true });
// Plausible serum creatinine, mg/dL (≈ 9–1770 µmol/L).
const scrArb = fc.double({ min: 0.1, max: 20, noNaN: true });

describe("constants (Inker LA et al., NEJM 2021;385:1737–49, doi:10.1056/NEJMoa2102953)", () => {
  it("have the published values", () => {
    expect(CKD_EPI_2021_MULTIPLIER).toBe(142);
    expect(CKD_EPI_2021_HIGH_EXPONENT).toBe(-1.2);
    expect(CKD_EPI_2021_AGE_BASE).toBe(0.9938);
    expect(CKD_EPI_2021_FEMALE_FACTOR).toBe(1.012);
    expect(CKD_EPI_2021_SEX_COEFFICIENTS.F).toEqual({ kappaMgDl: 0.7, alpha: -0.241 });
    expect(CKD_EPI_2021_SEX_COEFFICIENTS.M).toEqual({ kappaMgDl: 0.9, alpha: -0.302 });
    expect(CKD_EPI_2021_MIN_VALIDATED_AGE).toBe(18);
    expect("doi" in CKD_EPI_2021_CITATION).toBe(false); // the DOI is unverified ([U]): not stated as the citation's DOI
    expect(CKD_EPI_2021_CITATION.unverifiedDoi).toBe("10.1056/NEJMoa2102953");
  });
});

describe("golden values (computed by hand with a calculator, not with this function)", () => {
  // Shared age factors: 0.9938^n = exp(n × ln 0.9938), ln 0.9938 = −0.0062193
  //   0.9938^30 = 0.829793   0.9938^40 = 0.779758   0.9938^49 = 0.737311
  //   0.9938^50 = 0.732740   0.9938^55 = 0.710305   0.9938^60 = 0.688556
  it.each([
    // F 50 y, Scr 0.7 mg/dL: at the knot (Scr/κ = 1, both power terms = 1)
    //   142 × 0.732740 × 1.012 = 105.2976
    ["F", 50, 0.7, 105.2976],
    // M 50 y, Scr 0.9 mg/dL: at the knot
    //   142 × 0.732740 = 104.0490
    ["M", 50, 0.9, 104.049],
    // F 30 y, Scr 1.2 mg/dL: Scr/κ = 1.2/0.7 = 1.714286; 1.714286^−1.2 = 0.523721
    //   142 × 0.523721 × 0.829793 × 1.012 = 62.4509
    ["F", 30, 1.2, 62.4509],
    // M 60 y, Scr 2.0 mg/dL: Scr/κ = 2.0/0.9 = 2.222222; 2.222222^−1.2 = 0.383579
    //   142 × 0.383579 × 0.688556 = 37.5045
    ["M", 60, 2.0, 37.5045],
    // F 40 y, Scr 0.5 mg/dL (below the knot): 0.5/0.7 = 0.714286; 0.714286^−0.241 = 1.084468
    //   142 × 1.084468 × 0.779758 × 1.012 = 121.5193
    ["F", 40, 0.5, 121.5193],
    // M 40 y, Scr 0.6 mg/dL (below the knot): 0.6/0.9 = 0.666667; 0.666667^−0.302 = 1.130263
    //   142 × 1.130263 × 0.779758 = 125.1491
    ["M", 40, 0.6, 125.1491],
    // M 55 y, Scr 1.2 mg/dL: 1.2/0.9 = 1.333333; 1.333333^−1.2 = 0.708066
    //   142 × 0.708066 × 0.710305 = 71.4178 (a calculator would display 71)
    ["M", 55, 1.2, 71.4178],
  ] as const)("%s %d y, Scr %d mg/dL → %d", (sex, age, scr, expected) => {
    const r = egfrCkdEpi2021({ serumCreatinine: mgDl(scr), sex, ageYears: age });
    expect(r.value).toBeCloseTo(expected, 1);
    expect(r.unit).toBe("mL/min/1.73m2");
    expect(r.equation).toBe("CKD-EPI 2021 creatinine");
    expect(r.flags).toEqual([]);
    expect(r.outOfValidatedRange).toBe(false);
  });

  it("F 49 y, Scr 63 µmol/L → 103.70 (SI input)", () => {
    // 63 / 88.4 = 0.712670 mg/dL; Scr/κ = 0.712670/0.7 = 1.018100 (just above the knot)
    // 1.018100^−1.2 = 0.978705
    // 142 × 0.978705 × 0.737311 × 1.012 = 103.6982
    const r = egfrCkdEpi2021({
      serumCreatinine: { value: 63, unit: "µmol/L" },
      sex: "F",
      ageYears: 49,
    });
    expect(r.value).toBeCloseTo(103.6982, 1);
  });

  it("does not round (the caller rounds for display)", () => {
    const v = egfr(0.7, "F", 50);
    expect(Number.isInteger(v)).toBe(false);
    expect(Math.round(v)).toBe(105);
  });

  it("at the same Scr and age a man has the HIGHER eGFR (even at Scr 0.7 mg/dL)", () => {
    // F 50 y 0.7 mg/dL: 105.2976 (above).
    // M 50 y 0.7 mg/dL: 0.7/0.9 = 0.777778; 0.777778^−0.302 = 1.078851;
    //   142 × 1.078851 × 0.732740 = 112.2534
    expect(egfr(0.7, "M", 50)).toBeCloseTo(112.2534, 1);
    expect(egfr(0.7, "M", 50)).toBeGreaterThan(egfr(0.7, "F", 50));
  });
});

describe("units", () => {
  it("accepts every serum-creatinine spelling (umol/L, µmol/L with micro sign or Greek mu, mg/dL)", () => {
    const expected = egfr(1, "M", 45);
    for (const unit of ["umol/L", "µmol/L", "μmol/L"]) {
      const v = egfrCkdEpi2021({ serumCreatinine: { value: 88.4, unit }, sex: "M", ageYears: 45 });
      expectRelClose(v.value, expected);
    }
  });

  it("property: the same creatinine in µmol/L and in mg/dL gives the same eGFR", () => {
    fc.assert(
      fc.property(scrArb, sexArb, adultAge, (scr, sex, age) => {
        const fromMg = egfr(scr, sex, age);
        const fromUmol = egfrCkdEpi2021({
          serumCreatinine: umolL(scr * 88.4),
          sex,
          ageYears: age,
        }).value;
        expectRelClose(fromMg, fromUmol);
      }),
    );
  });
});

describe("monotonicity and shape (properties)", () => {
  it("eGFR strictly decreases as creatinine rises", () => {
    fc.assert(
      fc.property(
        scrArb,
        fc.double({ min: 0.001, max: 5, noNaN: true }),
        sexArb,
        adultAge,
        (scr, step, sex, age) => {
          expect(egfr(scr * (1 + step), sex, age)).toBeLessThan(egfr(scr, sex, age));
        },
      ),
    );
  });

  it("eGFR strictly decreases with age", () => {
    fc.assert(
      fc.property(
        scrArb,
        sexArb,
        adultAge,
        fc.double({ min: 0.01, max: 50, noNaN: true }),
        (scr, sex, age, step) => {
          expect(egfr(scr, sex, age + step)).toBeLessThan(egfr(scr, sex, age));
        },
      ),
    );
  });

  it("is continuous at the knot (Scr = κ)", () => {
    for (const sex of ["F", "M"] as const) {
      const k = CKD_EPI_2021_SEX_COEFFICIENTS[sex].kappaMgDl;
      const at = egfr(k, sex, 50);
      expect(Math.abs(egfr(k * (1 - 1e-9), sex, 50) - at)).toBeLessThan(1e-6);
      expect(Math.abs(egfr(k * (1 + 1e-9), sex, 50) - at)).toBeLessThan(1e-6);
    }
  });

  it("female > male by exactly ×1.012 at the same Scr/κ at or above the knot", () => {
    // Scr_F = 0.7·r, Scr_M = 0.9·r with r ≥ 1: both power terms are r^−1.2, so F/M = 1.012.
    fc.assert(
      fc.property(fc.double({ min: 1, max: 20, noNaN: true }), adultAge, (r, age) => {
        const f = egfr(0.7 * r, "F", age);
        const m = egfr(0.9 * r, "M", age);
        expect(f).toBeGreaterThan(m);
        expectRelClose(f / m, 1.012);
      }),
    );
  });

  it("male > female at the same Scr and age (women: same Scr means lower GFR)", () => {
    // Below both knots F/M = 1.012 × 0.7^0.241 / 0.9^0.302 × Scr^0.061 ≈ 0.9587 × Scr^0.061 < 1
    // for Scr ≤ 0.7; between and above the knots the ratio is smaller still (≈ 0.749 above 0.9).
    fc.assert(
      fc.property(scrArb, adultAge, (scr, age) => {
        expect(egfr(scr, "M", age)).toBeGreaterThan(egfr(scr, "F", age));
      }),
    );
  });
});

describe("validated range (adults only)", () => {
  it("under 18: still computes, but flags it and sets outOfValidatedRange", () => {
    const r = egfrCkdEpi2021({ serumCreatinine: mgDl(0.5), sex: "F", ageYears: 12 });
    expect(Number.isFinite(r.value)).toBe(true);
    expect(r.value).toBeGreaterThan(0);
    expect(r.outOfValidatedRange).toBe(true);
    expect(r.flags).toHaveLength(1);
    expect(r.flags[0]).toMatch(/below 18/);
    expect(r.flags[0]).toMatch(/validated in adults only/);
    expect(r.flags[0]).toMatch(/CKiD U25/);
  });

  it("boundary: 18 is in range, 17.99 is not; 0 is accepted (flagged)", () => {
    const at = (ageYears: number) =>
      egfrCkdEpi2021({ serumCreatinine: mgDl(0.8), sex: "M", ageYears });
    expect(at(18).outOfValidatedRange).toBe(false);
    expect(at(18).flags).toEqual([]);
    expect(at(17.99).outOfValidatedRange).toBe(true);
    expect(at(0).outOfValidatedRange).toBe(true);
  });

  it("property: outOfValidatedRange ⇔ age < 18, and then there is a flag", () => {
    fc.assert(
      fc.property(scrArb, sexArb, fc.double({ min: 0, max: 120, noNaN: true }), (scr, sex, age) => {
        const r = egfrCkdEpi2021({ serumCreatinine: mgDl(scr), sex, ageYears: age });
        expect(r.outOfValidatedRange).toBe(age < 18);
        expect(r.flags.length > 0).toBe(age < 18);
        expect(r.value).toBeGreaterThan(0);
      }),
    );
  });
});

describe("errors (RangeError)", () => {
  const call =
    (value: number, unit: string, ageYears = 50, sex: EgfrSex = "F") =>
    () =>
      egfrCkdEpi2021({ serumCreatinine: { value, unit }, sex, ageYears });

  it("unknown unit", () => {
    expect(call(1, "MG/DL")).toThrow(RangeError);
    expect(call(1, "MG/DL")).toThrow(/unknown serum creatinine unit 'MG\/DL'/);
    expect(call(1, "furlongs")).toThrow(RangeError);
  });

  it("a unit of another kind", () => {
    expect(call(40, "g/L")).toThrow(RangeError);
    expect(call(40, "g/L")).toThrow(/'g\/L' is a serumAlbumin unit, not a serum creatinine unit/);
    expect(call(1, "mg/mmol")).toThrow(RangeError);
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])(
    "creatinine %d",
    (v) => {
      expect(call(v, "mg/dL")).toThrow(RangeError);
      expect(call(v, "mg/dL")).toThrow(/serum creatinine must be a finite number greater than 0/);
    },
  );

  it.each([-1, -0.01, Number.NaN, Number.POSITIVE_INFINITY])("age %d", (age) => {
    expect(call(1, "mg/dL", age)).toThrow(RangeError);
    expect(call(1, "mg/dL", age)).toThrow(/age must be a finite number/);
  });

  it("sex other than 'F' / 'M' (bypassing the type)", () => {
    expect(call(1, "mg/dL", 50, "X" as EgfrSex)).toThrow(RangeError);
    expect(call(1, "mg/dL", 50, "toString" as EgfrSex)).toThrow(RangeError);
  });
});
