/**
 * Code tables and the shared result → visit assembly used by the long-file
 * ({@link fromLongRows}) and FHIR ({@link fromFhir}) readers.
 *
 * @module
 */
import type { LabValues } from "../model/assessment.js";
import { type PatientRecord, PatientRecordSchema } from "../model/record.js";
import { type Censor, quantitySchema } from "../units/schema.js";
import { lookupUnit, type MeasureKind } from "../units/units.js";

/**
 * The analytes the readers map results to.
 *
 * @example
 * ```ts
 * import type { Analyte } from 'lupus-renal-criteria/io';
 * const a: Analyte = 'serumCreatinine';
 * ```
 * @category Data in and out
 */
export type Analyte =
  | "urineProtein24h"
  | "upcr"
  | "serumCreatinine"
  | "serumAlbumin"
  | "egfr"
  | "urineRbc";

/**
 * Built-in LOINC table: code → analyte. Each code's meaning was checked
 * against a published source (2026-12-03):
 * - 2889-4 "Protein [Mass/time] in 24 hour Urine": Mayo Clinic Laboratories test
 *   catalogue, test PTU "Protein, Total, 24 HR, U", result LOINC 2889-4.
 * - 2890-2 "Protein/Creatinine [Mass Ratio] in Urine": UnityPoint test catalogue,
 *   test UTPCRR, "LOINC Code Information 2890-2 Protein/Creatinine [Mass Ratio] In Urine".
 * - 2160-0 "Creatinine [Mass/volume] in Serum or Plasma" and 14682-9 "Creatinine
 *   [Moles/volume] in Serum or Plasma": HL7 FHIR Clinical Guidelines STU1, ValueSet
 *   ckd-valueset-creatinine (hl7.org/fhir/uv/cpg/ValueSet-ckd-valueset-creatinine.html).
 * - 1751-7 "Albumin [Mass/volume] in Serum or Plasma": HL7 MCC eCare Plan IG, Observation
 *   albumin-serum-observation; HSPC QuantitativeLabCodes value set.
 * - 98979-8 eGFR by the CKD-EPI 2021 creatinine equation: HL7 Switzerland CH LAB-Report
 *   profile ch-lab-observation-egfr-cr-ckd-epi-2021 (which names 98980-6 as the
 *   creatinine + cystatin C variant).
 * - 13945-1 "Erythrocytes [#/area] in Urine sediment by Microscopy high power field":
 *   HL7 US Core example Observation urine-rbcs.
 *
 * Left out: 34366-5 (Protein/Creatinine [Ratio] in Urine) — no published source
 * giving its meaning was found (interop-codes.md has it only from a study SQL view,
 * "not verified against LOINC"); add it through the `codes` option if your
 * laboratory uses it.
 *
 * @example
 * ```ts
 * import { LOINC_CODES } from 'lupus-renal-criteria/io';
 * LOINC_CODES['2160-0']; // 'serumCreatinine'
 * ```
 * @category Data in and out
 */
export const LOINC_CODES: Readonly<Record<string, Analyte>> = Object.freeze({
  "2889-4": "urineProtein24h",
  "2890-2": "upcr",
  "2160-0": "serumCreatinine",
  "14682-9": "serumCreatinine",
  "1751-7": "serumAlbumin",
  "98979-8": "egfr",
  "13945-1": "urineRbc",
});

const KIND: Readonly<Record<Analyte, MeasureKind>> = {
  urineProtein24h: "urineProtein24h",
  upcr: "upcr",
  serumCreatinine: "serumCreatinine",
  serumAlbumin: "serumAlbumin",
  egfr: "egfr",
  urineRbc: "cellsPerHpf",
};

const SCHEMAS = {
  urineProtein24h: quantitySchema(["urineProtein24h"]),
  upcr: quantitySchema(["upcr"]),
  serumCreatinine: quantitySchema(["serumCreatinine"], { positive: true }),
  serumAlbumin: quantitySchema(["serumAlbumin"], { positive: true }),
  egfr: quantitySchema(["egfr"], { positive: true }),
  urineRbc: quantitySchema(["cellsPerHpf"]),
} as const;

/** UCUM spellings of "per high-power field" not in the unit table. */
const HPF_UNITS = new Set(["/[HPF]", "{cells}/[HPF]", "/hpf", "/HPF", "{RBC}/[HPF]"]);

/**
 * Check a value and unit for an analyte; returns an error message or undefined.
 *
 * @param analyte - the analyte the result is mapped to.
 * @param value - the numeric value.
 * @param unit - the unit as written by the source.
 * @param censor - the censor of a censored result (`'<'` for "<0.1"), if any; a cell count
 *   cannot be censored.
 * @returns `undefined` when acceptable, else why not.
 * @example
 * ```ts
 * import { checkQuantity } from 'lupus-renal-criteria/io';
 * checkQuantity('serumCreatinine', 80, 'umol/L'); // undefined
 * checkQuantity('serumCreatinine', 1.1, 'g/L')?.startsWith("'g/L' is a serum albumin unit"); // true
 * ```
 * @category Data in and out
 */
export function checkQuantity(
  analyte: Analyte,
  value: number,
  unit: string,
  censor?: Censor,
): string | undefined {
  if (analyte === "urineRbc" && censor !== undefined)
    return `censored value ${censor}${value}: a cell count is a number, and has no censored form`;
  if (analyte === "urineRbc" && HPF_UNITS.has(unit)) {
    return Number.isFinite(value) && value >= 0 ? undefined : "a cell count cannot be negative";
  }
  const r = SCHEMAS[analyte].safeParse(
    censor === undefined ? { value, unit } : { value, unit, censor },
  );
  if (r.success) return undefined;
  return r.error.issues.map((i) => i.message).join("; ");
}

/**
 * One result ready for assembly into visits.
 *
 * @example
 * ```ts
 * import type { Finding } from 'lupus-renal-criteria/io';
 * const f: Finding = { source: 0, subject: 'P1', t: 20000, analyte: 'egfr', value: 80, unit: 'mL/min/1.73m2' };
 * ```
 * @category Data in and out
 */
export interface Finding {
  /** Index of the row/resource it came from. */
  readonly source: number;
  readonly subject: string;
  /**
   * Day number: days since 1970-01-01 for calendar dates, or the study day. A timed
   * collection (24-h urine) is dated by its end when the source gives one (SDTM `LBENDTC`,
   * FHIR `effectivePeriod.end`).
   */
  readonly t: number;
  /**
   * The time of day as written after the date (`09:10`, `08:05:00+01:00`), when the source
   * gave one: it orders same-day results of one analyte (the latest is used).
   */
  readonly time?: string | undefined;
  /**
   * Day number of the start of a timed collection dated by its end (SDTM `LBDTC` beside
   * `LBENDTC`, FHIR `effectivePeriod.start` beside `.end`): the collection joins a visit when
   * it started within the tolerance of the visit's first result.
   */
  readonly from?: number | undefined;
  readonly analyte: Analyte;
  readonly value: number;
  readonly unit: string;
  /** Set for a censored result ("<0.1": `'<'`, the bound in `value`). */
  readonly censor?: Censor | undefined;
  /** The laboratory's upper reference limit (creatinine only). */
  readonly upperLimit?: { readonly value: number; readonly unit: string } | undefined;
  /**
   * Marked by the source as replacing a result (FHIR `amended`/`corrected`): used before the
   * other same-day results of its analyte.
   */
  readonly supersedes?: boolean | undefined;
  /** Visit label from the source (SDTM VISITNUM), used by `baseline: { visit }`. */
  readonly visit?: string | undefined;
  /**
   * Flagged as a baseline result by the source (SDTM `LBBLFL = Y`), used by
   * `baseline: 'flagged'`, and used before the other same-day results of its analyte.
   */
  readonly baselineFlag?: boolean | undefined;
  /** How the result was read where it was not literal (a laboratory unit spelling), reported when used. */
  readonly note?: string | undefined;
}

/**
 * What happened to one input row or resource.
 *
 * @example
 * ```ts
 * import type { SourceOutcome } from 'lupus-renal-criteria/io';
 * const o: SourceOutcome = { index: 3, status: 'skipped', reason: 'status preliminary' };
 * ```
 * @category Data in and out
 */
export interface SourceOutcome {
  /** 0-based index of the row (long files) or resource (FHIR) in the input. */
  readonly index: number;
  readonly status: "used" | "skipped" | "invalid";
  readonly reason?: string | undefined;
  readonly subject?: string | undefined;
  /** FHIR: `ResourceType/id`. */
  readonly resource?: string | undefined;
}

/**
 * Which visit is the baseline: the first visit (`first`), the visit holding the
 * results the source flags as baseline (`flagged`: SDTM `LBBLFL = Y`; the visit with
 * the most flagged results, the later one of equals, as SDTM's baseline is the last
 * value before treatment), the visit holding a result whose source label is `visit` (SDTM
 * VISITNUM, compared as a number: `'2.0'` is visit 2; an unscheduled `'2.1'` is not, and is a
 * visit of its own by its date unless it falls on another visit's day), or the visit on
 * `date`. A subject with no such visit has no baseline: its results are skipped with that
 * reason.
 *
 * @example
 * ```ts
 * import type { BaselineRule } from 'lupus-renal-criteria/io';
 * const b: BaselineRule = { visit: '1' };
 * ```
 * @category Data in and out
 */
export type BaselineRule =
  | "first"
  | "flagged"
  | { readonly visit: string }
  | { readonly date: string };

/**
 * Options shared by the readers for grouping results into visits.
 *
 * @example
 * ```ts
 * import type { AssembleOptions } from 'lupus-renal-criteria/io';
 * const o: AssembleOptions = { toleranceDays: 1, baseline: 'first' };
 * ```
 * @category Data in and out
 */
export interface AssembleOptions {
  /**
   * Results up to this many days after a visit's first result belong to that
   * visit. Default 1: a 24-h urine collection started on the day of the blood
   * draw ends, and is dated, the next day. A timed collection dated by its end
   * (see {@link Finding.from}) joins the visit when it *started* within the
   * tolerance, so one started the morning after the blood draw belongs to it too.
   */
  readonly toleranceDays?: number | undefined;
  /** Default `"first"`. */
  readonly baseline?: BaselineRule | undefined;
}

const FIELD: Readonly<Record<Exclude<Analyte, "urineRbc">, keyof LabValues>> = {
  urineProtein24h: "proteinuria",
  upcr: "proteinuria",
  serumCreatinine: "serumCreatinine",
  serumAlbumin: "serumAlbumin",
  egfr: "egfr",
};

/**
 * Day number (days since 1970-01-01, UTC) of a `YYYY-MM-DD…` string, or undefined.
 *
 * @category Data in and out
 */
export function dayNumber(s: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const d = new Date(ms);
  if (d.getUTCDate() !== Number(m[3]) || d.getUTCMonth() !== Number(m[2]) - 1) return undefined;
  return Math.round(ms / 86_400_000);
}

/**
 * Seconds from midnight of an ISO 8601 time as written after the date's `T` (`08:05`,
 * `08:05:00.5+01:00`, `23Z`), moved to UTC by its zone offset when one is given, so that
 * times written in different zones compare as instants (without a zone: as written).
 * `undefined` when it is not such a time.
 *
 * @internal
 */
export function secondsOfTime(time: string): number | undefined {
  const m = /^(\d{2})(?::(\d{2})(?::(\d{2}(?:\.\d+)?))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/.exec(time);
  if (!m) return undefined;
  const [, h, mi, sec, zone] = m;
  let offset = 0;
  const z = zone && zone !== "Z" ? /^([+-])(\d{2}):?(\d{2})?$/.exec(zone) : null;
  if (z) offset = (z[1] === "-" ? -1 : 1) * (Number(z[2]) * 3600 + Number(z[3] ?? 0) * 60);
  return Number(h) * 3600 + Number(mi ?? 0) * 60 + Number(sec ?? 0) - offset;
}

/**
 * The time part of an ISO 8601 date-time (`2024-01-10T08:05` → `08:05`) when it is a time
 * {@link secondsOfTime} reads, else `undefined` (a date without a time).
 *
 * @internal
 */
export function timeOfDay(s: string): string | undefined {
  const m = /^\d{4}-\d{2}-\d{2}T(.+)$/.exec(s.trim());
  return m?.[1] !== undefined && secondsOfTime(m[1]) !== undefined ? m[1] : undefined;
}

/**
 * Why a timed collection's end cannot be used with its start (both ISO 8601 texts, the start
 * possibly empty), or `undefined` when the end is not before the start.
 *
 * @internal
 */
export function endBeforeStart(
  start: string,
  end: string,
  names: readonly [start: string, end: string],
): string | undefined {
  const s = dayNumber(start);
  const e = dayNumber(end);
  if (s === undefined || e === undefined) return undefined;
  const st = timeOfDay(start);
  const et = timeOfDay(end);
  const before =
    e < s ||
    (e === s &&
      st !== undefined &&
      et !== undefined &&
      (secondsOfTime(et) as number) < (secondsOfTime(st) as number));
  return before
    ? `the collection ends (${names[1]} ${end}) before it starts (${names[0]} ${start})`
    : undefined;
}

function isoOf(t: number): string {
  return new Date(t * 86_400_000).toISOString().slice(0, 10);
}

interface VisitGroup {
  start: number;
  /** The source's visit labels (SDTM VISITNUM) of the results in the group. */
  visits: Set<string>;
  /** The results of each analyte in the visit, by day and then input order. */
  results: Map<Analyte, Finding[]>;
}

/** Whether the source marks the result as the one to use among same-day results. */
function preferred(f: Finding): boolean {
  return f.supersedes === true || f.baselineFlag === true;
}

/** "64 umol/L at 11:25": a result as the notes name it. */
function describe(f: Finding): string {
  return `${f.censor ?? ""}${f.value} ${f.unit}${f.time ? ` at ${f.time}` : ""}`;
}

/**
 * The result of one analyte a visit uses, from its results there (by day, then input order),
 * each result not used reported through `outcome`. Results of later days than the first are
 * set aside (the visit is the first day's). Of several results on that day — a retest —
 * the one used is, in this order: the one the source marks as the one to use (FHIR R4
 * ObservationStatus: `amended`, "Subsequent to being Final, the observation has been
 * modified", and `corrected`, "… modified to correct an error in the test result", over
 * `final`; SDTM: the result flagged `LBBLFL = Y`); else the latest by time of day when every
 * one has a time (compared as instants when zones are given); else the last in input order.
 * The result used gets a note saying which rule chose it and how many were set aside.
 */
function chooseResult(
  list: readonly Finding[],
  visitStart: string,
  kind: "date" | "day",
  outcome: (f: Finding, status: "used" | "skipped", reason?: string) => void,
): { chosen: Finding; note?: string | undefined } {
  const first = list[0] as Finding;
  const sameDay = list.filter((f) => f.t === first.t);
  for (const f of list) {
    if (f.t === first.t) continue;
    outcome(
      f,
      "skipped",
      `duplicate ${f.analyte} in the visit starting ${visitStart}: the result of ${label(kind, first.t)}, the earliest day, is used`,
    );
  }
  if (sameDay.length === 1) return { chosen: first };
  const steps: string[] = [];
  const marked = sameDay.filter(preferred);
  let pool = marked.length > 0 ? marked : sameDay;
  const markedBy = marked.some((f) => f.supersedes)
    ? "the amended/corrected result"
    : "the result flagged LBBLFL = Y";
  if (marked.length > 0) steps.push(markedBy);
  if (pool.length > 1 && pool.every((f) => f.time !== undefined)) {
    const at = (f: Finding) => secondsOfTime(f.time as string) ?? 0;
    const latest = Math.max(...pool.map(at));
    const top = pool.filter((f) => at(f) === latest);
    if (top.length < pool.length) steps.push("the latest by time of day");
    pool = top;
  }
  if (pool.length > 1) steps.push("the last in input order");
  const chosen = pool[pool.length - 1] as Finding;
  const how = steps.join(", then ");
  for (const f of sameDay) {
    if (f === chosen) continue;
    outcome(
      f,
      "skipped",
      marked.length > 0 && chosen.supersedes && !f.supersedes
        ? `superseded by the amended/corrected result of the same day: ${describe(chosen)} is used`
        : `same-day ${f.analyte} result set aside: ${describe(chosen)} is used (${how})`,
    );
  }
  return {
    chosen,
    note: `used ${how} of ${sameDay.length} same-day ${first.analyte} results (${sameDay.length - 1} set aside)`,
  };
}

/**
 * Whether two visit labels name the same visit: the same text, or the same number (SDTM
 * VISITNUM is numeric, so `2.0` is visit 2; an unscheduled `2.1` is not).
 */
function sameVisit(a: string, b: string): boolean {
  if (a === b) return true;
  const x = a.trim() === "" ? Number.NaN : Number(a);
  const y = b.trim() === "" ? Number.NaN : Number(b);
  return Number.isFinite(x) && x === y;
}

/**
 * Group findings into patient records. Per subject, results sorted by day start a
 * visit at the first result; later results join it while taken (a timed collection:
 * started, see {@link Finding.from}) within `toleranceDays` of its start.
 *
 * One result per analyte is used in a visit. Results of the analyte on a later day of the
 * visit than its first are skipped as duplicates. Of several on that first day (a retest),
 * the one used is: the one the source marks (`supersedes`: FHIR amended/corrected;
 * `baselineFlag`: SDTM `LBBLFL = Y`); else the latest by `time` when every one has a time;
 * else the last in input order. The used result's outcome says which rule chose it and how
 * many were set aside; each one set aside names the one used. When a visit has both a 24-h
 * protein and a UPCR, the 24-h protein is used (the shipped definitions require it) and the
 * UPCR is skipped with that reason.
 *
 * @param findings - the valid results.
 * @param kind - whether `t` is a calendar day number (`date`) or a study day (`day`).
 * @param subjectInfo - patient facts per subject (sex, birth date day number).
 * @param options - tolerance and baseline rule.
 * @param outcome - called once per finding with its fate.
 * @returns one record per subject that has findings or info.
 * @example
 * ```ts
 * import { assembleRecords } from 'lupus-renal-criteria/io';
 * const recs = assembleRecords([], 'date', new Map(), {}, () => {});
 * recs.length; // 0
 * ```
 * @category Data in and out
 */
export function assembleRecords(
  findings: readonly Finding[],
  kind: "date" | "day",
  subjectInfo: ReadonlyMap<string, { sex?: "F" | "M"; birth?: number }>,
  options: AssembleOptions,
  outcome: (f: Finding, status: "used" | "skipped", reason?: string) => void,
): PatientRecord[] {
  const tol = options.toleranceDays ?? 1;
  const rule = options.baseline ?? "first";
  const bySubject = new Map<string, Finding[]>();
  for (const s of subjectInfo.keys()) bySubject.set(s, []);
  for (const f of findings) {
    const list = bySubject.get(f.subject) ?? [];
    list.push(f);
    bySubject.set(f.subject, list);
  }
  const records: PatientRecord[] = [];
  for (const [subject, list] of bySubject) {
    const sorted = [...list].sort((a, b) => a.t - b.t || a.source - b.source);
    const groups: VisitGroup[] = [];
    for (const f of sorted) {
      let g = groups[groups.length - 1];
      // A result joins the open visit when it was taken (a timed collection: started) within
      // the tolerance of the visit's first result.
      if (!g || (f.from ?? f.t) - g.start > tol) {
        g = { start: f.t, visits: new Set(), results: new Map() };
        groups.push(g);
      }
      if (f.visit !== undefined) g.visits.add(f.visit);
      const same = g.results.get(f.analyte);
      if (same) same.push(f);
      else g.results.set(f.analyte, [f]);
    }
    let bi = 0;
    if (rule === "flagged") {
      let most = 0;
      bi = -1;
      groups.forEach((g, i) => {
        let n = 0;
        for (const list of g.results.values()) if (list.some((f) => f.baselineFlag)) n += 1;
        if (n > 0 && n >= most) {
          most = n;
          bi = i;
        }
      });
    } else if (typeof rule === "object" && "visit" in rule) {
      // The visit holding any result of that VISITNUM: results are grouped by date, so an
      // unscheduled result (VISITNUM 2.1) on visit 2's day is in the same visit, whichever
      // comes first.
      bi = groups.findIndex((g) => [...g.visits].some((v) => sameVisit(v, rule.visit)));
    } else if (typeof rule === "object") {
      const d = dayNumber(rule.date);
      bi = groups.findIndex((g) => g.start === d);
    }
    if (bi < 0) {
      for (const g of groups) {
        for (const f of [...g.results.values()].flat()) {
          outcome(
            f,
            "skipped",
            `no baseline visit matching ${JSON.stringify(rule)} for subject ${subject}`,
          );
        }
      }
      records.push({ id: subject });
      continue;
    }
    const base = groups[bi];
    const info = subjectInfo.get(subject);
    const labsOf = (g: VisitGroup): LabValues => {
      const labs: Record<string, unknown> = {};
      const slots = new Map<Analyte, Finding>();
      const notes = new Map<Finding, string>();
      for (const [a, list] of g.results) {
        const { chosen, note } = chooseResult(list, label(kind, g.start), kind, outcome);
        slots.set(a, chosen);
        if (note) notes.set(chosen, note);
      }
      const p24 = slots.get("urineProtein24h");
      const upcr = slots.get("upcr");
      if (p24 && upcr) {
        outcome(
          upcr,
          "skipped",
          "a 24-h urine protein was measured at the same visit and is used instead",
        );
        slots.delete("upcr");
      }
      for (const [a, f] of slots) {
        const why = [f.note, notes.get(f)].filter((x) => x !== undefined).join("; ");
        outcome(f, "used", why === "" ? undefined : why);
        if (a === "urineRbc") {
          labs.urineSediment = { rbcPerHpf: f.value };
          continue;
        }
        labs[FIELD[a]] =
          f.censor === undefined
            ? { value: f.value, unit: f.unit }
            : { value: f.value, unit: f.unit, censor: f.censor };
        if (a === "serumCreatinine" && f.upperLimit) labs.serumCreatinineUpperLimit = f.upperLimit;
      }
      return labs as LabValues;
    };
    for (let i = 0; i < bi; i++) {
      for (const f of [...(groups[i] as VisitGroup).results.values()].flat()) {
        outcome(f, "skipped", "result before the baseline visit");
      }
    }
    const rec: Record<string, unknown> = { id: subject };
    if (base) {
      rec.baseline = labsOf(base);
      if (kind === "date") rec.baselineDate = isoOf(base.start);
      const patient: Record<string, unknown> = {};
      if (info?.sex) patient.sex = info.sex;
      if (info?.birth !== undefined && kind === "date") {
        patient.ageYears = ageYears(isoOf(info.birth), isoOf(base.start));
      }
      if (Object.keys(patient).length > 0) rec.patient = patient;
      rec.visits = groups.slice(bi + 1).map((g) => {
        const labs = labsOf(g);
        return kind === "date"
          ? { date: isoOf(g.start), labs }
          : { day: g.start - base.start, labs };
      });
    } else if (info?.sex) {
      rec.patient = { sex: info.sex };
    }
    const parsed = PatientRecordSchema.safeParse(rec);
    records.push(Object.freeze(parsed.success ? parsed.data : (rec as unknown as PatientRecord)));
  }
  return records;
}

function label(kind: "date" | "day", t: number): string {
  return kind === "date" ? isoOf(t) : `study day ${t}`;
}

/** Whole years from birth to `on` (both ISO dates). */
function ageYears(birth: string, on: string): number {
  const [by, bm, bd] = birth.split("-").map(Number) as [number, number, number];
  const [oy, om, od] = on.split("-").map(Number) as [number, number, number];
  return oy - by - (om < bm || (om === bm && od < bd) ? 1 : 0);
}

/**
 * Whether `unit` is a known spelling of the analyte's kind (used for hints).
 *
 * @category Data in and out
 */
export function unitKindMatches(analyte: Analyte, unit: string): boolean {
  return (
    lookupUnit(unit)?.kind === KIND[analyte] || (analyte === "urineRbc" && HPF_UNITS.has(unit))
  );
}
