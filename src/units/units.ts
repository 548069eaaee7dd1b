/**
 * Measurement kinds, their units, and the conversion factors between them.
 *
 * Every factor is a named constant with its source. Conversions between two
 * *measurement kinds* (24-h urine protein vs spot UPCR) are deliberately absent:
 * they are different measurements, and substituting one for the other is an
 * explicit, flagged option of the engine, never a unit conversion.
 *
 * @module
 */

/**
 * Serum creatinine: µmol/L per mg/dL (1 mg/dL = 88.4 µmol/L).
 *
 * Source: KDIGO 2012 GN guideline, Table 29, whose paired values use this factor
 * (2.0 mg/dL ↔ 177 µmol/L; 0.20–1.0 mg/dL ↔ 17.7–88.4 µmol/L). Evidence: verified.
 *
 * @example
 * ```ts
 * import { CREATININE_UMOL_PER_MG_DL } from 'lupus-renal-criteria';
 * const umol = 1.2 * CREATININE_UMOL_PER_MG_DL; // ≈ 106.08 µmol/L
 * ```
 * @category Units
 */
export const CREATININE_UMOL_PER_MG_DL = 88.4;

/**
 * Creatinine molar mass in g/mol (mg/mmol), used for the exact UPCR conversion
 * between mg/mmol and mass ratios: 1 mg/mmol = 1/113.12 g/g ≈ 0.00884 g/g.
 *
 * Source: clinical-definitions notes §0 (medicalalgorithms.com UACR conversion
 * page, secondary). Guidelines instead pair 0.5 g/g with 50 mg/mmol (÷10); the
 * library converts exactly and keeps each threshold in the unit its source printed.
 *
 * @example
 * ```ts
 * import { CREATININE_MOLAR_MASS_MG_PER_MMOL } from 'lupus-renal-criteria';
 * const gPerG = 56.56 / CREATININE_MOLAR_MASS_MG_PER_MMOL; // ≈ 0.5 g/g
 * ```
 * @category Units
 */
export const CREATININE_MOLAR_MASS_MG_PER_MMOL = 113.12;

/**
 * Serum albumin: g/L per g/dL (1 g/dL = 10 g/L, by definition of the litre and decilitre).
 *
 * @example
 * ```ts
 * import { ALBUMIN_G_L_PER_G_DL } from 'lupus-renal-criteria';
 * const gL = 3.5 * ALBUMIN_G_L_PER_G_DL; // 35 g/L
 * ```
 * @category Units
 */
export const ALBUMIN_G_L_PER_G_DL = 10;

/**
 * Mass: mg per g (SI definition). Used for 24-h protein and mass-ratio UPCR units.
 *
 * @example
 * ```ts
 * import { MG_PER_G } from 'lupus-renal-criteria';
 * const mg = 0.47 * MG_PER_G; // 470 mg
 * ```
 * @category Units
 */
export const MG_PER_G = 1000;

/**
 * The measurement kinds the library knows. Proteinuria comes in two kinds that
 * are never silently equated: `urineProtein24h` (a timed 24-h collection) and
 * `upcr` (a urine protein-to-creatinine ratio).
 *
 * @example
 * ```ts
 * import type { MeasureKind } from 'lupus-renal-criteria';
 * const kind: MeasureKind = 'urineProtein24h';
 * ```
 * @category Units
 */
export type MeasureKind =
  | "urineProtein24h"
  | "upcr"
  | "serumCreatinine"
  | "serumAlbumin"
  | "egfr"
  | "cellsPerHpf"
  | "glucocorticoidDose"
  | "percent";

/**
 * One accepted unit spelling: which kind it measures, its canonical spelling,
 * and the factor that turns a value in this unit into the kind's base unit.
 *
 * @example
 * ```ts
 * import { lookupUnit } from 'lupus-renal-criteria';
 * lookupUnit('mg/dL'); // { kind: 'serumCreatinine', canonical: 'mg/dL', toBase: 88.4, ... }
 * ```
 * @category Units
 */
export interface UnitInfo {
  /** The measurement kind this unit belongs to. */
  readonly kind: MeasureKind;
  /** The library's canonical spelling of this unit (used in explanations). */
  readonly canonical: string;
  /** Multiply a value in this unit by `toBase` to get the kind's base unit. */
  readonly toBase: number;
  /** Where the factor comes from. */
  readonly factorSource: string;
}

/**
 * The base unit of each measurement kind (the unit every value is converted to
 * before it is compared). Frozen.
 *
 * @example
 * ```ts
 * import { BASE_UNITS } from 'lupus-renal-criteria';
 * BASE_UNITS.serumCreatinine; // 'umol/L'
 * ```
 * @category Units
 */
export const BASE_UNITS: Readonly<Record<MeasureKind, string>> = Object.freeze({
  urineProtein24h: "g/24h",
  upcr: "g/g",
  serumCreatinine: "umol/L",
  serumAlbumin: "g/L",
  egfr: "mL/min/1.73m2",
  cellsPerHpf: "/hpf",
  glucocorticoidDose: "mg/d prednisone",
  percent: "%",
});

const identity = "identity (base unit)";
const mass = "SI: 1 g = 1000 mg";

function u(kind: MeasureKind, canonical: string, toBase: number, factorSource: string): UnitInfo {
  return Object.freeze({ kind, canonical, toBase, factorSource });
}

const UNIT_TABLE: ReadonlyArray<readonly [readonly string[], UnitInfo]> = [
  // 24-h urine protein (timed collection). UCUM: g/(24.h), mg/(24.h), g/d, mg/d.
  [["g/24h", "g/(24.h)", "g/d", "g/day"], u("urineProtein24h", "g/24h", 1, identity)],
  [["mg/24h", "mg/(24.h)", "mg/d", "mg/day"], u("urineProtein24h", "mg/24h", 1 / MG_PER_G, mass)],
  // Spot (or timed-collection) urine protein-to-creatinine ratio.
  [["g/g", "g/g{creat}"], u("upcr", "g/g", 1, identity)],
  [["mg/mg", "mg/mg{creat}"], u("upcr", "mg/mg", 1, "mass ratio: mg/mg = g/g")],
  [["mg/g", "mg/g{creat}"], u("upcr", "mg/g", 1 / MG_PER_G, mass)],
  [
    ["mg/mmol", "mg/mmol{creat}"],
    u(
      "upcr",
      "mg/mmol",
      1 / CREATININE_MOLAR_MASS_MG_PER_MMOL,
      "exact: creatinine molar mass 113.12 mg/mmol (1 mg/mmol = 0.00884 g/g)",
    ),
  ],
  // Serum creatinine.
  // UCUM defines the litre as both `L` and `l`: `mg/dl` is as much UCUM as `mg/dL`.
  [
    ["umol/L", "µmol/L", "μmol/L", "umol/l", "µmol/l", "μmol/l"],
    u("serumCreatinine", "umol/L", 1, identity),
  ],
  [
    ["mg/dL", "mg/dl"],
    u(
      "serumCreatinine",
      "mg/dL",
      CREATININE_UMOL_PER_MG_DL,
      "KDIGO 2012 Table 29: 1 mg/dL = 88.4 µmol/L",
    ),
  ],
  // Serum albumin.
  [["g/L", "g/l"], u("serumAlbumin", "g/L", 1, identity)],
  [["g/dL", "g/dl"], u("serumAlbumin", "g/dL", ALBUMIN_G_L_PER_G_DL, "1 g/dL = 10 g/L")],
  // eGFR.
  [
    [
      "mL/min/1.73m2",
      "mL/min/{1.73_m2}",
      "mL/min/1.73 m2",
      "mL/min/1.73m²",
      "mL/min/1.73 m²",
      "ml/min/1.73m2",
      "ml/min/{1.73_m2}",
      "ml/min/1.73 m2",
    ],
    u("egfr", "mL/min/1.73m2", 1, identity),
  ],
  // Urine sediment counts (cells per high-power field).
  [["/hpf", "{cells}/[HPF]"], u("cellsPerHpf", "/hpf", 1, identity)],
  // Oral glucocorticoid dose, prednisone(-olone) equivalent.
  [["mg/d prednisone"], u("glucocorticoidDose", "mg/d prednisone", 1, identity)],
  [["%"], u("percent", "%", 1, identity)],
];
// Frozen, like every UnitInfo it holds: what lookupUnit returns cannot be changed.
for (const [spellings] of UNIT_TABLE) Object.freeze(spellings);
for (const row of UNIT_TABLE) Object.freeze(row);
Object.freeze(UNIT_TABLE);

const UNIT_INDEX: ReadonlyMap<string, UnitInfo> = new Map(
  UNIT_TABLE.flatMap(([spellings, info]) => spellings.map((s) => [s, info] as const)),
);

/**
 * Look up a unit spelling (exact match, case-sensitive as in UCUM: `mg/dL`, not `MG/DL`;
 * UCUM writes the litre as `L` or `l`, so `mg/dl` and `umol/l` are accepted too).
 * The returned object is shared and frozen.
 *
 * @param unit - the unit string as written in the input, e.g. `"µmol/L"` or `"g/(24.h)"`.
 * @returns the unit's kind, canonical spelling and factor, or `undefined` when unknown.
 * @example
 * ```ts
 * import { lookupUnit } from 'lupus-renal-criteria';
 * lookupUnit('g/(24.h)')?.canonical; // 'g/24h'
 * lookupUnit('mg/dl')?.canonical; // 'mg/dL' (UCUM: the litre is `L` or `l`)
 * lookupUnit('MG/DL'); // undefined (UCUM is case-sensitive: 'M' is mega)
 * ```
 * @category Units
 */
export function lookupUnit(unit: string): UnitInfo | undefined {
  return UNIT_INDEX.get(unit);
}

/**
 * Every accepted spelling of the units of one measurement kind.
 *
 * @param kind - a measurement kind.
 * @returns the accepted unit spellings, canonical ones first.
 * @example
 * ```ts
 * import { unitsOfKind } from 'lupus-renal-criteria';
 * unitsOfKind('serumAlbumin'); // ['g/L', 'g/l', 'g/dL', 'g/dl']
 * ```
 * @category Units
 */
export function unitsOfKind(kind: MeasureKind): string[] {
  const out: string[] = [];
  for (const [spellings, info] of UNIT_TABLE) {
    if (info.kind === kind) out.push(...spellings);
  }
  return out;
}

/**
 * The canonical units of one kind (one spelling per distinct unit), for unit pickers.
 *
 * @param kind - a measurement kind.
 * @returns the canonical spellings, base unit first.
 * @example
 * ```ts
 * import { canonicalUnitsOfKind } from 'lupus-renal-criteria';
 * canonicalUnitsOfKind('upcr'); // ['g/g', 'mg/mg', 'mg/g', 'mg/mmol']
 * ```
 * @category Units
 */
export function canonicalUnitsOfKind(kind: MeasureKind): string[] {
  return UNIT_TABLE.filter(([, info]) => info.kind === kind).map(([, info]) => info.canonical);
}

/**
 * Round to 12 significant digits. Every converted or derived value passes through
 * this before it is compared, so that `63 µmol/L → mg/dL → µmol/L` and
 * `(4.92 − 2.46) / 4.92` land exactly on their decimal values and a value that is
 * printed as "at" a threshold compares as equal to it.
 *
 * @param x - any finite number.
 * @param digits - significant digits to keep (default 12).
 * @returns `x` rounded to `digits` significant digits.
 * @example
 * ```ts
 * import { roundSignificant } from 'lupus-renal-criteria';
 * roundSignificant(0.1 + 0.2); // 0.3
 * ```
 * @internal Not part of the public API (used by the library and its tests).
 */
export function roundSignificant(x: number, digits = 12): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const p = digits - 1 - Math.floor(Math.log10(x < 0 ? -x : x));
  if (p >= 0) {
    if (p > 300) return x;
    const m = POW10[p] as number;
    return Math.round(x * m) / m;
  }
  if (p < -300) return x;
  const m = POW10[-p] as number;
  return Math.round(x / m) * m;
}

/**
 * Significant digits kept in a relative change (percent). Fewer than the 12 of a
 * converted value: each operand's conversion may carry a relative error of
 * 5e-13, which a difference of two operands can lift into the 12th digit
 * (200 → 100 mg/mmol would otherwise be a 49.9999999999% fall, not 50%).
 *
 * @example
 * ```ts
 * import { PERCENT_DIGITS } from 'lupus-renal-criteria';
 * PERCENT_DIGITS; // 10
 * ```
 * @internal Not part of the public API (used by the library and its tests).
 */
export const PERCENT_DIGITS = 10;

/**
 * 10^0 … 10^300, computed once (a table lookup is much cheaper than `10 ** p`). Up to 10^22
 * each entry is read from its decimal literal, so it is the power of ten exactly and one
 * multiplication or division by it rounds once (the rendered numbers' fast path relies on it);
 * above, `10 ** p` as before (not always the nearest double, and kept so that rounding stays as
 * it was).
 *
 * @example
 * ```ts
 * POW10[22] === 1e22; // true
 * ```
 * @internal Not part of the public API (used by `roundSignificant` and `src/api/render.ts`).
 */
export const POW10: readonly number[] = Array.from({ length: 301 }, (_, i) =>
  i <= 22 ? Number(`1e${i}`) : 10 ** i,
);

/**
 * Convert a value between two units of the same kind.
 *
 * @param value - the number to convert.
 * @param from - its unit (any accepted spelling).
 * @param to - the target unit (any accepted spelling of the same kind).
 * @returns the converted value, rounded to 12 significant digits.
 * @throws `Error` when a unit is unknown or the two units measure different kinds
 *   (24-h protein and UPCR are different kinds: use the engine's explicit
 *   `allowProteinuriaSubstitution` option instead).
 * @example
 * ```ts
 * import { convert } from 'lupus-renal-criteria';
 * convert(0.71, 'mg/dL', 'umol/L'); // 62.764
 * convert(470, 'mg/24h', 'g/24h');  // 0.47
 * ```
 * @category Units
 */
export function convert(value: number, from: string, to: string): number {
  const a = lookupUnit(from);
  const b = lookupUnit(to);
  if (!a) throw new Error(`Unknown unit '${from}'`);
  if (!b) throw new Error(`Unknown unit '${to}'`);
  if (a.kind !== b.kind) {
    throw new Error(`Cannot convert '${from}' (${a.kind}) to '${to}' (${b.kind}): different kinds`);
  }
  return convertInfo(value, a, b);
}

/**
 * {@link convert} between two already looked-up units of the same kind (no
 * checks): the arithmetic every conversion in the library goes through, so the
 * interpreted and compiled paths agree to the last bit.
 *
 * @param value - the number to convert.
 * @param a - its unit.
 * @param b - the target unit.
 * @returns the converted value, rounded to 12 significant digits (unchanged when the units are the same).
 * @example
 * ```ts
 * import { convertInfo, lookupUnit } from 'lupus-renal-criteria';
 * convertInfo(1, lookupUnit('mg/dL')!, lookupUnit('umol/L')!); // 88.4
 * ```
 * @internal Not part of the public API (used by the library and its tests).
 */
export function convertInfo(value: number, a: UnitInfo, b: UnitInfo): number {
  if (a.canonical === b.canonical) return value;
  return roundSignificant((value * a.toBase) / b.toBase);
}
