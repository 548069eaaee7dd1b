/**
 * Pieces shared by the refractory-LN definitions: the standard-of-care induction
 * agents and the treatment-failure parameters.
 *
 * @module
 */

import type { Expr, Locator } from "../ir/expr.js";
import type { InterpretationParameter } from "../ir/types.js";
import type { AgentName } from "../model/treatment.js";

/** @internal Induction agents of KDIGO 2012 and EULAR/ERA-EDTA 2012: cyclophosphamide, mycophenolate. */
export const SOC_CYC_MMF: readonly AgentName[] = ["cyclophosphamide", "mycophenolate"];

/** @internal Adds the calcineurin inhibitors of the multitarget / CNI regimens (EULAR 2019, KDIGO 2021/2024). */
export const SOC_WITH_CNI: readonly AgentName[] = [
  "cyclophosphamide",
  "mycophenolate",
  "tacrolimus",
  "cyclosporine",
  "voclosporin",
];

/** @internal Adds the biologics of current guidelines (belimumab, obinutuzumab) and rituximab. */
export const SOC_WITH_BIOLOGICS: readonly AgentName[] = [
  ...SOC_WITH_CNI,
  "belimumab",
  "obinutuzumab",
  "rituximab",
];

/**
 * @internal EULAR/ERA-EDTA 2019 update, abstract (Fanouriakis A et al., Ann Rheum Dis
 * 2020;79:713–23, doi:10.1136/annrheumdis-2020-216924), Zhang 2023's reference 8;
 * read at https://ard.bmj.com/content/79/6/713.
 */
export const EULAR2019_INDUCTION_QUOTE =
  "In active proliferative LN, initial (induction) treatment with mycophenolate mofetil (MMF 2–3 g/day or mycophenolic acid (MPA) at equivalent dose) or low-dose intravenous cyclophosphamide (CY; 500 mg × 6 biweekly doses), both combined with glucocorticoids … is recommended. MMF/CNI (especially tacrolimus) combination and high-dose CY are alternatives, for patients with nephrotic-range proteinuria and adverse prognostic factors.";

/** @internal The standard-of-care parameter: which induction agents count (binds `qualifyingAgents`). */
export const standardOfCareReadings: InterpretationParameter["readings"] = {
  "cyc-mmf": {
    label: "cyclophosphamide or mycophenolate",
    rationale:
      "The induction agents of KDIGO 2012 and EULAR/ERA-EDTA 2012 (mycophenolate or cyclophosphamide), the guidelines in force before 2019. A calcineurin-inhibitor course does not count.",
    bindings: { qualifyingAgents: SOC_CYC_MMF },
  },
  "with-cni": {
    label: "also tacrolimus, cyclosporine, voclosporin",
    rationale: `The EULAR/ERA-EDTA 2019 update names the mycophenolate + calcineurin-inhibitor combination among the initial (induction) regimens: '${EULAR2019_INDUCTION_QUOTE}' KDIGO 2024 (secondary summary) lists MPAA plus a CNI among its first-line regimens, and the ACR 2024 summary recommends triple therapy with MPAA + CNI. A course containing a CNI counts as a standard-of-care course (the course's agents are not checked against the exact combination).`,
    bindings: { qualifyingAgents: SOC_WITH_CNI },
    evidence: "verified",
    reference:
      "EULAR/ERA-EDTA 2019 update, abstract (Fanouriakis 2020, doi:10.1136/annrheumdis-2020-216924), read at https://ard.bmj.com/content/79/6/713; KDIGO 2021 itself was not read (clinical-definitions.md §3, [U])",
  },
  "with-biologics": {
    label: "also belimumab, obinutuzumab, rituximab",
    rationale:
      "Current guidelines add belimumab and obinutuzumab to induction; rituximab is widely used off-label.",
    bindings: { qualifyingAgents: SOC_WITH_BIOLOGICS },
    evidence: "secondary",
    reference:
      "EULAR 2023 SLE update (belimumab or a CNI at the start of treatment, clinical-definitions.md §2, [V2]); KDIGO 2024 first-line belimumab regimens (secondary summary)",
  },
};

/**
 * @internal The "relapse after a response" parameter of the rules whose text asks
 * for a regimen that did not improve the disease (binds `relapseCounts`). The
 * first reading, `not-counted`, is the default.
 */
export function relapseAfterResponseParameter(
  description: string,
  source: Locator,
  notCountedRationale: string,
  countedRationale: string,
): InterpretationParameter {
  return {
    description,
    source,
    default: "not-counted",
    readings: {
      "not-counted": {
        label: "a course that reached CR or PR and then relapsed is not a failed regimen",
        rationale: notCountedRationale,
        bindings: { relapseCounts: false },
      },
      counted: {
        label: "a relapse after CR or PR counts as a failed regimen",
        rationale: countedRationale,
        bindings: { relapseCounts: true },
      },
    },
  };
}

/**
 * @internal The clause "failed two different standard-of-care regimens": a
 * `treatmentFailures` fact whose failure duration and qualifying agents are
 * bound by the `assessmentMonths`-like and `standardOfCare` parameters, and
 * whose `relapseCounts` is bound by a relapse parameter or fixed by the rule.
 */
export function failedTwoStandardRegimens(
  id: string,
  label: string,
  source: Locator,
  relapseCounts: boolean | { readonly bind: string } = { bind: "relapseCounts" },
): Expr {
  return {
    op: "fact",
    id,
    label,
    fact: "treatmentFailures",
    params: {
      atLeast: 2,
      countSequenceAs: "one-regimen",
      includeGlucocorticoidPulses: false,
      minDurationMonths: { bind: "minDurationMonths" },
      nrWithoutDuration: "unknown",
      qualifyingAgents: { bind: "qualifyingAgents" },
      relapseCounts,
    },
    source,
  };
}

/**
 * @internal A "for N–M months" range as an interpretation parameter binding
 * `minDurationMonths`; the first reading listed is the default.
 */
export function monthsParameter(
  description: string,
  source: Locator,
  readings: readonly { months: number; label: string; rationale: string }[],
): InterpretationParameter {
  const first = readings[0];
  if (!first) throw new Error("monthsParameter needs at least one reading");
  return {
    description,
    source,
    default: String(first.months),
    readings: Object.fromEntries(
      readings.map((r) => [
        String(r.months),
        { label: r.label, rationale: r.rationale, bindings: { minDurationMonths: r.months } },
      ]),
    ),
  };
}
