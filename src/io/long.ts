/**
 * Long lab files (one row per result): CDISC SDTM LB or a LOINC-coded extract
 * → {@link PatientRecord}s, with every row accounted for.
 *
 * @module
 */
import type { PatientRecord } from "../model/record.js";
import { labUnitNote, readLabUnit } from "../units/lab-units.js";
import type { Censor } from "../units/schema.js";
import {
  type Analyte,
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

/**
 * Options of {@link fromLongRows}.
 *
 * @example
 * ```ts
 * import type { LongOptions } from 'lupus-renal-criteria/io';
 * const o: LongOptions = { codes: 'loinc', columns: { subject: 'patient' } };
 * ```
 * @category Data in and out
 */
export interface LongOptions extends AssembleOptions {
  /** `sdtm` (default): SDTM LB variable names and LBTESTCD; `loinc`: a LOINC code column. */
  readonly codes?: "sdtm" | "loinc" | undefined;
  /** Column names for `loinc` files (defaults: subject, date, code, value, unit, high). */
  readonly columns?:
    | Partial<Record<"subject" | "date" | "code" | "value" | "unit" | "high", string>>
    | undefined;
  /** Extra code → analyte mappings, checked before the built-in table. */
  readonly extraCodes?: Readonly<Record<string, Analyte>> | undefined;
}

/**
 * The records read and the fate of every row.
 *
 * @example
 * ```ts
 * import type { ReadResult } from 'lupus-renal-criteria/io';
 * const r: ReadResult = { records: [], outcomes: [] };
 * ```
 * @category Data in and out
 */
export interface ReadResult {
  readonly records: readonly PatientRecord[];
  /** One entry per input row/resource, in input order. */
  readonly outcomes: readonly SourceOutcome[];
}

const SERUM = new Set(["", "SERUM", "PLASMA", "SERUM OR PLASMA", "BLOOD"]);

function sdtmAnalyte(test: string, spec: string): Analyte | string {
  switch (test) {
    case "PROT":
      // SDTM codes the specimen separately: urine protein is PROT with LBSPEC URINE;
      // the unit (mass per time) tells a 24-h amount from a concentration.
      return spec === "URINE" ? "urineProtein24h" : `PROT with LBSPEC '${spec}' (not urine)`;
    case "PROTCRT":
      return spec === "" || spec === "URINE" ? "upcr" : `PROTCRT with LBSPEC '${spec}'`;
    case "CREAT":
      return SERUM.has(spec) ? "serumCreatinine" : `CREAT with LBSPEC '${spec}' (not serum/plasma)`;
    case "ALB":
      return SERUM.has(spec) ? "serumAlbumin" : `ALB with LBSPEC '${spec}' (not serum/plasma)`;
    case "EGFR":
    case "GFRE":
      return "egfr";
    case "RBC":
      return spec === "URINE" ? "urineRbc" : `RBC with LBSPEC '${spec}' (not urine)`;
    default:
      return `test code '${test}' is not used by the renal criteria`;
  }
}

const ANALYTES = new Set<string>([
  "urineProtein24h",
  "upcr",
  "serumCreatinine",
  "serumAlbumin",
  "egfr",
  "urineRbc",
]);

/**
 * Read a long lab file (rows as parsed from CSV, one result per row) into patient
 * records. SDTM: subject `USUBJID`, test `LBTESTCD` (PROT + LBSPEC URINE, PROTCRT,
 * CREAT, ALB, EGFR, RBC), value `LBSTRESN`/`LBSTRESU` when present, else
 * `LBORRES`/`LBORRESU`; date `LBDTC`, else study day `LBDY`; a timed collection (24-h urine)
 * with an end `LBENDTC` is dated by its end, as FHIR's `effectivePeriod`; `VISITNUM` as the
 * visit label (for `baseline: { visit }`; an unscheduled `2.1` is a visit of its own by its
 * date); of same-day retests of one test the one flagged `LBBLFL = Y` is used, else the
 * latest by the time in `LBDTC`, else the last in input order, and the outcomes say which
 * (see {@link assembleRecords}); `LBSTNRHI` of creatinine as the
 * laboratory's upper limit. LOINC: the {@link LOINC_CODES} table. A row with `LBSTAT`
 * (NOT DONE) is missing, even with a value left in its result columns: it is skipped, its
 * reason naming `LBREASND` (`not done (LBSTAT NOT DONE; LBREASND: SPECIMEN LOST): serumCreatinine
 * is missing`).
 *
 * A censored result (`<0.1`, `<= 0.1`, `>3000`, `>=3000`) becomes a censored quantity
 * (`{ value: 0.1, unit, censor: '<' }`, see `Quantity`); a censored cell count is invalid.
 *
 * Every row is used, skipped (with why) or invalid (with the error), in `outcomes`; every
 * subject named by a row has a record, in the order of each subject's first row.
 *
 * @param rows - the rows, column name → text.
 * @param options - code system, columns, tolerance, baseline rule.
 * @returns records and the outcome of every row.
 * @example
 * ```ts
 * import { fromLongRows } from 'lupus-renal-criteria/io';
 * const { records } = fromLongRows([
 *   { USUBJID: 'P1', LBTESTCD: 'CREAT', LBSPEC: 'SERUM', LBSTRESN: '80', LBSTRESU: 'umol/L', LBDTC: '2024-01-02' },
 * ]);
 * records[0]?.baseline?.serumCreatinine; // { value: 80, unit: 'umol/L' }
 * ```
 * @category Data in and out
 */
export function fromLongRows(
  rows: readonly Readonly<Record<string, string | undefined>>[],
  options: LongOptions = {},
): ReadResult {
  const codes = options.codes ?? "sdtm";
  const col = {
    subject: "subject",
    date: "date",
    code: "code",
    value: "value",
    unit: "unit",
    high: "high",
    ...options.columns,
  };
  const outcomes: (SourceOutcome | undefined)[] = rows.map(() => undefined);
  const dated = new Map<string, boolean>();
  const pending: { f: Omit<Finding, "t">; date?: number; day?: number }[] = [];
  /** Each subject's rank by first appearance: records come out in this order. */
  const order = new Map<string, number>();
  /** SDTM: whether any row (used or not) flags a baseline result (LBBLFL = Y). */
  let flagged = false;
  const readRow = (row: Readonly<Record<string, string | undefined>>, index: number): boolean => {
    const get = (k: string) => (row[k] ?? "").trim();
    const sdtm = codes === "sdtm";
    if (sdtm && get("LBBLFL").toUpperCase() === "Y") flagged = true;
    const subject = get(sdtm ? "USUBJID" : col.subject);
    const fail = (status: "skipped" | "invalid", reason: string): true => {
      outcomes[index] = { index, status, reason, ...(subject ? { subject } : {}) };
      return true;
    };
    if (!subject) return fail("invalid", `no subject (${sdtm ? "USUBJID" : col.subject})`);
    if (!order.has(subject)) order.set(subject, order.size);
    const code = get(sdtm ? "LBTESTCD" : col.code);
    const extra = options.extraCodes?.[code];
    const mapped =
      extra ??
      (sdtm ? sdtmAnalyte(code.toUpperCase(), get("LBSPEC").toUpperCase()) : LOINC_CODES[code]);
    if (mapped === undefined || !ANALYTES.has(mapped)) {
      return fail("skipped", mapped ?? `code '${code}' is not in the LOINC table`);
    }
    const analyte = mapped as Analyte;
    // SDTMIG, LB domain: LBSTAT (Completion Status) "Used to indicate when a test is not done or
    // result is missing. Should be null if a result exists in LBORRES"; LBREASND "Describes why
    // LBSTAT is NOT DONE, such as BROKEN EQUIPMENT or SPECIMEN LOST" (CDISC SDTMIG LB
    // specification table). A row with LBSTAT is missing, whatever is left in its result columns.
    const stat = sdtm ? get("LBSTAT") : "";
    if (stat !== "") {
      const why = get("LBREASND");
      return fail(
        "skipped",
        `not done (LBSTAT ${stat}; ${why ? `LBREASND: ${why}` : "no LBREASND given"}): ${analyte} is missing`,
      );
    }
    let text: string;
    let unit: string;
    if (sdtm && get("LBSTRESN") !== "") {
      text = get("LBSTRESN");
      unit = get("LBSTRESU");
    } else if (sdtm) {
      text = get("LBORRES");
      unit = get("LBORRESU");
    } else {
      text = get(col.value);
      unit = get(col.unit);
    }
    if (text === "") return fail("skipped", "no result value (missing)");
    // A laboratory spelling of a unit (G/DL, mg/24 hr, mg/g creat): read as the unit it means.
    const lab = readLabUnit(unit);
    const note = lab ? labUnitNote(unit, lab) : undefined;
    if (lab) unit = lab.unit;
    // A censored result ("<0.1", ">= 3000"): the bound and its censor.
    const censored = /^(<=|>=|<|>)\s*(.*)$/.exec(text);
    const censor = censored?.[1] as Censor | undefined;
    const number = censored ? (censored[2] ?? "") : text;
    const value = number === "" ? Number.NaN : Number(number);
    if (!Number.isFinite(value)) return fail("invalid", `result '${text}' is not a number`);
    const bad = checkQuantity(analyte, value, unit, censor);
    if (bad) return fail("invalid", bad);
    let upperLimit: Finding["upperLimit"];
    const hi = get(sdtm ? "LBSTNRHI" : col.high);
    if (analyte === "serumCreatinine" && hi !== "") {
      const h = Number(hi);
      if (Number.isFinite(h) && !checkQuantity("serumCreatinine", h, unit))
        upperLimit = { value: h, unit };
    }
    const dateText = get(sdtm ? "LBDTC" : col.date);
    const start = dateText ? dayNumber(dateText) : undefined;
    if (dateText && start === undefined)
      return fail("invalid", `'${dateText}' is not an ISO 8601 date`);
    // SDTMIG §4.4.8: "For timed lab collections (e.g., 24-hour urine collections) the LBDTC
    // variable would be used for the start date/time of the collection and LBENDTC for the
    // end date/time of the collection." Such a collection is dated by its end, as the FHIR
    // reader dates one by effectivePeriod.end, and joins a visit by its start (`from`).
    const endText = sdtm ? get("LBENDTC") : "";
    const end = endText ? dayNumber(endText) : undefined;
    if (endText && end === undefined)
      return fail("invalid", `LBENDTC '${endText}' is not an ISO 8601 date`);
    const backwards = endText ? endBeforeStart(dateText, endText, ["LBDTC", "LBENDTC"]) : undefined;
    if (backwards) return fail("invalid", backwards);
    const date = end ?? start;
    const from = end !== undefined ? start : undefined;
    // The time of day orders same-day retests of one test (the latest is used).
    const time = timeOfDay(end !== undefined ? endText : dateText);
    const dayText = sdtm ? get("LBDY") : "";
    const day = dayText !== "" && /^-?\d+$/.test(dayText) ? Number(dayText) : undefined;
    if (date === undefined && day === undefined) {
      return fail("invalid", sdtm ? "neither LBDTC nor LBDY" : `no date (${col.date})`);
    }
    if (date !== undefined) dated.set(subject, true);
    else if (!dated.has(subject)) dated.set(subject, false);
    const visit = sdtm ? get("VISITNUM") : "";
    const baselineFlag = sdtm && get("LBBLFL").toUpperCase() === "Y";
    pending.push({
      f: {
        source: index,
        subject,
        analyte,
        value,
        unit,
        ...(censor === undefined ? {} : { censor }),
        upperLimit,
        ...(visit ? { visit } : {}),
        ...(baselineFlag ? { baselineFlag } : {}),
        ...(note ? { note } : {}),
        ...(from !== undefined ? { from } : {}),
        ...(time !== undefined ? { time } : {}),
      },
      ...(date !== undefined ? { date } : {}),
      ...(day !== undefined ? { day } : {}),
    });
    return false;
  };
  for (const [index, row] of rows.entries()) readRow(row, index);
  // A subject with any calendar date is read by dates; its rows with only LBDY cannot
  // be placed on the calendar and are invalid. Subjects with none are read by study day.
  const byDate: Finding[] = [];
  const byDay: Finding[] = [];
  for (const p of pending) {
    if (dated.get(p.f.subject)) {
      if (p.date === undefined) {
        outcomes[p.f.source] = {
          index: p.f.source,
          status: "invalid",
          subject: p.f.subject,
          reason: "only LBDY, while this subject's other results have calendar dates (LBDTC)",
        };
        continue;
      }
      byDate.push({ ...p.f, t: p.date });
    } else {
      byDay.push({ ...p.f, t: p.day as number });
    }
  }
  const record = (f: Finding, status: "used" | "skipped", reason?: string) => {
    outcomes[f.source] = {
      index: f.source,
      status,
      subject: f.subject,
      ...(reason ? { reason } : {}),
    };
  };
  // Every subject named by a row gets a record (one whose rows are all invalid too), read by
  // study day when it has no calendar date.
  const dateInfo = new Map<string, { sex?: "F" | "M"; birth?: number }>();
  const dayInfo = new Map<string, { sex?: "F" | "M"; birth?: number }>();
  for (const s of order.keys()) (dated.get(s) === false ? dayInfo : dateInfo).set(s, {});
  // SDTM: when the file flags baseline results (LBBLFL), the flagged visit is the baseline
  // unless the caller chose a rule; otherwise the first visit.
  const assemble: AssembleOptions = {
    ...options,
    baseline: options.baseline ?? (flagged ? "flagged" : "first"),
  };
  const records = [
    ...assembleRecords(byDate, "date", dateInfo, assemble, record),
    ...assembleRecords(byDay, "day", dayInfo, assemble, record),
  ].sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  return Object.freeze({
    records: Object.freeze(records),
    outcomes: Object.freeze(
      outcomes.map(
        (o, index) => o ?? { index, status: "invalid" as const, reason: "not accounted" },
      ),
    ),
  });
}
