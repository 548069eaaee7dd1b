/**
 * Fanouriakis A, Kostopoulou M, Cheema K, et al. 2019 Update of the Joint
 * European League Against Rheumatism and European Renal Association–European
 * Dialysis and Transplant Association (EULAR/ERA–EDTA) recommendations for the
 * management of lupus nephritis. Ann Rheum Dis 2020;79:713–23.
 * doi:10.1136/annrheumdis-2020-216924
 *
 * Abstract, as read: "The target of therapy is complete response (proteinuria
 * <0.5–0.7 g/24 hours with (near-)normal glomerular filtration rate) by 12
 * months, but this can be extended in patients with baseline nephrotic-range
 * proteinuria." The evidence review informing the update (Kostopoulou M, et al.
 * RMD Open 2020;6:e001263, abstract): "Treatment should aim for at least 25%
 * reduction in proteinuria at 3 months, 50% at 6 months and complete renal
 * response (<500–700 mg/day) at 12 months." A third-party transcription of the
 * full text gives complete renal remission as proteinuria < 500 mg/24 h and serum
 * creatinine within 10% of baseline.
 *
 * @module
 */
import type { Expr } from "../ir/expr.js";
import { all, any, at, bind, change, cmp, q, ref, withReadingTypes } from "./build.js";

const ABS = "Abstract (treatment target)";
const REVIEW = "Kostopoulou 2020 evidence review (RMD Open 6:e001263), abstract";
const FULL_V3 = "Full text, complete renal remission (third-party transcription)";
const UP = "24-h urine protein";
const EGFR_UNIT = "mL/min/1.73m2";
const V3_REF =
  "third-party transcription of the 2019 full text (clinical-definitions.md §2, [V3]); not read in the primary";

const scrRiseAtMost10: Expr = cmp(
  "scr-rise-at-most-10",
  "rise in serum creatinine from baseline",
  change("percentIncrease", "serumCreatinine"),
  "<=",
  q(10, "%"),
  { section: FULL_V3, quote: "serum creatinine within 10% of baseline" },
);

const scrWithin10Symmetric: Expr = cmp(
  "scr-within-10",
  "change in serum creatinine from baseline (either direction)",
  change("absPercentChange", "serumCreatinine"),
  "<=",
  q(10, "%"),
  { section: FULL_V3, quote: "serum creatinine within 10% of baseline" },
);

const egfrNearNormal2012: Expr = {
  op: "if",
  id: "gfr-near-normal-2012",
  label: "eGFR ≥ 90, or ≥ 81 (within 10% of normal) if below 90 at baseline",
  cond: cmp(
    "gfr-normal-before",
    "eGFR at baseline",
    at("egfr", "baseline"),
    ">=",
    q(90, EGFR_UNIT),
    { section: ABS, quote: "(near-)normal glomerular filtration rate" },
  ),
  whenMet: cmp("gfr-normal", "eGFR normal", at("egfr", "current"), ">=", q(90, EGFR_UNIT), {
    section: ABS,
    quote: "(near-)normal glomerular filtration rate",
  }),
  whenNotMet: cmp(
    "gfr-near-normal",
    "eGFR within 10% of normal",
    at("egfr", "current"),
    ">=",
    q(81, EGFR_UNIT),
    { section: ABS, quote: "(near-)normal glomerular filtration rate" },
  ),
};

const reduction = (id: string, pct: number, quote: string): Expr =>
  cmp(
    id,
    `reduction in ${UP} from baseline`,
    change("percentDecrease", "proteinuria24h"),
    ">=",
    q(pct, "%"),
    {
      section: REVIEW,
      quote,
    },
  );

const prReduction = reduction("pr-up-drop-50", 50, "50% at 6 months");

const prWithKidneyFunction: Expr = all(
  "pr",
  "partial renal response: 50% reduction with kidney function kept",
  prReduction,
  bind("kidneyFunctionOk"),
);

const prMilestoneOnly: Expr = all("pr", "partial renal response: 50% reduction", prReduction);

/**
 * EULAR/ERA-EDTA 2019 renal response, per assessment: CR is the treatment target
 * (proteinuria < 0.5–0.7 g/24 h with (near-)normal GFR); PR is the library's name
 * for the 6-month milestone (≥ 50% reduction in proteinuria) with kidney function
 * kept. End points: overall response (CR or PR) and the three milestones
 * (≥ 25% reduction, to be judged at month 3; ≥ 50% at month 6; CR at month 12).
 *
 * Interpretation parameters:
 * - `crProteinuriaCutoff` — "< 0.5–0.7 g/24 hours": `'0.5'` (default) or `'0.7'`.
 * - `kidneyFunction` — "(near-)normal GFR": `'scr-rise-at-most-10'` (default:
 *   serum creatinine at most 10% above baseline, a fall passes),
 *   `'scr-within-10'` (|change| ≤ 10%, as transcribed), `'egfr-near-normal'`
 *   (the 2012 rule: eGFR ≥ 90, or ≥ 81 if abnormal at baseline).
 * - `prKidneyFunction` — whether PR also needs kidney function kept:
 *   `'required'` (default) or `'not-required'` (the milestone alone).
 *
 * @example
 * ```ts
 * import { classifyResponse, criteria } from 'lupus-renal-criteria';
 * const r = classifyResponse(criteria.eular2019, {
 *   baseline: { proteinuria: { value: 3.2, unit: 'g/24h' }, serumCreatinine: { value: 80, unit: 'umol/L' } },
 *   current: { proteinuria: { value: 0.6, unit: 'g/24h' }, serumCreatinine: { value: 84, unit: 'umol/L' } },
 * });
 * r.category; // 'PR' (0.6 g/24 h is not < 0.5; CR under the '0.7' reading)
 * r.endpoints.milestone3m; // 'met' (81% reduction)
 * ```
 * @category Shipped definitions
 */
export const eular2019 = withReadingTypes({
  kind: "response",
  id: "eular2019",
  version: "1.0.1",
  title: "EULAR/ERA-EDTA 2019 update: lupus nephritis treatment target and milestones",
  citation: {
    short: "EULAR/ERA-EDTA 2019 (Fanouriakis 2020)",
    authors: "Fanouriakis A, Kostopoulou M, Cheema K, et al.",
    year: 2020,
    title:
      "2019 Update of the Joint European League Against Rheumatism and European Renal Association–European Dialysis and Transplant Association (EULAR/ERA–EDTA) recommendations for the management of lupus nephritis",
    journal: "Ann Rheum Dis 79:713–23",
    doi: "10.1136/annrheumdis-2020-216924",
  },
  locator: { section: ABS },
  evidence: "third-party",
  proteinuriaMeasure: "proteinuria24h",
  parameters: {
    crProteinuriaCutoff: {
      description: "The target is 'proteinuria <0.5–0.7 g/24 hours': a range, not one threshold.",
      source: { section: ABS, quote: "proteinuria <0.5–0.7 g/24 hours" },
      default: "0.5",
      readings: {
        "0.5": {
          label: "< 0.5 g/24 h",
          rationale:
            "Default: the stricter end of the range and the 2012 complete-response level; it cannot overstate CR.",
          bindings: { crProteinuriaThreshold: q(0.5, "g/24h") },
        },
        "0.7": {
          label: "< 0.7 g/24 h",
          rationale: "The lenient end of the printed range.",
          bindings: { crProteinuriaThreshold: q(0.7, "g/24h") },
        },
      },
    },
    kidneyFunction: {
      description:
        "The abstract says '(near-)normal glomerular filtration rate' without a number. A third-party transcription of the full text words it 'serum creatinine within 10% of baseline'; the 2012 recommendations said 'within 10% of normal GFR if previously abnormal'.",
      source: { section: ABS, quote: "with (near-)normal glomerular filtration rate" },
      default: "scr-rise-at-most-10",
      readings: {
        "scr-rise-at-most-10": {
          label: "serum creatinine at most 10% above baseline",
          rationale:
            "Default: the full text's own number (creatinine within 10% of baseline), read so that a fall in creatinine — an improving GFR, which the abstract's '(near-)normal GFR' welcomes — does not fail the clause.",
          bindings: { kidneyFunctionOk: scrRiseAtMost10 },
          evidence: "third-party",
          reference: V3_REF,
        },
        "scr-within-10": {
          label: "serum creatinine within ±10% of baseline",
          rationale:
            "The transcribed wording taken literally: a fall of more than 10% is also outside the band.",
          bindings: { kidneyFunctionOk: scrWithin10Symmetric },
          evidence: "third-party",
          reference: V3_REF,
        },
        "egfr-near-normal": {
          label: "eGFR ≥ 90, or ≥ 81 if below 90 at baseline",
          rationale:
            "The 2012 definition of (near-)normal GFR ('within 10% of normal GFR if previously abnormal'), which the 2019 abstract's wording echoes, with normal GFR taken as 90 mL/min/1.73 m².",
          bindings: { kidneyFunctionOk: egfrNearNormal2012 },
          evidence: "unverified",
          reference:
            "EULAR/ERA-EDTA 2012 Table 1 statement 3.2 (primary, verified) for the rule; but normal GFR = 90 mL/min/1.73 m² is not given by any source read (BLISS-LN prints 'or ≥ 90' as a threshold, not as normal GFR), so the reading is unverified",
        },
      },
    },
    prKidneyFunction: {
      description:
        "The 6-month milestone ('50% [reduction] at 6 months') is stated on proteinuria alone; whether a partial response also needs kidney function kept is not said in the text read.",
      source: { section: REVIEW, quote: "50% at 6 months" },
      default: "required",
      readings: {
        required: {
          label: "PR needs kidney function kept (as for CR)",
          rationale:
            "Default: every EULAR and KDIGO response level pairs the proteinuria target with stable or (near-)normal kidney function (EULAR 2012 PR: '≥50% reduction … and normal or near-normal renal function'); a halved proteinuria with a falling GFR is not called a response.",
          bindings: { partialResponse: prWithKidneyFunction },
        },
        "not-required": {
          label: "PR is the proteinuria milestone alone",
          rationale: "The milestone as printed: a ≥ 50% reduction in proteinuria.",
          bindings: { partialResponse: prMilestoneOnly },
        },
      },
    },
  },
  categories: [
    {
      name: "CR",
      label: "complete renal response (the treatment target)",
      source: { section: ABS, quote: "The target of therapy is complete response" },
      expr: all(
        "cr",
        "complete renal response",
        cmp(
          "cr-up",
          UP,
          at("proteinuria24h", "current"),
          "<",
          { bind: "crProteinuriaThreshold" },
          {
            section: ABS,
            quote: "proteinuria <0.5–0.7 g/24 hours",
          },
        ),
        bind("kidneyFunctionOk"),
      ),
    },
    {
      name: "PR",
      label: "partial renal response (the 6-month milestone reached)",
      source: { section: REVIEW, quote: "50% at 6 months" },
      expr: bind("partialResponse"),
    },
  ],
  noResponse: {
    label: "no renal response (neither CR nor the 50% reduction)",
    source: {
      section: ABS,
      quote: "In non-responding disease, switch of induction regimens or rituximab are recommended",
    },
  },
  endpoints: [
    {
      name: "OR",
      label: "overall renal response (CR or PR)",
      source: { section: ABS },
      expr: any("or", "CR or PR", ref("CR"), ref("PR")),
    },
    {
      name: "milestone3m",
      label:
        "3-month milestone: at least 25% reduction in proteinuria (judge at the month-3 assessment)",
      source: { section: REVIEW, quote: "at least 25% reduction in proteinuria at 3 months" },
      expr: reduction("m3-up-drop-25", 25, "at least 25% reduction in proteinuria at 3 months"),
    },
    {
      name: "milestone6m",
      label: "6-month milestone: 50% reduction in proteinuria (judge at the month-6 assessment)",
      source: { section: REVIEW, quote: "50% at 6 months" },
      expr: reduction("m6-up-drop-50", 50, "50% at 6 months"),
    },
    {
      name: "target12m",
      label: "12-month target: complete renal response (judge at the month-12 assessment)",
      source: { section: ABS, quote: "complete response … by 12 months" },
      expr: ref("CR"),
    },
  ],
  gaps: [],
  schedule: {
    timepoints: [
      { label: "month 3", day: 91, windowDays: 30 },
      { label: "month 6", day: 183, windowDays: 30 },
      { label: "month 12", day: 365, windowDays: 45 },
    ],
    source: {
      section: REVIEW,
      quote:
        "at least 25% reduction in proteinuria at 3 months, 50% at 6 months and complete renal response (<500–700 mg/day) at 12 months",
    },
    note: "A month is 30.4375 days (365.25 / 12), rounded to the nearest day. The recommendations give no visit windows; the library uses ±30 days at months 3 and 6 and ±45 days at month 12, a parameter of every time-point function.",
  },
  notes: [
    "Evidence: the proteinuria target (< 0.5–0.7 g/24 h, by 12 months) was read in the abstract and the milestones (≥ 25% at 3 months, 50% at 6 months) in the evidence review's abstract (verified); the default kidney-function clause (serum creatinine within 10% of baseline) comes from a third-party transcription of the full text, so the object is 'third-party'. The 'egfr-near-normal' reading is unverified (until 1.0.1 it was labelled verified): its rule is EULAR 2012's, but its number for normal GFR (90) is given that meaning by no source read.",
    "The milestones are end points, not categories: each assessment is classified on its own, and milestone3m / milestone6m / target12m are meaningful only at the month-3 / month-6 / month-12 assessment (see schedule). The 12-month target 'can be extended in patients with baseline nephrotic-range proteinuria'; the library does not move it.",
    "PR is the library's name for the 6-month milestone (≥ 50% reduction) with kidney function kept; the 2019 text read does not define a partial response in other words. '50%' is read as at least 50%, like the 3-month 'at least 25%'.",
    "Baseline is the assessment at the start of induction treatment; reductions are measured from it.",
    "The target is written for 24-h urine protein (g/24 h; the review writes mg/day); a spot UPCR is used only with allowProteinuriaSubstitution (reported).",
    "Non-response is not defined numerically in the abstract; NR is every assessment with neither CR nor PR.",
  ],
});
