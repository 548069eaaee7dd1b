/**
 * Arora S, Rovin BH. Expert perspective: an approach to refractory lupus
 * nephritis. Arthritis Rheumatol 2022;74:915–926. doi:10.1002/art.42092
 *
 * Abstract, as printed: refractory LN is "no change in, or worsening of,
 * proteinuria and/or eGFR" in response to two different standard-of-care
 * induction regimens, after 4–6 months, in patients adherent to treatment.
 *
 * @module
 */

import type { EligibilityCriteria } from "../ir/types.js";
import { all } from "./build.js";
import {
  failedTwoStandardRegimens,
  monthsParameter,
  relapseAfterResponseParameter,
  standardOfCareReadings,
} from "./refractory-common.js";

const ABS = "Abstract";

/**
 * Arora & Rovin 2022 refractory lupus nephritis: no change or worsening of
 * proteinuria and/or eGFR after 4–6 months of each of two different
 * standard-of-care induction regimens, in an adherent patient.
 *
 * Interpretation parameters: `standardOfCare` (`'cyc-mmf'` default,
 * `'with-cni'`, `'with-biologics'`), `assessmentMonths` (`'6'` default, `'4'`)
 * and `relapseAfterResponse` (`'not-counted'` default, `'counted'`).
 * "No change" is not quantified by the source; a course counts as failed when
 * its best response was NR. A course that reached CR or PR and later relapsed
 * is not "no change in, or worsening of" the response to the regimen (default).
 *
 * @example
 * ```ts
 * import { assessEligibility, eligibility } from 'lupus-renal-criteria';
 * const r = assessEligibility(eligibility.arora2022Refractory, {
 *   id: 'p1',
 *   exclusions: { nonAdherence: false },
 *   treatmentHistory: { ordered: true, courses: [
 *     { agents: ['mycophenolate'], mode: 'single', bestResponse: 'NR', durationMonths: 6 },
 *     { agents: ['cyclophosphamide'], mode: 'single', bestResponse: 'NR', durationMonths: 6 },
 *   ] },
 * });
 * r.status; // 'eligible'
 * ```
 * @category Shipped definitions
 */
export const arora2022Refractory: EligibilityCriteria = {
  kind: "eligibility",
  id: "arora2022Refractory",
  version: "1.1.1",
  title: "Arora & Rovin 2022 refractory lupus nephritis",
  citation: {
    short: "Arora & Rovin 2022",
    authors: "Arora S, Rovin BH",
    year: 2022,
    title: "Expert Perspective: An Approach to Refractory Lupus Nephritis",
    journal: "Arthritis Rheumatol 74:915–926",
    doi: "10.1002/art.42092",
  },
  locator: { section: ABS },
  evidence: "verified",
  parameters: {
    standardOfCare: {
      description: "'Standard-of-care induction regimens' are not listed in the abstract.",
      source: { section: ABS, quote: "2 different standard-of-care induction regimens" },
      default: "cyc-mmf",
      readings: standardOfCareReadings,
    },
    assessmentMonths: monthsParameter(
      "'After 4–6 months' of each regimen: a range.",
      { section: ABS, quote: "after 4–6 months" },
      [
        {
          months: 6,
          label: "after at least 6 months",
          rationale: "Default: the upper end cannot overstate refractoriness.",
        },
        { months: 4, label: "after at least 4 months", rationale: "The lower end of the range." },
      ],
    ),
    relapseAfterResponse: relapseAfterResponseParameter(
      "Whether a regimen that reached CR or PR and later relapsed shows 'no change in, or worsening of' proteinuria and/or eGFR 'in response to' it is not said.",
      {
        section: ABS,
        quote:
          "no change in, or worsening of, proteinuria and/or eGFR in response to 2 different standard-of-care induction regimens, after 4–6 months",
      },
      "Default: the sentence judges the response to each regimen after 4–6 months; a regimen that brought CR or PR did change proteinuria, so it is not refractory to that regimen, and a later relapse is a different event that the definition does not name.",
      "'Worsening' read as any worsening, including a relapse after an initial response.",
    ),
  },
  rule: {
    name: "refractory",
    label: "refractory lupus nephritis (Arora & Rovin 2022)",
    source: { section: ABS },
    expr: all(
      "refractory",
      "refractory",
      failedTwoStandardRegimens(
        "failed-two-soc-regimens",
        "no change or worsening of proteinuria and/or eGFR after two different standard-of-care induction regimens",
        { section: ABS, quote: "no change in, or worsening of, proteinuria and/or eGFR" },
      ),
      {
        op: "fact",
        id: "no-nonAdherence",
        label: "adherent to treatment",
        fact: "exclusionAbsent",
        params: { condition: "nonAdherence" },
        source: { section: ABS, quote: "in patients adherent to treatment" },
      },
    ),
  },
  notes: [
    "'No change' is not quantified (no percentage band); NR on the course is taken as no change.",
    "relapseAfterResponse default 'not-counted' (1.1.0; before, a course that reached CR or PR and then relapsed counted as failed): the abstract asks for 'no change in, or worsening of, proteinuria and/or eGFR in response to 2 different standard-of-care induction regimens, after 4–6 months'.",
    "standardOfCare stays 'cyc-mmf': the abstract does not list the regimens and the full text was not read; 'with-cni' follows the EULAR/ERA-EDTA 2019 update and ACR 2024 (see its rationale).",
  ],
};
