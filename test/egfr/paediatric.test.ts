// Paediatric eGFR (issue 12 item 8). Golden values are worked by hand from the published
// equations (the arithmetic is in the comments), or are the CKiD study group's own calculator
// outputs printed in its published code (github.com/ckidstudy/CKiD_U25, R file header).
import { describe, expect, it } from "vitest";
import { ckidU25CreatinineK } from "../../src/egfr/ckidU25.js";
import { SCHWARTZ_2009_K } from "../../src/egfr/schwartz2009.js";
import {
  CKID_U25_CITATION,
  egfrBedsideSchwartz2009,
  egfrCkidU25,
  estimateEgfr,
  SCHWARTZ_2009_CITATION,
} from "../../src/index.js";

const mgDl = (value: number) => ({ value, unit: "mg/dL" });
const umolL = (value: number) => ({ value, unit: "umol/L" });

describe("bedside Schwartz 2009: 0.413 × height (cm) / Scr (mg/dL) (NKF page, [V])", () => {
  it("k is 0.413 and the DOI is kept as unverified", () => {
    expect(SCHWARTZ_2009_K).toBe(0.413);
    expect(SCHWARTZ_2009_CITATION).not.toHaveProperty("doi");
    expect(SCHWARTZ_2009_CITATION.unverifiedDoi).toBe("10.1681/ASN.2008030287");
  });
  it.each([
    // 0.413 × 100 / 1.0 = 41.3
    [mgDl(1.0), 100, 41.3],
    // 0.413 × 150 / 0.5 = 61.95 / 0.5 = 123.9
    [mgDl(0.5), 150, 123.9],
    // 62 µmol/L = 62 / 88.4 mg/dL; 0.413 × 160 × 88.4 / 62 = 66.08 × 88.4 / 62 = 5841.472 / 62 = 94.2173
    [umolL(62), 160, 94.2173],
  ])("Scr %j, height %s cm → %s", (scr, heightCm, want) => {
    expect(egfrBedsideSchwartz2009({ serumCreatinine: scr, heightCm }).value).toBeCloseTo(want, 4);
  });
  it("flags ages outside 1–18", () => {
    const r = egfrBedsideSchwartz2009({ serumCreatinine: mgDl(1), heightCm: 170, ageYears: 19 });
    expect(r.outOfValidatedRange).toBe(true);
    expect(r.equationId).toBe("bedside-schwartz-2009");
    expect(
      egfrBedsideSchwartz2009({ serumCreatinine: mgDl(1), heightCm: 170, ageYears: 18 })
        .outOfValidatedRange,
    ).toBe(false);
  });
  it("rejects a non-creatinine unit and a non-positive height", () => {
    expect(() =>
      egfrBedsideSchwartz2009({ serumCreatinine: { value: 1, unit: "g/L" }, heightCm: 150 }),
    ).toThrow(RangeError);
    expect(() => egfrBedsideSchwartz2009({ serumCreatinine: mgDl(1), heightCm: 0 })).toThrow(
      RangeError,
    );
  });
});

describe("CKiD U25 creatinine (Pierce 2021; coefficients from the study group's code: secondary)", () => {
  it("is labelled secondary, not verified", () => {
    expect(CKID_U25_CITATION.evidence).toBe("secondary");
  });
  // The six reference values printed in the study group's R code (from its online calculator).
  it.each([
    // K = 39.0 × 1.008^(11−12) = 38.6905; × 1.2 / 0.9 = 51.587
    ["M", 11, 120, 0.9, 51.6],
    // K = 36.1 / 1.008 = 35.8135; × 1.2 / 0.9 = 47.751
    ["F", 11, 120, 0.9, 47.8],
    // K = 39.0 × 1.045^3 = 39.0 × 1.141166 = 44.5055; × 1.6 / 1.9 = 37.478
    ["M", 15, 160, 1.9, 37.5],
    // K = 36.1 × 1.023^3 = 36.1 × 1.070599 = 38.6486; × 1.6 / 1.9 = 32.546
    ["F", 15, 160, 1.9, 32.5],
    // K = 50.8; × 1.81 / 2.1 = 43.785
    ["M", 20, 181, 2.1, 43.8],
    // K = 41.4; × 1.81 / 2.1 = 35.683
    ["F", 20, 181, 2.1, 35.7],
  ] as const)(
    "%s, %s y, %s cm, Scr %s mg/dL → %s (calculator)",
    (sex, ageYears, heightCm, scr, want) => {
      expect(
        egfrCkidU25({ serumCreatinine: mgDl(scr), sex, ageYears, heightCm }).value,
      ).toBeCloseTo(want, 1);
    },
  );
  it("K by hand: female 16 y → 36.1 × 1.023^4 = 36.1 × 1.095223 = 39.5375; 160 cm, 1.0 mg/dL → 63.260", () => {
    expect(ckidU25CreatinineK("F", 16)).toBeCloseTo(39.5375, 3);
    expect(
      egfrCkidU25({ serumCreatinine: mgDl(1), sex: "F", ageYears: 16, heightCm: 160 }).value,
    ).toBeCloseTo(63.26, 2);
  });
  it("the age bands switch at 12 and 18", () => {
    expect(ckidU25CreatinineK("M", 12)).toBe(39.0);
    expect(ckidU25CreatinineK("F", 12)).toBe(36.1);
    expect(ckidU25CreatinineK("M", 18)).toBe(50.8);
    expect(ckidU25CreatinineK("F", 18)).toBe(41.4);
    // 17.99: still the 12–18 band, 39.0 × 1.045^5.99 ≈ 50.76 (not 50.8)
    expect(ckidU25CreatinineK("M", 17.99)).toBeCloseTo(39.0 * 1.045 ** 5.99, 10);
  });
});

describe("estimateEgfr: the equation follows the age; missing paediatric inputs are indeterminate", () => {
  it("Zhang 2023 Table 1 patient 12 (F, 16 y, 62 µmol/L, height not reported): indeterminate, not CKD-EPI", () => {
    const e = estimateEgfr({ patient: { sex: "F", ageYears: 16 }, serumCreatinine: umolL(62) });
    expect(e).toMatchObject({
      status: "indeterminate",
      equation: "bedside-schwartz-2009",
      missing: ["patient.heightCm"],
    });
    expect(e.value).toBeUndefined();
  });
  it("with a height of 160 cm: bedside Schwartz, 94.2173 (worked above)", () => {
    const e = estimateEgfr({
      patient: { sex: "F", ageYears: 16, heightCm: 160 },
      serumCreatinine: umolL(62),
    });
    expect(e.status).toBe("estimated");
    expect(e.equation).toBe("bedside-schwartz-2009");
    expect(e.evidence).toBe("verified");
    expect(e.value).toBeCloseTo(94.2173, 4);
  });
  it("bedside Schwartz needs no sex; CKiD U25 does", () => {
    const input = { patient: { ageYears: 15, heightCm: 160 }, serumCreatinine: mgDl(1.9) };
    expect(estimateEgfr(input).status).toBe("estimated");
    const u = estimateEgfr(input, { paediatricEquation: "ckid-u25-2021" });
    expect(u).toMatchObject({
      status: "indeterminate",
      missing: ["patient.sex"],
      evidence: "secondary",
    });
  });
  it("CKiD U25 as the paediatric reading: F 15 y, 160 cm, 1.9 mg/dL → 32.5 (calculator)", () => {
    const e = estimateEgfr(
      { patient: { sex: "F", ageYears: 15, heightCm: 160 }, serumCreatinine: mgDl(1.9) },
      { paediatricEquation: "ckid-u25-2021" },
    );
    expect(e.equation).toBe("ckid-u25-2021");
    expect(e.value).toBeCloseTo(32.5, 1);
  });
  it("from 18 years CKD-EPI 2021: F 49 y, 63 µmol/L → 103.70 (the NKF equation by hand)", () => {
    // 63 / 88.4 = 0.71267 mg/dL; /0.7 = 1.01810 > 1: 142 × 1.01810^−1.2 × 0.9938^49 × 1.012 = 103.698
    const e = estimateEgfr({ patient: { sex: "F", ageYears: 49 }, serumCreatinine: umolL(63) });
    expect(e.equation).toBe("ckd-epi-2021");
    expect(e.value).toBeCloseTo(103.698, 2);
    expect(e.flags).toEqual([]);
  });
  it("the boundary: 18 y uses CKD-EPI 2021, 17.9 y the paediatric equation", () => {
    const at = (ageYears: number) =>
      estimateEgfr({ patient: { sex: "M", ageYears, heightCm: 170 }, serumCreatinine: mgDl(1) })
        .equation;
    expect(at(18)).toBe("ckd-epi-2021");
    expect(at(17.9)).toBe("bedside-schwartz-2009");
  });
  it("an adult without sex, a patient without age, a missing creatinine: indeterminate with the paths", () => {
    expect(estimateEgfr({ patient: { ageYears: 40 }, serumCreatinine: mgDl(1) }).missing).toEqual([
      "patient.sex",
    ]);
    const noAge = estimateEgfr({ patient: { sex: "F" }, serumCreatinine: mgDl(1) });
    expect(noAge.status).toBe("indeterminate");
    expect(noAge.equation).toBeUndefined();
    expect(noAge.missing).toEqual(["patient.ageYears"]);
    expect(
      estimateEgfr(
        { patient: { sex: "F", ageYears: 30 } },
        { creatininePath: "baseline.serumCreatinine" },
      ).missing,
    ).toEqual(["baseline.serumCreatinine"]);
  });
});
