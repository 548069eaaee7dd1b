/**
 * A fast path in front of the zod schemas of the hot inputs (one assessment, one
 * patient record). zod stays the definition and the error reporter: the fast
 * checker walks a plain input once, reads each property once, and either returns
 * the value the schema would return (a fresh object, in the schema's key order,
 * `null` read as missing) or gives up. It never reports an error itself: any
 * input it is not sure of — an invalid value, an unknown key, an object that is
 * not a plain one, a getter that throws — goes to the zod schema, so the errors
 * (paths, messages) are the schema's by construction. The differential tests
 * (`test/model/fast-parse.test.ts`) check on the fuzz corpus that whatever the
 * fast path accepts the schema accepts with a deep-equal value.
 *
 * @module
 */

import type { z } from "zod";
import { lookupUnit, type MeasureKind } from "../units/units.js";
import { type ResponseInput, ResponseInputSchema } from "./assessment.js";
import {
  BaselineTherapySchema,
  DiseaseHistorySchema,
  ExclusionFactsSchema,
  MAX_VISITS_PER_RECORD,
  type PatientRecord,
  PatientRecordSchema,
  ProvenanceSchema,
  PublishedOutcomeSchema,
} from "./record.js";
import { TreatmentHistorySchema } from "./treatment.js";

/** Not sure: let the zod schema decide. */
const GIVE_UP: unique symbol = Symbol("give up");
type Out<T> = T | typeof GIVE_UP;

type Plain = Record<string, unknown>;

/** A plain object (literal or `Object.create(null)`), not an array, a class instance or a function. */
function isPlain(x: unknown): x is Plain {
  if (typeof x !== "object" || x === null) return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

/** Every own key of `x` is one of `allowed` (the schemas are strict). */
function onlyKeys(x: Plain, allowed: ReadonlySet<string>): boolean {
  for (const k of Object.keys(x)) if (!allowed.has(k)) return false;
  return true;
}

/** Not an own property: a plain object's inherited keys are Object.prototype's (none enumerable). */
const own = (x: Plain, k: string): boolean => Object.hasOwn(x, k);

interface QuantitySpec {
  readonly kinds: ReadonlySet<MeasureKind>;
  readonly positive: boolean;
  readonly censored: boolean;
}

/** How many enumerable keys `x` has (no array allocated). */
function keyCount(x: Plain): number {
  let n = 0;
  for (const _ in x) n++;
  return n;
}

/** `quantitySchema(kinds, options)` (src/units/schema.ts) for a valid input. */
function quantity(x: unknown, spec: QuantitySpec): Out<Plain> {
  if (!isPlain(x)) return GIVE_UP;
  const value = x.value;
  const unit = x.unit;
  if (typeof value !== "number" || !Number.isFinite(value)) return GIVE_UP;
  if (spec.positive ? !(value > 0) : !(value >= 0)) return GIVE_UP;
  if (typeof unit !== "string") return GIVE_UP;
  const info = lookupUnit(unit);
  if (!info || !spec.kinds.has(info.kind) || !Number.isFinite(value * info.toBase)) return GIVE_UP;
  const n = keyCount(x);
  if (n === 2 && own(x, "value") && own(x, "unit")) return { value, unit };
  // With a censor: exactly value, unit and censor, own.
  if (n !== 3 || !spec.censored || !own(x, "censor") || !own(x, "value") || !own(x, "unit"))
    return GIVE_UP;
  const censor = x.censor;
  if (censor === undefined) return { value, unit, censor };
  if (censor !== "<" && censor !== "<=" && censor !== ">" && censor !== ">=") return GIVE_UP;
  if (censor === "<" && value === 0) return GIVE_UP;
  return { value, unit, censor };
}

const PROTEINURIA: QuantitySpec = {
  kinds: new Set(["urineProtein24h", "upcr"]),
  positive: false,
  censored: true,
};
const CREATININE: QuantitySpec = {
  kinds: new Set(["serumCreatinine"]),
  positive: true,
  censored: true,
};
const CREATININE_LIMIT: QuantitySpec = { ...CREATININE, censored: false };
const ALBUMIN: QuantitySpec = { kinds: new Set(["serumAlbumin"]), positive: true, censored: true };
const EGFR: QuantitySpec = { kinds: new Set(["egfr"]), positive: true, censored: true };

const isCount = (v: unknown): boolean =>
  v === undefined || (typeof v === "number" && Number.isFinite(v) && v >= 0);
const isFlag = (v: unknown): boolean => v === undefined || typeof v === "boolean";

/** `UrineSedimentSchema` (its fields are optional, not nullable). */
function sediment(x: unknown): Out<Plain> {
  if (!isPlain(x)) return GIVE_UP;
  const out: Plain = {};
  for (const k in x) {
    if (!own(x, k)) return GIVE_UP;
    const v = x[k];
    switch (k) {
      case "rbcPerHpf":
      case "wbcPerHpf":
      case "acanthocytesPerHpf":
        if (!isCount(v)) return GIVE_UP;
        break;
      case "cellularCasts":
      case "normal":
        if (!isFlag(v)) return GIVE_UP;
        break;
      default:
        return GIVE_UP;
    }
    out[k] = v;
  }
  return out;
}

/** A nullable quantity: `null` and `undefined` read as missing. */
function nullableQuantity(v: unknown, spec: QuantitySpec): Out<Plain | undefined> {
  return v === null || v === undefined ? undefined : quantity(v, spec);
}

const LAB_QUANTITIES: readonly (readonly [string, QuantitySpec])[] = [
  ["proteinuria", PROTEINURIA],
  ["serumCreatinine", CREATININE],
  ["serumCreatinineUpperLimit", CREATININE_LIMIT],
  ["serumAlbumin", ALBUMIN],
  ["egfr", EGFR],
];

/** `LabValuesSchema`: every field nullable (`null` → `undefined`, the key kept). */
function labs(x: unknown): Out<Plain> {
  if (!isPlain(x)) return GIVE_UP;
  const out: Plain = {};
  let seen = 0;
  for (const [k, spec] of LAB_QUANTITIES) {
    const v = x[k];
    if (v === undefined && !own(x, k)) continue;
    seen++;
    const q = nullableQuantity(v, spec);
    if (q === GIVE_UP) return GIVE_UP;
    out[k] = q;
  }
  let v = x.urineSediment;
  if (v !== undefined || own(x, "urineSediment")) {
    seen++;
    const r = v === null || v === undefined ? undefined : sediment(v);
    if (r === GIVE_UP) return GIVE_UP;
    out.urineSediment = r;
  }
  v = x.prednisoneMgPerDay;
  if (v !== undefined || own(x, "prednisoneMgPerDay")) {
    seen++;
    if (v !== null && !isCount(v)) return GIVE_UP;
    out.prednisoneMgPerDay = v ?? undefined;
  }
  v = x.rescueTherapy;
  if (v !== undefined || own(x, "rescueTherapy")) {
    seen++;
    if (v !== null && !isFlag(v)) return GIVE_UP;
    out.rescueTherapy = v ?? undefined;
  }
  // Strict: no key besides these (and each of these own).
  return seen === keyCount(x) ? out : GIVE_UP;
}

/** `PatientInfoSchema`: every field nullable. */
function patient(x: unknown): Out<Plain> {
  if (!isPlain(x)) return GIVE_UP;
  const out: Plain = {};
  for (const k in x) {
    if (!own(x, k)) return GIVE_UP;
    const v = x[k];
    if (v === null || v === undefined) {
      if (k !== "sex" && k !== "ageYears" && k !== "heightCm") return GIVE_UP;
      out[k] = undefined;
      continue;
    }
    switch (k) {
      case "sex":
        if (v !== "F" && v !== "M") return GIVE_UP;
        break;
      case "ageYears":
        if (typeof v !== "number" || !Number.isFinite(v) || !(v >= 0) || v > 130) return GIVE_UP;
        break;
      case "heightCm":
        if (typeof v !== "number" || !Number.isFinite(v) || !(v > 0) || v > 300) return GIVE_UP;
        break;
      default:
        return GIVE_UP;
    }
    out[k] = v;
  }
  return out;
}

function responseInput(x: unknown): Out<ResponseInput> {
  if (!isPlain(x)) return GIVE_UP;
  const out: Plain = {};
  for (const k in x) {
    if (!own(x, k)) return GIVE_UP;
    const v = x[k];
    let r: Out<unknown>;
    if (v === null || v === undefined) {
      if (k !== "patient" && k !== "baseline" && k !== "current") return GIVE_UP;
      r = undefined;
    } else if (k === "patient") r = patient(v);
    else if (k === "baseline" || k === "current") r = labs(v);
    else return GIVE_UP;
    if (r === GIVE_UP) return GIVE_UP;
    out[k] = r;
  }
  return out as ResponseInput;
}

/** The fast walk's copy, or `undefined` where it gives the value to the schema. */
function fastOnly<T>(walk: (x: unknown) => Out<T>, x: unknown): T | undefined {
  const r = walk(x);
  return r === GIVE_UP ? undefined : r;
}

/** The fast walk in front of the schema: its copy when sure, else the schema's own result. */
function inFront<T>(
  walk: (x: unknown) => Out<T>,
  schema: { safeParse(x: unknown): z.ZodSafeParseResult<T> },
  x: unknown,
): z.ZodSafeParseResult<T> {
  let fast: Out<T> = GIVE_UP;
  try {
    fast = walk(x);
  } catch {
    // A throwing getter or Proxy trap: the schema reads it again and reports it as before.
  }
  return fast === GIVE_UP ? schema.safeParse(x) : { success: true, data: fast };
}

/**
 * The fast path alone: the validated copy of an assessment, or `undefined` when it
 * gives the input to the schema (for the differential tests).
 *
 * @param input - an assessment.
 * @returns the copy, or `undefined`.
 * @example
 * ```ts
 * import { fastResponseInput } from './fast-parse.js';
 * fastResponseInput({ current: { egfr: { value: 0, unit: 'mL/min/1.73m2' } } }); // undefined
 * ```
 * @internal
 */
export function fastResponseInput(input: unknown): ResponseInput | undefined {
  return fastOnly(responseInput, input);
}

/**
 * `ResponseInputSchema.safeParse(input)`, faster: a valid plain input is checked
 * and copied by a hand-written walk of the same schema; anything else (every
 * invalid input among them) is parsed by the zod schema, whose result — data or
 * issues — is returned as is.
 *
 * @param input - an assessment from anywhere.
 * @returns the schema's result: `{ success: true, data }` or `{ success: false, error }`.
 * @example
 * ```ts
 * import { safeParseResponseInput } from './fast-parse.js';
 * safeParseResponseInput({ current: { proteinuria: { value: 0.3, unit: 'g/24h' } } }).success; // true
 * safeParseResponseInput({ current: { proteinuria: { value: -1, unit: 'g/24h' } } }).error?.issues[0]?.path;
 * // ['current', 'proteinuria', 'value'] (zod's issue)
 * ```
 * @internal Used by the classification entry points, the cohort tools and the CLI.
 */
export function safeParseResponseInput(input: unknown): z.ZodSafeParseResult<ResponseInput> {
  return inFront(responseInput, ResponseInputSchema, input);
}

/** `VisitSchema` for a visit given by day (a visit by date goes to the schema). */
function visit(x: unknown): Out<Plain> {
  if (!isPlain(x)) return GIVE_UP;
  const out: Plain = {};
  let day: unknown;
  let hasLabs = false;
  for (const k in x) {
    if (!own(x, k)) return GIVE_UP;
    const v = x[k];
    switch (k) {
      case "day":
        if (typeof v !== "number" || !Number.isSafeInteger(v) || !(v >= 0)) return GIVE_UP;
        day = v;
        out[k] = v;
        break;
      case "date":
        if (v !== undefined) return GIVE_UP;
        out[k] = v;
        break;
      case "labs": {
        const l = labs(v);
        if (l === GIVE_UP) return GIVE_UP;
        hasLabs = true;
        out[k] = l;
        break;
      }
      case "prednisoneMgPerDay":
        if (!isCount(v)) return GIVE_UP;
        out[k] = v;
        break;
      default:
        return GIVE_UP;
    }
  }
  return day === undefined || !hasLabs ? GIVE_UP : out;
}

/** Record fields the fast path leaves to their own zod schemas (they are not hot). */
const DELEGATED: Readonly<Record<string, z.ZodType>> = {
  provenance: ProvenanceSchema,
  disease: DiseaseHistorySchema,
  baselineTherapy: BaselineTherapySchema,
  treatmentHistory: TreatmentHistorySchema,
  exclusions: ExclusionFactsSchema,
  published: PublishedOutcomeSchema,
};
const RECORD_KEYS = new Set([
  "id",
  "provenance",
  "patient",
  "disease",
  "baseline",
  "baselineDate",
  "baselineTherapy",
  "treatmentHistory",
  "exclusions",
  "visits",
  "events",
  "published",
  "verbatim",
]);

function patientRecord(x: unknown): Out<PatientRecord> {
  if (!isPlain(x) || !onlyKeys(x, RECORD_KEYS)) return GIVE_UP;
  const id = x.id;
  if (typeof id !== "string" || id.length === 0) return GIVE_UP;
  // baselineDate and events are rare in bulk data: the schema takes those records.
  if (x.baselineDate !== undefined || x.events !== undefined || x.verbatim !== undefined)
    return GIVE_UP;
  const out: Plain = { id };
  for (const k of RECORD_KEYS) {
    if (k === "id" || !(k in x)) continue;
    const v = x[k];
    if (v === undefined) {
      out[k] = undefined;
      continue;
    }
    if (k === "patient") {
      const p = patient(v);
      if (p === GIVE_UP) return GIVE_UP;
      out[k] = p;
    } else if (k === "baseline") {
      const l = labs(v);
      if (l === GIVE_UP) return GIVE_UP;
      out[k] = l;
    } else if (k === "visits") {
      if (!Array.isArray(v) || v.length > MAX_VISITS_PER_RECORD) return GIVE_UP;
      const visits: Plain[] = new Array(v.length);
      const seen = new Set<number>();
      for (let i = 0; i < v.length; i++) {
        const w = visit(v[i]);
        if (w === GIVE_UP || seen.has(w.day as number)) return GIVE_UP;
        seen.add(w.day as number);
        visits[i] = w;
      }
      out[k] = visits;
    } else {
      const schema = DELEGATED[k];
      if (!schema) return GIVE_UP;
      const r = schema.safeParse(v);
      if (!r.success) return GIVE_UP;
      out[k] = r.data;
    }
  }
  return out as unknown as PatientRecord;
}

/**
 * The fast path alone: the validated copy of a record, or `undefined` when it gives
 * the record to the schema (for the differential tests).
 *
 * @param record - a patient record.
 * @returns the copy, or `undefined`.
 * @example
 * ```ts
 * import { fastPatientRecord } from './fast-parse.js';
 * fastPatientRecord({ id: 'p1', visits: [{ day: -1, labs: {} }] }); // undefined
 * ```
 * @internal
 */
export function fastPatientRecord(record: unknown): PatientRecord | undefined {
  return fastOnly(patientRecord, record);
}

/**
 * `PatientRecordSchema.safeParse(record)`, faster for the common bulk record (id,
 * patient, baseline, visits by day, and the descriptive fields, which go to their
 * own schemas); any other record, and every invalid one, is parsed by the zod
 * schema, whose result is returned as is.
 *
 * @param record - a patient record from anywhere.
 * @returns the schema's result.
 * @example
 * ```ts
 * import { safeParsePatientRecord } from './fast-parse.js';
 * safeParsePatientRecord({ id: 'p1', visits: [{ day: 90, labs: {} }] }).success; // true
 * ```
 * @internal Used by the cohort tools and the CLI.
 */
export function safeParsePatientRecord(record: unknown): z.ZodSafeParseResult<PatientRecord> {
  return inFront(patientRecord, PatientRecordSchema, record);
}
