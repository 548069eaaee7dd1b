/**
 * Zhang S, Chen Y, Chen X, et al. Treatment of refractory lupus nephritis using
 * leflunomide: a prospective study. Front Immunol 2023;14:1133183.
 * doi:10.3389/fimmu.2023.1133183
 *
 * §2.4 Response criteria, as printed:
 * > A) CR defined as improved or stabilized kidney function (a sCr change within ±25%
 * > of the baseline) and a 24h UP quantity < 0.5–0.7 g per day; B) PR defined as a
 * > markedly improvement in 24-hour UP quantity (more than a 50% decrease to < 3 g per
 * > day if the baseline 24hUP was > 3.5 g per day or to ≤ 1 g per day if the baseline
 * > urine protein did not reach the nephrotic syndrome level), serum albumin ≥ 30 g/L,
 * > and stable or improved kidney function (sCr change was within ±25% of baseline
 * > value); C) No response (NR), defined as patients without CR or PR.
 * > The percentage of more than a 25% decrease in 24-hour urine protein quantity was
 * > calculated as the secondary endpoint. Patients with CR or PR were considered to
 * > have an overall response (OR) to therapy.
 *
 * @module
 */

import type { ExclusionParams, Expr } from "../ir/expr.js";
import type { Citation, EligibilityCriteria } from "../ir/types.js";
import { all, any, at, bind, change, cmp, q, ref, withReadingTypes } from "./build.js";
import {
  failedTwoStandardRegimens,
  monthsParameter,
  relapseAfterResponseParameter,
  standardOfCareReadings,
} from "./refractory-common.js";

const S24 = "§2.4 Response criteria";

/** @internal */
export const ZHANG2023_CITATION: Citation = {
  short: "Zhang 2023",
  authors: "Zhang S, Chen Y, Chen X, Zhao Y, Zeng X, Zhang F, Wang L, Li M",
  year: 2023,
  title: "Treatment of refractory lupus nephritis using leflunomide: a prospective study",
  journal: "Front Immunol 14:1133183",
  doi: "10.3389/fimmu.2023.1133183",
};

const UP = "24-h urine protein";

const creatinineWithin25Symmetric = cmp(
  "scr-within-25",
  "change in serum creatinine from baseline (either direction)",
  change("absPercentChange", "serumCreatinine"),
  "<=",
  q(25, "%"),
  { section: S24, quote: "a sCr change within ±25% of the baseline" },
);

const creatinineRiseAtMost25 = cmp(
  "scr-rise-at-most-25",
  "rise in serum creatinine from baseline",
  change("percentIncrease", "serumCreatinine"),
  "<=",
  q(25, "%"),
  { section: S24, quote: "improved or stabilized kidney function (a sCr change within ±25%…)" },
);

/**
 * Zhang 2023 renal response (CR / PR / NR) for refractory lupus nephritis, with the
 * secondary end point (more than a 25% decrease in 24-h urine protein) and overall
 * response (CR or PR).
 *
 * Interpretation parameters:
 * - `crProteinuriaCutoff` — "< 0.5–0.7 g per day": `'0.5'` (default) or `'0.7'`.
 * - `creatinineBand` — "improved or stabilized kidney function (a sCr change within
 *   ±25% of the baseline)": `'stable-or-improved'` (default: only a rise of more than
 *   25% fails; any fall is an improvement) or `'symmetric'` (|change| ≤ 25%).
 * - `nephroticBaseline` — the PR target is set by a baseline "> 3.5 g per day"
 *   (§2.4) that the paper's own Table 2 prints as "24hUP ≥ 3.5 g/d": `'>3.5'`
 *   (default, §2.4) or `'>=3.5'` (Table 2). Only a baseline of exactly 3.5 g/day differs.
 *
 * @example
 * ```ts
 * import { classifyResponse, criteria } from 'lupus-renal-criteria';
 * const r = classifyResponse(criteria.zhang2023, {
 *   baseline: { proteinuria: { value: 4.1, unit: 'g/24h' }, serumCreatinine: { value: 56, unit: 'umol/L' } },
 *   current: { proteinuria: { value: 0.4, unit: 'g/24h' }, serumCreatinine: { value: 60, unit: 'umol/L' },
 *              serumAlbumin: { value: 38, unit: 'g/L' } },
 * });
 * r.category; // 'CR'
 * // Creatinine improving by more than 25% (100 → 70 µmol/L) is "improved kidney function":
 * classifyResponse(criteria.zhang2023, {
 *   baseline: { proteinuria: { value: 4.0, unit: 'g/24h' }, serumCreatinine: { value: 100, unit: 'umol/L' } },
 *   current: { proteinuria: { value: 0.4, unit: 'g/24h' }, serumCreatinine: { value: 70, unit: 'umol/L' },
 *              serumAlbumin: { value: 38, unit: 'g/L' } },
 * }).category; // 'CR' (NR under creatinineBand 'symmetric')
 * ```
 * @category Shipped definitions
 */
export const zhang2023 = withReadingTypes({
  kind: "response",
  id: "zhang2023",
  version: "1.1.0",
  title: "Zhang 2023 renal response (leflunomide in refractory LN)",
  citation: ZHANG2023_CITATION,
  locator: { section: S24 },
  evidence: "verified",
  proteinuriaMeasure: "proteinuria24h",
  parameters: {
    crProteinuriaCutoff: {
      description:
        "CR requires 'a 24h UP quantity < 0.5–0.7 g per day': a range, not one threshold (the range is EULAR 2019's treatment target).",
      source: { section: S24, quote: "a 24h UP quantity < 0.5–0.7 g per day" },
      default: "0.5",
      readings: {
        "0.5": {
          label: "< 0.5 g/day",
          rationale:
            "Default: the stricter end of the printed range, the conventional CR cut-off (EULAR/ERA-EDTA 2012, KDIGO); it cannot overstate CR.",
          bindings: { crProteinuriaThreshold: q(0.5, "g/24h") },
        },
        "0.7": {
          label: "< 0.7 g/day",
          rationale: "The lenient end of the printed range.",
          bindings: { crProteinuriaThreshold: q(0.7, "g/24h") },
        },
      },
    },
    creatinineBand: {
      description:
        "CR requires 'improved or stabilized kidney function (a sCr change within ±25% of the baseline)' and PR 'stable or improved kidney function (sCr change was within ±25% of baseline value)'. The words accept improvement; the parenthesis gives a band for the change. Read with the words, any fall in creatinine (improvement) passes and only a rise of more than 25% fails; read as the parenthesis alone, a fall of more than 25% is also outside the band.",
      source: {
        section: S24,
        quote: "improved or stabilized kidney function (a sCr change within ±25% of the baseline)",
      },
      default: "stable-or-improved",
      readings: {
        "stable-or-improved": {
          label: "rise of at most 25% (any fall passes)",
          rationale:
            "Default: both sentences name two states, 'improved' and 'stabilized' ('stable or improved' for PR); the ±25% band says what 'stabilized' allows, and a creatinine that falls by more than 25% is improved kidney function, which both sentences accept. The same construct is read this way in kdigo2012 ('SCr stabilizes (±25%) or improves'), alms2009 ('stabilization (±25%) or improvement'), kdigo2024 ('stabilization or improvement in kidney function (±10–15% of baseline)') and eular2019 (default). Under 'symmetric' a patient whose proteinuria falls from 4.0 to 0.4 g/day while creatinine improves from 100 to 70 µmol/L would be NR.",
          bindings: { kidneyFunctionStable: creatinineRiseAtMost25 },
        },
        symmetric: {
          label: "within ±25% (the parenthesis alone)",
          rationale:
            "The parenthesis taken as the whole definition: |change| ≤ 25% ('within' read as inclusive), so a fall of more than 25% also fails.",
          bindings: { kidneyFunctionStable: creatinineWithin25Symmetric },
        },
      },
    },
    nephroticBaseline: {
      description:
        "PR's target is set by the baseline level: '> 3.5 g per day' in §2.4, but the paper's own Table 2 splits patients by '24hUP ≥ 3.5 g/d'. A baseline of exactly 3.5 g/day is nephrotic under one and not under the other (target < 3 g/day versus ≤ 1 g/day).",
      source: { section: S24, quote: "if the baseline 24hUP was > 3.5 g per day" },
      default: ">3.5",
      readings: {
        ">3.5": {
          label: "nephrotic baseline > 3.5 g/day (§2.4)",
          rationale:
            "Default: §2.4 is the response definition itself and prints '> 3.5 g per day'; its complement, 'did not reach the nephrotic syndrome level', is then ≤ 3.5 g/day, the classical nephrotic-range level (> 3.5 g/day). Table 2 is a descriptive split of baseline characteristics, not the response rule.",
          bindings: { nephroticCmp: ">" },
        },
        ">=3.5": {
          label: "nephrotic baseline ≥ 3.5 g/day (Table 2)",
          rationale: "The operator the paper prints in its own Table 2 ('24hUP ≥ 3.5 g/d').",
          bindings: { nephroticCmp: ">=" },
        },
      },
    },
  },
  categories: [
    {
      name: "CR",
      label: "complete response",
      source: { section: S24, quote: "A) CR defined as …" },
      expr: all(
        "cr",
        "complete response",
        bind("kidneyFunctionStable"),
        cmp(
          "cr-up",
          UP,
          at("proteinuria24h", "current"),
          "<",
          { bind: "crProteinuriaThreshold" },
          {
            section: S24,
            quote: "a 24h UP quantity < 0.5–0.7 g per day",
          },
        ),
      ),
    },
    {
      name: "PR",
      label: "partial response",
      source: { section: S24, quote: "B) PR defined as …" },
      expr: all(
        "pr",
        "partial response",
        cmp(
          "pr-up-drop-50",
          `decrease in ${UP} from baseline`,
          change("percentDecrease", "proteinuria24h"),
          ">",
          q(50, "%"),
          { section: S24, quote: "more than a 50% decrease" },
        ),
        {
          op: "if",
          id: "pr-up-target",
          label: "24-h urine protein target set by the baseline level",
          cond: cmp(
            "pr-baseline-nephrotic",
            `baseline ${UP}`,
            at("proteinuria24h", "baseline"),
            { bind: "nephroticCmp" },
            q(3.5, "g/24h"),
            {
              section: S24,
              quote: "if the baseline 24hUP was > 3.5 g per day",
            },
          ),
          whenMet: cmp("pr-up-below-3", UP, at("proteinuria24h", "current"), "<", q(3, "g/24h"), {
            section: S24,
            quote: "to < 3 g per day",
          }),
          whenNotMet: cmp(
            "pr-up-at-most-1",
            UP,
            at("proteinuria24h", "current"),
            "<=",
            q(1, "g/24h"),
            {
              section: S24,
              quote:
                "or to ≤ 1 g per day if the baseline urine protein did not reach the nephrotic syndrome level",
            },
          ),
        },
        cmp("pr-albumin", "serum albumin", at("serumAlbumin", "current"), ">=", q(30, "g/L"), {
          section: S24,
          quote: "serum albumin ≥ 30 g/L",
        }),
        bind("kidneyFunctionStable"),
      ),
    },
  ],
  noResponse: {
    label: "no response",
    source: { section: S24, quote: "C) No response (NR), defined as patients without CR or PR" },
  },
  endpoints: [
    {
      name: "OR",
      label: "overall response",
      source: {
        section: S24,
        quote: "Patients with CR or PR were considered to have an overall response (OR)",
      },
      expr: any("or", "CR or PR", ref("CR"), ref("PR")),
    },
    {
      name: "UP25",
      label: "more than a 25% decrease in 24-h urine protein (secondary end point)",
      source: { section: S24, quote: "more than a 25% decrease in 24-hour urine protein quantity" },
      expr: cmp(
        "up-drop-25",
        `decrease in ${UP} from baseline`,
        change("percentDecrease", "proteinuria24h"),
        ">",
        q(25, "%"),
        { section: S24, quote: "more than a 25% decrease in 24-hour urine protein quantity" },
      ),
    },
  ],
  gaps: [],
  schedule: {
    timepoints: [
      { label: "month 3", day: 91, windowDays: 30 },
      { label: "month 6", day: 183, windowDays: 30 },
      { label: "month 12", day: 365, windowDays: 45 },
      { label: "month 24", day: 731, windowDays: 45 },
    ],
    source: {
      section: "§2.2, §3.2",
      quote: "an average follow-up period of 3, 6, and 12 months … as long as 24 months",
    },
    note: "A month is 30.4375 days (365.25 / 12), rounded to the nearest day. The paper gives no visit windows; the library uses ±30 days at months 3 and 6 and ±45 days at months 12 and 24 (half the gap to the neighbouring time point, at most), a parameter of every time-point function.",
  },
  notes: [
    "Baseline is the value at enrolment (start of leflunomide); the paper judges response at 3, 6, 12 and 24 months.",
    "'Did not reach the nephrotic syndrome level' is read as the complement of the nephrotic baseline: ≤ 3.5 g/day under the default nephroticBaseline '>3.5' (§2.4), < 3.5 g/day under '>=3.5' (Table 2's '24hUP ≥ 3.5 g/d').",
    "Kidney function (creatinineBand): 'improved or stabilized (a sCr change within ±25% of the baseline)' is read by default as a rise of at most 25%, any fall passing, as the library reads the same construct in kdigo2012, alms2009, kdigo2024 and eular2019; 'symmetric' keeps the parenthesis alone as a reading. Before version 1.1.0 the default was 'symmetric'.",
    "The paper measured 24-h urine protein; a spot UPCR is not accepted unless allowProteinuriaSubstitution is set.",
  ],
});

const S21 = "§2.1 Participants";

const exclusion = (
  condition: ExclusionParams["condition"],
  label: string,
  quote: string,
): Expr => ({
  op: "fact",
  id: `no-${condition}`,
  label,
  fact: "exclusionAbsent",
  params: { condition },
  source: { section: S21, quote },
});

/**
 * Zhang 2023 refractory-LN eligibility (§2.1): "proteinuria and/or estimated
 * glomerular filtration rate (eGFR) not improved or worsened for 4–6 months [after]
 * two different induction regimens according to standards of care, based on the
 * KDIGO and EULAR/ERA-EDTA guidelines", and none of the exclusions (non-adherence,
 * history of malignancy, severe allergy, severe hepatic insufficiency, pregnancy,
 * lactation, childbearing intention).
 *
 * Interpretation parameters:
 * - `standardOfCare` — which induction regimens are "standards of care":
 *   `'with-cni'` (default: the EULAR/ERA-EDTA 2019 update the paper cites names
 *   the MMF + tacrolimus combination as an induction regimen), `'cyc-mmf'`,
 *   `'with-biologics'`.
 * - `assessmentMonths` — "for 4–6 months": `'6'` (default) or `'4'`.
 * - `relapseAfterResponse` — whether a regimen that reached CR or PR and then
 *   relapsed is one that "not improved or worsened": `'not-counted'` (default) or
 *   `'counted'`.
 *
 * @example
 * ```ts
 * import { assessEligibility, eligibility } from 'lupus-renal-criteria';
 * // Zhang 2023, Table 1, patient 13: previous agents "CTX, MTX" — only one standard-of-care regimen.
 * const r = assessEligibility(eligibility.zhang2023Refractory, {
 *   id: 'zhang2023-13',
 *   treatmentHistory: { ordered: false, courses: [
 *     { agents: ['cyclophosphamide'], mode: 'single', bestResponse: 'unknown' },
 *     { agents: ['methotrexate'], mode: 'single', bestResponse: 'unknown' },
 *   ] },
 * });
 * r.status; // 'ineligible'
 * ```
 * @category Shipped definitions
 */
export const zhang2023Refractory: EligibilityCriteria = {
  kind: "eligibility",
  id: "zhang2023Refractory",
  version: "1.1.1",
  title: "Zhang 2023 refractory lupus nephritis (eligibility)",
  citation: ZHANG2023_CITATION,
  locator: { section: S21 },
  evidence: "verified",
  parameters: {
    standardOfCare: {
      description:
        "'Two different induction regimens according to standards of care, based on the KDIGO and EULAR/ERA-EDTA guidelines' does not list the regimens.",
      source: {
        section: S21,
        quote: "two different induction regimens according to standards of care",
      },
      default: "with-cni",
      readings: standardOfCareReadings,
    },
    relapseAfterResponse: relapseAfterResponseParameter(
      "'Not improved or worsened' after a regimen: whether a regimen that reached CR or PR and later relapsed (or lost its response) is such a regimen is not said.",
      {
        section: S21,
        quote: "not improved or worsened for 4–6 months two different induction regimens",
      },
      "Default: the sentence judges the regimen by the change it brought over 4–6 months ('not improved or worsened'); a regimen under which proteinuria reached CR or PR did improve it, and a later loss of that response is a relapse, which the sentence does not name (Kang 2020 names it: 'failure or relapse'). The Discussion speaks of ruling out 'late responses', i.e. of non-response.",
      "'Worsened' read as any worsening, including a relapse after an initial response.",
    ),
    assessmentMonths: monthsParameter(
      "'Not improved or worsened for 4–6 months': a range, not one duration.",
      { section: S21, quote: "not improved or worsened for 4–6 months" },
      [
        {
          months: 6,
          label: "at least 6 months without improvement",
          rationale: "Default: the upper end of the range cannot overstate refractoriness.",
        },
        {
          months: 4,
          label: "at least 4 months without improvement",
          rationale: "The lower end of the printed range.",
        },
      ],
    ),
  },
  rule: {
    name: "refractory",
    label: "refractory lupus nephritis (Zhang 2023)",
    source: { section: S21 },
    expr: all(
      "refractory",
      "eligible",
      failedTwoStandardRegimens(
        "failed-two-soc-regimens",
        "proteinuria and/or eGFR not improved after two different standard-of-care induction regimens",
        {
          section: S21,
          quote:
            "proteinuria and/or eGFR not improved or worsened for 4–6 months two different induction regimens",
        },
      ),
      exclusion(
        "nonAdherence",
        "adherent to the prescribed therapy",
        "Patients who did not adhere to the prescribed therapy",
      ),
      exclusion(
        "malignancyHistory",
        "no history of malignant disease",
        "any history of malignant diseases",
      ),
      exclusion("severeAllergy", "no severe allergic reaction", "severe allergy reaction"),
      exclusion(
        "severeHepaticInsufficiency",
        "no severe hepatic insufficiency",
        "severe hepatic insufficiency",
      ),
      exclusion("pregnancy", "not pregnant", "pregnancy status"),
      exclusion("lactation", "not lactating", "lactation status"),
      exclusion("childbearingIntention", "no childbearing intention", "childbearing intention"),
    ),
  },
  notes: [
    "The SLE diagnosis (SLICC 2012) is a separate inclusion criterion and is not evaluated here.",
    "standardOfCare default 'with-cni' (1.1.0; was 'cyc-mmf', justified by KDIGO 2012 / EULAR 2012, which the paper does not cite). §2.1 bases 'standards of care' on 'the KDIGO and EULAR/ERA-EDTA guidelines (7–9)': Arora & Rovin 2022, the EULAR/ERA-EDTA 2019 update (Ann Rheum Dis 2020) and KDIGO 2021. The 2019 update's abstract: 'initial (induction) treatment with mycophenolate mofetil … or low-dose intravenous cyclophosphamide … is recommended. MMF/CNI (especially tacrolimus) combination and high-dose CY are alternatives'. Table 1's enrolled patients 12 ('FK506, MMF') and 14 ('MTX, FK506, MMF') agree: under 'cyc-mmf' the paper's own rule would have excluded them. KDIGO 2021 and the Arora & Rovin full text were not read.",
    "relapseAfterResponse default 'not-counted' (1.1.0; before, every course that reached CR or PR and then relapsed counted as failed): 'not improved or worsened' describes a regimen that did not improve the disease, not one that improved it and later relapsed.",
    "Table 1 lists previous agents for all manifestations of SLE, without order or response: every course's response is unknown, so the failure clause can be at best unknown from the table.",
  ],
};
