/**
 * The CKiD U25 creatinine equation for estimated GFR in children and young
 * adults (1–25 years).
 *
 * Source: Pierce CB, Muñoz A, Ng DK, Warady BA, Furth SL, Schwartz GJ. Age- and
 * sex-dependent clinical equations to estimate glomerular filtration rates in
 * children and young adults with chronic kidney disease. Kidney Int
 * 2021;99(4):948–956. The article itself was NOT read: the coefficients were read
 * in the CKiD study group's own published code (github.com/ckidstudy/CKiD_U25, R,
 * SAS and Stata files, with six reference values from the group's online
 * calculator), so the evidence is `secondary`.
 *
 * ```text
 * eGFR = K × height (m) / Scr (mg/dL)
 * male:   age < 12: K = 39.0 × 1.008^(age − 12); 12 ≤ age < 18: 39.0 × 1.045^(age − 12); age ≥ 18: 50.8
 * female: age < 12: K = 36.1 × 1.008^(age − 12); 12 ≤ age < 18: 36.1 × 1.023^(age − 12); age ≥ 18: 41.4
 * ```
 *
 * @module
 */

import type { Evidence } from "../ir/types.js";
import type { Quantity } from "../units/schema.js";
import { convert, lookupUnit } from "../units/units.js";
import type { EgfrResult, EgfrSex } from "./ckdEpi2021.js";

/**
 * The citation of the CKiD U25 equation, with where its coefficients were read
 * and how well they were checked (`secondary`: the study group's published code,
 * not the article).
 *
 * @example
 * ```ts
 * import { CKID_U25_CITATION } from 'lupus-renal-criteria';
 * CKID_U25_CITATION.evidence; // 'secondary'
 * ```
 * @category eGFR
 */
export const CKID_U25_CITATION: {
  readonly short: string;
  readonly authors: string;
  readonly title: string;
  readonly journal: string;
  readonly year: number;
  readonly doi: string;
  readonly readIn: string;
  readonly evidence: Evidence;
} = {
  short: "Pierce 2021 (CKiD U25)",
  authors: "Pierce CB, Muñoz A, Ng DK, Warady BA, Furth SL, Schwartz GJ",
  title:
    "Age- and sex-dependent clinical equations to estimate glomerular filtration rates in children and young adults with chronic kidney disease",
  journal: "Kidney Int 99(4):948–956",
  year: 2021,
  /** As printed in the study group's README; the article was not opened. */
  doi: "10.1016/j.kint.2020.10.047",
  readIn:
    "github.com/ckidstudy/CKiD_U25 ('R Code for U25eGFR calculation.R', Stata and SAS files): the CKiD study group's published code",
  evidence: "secondary",
};

/**
 * The age- and sex-dependent constant K of the CKiD U25 creatinine equation
 * (height in metres, creatinine in mg/dL).
 *
 * @param sex - `'F'` or `'M'`.
 * @param ageYears - age in years (1–25).
 * @returns K.
 * @example
 * ```ts
 * import { ckidU25CreatinineK } from 'lupus-renal-criteria';
 * ckidU25CreatinineK('F', 20); // 41.4
 * ckidU25CreatinineK('M', 12); // 39
 * ```
 * @internal Not part of the public API (used by the library and its tests).
 */
export function ckidU25CreatinineK(sex: EgfrSex, ageYears: number): number {
  if (sex === "M") {
    if (ageYears < 12) return 39.0 * 1.008 ** (ageYears - 12);
    if (ageYears < 18) return 39.0 * 1.045 ** (ageYears - 12);
    return 50.8;
  }
  if (ageYears < 12) return 36.1 * 1.008 ** (ageYears - 12);
  if (ageYears < 18) return 36.1 * 1.023 ** (ageYears - 12);
  return 41.4;
}

/**
 * Input of {@link egfrCkidU25}.
 *
 * @example
 * ```ts
 * import type { EgfrCkidU25Input } from 'lupus-renal-criteria';
 * const input: EgfrCkidU25Input = { serumCreatinine: { value: 0.9, unit: 'mg/dL' }, sex: 'M', ageYears: 11, heightCm: 120 };
 * ```
 * @category eGFR
 */
export interface EgfrCkidU25Input {
  /** Serum creatinine (IDMS-traceable), in any serum-creatinine unit. */
  readonly serumCreatinine: Quantity;
  readonly sex: EgfrSex;
  /** Age in years (1–25). */
  readonly ageYears: number;
  /** Height in centimetres (converted to metres for the equation). */
  readonly heightCm: number;
}

/**
 * Estimate GFR with the CKiD U25 creatinine equation (Pierce CB et al., Kidney Int
 * 2021;99:948–956; coefficients read in the study group's published code, evidence
 * `secondary`). Unrounded; outside 1–25 years a value is returned with
 * `outOfValidatedRange: true` and a flag.
 *
 * @param input - serum creatinine (with unit), sex, age in years and height in cm.
 * @returns the eGFR in mL/min/1.73 m², unrounded, with flags.
 * @throws `RangeError` for an unknown or non-creatinine unit, a censored creatinine,
 *   or a creatinine, height or age that is not a finite positive number.
 * @example
 * ```ts
 * import { egfrCkidU25 } from 'lupus-renal-criteria';
 * // The study group's calculator: male, 11 years, 1.2 m, SCr 0.9 mg/dL → 51.6
 * egfrCkidU25({ serumCreatinine: { value: 0.9, unit: 'mg/dL' }, sex: 'M', ageYears: 11, heightCm: 120 }).value; // ≈ 51.59
 * ```
 * @category eGFR
 */
export function egfrCkidU25(input: EgfrCkidU25Input): EgfrResult {
  const { serumCreatinine, sex, ageYears, heightCm } = input;
  const info = lookupUnit(serumCreatinine.unit);
  if (info?.kind !== "serumCreatinine") {
    throw new RangeError(
      `CKiD U25: '${serumCreatinine.unit}' is not a serum creatinine unit (expected e.g. 'umol/L', 'µmol/L' or 'mg/dL')`,
    );
  }
  if (serumCreatinine.censor !== undefined) {
    throw new RangeError(
      `CKiD U25: serum creatinine ${serumCreatinine.censor}${serumCreatinine.value} ${serumCreatinine.unit} is a censored value; the equation needs an exact one`,
    );
  }
  if (!Number.isFinite(serumCreatinine.value) || serumCreatinine.value <= 0) {
    throw new RangeError(
      `CKiD U25: serum creatinine must be a finite number greater than 0 (got ${serumCreatinine.value} ${serumCreatinine.unit})`,
    );
  }
  if (!Number.isFinite(heightCm) || heightCm <= 0) {
    throw new RangeError(
      `CKiD U25: height must be a finite number of centimetres > 0 (got ${heightCm})`,
    );
  }
  if (!Number.isFinite(ageYears) || ageYears < 0) {
    throw new RangeError(`CKiD U25: age must be a finite number of years ≥ 0 (got ${ageYears})`);
  }
  if (sex !== "F" && sex !== "M") {
    throw new RangeError(`CKiD U25: sex must be 'F' or 'M' (got '${String(sex)}')`);
  }
  const scrMgDl = convert(serumCreatinine.value, serumCreatinine.unit, "mg/dL");
  const value = (ckidU25CreatinineK(sex, ageYears) * (heightCm / 100)) / scrMgDl;
  const flags: string[] = [];
  const outOfValidatedRange = ageYears < 1 || ageYears > 25;
  if (outOfValidatedRange) {
    flags.push(
      `Age ${ageYears} years is outside 1–25: the CKiD U25 equation is given for ages 1–25.`,
    );
  }
  return {
    value,
    unit: "mL/min/1.73m2",
    equation: "CKiD U25 creatinine",
    equationId: "ckid-u25-2021",
    flags,
    outOfValidatedRange,
  };
}
