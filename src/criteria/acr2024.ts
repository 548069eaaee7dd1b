/**
 * Sammaritano LR, Askanase A, Bermas BL, et al. 2024 American College of
 * Rheumatology (ACR) Guideline for the Screening, Treatment, and Management of
 * Lupus Nephritis. Arthritis Care Res 2025;77(9):1045–1065. doi:10.1002/acr.25528
 *
 * Guideline summary: refractory LN = failed two standard therapy courses;
 * inadequate renal response = at least a partial response not reached by 6–12 months.
 *
 * @module
 */

import type { EligibilityCriteria } from "../ir/types.js";
import { all } from "./build.js";
import {
  failedTwoStandardRegimens,
  monthsParameter,
  standardOfCareReadings,
} from "./refractory-common.js";

const SUM = "Guideline summary (definitions)";

/**
 * ACR 2024 refractory lupus nephritis: failure of two standard therapy courses,
 * failure being at least a partial response not reached by 6–12 months.
 *
 * Interpretation parameters: `standardOfCare` (`'with-cni'` default: the same
 * summary recommends triple therapy with MPAA + CNI; `'cyc-mmf'`,
 * `'with-biologics'`) and `responseHorizon` ("by 6–12 months": `'12'` default,
 * `'6'`). A course that reached PR or CR and later relapsed did reach "at least a
 * partial renal response", so it is not a failed course (fixed, not a parameter).
 *
 * @example
 * ```ts
 * import { assessEligibility, eligibility } from 'lupus-renal-criteria';
 * const r = assessEligibility(eligibility.acr2024Refractory, {
 *   id: 'p1',
 *   treatmentHistory: { ordered: true, courses: [
 *     { agents: ['mycophenolate'], mode: 'single', bestResponse: 'NR', durationMonths: 12 },
 *   ] },
 * });
 * r.status; // 'ineligible' (one course only)
 * ```
 * @category Shipped definitions
 */
export const acr2024Refractory: EligibilityCriteria = {
  kind: "eligibility",
  id: "acr2024Refractory",
  version: "1.1.1",
  title: "ACR 2024 refractory lupus nephritis",
  citation: {
    short: "ACR 2024",
    authors: "Sammaritano LR, Askanase A, Bermas BL, et al.",
    year: 2025,
    title:
      "2024 American College of Rheumatology (ACR) Guideline for the Screening, Treatment, and Management of Lupus Nephritis",
    journal: "Arthritis Care Res 77(9):1045–1065",
    doi: "10.1002/acr.25528",
  },
  locator: { section: SUM },
  evidence: "verified",
  parameters: {
    standardOfCare: {
      description: "'Standard therapy courses' are not defined in the summary.",
      source: { section: SUM, quote: "failed two standard therapy courses" },
      default: "with-cni",
      readings: standardOfCareReadings,
    },
    responseHorizon: monthsParameter(
      "Inadequate response is no PR 'by 6–12 months': a range.",
      {
        section: SUM,
        quote: "at least a partial renal response not reached by 6–12 months",
      },
      [
        {
          months: 12,
          label: "no PR after 12 months",
          rationale:
            "Default: the end of the window, the last point at which PR is expected; cannot overstate failure.",
        },
        { months: 6, label: "no PR after 6 months", rationale: "The start of the window." },
      ],
    ),
  },
  rule: {
    name: "refractory",
    label: "refractory lupus nephritis (ACR 2024)",
    source: { section: SUM },
    expr: all(
      "refractory",
      "refractory",
      failedTwoStandardRegimens(
        "failed-two-standard-courses",
        "failed two standard therapy courses",
        { section: SUM, quote: "Refractory LN: failed two standard therapy courses" },
        false,
      ),
    ),
  },
  notes: [
    "Read from the guideline summary; the full text was not checked for a longer definition.",
    "A course that reached PR or CR and then relapsed is not a failed course (1.1.0; before, it counted): failure is read with the summary's own 'inadequate renal response' — 'at least a partial renal response not reached by 6–12 months' — and such a course reached it. The text is not ambiguous here, so this is fixed (relapseCounts: false), not a parameter.",
    "standardOfCare default 'with-cni' (1.1.0; was 'cyc-mmf'): the summary's treatment recommendations include triple therapy with MPAA + CNI for class III/IV with proteinuria ≥ 3 g/g and for class V with ≥ 1 g/g (clinical-definitions.md §4, [V]), so a CNI regimen is a standard therapy course in this guideline.",
  ],
};
