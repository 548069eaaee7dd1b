/**
 * Rovin BH, et al. Efficacy and safety of voclosporin versus placebo for lupus
 * nephritis (AURORA 1): a double-blind, randomised, multicentre,
 * placebo-controlled, phase 3 trial. Lancet 2021;397:2070–80.
 * doi:10.1016/S0140-6736(21)00578-X
 *
 * Primary end point, complete renal response at week 52 (abstract, as read):
 * > UPCR of 0.5 mg/mg or less; eGFR of 60 mL/min per 1.73 m² or more, or no
 * > confirmed decrease from baseline in eGFR of more than 20%; no administration
 * > of rescue medication; and no more than 10 mg prednisone equivalent per day for
 * > 3 or more consecutive days or for 7 or more days during weeks 44 through 52.
 *
 * @module
 */

import { any, at, change, cmp, q, withReadingTypes } from "./build.js";
import * as trial from "./trial-endpoints.js";

const ABS = "Abstract (primary end point)";
const EGFR_UNIT = "mL/min/1.73m2";

/**
 * AURORA 1 complete renal response (CRR) at week 52, the trial's primary end
 * point, with its glucocorticoid co-condition and no rescue medication. One
 * response level: `CR` = CRR; everything else is NR.
 *
 * The glucocorticoid clause compares the input's `prednisoneMgPerDay` with
 * 10 mg/day; for this definition that input must be the window summary described
 * in the notes (the highest daily dose taken on ≥ 3 consecutive days or on ≥ 7
 * days during weeks 44–52), since the engine has no dose history.
 *
 * No interpretation parameters. Evidence: `verified` (abstract).
 *
 * @example
 * ```ts
 * import { classifyResponse, criteria } from 'lupus-renal-criteria';
 * const r = classifyResponse(criteria.aurora1, {
 *   baseline: { egfr: { value: 80, unit: 'mL/min/1.73m2' } },
 *   current: { proteinuria: { value: 0.5, unit: 'mg/mg' }, egfr: { value: 58, unit: 'mL/min/1.73m2' },
 *              rescueTherapy: false, prednisoneMgPerDay: 5 },
 * });
 * r.category; // 'NR' (eGFR < 60 and fell 27.5% > 20%)
 * ```
 * @category Shipped definitions
 */
export const aurora1 = withReadingTypes({
  kind: "response",
  id: "aurora1",
  version: "1.0.0",
  title: "AURORA 1 (voclosporin) complete renal response, week 52",
  citation: {
    short: "AURORA 1 (Rovin 2021)",
    authors: "Rovin BH, et al.",
    year: 2021,
    title:
      "Efficacy and safety of voclosporin versus placebo for lupus nephritis (AURORA 1): a double-blind, randomised, multicentre, placebo-controlled, phase 3 trial",
    journal: "Lancet 397:2070–80",
    doi: "10.1016/S0140-6736(21)00578-X",
  },
  locator: { section: ABS },
  evidence: "verified",
  proteinuriaMeasure: "upcr",
  parameters: {},
  categories: [
    trial.crrCategory(
      { section: ABS, quote: "complete renal response at week 52" },
      cmp("crr-upcr", "UPCR", at("upcr", "current"), "<=", q(0.5, "mg/mg"), {
        section: ABS,
        quote: "UPCR of 0.5 mg/mg or less",
      }),
      any(
        "crr-egfr",
        "eGFR ≥ 60, or no fall from baseline of more than 20%",
        cmp("crr-egfr-60", "eGFR", at("egfr", "current"), ">=", q(60, EGFR_UNIT), {
          section: ABS,
          quote: "eGFR of 60 mL/min per 1.73 m² or more",
        }),
        cmp(
          "crr-egfr-fall-20",
          "fall in eGFR from baseline",
          change("percentDecrease", "egfr"),
          "<=",
          q(20, "%"),
          {
            section: ABS,
            quote: "or no confirmed decrease from baseline in eGFR of more than 20%",
          },
        ),
      ),
      {
        op: "fact",
        id: "crr-no-rescue",
        label: "no rescue medication",
        fact: "observation",
        params: { name: "rescueTherapy", is: false },
        source: { section: ABS, quote: "no administration of rescue medication" },
      },
      cmp(
        "crr-prednisone-at-most-10",
        "prednisone-equivalent dose (weeks 44–52; held ≥ 3 consecutive or ≥ 7 days)",
        at("prednisone", "current"),
        "<=",
        q(10, "mg/d prednisone"),
        {
          section: ABS,
          quote:
            "no more than 10 mg prednisone equivalent per day for 3 or more consecutive days or for 7 or more days during weeks 44 through 52",
        },
      ),
    ),
  ],
  noResponse: trial.noCompleteRenalResponse(ABS),
  endpoints: [
    trial.crrEndpoint("complete renal response (primary end point, week 52)", { section: ABS }),
  ],
  gaps: [],
  schedule: trial.weeklySchedule(
    [52],
    { section: ABS, quote: "complete renal response at week 52" },
    "The abstract",
  ),
  notes: [
    "Baseline is the study baseline (randomisation), not the pre-flare value; only the baseline eGFR is read.",
    "The glucocorticoid co-condition is about weeks 44–52, not one day. The engine reads one dose (prednisoneMgPerDay), so for this definition supply the window summary: the highest daily dose (prednisone equivalent) that was taken on ≥ 3 consecutive days or on ≥ 7 days (in total) during weeks 44–52. The clause 'that dose ≤ 10 mg/day' is then exactly the source's condition. A single dose measured at the week-52 visit is NOT equivalent.",
    "'No confirmed decrease … of more than 20%' is read on the current assessment only: the abstract gives no confirmation interval and the engine compares one assessment with baseline. A fall of exactly 20% passes.",
    "'No administration of rescue medication' reads the input's rescueTherapy.",
    "One response level: the trial's CRR is the library's CR; there is no PR.",
    "Thresholds are in mg/mg as printed; a UPCR in g/g, mg/g or mg/mmol is converted exactly.",
  ],
});
