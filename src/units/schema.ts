import { z } from "zod";
import { lookupUnit, type MeasureKind, unitsOfKind } from "./units.js";

/**
 * A measured value with its unit, e.g. `{ value: 0.47, unit: 'g/24h' }`.
 *
 * @example
 * ```ts
 * import type { Quantity } from 'lupus-renal-criteria';
 * const up: Quantity = { value: 0.47, unit: 'g/24h' };
 * ```
 * @category Units
 */
export interface Quantity {
  /** The number, finite and in the unit given. */
  readonly value: number;
  /** Any accepted spelling of a unit of the expected kind (see {@link lookupUnit}). */
  readonly unit: string;
}

const KIND_LABEL: Record<MeasureKind, string> = {
  urineProtein24h: "24-h urine protein",
  upcr: "urine protein-to-creatinine ratio",
  serumCreatinine: "serum creatinine",
  serumAlbumin: "serum albumin",
  egfr: "eGFR",
  cellsPerHpf: "urine sediment count",
  glucocorticoidDose: "glucocorticoid dose",
  percent: "percentage",
};

/**
 * Build a zod schema for a quantity of the given kind(s). The value must be a
 * finite number (and positive when `positive` is set, non-negative otherwise);
 * the unit must be an accepted spelling of one of the kinds. An unknown unit or a
 * unit of another kind is an issue at `<path>.unit` that names the accepted units.
 *
 * @param kinds - the accepted measurement kinds (proteinuria accepts two).
 * @param options - `positive`: reject 0 (creatinine, albumin, eGFR cannot be 0).
 * @returns a zod object schema for `{ value, unit }`.
 * @example
 * ```ts
 * import { quantitySchema } from 'lupus-renal-criteria';
 * const creatinine = quantitySchema(['serumCreatinine'], { positive: true });
 * creatinine.parse({ value: 63, unit: 'µmol/L' });
 * creatinine.safeParse({ value: 63, unit: 'g/L' }).success; // false: g/L is an albumin unit
 * ```
 * @category Units
 */
export function quantitySchema(
  kinds: readonly MeasureKind[],
  options: { positive?: boolean } = {},
): z.ZodType<Quantity> {
  const accepted = kinds.flatMap((k) => unitsOfKind(k));
  const what = kinds.map((k) => KIND_LABEL[k]).join(" or ");
  const value = options.positive
    ? z
        .number()
        .finite()
        .positive({ message: `${what} must be greater than 0` })
    : z
        .number()
        .finite()
        .nonnegative({ message: `${what} cannot be negative` });
  return z
    .object({
      value,
      unit: z
        .string()
        .superRefine((unit, ctx) => {
          const info = lookupUnit(unit);
          if (info && kinds.includes(info.kind)) return;
          const squash = (x: string) => x.toLowerCase().replace(/\s+/g, "");
          const near = info ? undefined : accepted.find((a) => squash(a) === squash(unit));
          const why = info
            ? `'${unit}' is a ${KIND_LABEL[info.kind]} unit, not a ${what} unit`
            : `unknown unit '${unit}'${near ? ` (did you mean '${near}'?)` : ""}`;
          ctx.addIssue({
            code: "custom",
            message: `${why}; expected one of: ${accepted.join(", ")}`,
          });
        })
        .meta({ enum: accepted, description: `unit of ${what}` }),
    })
    .strict()
    .superRefine((q, ctx) => {
      // A value finite in its own unit may overflow when converted (e.g. Number.MAX_VALUE mg/dL).
      const info = lookupUnit(q.unit);
      if (info && !Number.isFinite(q.value * info.toBase)) {
        ctx.addIssue({
          code: "custom",
          path: ["value"],
          message: `${what} ${q.value} ${q.unit} is out of range`,
        });
      }
    });
}
