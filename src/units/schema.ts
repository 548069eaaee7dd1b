import { z } from "zod";
import { lookupUnit, type MeasureKind, unitsOfKind } from "./units.js";

/**
 * How a laboratory censored a value it could not measure exactly: `'<'` for a
 * result printed `<0.1` (below the limit of quantification), `'<='`, `'>'` for
 * `>3000` (above the measuring range), `'>='`. The quantity's `value` is then the
 * bound, and the true value lies anywhere on that side of it.
 *
 * @example
 * ```ts
 * import type { Censor, Quantity } from 'lupus-renal-criteria';
 * const c: Censor = '<';
 * const belowLoq: Quantity = { value: 0.1, unit: 'g/24h', censor: c }; // "<0.1 g/24h"
 * ```
 * @category Units
 */
export type Censor = "<" | "<=" | ">" | ">=";

/**
 * A measured value with its unit, e.g. `{ value: 0.47, unit: 'g/24h' }`; a censored
 * value (a laboratory's `<0.1 g/24h`) carries `censor` and its bound in `value`.
 *
 * @example
 * ```ts
 * import type { Quantity } from 'lupus-renal-criteria';
 * const up: Quantity = { value: 0.47, unit: 'g/24h' };
 * const belowLoq: Quantity = { value: 0.1, unit: 'g/24h', censor: '<' }; // somewhere in [0, 0.1)
 * ```
 * @category Units
 */
export interface Quantity {
  /** The number, finite and in the unit given (the bound, when censored). */
  readonly value: number;
  /** Any accepted spelling of a unit of the expected kind (see {@link lookupUnit}). */
  readonly unit: string;
  /**
   * Absent for an exact value. Set for a censored one: the true value is
   * `censor value` (`'<'` and `0.1`: below 0.1; `'>='` and `3000`: 3000 or more).
   * Laboratory quantities are never negative, so `<0.1` is the range [0, 0.1) (and
   * (0, 0.1) for a quantity that must be positive). A clause decides on a censored
   * value only when its whole range lies on one side of the threshold; otherwise it
   * is unknown, and the result names the censored input.
   */
  readonly censor?: Censor | undefined;
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
 * An optional `censor` (`'<'`, `'<='`, `'>'`, `'>='`) marks a censored value
 * (see {@link Quantity}); `'<'` with the value 0 (an empty range) is refused, and so
 * is any censor when `censored` is false.
 *
 * @param kinds - the accepted measurement kinds (proteinuria accepts two).
 * @param options - `positive`: reject 0 (creatinine, albumin, eGFR cannot be 0);
 *   `censored`: accept `censor` (default true).
 * @returns a zod object schema for `{ value, unit, censor? }`.
 * @example
 * ```ts
 * import { quantitySchema } from 'lupus-renal-criteria';
 * const creatinine = quantitySchema(['serumCreatinine'], { positive: true });
 * creatinine.parse({ value: 63, unit: 'µmol/L' });
 * creatinine.safeParse({ value: 63, unit: 'g/L' }).success; // false: g/L is an albumin unit
 * quantitySchema(['urineProtein24h']).parse({ value: 0.1, unit: 'g/24h', censor: '<' }); // "<0.1 g/24h"
 * ```
 * @category Units
 */
export function quantitySchema(
  kinds: readonly MeasureKind[],
  options: { positive?: boolean; censored?: boolean } = {},
): z.ZodType<Quantity, Quantity> {
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
  const shape = {
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
    censor: z.enum(["<", "<=", ">", ">="]).optional().meta({
      description:
        "absent for an exact value; for a censored laboratory result ('<0.1', '>3000'), the side of `value` the true value lies on",
    }),
  };
  // Without `censored`, the key is not in the shape: a censor is an unknown key.
  const object: z.ZodType<Quantity, Quantity> =
    options.censored === false
      ? z.object({ value: shape.value, unit: shape.unit }).strict()
      : z.object(shape).strict();
  return object.superRefine((q, ctx) => {
    if (q.censor === "<" && q.value === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["censor"],
        message: `${what} cannot be below 0: '<0' is an empty range`,
      });
    }
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
