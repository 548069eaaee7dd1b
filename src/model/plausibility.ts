/**
 * Plausibility checks: values that are valid but unlikely (often a unit slip)
 * are accepted and reported as warnings.
 *
 * @module
 */
import {
  BASE_UNITS,
  convertInfo,
  lookupUnit,
  type MeasureKind,
  type UnitInfo,
} from "../units/units.js";
import type { LabValues, ResponseInput } from "./assessment.js";

/**
 * Plausible ranges in each kind's base unit, inclusive. A value outside is
 * accepted with a warning.
 *
 * @example
 * ```ts
 * import { PLAUSIBLE_RANGES } from 'lupus-renal-criteria';
 * PLAUSIBLE_RANGES.serumCreatinine; // [10, 1500] (µmol/L)
 * ```
 * @category Inputs
 */
export const PLAUSIBLE_RANGES: Readonly<Partial<Record<MeasureKind, readonly [number, number]>>> = {
  urineProtein24h: [0, 30],
  upcr: [0, 30],
  serumCreatinine: [10, 1500],
  serumAlbumin: [5, 60],
  egfr: [1, 200],
};

const FIELDS = [
  "proteinuria",
  "serumCreatinine",
  "serumCreatinineUpperLimit",
  "serumAlbumin",
  "egfr",
] as const;

/** The base unit of each kind, looked up once (`convert` to it is `convertInfo` from the unit's info). */
const BASE_INFO = Object.fromEntries(
  Object.entries(BASE_UNITS).map(([kind, unit]) => [kind, lookupUnit(unit) as UnitInfo]),
) as Readonly<Record<MeasureKind, UnitInfo>>;

/** The warnings of one time point's labs, added to `out` (one array per assessment). */
function labWarnings(labs: LabValues | undefined, at: string, out: string[]): void {
  if (!labs) return;
  for (const f of FIELDS) {
    const q = labs[f];
    if (!q) continue;
    const info = lookupUnit(q.unit);
    const range = info ? PLAUSIBLE_RANGES[info.kind] : undefined;
    if (!info || !range) continue;
    const v = convertInfo(q.value, info, BASE_INFO[info.kind]);
    if (v < range[0] || v > range[1]) {
      out.push(
        `${at}.${f} ${q.censor ?? ""}${q.value} ${q.unit} is outside the plausible range ${range[0]}–${range[1]} ${BASE_UNITS[info.kind]}; check the value and unit`,
      );
    }
  }
  const s = labs.urineSediment;
  for (const k of ["rbcPerHpf", "wbcPerHpf", "acanthocytesPerHpf"] as const) {
    const n = s?.[k];
    if (n !== undefined && n > 1000)
      out.push(`${at}.urineSediment.${k} ${n}/hpf is implausibly high; check the value`);
  }
  if (labs.prednisoneMgPerDay !== undefined && labs.prednisoneMgPerDay > 1000) {
    out.push(
      `${at}.prednisoneMgPerDay ${labs.prednisoneMgPerDay} mg/day is implausibly high; check the value`,
    );
  }
}

/**
 * Warnings for valid but implausible values of an assessment (e.g. creatinine
 * 2000 µmol/L, 24-h urine protein 40 g): each names the path, the value and the
 * plausible range.
 *
 * @param input - a validated assessment.
 * @returns the warnings (empty when every value is plausible).
 * @example
 * ```ts
 * import { plausibilityWarnings } from 'lupus-renal-criteria';
 * plausibilityWarnings({ current: { serumCreatinine: { value: 2000, unit: 'umol/L' } } });
 * // ['current.serumCreatinine 2000 umol/L is outside the plausible range 10–1500 umol/L; check the value and unit']
 * ```
 * @category Inputs
 */
export function plausibilityWarnings(input: ResponseInput): string[] {
  const out: string[] = [];
  labWarnings(input.baseline, "baseline", out);
  labWarnings(input.current, "current", out);
  return out;
}
