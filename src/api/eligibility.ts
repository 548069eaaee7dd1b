/**
 * `assessEligibility()`: one patient record against one eligibility rule.
 *
 * @module
 */
import { criteriaInfo, readingEvidence } from "../criteria/evidence.js";
import { type EgfrEstimate, estimateEgfr, type PaediatricEgfrEquation } from "../egfr/estimate.js";
import {
  type ClauseResult,
  decisiveCensored,
  decisiveMissing,
  type EvaluationSubject,
  evaluateExpr,
} from "../evaluate/interpret.js";
import { type CriteriaError, InputError } from "../ir/errors.js";
import type { Expr } from "../ir/expr.js";
import type { Truth } from "../ir/kleene.js";
import { perObject, readingsKey } from "../ir/memo.js";
import { bindingsOf, fullInterpretation, otherInterpretations } from "../ir/readings.js";
import { resolveExpr } from "../ir/resolve.js";
import { criteriaOf, deepFreeze } from "../ir/schema.js";
import type {
  CriteriaInfo,
  EligibilityCriteria,
  InterpretationChoice,
  ReadingEvidence,
} from "../ir/types.js";
import { safeParsePatientRecord } from "../model/fast-parse.js";
import type { PatientRecord, PatientRecordLike } from "../model/record.js";
import { checkInterpretation, optionError, settle } from "./options.js";

/**
 * Eligible, ineligible, or indeterminate (some needed fact not reported).
 *
 * @example
 * ```ts
 * import type { EligibilityStatus } from 'lupus-renal-criteria';
 * const s: EligibilityStatus = 'indeterminate';
 * ```
 * @category Classification
 */
export type EligibilityStatus = "eligible" | "ineligible" | "indeterminate";

/**
 * The result of {@link assessEligibility}.
 *
 * @example
 * ```ts
 * import { assessEligibility, eligibility } from 'lupus-renal-criteria';
 * const r = assessEligibility(eligibility.kang2020Refractory, { id: 'x' });
 * r.status; // 'indeterminate'
 * r.missing; // ['treatmentHistory', 'baseline.proteinuria']
 * ```
 * @category Classification
 */
export interface EligibilityResult {
  /** The record's id. */
  readonly id: string;
  readonly status: EligibilityStatus;
  readonly criteria: CriteriaInfo;
  readonly interpretation: Readonly<Record<string, string>>;
  /**
   * For each interpretation parameter: the reading used, how well the numbers it
   * binds were checked (`evidence`: the reading's own, or the rule's when the
   * reading takes its numbers from the rule's source), their reference, and
   * whether any clause actually read it. `criteria.evidence` is the weakest of
   * the rule's evidence and of every reading used.
   */
  readonly readingEvidence: Readonly<Record<string, ReadingEvidence>>;
  /** Every clause of the rule, evaluated. */
  readonly explanation: ClauseResult;
  /** Facts whose absence leaves the status undecided (empty unless indeterminate). */
  readonly missing: readonly string[];
  /**
   * Censored inputs (a laboratory's `<0.1`) whose range leaves the status undecided;
   * present only when there are any.
   */
  readonly censored?: readonly string[];
  /** True when every other permitted reading gives the same status. */
  readonly robust: boolean;
  readonly alternatives: readonly {
    readonly interpretation: Readonly<Record<string, string>>;
    readonly changed: Readonly<Record<string, string>>;
    readonly status: EligibilityStatus;
  }[];
  /**
   * The baseline eGFR estimated from `baseline.serumCreatinine`, with the equation
   * used: CKD-EPI 2021 from 18 years, a paediatric equation below (bedside
   * Schwartz 2009 by default; it needs `patient.heightCm`), or `indeterminate`
   * with what is missing — never the adult equation for a child. Context for the
   * reader (the rules read the treatment history); no rule's status depends on it.
   */
  readonly egfr: EgfrEstimate;
}

const STATUS: Record<Truth, EligibilityStatus> = {
  met: "eligible",
  "not-met": "ineligible",
  unknown: "indeterminate",
};

function subjectOf(record: PatientRecord): EvaluationSubject {
  return {
    patient: record.patient,
    baseline: record.baseline,
    treatmentHistory: record.treatmentHistory,
    exclusions: record.exclusions,
  };
}

function evaluate(
  rule: EligibilityCriteria,
  subject: EvaluationSubject,
  choice: Readonly<Record<string, string>>,
) {
  // The rule under each choice of readings is resolved once per object (it was resolved again
  // for every reading of every record: a fifth of assessEligibility's time).
  const expr = resolvedRules(rule, readingsKey(choice, false), () =>
    deepFreeze(resolveExpr(rule.rule.expr, bindingsOf(rule, choice))),
  );
  return evaluateExpr(expr, subject);
}

const resolvedRules = perObject<EligibilityCriteria, Expr>();

/**
 * Options of {@link assessEligibility} and {@link safeAssessEligibility}.
 *
 * @example
 * ```ts
 * import type { EligibilityOptions } from 'lupus-renal-criteria';
 * const o: EligibilityOptions = { paediatricEgfrEquation: 'ckid-u25-2021' };
 * ```
 * @category Classification
 */
export interface EligibilityOptions {
  /** Readings of the rule's interpretation parameters (each must be one of its own). */
  readonly interpretation?: InterpretationChoice;
  /**
   * The equation for the baseline eGFR under 18 years: `'bedside-schwartz-2009'`
   * (default) or `'ckid-u25-2021'`.
   */
  readonly paediatricEgfrEquation?: PaediatricEgfrEquation;
}

/**
 * Assess a patient record against an eligibility rule (e.g. a refractory-LN
 * definition). Three-valued: a clause the record does not report is unknown, and
 * the status is `indeterminate` with the missing facts listed, unless the known
 * facts already decide it.
 *
 * The record is typed ({@link PatientRecordLike}: a {@link PatientRecord}, with
 * `null` allowed for a missing lab value or patient field), so a misspelt field
 * does not compile; it is still validated here as before. For a record of unknown
 * shape (parsed JSON) use {@link safeAssessEligibility}.
 *
 * @param rule - an eligibility rule, e.g. `eligibility.kang2020Refractory`.
 * @param record - a patient record (validated here with `PatientRecordSchema`).
 * @param options - `interpretation`: readings of the rule's parameters;
 *   `paediatricEgfrEquation`: the equation for the baseline eGFR under 18 years
 *   (`'bedside-schwartz-2009'` default, `'ckid-u25-2021'`).
 * @returns the status with its explanation, missing facts and robustness.
 * @throws {@link InputError} for a malformed record; `RangeError` for an unknown reading.
 * @example
 * ```ts
 * import { assessEligibility, eligibility } from 'lupus-renal-criteria';
 * const r = assessEligibility(eligibility.kang2020Refractory, {
 *   id: 'kang2020-11',
 *   baseline: { proteinuria: { value: 6.24, unit: 'g/24h' } },
 *   treatmentHistory: { ordered: true, courses: [
 *     { agents: ['cyclophosphamide'], mode: 'single', bestResponse: 'PR', outcome: 'failure-or-relapse' },
 *   ] },
 * });
 * r.status; // 'ineligible': one failed agent, two needed
 * ```
 * @category Classification
 */
export function assessEligibility(
  rule: EligibilityCriteria,
  record: PatientRecordLike,
  options: EligibilityOptions = {},
): EligibilityResult {
  criteriaOf(rule, "eligibility");
  const parsed = safeParsePatientRecord(record);
  if (!parsed.success) throw new InputError(parsed.error, "patient record");
  const subject = subjectOf(parsed.data);
  const chosen = fullInterpretation(rule, options.interpretation);
  const explanation = evaluate(rule, subject, chosen);
  const status = STATUS[explanation.truth];
  const alternatives = otherInterpretations(rule, chosen).map((a) => ({
    ...a,
    status: STATUS[evaluate(rule, subject, a.interpretation).truth],
  }));
  const missing = status === "indeterminate" ? decisiveMissing(explanation) : [];
  const censored = status === "indeterminate" ? decisiveCensored(explanation) : [];
  return {
    id: parsed.data.id,
    status,
    criteria: criteriaInfo(rule, chosen),
    interpretation: chosen,
    readingEvidence: readingEvidence(rule, chosen),
    explanation,
    missing,
    ...(censored.length ? { censored } : {}),
    robust: alternatives.every((a) => a.status === status),
    alternatives,
    egfr: estimateEgfr(
      { patient: parsed.data.patient, serumCreatinine: parsed.data.baseline?.serumCreatinine },
      {
        creatininePath: "baseline.serumCreatinine",
        ...(options.paediatricEgfrEquation === undefined
          ? {}
          : { paediatricEquation: options.paediatricEgfrEquation }),
      },
    ),
  };
}

/**
 * {@link assessEligibility} without throwing, for a record of any shape (parsed
 * JSON, another system's export): `{ success: true, data }` with the result, or
 * `{ success: false, error }`. It never throws: an invalid rule gives a
 * {@link CriteriaError}; a malformed record, a record that cannot be read (a
 * throwing getter, a revoked Proxy) or an unknown interpretation parameter or
 * reading (path `options.interpretation.<name>`) gives an {@link InputError}.
 *
 * @param rule - an eligibility rule, e.g. `eligibility.zhang2023Refractory`.
 * @param record - a patient record, of any shape (validated here).
 * @param options - as for {@link assessEligibility}.
 * @returns `{ success: true, data }` or `{ success: false, error }`.
 * @example
 * ```ts
 * import { eligibility, safeAssessEligibility } from 'lupus-renal-criteria';
 * const parsed: unknown = JSON.parse('{"id":"p","baseline":{"proteinuria":{"value":"3.1","unit":"g/24h"}}}');
 * const r = safeAssessEligibility(eligibility.zhang2023Refractory, parsed);
 * if (!r.success) r.error.issues[0]?.path; // 'baseline.proteinuria.value' (a string, not a number)
 * ```
 * @category Classification
 */
export function safeAssessEligibility(
  rule: EligibilityCriteria,
  record: unknown,
  options: EligibilityOptions = {},
):
  | { success: true; data: EligibilityResult }
  | { success: false; error: InputError | CriteriaError } {
  return settle(() => {
    criteriaOf(rule, "eligibility");
    // An unknown reading as an InputError with its path (assessEligibility throws a RangeError).
    const issues = checkInterpretation(rule, options.interpretation, ["options", "interpretation"]);
    if (issues.length > 0) throw optionError(issues);
    // assessEligibility validates the record at run time whatever its static type.
    return assessEligibility(rule, record as PatientRecordLike, options);
  }, "input");
}
