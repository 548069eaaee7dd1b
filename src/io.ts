/**
 * Real data in: long lab files (SDTM LB, LOINC) and FHIR R4 → patient records,
 * with every row or resource accounted for; results out: cohort summaries as
 * long-form CSV and JSON. Subpath `lupus-renal-criteria/io`.
 *
 * @example
 * ```ts
 * import { fromLongRows } from 'lupus-renal-criteria/io';
 * fromLongRows([]).records.length; // 0
 * ```
 *
 * @packageDocumentation
 */

export {
  ADRS_COLUMNS,
  type AdrsColumn,
  type AdrsRow,
  analysisDataset,
  analysisDatasetCsv,
  analysisDatasetJson,
} from "./io/analysis-dataset.js";
export type {
  Analyte,
  AssembleOptions,
  BaselineRule,
  Finding,
  SourceOutcome,
} from "./io/codes.js";
export { assembleRecords, checkQuantity, LOINC_CODES } from "./io/codes.js";
export { type FhirOptions, type FhirResourceLike, fromFhir } from "./io/fhir.js";
export { fromLongRows, type LongOptions, type ReadResult } from "./io/long.js";
export {
  SUMMARY_COLUMNS,
  type SummaryRow,
  summaryCsv,
  summaryJson,
  summaryRows,
} from "./io/summary-export.js";
export { type LabUnit, labUnitNote, readLabUnit } from "./units/lab-units.js";
