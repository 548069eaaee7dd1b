/**
 * Kidney Disease: Improving Global Outcomes (KDIGO) Glomerulonephritis Work
 * Group. KDIGO Clinical Practice Guideline for Glomerulonephritis, chapter 12:
 * lupus nephritis. Kidney Int Suppl 2012;2:221–232. doi:10.1038/kisup.2012.25
 *
 * Table 28, "Definitions of response to therapy in LN", as reproduced in the
 * response-criteria table of Parikh SV, Almaani S, Brodsky S, Rovin BH. Update on
 * lupus nephritis: core curriculum 2020. Am J Kidney Dis 2020;76:265–81
 * (doi:10.1053/j.ajkd.2019.10.017). Paraphrased from that reproduction:
 * complete response — UPCR falls to ≤ 0.5 g/g (≤ 50 mg/mmol) and serum creatinine
 * returns to the previous baseline; partial response — UPCR falls by > 50% and, if
 * proteinuria was nephrotic-range, also to < 3000 mg/g (< 300 mg/mmol), with serum
 * creatinine stabilised (±25%) or improved but not to normal; no response —
 * failure to reach CR or PR. The primary table was NOT read.
 *
 * @module
 */

import type { Expr } from "../ir/expr.js";
import { all, any, at, bind, change, cmp, q, ref, withReadingTypes } from "./build.js";
import { MAYO } from "./reference-values.js";
import { UPCR_CONVERSIONS, upcrConversionParameter } from "./upcr-conversion.js";

const T28 = "Table 28 (as reproduced by Parikh 2020)";
const UPCR = "UPCR";
const PARIKH_REF = "KDIGO 2012 Table 28 as reproduced by Parikh 2020 (AJKD 76:265–81)";

/** Mayo Clinic adult interval upper limits (women 1.04, men 1.35 mg/dL), as in kang2020. */

const scrAtOrBelowBaseline: Expr = cmp(
  "cr-scr-back-to-baseline",
  "serum creatinine in percent of the baseline (previous) value",
  change("percentOfBaseline", "serumCreatinine"),
  "<=",
  q(100, "%"),
  { section: T28, quote: "SCr returns to the previous baseline" },
);

const scrNormal: Expr = {
  op: "fact",
  id: "cr-scr-normal",
  label: "serum creatinine within the reference interval",
  fact: "serumCreatinineNormal",
  params: { defaultUpperLimit: MAYO },
  source: { section: T28, quote: "SCr returns to the previous baseline" },
};

/**
 * "If proteinuria was nephrotic-range": the level is not given. Any level from
 * 3000 to 6000 mg/g classifies every assessment the same (a > 50% fall from a
 * baseline at or below 6000 mg/g already ends below 3000 mg/g), so the table's own
 * target level is used and no interpretation parameter is needed.
 */
const baselineNephrotic = cmp(
  "pr-baseline-nephrotic",
  `${UPCR} at baseline (nephrotic range)`,
  at("upcr", "baseline"),
  ">=",
  q(3000, "mg/g"),
  { section: T28, quote: "if proteinuria was nephrotic-range" },
);

/**
 * KDIGO 2012 renal response (CR / PR / NR), Table 28 as reproduced by Parikh 2020
 * (secondary), with overall response (CR or PR) as end point.
 *
 * Interpretation parameters:
 * - `crUpcrOperator` — "falls to ≤ 0.5 g/g": `'<='` (default, as reproduced) or
 *   `'<'` (the primary may read "< 500 mg/g"; the operator is unverified).
 * - `crCreatinine` — "SCr returns to the previous baseline": `'at-or-below-baseline'`
 *   (default: current creatinine ≤ the input's baseline creatinine, which should
 *   be the pre-flare value) or `'normal'` (within the reference interval).
 *
 * @example
 * ```ts
 * import { classifyResponse, criteria } from 'lupus-renal-criteria';
 * const r = classifyResponse(criteria.kdigo2012, {
 *   baseline: { proteinuria: { value: 4000, unit: 'mg/g' }, serumCreatinine: { value: 1.0, unit: 'mg/dL' } },
 *   current: { proteinuria: { value: 0.5, unit: 'g/g' }, serumCreatinine: { value: 1.0, unit: 'mg/dL' } },
 * });
 * r.category; // 'CR' (≤ 0.5 g/g; creatinine back at baseline)
 * ```
 * @category Shipped definitions
 */
export const kdigo2012 = withReadingTypes({
  kind: "response",
  id: "kdigo2012",
  version: "1.1.0",
  title: "KDIGO 2012 renal response in lupus nephritis (Table 28, as reproduced)",
  citation: {
    short: "KDIGO 2012",
    authors: "Kidney Disease: Improving Global Outcomes (KDIGO) Glomerulonephritis Work Group",
    year: 2012,
    title: "KDIGO Clinical Practice Guideline for Glomerulonephritis. Chapter 12: Lupus nephritis",
    journal: "Kidney Int Suppl 2:221–232",
    doi: "10.1038/kisup.2012.25",
  },
  locator: { section: T28 },
  evidence: "secondary",
  proteinuriaMeasure: "upcr",
  conversions: UPCR_CONVERSIONS,
  parameters: {
    crUpcrOperator: {
      description:
        "The reproduction reads 'UPCR falls to ≤0.5 g/g (≤50 mg/mmol)'; the primary table may read '<500 mg/g'. The operator at exactly 0.5 g/g is unverified.",
      source: { section: T28, quote: "≤0.5 g/g (≤50 mg/mmol)" },
      default: "<=",
      readings: {
        "<=": {
          label: "UPCR ≤ 0.5 g/g",
          rationale: "Default: the operator of the only text read (Parikh 2020's reproduction).",
          bindings: { crUpcrCmp: "<=" },
        },
        "<": {
          label: "UPCR < 0.5 g/g",
          rationale:
            "The strict reading ('< 500 mg/g'), as in KDIGO 2021/2024's '< 0.5 g/g' and most trial definitions.",
          bindings: { crUpcrCmp: "<" },
        },
      },
    },
    crCreatinine: {
      description:
        "CR needs serum creatinine to 'return to previous baseline': the value before the flare, which is not the start-of-therapy value the proteinuria reduction is measured from. The library has one baseline per assessment.",
      source: { section: T28, quote: "SCr returns to the previous baseline" },
      default: "at-or-below-baseline",
      readings: {
        "at-or-below-baseline": {
          label: "current creatinine ≤ baseline creatinine",
          rationale:
            "Default: the clause as written, with the input's baseline serum creatinine standing for the previous baseline ('returns to' read as at or below it). Give the pre-flare creatinine in baseline.serumCreatinine when it is known; with the start-of-therapy value the clause is more lenient than the text.",
          bindings: { crCreatinineOk: scrAtOrBelowBaseline },
        },
        normal: {
          label: "creatinine within the reference interval",
          rationale:
            "When the previous baseline is unknown: most patients had a normal creatinine before the flare, so returning to it is read as returning into the laboratory's reference interval (input serumCreatinineUpperLimit; otherwise the Mayo Clinic adult limits, reported as an assumption). Too strict for a patient with pre-existing kidney disease.",
          bindings: { crCreatinineOk: scrNormal },
          evidence: "secondary",
          reference:
            "Mayo Clinic adult reference interval (women 0.59–1.04, men 0.74–1.35 mg/dL), as reported by secondary pages (clinical-definitions.md §0)",
        },
      },
    },
    upcrConversion: upcrConversionParameter(
      { section: T28, quote: "≤0.5 g/g (≤50 mg/mmol)" },
      "≤ 0.5 g/g (≤ 50 mg/mmol); < 3000 mg/g (< 300 mg/mmol)",
    ),
  },
  categories: [
    {
      name: "CR",
      label: "complete response",
      source: { section: T28, quote: "Complete response" },
      expr: all(
        "cr",
        "complete response",
        cmp("cr-upcr", UPCR, at("upcr", "current"), { bind: "crUpcrCmp" }, q(0.5, "g/g"), {
          section: T28,
          quote: "UPCR falls to ≤0.5 g/g (≤50 mg/mmol)",
        }),
        bind("crCreatinineOk"),
      ),
    },
    {
      name: "PR",
      label: "partial response",
      source: { section: T28, quote: "Partial response" },
      expr: all(
        "pr",
        "partial response",
        cmp(
          "pr-upcr-drop-50",
          `fall in ${UPCR} from baseline`,
          change("percentDecrease", "upcr"),
          ">",
          q(50, "%"),
          { section: T28, quote: "UPCR falls by >50%" },
        ),
        any(
          "pr-nephrotic-target",
          "if nephrotic-range at baseline, UPCR < 3000 mg/g",
          {
            op: "not",
            id: "pr-not-nephrotic",
            label: "baseline proteinuria not nephrotic-range",
            of: baselineNephrotic,
          },
          cmp("pr-upcr-below-3000", UPCR, at("upcr", "current"), "<", q(3000, "mg/g"), {
            section: T28,
            quote: "also to <3000 mg/g (<300 mg/mmol)",
          }),
        ),
        cmp(
          "pr-scr-stable",
          "rise in serum creatinine from baseline",
          change("percentIncrease", "serumCreatinine"),
          "<=",
          q(25, "%"),
          { section: T28, quote: "SCr stabilizes (±25%) or improves, though not to normal" },
        ),
      ),
    },
  ],
  noResponse: {
    label: "no response",
    source: { section: T28, quote: "fails to reach CR or PR" },
  },
  endpoints: [
    {
      name: "OR",
      label: "overall response (CR or PR)",
      source: { section: T28 },
      expr: any("or", "CR or PR", ref("CR"), ref("PR")),
    },
  ],
  gaps: [],
  notes: [
    `Evidence: secondary. Read only in ${PARIKH_REF}; the primary Table 28 was not read. The paired values (≤ 50 mg/mmol, < 300 mg/mmol) are the guideline's ÷10 convention; thresholds are kept in g/g and mg/g as reproduced, and a UPCR in mg/mmol is related to them by the parameter upcrConversion: 'printed' (default, the table's pairing: 50 mg/mmol is 0.5 g/g) or 'exact' (1 mg/mmol = 1/113.12 g/g: 50 mg/mmol is 0.442 g/g).`,
    "Baselines: the PR reduction is measured from the input's baseline proteinuria (the start of therapy); both creatinine clauses read the input's baseline serum creatinine. CR's 'previous baseline' is the pre-flare creatinine: give it in baseline.serumCreatinine when known (the library has no separate pre-flare input).",
    "'SCr stabilizes (±25%) or improves, though not to normal' is read as a rise of at most 25% from baseline; any fall (improvement) passes. 'Though not to normal' describes PR against CR and is not a condition.",
    "'Falls by >50%' is strict: a fall of exactly 50% is not PR.",
    "'If nephrotic-range, also to <3000 mg/g' is read as: baseline UPCR below 3000 mg/g, or current UPCR < 3000 mg/g. The nephrotic level is not given; any level between 3000 and 6000 mg/g (including the classical 3.5 g/day read as 3500 mg/g) gives the same category for every input, because a > 50% fall from at most 6000 mg/g already ends below 3000 mg/g.",
    "No time window is given in the table; each assessment is classified on its own.",
    "The table is written for UPCR; a 24-h urine protein is used only with allowProteinuriaSubstitution (reported).",
  ],
});
