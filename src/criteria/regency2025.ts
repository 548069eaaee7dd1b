/**
 * Furie RA, et al. Efficacy and safety of obinutuzumab in active lupus nephritis
 * (REGENCY). N Engl J Med 2025. doi:10.1056/NEJMoa2410965
 *
 * Primary end point, complete renal response at week 76 (abstract, as read):
 * > UPCR < 0.5 (mg/mg), eGFR ≥ 85% of baseline, and no intercurrent event
 * > (rescue therapy, treatment failure, death, or early withdrawal).
 * Key secondary end points: CRR with prednisone ≤ 7.5 mg/day between weeks 64 and
 * 76; UPCR < 0.8 with no intercurrent event.
 *
 * @module
 */
import type { Expr } from "../ir/expr.js";
import { all, at, change, cmp, q, ref, withReadingTypes } from "./build.js";
import * as trial from "./trial-endpoints.js";

const ABS = "Abstract (primary and key secondary end points)";

const noRescue = (id: string): Expr => ({
  op: "fact",
  id,
  label: "no rescue therapy (the expressible part of 'no intercurrent event')",
  fact: "observation",
  params: { name: "rescueTherapy", is: false },
  source: {
    section: ABS,
    quote: "no intercurrent event (rescue therapy, treatment failure, death, or early withdrawal)",
  },
});

/**
 * REGENCY complete renal response (CRR) at week 76, the primary end point, with
 * two key secondary end points: `CRRPrednisone` (CRR with prednisone ≤ 7.5 mg/day
 * in weeks 64–76) and `proteinuriaResponse` (UPCR < 0.8 mg/mg with no intercurrent
 * event). One response level: `CR` = CRR.
 *
 * Of the intercurrent events only rescue therapy is an input of the library;
 * treatment failure, death and early withdrawal are not checked (see notes).
 *
 * No interpretation parameters. Evidence: `verified` (abstract).
 *
 * @example
 * ```ts
 * import { classifyResponse, criteria } from 'lupus-renal-criteria';
 * const r = classifyResponse(criteria.regency2025, {
 *   baseline: { egfr: { value: 80, unit: 'mL/min/1.73m2' } },
 *   current: { proteinuria: { value: 0.45, unit: 'mg/mg' }, egfr: { value: 68, unit: 'mL/min/1.73m2' },
 *              rescueTherapy: false, prednisoneMgPerDay: 7.5 },
 * });
 * r.category; // 'CR' (eGFR at exactly 85% of baseline)
 * r.endpoints.CRRPrednisone; // 'met'
 * ```
 * @category Shipped definitions
 */
export const regency2025 = withReadingTypes({
  kind: "response",
  id: "regency2025",
  version: "1.0.0",
  title: "REGENCY (obinutuzumab) complete renal response, week 76",
  citation: {
    short: "REGENCY (Furie 2025)",
    authors: "Furie RA, et al.",
    year: 2025,
    title: "Efficacy and safety of obinutuzumab in active lupus nephritis",
    journal: "N Engl J Med 2025",
    doi: "10.1056/NEJMoa2410965",
  },
  locator: { section: ABS },
  evidence: "verified",
  proteinuriaMeasure: "upcr",
  parameters: {},
  categories: [
    trial.crrCategory(
      { section: ABS, quote: "complete renal response at week 76" },
      cmp("crr-upcr", "UPCR", at("upcr", "current"), "<", q(0.5, "mg/mg"), {
        section: ABS,
        quote: "UPCR < 0.5",
      }),
      cmp(
        "crr-egfr-85pct",
        "eGFR in percent of baseline",
        change("percentOfBaseline", "egfr"),
        ">=",
        q(85, "%"),
        { section: ABS, quote: "eGFR ≥ 85% of baseline" },
      ),
      noRescue("crr-no-rescue"),
    ),
  ],
  noResponse: trial.noCompleteRenalResponse(ABS),
  endpoints: [
    trial.crrEndpoint("complete renal response (primary end point, week 76)", { section: ABS }),
    {
      name: "CRRPrednisone",
      label: "CRR with prednisone ≤ 7.5 mg/day in weeks 64–76 (key secondary end point)",
      source: { section: ABS, quote: "CRR with prednisone ≤ 7.5 mg/day between weeks 64 and 76" },
      expr: all(
        "crr-prednisone",
        "CRR and prednisone ≤ 7.5 mg/day in weeks 64–76",
        ref("CR"),
        cmp(
          "prednisone-at-most-7.5",
          "highest daily prednisone-equivalent dose in weeks 64–76",
          at("prednisone", "current"),
          "<=",
          q(7.5, "mg/d prednisone"),
          { section: ABS, quote: "prednisone ≤ 7.5 mg/day between weeks 64 and 76" },
        ),
      ),
    },
    {
      name: "proteinuriaResponse",
      label: "UPCR < 0.8 mg/mg with no intercurrent event (key secondary end point)",
      source: { section: ABS, quote: "UPCR < 0.8 with no intercurrent event" },
      expr: all(
        "upcr-below-0.8",
        "UPCR < 0.8 and no rescue therapy",
        cmp("upcr-0.8", "UPCR", at("upcr", "current"), "<", q(0.8, "mg/mg"), {
          section: ABS,
          quote: "UPCR < 0.8",
        }),
        noRescue("upcr-0.8-no-rescue"),
      ),
    },
  ],
  gaps: [],
  schedule: trial.weeklySchedule(
    [76],
    { section: ABS, quote: "complete renal response at week 76" },
    "The abstract",
  ),
  notes: [
    "Baseline is the study baseline (randomisation), not the pre-flare value; only the baseline eGFR is read.",
    "'No intercurrent event' lists rescue therapy, treatment failure, death and early withdrawal. Only rescue therapy is an input of the library (rescueTherapy); treatment failure, death and early withdrawal are NOT checked, so a patient with such an event must be counted as non-responder by the caller (the trial counts any intercurrent event as no CRR).",
    "The prednisone key secondary end point is about weeks 64–76. The engine reads one dose (prednisoneMgPerDay); for this end point supply the highest daily prednisone-equivalent dose taken in weeks 64–76. 'Prednisone ≤ 7.5 mg/day between weeks 64 and 76' is read as never more than 7.5 mg/day in that window.",
    "The protocol's prednisone taper (7.5 mg/day by week 12, 5 mg/day by week 24) is a treatment target, not a response criterion, and is not encoded.",
    "No urine-sediment criterion, unlike NOBILITY and LUNAR.",
    "Thresholds are in mg/mg as printed; a UPCR in g/g, mg/g or mg/mmol is converted exactly. The journal volume and pages are not verified and are not given.",
  ],
});
