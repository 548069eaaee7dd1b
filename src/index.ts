/**
 * lupus-renal-criteria: published lupus-nephritis renal criteria as executable,
 * cited, versioned objects.
 *
 * @example
 * ```ts
 * import { classifyResponse, criteria, renderExplanation } from 'lupus-renal-criteria';
 * const r = classifyResponse(criteria.kang2020, {
 *   baseline: { proteinuria: { value: 4.92, unit: 'g/24h' } },
 *   current: { proteinuria: { value: 0.47, unit: 'g/24h' } },
 * });
 * console.log(renderExplanation(r).join('\n'));
 * ```
 *
 * @packageDocumentation
 * @mergeModuleWith <project>
 */

// The public surface, by role. Every runtime name is listed here (no `export *`): the
// internals of the engine stay out, the cohort analysis and SQL live on their own subpaths
// (`lupus-renal-criteria/analysis`, `/sql`), the readers of real data on `/io`, the builders
// on `/authoring`. test/public-surface.test.ts pins this list.

// Classify one assessment, one record, one cohort of assessments.
export {
  type Alternative,
  type ClassifyOptions,
  classifyMany,
  classifyResponse,
  type DefinitionResult,
  type GapHit,
  type ResponseResult,
  safeClassifyResponse,
} from "./api/classify.js";
export {
  assessEligibility,
  type EligibilityOptions,
  type EligibilityResult,
  type EligibilityStatus,
  safeAssessEligibility,
} from "./api/eligibility.js";
export {
  type DetectFlaresOptions,
  detectFlares,
  type FlareEvent,
  type FlareResult,
  type PossibleFlare,
  safeDetectFlares,
} from "./api/flares.js";
export { clauseSentence, renderExplanation } from "./api/render.js";
export {
  assessRecord,
  type DatedVisit,
  type Outcome,
  type RecordTimeline,
  type ResolvedTimepoint,
  resolveTimepoint,
  safeAssessRecord,
  type TimepointAssessment,
  type TimepointOptions,
} from "./api/timeline.js";

// The shipped definitions: the registries and each object by name.
export { acr2006 } from "./criteria/acr2006.js";
export { acr2024Refractory } from "./criteria/acr2024.js";
export { alms2009 } from "./criteria/alms2009.js";
export { arora2022Refractory } from "./criteria/arora2022.js";
export { aurora1 } from "./criteria/aurora1.js";
export { aurora2 } from "./criteria/aurora2.js";
export { blissln2020, blissln2020Registry } from "./criteria/blissln2020.js";
export { eular2012 } from "./criteria/eular2012.js";
export { eular2019 } from "./criteria/eular2019.js";
export { eular2025 } from "./criteria/eular2025.js";
export type { CriteriaId } from "./criteria/index.js";
export { criteria, eligibility, flares } from "./criteria/index.js";
export {
  kang2020,
  kang2020ExtraRenalFlare,
  kang2020Refractory,
  kang2020RenalFlare,
} from "./criteria/kang2020.js";
export { kdigo2012 } from "./criteria/kdigo2012.js";
export { kdigo2012Relapse } from "./criteria/kdigo2012-relapse.js";
export { kdigo2024 } from "./criteria/kdigo2024.js";
export { liu2015 } from "./criteria/liu2015.js";
export { lunar2012 } from "./criteria/lunar2012.js";
export { moroni2022 } from "./criteria/moroni2022.js";
export { regency2025 } from "./criteria/regency2025.js";
export { zhang2023, zhang2023Refractory } from "./criteria/zhang2023.js";
export type {
  EgfrCkdEpi2021Input,
  EgfrEquationId,
  EgfrResult,
  EgfrSex,
} from "./egfr/ckdEpi2021.js";
export { CKD_EPI_2021_CITATION, egfrCkdEpi2021 } from "./egfr/ckdEpi2021.js";
export type { EgfrCkidU25Input } from "./egfr/ckidU25.js";
export { CKID_U25_CITATION, egfrCkidU25 } from "./egfr/ckidU25.js";
export * from "./egfr/estimate.js";
export type { EgfrSchwartz2009Input } from "./egfr/schwartz2009.js";
export { egfrBedsideSchwartz2009, SCHWARTZ_2009_CITATION } from "./egfr/schwartz2009.js";
// The compiled form, for many assessments under one definition.
export {
  type CheckedResult,
  type CompiledCriteria,
  type CompiledResult,
  compile,
} from "./evaluate/compile.js";
export type { FailureCount, FailureUnit } from "./evaluate/history.js";
export type {
  ClauseResult,
  EvaluationOptions,
  EvaluationSubject,
  InputReading,
  NoteKind,
  Notice,
  Observed,
  ObservedRange,
} from "./evaluate/interpret.js";
export { jsonSchemas } from "./io/json-schema.js";
export * from "./io/medication-history.js";
export type { InputIssue } from "./ir/errors.js";
// Criteria as data: the schema, loading and validation, the errors.
export { CriteriaError, InputError } from "./ir/errors.js";
export type {
  Bind,
  Binding,
  Comparator,
  CompareExpr,
  ExclusionParams,
  Expr,
  FactExpr,
  FactName,
  Locator,
  Measure,
  Operand,
  SedimentParams,
  SexSpecific,
  TreatmentFailureParams,
} from "./ir/expr.js";
export type { Truth } from "./ir/kleene.js";
// Readings of ambiguous phrases, and named variants.
export { allInterpretations, fullInterpretation, withOptions } from "./ir/readings.js";
export {
  type AnyCriteria,
  CriteriaSchema,
  criteriaJsonSchema,
  EligibilityCriteriaSchema,
  ExprSchema,
  FlareCriteriaSchema,
  loadCriteria,
  ResponseCriteriaSchema,
  safeValidateCriteria,
  validateCriteria,
} from "./ir/schema.js";
export type {
  CategoryOrIndeterminate,
  Citation,
  Conversions,
  CriteriaInfo,
  Definition,
  EligibilityCriteria,
  Evidence,
  FlareCriteria,
  FlareGrade,
  Gap,
  InterpretationChoice,
  InterpretationChoiceOf,
  InterpretationParameter,
  Reading,
  ReadingEvidence,
  ReadingNames,
  ResponseCategory,
  ResponseCriteria,
  ResponseCriteriaWithReadings,
  Schedule,
  Timepoint,
} from "./ir/types.js";
// Inputs: schemas and types of assessments, patient records and treatment histories.
export * from "./model/assessment.js";
export * from "./model/plausibility.js";
export * from "./model/record.js";
export * from "./model/treatment.js";
// Units and eGFR.
export * from "./units/schema.js";
export type { MeasureKind, UnitInfo } from "./units/units.js";
export {
  ALBUMIN_G_L_PER_G_DL,
  BASE_UNITS,
  CREATININE_MOLAR_MASS_MG_PER_MMOL,
  CREATININE_UMOL_PER_MG_DL,
  canonicalUnitsOfKind,
  convert,
  lookupUnit,
  MG_PER_G,
  unitsOfKind,
} from "./units/units.js";
export type { UpcrConversion } from "./units/upcr-conversion.js";
export { UPCR_PRINTED_MG_PER_MMOL_PER_G_PER_G } from "./units/upcr-conversion.js";
