/**
 * `estimateEgfr()`: the creatinine eGFR of a patient with the equation that fits
 * the patient's age — CKD-EPI 2021 from 18 years, a paediatric equation below —
 * and an indeterminate result (with what is missing) rather than a silent switch
 * to the adult equation when the paediatric equation's inputs are missing.
 *
 * Why: CKD-EPI 2021 was developed and validated in adults (18 years and older);
 * applied to a 15-year-old it gives a number with no validated meaning. Zhang
 * 2023's patients 11–13 are 15–17 years old. The bedside Schwartz 2009 equation
 * (default below 18) is the paediatric equation the research notes verify on the
 * NKF page ([V]); it needs height. CKiD U25 (coefficients `secondary`) is a reading.
 *
 * @module
 */

import type { Evidence } from "../ir/types.js";
import type { Quantity } from "../units/schema.js";
import {
  CKD_EPI_2021_CITATION,
  CKD_EPI_2021_MIN_VALIDATED_AGE,
  type EgfrEquationId,
  type EgfrResult,
  egfrCkdEpi2021,
} from "./ckdEpi2021.js";
import { CKID_U25_CITATION, egfrCkidU25 } from "./ckidU25.js";
import { egfrBedsideSchwartz2009, SCHWARTZ_2009_CITATION } from "./schwartz2009.js";

/**
 * The paediatric creatinine equation used under 18 years.
 *
 * @example
 * ```ts
 * import type { PaediatricEgfrEquation } from 'lupus-renal-criteria';
 * const e: PaediatricEgfrEquation = 'ckid-u25-2021';
 * ```
 * @category eGFR
 */
export type PaediatricEgfrEquation = "bedside-schwartz-2009" | "ckid-u25-2021";

/**
 * Input of {@link estimateEgfr}: the patient's sex, age and height, and the serum
 * creatinine. Any may be missing; what is missing is listed in the result.
 *
 * @example
 * ```ts
 * import type { EgfrEstimateInput } from 'lupus-renal-criteria';
 * const input: EgfrEstimateInput = {
 *   patient: { sex: 'F', ageYears: 16, heightCm: 160 },
 *   serumCreatinine: { value: 62, unit: 'umol/L' },
 * };
 * ```
 * @category eGFR
 */
export interface EgfrEstimateInput {
  readonly patient?:
    | {
        readonly sex?: "F" | "M" | undefined;
        readonly ageYears?: number | undefined;
        readonly heightCm?: number | undefined;
      }
    | undefined;
  readonly serumCreatinine?: Quantity | undefined;
}

/**
 * Options of {@link estimateEgfr}.
 *
 * @example
 * ```ts
 * import type { EgfrEstimateOptions } from 'lupus-renal-criteria';
 * const o: EgfrEstimateOptions = { paediatricEquation: 'ckid-u25-2021', creatininePath: 'baseline.serumCreatinine' };
 * ```
 * @category eGFR
 */
export interface EgfrEstimateOptions {
  /** The equation under 18 years: `'bedside-schwartz-2009'` (default, verified) or `'ckid-u25-2021'` (secondary). */
  readonly paediatricEquation?: PaediatricEgfrEquation;
  /** The creatinine's path in the caller's input, for `missing` (default `'serumCreatinine'`). */
  readonly creatininePath?: string;
}

/**
 * The result of {@link estimateEgfr}: the value and the equation used, or
 * `indeterminate` with the inputs that would decide it.
 *
 * @example
 * ```ts
 * import type { EgfrEstimate } from 'lupus-renal-criteria';
 * const e: EgfrEstimate = {
 *   status: 'indeterminate', unit: 'mL/min/1.73m2', equation: 'bedside-schwartz-2009',
 *   missing: ['patient.heightCm'], flags: [], outOfValidatedRange: false,
 * };
 * ```
 * @category eGFR
 */
export interface EgfrEstimate {
  /** `estimated`, or `indeterminate` when an input the chosen equation needs is missing. */
  readonly status: "estimated" | "indeterminate";
  /** Estimated GFR, unrounded (absent when indeterminate). */
  readonly value?: number;
  readonly unit: "mL/min/1.73m2";
  /** The equation used, or the one that would be used (absent when the age is unknown). */
  readonly equation?: EgfrEquationId;
  /** How well the equation's coefficients were checked (`verified` NKF page; `secondary` CKiD U25). */
  readonly evidence?: Evidence;
  /** Short citation of the equation. */
  readonly citation?: string;
  /** Input paths whose absence leaves the estimate undecided. */
  readonly missing: readonly string[];
  /** Human-readable notes (e.g. why CKD-EPI 2021 was not used). */
  readonly flags: readonly string[];
  /** True when an input lies outside the equation's validated range. */
  readonly outOfValidatedRange: boolean;
}

const UNIT = "mL/min/1.73m2" as const;

const EQUATIONS: Record<EgfrEquationId, { evidence: Evidence; citation: string }> = {
  "ckd-epi-2021": {
    evidence: "verified",
    citation: `${CKD_EPI_2021_CITATION.short} (CKD-EPI 2021)`,
  },
  "bedside-schwartz-2009": {
    evidence: "verified",
    citation: `${SCHWARTZ_2009_CITATION.short} (bedside Schwartz)`,
  },
  "ckid-u25-2021": { evidence: CKID_U25_CITATION.evidence, citation: CKID_U25_CITATION.short },
};

function done(id: EgfrEquationId, r: EgfrResult, flags: string[]): EgfrEstimate {
  return {
    status: "estimated",
    value: r.value,
    unit: UNIT,
    equation: id,
    ...EQUATIONS[id],
    missing: [],
    flags: [...flags, ...r.flags],
    outOfValidatedRange: r.outOfValidatedRange,
  };
}

/**
 * Estimate a patient's creatinine eGFR with the equation that fits the age:
 * CKD-EPI 2021 from 18 years (it is validated in adults only), the paediatric
 * equation below 18 — bedside Schwartz 2009 by default, CKiD U25 as an option.
 * When the chosen equation's inputs are missing (a child's height, an adult's
 * sex, the age, the creatinine) the result is `indeterminate` with the missing
 * paths: a child's eGFR is never computed with the adult equation.
 *
 * @param input - patient sex, age and height (cm), and serum creatinine.
 * @param options - the paediatric equation; the creatinine's path for `missing`.
 * @returns the estimate with its equation, evidence and flags, or indeterminate.
 * @throws `RangeError` for a creatinine, age or height that is present but invalid.
 * @example
 * ```ts
 * import { estimateEgfr } from 'lupus-renal-criteria';
 * // Zhang 2023 Table 1, patient 12: 16 years, creatinine 62 µmol/L; height not reported.
 * const e = estimateEgfr({ patient: { sex: 'F', ageYears: 16 }, serumCreatinine: { value: 62, unit: 'umol/L' } });
 * e.status;   // 'indeterminate'
 * e.equation; // 'bedside-schwartz-2009'
 * e.missing;  // ['patient.heightCm']
 * estimateEgfr({ patient: { sex: 'F', ageYears: 16, heightCm: 160 }, serumCreatinine: { value: 62, unit: 'umol/L' } }).value; // ≈ 94.22
 * ```
 * @category eGFR
 */
export function estimateEgfr(
  input: EgfrEstimateInput,
  options: EgfrEstimateOptions = {},
): EgfrEstimate {
  const paediatric = options.paediatricEquation ?? "bedside-schwartz-2009";
  const scrPath = options.creatininePath ?? "serumCreatinine";
  const { sex, ageYears, heightCm } = input.patient ?? {};
  const scr = input.serumCreatinine;
  const missing: string[] = [];
  if (scr === undefined) missing.push(scrPath);
  if (ageYears === undefined) {
    missing.push("patient.ageYears");
    return {
      status: "indeterminate",
      unit: UNIT,
      missing,
      flags: [
        "Age not reported: the equation depends on it (CKD-EPI 2021 from 18 years, a paediatric equation below).",
      ],
      outOfValidatedRange: false,
    };
  }
  const adult = ageYears >= CKD_EPI_2021_MIN_VALIDATED_AGE;
  const id: EgfrEquationId = adult ? "ckd-epi-2021" : paediatric;
  const flags = adult
    ? []
    : [
        `Age ${ageYears} years is below ${CKD_EPI_2021_MIN_VALIDATED_AGE}: CKD-EPI 2021 is validated in adults only, so the paediatric equation (${id}) is used.`,
      ];
  if (id !== "bedside-schwartz-2009" && sex === undefined) missing.push("patient.sex");
  if (!adult && heightCm === undefined) missing.push("patient.heightCm");
  if (scr?.censor !== undefined) {
    // The equations need a number: a censored creatinine ("<40 umol/L") is a range.
    missing.push(scrPath);
    flags.push(
      `Serum creatinine ${scr.censor}${scr.value} ${scr.unit} is a censored value: the equation needs an exact one.`,
    );
  }
  if (missing.length > 0 || scr === undefined) {
    return {
      status: "indeterminate",
      unit: UNIT,
      equation: id,
      ...EQUATIONS[id],
      missing,
      flags,
      outOfValidatedRange: false,
    };
  }
  if (id === "ckd-epi-2021") {
    return done(
      id,
      egfrCkdEpi2021({ serumCreatinine: scr, sex: sex as "F" | "M", ageYears }),
      flags,
    );
  }
  if (id === "ckid-u25-2021") {
    return done(
      id,
      egfrCkidU25({
        serumCreatinine: scr,
        sex: sex as "F" | "M",
        ageYears,
        heightCm: heightCm as number,
      }),
      flags,
    );
  }
  return done(
    id,
    egfrBedsideSchwartz2009({ serumCreatinine: scr, heightCm: heightCm as number, ageYears }),
    flags,
  );
}
