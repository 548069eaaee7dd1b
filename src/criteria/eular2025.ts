/**
 * Fanouriakis A, et al. EULAR recommendations for the management of systemic
 * lupus erythematosus with kidney involvement: 2025 update. Ann Rheum Dis 2025.
 * doi:10.1016/j.ard.2025.09.007 (PMID 41107121).
 *
 * Abstract, as read (verified): the Task Force "agreed on 4 overarching
 * principles and 13 recommendations", which concern, among others, "targets of
 * therapy and treatment milestones". The numbers below were NOT read in the
 * primary text: they come from third-party transcriptions of the full text
 * (clinical-definitions.md §2, [V3]; and a public repository that marks them as
 * verbatim quotes). Recommendation 2: "a reduction in proteinuria of at least 25%
 * by 3 months (2b/C), 50% by 6 months (2a/B), and a UPCR target <700 mg/g by 12
 * months (1b/B)". Narrative: "the goals of 25% reduction by 3 months, 50% by 6
 * months (partial response)"; "Complete renal response should be defined as UPCR
 * <500 mg/g at any time point."; "stabilisation (if not improvement) of GFR to
 * ≥80% of baseline value is desirable within the first 3 months"; the 12-month
 * target moved from "the range of 500 to 700 mg" of 2019 to "<700 mg/g … for the
 * sake of simplification".
 *
 * @module
 */
import type { Expr } from "../ir/expr.js";
import { all, any, at, bind, change, cmp, q, ref, withReadingTypes } from "./build.js";

const REC2 = "Recommendation 2 (third-party transcription)";
const TEXT = "Targets of therapy, narrative (third-party transcription)";
const UPCR = "UPCR";
const V3_REF =
  "third-party transcriptions of the 2025 full text (clinical-definitions.md §2, [V3]); the primary text was not read";

const REC2_QUOTE =
  "a reduction in proteinuria of at least 25% by 3 months (2b/C), 50% by 6 months (2a/B), and a UPCR target <700 mg/g by 12 months (1b/B)";
const CR_QUOTE = "Complete renal response should be defined as UPCR <500 mg/g at any time point.";
const PR_QUOTE = "the goals of 25% reduction by 3 months, 50% by 6 months (partial response)";
const GFR_QUOTE =
  "stabilisation (if not improvement) of GFR to ≥80% of baseline value is desirable within the first 3 months";

const reduction = (id: string, pct: number, quote: string): Expr =>
  cmp(
    id,
    `reduction in ${UPCR} from baseline`,
    change("percentDecrease", "upcr"),
    ">=",
    q(pct, "%"),
    {
      section: REC2,
      quote,
    },
  );

const crUpcr = cmp("cr-upcr", UPCR, at("upcr", "current"), "<", q(500, "mg/g"), {
  section: TEXT,
  quote: CR_QUOTE,
});

const prReduction = reduction("pr-upcr-drop-50", 50, PR_QUOTE);

const egfrAtLeast80: Expr = cmp(
  "gfr-80-egfr",
  "eGFR in percent of baseline",
  change("percentOfBaseline", "egfr"),
  ">=",
  q(80, "%"),
  { section: TEXT, quote: GFR_QUOTE },
);

const scrAtMost125: Expr = cmp(
  "gfr-80-creatinine",
  "serum creatinine in percent of baseline (GFR ≥ 80% read as creatinine ≤ 125%)",
  change("percentOfBaseline", "serumCreatinine"),
  "<=",
  q(125, "%"),
  { section: TEXT, quote: GFR_QUOTE },
);

/**
 * EULAR 2025 kidney update, per assessment: CR is "UPCR < 500 mg/g at any time
 * point"; PR is the 6-month milestone's "50% [reduction] (partial response)".
 * End points: overall response (CR or PR), the 3-month milestone (≥ 25%
 * reduction), the 6-month milestone (≥ 50%), the 12-month target (UPCR < 700
 * mg/g) and the GFR rule (GFR ≥ 80% of baseline, desirable within 3 months).
 * Evidence: `third-party` (the numbers come from transcriptions of the full text;
 * only the abstract was read).
 *
 * Interpretation parameters:
 * - `responseKidneyFunction` — whether CR and PR also need GFR ≥ 80% of baseline:
 *   `'not-required'` (default: the definitions as printed) or `'required'`.
 * - `gfrMeasure` — what "GFR … ≥ 80% of baseline" is measured as: `'egfr'`
 *   (default: eGFR ≥ 80% of baseline) or `'creatinine'` (serum creatinine ≤ 125%
 *   of baseline, GFR taken as inversely proportional to creatinine).
 *
 * @example
 * ```ts
 * import { classifyResponse, criteria } from 'lupus-renal-criteria';
 * const r = classifyResponse(criteria.eular2025, {
 *   baseline: { proteinuria: { value: 2400, unit: 'mg/g' }, egfr: { value: 70, unit: 'mL/min/1.73m2' } },
 *   current: { proteinuria: { value: 650, unit: 'mg/g' }, egfr: { value: 72, unit: 'mL/min/1.73m2' } },
 * });
 * r.category; // 'PR' (73% reduction; 650 mg/g is not < 500)
 * r.endpoints.target12m; // 'met' (650 < 700 mg/g)
 * ```
 * @category Shipped definitions
 */
export const eular2025 = withReadingTypes({
  kind: "response",
  id: "eular2025",
  version: "1.0.0",
  title: "EULAR 2025 update (SLE with kidney involvement): response, milestones and targets",
  citation: {
    short: "EULAR 2025 (Fanouriakis 2025)",
    authors: "Fanouriakis A, et al.",
    year: 2025,
    title:
      "EULAR recommendations for the management of systemic lupus erythematosus with kidney involvement: 2025 update",
    journal: "Ann Rheum Dis",
    doi: "10.1016/j.ard.2025.09.007",
  },
  locator: { section: REC2 },
  evidence: "third-party",
  proteinuriaMeasure: "upcr",
  parameters: {
    responseKidneyFunction: {
      description:
        "CR is 'defined as UPCR <500 mg/g at any time point' and PR as the 6-month milestone ('50% by 6 months (partial response)'), both without a kidney-function condition; the update's only kidney-function number is the separate GFR rule ('stabilisation (if not improvement) of GFR to ≥80% of baseline value is desirable within the first 3 months'). Whether a response also needs that rule is not said.",
      source: { section: TEXT, quote: CR_QUOTE },
      default: "not-required",
      readings: {
        "not-required": {
          label: "CR and PR on proteinuria alone, as defined",
          rationale:
            "Default: the CR sentence is a definition ('should be defined as') and names UPCR only; the GFR rule is worded as a separate, 'desirable' 3-month milestone, so it is reported as its own end point (gfr3m) and does not change the category.",
          bindings: {
            completeResponse: all("cr", "complete renal response", crUpcr),
            partialResponse: all("pr", "partial renal response: 50% reduction", prReduction),
          },
          evidence: "third-party",
          reference: V3_REF,
        },
        required: {
          label: "CR and PR also need GFR ≥ 80% of baseline",
          rationale:
            "Every earlier EULAR response level pairs proteinuria with kidney function (2012: 'normal or near-normal renal function'; 2019: '(near-)normal GFR'); this reading adds the 2025 GFR rule to both, so that a halved proteinuria with a falling GFR is not called a response.",
          bindings: {
            completeResponse: all("cr", "complete renal response", crUpcr, bind("gfrOk")),
            partialResponse: all(
              "pr",
              "partial renal response: 50% reduction with GFR kept",
              prReduction,
              bind("gfrOk"),
            ),
          },
          evidence: "third-party",
          reference: V3_REF,
        },
      },
    },
    gfrMeasure: {
      description:
        "'GFR … ≥80% of baseline value' does not say how GFR is measured: an estimated GFR, or serum creatinine (measured GFR is rarely available).",
      source: { section: TEXT, quote: GFR_QUOTE },
      default: "egfr",
      readings: {
        egfr: {
          label: "eGFR at least 80% of baseline",
          rationale:
            "Default: the sentence names GFR, and the estimated GFR is the GFR of clinical practice (the library reads EULAR 2012's 'GFR' the same way); an improvement (above 100%) passes, as 'if not improvement' allows.",
          bindings: { gfrOk: egfrAtLeast80 },
          evidence: "third-party",
          reference: V3_REF,
        },
        creatinine: {
          label: "serum creatinine at most 125% of baseline",
          rationale:
            "For records with creatinine but no eGFR: GFR taken as inversely proportional to serum creatinine, so 80% of the baseline GFR is 1/0.8 = 125% of the baseline creatinine (an approximation: CKD-EPI eGFR falls slightly faster than 1/creatinine).",
          bindings: { gfrOk: scrAtMost125 },
          evidence: "third-party",
          reference: V3_REF,
        },
      },
    },
  },
  categories: [
    {
      name: "CR",
      label: "complete renal response (UPCR < 500 mg/g)",
      source: { section: TEXT, quote: CR_QUOTE },
      expr: bind("completeResponse"),
    },
    {
      name: "PR",
      label: "partial renal response (≥ 50% reduction in UPCR)",
      source: { section: TEXT, quote: PR_QUOTE },
      expr: bind("partialResponse"),
    },
  ],
  noResponse: {
    label: "no renal response (neither CR nor the 50% reduction)",
    source: { section: REC2, quote: REC2_QUOTE },
  },
  endpoints: [
    {
      name: "OR",
      label: "overall renal response (CR or PR)",
      source: { section: TEXT },
      expr: any("or", "CR or PR", ref("CR"), ref("PR")),
    },
    {
      name: "milestone3m",
      label:
        "3-month milestone: at least 25% reduction in proteinuria (judge at the month-3 assessment)",
      source: { section: REC2, quote: REC2_QUOTE },
      expr: reduction(
        "m3-upcr-drop-25",
        25,
        "a reduction in proteinuria of at least 25% by 3 months",
      ),
    },
    {
      name: "milestone6m",
      label: "6-month milestone: 50% reduction in proteinuria (judge at the month-6 assessment)",
      source: { section: REC2, quote: REC2_QUOTE },
      expr: reduction("m6-upcr-drop-50", 50, "50% by 6 months"),
    },
    {
      name: "target12m",
      label: "12-month target: UPCR < 700 mg/g (judge at the month-12 assessment)",
      source: { section: REC2, quote: REC2_QUOTE },
      expr: cmp("t12-upcr", UPCR, at("upcr", "current"), "<", q(700, "mg/g"), {
        section: REC2,
        quote: "a UPCR target <700 mg/g by 12 months",
      }),
    },
    {
      name: "gfr3m",
      label:
        "GFR rule: GFR at least 80% of baseline (desirable within the first 3 months; judge at the month-3 assessment)",
      source: { section: TEXT, quote: GFR_QUOTE },
      expr: bind("gfrOk"),
    },
  ],
  gaps: [
    {
      id: "target-met-not-responder",
      description:
        "UPCR below the 12-month target (< 700 mg/g) but neither CR (< 500 mg/g) nor PR (≥ 50% reduction; with the GFR rule under the 'required' reading): e.g. 1000 → 650 mg/g. The text calls < 700 mg/g at 12 months the target yet names no category for it; the library reports NR (the target12m end point is met) and flags the gap.",
      reportedAs: "NR",
      when: cmp("gap-upcr-below-700", UPCR, at("upcr", "current"), "<", q(700, "mg/g"), {
        section: REC2,
        quote: "a UPCR target <700 mg/g by 12 months",
      }),
      source: { section: REC2, quote: REC2_QUOTE },
    },
  ],
  schedule: {
    timepoints: [
      { label: "month 3", day: 91, windowDays: 30 },
      { label: "month 6", day: 183, windowDays: 30 },
      { label: "month 12", day: 365, windowDays: 45 },
    ],
    source: { section: REC2, quote: REC2_QUOTE },
    note: "A month is 30.4375 days (365.25 / 12), rounded to the nearest day. The recommendations give no visit windows; the library uses ±30 days at months 3 and 6 and ±45 days at month 12 (as for EULAR 2019), a parameter of every time-point function.",
  },
  notes: [
    "Evidence: third-party. The abstract (PubMed 41107121) was read and confirms that the update sets 'targets of therapy and treatment milestones'; every number of this object (< 500 mg/g, ≥ 25% / 50%, < 700 mg/g, ≥ 80% of baseline) comes from third-party transcriptions of the full text, which were not checked against the primary. The journal volume and pages (Ann Rheum Dis 2026;85:75–90) appear only in a third-party file and are not in the citation.",
    "'At any time point' (CR) is read per assessment: any assessment with UPCR < 500 mg/g is CR, whenever it falls, unlike the 12-month target, which is judged at month 12. The other reading — CR reached at least once by a time point — is a statement about a patient's course, not about one assessment; derive it from the per-assessment results (e.g. the timeline functions) rather than from this object.",
    "The milestones and the target are end points, not categories: milestone3m, milestone6m and target12m (and the GFR rule, gfr3m, 'desirable within the first 3 months') are meaningful only at the month-3 / month-6 / month-12 (month-3) assessment (see schedule). 'By 3 months' is read as the month-3 assessment.",
    "PR is the 6-month milestone ('50% by 6 months (partial response)'), read as at least 50% (the 25% milestone is worded 'at least'); no level to fall below is given. Reductions are measured from the baseline at the start of treatment.",
    "Units: the update states UPCR in mg/g; thresholds are kept in mg/g. A UPCR in g/g or mg/mg is converted by SI (500 mg/g = 0.5 g/g); one in mg/mmol exactly (1 mg/mmol = 8.84 mg/g), because the text as transcribed prints no mg/mmol pair (no upcrConversion parameter). A 24-h urine protein is used only with allowProteinuriaSubstitution (reported), although recommendation 1 equates '≥0.5 g/24 h or … UPCR ≥500 mg/g' for the biopsy indication.",
    "The GFR rule 'stabilisation (if not improvement) … to ≥80% of baseline' is inclusive (≥) and any improvement passes. It is not part of CR or PR under the default reading (see responseKidneyFunction); under 'required' it applies to both.",
    "Scope: the biopsy indication (recommendation 1: persistent proteinuria ≥ 0.5 g/24 h or UPCR ≥ 500 mg/g; 'persistent' not quantified), treatment choices, refractory disease and flares are not encoded. Whether the 12-month target can be extended for nephrotic-range baseline proteinuria (as in 2019) is not stated in the transcriptions read.",
    "Non-response is not defined in the text read; NR is every assessment with neither CR nor PR (with the gap target-met-not-responder flagged when UPCR is nevertheless below the 12-month target).",
  ],
});
