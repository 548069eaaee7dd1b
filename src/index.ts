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

export * from "./analysis/cohort.js";
export * from "./analysis/compare.js";
export * from "./analysis/lint.js";
export * from "./analysis/stats.js";
export * from "./analysis/survival.js";
export * from "./api/classify.js";
export * from "./api/eligibility.js";
export * from "./api/flares.js";
export * from "./api/render.js";
export * from "./api/timeline.js";
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
export * from "./criteria/index.js";
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
export * from "./egfr/ckdEpi2021.js";
export * from "./egfr/ckidU25.js";
export * from "./egfr/estimate.js";
export * from "./egfr/schwartz2009.js";
export * from "./evaluate/compile.js";
export * from "./evaluate/history.js";
export * from "./evaluate/interpret.js";
export * from "./evaluate/sql.js";
export * from "./io/json-schema.js";
export * from "./io/medication-history.js";
export * from "./ir/errors.js";
export * from "./ir/expr.js";
export * from "./ir/kleene.js";
export * from "./ir/readings.js";
export * from "./ir/resolve.js";
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
export type * from "./ir/types.js";
export * from "./model/assessment.js";
export * from "./model/plausibility.js";
export * from "./model/record.js";
export * from "./model/treatment.js";
export * from "./units/schema.js";
export * from "./units/units.js";
export * from "./units/upcr-conversion.js";
