/**
 * Validation of the options of the longitudinal and cohort functions: every bad
 * option is an {@link InputError} whose issues name the option path
 * (`options.timepoints[1].windowDays`), never a silently wrong number.
 *
 * @module
 * @internal
 */
import { z } from "zod";
import { CriteriaError, InputError } from "../ir/errors.js";
import type { InterpretationChoice, ResponseCriteria } from "../ir/types.js";
import { safeParsePatientRecord } from "../model/fast-parse.js";
import type { PatientRecord } from "../model/record.js";

/**
 * A whole number of days ≥ 0.
 *
 * @category Classification
 */
export const wholeDays = (what: string) =>
  z
    .number({
      error: (iss) =>
        iss.input === undefined
          ? `${what} is required (a whole number of days)`
          : `${what} must be a whole number of days, got ${typeof iss.input === "number" ? String(iss.input) : typeof iss.input}`,
    })
    .refine(Number.isFinite, { message: `${what} must be a finite number of days`, abort: true })
    .refine(Number.isInteger, { message: `${what} must be a whole number of days` })
    .refine((n) => n >= 0, { message: `${what} must not be negative` });

/**
 * Schema of a protocol time point (`{ label, day, windowDays }`).
 *
 * @category Classification
 */
export const TimepointSchema = z
  .object({
    label: z.string().min(1, { message: "label must not be empty" }),
    day: wholeDays("day"),
    windowDays: wholeDays("windowDays"),
  })
  .strict();

const interpretationSchema = z.record(z.string(), z.string()).optional();

/**
 * Options shared by the time-point functions (`TimepointOptions`).
 *
 * @category Classification
 */
export const timepointOptionShape = {
  interpretation: interpretationSchema,
  allowProteinuriaSubstitution: z.boolean().optional(),
  windowDays: wholeDays("windowDays").optional(),
  carryForward: z.boolean().optional(),
  carryForwardMaxDays: wholeDays("carryForwardMaxDays").optional(),
  details: z.boolean().optional(),
  outcome: z.enum(["at-timepoint", "best-by-timepoint"]).optional(),
  timepoints: z.array(TimepointSchema).optional(),
};

/**
 * A confidence level strictly between 0 and 1.
 *
 * @category Classification
 */
export const levelSchema = z
  .number({ message: "level must be a number" })
  .refine((l) => Number.isFinite(l) && l > 0 && l < 1, {
    message: "level must be a confidence level strictly between 0 and 1 (e.g. 0.95)",
  });

/**
 * An InputError for hand-made issues (`path` starts with the option's root).
 *
 * @category Classification
 */
export function optionError(
  issues: readonly { readonly path: readonly PropertyKey[]; readonly message: string }[],
  what = "options",
): InputError {
  return new InputError(
    new z.ZodError(
      issues.map((i) => ({
        code: "custom" as const,
        path: [...i.path],
        message: i.message,
        input: undefined,
      })),
    ),
    what,
  );
}

/**
 * Each option schema wrapped once (`{ v: schema }`, so that a bad `options` value itself is
 * reported at the root path): building a zod object costs ~40 µs, parsing with it ~0.2 µs,
 * and the wrapper was built on every call (`assessRecord`, `resolveTimepoint`, `detectFlares`).
 */
const WRAPPED = new WeakMap<z.ZodType, z.ZodType>();

/**
 * Parse `value` with `schema` under the root name `root` (so issue paths read
 * `options.level`); throw an InputError naming every bad path.
 * @category Classification
 */
export function parseOption<T>(schema: z.ZodType<T>, value: unknown, root = "options"): T {
  let r: ReturnType<z.ZodType<{ v: T }>["safeParse"]>;
  let wrapped = WRAPPED.get(schema) as z.ZodType<{ v: T }> | undefined;
  if (wrapped === undefined) {
    wrapped = z.object({ v: schema });
    WRAPPED.set(schema, wrapped);
  }
  try {
    r = wrapped.safeParse({ v: value });
  } catch (e) {
    throw optionError([{ path: [root], message: `could not be read: ${messageOf(e)}` }], root);
  }
  if (!r.success) {
    const issues = r.error.issues.map((i) => ({
      path: [root, ...i.path.slice(1)],
      message: i.message,
    }));
    throw optionError(issues, root);
  }
  return r.data.v;
}

/**
 * Check a choice of readings against a criteria object's parameters.
 *
 * @category Classification
 */
export function checkInterpretation(
  criteria: {
    readonly id: string;
    readonly parameters: Readonly<
      Record<string, { readonly readings: Readonly<Record<string, unknown>> }>
    >;
  },
  choice: InterpretationChoice | undefined,
  path: readonly PropertyKey[],
): { path: readonly PropertyKey[]; message: string }[] {
  const issues: { path: readonly PropertyKey[]; message: string }[] = [];
  for (const [name, reading] of Object.entries(choice ?? {})) {
    const p = Object.hasOwn(criteria.parameters, name) ? criteria.parameters[name] : undefined;
    if (!p) {
      const names = Object.keys(criteria.parameters);
      issues.push({
        path: [...path, name],
        message: `${criteria.id} has no interpretation parameter '${name}'; it has: ${names.length ? names.join(", ") : "none"}`,
      });
    } else if (!Object.hasOwn(p.readings, reading)) {
      issues.push({
        path: [...path, name],
        message: `'${reading}' is not a reading of ${criteria.id}'s '${name}'; permitted: ${Object.keys(p.readings).join(", ")}`,
      });
    }
  }
  return issues;
}

/**
 * The message of anything thrown (never throws itself).
 *
 * @category Classification
 */
export function messageOf(e: unknown): string {
  try {
    return e instanceof Error ? e.message : String(e);
  } catch {
    return "unreadable error";
  }
}

/**
 * Options of the time-point functions (`TimepointOptions` with `timepoints`).
 *
 * @category Classification
 */
export const TimepointOptionsSchema = z.object(timepointOptionShape).strict();

/**
 * Validate the options of a time-point function against a criteria object
 * (readings must be the object's own). Throws an InputError naming each path.
 * @category Classification
 */
export function checkTimepointOptions(
  criteria: ResponseCriteria | undefined,
  options: unknown,
  schema: z.ZodType = TimepointOptionsSchema,
): void {
  parseOption(schema, options);
  if (criteria) {
    // The caller's own object (a parsed copy would drop a `__proto__` key).
    const raw = (options as { interpretation?: InterpretationChoice } | undefined)?.interpretation;
    const issues = checkInterpretation(criteria, raw, ["options", "interpretation"]);
    if (issues.length) throw optionError(issues);
  }
}

/**
 * Validate a patient record, turning a record that cannot even be read (a
 * throwing getter, a revoked Proxy) into an InputError too.
 * @category Classification
 */
export function parseRecord(
  record: unknown,
  what: string,
): { success: true; data: PatientRecord } | { success: false; error: InputError } {
  try {
    const parsed = safeParsePatientRecord(record);
    if (parsed.success) return { success: true, data: parsed.data };
    return { success: false, error: new InputError(parsed.error, what) };
  } catch (e) {
    return {
      success: false,
      error: optionError(
        [{ path: [], message: `the record could not be read: ${messageOf(e)}` }],
        `${what} (could not be read)`,
      ),
    };
  }
}

/**
 * Options of `resolveTimepoint`.
 *
 * @category Classification
 */
export const ResolveOptionsSchema = z
  .object({
    windowDays: timepointOptionShape.windowDays,
    carryForward: timepointOptionShape.carryForward,
    carryForwardMaxDays: timepointOptionShape.carryForwardMaxDays,
  })
  .strict();

/**
 * The record's id when it can be read safely (never throws).
 *
 * @category Classification
 */
export function readableId(rec: unknown): string | undefined {
  try {
    if (typeof rec !== "object" || rec === null) return undefined;
    const id = (rec as { id?: unknown }).id;
    return typeof id === "string" ? id : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Run a throwing entry point for a `safe*` variant: its result, or the error it
 * threw as a value. A {@link CriteriaError} or an {@link InputError} is returned
 * as is; anything else (an input that could not be read, an unexpected error)
 * becomes an InputError named `what`. Never throws.
 *
 * @category Classification
 */
export function settle<T>(
  run: () => T,
  what: string,
): { success: true; data: T } | { success: false; error: InputError | CriteriaError } {
  try {
    return { success: true, data: run() };
  } catch (e) {
    if (CriteriaError.isCriteriaError(e) || InputError.isInputError(e))
      return { success: false, error: e };
    return { success: false, error: optionError([{ path: [], message: messageOf(e) }], what) };
  }
}
