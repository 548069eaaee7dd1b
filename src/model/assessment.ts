import { z } from "zod";
import { type Quantity, quantitySchema } from "../units/schema.js";

/**
 * Zod schema of a proteinuria measurement: a 24-h urine protein (`g/24h`, `mg/24h`,
 * UCUM `g/(24.h)` …) or a urine protein-to-creatinine ratio (`g/g`, `mg/mg`, `mg/g`,
 * `mg/mmol`). The unit tells the two kinds apart.
 *
 * @example
 * ```ts
 * import { ProteinuriaSchema } from 'lupus-renal-criteria';
 * ProteinuriaSchema.parse({ value: 4.92, unit: 'g/24h' });
 * ```
 * @category Inputs
 */
export const ProteinuriaSchema: z.ZodType<Quantity, Quantity> = quantitySchema([
  "urineProtein24h",
  "upcr",
]);

/**
 * Zod schema of a serum creatinine (`umol/L`, `µmol/L`, `mg/dL`); must be > 0.
 *
 * @example
 * ```ts
 * import { SerumCreatinineSchema } from 'lupus-renal-criteria';
 * SerumCreatinineSchema.parse({ value: 0.8, unit: 'mg/dL' });
 * ```
 * @category Inputs
 */
export const SerumCreatinineSchema: z.ZodType<Quantity, Quantity> = quantitySchema(
  ["serumCreatinine"],
  {
    positive: true,
  },
);

/**
 * Zod schema of a serum albumin (`g/L`, `g/dL`); must be > 0.
 *
 * @example
 * ```ts
 * import { SerumAlbuminSchema } from 'lupus-renal-criteria';
 * SerumAlbuminSchema.parse({ value: 3.5, unit: 'g/dL' });
 * ```
 * @category Inputs
 */
export const SerumAlbuminSchema: z.ZodType<Quantity, Quantity> = quantitySchema(["serumAlbumin"], {
  positive: true,
});

/**
 * Zod schema of an eGFR (`mL/min/1.73m2`, UCUM `mL/min/{1.73_m2}`); must be > 0.
 *
 * @example
 * ```ts
 * import { EgfrSchema } from 'lupus-renal-criteria';
 * EgfrSchema.parse({ value: 95, unit: 'mL/min/1.73m2' });
 * ```
 * @category Inputs
 */
export const EgfrSchema: z.ZodType<Quantity, Quantity> = quantitySchema(["egfr"], {
  positive: true,
});

/**
 * Urine sediment findings. Give the counts, or a laboratory's own verdict in
 * `normal`, or both (then `normal` wins and the counts are shown alongside).
 *
 * @example
 * ```ts
 * import type { UrineSediment } from 'lupus-renal-criteria';
 * const s: UrineSediment = { rbcPerHpf: 2, wbcPerHpf: 1, cellularCasts: false };
 * ```
 * @category Inputs
 */
export interface UrineSediment {
  /** Red blood cells per high-power field. */
  readonly rbcPerHpf?: number | undefined;
  /** White blood cells per high-power field. */
  readonly wbcPerHpf?: number | undefined;
  /** Dysmorphic red cells (acanthocytes) per high-power field. */
  readonly acanthocytesPerHpf?: number | undefined;
  /** Whether cellular (RBC or WBC) casts are present. */
  readonly cellularCasts?: boolean | undefined;
  /** The laboratory's or clinician's verdict that the sediment is normal (inactive). */
  readonly normal?: boolean | undefined;
}

const count = z.number().finite().nonnegative({ message: "a cell count cannot be negative" });

/**
 * Zod schema of {@link UrineSediment}.
 *
 * @example
 * ```ts
 * import { UrineSedimentSchema } from 'lupus-renal-criteria';
 * UrineSedimentSchema.parse({ rbcPerHpf: 12, cellularCasts: true });
 * ```
 * @category Inputs
 */
export const UrineSedimentSchema = z
  .object({
    rbcPerHpf: count.optional(),
    wbcPerHpf: count.optional(),
    acanthocytesPerHpf: count.optional(),
    cellularCasts: z.boolean().optional(),
    normal: z.boolean().optional(),
  })
  .strict() satisfies z.ZodType<UrineSediment, UrineSediment>;

/**
 * The laboratory values of one assessment (baseline or current). Every field is
 * optional: a missing value makes the clauses that need it *unknown*, never false.
 * `null` is accepted and means missing (as CSV exports write it).
 *
 * @example
 * ```ts
 * import type { LabValues } from 'lupus-renal-criteria';
 * const labs: LabValues = {
 *   proteinuria: { value: 0.47, unit: 'g/24h' },
 *   serumCreatinine: { value: 63, unit: 'umol/L' },
 * };
 * ```
 * @category Inputs
 */
export interface LabValues {
  /** 24-h urine protein or UPCR; the unit tells which. */
  readonly proteinuria?: Quantity | undefined;
  /** Serum creatinine. */
  readonly serumCreatinine?: Quantity | undefined;
  /** Upper limit of the laboratory's serum-creatinine reference interval for this patient. */
  readonly serumCreatinineUpperLimit?: Quantity | undefined;
  /** Serum albumin. */
  readonly serumAlbumin?: Quantity | undefined;
  /** Estimated GFR. */
  readonly egfr?: Quantity | undefined;
  /** Urine sediment findings. */
  readonly urineSediment?: UrineSediment | undefined;
  /** Oral glucocorticoid dose at the assessment, prednisone equivalent, mg/day. */
  readonly prednisoneMgPerDay?: number | undefined;
  /** Whether rescue therapy (new or increased immunosuppression) was needed by this assessment. */
  readonly rescueTherapy?: boolean | undefined;
}

/**
 * What {@link LabValuesSchema} accepts (its input side): {@link LabValues} with
 * `null` allowed for every field, meaning missing (as a database column or a CSV
 * export writes it). Parsing turns `null` into `undefined`. Every `LabValues` is
 * one.
 *
 * @example
 * ```ts
 * import type { LabValuesLike } from 'lupus-renal-criteria';
 * const row = { albumin: null as number | null };
 * const labs: LabValuesLike = {
 *   proteinuria: { value: 0.47, unit: 'g/24h' },
 *   serumAlbumin: row.albumin === null ? null : { value: row.albumin, unit: 'g/L' },
 * };
 * ```
 * @category Inputs
 */
export type LabValuesLike = { readonly [K in keyof LabValues]?: LabValues[K] | null };

function nullable<T, I>(schema: z.ZodType<T, I>) {
  return schema
    .nullish()
    .transform((v) => (v === null ? undefined : v))
    .optional();
}

/**
 * Zod schema of {@link LabValues}. Unknown keys are rejected, so a misspelt field
 * (`protienuria`) is an error rather than a silently missing value.
 *
 * @example
 * ```ts
 * import { LabValuesSchema } from 'lupus-renal-criteria';
 * LabValuesSchema.parse({ serumAlbumin: { value: 35, unit: 'g/L' }, egfr: null });
 * ```
 * @category Inputs
 */
export const LabValuesSchema = z
  .object({
    proteinuria: nullable(ProteinuriaSchema),
    serumCreatinine: nullable(SerumCreatinineSchema),
    // A reference limit is a number the laboratory sets, never a censored result.
    serumCreatinineUpperLimit: nullable(
      quantitySchema(["serumCreatinine"], { positive: true, censored: false }),
    ),
    serumAlbumin: nullable(SerumAlbuminSchema),
    egfr: nullable(EgfrSchema),
    urineSediment: nullable(UrineSedimentSchema),
    prednisoneMgPerDay: nullable(
      z.number().finite().nonnegative({ message: "a glucocorticoid dose cannot be negative" }),
    ),
    rescueTherapy: nullable(z.boolean()),
  })
  .strict() satisfies z.ZodType<LabValues, LabValuesLike>;

/**
 * Patient characteristics used by some criteria (sex for sex-specific reference
 * intervals, age for eGFR equations).
 *
 * @example
 * ```ts
 * import type { PatientInfo } from 'lupus-renal-criteria';
 * const p: PatientInfo = { sex: 'F', ageYears: 49 };
 * ```
 * @category Inputs
 */
export interface PatientInfo {
  /** Sex as recorded: `'F'` or `'M'`. */
  readonly sex?: "F" | "M" | undefined;
  /** Age in years at the assessment. */
  readonly ageYears?: number | undefined;
  /**
   * Height in centimetres (at baseline): needed by the paediatric eGFR equations
   * (bedside Schwartz 2009, CKiD U25) under 18 years.
   */
  readonly heightCm?: number | undefined;
}

/**
 * What {@link PatientInfoSchema} accepts (its input side): {@link PatientInfo}
 * with `null` allowed for every field, meaning missing. Every `PatientInfo` is one.
 *
 * @example
 * ```ts
 * import type { PatientInfoLike } from 'lupus-renal-criteria';
 * const p: PatientInfoLike = { sex: 'F', ageYears: null };
 * ```
 * @category Inputs
 */
export type PatientInfoLike = { readonly [K in keyof PatientInfo]?: PatientInfo[K] | null };

/**
 * Zod schema of {@link PatientInfo}.
 *
 * @example
 * ```ts
 * import { PatientInfoSchema } from 'lupus-renal-criteria';
 * PatientInfoSchema.parse({ sex: 'M', ageYears: 46 });
 * ```
 * @category Inputs
 */
export const PatientInfoSchema = z
  .object({
    sex: z
      .enum(["F", "M"])
      .nullish()
      .transform((v) => (v === null ? undefined : v))
      .optional(),
    ageYears: z
      .number()
      .finite()
      .nonnegative()
      .max(130, { message: "age must be at most 130 years" })
      .nullish()
      .transform((v) => (v === null ? undefined : v))
      .optional(),
    heightCm: z
      .number()
      .finite()
      .positive()
      .max(300, { message: "height must be at most 300 cm" })
      .nullish()
      .transform((v) => (v === null ? undefined : v))
      .optional(),
  })
  .strict() satisfies z.ZodType<PatientInfo, PatientInfoLike>;

/**
 * One response assessment: the patient, the baseline labs (at the start of the
 * therapy being judged) and the current labs (at the time point being judged).
 *
 * @example
 * ```ts
 * import type { ResponseInput } from 'lupus-renal-criteria';
 * const input: ResponseInput = {
 *   patient: { sex: 'F', ageYears: 49 },
 *   baseline: { proteinuria: { value: 4.92, unit: 'g/24h' } },
 *   current: { proteinuria: { value: 0.47, unit: 'g/24h' } },
 * };
 * ```
 * @category Inputs
 */
export interface ResponseInput {
  /** Patient characteristics. */
  readonly patient?: PatientInfo | undefined;
  /** Labs at baseline. */
  readonly baseline?: LabValues | undefined;
  /** Labs at the assessment being classified. */
  readonly current?: LabValues | undefined;
}

/**
 * What {@link ResponseInputSchema} accepts (its input side), and so what
 * `classifyResponse` takes: a {@link ResponseInput} with `null` allowed for a
 * missing value (`patient`, `baseline`, `current` and each of their fields).
 * Parsing turns `null` into `undefined`; every `ResponseInput` is one. Unknown
 * keys are compile errors in an object literal, as they are validation errors at
 * run time. For data whose shape the compiler does not know, use
 * `safeClassifyResponse` (it takes `unknown`).
 *
 * @example
 * ```ts
 * import type { ResponseInputLike } from 'lupus-renal-criteria';
 * const input: ResponseInputLike = {
 *   baseline: { proteinuria: { value: 4.92, unit: 'g/24h' }, serumCreatinine: null },
 *   current: { proteinuria: { value: 0.47, unit: 'g/24h' } },
 * };
 * ```
 * @category Inputs
 */
export interface ResponseInputLike {
  /** Patient characteristics. */
  readonly patient?: PatientInfoLike | null | undefined;
  /** Labs at baseline. */
  readonly baseline?: LabValuesLike | null | undefined;
  /** Labs at the assessment being classified. */
  readonly current?: LabValuesLike | null | undefined;
}

/**
 * Zod schema of {@link ResponseInput}; `classifyResponse` validates with it. Its
 * input side is {@link ResponseInputLike} (`z.input<typeof ResponseInputSchema>`).
 *
 * @example
 * ```ts
 * import { ResponseInputSchema } from 'lupus-renal-criteria';
 * const r = ResponseInputSchema.safeParse({ current: { proteinuria: { value: -1, unit: 'g/24h' } } });
 * r.success; // false, issue at current.proteinuria.value
 * ```
 * @category Inputs
 */
export const ResponseInputSchema = z
  .object({
    patient: nullable(PatientInfoSchema),
    baseline: nullable(LabValuesSchema),
    current: nullable(LabValuesSchema),
  })
  .strict() satisfies z.ZodType<ResponseInput, ResponseInputLike>;
