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
import { lookupUnit, type MeasureKind, unitsOfKind } from "../units/units.js";
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

interface QuantitySpec {
  /** Each accepted spelling of the kinds' units → its factor to the base unit. */
  readonly units: ReadonlyMap<string, number>;
  readonly positive: boolean;
  readonly censored: boolean;
}

// How the walks read an object: one `for…in` pass, each key compared with the schema's
// and its value read once with `x[k]` (V8 loads that from the enumeration cache, a field
// load; a loop over a table of keys made every load a generic keyed one, and an
// `Object.hasOwn` per key cost as much again). A key the pass does not see but the schema
// still reads by name (a non-enumerable own property) is looked up by name afterwards, and
// the walk gives up on it. The copy is built in the schema's key order.

/** `quantitySchema(kinds, options)` (src/units/schema.ts) for a valid input. */
function quantity(x: unknown, spec: QuantitySpec): Out<Plain> {
  if (!isPlain(x)) return GIVE_UP;
  let value: unknown;
  let unit: unknown;
  let censor: unknown;
  let seen = 0;
  for (const k in x) {
    if (k === "value") {
      value = x[k];
      seen |= 1;
    } else if (k === "unit") {
      unit = x[k];
      seen |= 2;
    } else if (k === "censor" && spec.censored) {
      censor = x[k];
      seen |= 4;
    } else return GIVE_UP;
  }
  if ((seen & 3) !== 3 || typeof value !== "number" || !Number.isFinite(value)) return GIVE_UP;
  if (spec.positive ? !(value > 0) : !(value >= 0)) return GIVE_UP;
  if (typeof unit !== "string") return GIVE_UP;
  const toBase = spec.units.get(unit);
  if (toBase === undefined || !Number.isFinite(value * toBase)) return GIVE_UP;
  if (seen === 3) return spec.censored && x.censor !== undefined ? GIVE_UP : { value, unit };
  if (censor === undefined) return { value, unit, censor };
  if (censor !== "<" && censor !== "<=" && censor !== ">" && censor !== ">=") return GIVE_UP;
  if (censor === "<" && value === 0) return GIVE_UP;
  return { value, unit, censor };
}

/** The unit spellings of `kinds` with their factors (the unit table is frozen). */
function unitsOf(...kinds: MeasureKind[]): ReadonlyMap<string, number> {
  const m = new Map<string, number>();
  for (const kind of kinds)
    for (const u of unitsOfKind(kind)) m.set(u, (lookupUnit(u) as { toBase: number }).toBase);
  return m;
}

const PROTEINURIA: QuantitySpec = {
  units: unitsOf("urineProtein24h", "upcr"),
  positive: false,
  censored: true,
};
const CREATININE: QuantitySpec = {
  units: unitsOf("serumCreatinine"),
  positive: true,
  censored: true,
};
const CREATININE_LIMIT: QuantitySpec = { ...CREATININE, censored: false };
const ALBUMIN: QuantitySpec = { units: unitsOf("serumAlbumin"), positive: true, censored: true };
const EGFR: QuantitySpec = { units: unitsOf("egfr"), positive: true, censored: true };

const isCount = (v: unknown): boolean =>
  v === undefined || (typeof v === "number" && Number.isFinite(v) && v >= 0);
const isFlag = (v: unknown): boolean => v === undefined || typeof v === "boolean";

/** `UrineSedimentSchema` (its fields are optional, not nullable). */
function sediment(x: unknown): Out<Plain> {
  if (!isPlain(x)) return GIVE_UP;
  let rbc: unknown;
  let wbc: unknown;
  let acanthocytes: unknown;
  let casts: unknown;
  let normal: unknown;
  let seen = 0;
  for (const k in x) {
    const v = x[k];
    switch (k) {
      case "rbcPerHpf":
        seen |= 1;
        rbc = v;
        if (!isCount(v)) return GIVE_UP;
        break;
      case "wbcPerHpf":
        seen |= 2;
        wbc = v;
        if (!isCount(v)) return GIVE_UP;
        break;
      case "acanthocytesPerHpf":
        seen |= 4;
        acanthocytes = v;
        if (!isCount(v)) return GIVE_UP;
        break;
      case "cellularCasts":
        seen |= 8;
        casts = v;
        if (!isFlag(v)) return GIVE_UP;
        break;
      case "normal":
        seen |= 16;
        normal = v;
        if (!isFlag(v)) return GIVE_UP;
        break;
      default:
        return GIVE_UP;
    }
  }
  if (
    seen !== 31 &&
    ((!(seen & 1) && x.rbcPerHpf !== undefined) ||
      (!(seen & 2) && x.wbcPerHpf !== undefined) ||
      (!(seen & 4) && x.acanthocytesPerHpf !== undefined) ||
      (!(seen & 8) && x.cellularCasts !== undefined) ||
      (!(seen & 16) && x.normal !== undefined))
  )
    return GIVE_UP;
  const out: Plain = {};
  if (seen & 1) out.rbcPerHpf = rbc;
  if (seen & 2) out.wbcPerHpf = wbc;
  if (seen & 4) out.acanthocytesPerHpf = acanthocytes;
  if (seen & 8) out.cellularCasts = casts;
  if (seen & 16) out.normal = normal;
  return out;
}

/** A nullable quantity: `null` and `undefined` read as missing. */
function nullableQuantity(v: unknown, spec: QuantitySpec): Out<Plain | undefined> {
  return v === null || v === undefined ? undefined : quantity(v, spec);
}

/** `LabValuesSchema`: every field nullable (`null` → `undefined`, the key kept). */
function labs(x: unknown): Out<Plain> {
  if (!isPlain(x)) return GIVE_UP;
  let proteinuria: Out<Plain | undefined>;
  let serumCreatinine: Out<Plain | undefined>;
  let serumCreatinineUpperLimit: Out<Plain | undefined>;
  let serumAlbumin: Out<Plain | undefined>;
  let egfr: Out<Plain | undefined>;
  let urineSediment: Out<Plain | undefined>;
  let prednisoneMgPerDay: unknown;
  let rescueTherapy: unknown;
  let seen = 0;
  for (const k in x) {
    const v = x[k];
    switch (k) {
      case "proteinuria":
        seen |= 1;
        proteinuria = nullableQuantity(v, PROTEINURIA);
        if (proteinuria === GIVE_UP) return GIVE_UP;
        break;
      case "serumCreatinine":
        seen |= 2;
        serumCreatinine = nullableQuantity(v, CREATININE);
        if (serumCreatinine === GIVE_UP) return GIVE_UP;
        break;
      case "serumCreatinineUpperLimit":
        seen |= 4;
        serumCreatinineUpperLimit = nullableQuantity(v, CREATININE_LIMIT);
        if (serumCreatinineUpperLimit === GIVE_UP) return GIVE_UP;
        break;
      case "serumAlbumin":
        seen |= 8;
        serumAlbumin = nullableQuantity(v, ALBUMIN);
        if (serumAlbumin === GIVE_UP) return GIVE_UP;
        break;
      case "egfr":
        seen |= 16;
        egfr = nullableQuantity(v, EGFR);
        if (egfr === GIVE_UP) return GIVE_UP;
        break;
      case "urineSediment":
        seen |= 32;
        urineSediment = v === null || v === undefined ? undefined : sediment(v);
        if (urineSediment === GIVE_UP) return GIVE_UP;
        break;
      case "prednisoneMgPerDay":
        seen |= 64;
        if (v !== null && !isCount(v)) return GIVE_UP;
        prednisoneMgPerDay = v ?? undefined;
        break;
      case "rescueTherapy":
        seen |= 128;
        if (v !== null && !isFlag(v)) return GIVE_UP;
        rescueTherapy = v ?? undefined;
        break;
      default:
        return GIVE_UP;
    }
  }
  if (
    seen !== 255 &&
    ((!(seen & 1) && x.proteinuria !== undefined) ||
      (!(seen & 2) && x.serumCreatinine !== undefined) ||
      (!(seen & 4) && x.serumCreatinineUpperLimit !== undefined) ||
      (!(seen & 8) && x.serumAlbumin !== undefined) ||
      (!(seen & 16) && x.egfr !== undefined) ||
      (!(seen & 32) && x.urineSediment !== undefined) ||
      (!(seen & 64) && x.prednisoneMgPerDay !== undefined) ||
      (!(seen & 128) && x.rescueTherapy !== undefined))
  )
    return GIVE_UP;
  // The schema's key order, each key the input has (its value `undefined` for a `null`).
  const out: Plain = {};
  if (seen & 1) out.proteinuria = proteinuria;
  if (seen & 2) out.serumCreatinine = serumCreatinine;
  if (seen & 4) out.serumCreatinineUpperLimit = serumCreatinineUpperLimit;
  if (seen & 8) out.serumAlbumin = serumAlbumin;
  if (seen & 16) out.egfr = egfr;
  if (seen & 32) out.urineSediment = urineSediment;
  if (seen & 64) out.prednisoneMgPerDay = prednisoneMgPerDay;
  if (seen & 128) out.rescueTherapy = rescueTherapy;
  return out;
}

/** `PatientInfoSchema`: every field nullable. */
function patient(x: unknown): Out<Plain> {
  if (!isPlain(x)) return GIVE_UP;
  let sex: unknown;
  let age: unknown;
  let height: unknown;
  let seen = 0;
  for (const k in x) {
    const v = x[k];
    switch (k) {
      case "sex":
        seen |= 1;
        if (v !== null && v !== undefined && v !== "F" && v !== "M") return GIVE_UP;
        sex = v ?? undefined;
        break;
      case "ageYears":
        seen |= 2;
        if (
          v !== null &&
          v !== undefined &&
          (typeof v !== "number" || !Number.isFinite(v) || !(v >= 0) || v > 130)
        )
          return GIVE_UP;
        age = v ?? undefined;
        break;
      case "heightCm":
        seen |= 4;
        if (
          v !== null &&
          v !== undefined &&
          (typeof v !== "number" || !Number.isFinite(v) || !(v > 0) || v > 300)
        )
          return GIVE_UP;
        height = v ?? undefined;
        break;
      default:
        return GIVE_UP;
    }
  }
  if (
    seen !== 7 &&
    ((!(seen & 1) && x.sex !== undefined) ||
      (!(seen & 2) && x.ageYears !== undefined) ||
      (!(seen & 4) && x.heightCm !== undefined))
  )
    return GIVE_UP;
  const out: Plain = {};
  if (seen & 1) out.sex = sex;
  if (seen & 2) out.ageYears = age;
  if (seen & 4) out.heightCm = height;
  return out;
}

function responseInput(x: unknown): Out<ResponseInput> {
  if (!isPlain(x)) return GIVE_UP;
  let patientOut: Out<Plain | undefined>;
  let baseline: Out<Plain | undefined>;
  let current: Out<Plain | undefined>;
  let seen = 0;
  for (const k in x) {
    const v = x[k];
    switch (k) {
      case "patient":
        seen |= 1;
        patientOut = v === null || v === undefined ? undefined : patient(v);
        if (patientOut === GIVE_UP) return GIVE_UP;
        break;
      case "baseline":
        seen |= 2;
        baseline = v === null || v === undefined ? undefined : labs(v);
        if (baseline === GIVE_UP) return GIVE_UP;
        break;
      case "current":
        seen |= 4;
        current = v === null || v === undefined ? undefined : labs(v);
        if (current === GIVE_UP) return GIVE_UP;
        break;
      default:
        return GIVE_UP;
    }
  }
  if (
    seen !== 7 &&
    ((!(seen & 1) && x.patient !== undefined) ||
      (!(seen & 2) && x.baseline !== undefined) ||
      (!(seen & 4) && x.current !== undefined))
  )
    return GIVE_UP;
  const out: Plain = {};
  if (seen & 1) out.patient = patientOut;
  if (seen & 2) out.baseline = baseline;
  if (seen & 4) out.current = current;
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
  let seen = 0;
  for (const k in x) {
    const v = x[k];
    switch (k) {
      case "day":
        if (typeof v !== "number" || !Number.isSafeInteger(v) || !(v >= 0)) return GIVE_UP;
        seen |= 1;
        out[k] = v;
        break;
      case "date":
        if (v !== undefined) return GIVE_UP;
        seen |= 2;
        out[k] = v;
        break;
      case "labs": {
        const l = labs(v);
        if (l === GIVE_UP) return GIVE_UP;
        seen |= 4;
        out[k] = l;
        break;
      }
      case "prednisoneMgPerDay":
        if (!isCount(v)) return GIVE_UP;
        seen |= 8;
        out[k] = v;
        break;
      default:
        return GIVE_UP;
    }
  }
  // A day and labs are required; a date or dose the pass did not see must not be there.
  if ((seen & 5) !== 5) return GIVE_UP;
  if (!(seen & 2) && x.date !== undefined) return GIVE_UP;
  return !(seen & 8) && x.prednisoneMgPerDay !== undefined ? GIVE_UP : out;
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
