/**
 * Cohort analysis: summaries with exact confidence intervals, comparison of
 * definitions, estimands (ICH E9(R1)), Kaplan–Meier, and the definition linter.
 * Subpath `lupus-renal-criteria/analysis`.
 *
 * @example
 * ```ts
 * import { criteria } from 'lupus-renal-criteria';
 * import { summarizeCohort } from 'lupus-renal-criteria/analysis';
 * summarizeCohort(criteria.kang2020, []).records; // 0
 * ```
 *
 * @packageDocumentation
 */
export {
  type Analysis,
  type CohortSummary,
  type Rate,
  summarizeCohort,
  summarizeCohortStream,
  type TimepointSummary,
} from "./analysis/cohort.js";
export {
  type Agreement,
  type Comparison,
  type ComparisonRow,
  cohensKappa,
  compareCriteria,
  type Disagreement,
  type SeparatingClauseCount,
} from "./analysis/compare.js";
export {
  type ConfirmationRule,
  confirmedResponse,
  type DerivedResponse,
  type ResponseTarget,
  sustainedResponse,
  type TimeToEventKind,
  timeToEvent,
} from "./analysis/derived.js";
export {
  applyEstimand,
  DEFAULT_ESTIMAND,
  defaultEstimand,
  ESTIMAND_STRATEGIES,
  type Estimand,
  type EstimandAssessment,
  type EstimandStrategy,
  type EstimandTimeline,
  INTERCURRENT_EVENT_KINDS,
  type IntercurrentEvent,
  type IntercurrentEventKind,
  intercurrentEvents,
  OBSERVED_ESTIMAND,
} from "./analysis/estimands.js";
export { type LintFinding, type LintReport, lintCriteria, lintMarkdown } from "./analysis/lint.js";
export { clopperPearson } from "./analysis/stats.js";
export {
  type ConfType,
  type KaplanMeierRow,
  kaplanMeier,
  type SurvivalObservation,
  type SurvivalSummary,
  survivalSummary,
} from "./analysis/survival.js";
