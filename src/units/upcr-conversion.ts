/**
 * The two ways of relating a UPCR in mg/mmol to the mass ratios (g/g, mg/g,
 * mg/mg) — and, under the engine's substitution option, to 24-h urine protein:
 * the exact factor (creatinine molar mass 113.12 g/mol, 1 g/g = 113.12 mg/mmol)
 * or the pairing the guidelines print ("< 0.5 g/g (50 mg/mmol)": 1 g/g =
 * 100 mg/mmol). Every backend (interpreter, closure compiler, code generator,
 * SQL) takes its mg/mmol factor from `unitUnder`, so they agree.
 *
 * @module
 */
import { CREATININE_MOLAR_MASS_MG_PER_MMOL, lookupUnit, type UnitInfo } from "./units.js";

/**
 * How a UPCR in mg/mmol is related to a mass ratio: `exact` (1 g/g = 113.12
 * mg/mmol, creatinine 113.12 g/mol) or `printed` (1 g/g = 100 mg/mmol, the
 * pairing the guidelines print, e.g. KDIGO "< 0.5 g/g (50 mg/mmol)").
 *
 * @example
 * ```ts
 * import type { UpcrConversion } from 'lupus-renal-criteria';
 * const c: UpcrConversion = 'printed';
 * ```
 * @category Units
 */
export type UpcrConversion = "exact" | "printed";

/**
 * mg/mmol per g/g in the pairing the guidelines print (KDIGO 2012 Table 29:
 * 500 mg/g ↔ 50 mg/mmol; KDIGO 2024: 0.5 g/g ↔ 50 mg/mmol, 3 g/g ↔ 300 mg/mmol).
 *
 * @example
 * ```ts
 * import { UPCR_PRINTED_MG_PER_MMOL_PER_G_PER_G } from 'lupus-renal-criteria';
 * const mgPerMmol = 0.5 * UPCR_PRINTED_MG_PER_MMOL_PER_G_PER_G; // 50
 * ```
 * @category Units
 */
export const UPCR_PRINTED_MG_PER_MMOL_PER_G_PER_G = 100;

const MG_PER_MMOL = lookupUnit("mg/mmol") as UnitInfo;
const PRINTED: UnitInfo = Object.freeze({
  ...MG_PER_MMOL,
  toBase: 1 / UPCR_PRINTED_MG_PER_MMOL_PER_G_PER_G,
  factorSource: "printed pairing",
});

/**
 * The unit as a conversion reading uses it: mg/mmol with the factor of the
 * reading (exact 1/113.12 g/g, printed 1/100 g/g); any other unit unchanged.
 *
 * @param info - a looked-up unit.
 * @param conversion - the reading (`undefined`: exact).
 * @returns the unit with the reading's factor.
 * @example
 * ```ts
 * import { convertInfo, lookupUnit, unitUnder } from 'lupus-renal-criteria';
 * const mmol = unitUnder(lookupUnit('mg/mmol')!, 'printed');
 * convertInfo(50, mmol, lookupUnit('g/g')!); // 0.5
 * ```
 * @internal Not part of the public API (used by the library and its tests).
 */
export function unitUnder(info: UnitInfo, conversion: UpcrConversion | undefined): UnitInfo {
  return conversion === "printed" && info.canonical === "mg/mmol" ? PRINTED : info;
}

/**
 * Whether relating these units crosses between mg/mmol and a mass unit (g/g,
 * mg/g, mg/mg, g/24h, mg/24h): only then does the conversion reading matter.
 *
 * @param units - canonical unit spellings involved in one comparison (others, e.g. `%`, are ignored).
 * @returns true when both families occur.
 * @example
 * ```ts
 * import { crossesUpcrFamilies } from 'lupus-renal-criteria';
 * crossesUpcrFamilies(['mg/mmol', 'g/g']); // true
 * crossesUpcrFamilies(['mg/mmol', 'mg/mmol']); // false
 * ```
 * @internal Not part of the public API (used by the library and its tests).
 */
export function crossesUpcrFamilies(units: readonly string[]): boolean {
  return units.includes("mg/mmol") && units.some((u) => MASS.includes(u));
}

const MASS = ["g/g", "mg/mg", "mg/g", "g/24h", "mg/24h"];

/**
 * The sentence a result carries (in `assumptions`) when a conversion reading was
 * applied: `printed` is the source's own pairing, `exact` the creatinine molar mass.
 *
 * @param conversion - the reading used.
 * @returns the assumption text.
 * @example
 * ```ts
 * import { upcrConversionNote } from 'lupus-renal-criteria';
 * upcrConversionNote('printed'); // "upcrConversion 'printed': UPCR mg/mmol ↔ g/g at 1 g/g = 100 mg/mmol"
 * ```
 * @internal Not part of the public API (used by the library and its tests).
 */
export function upcrConversionNote(conversion: UpcrConversion): string {
  return `upcrConversion '${conversion}': UPCR mg/mmol ↔ g/g at 1 g/g = ${conversion === "printed" ? UPCR_PRINTED_MG_PER_MMOL_PER_G_PER_G : CREATININE_MOLAR_MASS_MG_PER_MMOL} mg/mmol`;
}
