/**
 * The patient record: demographics, baseline, treatment history, and (for
 * longitudinal work) dated visits and events. JSON-serialisable; validated by
 * {@link PatientRecordSchema}.
 *
 * @module
 */
import { z } from "zod";
import {
  type LabValues,
  type LabValuesLike,
  LabValuesSchema,
  type PatientInfo,
  type PatientInfoLike,
  PatientInfoSchema,
} from "./assessment.js";
import { type TreatmentHistory, TreatmentHistorySchema } from "./treatment.js";

/**
 * Where a record comes from: for published data, the DOI, table and row.
 *
 * @example
 * ```ts
 * import type { Provenance } from 'lupus-renal-criteria';
 * const p: Provenance = { doi: '10.1186/s13075-020-02154-7', table: 'Table 1', row: 4 };
 * ```
 * @category Inputs
 */
export interface Provenance {
  readonly doi?: string | undefined;
  readonly table?: string | undefined;
  readonly row?: number | undefined;
  /** Anything a reader should know about the transcription. */
  readonly note?: string | undefined;
}

/**
 * Zod schema of {@link Provenance}.
 *
 * @example
 * ```ts
 * import { ProvenanceSchema } from 'lupus-renal-criteria';
 * ProvenanceSchema.parse({ doi: '10.3389/fimmu.2023.1133183', table: 'Table 1', row: 1 });
 * ```
 * @category Inputs
 */
export const ProvenanceSchema: z.ZodType<Provenance, Provenance> = z
  .object({
    doi: z.string().optional(),
    table: z.string().optional(),
    row: z.number().int().positive().optional(),
    note: z.string().optional(),
  })
  .strict();

/**
 * Disease history at baseline.
 *
 * @example
 * ```ts
 * import type { DiseaseHistory } from 'lupus-renal-criteria';
 * const d: DiseaseHistory = { sleDurationYears: 13, lnDurationYears: 7, lnClass: 'IV' };
 * ```
 * @category Inputs
 */
export interface DiseaseHistory {
  /** Years since the SLE diagnosis. */
  readonly sleDurationYears?: number | undefined;
  /** Years since the lupus-nephritis diagnosis (renal involvement). */
  readonly lnDurationYears?: number | undefined;
  /** ISN/RPS class as written by the source, e.g. `"III + V"` or `"IV → III"`. */
  readonly lnClass?: string | undefined;
  /** Autoantibodies as listed by the source. */
  readonly autoantibodies?: readonly string[] | undefined;
}

/**
 * Zod schema of {@link DiseaseHistory}.
 *
 * @example
 * ```ts
 * import { DiseaseHistorySchema } from 'lupus-renal-criteria';
 * DiseaseHistorySchema.parse({ lnDurationYears: 6 });
 * ```
 * @category Inputs
 */
export const DiseaseHistorySchema: z.ZodType<DiseaseHistory, DiseaseHistory> = z
  .object({
    sleDurationYears: z.number().finite().nonnegative().optional(),
    lnDurationYears: z.number().finite().nonnegative().optional(),
    lnClass: z.string().optional(),
    autoantibodies: z.array(z.string()).optional(),
  })
  .strict();

/**
 * Therapy at baseline besides the agent being judged.
 *
 * @example
 * ```ts
 * import type { BaselineTherapy } from 'lupus-renal-criteria';
 * const t: BaselineTherapy = { prednisoneMgPerDay: 10, rasi: 'losartan' };
 * ```
 * @category Inputs
 */
export interface BaselineTherapy {
  /** Oral glucocorticoid dose, prednisone(-olone) equivalent, mg/day. */
  readonly prednisoneMgPerDay?: number | undefined;
  /** Renin–angiotensin-system inhibitor by name; `null` = none. */
  readonly rasi?: string | null | undefined;
}

/**
 * Zod schema of {@link BaselineTherapy}.
 *
 * @example
 * ```ts
 * import { BaselineTherapySchema } from 'lupus-renal-criteria';
 * BaselineTherapySchema.parse({ prednisoneMgPerDay: 0, rasi: null });
 * ```
 * @category Inputs
 */
export const BaselineTherapySchema: z.ZodType<BaselineTherapy, BaselineTherapy> = z
  .object({
    prednisoneMgPerDay: z.number().finite().nonnegative().optional(),
    rasi: z.string().nullable().optional(),
  })
  .strict();

/**
 * Conditions that eligibility rules exclude; each is `true` (present), `false`
 * (known absent) or absent (not reported → unknown).
 *
 * @example
 * ```ts
 * import type { ExclusionFacts } from 'lupus-renal-criteria';
 * const x: ExclusionFacts = { pregnancy: false, nonAdherence: false };
 * ```
 * @category Inputs
 */
export interface ExclusionFacts {
  readonly nonAdherence?: boolean | undefined;
  readonly malignancyHistory?: boolean | undefined;
  readonly severeAllergy?: boolean | undefined;
  readonly severeHepaticInsufficiency?: boolean | undefined;
  readonly pregnancy?: boolean | undefined;
  readonly lactation?: boolean | undefined;
  readonly childbearingIntention?: boolean | undefined;
}

/**
 * Zod schema of {@link ExclusionFacts}.
 *
 * @example
 * ```ts
 * import { ExclusionFactsSchema } from 'lupus-renal-criteria';
 * ExclusionFactsSchema.parse({ lactation: false });
 * ```
 * @category Inputs
 */
export const ExclusionFactsSchema: z.ZodType<ExclusionFacts, ExclusionFacts> = z
  .object({
    nonAdherence: z.boolean().optional(),
    malignancyHistory: z.boolean().optional(),
    severeAllergy: z.boolean().optional(),
    severeHepaticInsufficiency: z.boolean().optional(),
    pregnancy: z.boolean().optional(),
    lactation: z.boolean().optional(),
    childbearingIntention: z.boolean().optional(),
  })
  .strict();

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "a date is written YYYY-MM-DD" })
  .refine(
    (d) =>
      !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) &&
      new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    {
      message: "not a calendar date",
    },
  );

/**
 * One visit after baseline: its day offset from baseline (day 0) and its labs.
 *
 * @example
 * ```ts
 * import type { Visit } from 'lupus-renal-criteria';
 * const v: Visit = { day: 168, labs: { proteinuria: { value: 0.47, unit: 'g/24h' } } };
 * ```
 * @category Inputs
 */
export interface Visit {
  /** Days since baseline (baseline = day 0). Give `day` or `date`. */
  readonly day?: number | undefined;
  /** Calendar date (`YYYY-MM-DD`); needs the record's `baselineDate`. */
  readonly date?: string | undefined;
  readonly labs: LabValues;
  /** Oral glucocorticoid dose at the visit, prednisone equivalent, mg/day. */
  readonly prednisoneMgPerDay?: number | undefined;
}

/**
 * What {@link VisitSchema} accepts (its input side): a {@link Visit} whose labs
 * may hold `null` for a missing value ({@link LabValuesLike}). Every `Visit` is one.
 *
 * @example
 * ```ts
 * import type { VisitLike } from 'lupus-renal-criteria';
 * const v: VisitLike = { day: 168, labs: { proteinuria: { value: 0.47, unit: 'g/24h' }, egfr: null } };
 * ```
 * @category Inputs
 */
export interface VisitLike extends Omit<Visit, "labs"> {
  readonly labs: LabValuesLike;
}

/**
 * Zod schema of {@link Visit}.
 *
 * @example
 * ```ts
 * import { VisitSchema } from 'lupus-renal-criteria';
 * VisitSchema.parse({ day: 90, labs: {} });
 * ```
 * @category Inputs
 */
export const VisitSchema: z.ZodType<Visit, VisitLike> = z
  .object({
    day: z
      .number()
      .int({ message: "day must be a whole number of days since baseline" })
      .nonnegative()
      .optional(),
    date: isoDate.optional(),
    labs: LabValuesSchema,
    prednisoneMgPerDay: z.number().finite().nonnegative().optional(),
  })
  .strict()
  .refine((v) => (v.day === undefined) !== (v.date === undefined), {
    message: "a visit needs exactly one of day or date",
  });

/**
 * Something that happened during follow-up.
 *
 * @example
 * ```ts
 * import type { FollowUpEvent } from 'lupus-renal-criteria';
 * const e: FollowUpEvent = { type: 'withdrawal', day: 60, reason: 'adverse-event', detail: 'cytopenia' };
 * ```
 * @category Inputs
 */
export type FollowUpEvent =
  | {
      readonly type: "withdrawal";
      readonly day: number;
      readonly reason: "adverse-event" | "lost-to-follow-up" | "other";
      readonly detail?: string | undefined;
    }
  | { readonly type: "missed-visit"; readonly day: number; readonly reason: string }
  | { readonly type: "rescue-therapy"; readonly day: number; readonly detail?: string | undefined }
  | {
      /** The study treatment was stopped; the patient stays in follow-up (visits continue). */
      readonly type: "treatment-discontinuation";
      readonly day: number;
      readonly reason?: "adverse-event" | "lack-of-efficacy" | "other" | undefined;
      readonly detail?: string | undefined;
    }
  | { readonly type: "death"; readonly day: number; readonly detail?: string | undefined }
  | {
      readonly type: "end-of-follow-up";
      readonly day: number;
      readonly detail?: string | undefined;
    }
  | {
      readonly type: "extra-renal-manifestation";
      readonly day: number;
      readonly detail?: string | undefined;
      /** Glucocorticoid dose it required, prednisone equivalent, mg/day. */
      readonly prednisoneMgPerDay?: number | undefined;
    };

const day = z.number().int().nonnegative();

/**
 * Zod schema of {@link FollowUpEvent}.
 *
 * @example
 * ```ts
 * import { FollowUpEventSchema } from 'lupus-renal-criteria';
 * FollowUpEventSchema.parse({ type: 'missed-visit', day: 365, reason: 'COVID-19 restrictions' });
 * ```
 * @category Inputs
 */
export const FollowUpEventSchema: z.ZodType<FollowUpEvent, FollowUpEvent> = z.discriminatedUnion(
  "type",
  [
    z
      .object({
        type: z.literal("withdrawal"),
        day,
        reason: z.enum(["adverse-event", "lost-to-follow-up", "other"]),
        detail: z.string().optional(),
      })
      .strict(),
    z.object({ type: z.literal("missed-visit"), day, reason: z.string() }).strict(),
    z.object({ type: z.literal("rescue-therapy"), day, detail: z.string().optional() }).strict(),
    z
      .object({
        type: z.literal("treatment-discontinuation"),
        day,
        reason: z.enum(["adverse-event", "lack-of-efficacy", "other"]).optional(),
        detail: z.string().optional(),
      })
      .strict(),
    z.object({ type: z.literal("death"), day, detail: z.string().optional() }).strict(),
    z.object({ type: z.literal("end-of-follow-up"), day, detail: z.string().optional() }).strict(),
    z
      .object({
        type: z.literal("extra-renal-manifestation"),
        day,
        detail: z.string().optional(),
        prednisoneMgPerDay: z.number().finite().nonnegative().optional(),
      })
      .strict(),
  ],
);

/**
 * What a publication itself reported about the patient's outcome (kept on
 * published fixtures so that tests can compare the library with the paper).
 *
 * @example
 * ```ts
 * import type { PublishedOutcome } from 'lupus-renal-criteria';
 * const o: PublishedOutcome = { category: 'PR', followUpWeeks: 12, followUpStatus: 'Discontinue (SAE)' };
 * ```
 * @category Inputs
 */
export interface PublishedOutcome {
  /** The category the paper reports, or `'lost'` for lost to follow-up. */
  readonly category?: "CR" | "PR" | "NR" | "lost" | undefined;
  readonly followUpWeeks?: number | undefined;
  /** The paper's follow-up column, verbatim. */
  readonly followUpStatus?: string | undefined;
  /** Adverse events as listed. */
  readonly adverseEvents?: readonly string[] | undefined;
}

/**
 * Zod schema of {@link PublishedOutcome}.
 *
 * @example
 * ```ts
 * import { PublishedOutcomeSchema } from 'lupus-renal-criteria';
 * PublishedOutcomeSchema.parse({ category: 'lost', followUpWeeks: 4 });
 * ```
 * @category Inputs
 */
export const PublishedOutcomeSchema: z.ZodType<PublishedOutcome, PublishedOutcome> = z
  .object({
    category: z.enum(["CR", "PR", "NR", "lost"]).optional(),
    followUpWeeks: z.number().finite().nonnegative().optional(),
    followUpStatus: z.string().optional(),
    adverseEvents: z.array(z.string()).optional(),
  })
  .strict();

/**
 * The most visits one patient record may hold: 10,000 (daily visits for more
 * than 27 years). {@link PatientRecordSchema} rejects a record with more — one
 * issue at `visits`, found before any visit is parsed — so a runaway or hostile
 * record is a per-record `InputError`, not an out-of-memory abort. The JSON
 * Schema (`schema/patient-record.schema.json`) states it as `maxItems`.
 *
 * @example
 * ```ts
 * import { MAX_VISITS_PER_RECORD, PatientRecordSchema } from 'lupus-renal-criteria';
 * const visits = new Array(MAX_VISITS_PER_RECORD + 1).fill({ day: 0, labs: {} });
 * PatientRecordSchema.safeParse({ id: 'p', visits }).error?.issues[0]?.path; // ['visits']
 * ```
 * @category Inputs
 */
export const MAX_VISITS_PER_RECORD = 10_000;

/**
 * A patient record.
 *
 * @example
 * ```ts
 * import type { PatientRecord } from 'lupus-renal-criteria';
 * const r: PatientRecord = {
 *   id: 'kang2020-04',
 *   patient: { sex: 'F', ageYears: 49 },
 *   baseline: { proteinuria: { value: 4.92, unit: 'g/24h' }, serumCreatinine: { value: 63, unit: 'umol/L' } },
 * };
 * ```
 * @category Inputs
 */
export interface PatientRecord {
  /** Unique within a cohort. */
  readonly id: string;
  readonly provenance?: Provenance | undefined;
  readonly patient?: PatientInfo | undefined;
  readonly disease?: DiseaseHistory | undefined;
  /** Labs at baseline (day 0). */
  readonly baseline?: LabValues | undefined;
  /** Calendar date of baseline (`YYYY-MM-DD`), when visits are given by date. */
  readonly baselineDate?: string | undefined;
  readonly baselineTherapy?: BaselineTherapy | undefined;
  readonly treatmentHistory?: TreatmentHistory | undefined;
  readonly exclusions?: ExclusionFacts | undefined;
  /** At most {@link MAX_VISITS_PER_RECORD} visits. */
  readonly visits?: readonly Visit[] | undefined;
  readonly events?: readonly FollowUpEvent[] | undefined;
  readonly published?: PublishedOutcome | undefined;
  /** The source's columns as printed, for published data. */
  readonly verbatim?: Readonly<Record<string, string>> | undefined;
}

/**
 * What {@link PatientRecordSchema} accepts (its input side), and so what
 * `assessRecord`, `assessEligibility` and `detectFlares` take: a
 * {@link PatientRecord} whose lab values (baseline and visits) and patient fields
 * may be `null` for a missing value, as {@link LabValuesLike} and
 * {@link PatientInfoLike}. The record's own fields (`baseline`, `visits`, …) are
 * omitted when absent, never `null`. Every `PatientRecord` is one. For a record
 * whose shape the compiler does not know (parsed JSON), use the `safe*` variants
 * (`safeAssessRecord`, `safeAssessEligibility`, `safeDetectFlares`), which take
 * `unknown`.
 *
 * @example
 * ```ts
 * import type { PatientRecordLike } from 'lupus-renal-criteria';
 * const r: PatientRecordLike = {
 *   id: 'p1',
 *   baseline: { proteinuria: { value: 3.4, unit: 'g/24h' }, serumAlbumin: null },
 *   visits: [{ day: 180, labs: { proteinuria: { value: 0.4, unit: 'g/24h' } } }],
 * };
 * ```
 * @category Inputs
 */
export interface PatientRecordLike extends Omit<PatientRecord, "patient" | "baseline" | "visits"> {
  readonly patient?: PatientInfoLike | undefined;
  /** Labs at baseline (day 0). */
  readonly baseline?: LabValuesLike | undefined;
  /** At most {@link MAX_VISITS_PER_RECORD} visits. */
  readonly visits?: readonly VisitLike[] | undefined;
}

/**
 * Zod schema of {@link PatientRecord}. Unknown keys are rejected at every level;
 * a record holds at most {@link MAX_VISITS_PER_RECORD} visits. Its input side is
 * {@link PatientRecordLike} (`z.input<typeof PatientRecordSchema>`).
 *
 * @example
 * ```ts
 * import { PatientRecordSchema } from 'lupus-renal-criteria';
 * PatientRecordSchema.parse({ id: 'p1', baseline: { proteinuria: { value: 3.4, unit: 'g/24h' } } });
 * ```
 * @category Inputs
 */
export const PatientRecordSchema: z.ZodType<PatientRecord, PatientRecordLike> = z
  .object({
    id: z.string().min(1, { message: "id must not be empty" }),
    provenance: ProvenanceSchema.optional(),
    patient: PatientInfoSchema.optional(),
    disease: DiseaseHistorySchema.optional(),
    baseline: LabValuesSchema.optional(),
    baselineDate: isoDate.optional(),
    baselineTherapy: BaselineTherapySchema.optional(),
    treatmentHistory: TreatmentHistorySchema.optional(),
    exclusions: ExclusionFactsSchema.optional(),
    visits: z
      .array(VisitSchema)
      .max(MAX_VISITS_PER_RECORD, {
        message: `a record holds at most ${MAX_VISITS_PER_RECORD} visits (MAX_VISITS_PER_RECORD)`,
      })
      .optional(),
    events: z.array(FollowUpEventSchema).optional(),
    published: PublishedOutcomeSchema.optional(),
    verbatim: z.record(z.string(), z.string()).optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    const seen = new Map<number, number>();
    r.visits?.forEach((v, i) => {
      let d = v.day;
      if (v.date !== undefined) {
        if (r.baselineDate === undefined) {
          ctx.addIssue({
            code: "custom",
            path: ["visits", i, "date"],
            message: "a visit date needs the record's baselineDate",
          });
          return;
        }
        d = daysBetween(r.baselineDate, v.date);
        if (d < 0) {
          ctx.addIssue({
            code: "custom",
            path: ["visits", i, "date"],
            message: "a visit cannot be before baseline",
          });
          return;
        }
      }
      if (d === undefined) return;
      const j = seen.get(d);
      if (j !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["visits", i],
          message: `duplicate visit: same day (${d}) as visits[${j}]`,
        });
      }
      seen.set(d, i);
    });
  });

/**
 * Whole days from one calendar date to another (UTC).
 *
 * @param from - `YYYY-MM-DD`.
 * @param to - `YYYY-MM-DD`.
 * @returns `to − from` in days.
 * @example
 * ```ts
 * import { daysBetween } from 'lupus-renal-criteria';
 * daysBetween('2020-01-01', '2020-03-01'); // 60
 * ```
 * @category Inputs
 */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
