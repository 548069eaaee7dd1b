/**
 * The bedside Schwartz (2009) creatinine equation for estimated GFR in children.
 *
 * Source: Schwartz GJ, Muñoz A, Schneider MF, et al. New equations to estimate GFR
 * in children with CKD. J Am Soc Nephrol 2009;20:629–637. The equation was read on
 * the National Kidney Foundation page (clinical-definitions.md §0, [V]):
 *
 * ```text
 * eGFR (mL/min/1.73 m²) = 0.413 × height (cm) / Scr (mg/dL)
 * ```
 *
 * valid with IDMS-traceable (enzymatic) creatinine, children 1–18 years. Nothing is
 * rounded here.
 *
 * @module
 */

import type { Quantity } from "../units/schema.js";
import { convert, lookupUnit } from "../units/units.js";
import type { EgfrResult } from "./ckdEpi2021.js";

/**
 * The citation of the bedside Schwartz equation. The equation was read on the
 * National Kidney Foundation page (`url`, verified); the article's DOI is not
 * verified (clinical-definitions.md §0, [U]) and is kept, marked so, in
 * `unverifiedDoi`.
 *
 * @example
 * ```ts
 * import { SCHWARTZ_2009_CITATION } from 'lupus-renal-criteria';
 * SCHWARTZ_2009_CITATION.short; // 'Schwartz 2009'
 * ```
 * @category eGFR
 */
export const SCHWARTZ_2009_CITATION = {
  short: "Schwartz 2009",
  authors: "Schwartz GJ, Muñoz A, Schneider MF, et al.",
  title: "New equations to estimate GFR in children with CKD",
  journal: "J Am Soc Nephrol",
  year: 2009,
  volume: 20,
  pages: "629–637",
  url: "https://www.kidney.org/content/creatinine-based-%E2%80%9Cbedside-schwartz%E2%80%9D-equation-2009",
  /** The article's DOI as recalled; not verified (clinical-definitions.md §0, [U]). */
  unverifiedDoi: "10.1681/ASN.2008030287",
} as const;

/**
 * The bedside Schwartz constant k = 0.413 (with height in cm and creatinine in mg/dL).
 *
 * Source: Schwartz GJ et al., J Am Soc Nephrol 2009;20:629–637, as printed on the NKF page.
 *
 * @example
 * ```ts
 * import { SCHWARTZ_2009_K } from 'lupus-renal-criteria';
 * SCHWARTZ_2009_K * 100 / 1.0; // 41.3 mL/min/1.73 m² for 100 cm and 1.0 mg/dL
 * ```
 * @internal Not part of the public API (used by the library and its tests).
 */
export const SCHWARTZ_2009_K = 0.413;

/**
 * The ages (years) for which the equation is given: children 1 to 18 years.
 *
 * @example
 * ```ts
 * import { SCHWARTZ_2009_AGE_RANGE } from 'lupus-renal-criteria';
 * SCHWARTZ_2009_AGE_RANGE; // { min: 1, max: 18 }
 * ```
 * @internal Not part of the public API (used by the library and its tests).
 */
export const SCHWARTZ_2009_AGE_RANGE = { min: 1, max: 18 } as const;

/**
 * Input of {@link egfrBedsideSchwartz2009}.
 *
 * @example
 * ```ts
 * import type { EgfrSchwartz2009Input } from 'lupus-renal-criteria';
 * const input: EgfrSchwartz2009Input = { serumCreatinine: { value: 62, unit: 'umol/L' }, heightCm: 160, ageYears: 16 };
 * ```
 * @category eGFR
 */
export interface EgfrSchwartz2009Input {
  /** Serum creatinine (IDMS-traceable, enzymatic), in any serum-creatinine unit. */
  readonly serumCreatinine: Quantity;
  /** Height in centimetres; finite and > 0. */
  readonly heightCm: number;
  /** Age in years, when known: only used to flag ages outside 1–18. */
  readonly ageYears?: number | undefined;
}

/**
 * Estimate GFR in a child with the bedside Schwartz 2009 equation,
 * `0.413 × height (cm) / Scr (mg/dL)` (Schwartz GJ et al., J Am Soc Nephrol
 * 2009;20:629–637, as printed by the National Kidney Foundation). The creatinine is
 * converted to mg/dL with the unit table (1 mg/dL = 88.4 µmol/L); the result is
 * not rounded. Outside 1–18 years a value is returned with
 * `outOfValidatedRange: true` and a flag.
 *
 * @param input - serum creatinine (with unit), height in cm, and optionally age.
 * @returns the eGFR in mL/min/1.73 m², unrounded, with flags.
 * @throws `RangeError` for an unknown or non-creatinine unit, a censored creatinine,
 *   a creatinine that is not a finite number > 0, or a height that is not a finite number > 0.
 * @example
 * ```ts
 * import { egfrBedsideSchwartz2009 } from 'lupus-renal-criteria';
 * egfrBedsideSchwartz2009({ serumCreatinine: { value: 0.5, unit: 'mg/dL' }, heightCm: 150 }).value; // ≈ 123.9
 * ```
 * @category eGFR
 */
export function egfrBedsideSchwartz2009(input: EgfrSchwartz2009Input): EgfrResult {
  const { serumCreatinine, heightCm, ageYears } = input;
  const info = lookupUnit(serumCreatinine.unit);
  if (info?.kind !== "serumCreatinine") {
    throw new RangeError(
      `bedside Schwartz 2009: '${serumCreatinine.unit}' is not a serum creatinine unit (expected e.g. 'umol/L', 'µmol/L' or 'mg/dL')`,
    );
  }
  if (serumCreatinine.censor !== undefined) {
    throw new RangeError(
      `bedside Schwartz 2009: serum creatinine ${serumCreatinine.censor}${serumCreatinine.value} ${serumCreatinine.unit} is a censored value; the equation needs an exact one`,
    );
  }
  if (!Number.isFinite(serumCreatinine.value) || serumCreatinine.value <= 0) {
    throw new RangeError(
      `bedside Schwartz 2009: serum creatinine must be a finite number greater than 0 (got ${serumCreatinine.value} ${serumCreatinine.unit})`,
    );
  }
  if (!Number.isFinite(heightCm) || heightCm <= 0) {
    throw new RangeError(
      `bedside Schwartz 2009: height must be a finite number of centimetres > 0 (got ${heightCm})`,
    );
  }
  const scrMgDl = convert(serumCreatinine.value, serumCreatinine.unit, "mg/dL");
  const value = (SCHWARTZ_2009_K * heightCm) / scrMgDl;
  const flags: string[] = [];
  let outOfValidatedRange = false;
  if (
    ageYears !== undefined &&
    (ageYears < SCHWARTZ_2009_AGE_RANGE.min || ageYears > SCHWARTZ_2009_AGE_RANGE.max)
  ) {
    outOfValidatedRange = true;
    flags.push(
      `Age ${ageYears} years is outside 1–18: the bedside Schwartz 2009 equation is given for children.`,
    );
  }
  return {
    value,
    unit: "mL/min/1.73m2",
    equation: "bedside Schwartz 2009",
    equationId: "bedside-schwartz-2009",
    flags,
    outOfValidatedRange,
  };
}
