/**
 * American College of Rheumatology ad hoc committee renal response criteria for
 * lupus nephritis trials (Arthritis Rheum 2006), as reproduced in the
 * response-criteria table of Parikh SV, Almaani S, Brodsky S, Rovin BH. Update on
 * lupus nephritis: core curriculum 2020. Am J Kidney Dis 2020;76:265–81.
 * doi:10.1053/j.ajkd.2019.10.017
 *
 * Paraphrased from that reproduction: complete response — UPCR < 0.2 g/g; normal
 * serum creatinine, or a 25% improvement in eGFR if it was abnormal at the flare;
 * inactive urine sediment. Partial response — UPCR 0.2–2 g/g; eGFR at baseline,
 * or improved by 25% if abnormal; inactive sediment. No response — proteinuria
 * unchanged or worse; eGFR falls by ≥ 25%; active sediment. The 2006 paper itself
 * was NOT read. This is not the ACR 2012 guideline.
 *
 * @module
 */

import type { Expr } from "../ir/expr.js";
import { all, any, at, bind, change, cmp, q, ref, withReadingTypes } from "./build.js";
import { creatinineReferenceParameter, sedimentCutoffParameter } from "./reference-values.js";

const TAB = "Parikh 2020, response-criteria table (ACR 2006)";
const UPCR = "UPCR";
const EGFR_UNIT = "mL/min/1.73m2";

const sedimentInactive = (id: string): Expr => ({
  op: "fact",
  id,
  label: "urine sediment inactive",
  fact: "urineSedimentNormal",
  params: { bind: "sedimentParams" },
  source: { section: TAB, quote: "inactive urinary sediment" },
});

const egfrFallBelow25 = (id: string): Expr =>
  cmp(id, "fall in eGFR from baseline", change("percentDecrease", "egfr"), "<", q(25, "%"), {
    section: TAB,
    quote: "NR: eGFR falls ≥25%",
  });

const egfrNoFall: Expr = cmp(
  "pr-egfr-no-fall",
  "fall in eGFR from baseline",
  change("percentDecrease", "egfr"),
  "<=",
  q(0, "%"),
  { section: TAB, quote: "eGFR at baseline" },
);

const egfrImproved25 = (id: string, quote: string): Expr =>
  cmp(id, "rise in eGFR from baseline", change("percentIncrease", "egfr"), ">=", q(25, "%"), {
    section: TAB,
    quote,
  });

const prEgfrLiteral: Expr = {
  op: "if",
  id: "pr-egfr-literal",
  label: "eGFR at baseline if it was normal; improved by 25% if it was abnormal",
  cond: cmp(
    "pr-egfr-normal-at-flare",
    "eGFR at baseline (the flare)",
    at("egfr", "baseline"),
    ">=",
    q(90, EGFR_UNIT),
    { section: TAB, quote: "if abnormal" },
  ),
  whenMet: egfrNoFall,
  whenNotMet: egfrImproved25("pr-egfr-improved-25", "or improved 25% if abnormal"),
};

const upcrBelowPrRange = cmp(
  "gap-upcr-below-pr",
  UPCR,
  at("upcr", "current"),
  { bind: "belowPrCmp" },
  q(0.2, "g/g"),
  { section: TAB, quote: "CR: UPCR <0.2 g/g; PR: UPCR 0.2–2 g/g" },
);

/**
 * ACR 2006 renal response criteria (CR / PR / NR) as reproduced by Parikh 2020
 * (secondary), with overall response (CR or PR) as end point.
 *
 * Interpretation parameters:
 * - `prUpcrBounds` — "UPCR 0.2–2 g/g": `'inclusive'` (default, 0.2 ≤ UPCR ≤ 2),
 *   `'lower-inclusive'` (0.2 ≤ UPCR < 2), `'exclusive'` (0.2 < UPCR < 2).
 * - `prKidneyFunction` — "eGFR at baseline or improved 25% if abnormal":
 *   `'stable-within-25'` (default: a fall of less than 25%, the complement of NR's
 *   "eGFR falls ≥25%"), `'no-fall'` (eGFR at or above baseline), `'literal'`
 *   (at or above baseline when the baseline eGFR was ≥ 90; a rise of ≥ 25% when it
 *   was below 90).
 * - `sedimentCutoff` — "inactive sediment": `'acr2012'` (default, ≤ 5 RBC and
 *   ≤ 5 WBC/hpf, no cellular casts) or `'strict'` (< 5/hpf).
 * - `creatinineReference` — "normal serum creatinine" when the input has no
 *   laboratory upper limit: `'mayo-clinic'` (default) or `'enzymatic-assay'`.
 *
 * The text leaves regions without a category (UPCR below 0.2 g/g with CR failing
 * on creatinine; UPCR above 2 g/g but improved; under the stricter kidney-function
 * readings, an eGFR fall of less than 25%); they are reported NR with a gap.
 *
 * @example
 * ```ts
 * import { classifyResponse, criteria } from 'lupus-renal-criteria';
 * const r = classifyResponse(criteria.acr2006, {
 *   patient: { sex: 'F' },
 *   baseline: { proteinuria: { value: 3.1, unit: 'g/g' }, egfr: { value: 88, unit: 'mL/min/1.73m2' } },
 *   current: { proteinuria: { value: 0.9, unit: 'g/g' }, egfr: { value: 84, unit: 'mL/min/1.73m2' },
 *              serumCreatinine: { value: 70, unit: 'umol/L' },
 *              urineSediment: { rbcPerHpf: 2, wbcPerHpf: 1, cellularCasts: false } },
 * });
 * r.category; // 'PR'
 * ```
 * @category Shipped definitions
 */
export const acr2006 = withReadingTypes({
  kind: "response",
  id: "acr2006",
  version: "1.1.1",
  title: "ACR 2006 renal response criteria (as reproduced by Parikh 2020)",
  citation: {
    short: "ACR 2006 (as reproduced by Parikh 2020)",
    authors: "Parikh SV, Almaani S, Brodsky S, Rovin BH",
    year: 2020,
    title:
      "Update on lupus nephritis: core curriculum 2020 (response-criteria table: American College of Rheumatology 2006 criteria)",
    journal: "Am J Kidney Dis 76(2):265–281",
    doi: "10.1053/j.ajkd.2019.10.017",
  },
  locator: { section: TAB },
  evidence: "secondary",
  proteinuriaMeasure: "upcr",
  parameters: {
    prUpcrBounds: {
      description:
        "PR requires 'UPCR 0.2–2 g/g' without operators; CR is 'UPCR <0.2 g/g', so whether 0.2 and 2 themselves are inside the PR range is not said.",
      source: { section: TAB, quote: "UPCR 0.2–2 g/g" },
      default: "inclusive",
      readings: {
        inclusive: {
          label: "0.2 ≤ UPCR ≤ 2 g/g",
          rationale:
            "Default: CR is '< 0.2', so 0.2 belongs to PR for the two to meet without a hole; a range 'to 2' read inclusively as in ordinary usage.",
          bindings: { prLowerCmp: ">=", prUpperCmp: "<=", belowPrCmp: "<", abovePrCmp: ">" },
        },
        "lower-inclusive": {
          label: "0.2 ≤ UPCR < 2 g/g",
          rationale: "Contiguous with CR at 0.2, strict at 2 (the half-open interval).",
          bindings: { prLowerCmp: ">=", prUpperCmp: "<", belowPrCmp: "<", abovePrCmp: ">=" },
        },
        exclusive: {
          label: "0.2 < UPCR < 2 g/g",
          rationale:
            "The range read strictly at both ends; leaves exactly 0.2 g/g without a category.",
          bindings: { prLowerCmp: ">", prUpperCmp: "<", belowPrCmp: "<=", abovePrCmp: ">=" },
        },
      },
    },
    prKidneyFunction: {
      description:
        "PR requires 'eGFR at baseline or improved 25% if abnormal'. 'At baseline' has no tolerance, and NR's 'eGFR falls ≥25%' leaves a fall of less than 25% outside both, unless 'at baseline' means stable within that band.",
      source: { section: TAB, quote: "eGFR at baseline or improved 25% if abnormal" },
      default: "stable-within-25",
      readings: {
        "stable-within-25": {
          label: "eGFR fell by less than 25%",
          rationale:
            "Default: 'at baseline' read as stable, with the tolerance the same table's NR wording implies ('eGFR falls ≥25%' is NR); makes PR and NR meet without a hole. An improving eGFR passes.",
          bindings: { prKidneyFunctionOk: egfrFallBelow25("pr-egfr-fall-below-25") },
        },
        "no-fall": {
          label: "eGFR at or above baseline",
          rationale:
            "'At baseline' read literally (no fall); 'or improved' then needs no number. Leaves a fall of 0–25% without a category.",
          bindings: { prKidneyFunctionOk: egfrNoFall },
        },
        literal: {
          label: "eGFR at or above baseline (baseline ≥ 90); rise ≥ 25% (baseline < 90)",
          rationale:
            "Both halves as written: a normal eGFR must stay at baseline, an abnormal one must improve by 25%; 'abnormal' taken as below 90 mL/min/1.73 m². The strictest reading.",
          bindings: { prKidneyFunctionOk: prEgfrLiteral },
          evidence: "unverified",
          reference:
            "'abnormal' eGFR read as below 90 mL/min/1.73 m²: no source read gives 90 that meaning (BLISS-LN's complete renal response prints 'or ≥ 90' as a threshold, Furie 2020 abstract)",
        },
      },
    },
    sedimentCutoff: sedimentCutoffParameter(
      { section: TAB, quote: "inactive urinary sediment" },
      "CR and PR require an inactive urinary sediment; the reproduction gives no counts.",
    ),
    creatinineReference: creatinineReferenceParameter(
      { section: TAB, quote: "normal SCr" },
      "CR accepts a 'normal SCr'.",
    ),
  },
  categories: [
    {
      name: "CR",
      label: "complete response",
      source: { section: TAB, quote: "CR" },
      expr: all(
        "cr",
        "complete response",
        cmp("cr-upcr", UPCR, at("upcr", "current"), "<", q(0.2, "g/g"), {
          section: TAB,
          quote: "UPCR <0.2 g/g",
        }),
        any(
          "cr-renal-function",
          "normal serum creatinine, or eGFR improved by 25%",
          {
            op: "fact",
            id: "cr-scr-normal",
            label: "serum creatinine",
            fact: "serumCreatinineNormal",
            params: { defaultUpperLimit: { bind: "creatinineUpperLimit" } },
            source: { section: TAB, quote: "normal SCr" },
          },
          egfrImproved25(
            "cr-egfr-improved-25",
            "or 25% improvement in eGFR if abnormal at the flare",
          ),
        ),
        sedimentInactive("cr-sediment"),
      ),
    },
    {
      name: "PR",
      label: "partial response",
      source: { section: TAB, quote: "PR" },
      expr: all(
        "pr",
        "partial response",
        cmp("pr-upcr-lower", UPCR, at("upcr", "current"), { bind: "prLowerCmp" }, q(0.2, "g/g"), {
          section: TAB,
          quote: "UPCR 0.2–2 g/g",
        }),
        cmp("pr-upcr-upper", UPCR, at("upcr", "current"), { bind: "prUpperCmp" }, q(2, "g/g"), {
          section: TAB,
          quote: "UPCR 0.2–2 g/g",
        }),
        bind("prKidneyFunctionOk"),
        sedimentInactive("pr-sediment"),
      ),
    },
  ],
  noResponse: {
    label: "no response",
    source: {
      section: TAB,
      quote: "proteinuria unchanged or worse; eGFR falls ≥25%; active sediment",
    },
  },
  endpoints: [
    {
      name: "OR",
      label: "overall response (CR or PR)",
      source: { section: TAB },
      expr: any("or", "CR or PR", ref("CR"), ref("PR")),
    },
  ],
  gaps: [
    {
      id: "below-pr-range-not-cr",
      description:
        "UPCR below the PR range (< 0.2 g/g; ≤ 0.2 g/g under the 'exclusive' reading, where exactly 0.2 is neither CR nor PR) with inactive sediment and an eGFR fall of less than 25%, yet not CR (for UPCR < 0.2: creatinine not normal and eGFR not improved by 25%): neither CR, PR nor the NR wording (proteinuria unchanged or worse; eGFR falls ≥ 25%; active sediment). The library reports NR.",
      reportedAs: "NR",
      when: all(
        "gap-below-pr",
        "below the PR range, inactive sediment, eGFR fall < 25%",
        upcrBelowPrRange,
        sedimentInactive("gap-below-sediment"),
        egfrFallBelow25("gap-below-egfr"),
      ),
      source: { section: TAB, quote: "CR: UPCR <0.2 g/g; PR: UPCR 0.2–2 g/g" },
    },
    {
      id: "improved-above-pr-range",
      description:
        "UPCR above the PR range (> 2 g/g) but lower than at baseline, with inactive sediment and an eGFR fall of less than 25%: not PR, and not NR's 'proteinuria unchanged or worse'. The library reports NR.",
      reportedAs: "NR",
      when: all(
        "gap-above-pr",
        "above the PR range but improved, inactive sediment, eGFR fall < 25%",
        cmp("gap-upcr-above-pr", UPCR, at("upcr", "current"), { bind: "abovePrCmp" }, q(2, "g/g"), {
          section: TAB,
          quote: "UPCR 0.2–2 g/g",
        }),
        cmp(
          "gap-upcr-improved",
          `fall in ${UPCR} from baseline`,
          change("percentDecrease", "upcr"),
          ">",
          q(0, "%"),
          { section: TAB, quote: "NR: proteinuria unchanged or worse" },
        ),
        sedimentInactive("gap-above-sediment"),
        egfrFallBelow25("gap-above-egfr"),
      ),
      source: { section: TAB, quote: "NR: proteinuria unchanged or worse" },
    },
    {
      id: "kidney-function-between-pr-and-nr",
      description:
        "Under the 'no-fall' and 'literal' readings of 'eGFR at baseline', an eGFR that fell by less than 25% (or an abnormal eGFR that rose by less than 25%) meets neither PR's kidney-function clause nor NR's 'eGFR falls ≥25%'. The library reports NR. Never met under the default reading.",
      reportedAs: "NR",
      when: all(
        "gap-kidney",
        "UPCR in the PR range, inactive sediment, kidney function between PR and NR",
        cmp(
          "gap-kidney-upcr-lower",
          UPCR,
          at("upcr", "current"),
          { bind: "prLowerCmp" },
          q(0.2, "g/g"),
          {
            section: TAB,
            quote: "UPCR 0.2–2 g/g",
          },
        ),
        cmp(
          "gap-kidney-upcr-upper",
          UPCR,
          at("upcr", "current"),
          { bind: "prUpperCmp" },
          q(2, "g/g"),
          {
            section: TAB,
            quote: "UPCR 0.2–2 g/g",
          },
        ),
        sedimentInactive("gap-kidney-sediment"),
        {
          op: "not",
          id: "gap-kidney-pr-not-met",
          label: "PR kidney-function clause not met",
          of: bind("prKidneyFunctionOk"),
        },
        egfrFallBelow25("gap-kidney-egfr"),
      ),
      source: {
        section: TAB,
        quote: "eGFR at baseline or improved 25% if abnormal; NR: eGFR falls ≥25%",
      },
    },
  ],
  notes: [
    "Evidence: secondary. Read only in Parikh 2020's reproduction; the primary (the ACR ad hoc committee's 2006 renal response criteria, Arthritis Rheum 2006) was not read and its exact wording, operators and any further conditions are unverified.",
    "Baseline is the flare (the assessment before treatment): 'abnormal at the flare' reads the baseline, and every change is measured from it.",
    "CR's 'normal SCr, or 25% improvement in eGFR if abnormal at the flare' is read as: current creatinine within the reference interval, or eGFR up by at least 25% from baseline (a patient whose creatinine was normal at the flare and rose out of range cannot have a 25% higher eGFR, so the 'if abnormal' condition needs no separate clause).",
    "Thresholds are kept in g/g as reproduced; a UPCR in mg/mmol or mg/g is converted exactly (1 mg/mmol = 1/113.12 g/g).",
    "Inactive sediment needs RBC and WBC counts and the absence of cellular casts (or the laboratory's verdict urineSediment.normal).",
    "No time window is given; each assessment is classified on its own.",
    "The table is written for UPCR; a 24-h urine protein is used only with allowProteinuriaSubstitution (reported).",
  ],
});
