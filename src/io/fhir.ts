/**
 * FHIR R4 in: a Bundle, an array of resources, or Bulk Data NDJSON →
 * {@link PatientRecord}s, with every resource accounted for. Only the fields read
 * are typed here (structurally), so the public types do not need `@types/fhir`.
 *
 * @module
 */
import { labUnitNote, readLabUnit } from "../units/lab-units.js";
import type { Censor } from "../units/schema.js";
import {
  type AssembleOptions,
  assembleRecords,
  checkQuantity,
  dayNumber,
  endBeforeStart,
  type Finding,
  LOINC_CODES,
  type SourceOutcome,
  timeOfDay,
} from "./codes.js";
import type { ReadResult } from "./long.js";

/**
 * The parts of a FHIR R4 resource this reader looks at.
 *
 * @example
 * ```ts
 * import type { FhirResourceLike } from 'lupus-renal-criteria/io';
 * const p: FhirResourceLike = { resourceType: 'Patient', id: 'p1', gender: 'female' };
 * ```
 * @category Data in and out
 */
export interface FhirResourceLike {
  readonly resourceType: string;
  readonly id?: string | undefined;
  readonly [key: string]: unknown;
}

interface QuantityLike {
  value?: number;
  unit?: string;
  system?: string;
  code?: string;
  comparator?: string;
}

interface ObservationLike {
  resourceType: "Observation";
  id?: string;
  status?: string;
  code?: { coding?: { system?: string; code?: string }[] };
  subject?: { reference?: string };
  effectiveDateTime?: string;
  effectivePeriod?: { start?: string; end?: string };
  valueQuantity?: QuantityLike;
  dataAbsentReason?: { coding?: { code?: string }[]; text?: string };
  referenceRange?: { high?: QuantityLike }[];
}

const UCUM = "http://unitsofmeasure.org";
const LOINC = "http://loinc.org";
const USED_STATUS = new Set(["final", "amended", "corrected"]);

/**
 * Options of {@link fromFhir}: the visit tolerance and baseline rule.
 *
 * @example
 * ```ts
 * import type { FhirOptions } from 'lupus-renal-criteria/io';
 * const o: FhirOptions = { toleranceDays: 1 };
 * ```
 * @category Data in and out
 */
export type FhirOptions = AssembleOptions;

function flatten(input: unknown, out: unknown[]): void {
  if (typeof input === "string") {
    const text = input.trim();
    if (text === "") return;
    try {
      flatten(JSON.parse(text), out);
    } catch {
      // Bulk Data NDJSON: one resource per line.
      for (const line of text.split(/\r?\n/)) {
        if (line.trim() === "") continue;
        try {
          out.push(JSON.parse(line));
        } catch {
          out.push({ __invalidJson: line.slice(0, 80) });
        }
      }
    }
    return;
  }
  if (Array.isArray(input)) {
    for (const r of input) out.push(r);
    return;
  }
  if (input && typeof input === "object" && (input as FhirResourceLike).resourceType === "Bundle") {
    const entries = (input as { entry?: { fullUrl?: string; resource?: unknown }[] }).entry ?? [];
    for (const e of entries)
      out.push(e.fullUrl ? { ...(e.resource as object), __fullUrl: e.fullUrl } : e.resource);
    return;
  }
  out.push(input);
}

/**
 * Read FHIR R4 resources into patient records. Patient: `gender` (female/male →
 * F/M) and `birthDate` (→ age in whole years at the baseline visit). Observation:
 * LOINC code ({@link LOINC_CODES}), `valueQuantity` with its UCUM `code` (else
 * `unit`), `effectiveDateTime` or `effectivePeriod.end` (a 24-h collection is dated by
 * its end and joins a visit by its start; an end before the start is invalid), `status`
 * final/amended/corrected only (`entered-in-error` is skipped as withdrawn, others with their
 * status); of same-day results of one test an amended/corrected one is used, else the
 * latest by time of day, else the last in input order, and the outcomes say which (see
 * {@link assembleRecords}); `dataAbsentReason` → missing (skipped with the reason),
 * `referenceRange.high` of creatinine → `serumCreatinineUpperLimit`. A
 * `valueQuantity.comparator` `<`, `<=`, `>=` or `>` makes a censored quantity
 * (`{ value: 0.1, unit: 'g/(24.h)', censor: '<' }`, see `Quantity`); `ad` is reported
 * invalid (it does not bound the value). Every resource's fate is in `outcomes`.
 *
 * @param input - a Bundle, an array of resources, or NDJSON / JSON text.
 * @param options - tolerance and baseline rule.
 * @returns records and the outcome of every resource.
 * @example
 * ```ts
 * import { fromFhir } from 'lupus-renal-criteria/io';
 * const { records } = fromFhir([
 *   { resourceType: 'Patient', id: 'p1', gender: 'female', birthDate: '1990-05-01' },
 *   { resourceType: 'Observation', status: 'final', subject: { reference: 'Patient/p1' },
 *     code: { coding: [{ system: 'http://loinc.org', code: '2160-0' }] },
 *     effectiveDateTime: '2024-01-02T08:00:00Z',
 *     valueQuantity: { value: 0.9, unit: 'mg/dL', system: 'http://unitsofmeasure.org', code: 'mg/dL' } },
 * ]);
 * records[0]?.patient; // { sex: 'F', ageYears: 33 }
 * ```
 * @category Data in and out
 */
export function fromFhir(input: unknown, options: FhirOptions = {}): ReadResult {
  const resources: unknown[] = [];
  flatten(input, resources);
  const outcomes: (SourceOutcome | undefined)[] = resources.map(() => undefined);
  const patients = new Map<string, { sex?: "F" | "M"; birth?: number }>();
  const alias = new Map<string, string>();
  // Pass 1: patients.
  const readPatient = (r: unknown, index: number): boolean => {
    const res = r as FhirResourceLike & { __fullUrl?: string; __invalidJson?: string };
    if (!res || typeof res !== "object" || typeof res.resourceType !== "string") {
      outcomes[index] = {
        index,
        status: "invalid",
        reason:
          res?.__invalidJson !== undefined
            ? `not JSON: ${res.__invalidJson}`
            : "not a FHIR resource",
      };
      return false;
    }
    if (res.resourceType !== "Patient") return false;
    const id = res.id ?? res.__fullUrl;
    const resource = `Patient/${res.id ?? "?"}`;
    if (!id) {
      outcomes[index] = {
        index,
        status: "invalid",
        resource,
        reason: "Patient without id or fullUrl",
      };
      return false;
    }
    const info: { sex?: "F" | "M"; birth?: number } = {};
    const g = res.gender;
    if (g === "female") info.sex = "F";
    else if (g === "male") info.sex = "M";
    if (typeof res.birthDate === "string") {
      const b = dayNumber(res.birthDate.length === 4 ? "" : res.birthDate);
      if (b !== undefined) info.birth = b;
    }
    patients.set(id, info);
    alias.set(`Patient/${id}`, id);
    if (res.__fullUrl) alias.set(res.__fullUrl, id);
    const notes: string[] = [];
    if (g !== undefined && !info.sex)
      notes.push(`gender '${String(g)}' not mapped to F/M (left missing)`);
    if (res.birthDate !== undefined && info.birth === undefined) {
      notes.push(`birthDate '${String(res.birthDate)}' not a full date (age left missing)`);
    }
    outcomes[index] = {
      index,
      status: "used",
      resource,
      subject: id,
      ...(notes.length ? { reason: notes.join("; ") } : {}),
    };
    return false;
  };
  for (const [index, r] of resources.entries()) readPatient(r, index);
  // Pass 2: observations.
  const findings: Finding[] = [];
  const readObservation = (r: unknown, index: number): boolean => {
    if (outcomes[index]) return false;
    const res = r as FhirResourceLike;
    const resource = `${res.resourceType}/${res.id ?? "?"}`;
    const done = (status: "skipped" | "invalid", reason: string, subject?: string): true => {
      outcomes[index] = { index, status, resource, reason, ...(subject ? { subject } : {}) };
      return true;
    };
    if (res.resourceType !== "Observation")
      return done("skipped", `resource type ${res.resourceType} is not read`);
    const obs = res as unknown as ObservationLike;
    const ref = obs.subject?.reference ?? "";
    const subject = alias.get(ref) ?? (ref.startsWith("Patient/") ? ref.slice(8) : undefined);
    if (!subject) return done("invalid", `subject '${ref}' is not a Patient reference`);
    if (!patients.has(subject)) patients.set(subject, {});
    const coding = obs.code?.coding?.find(
      (c) => c.system === LOINC && c.code && LOINC_CODES[c.code],
    );
    if (!coding?.code) return done("skipped", "no LOINC code used by the renal criteria", subject);
    const analyte = LOINC_CODES[coding.code];
    if (!analyte) return done("skipped", "no LOINC code used by the renal criteria", subject);
    // FHIR R4 ObservationStatus, entered-in-error: "The observation has been withdrawn following
    // previous final release. This electronic record should never have existed".
    if (obs.status === "entered-in-error") {
      return done(
        "skipped",
        "status 'entered-in-error': withdrawn by the source (the record should never have existed); not used",
        subject,
      );
    }
    if (!obs.status || !USED_STATUS.has(obs.status)) {
      return done(
        "skipped",
        `status '${obs.status ?? "(none)"}': only final, amended or corrected results are used`,
        subject,
      );
    }
    if (obs.dataAbsentReason) {
      const why = obs.dataAbsentReason.coding?.[0]?.code ?? obs.dataAbsentReason.text ?? "unknown";
      return done(
        "skipped",
        `value absent (dataAbsentReason: ${why}); ${analyte} is missing`,
        subject,
      );
    }
    // A timed collection (effectivePeriod, e.g. a 24-h urine) is dated by its end, and joins a
    // visit by its start (`from`); the long-file reader dates SDTM LBDTC/LBENDTC the same way.
    const period = obs.effectiveDateTime === undefined ? obs.effectivePeriod : undefined;
    const when = obs.effectiveDateTime ?? period?.end ?? period?.start;
    const t = when ? dayNumber(when) : undefined;
    if (t === undefined)
      return done("invalid", `no usable effective date ('${when ?? ""}')`, subject);
    const from = period?.end && period.start ? dayNumber(period.start) : undefined;
    // The time of day orders same-day results of one code (the latest is used).
    const time = timeOfDay(when as string);
    const backwards =
      period?.end && period.start
        ? endBeforeStart(period.start, period.end, ["effectivePeriod.start", "effectivePeriod.end"])
        : undefined;
    if (backwards) return done("invalid", backwards, subject);
    const q = obs.valueQuantity;
    if (!q || typeof q.value !== "number")
      return done("invalid", "no valueQuantity.value", subject);
    // A censored result: `<`, `<=`, `>=`, `>` become the quantity's censor; `ad` ("sufficient
    // to achieve this total quantity", as the laboratory defines it) is no bound on the value.
    const comparator = q.comparator;
    if (
      comparator !== undefined &&
      comparator !== "<" &&
      comparator !== "<=" &&
      comparator !== ">" &&
      comparator !== ">="
    ) {
      return done(
        "invalid",
        `comparator '${comparator}' on ${q.value}: only <, <=, >= and > (a censored value) can be used; '${comparator}' does not bound the value`,
        subject,
      );
    }
    const censor: Censor | undefined = comparator;
    const written = (q.system === UCUM && q.code) || q.unit || q.code || "";
    // A laboratory spelling of a unit (MG/DL, g/24 hr): read as the unit it means, and said.
    const lab = readLabUnit(written);
    const unit = lab ? lab.unit : written;
    const note = lab ? labUnitNote(written, lab) : undefined;
    const bad = checkQuantity(analyte, q.value, unit, censor);
    if (bad) return done("invalid", bad, subject);
    let upperLimit: Finding["upperLimit"];
    const high = obs.referenceRange?.find((rr) => rr.high)?.high;
    if (analyte === "serumCreatinine" && high && typeof high.value === "number") {
      const hu = (high.system === UCUM && high.code) || high.unit || high.code || "";
      if (!checkQuantity("serumCreatinine", high.value, hu))
        upperLimit = { value: high.value, unit: hu };
    }
    findings.push({
      source: index,
      subject,
      t,
      analyte,
      value: q.value,
      unit,
      ...(censor === undefined ? {} : { censor }),
      upperLimit,
      supersedes: obs.status === "amended" || obs.status === "corrected",
      ...(note ? { note } : {}),
      ...(from !== undefined ? { from } : {}),
      ...(time !== undefined ? { time } : {}),
    });
    return false;
  };
  for (const [index, r] of resources.entries()) readObservation(r, index);
  const records = assembleRecords(findings, "date", patients, options, (f, status, reason) => {
    const prev = outcomes[f.source];
    const res = resources[f.source] as FhirResourceLike;
    outcomes[f.source] = {
      index: f.source,
      status,
      resource: prev?.resource ?? `${res.resourceType}/${res.id ?? "?"}`,
      subject: f.subject,
      ...(reason ? { reason } : {}),
    };
  });
  return Object.freeze({
    records: Object.freeze(records),
    outcomes: Object.freeze(
      outcomes.map(
        (o, index) => o ?? { index, status: "invalid" as const, reason: "not accounted" },
      ),
    ),
  });
}
