/**
 * The race-free CKD-EPI 2021 creatinine equation for estimated GFR in adults.
 *
 * Source: Inker LA, Eneanya ND, Coresh J, et al. New creatinine- and cystatin
 * C–based equations to estimate GFR without race. N Engl J Med
 * 2021;385:1737–1749. doi:10.1056/NEJMoa2102953. Coefficients cross-checked
 * against the National Kidney Foundation page
 * https://kidney.org/ckd-epi-creatinine-equation-2021:
 *
 * ```text
 * eGFRcr = 142 × min(Scr/κ, 1)^α × max(Scr/κ, 1)^−1.200 × 0.9938^Age × 1.012 [if female]
 * Scr in mg/dL (IDMS-standardized); κ = 0.7 (F) / 0.9 (M); α = −0.241 (F) / −0.302 (M)
 * ```
 *
 * Nothing is rounded here. The caller rounds for display (the NKF calculators
 * report whole numbers of mL/min/1.73 m²).
 *
 * @module
 */

import type { Quantity } from "../units/schema.js";
import { convert, lookupUnit } from "../units/units.js";

/**
 * The citation of the equation (Inker et al., NEJM 2021). The equation was read on
 * the National Kidney Foundation page (`url`, verified); the article's DOI is not
 * given because the research notes could not verify it (tagged [U]): it is kept,
 * marked unverified, in `unverifiedDoi`.
 *
 * @example
 * ```ts
 * import { CKD_EPI_2021_CITATION } from 'lupus-renal-criteria';
 * CKD_EPI_2021_CITATION.url; // 'https://kidney.org/ckd-epi-creatinine-equation-2021'
 * ```
 * @category eGFR
 */
export const CKD_EPI_2021_CITATION = {
  short: "Inker 2021",
  authors: "Inker LA, Eneanya ND, Coresh J, et al.",
  title: "New creatinine- and cystatin C–based equations to estimate GFR without race",
  journal: "N Engl J Med",
  year: 2021,
  volume: 385,
  pages: "1737–1749",
  url: "https://kidney.org/ckd-epi-creatinine-equation-2021",
  /** The article's DOI as recalled; not verified (clinical-definitions.md §0, [U]). */
  unverifiedDoi: "10.1056/NEJMoa2102953",
} as const;

/**
 * The equation's leading multiplier, 142 (mL/min/1.73 m²).
 *
 * Source: Inker LA et al., N Engl J Med 2021;385:1737–1749, doi:10.1056/NEJMoa2102953.
 *
 * @example
 * ```ts
 * import { CKD_EPI_2021_MULTIPLIER } from 'lupus-renal-criteria';
 * CKD_EPI_2021_MULTIPLIER; // 142
 * ```
 * @internal Not part of the public API (used by the library and its tests).
 */
export const CKD_EPI_2021_MULTIPLIER = 142;

/**
 * The exponent applied to `max(Scr/κ, 1)`, i.e. above the knot: −1.200 (both sexes).
 *
 * Source: Inker LA et al., N Engl J Med 2021;385:1737–1749, doi:10.1056/NEJMoa2102953.
 *
 * @example
 * ```ts
 * import { CKD_EPI_2021_HIGH_EXPONENT } from 'lupus-renal-criteria';
 * CKD_EPI_2021_HIGH_EXPONENT; // -1.2
 * ```
 * @internal Not part of the public API (used by the library and its tests).
 */
export const CKD_EPI_2021_HIGH_EXPONENT = -1.2;

/**
 * The per-year age factor, 0.9938 (raised to the age in years).
 *
 * Source: Inker LA et al., N Engl J Med 2021;385:1737–1749, doi:10.1056/NEJMoa2102953.
 *
 * @example
 * ```ts
 * import { CKD_EPI_2021_AGE_BASE } from 'lupus-renal-criteria';
 * CKD_EPI_2021_AGE_BASE ** 50; // ≈ 0.7327
 * ```
 * @internal Not part of the public API (used by the library and its tests).
 */
export const CKD_EPI_2021_AGE_BASE = 0.9938;

/**
 * The multiplier applied for female sex, 1.012.
 *
 * Source: Inker LA et al., N Engl J Med 2021;385:1737–1749, doi:10.1056/NEJMoa2102953.
 *
 * @example
 * ```ts
 * import { CKD_EPI_2021_FEMALE_FACTOR } from 'lupus-renal-criteria';
 * CKD_EPI_2021_FEMALE_FACTOR; // 1.012
 * ```
 * @internal Not part of the public API (used by the library and its tests).
 */
export const CKD_EPI_2021_FEMALE_FACTOR = 1.012;

/**
 * The sex-specific coefficients: the knot κ (mg/dL) and the exponent α applied
 * to `min(Scr/κ, 1)`, i.e. below the knot.
 *
 * Source: Inker LA et al., N Engl J Med 2021;385:1737–1749, doi:10.1056/NEJMoa2102953.
 *
 * @example
 * ```ts
 * import { CKD_EPI_2021_SEX_COEFFICIENTS } from 'lupus-renal-criteria';
 * CKD_EPI_2021_SEX_COEFFICIENTS.F; // { kappaMgDl: 0.7, alpha: -0.241 }
 * CKD_EPI_2021_SEX_COEFFICIENTS.M; // { kappaMgDl: 0.9, alpha: -0.302 }
 * ```
 * @internal Not part of the public API (used by the library and its tests).
 */
export const CKD_EPI_2021_SEX_COEFFICIENTS: Readonly<
  Record<EgfrSex, { readonly kappaMgDl: number; readonly alpha: number }>
> = {
  F: { kappaMgDl: 0.7, alpha: -0.241 },
  M: { kappaMgDl: 0.9, alpha: -0.302 },
};

/**
 * The lowest age (years) at which the equation is validated: it was developed
 * and validated in adults (18 years and older).
 *
 * @example
 * ```ts
 * import { CKD_EPI_2021_MIN_VALIDATED_AGE } from 'lupus-renal-criteria';
 * CKD_EPI_2021_MIN_VALIDATED_AGE; // 18
 * ```
 * @internal Not part of the public API (used by the library and its tests).
 */
export const CKD_EPI_2021_MIN_VALIDATED_AGE = 18;

/**
 * Identifier of a creatinine eGFR equation: race-free CKD-EPI 2021 (adults),
 * bedside Schwartz 2009 (children) or CKiD U25 (ages 1–25).
 *
 * @example
 * ```ts
 * import type { EgfrEquationId } from 'lupus-renal-criteria';
 * const id: EgfrEquationId = 'bedside-schwartz-2009';
 * ```
 * @category eGFR
 */
export type EgfrEquationId = "ckd-epi-2021" | "bedside-schwartz-2009" | "ckid-u25-2021";

/**
 * Sex as used by the equation: `'F'` (female) or `'M'` (male).
 *
 * @example
 * ```ts
 * import type { EgfrSex } from 'lupus-renal-criteria';
 * const sex: EgfrSex = 'F';
 * ```
 * @category eGFR
 */
export type EgfrSex = "F" | "M";

/**
 * Input of {@link egfrCkdEpi2021}.
 *
 * @example
 * ```ts
 * import type { EgfrCkdEpi2021Input } from 'lupus-renal-criteria';
 * const input: EgfrCkdEpi2021Input = {
 *   serumCreatinine: { value: 63, unit: 'µmol/L' }, sex: 'F', ageYears: 49,
 * };
 * ```
 * @category eGFR
 */
export interface EgfrCkdEpi2021Input {
  /** Serum creatinine (IDMS-standardized), in any serum-creatinine unit (`umol/L`, `µmol/L`, `mg/dL` …). */
  readonly serumCreatinine: Quantity;
  /** Sex: `'F'` or `'M'`. */
  readonly sex: EgfrSex;
  /** Age in years (may be fractional); must be finite and ≥ 0. */
  readonly ageYears: number;
}

/**
 * The result of an eGFR computation. `value` is unrounded: round it for display.
 *
 * @example
 * ```ts
 * import type { EgfrResult } from 'lupus-renal-criteria';
 * const r: EgfrResult = {
 *   value: 105.3, unit: 'mL/min/1.73m2', equation: 'CKD-EPI 2021 creatinine',
 *   equationId: 'ckd-epi-2021', flags: [], outOfValidatedRange: false,
 * };
 * ```
 * @category eGFR
 */
export interface EgfrResult {
  /** Estimated GFR, unrounded. */
  value: number;
  /** Always `'mL/min/1.73m2'`. */
  unit: "mL/min/1.73m2";
  /** The equation used, in words. */
  equation: "CKD-EPI 2021 creatinine" | "bedside Schwartz 2009" | "CKiD U25 creatinine";
  /** The equation used, as an identifier. */
  equationId: EgfrEquationId;
  /** Human-readable warnings (e.g. age outside the validated range); empty when none. */
  flags: string[];
  /** True when an input lies outside the population in which the equation was validated. */
  outOfValidatedRange: boolean;
}

/**
 * Estimate GFR with the race-free CKD-EPI 2021 creatinine equation
 * (Inker LA et al., N Engl J Med 2021;385:1737–1749, doi:10.1056/NEJMoa2102953).
 *
 * The creatinine is converted to mg/dL with the unit table (1 mg/dL = 88.4 µmol/L).
 * The result is **not rounded**; the caller rounds for display (the NKF
 * calculators report whole numbers). Under 18 years the equation is not
 * validated: a value is still returned, but with `outOfValidatedRange: true` and
 * a flag recommending a paediatric equation (CKiD U25).
 *
 * This is a low-level function: inputs are expected to have been validated
 * already (see `quantitySchema`), and invalid ones throw.
 *
 * @param input - serum creatinine (with unit), sex and age in years.
 * @returns the eGFR in mL/min/1.73 m², unrounded, with flags.
 * @throws `RangeError` when the creatinine unit is unknown or not a serum-creatinine
 *   unit, when the creatinine is not a finite number > 0 or is censored (`<40`), or
 *   when the age is not a finite number ≥ 0.
 * @example
 * ```ts
 * import { egfrCkdEpi2021 } from 'lupus-renal-criteria';
 * const r = egfrCkdEpi2021({ serumCreatinine: { value: 0.7, unit: 'mg/dL' }, sex: 'F', ageYears: 50 });
 * Math.round(r.value); // 105  (142 × 0.9938^50 × 1.012 ≈ 105.30)
 * egfrCkdEpi2021({ serumCreatinine: { value: 63, unit: 'µmol/L' }, sex: 'F', ageYears: 49 }).value; // ≈ 103.70
 * ```
 * @category eGFR
 */
export function egfrCkdEpi2021(input: EgfrCkdEpi2021Input): EgfrResult {
  const { serumCreatinine, sex, ageYears } = input;
  const unitInfo = lookupUnit(serumCreatinine.unit);
  if (!unitInfo) {
    throw new RangeError(
      `CKD-EPI 2021: unknown serum creatinine unit '${serumCreatinine.unit}' (expected e.g. 'umol/L', 'µmol/L' or 'mg/dL')`,
    );
  }
  if (unitInfo.kind !== "serumCreatinine") {
    throw new RangeError(
      `CKD-EPI 2021: '${serumCreatinine.unit}' is a ${unitInfo.kind} unit, not a serum creatinine unit (expected e.g. 'umol/L', 'µmol/L' or 'mg/dL')`,
    );
  }
  if (serumCreatinine.censor !== undefined) {
    throw new RangeError(
      `CKD-EPI 2021: serum creatinine ${serumCreatinine.censor}${serumCreatinine.value} ${serumCreatinine.unit} is a censored value; the equation needs an exact one`,
    );
  }
  if (!Number.isFinite(serumCreatinine.value) || serumCreatinine.value <= 0) {
    throw new RangeError(
      `CKD-EPI 2021: serum creatinine must be a finite number greater than 0 (got ${serumCreatinine.value} ${serumCreatinine.unit})`,
    );
  }
  if (!Number.isFinite(ageYears) || ageYears < 0) {
    throw new RangeError(
      `CKD-EPI 2021: age must be a finite number of years ≥ 0 (got ${ageYears})`,
    );
  }
  if (sex !== "F" && sex !== "M") {
    throw new RangeError(`CKD-EPI 2021: sex must be 'F' or 'M' (got '${String(sex)}')`);
  }
  const coefficients = CKD_EPI_2021_SEX_COEFFICIENTS[sex];

  const scrMgDl = convert(serumCreatinine.value, serumCreatinine.unit, "mg/dL");
  const ratio = scrMgDl / coefficients.kappaMgDl;
  const value =
    CKD_EPI_2021_MULTIPLIER *
    Math.min(ratio, 1) ** coefficients.alpha *
    Math.max(ratio, 1) ** CKD_EPI_2021_HIGH_EXPONENT *
    CKD_EPI_2021_AGE_BASE ** ageYears *
    (sex === "F" ? CKD_EPI_2021_FEMALE_FACTOR : 1);

  const flags: string[] = [];
  let outOfValidatedRange = false;
  if (ageYears < CKD_EPI_2021_MIN_VALIDATED_AGE) {
    outOfValidatedRange = true;
    flags.push(
      `Age ${ageYears} years is below ${CKD_EPI_2021_MIN_VALIDATED_AGE}: the CKD-EPI 2021 creatinine equation is validated in adults only, so this eGFR is outside its validated range; for children and young adults use a paediatric equation such as CKiD U25.`,
    );
  }

  return {
    value,
    unit: "mL/min/1.73m2",
    equation: "CKD-EPI 2021 creatinine",
    equationId: "ckd-epi-2021",
    flags,
    outOfValidatedRange,
  };
}
