/**
 * An analysis dataset in the shape of a CDISC ADaM BDS response dataset
 * (ADRS-like): one row per subject × time point × parameter (the response
 * category, and each end point of the definition) × definition, written as CSV
 * or as CDISC Dataset-JSON v1.1. Variable-level metadata is
 * {@link ADRS_COLUMNS}; docs/guides/trial-endpoints.md describes each variable.
 *
 * @module
 */
import type { CohortSummary } from "../analysis/cohort.js";
import type { TimepointAssessment } from "../api/timeline.js";
import { csvField } from "./csv-text.js";

/**
 * Metadata of one variable of the analysis dataset (the column metadata of
 * Dataset-JSON v1.1: `itemOID`, `name`, `label`, `dataType`, optional `length`
 * and `keySequence`).
 *
 * @example
 * ```ts
 * import type { AdrsColumn } from 'lupus-renal-criteria/io';
 * const c: AdrsColumn = { itemOID: 'IT.ADRS.USUBJID', name: 'USUBJID',
 *   label: 'Unique Subject Identifier', dataType: 'string', keySequence: 2 };
 * ```
 * @category Data in and out
 */
export interface AdrsColumn {
  readonly itemOID: string;
  readonly name: string;
  readonly label: string;
  readonly dataType: "string" | "integer" | "float";
  readonly length?: number;
  readonly keySequence?: number;
}

const col = (
  name: string,
  label: string,
  dataType: AdrsColumn["dataType"],
  extra: { length?: number; keySequence?: number } = {},
): AdrsColumn => Object.freeze({ itemOID: `IT.ADRS.${name}`, name, label, dataType, ...extra });

/**
 * The variables of the analysis dataset, in order. `AVAL` codes the response
 * category CR = 1, PR = 2, NR = 3, not evaluable (indeterminate) = 4, and an end
 * point met = 1, not met = 0 (`null` when unknown or not assessed).
 *
 * @example
 * ```ts
 * import { ADRS_COLUMNS } from 'lupus-renal-criteria/io';
 * ADRS_COLUMNS.map((c) => c.name).slice(0, 4); // ['STUDYID', 'USUBJID', 'PARAMCD', 'PARAM']
 * ```
 * @category Data in and out
 */
export const ADRS_COLUMNS: readonly AdrsColumn[] = Object.freeze([
  col("STUDYID", "Study Identifier", "string", { keySequence: 1 }),
  col("USUBJID", "Unique Subject Identifier", "string", { keySequence: 2 }),
  col("PARAMCD", "Parameter Code", "string", { length: 8, keySequence: 3 }),
  col("PARAM", "Parameter", "string"),
  col("AVISIT", "Analysis Visit", "string"),
  col("AVISITN", "Analysis Visit (N): target day after baseline", "integer", { keySequence: 4 }),
  col("AVALC", "Analysis Value (C)", "string"),
  col("AVAL", "Analysis Value", "integer"),
  col("ADY", "Analysis Relative Day (baseline = day 1)", "integer"),
  col("SRCDY", "Source Visit Day (days after baseline)", "integer"),
  col("ANL01FL", "Analysis Flag 01: an assessment stands for the visit", "string", { length: 1 }),
  col("DTYPE", "Derivation Type", "string"),
  col("CRITID", "Criteria Definition (id@version)", "string"),
  col("READINGS", "Interpretation Readings (parameter=reading; ...)", "string"),
  col("ANALYSIS", "Denominator Rule (itt, evaluable, per-protocol)", "string"),
  col("REASON", "Reason (missing, not evaluable or invalid record)", "string"),
]);

/**
 * One row of the analysis dataset, keyed by variable name.
 *
 * @category Data in and out
 */
export type AdrsRow = Readonly<Record<string, string | number | null>>;

const CATEGORY_CODE: Readonly<Record<string, number>> = { CR: 1, PR: 2, NR: 3, indeterminate: 4 };

/** An 8-character parameter code from an end point name, unique within the definition. */
function paramCodes(names: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set(["RENRESP"]);
  for (const n of names) {
    const base =
      n
        .toUpperCase()
        .replace(/[^A-Z0-9]/g, "")
        .slice(0, 8) || "EP";
    let code = base;
    for (let i = 2; used.has(code); i++) code = `${base.slice(0, 8 - String(i).length)}${i}`;
    used.add(code);
    out.set(n, code);
  }
  return out;
}

/**
 * The analysis dataset of cohort summaries: for each definition, each record and
 * each time point, one row for the response category (`PARAMCD` `RENRESP`) and
 * one per end point (`PARAMCD` from its name, e.g. `UP25`, `OR`). Values are the
 * ones the summary counted (under its estimand, when one was applied). An invalid
 * record has its rows too, with `AVALC` `INVALID` and the error in `REASON`:
 * every input record is in the dataset.
 *
 * @param summaries - results of `summarizeCohort`.
 * @param options - `studyId` for `STUDYID` (default empty).
 * @returns the rows, in definition, record, time point and parameter order.
 * @throws `RangeError` for a summary without its records' timelines
 *   (`summarizeCohortStream` without `keepPatients`).
 * @example
 * ```ts
 * import { criteria } from 'lupus-renal-criteria';
 * import { summarizeCohort } from 'lupus-renal-criteria/analysis';
 * import { analysisDataset } from 'lupus-renal-criteria/io';
 * const s = summarizeCohort(criteria.kang2020, [{ id: 'p1', baseline: {}, visits: [] }], {
 *   timepoints: [{ label: 'week 24', day: 168, windowDays: 28 }],
 * });
 * analysisDataset([s]).map((r) => `${r.PARAMCD} ${r.AVALC}`); // ['RENRESP MISSING', 'RENALRES ']
 * ```
 * @category Data in and out
 */
export function analysisDataset(
  summaries: readonly CohortSummary[],
  options: { readonly studyId?: string } = {},
): AdrsRow[] {
  const rows: AdrsRow[] = [];
  for (const s of summaries) {
    if (s.patients.length + s.invalid.length !== s.records) {
      throw new RangeError(
        `the summary of ${s.criteria.id} holds ${s.patients.length} of its ${s.records - s.invalid.length} valid records' timelines (summarizeCohortStream keeps them only with keepPatients: true)`,
      );
    }
    const critId = `${s.criteria.id}@${s.criteria.version}`;
    const readings = Object.entries(s.interpretation)
      .map(([k, v]) => `${k}=${v}`)
      .join("; ");
    // The definition's end points, as the summary counted them (a record with no
    // assessment at a time point has no end point values there).
    const endpointNames = Object.keys(s.timepoints[0]?.endpoints ?? {});
    const codes = paramCodes(endpointNames);
    const common = {
      STUDYID: options.studyId ?? "",
      CRITID: critId,
      READINGS: readings,
      ANALYSIS: s.analysis,
    };
    const emit = (id: string, tp: TimepointAssessment) => {
      const day = tp.visitDay;
      const assessed = tp.category !== "missing";
      const visit = {
        USUBJID: id,
        AVISIT: tp.label,
        AVISITN: tp.targetDay,
        ADY: day === undefined ? null : day + 1,
        SRCDY: day ?? null,
        ANL01FL: assessed ? "Y" : "",
        DTYPE: tp.carriedForward ? "LOCF" : "",
      };
      rows.push({
        ...common,
        ...visit,
        PARAMCD: "RENRESP",
        PARAM: `Renal response category (${critId})`,
        AVALC:
          tp.category === "missing"
            ? "MISSING"
            : tp.category === "indeterminate"
              ? "NE"
              : tp.category,
        AVAL: CATEGORY_CODE[tp.category] ?? null,
        REASON:
          tp.category === "indeterminate"
            ? tp.censored?.length
              ? `not evaluable: ${tp.missing.length ? `missing ${tp.missing.join(", ")}; ` : ""}censored ${tp.censored.join(", ")}`
              : `not evaluable: missing ${tp.missing.join(", ") || "inputs"}`
            : (tp.reason ?? ""),
      });
      for (const name of endpointNames) {
        const t = tp.endpoints[name];
        rows.push({
          ...common,
          ...visit,
          PARAMCD: codes.get(name) ?? name,
          PARAM: `End point ${name} (${critId})`,
          AVALC: t === "met" ? "Y" : t === "not-met" ? "N" : "",
          AVAL: t === "met" ? 1 : t === "not-met" ? 0 : null,
          REASON: assessed ? (t === "unknown" ? "unknown" : "") : (tp.reason ?? ""),
        });
      }
    };
    const byIndex = new Map(s.invalid.map((x) => [x.index, x]));
    let valid = 0;
    for (let index = 0; index < s.records; index++) {
      const bad = byIndex.get(index);
      if (bad) {
        const reason = `invalid record: ${bad.error.issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`;
        for (const tp of s.timepoints) {
          for (const [code, param] of [
            ["RENRESP", `Renal response category (${critId})`],
            ...endpointNames.map((n) => [codes.get(n) ?? n, `End point ${n} (${critId})`]),
          ] as const) {
            rows.push({
              ...common,
              USUBJID: bad.id ?? `#${index}`,
              AVISIT: tp.label,
              AVISITN: tp.targetDay,
              ADY: null,
              SRCDY: null,
              ANL01FL: "",
              DTYPE: "",
              PARAMCD: code,
              PARAM: param,
              AVALC: "INVALID",
              AVAL: null,
              REASON: reason,
            });
          }
        }
        continue;
      }
      const p = s.patients[valid];
      const under = s.underEstimand?.[valid];
      valid++;
      if (!p) continue;
      for (const [i, tp] of p.timepoints.entries()) emit(p.id, under?.[i] ?? tp);
    }
  }
  return rows;
}

/**
 * The analysis dataset as CSV (header: the names of {@link ADRS_COLUMNS}; empty
 * cells for `null`), with the spreadsheet-formula guard on text cells.
 *
 * @param rows - rows from {@link analysisDataset}.
 * @returns the CSV text, ending with a line break.
 * @example
 * ```ts
 * import { analysisDatasetCsv } from 'lupus-renal-criteria/io';
 * analysisDatasetCsv([]).startsWith('STUDYID,USUBJID,PARAMCD,PARAM,'); // true
 * ```
 * @category Data in and out
 */
export function analysisDatasetCsv(rows: readonly AdrsRow[]): string {
  const names = ADRS_COLUMNS.map((c) => c.name);
  const lines = [names.join(",")];
  for (const r of rows) {
    lines.push(
      names
        .map((n) => {
          const v = r[n];
          return v === null || v === undefined ? "" : csvField(v);
        })
        .join(","),
    );
  }
  return `${lines.join("\n")}\n`;
}

/**
 * The analysis dataset as a CDISC Dataset-JSON v1.1 document: the top-level
 * attributes the standard requires (`datasetJSONCreationDateTime`,
 * `datasetJSONVersion` 1.1.0, `itemGroupOID` `IG.ADRS`, `records`, `name`,
 * `label`, `columns`) and `rows` as arrays in column order (`null` for missing).
 *
 * @param rows - rows from {@link analysisDataset}.
 * @param options - `studyOID`, `sourceSystem` (`{ name, version }`, e.g. the
 *   library and its version), and `created` (default now, `YYYY-MM-DDThh:mm:ss`, UTC).
 * @returns the document, ready for `JSON.stringify`.
 * @example
 * ```ts
 * import { analysisDatasetJson } from 'lupus-renal-criteria/io';
 * const d = analysisDatasetJson([], { created: '2026-12-04T10:00:00' });
 * d.datasetJSONVersion; // '1.1.0'
 * d.columns.length; // 16
 * ```
 * @category Data in and out
 */
export function analysisDatasetJson(
  rows: readonly AdrsRow[],
  options: {
    readonly studyOID?: string;
    readonly created?: string;
    readonly sourceSystem?: { readonly name: string; readonly version: string };
  } = {},
): {
  readonly datasetJSONCreationDateTime: string;
  readonly datasetJSONVersion: "1.1.0";
  readonly sourceSystem?: { readonly name: string; readonly version: string };
  readonly studyOID?: string;
  readonly itemGroupOID: "IG.ADRS";
  readonly records: number;
  readonly name: "ADRS";
  readonly label: string;
  readonly columns: readonly AdrsColumn[];
  readonly rows: readonly (readonly (string | number | null)[])[];
} {
  return {
    datasetJSONCreationDateTime: options.created ?? new Date().toISOString().slice(0, 19),
    datasetJSONVersion: "1.1.0",
    ...(options.sourceSystem === undefined ? {} : { sourceSystem: options.sourceSystem }),
    ...(options.studyOID === undefined ? {} : { studyOID: options.studyOID }),
    itemGroupOID: "IG.ADRS",
    records: rows.length,
    name: "ADRS",
    label: "Renal Response Analysis Dataset",
    columns: ADRS_COLUMNS,
    rows: rows.map((r) => ADRS_COLUMNS.map((c) => r[c.name] ?? null)),
  };
}
