/**
 * Rovin BH, Furie R, Latinis K, et al. Efficacy and safety of rituximab in patients
 * with active proliferative lupus nephritis: the Lupus Nephritis Assessment with
 * Rituximab study (LUNAR). Arthritis Rheum 2012;64:1215–26. doi:10.1002/art.34359
 *
 * The abstract (read) gives the primary end point: renal response status (complete,
 * partial, none) at week 52. The response definitions were read only in secondary
 * sources:
 * > CR: UPCR < 0.5 mg/mg, and normal serum creatinine or an increase in creatinine
 * >     < 15%, if normal at baseline — Gomez Mendez 2018 (CJASN), a LUNAR analysis;
 * > CR: serum Cr normal or ≤ 115% of baseline, inactive urinary sediment, and
 * >     PCR < 0.5 — Hindawi BMRI 2017, Table 1.
 * The partial response is from memory (unverified):
 * > PR: ≥ 50% fall in UPCR to < 1.0 (if baseline ≤ 3.0) or to ≤ 3.0 (if baseline
 * >     > 3.0), serum creatinine ≤ 115% of baseline, and RBC/hpf ≤ 50% above
 * >     baseline with no RBC casts.
 *
 * @module
 */

import type { Expr } from "../ir/expr.js";
import { all, any, at, bind, change, cmp, q, ref, withReadingTypes } from "./build.js";
import { creatinineReferenceParameter, sedimentCutoffParameter } from "./reference-values.js";

const ABS = "Abstract (primary end point)";
const CRDEF = "Complete response, as reproduced by secondary sources";
const PRDEF = "Partial response [unverified]";
const GOMEZ =
  "Gomez Mendez LM et al., CJASN 2018;13:1502–9, abstract (https://pmc.ncbi.nlm.nih.gov/articles/PMC6218830)";
const HINDAWI =
  "Hindawi BMRI 2017, Table 1 (https://www.hindawi.com/journals/bmri/2017/5312960/tab1)";
const UPCR = "UPCR";

const creatinineNormal = (quote: string): Expr => ({
  op: "fact",
  id: "cr-creatinine-normal",
  label: "serum creatinine",
  fact: "serumCreatinineNormal",
  params: { defaultUpperLimit: { bind: "creatinineUpperLimit" } },
  source: { section: CRDEF, quote },
});

/** Gomez Mendez: normal, or a rise < 15% (the "if normal at baseline" qualifier cannot be tested). */
const normalOrRiseBelow15: Expr = any(
  "cr-creatinine",
  "serum creatinine normal, or risen by less than 15%",
  creatinineNormal("normal serum creatinine"),
  cmp(
    "cr-scr-rise-below-15",
    "rise in serum creatinine from baseline",
    change("percentIncrease", "serumCreatinine"),
    "<",
    q(15, "%"),
    { section: CRDEF, quote: "or an increase in creatinine < 15%, if normal at baseline" },
  ),
);

/** Hindawi: normal, or at most 115% of baseline (no condition on the baseline). */
const normalOrAtMost115: Expr = any(
  "cr-creatinine",
  "serum creatinine normal, or at most 115% of baseline",
  creatinineNormal("Serum Cr normal"),
  cmp(
    "cr-scr-at-most-115pct",
    "serum creatinine in percent of baseline",
    change("percentOfBaseline", "serumCreatinine"),
    "<=",
    q(115, "%"),
    { section: CRDEF, quote: "or ≤ 115% of baseline" },
  ),
);

/**
 * LUNAR renal response (CR / PR / NR) at week 52, with overall response (CR or PR)
 * as end point.
 *
 * Interpretation parameters:
 * - `creatinineRule` — CR's creatinine clause, worded two ways:
 *   `'rise-below-15'` (default; normal, or a rise < 15%) or `'at-most-115pct'`
 *   (normal, or ≤ 115% of baseline).
 * - `sedimentCutoff` — CR's "inactive urinary sediment": `'acr2012'` (≤ 5/hpf,
 *   default) or `'strict'` (< 5/hpf).
 * - `creatinineReference` — default upper limit of normal serum creatinine:
 *   `'mayo-clinic'` (default) or `'enzymatic-assay'`.
 *
 * Evidence: `unverified` — CR is secondary, the PR definition is from memory.
 *
 * @example
 * ```ts
 * import { classifyResponse, criteria } from 'lupus-renal-criteria';
 * const r = classifyResponse(criteria.lunar2012, {
 *   patient: { sex: 'F' },
 *   baseline: { proteinuria: { value: 2.4, unit: 'mg/mg' }, serumCreatinine: { value: 70, unit: 'umol/L' } },
 *   current: { proteinuria: { value: 0.3, unit: 'mg/mg' }, serumCreatinine: { value: 75, unit: 'umol/L' },
 *              urineSediment: { rbcPerHpf: 2, wbcPerHpf: 1, cellularCasts: false } },
 * });
 * r.category; // 'CR'
 * ```
 * @category Shipped definitions
 */
export const lunar2012 = withReadingTypes({
  kind: "response",
  id: "lunar2012",
  version: "1.1.1",
  title: "LUNAR (rituximab) renal response, week 52",
  citation: {
    short: "LUNAR (Rovin 2012)",
    authors: "Rovin BH, Furie R, Latinis K, et al.",
    year: 2012,
    title:
      "Efficacy and safety of rituximab in patients with active proliferative lupus nephritis: the Lupus Nephritis Assessment with Rituximab study",
    journal: "Arthritis Rheum 64:1215–26",
    doi: "10.1002/art.34359",
  },
  locator: { section: ABS, quote: "The primary end point was renal response status at week 52" },
  evidence: "unverified",
  proteinuriaMeasure: "upcr",
  parameters: {
    creatinineRule: {
      description:
        "CR's creatinine clause is reproduced two ways: 'normal serum creatinine or an increase in creatinine < 15%, if normal at baseline' (strict, and conditional on a normal baseline) and 'serum Cr normal or ≤ 115% of baseline' (non-strict, unconditional). They differ at exactly +15%; the first also withholds the 15% allowance from a patient whose baseline creatinine was abnormal, which the library cannot test (see notes).",
      source: {
        section: CRDEF,
        quote: "normal serum creatinine or an increase in creatinine < 15%",
      },
      default: "rise-below-15",
      readings: {
        "rise-below-15": {
          label: "normal, or a rise < 15%",
          rationale:
            "Default: the wording of a LUNAR analysis by the trial's own investigators; strict at 15%, so it cannot overstate CR relative to the other reading.",
          bindings: { crCreatinine: normalOrRiseBelow15 },
          evidence: "secondary",
          reference: GOMEZ,
        },
        "at-most-115pct": {
          label: "normal, or ≤ 115% of baseline",
          rationale:
            "The review table's wording; inclusive at 115% and with no baseline condition.",
          bindings: { crCreatinine: normalOrAtMost115 },
          evidence: "secondary",
          reference: HINDAWI,
        },
      },
    },
    sedimentCutoff: sedimentCutoffParameter(
      { section: CRDEF, quote: "inactive urinary sediment" },
      "CR requires 'inactive urinary sediment' without counts in the sources read.",
    ),
    creatinineReference: creatinineReferenceParameter(
      { section: CRDEF, quote: "normal serum creatinine" },
      "CR accepts a 'normal serum creatinine'.",
    ),
  },
  categories: [
    {
      name: "CR",
      label: "complete response",
      source: { section: CRDEF },
      expr: all(
        "cr",
        "complete response",
        cmp("cr-upcr", UPCR, at("upcr", "current"), "<", q(0.5, "mg/mg"), {
          section: CRDEF,
          quote: "urine protein-to-creatinine ratio < 0.5 mg/mg",
        }),
        bind("crCreatinine"),
        {
          op: "fact",
          id: "cr-sediment",
          label: "urine sediment inactive",
          fact: "urineSedimentNormal",
          params: { bind: "sedimentParams" },
          source: { section: CRDEF, quote: "inactive urinary sediment" },
        },
      ),
    },
    {
      name: "PR",
      label: "partial response",
      source: { section: PRDEF },
      expr: all(
        "pr",
        "partial response",
        cmp(
          "pr-upcr-fall-50",
          `decrease in ${UPCR} from baseline`,
          change("percentDecrease", "upcr"),
          ">=",
          q(50, "%"),
          { section: PRDEF, quote: "[U] ≥ 50% fall in UPCR" },
        ),
        {
          op: "if",
          id: "pr-upcr-target",
          label: "UPCR target set by the baseline level",
          cond: cmp(
            "pr-baseline-above-3",
            `baseline ${UPCR}`,
            at("upcr", "baseline"),
            ">",
            q(3, "mg/mg"),
            {
              section: PRDEF,
              quote: "[U] if baseline > 3.0",
            },
          ),
          whenMet: cmp("pr-upcr-at-most-3", UPCR, at("upcr", "current"), "<=", q(3, "mg/mg"), {
            section: PRDEF,
            quote: "[U] to ≤ 3.0 (if baseline > 3.0)",
          }),
          whenNotMet: cmp("pr-upcr-below-1", UPCR, at("upcr", "current"), "<", q(1, "mg/mg"), {
            section: PRDEF,
            quote: "[U] to < 1.0 (if baseline ≤ 3.0)",
          }),
        },
        cmp(
          "pr-scr-at-most-115pct",
          "serum creatinine in percent of baseline",
          change("percentOfBaseline", "serumCreatinine"),
          "<=",
          q(115, "%"),
          { section: PRDEF, quote: "[U] SCr ≤ 115% of baseline" },
        ),
        cmp(
          "pr-rbc-rise-at-most-50",
          "rise in urine RBC/hpf from baseline",
          change("percentIncrease", "urineRbc"),
          "<=",
          q(50, "%"),
          { section: PRDEF, quote: "[U] RBC/hpf ≤ 50% above baseline" },
        ),
        {
          op: "fact",
          id: "pr-no-casts",
          label: "no cellular (RBC) casts",
          fact: "observation",
          params: { name: "cellularCasts", is: false },
          source: { section: PRDEF, quote: "[U] no RBC casts" },
        },
      ),
    },
  ],
  noResponse: {
    label: "no response",
    source: { section: ABS, quote: "renal response status at week 52" },
  },
  endpoints: [
    {
      name: "overallResponse",
      label: "overall (complete or partial) renal response",
      source: { section: ABS, quote: "The overall (complete and partial) renal response rates" },
      expr: any("overall-response", "CR or PR", ref("CR"), ref("PR")),
    },
  ],
  gaps: [],
  schedule: {
    timepoints: [{ label: "week 52", day: 364, windowDays: 28 }],
    source: { section: ABS, quote: "renal response status at week 52" },
    note: "The abstract gives no visit window; the library uses ±28 days (4 weeks), a parameter of every time-point function. Gomez Mendez 2018 assessed complete response at week 78 (pass that time point explicitly).",
  },
  notes: [
    "Evidence is 'unverified', the weakest level of the numbers used: the CR numbers (UPCR < 0.5 mg/mg, the 15% / 115% creatinine allowance) are secondary ([V2]); the whole PR definition (≥ 50% fall, < 1.0 / ≤ 3.0 by baseline, ≤ 115% creatinine, RBC ≤ 50% above baseline, no RBC casts) is unverified ([U]).",
    "Baseline is study entry (randomisation); the primary end point is response status at week 52.",
    "'An increase in creatinine < 15%, if normal at baseline' (default reading): the library cannot test whether the BASELINE creatinine was normal (the normal-creatinine fact reads the current value only), so a patient whose baseline and current creatinine are both above normal but who rose by < 15% meets this clause here, though the conditional wording would deny it. Use the 'at-most-115pct' reading, or check the baseline by hand, for such patients.",
    "PR's 'no RBC casts' reads the input's cellularCasts (any RBC or WBC cast): a patient with WBC casts only fails PR here.",
    "PR's 'RBC/hpf ≤ 50% above baseline' is a relative change: with a baseline of 0 RBC/hpf it is undefined and the clause is unknown.",
    "CR's 'inactive urinary sediment' has no counts in the sources read; the sediment parameter supplies them.",
    "Thresholds are in mg/mg as printed; a UPCR in g/g, mg/g or mg/mmol is converted exactly.",
  ],
});
