/**
 * Kang Y, Yan Q, Fu Q, et al. Iguratimod as an alternative induction therapy for
 * refractory lupus nephritis: a preliminary investigational study. Arthritis Res
 * Ther 2020. doi:10.1186/s13075-020-02154-7
 *
 * Methods, Outcomes, as printed:
 * > CR was defined as a 24 h urine protein < 300 mg, normal counts of urine blood
 * > cells or casts, and normal serum creatinine, whereas PR was defined as 24 h urine
 * > protein between 300 mg and 2000 mg with at least a 50% decrease from the
 * > baseline, serum albumin concentration over 30 g/L, and serum creatinine increase
 * > no more than 25%, as described in other studies [20, 21].
 *
 * @module
 */

import type { Citation, EligibilityCriteria, FlareCriteria } from "../ir/types.js";
import { all, any, at, change, cmp, q, ref, withReadingTypes } from "./build.js";
import { creatinineReferenceParameter, sedimentCutoffParameter } from "./reference-values.js";
import { UPCR_CONVERSIONS, upcrConversionParameter } from "./upcr-conversion.js";

const OUT = "Methods, Outcomes";
const UP = "24-h urine protein";

/** @internal */
export const KANG2020_CITATION: Citation = {
  short: "Kang 2020",
  authors: "Kang Y, Yan Q, Fu Q, Wang R, Dai M, Du F, Dai Q, Ye P, Wu C, Lu L, Bao C",
  year: 2020,
  title:
    "Iguratimod as an alternative induction therapy for refractory lupus nephritis: a preliminary investigational study",
  journal: "Arthritis Res Ther",
  doi: "10.1186/s13075-020-02154-7",
};

const prQuote = "24 h urine protein between 300 mg and 2000 mg";

/**
 * Kang 2020 renal response (CR / PR / NR) for refractory lupus nephritis treated
 * with iguratimod, judged at week 24, with renal response (CR or PR) as end point.
 *
 * Interpretation parameters:
 * - `prProteinuriaBounds` — "between 300 mg and 2000 mg": `'inclusive'` (default),
 *   `'exclusive'`, or `'lower-inclusive'`.
 * - `creatinineReference` — the "normal serum creatinine" used when the input has
 *   no laboratory upper limit: `'mayo-clinic'` (default) or `'enzymatic-assay'`.
 * - `sedimentCutoff` — "normal counts of urine blood cells": `'acr2012'` (≤ 5/hpf,
 *   default) or `'strict'` (< 5/hpf).
 *
 * The text leaves a region without a category: 24-h urine protein below 300 mg
 * while CR fails on sediment or creatinine. Such a patient is reported NR (the
 * paper's "neither CR nor PR") with the gap `below-pr-range-not-cr` flagged.
 *
 * @example
 * ```ts
 * import { classifyResponse, criteria } from 'lupus-renal-criteria';
 * const r = classifyResponse(criteria.kang2020, {
 *   patient: { sex: 'F', ageYears: 49 },
 *   baseline: { proteinuria: { value: 4.92, unit: 'g/24h' }, serumCreatinine: { value: 63, unit: 'umol/L' } },
 *   current: { proteinuria: { value: 0.47, unit: 'g/24h' }, serumCreatinine: { value: 63, unit: 'umol/L' },
 *              serumAlbumin: { value: 35, unit: 'g/L' } },
 * });
 * r.category; // 'PR'
 * ```
 * @category Shipped definitions
 */
export const kang2020 = withReadingTypes({
  kind: "response",
  id: "kang2020",
  version: "1.1.1",
  title: "Kang 2020 renal response (iguratimod in refractory LN)",
  citation: KANG2020_CITATION,
  locator: { section: OUT },
  evidence: "secondary",
  proteinuriaMeasure: "proteinuria24h",
  parameters: {
    prProteinuriaBounds: {
      description:
        "PR requires '24 h urine protein between 300 mg and 2000 mg'; the text does not say whether 300 mg and 2000 mg themselves are inside.",
      source: { section: OUT, quote: prQuote },
      default: "inclusive",
      readings: {
        inclusive: {
          label: "300 mg ≤ UP ≤ 2000 mg",
          rationale:
            "Default: CR is '< 300 mg', so 300 mg belongs to PR for the two definitions to meet without a hole; 'between' read inclusively at 2000 mg as in ordinary usage.",
          bindings: { prLowerCmp: ">=", prUpperCmp: "<=" },
        },
        exclusive: {
          label: "300 mg < UP < 2000 mg",
          rationale: "'Between' read strictly at both ends.",
          bindings: { prLowerCmp: ">", prUpperCmp: "<" },
        },
        "lower-inclusive": {
          label: "300 mg ≤ UP < 2000 mg",
          rationale:
            "Contiguous with CR at 300 mg, and strict at 2000 mg (the half-open interval common in trial definitions).",
          bindings: { prLowerCmp: ">=", prUpperCmp: "<" },
        },
      },
    },
    creatinineReference: creatinineReferenceParameter(
      { section: OUT, quote: "normal serum creatinine" },
      "CR requires 'normal serum creatinine'.",
    ),
    sedimentCutoff: sedimentCutoffParameter(
      { section: OUT, quote: "normal counts of urine blood cells or casts" },
      "CR requires 'normal counts of urine blood cells or casts' without a count.",
    ),
  },
  categories: [
    {
      name: "CR",
      label: "complete remission",
      source: { section: OUT, quote: "CR was defined as …" },
      expr: all(
        "cr",
        "complete remission",
        cmp("cr-up", UP, at("proteinuria24h", "current"), "<", q(300, "mg/24h"), {
          section: OUT,
          quote: "a 24 h urine protein < 300 mg",
        }),
        {
          op: "fact",
          id: "cr-sediment",
          label: "urine sediment (blood cells, casts) normal",
          fact: "urineSedimentNormal",
          params: { bind: "sedimentParams" },
          source: { section: OUT, quote: "normal counts of urine blood cells or casts" },
        },
        {
          op: "fact",
          id: "cr-creatinine-normal",
          label: "serum creatinine",
          fact: "serumCreatinineNormal",
          params: { defaultUpperLimit: { bind: "creatinineUpperLimit" } },
          source: { section: OUT, quote: "normal serum creatinine" },
        },
      ),
    },
    {
      name: "PR",
      label: "partial remission",
      source: { section: OUT, quote: "PR was defined as …" },
      expr: all(
        "pr",
        "partial remission",
        cmp(
          "pr-up-lower",
          UP,
          at("proteinuria24h", "current"),
          { bind: "prLowerCmp" },
          q(300, "mg/24h"),
          {
            section: OUT,
            quote: prQuote,
          },
        ),
        cmp(
          "pr-up-upper",
          UP,
          at("proteinuria24h", "current"),
          { bind: "prUpperCmp" },
          q(2000, "mg/24h"),
          {
            section: OUT,
            quote: prQuote,
          },
        ),
        cmp(
          "pr-up-drop-50",
          `decrease in ${UP} from baseline`,
          change("percentDecrease", "proteinuria24h"),
          ">=",
          q(50, "%"),
          {
            section: OUT,
            quote: "at least a 50% decrease from the baseline",
          },
        ),
        cmp("pr-albumin", "serum albumin", at("serumAlbumin", "current"), ">", q(30, "g/L"), {
          section: OUT,
          quote: "serum albumin concentration over 30 g/L",
        }),
        cmp(
          "pr-scr-rise",
          "rise in serum creatinine from baseline",
          change("percentIncrease", "serumCreatinine"),
          "<=",
          q(25, "%"),
          { section: OUT, quote: "serum creatinine increase no more than 25%" },
        ),
      ),
    },
  ],
  noResponse: {
    label: "no response",
    source: { section: OUT, quote: "neither CR nor PR (NR is not defined further)" },
  },
  endpoints: [
    {
      name: "renalResponse",
      label: "renal response (CR or PR), the primary outcome at week 24",
      source: {
        section: "Methods, Outcomes",
        quote:
          "Renal complete/partial remission (PR/CR) at week 24 was used as the primary outcome",
      },
      expr: any("response", "CR or PR", ref("CR"), ref("PR")),
    },
  ],
  schedule: {
    timepoints: [{ label: "week 24", day: 168, windowDays: 28 }],
    source: {
      section: "Methods, Outcomes",
      quote: "Renal complete/partial remission (PR/CR) at week 24",
    },
    note: "The paper monitored 24-h urine protein every 1–3 months and gives no visit window; the library uses ±28 days (4 weeks), a parameter of every time-point function.",
  },
  gaps: [
    {
      id: "below-pr-range-not-cr",
      description:
        "24-h urine protein is below 300 mg, under the PR range, but CR fails (abnormal sediment or creatinine not normal): the text gives no category. The library reports NR, as the text's 'neither CR nor PR'; a reader may judge it otherwise.",
      reportedAs: "NR",
      when: cmp("gap-up-below-300", UP, at("proteinuria24h", "current"), "<", q(300, "mg/24h"), {
        section: OUT,
        quote: "CR … < 300 mg; PR … between 300 mg and 2000 mg",
      }),
      source: { section: OUT },
    },
  ],
  notes: [
    "Evidence: secondary. The definitions were read in the paper (verified), but CR's 'normal serum creatinine' and 'normal counts of urine blood cells' have no numbers there: the default reference interval (Mayo Clinic) and sediment counts (ACR 2012) come from secondary sources, and an object is never labelled stronger than the weakest number it uses. Each result reports the evidence of every reading it used (result.readingEvidence).",
    "Creatinine reference (creatinineReference), default kept 'mayo-clinic' in 1.1.0, with the reading 'china-ws-t-404.5' (WS/T 404.5-2015, Chinese adults 20–59 y, enzymatic: women ≤ 73, men ≤ 97 µmol/L; third-party evidence) added for this Chinese cohort. Why the default is not the Chinese interval: (1) 'normal' is the study laboratory's own interval, which the paper does not print; (2) the one Chinese lupus-nephritis cohort of the same years whose laboratory limit can be inferred, Zhang 2023 (Peking Union Medical College Hospital), is consistent with a female limit of 84 to under 87 µmol/L and NOT with WS/T 404.5's 73: Table 2's 'abnormal sCr' counts need exactly 2 abnormal baseline values among its 18 non-withdrawn patients, and 73 gives 4 (Table 1 rows 6, 8, 9, 20; see test/criteria/reference-values.test.ts). So the national interval is stricter than at least one Chinese centre's and would call laboratory-normal creatinine abnormal, understating CR; (3) the Mayo limit (91.9) is more lenient than that centre's by 5–8 µmol/L (it gives 1 of the 18: also not Table 2) and is secondary rather than third-party evidence. Neither reproduces a Chinese laboratory exactly. Give current.serumCreatinineUpperLimit from the laboratory whenever it is known: it always wins. A creatinine between the limits is reported not robust (sensitiveTo includes creatinineReference).",
    "Baseline is enrolment (switch to iguratimod); the primary outcome is judged at week 24.",
    "'Normal counts of urine blood cells' is read as both RBC and WBC counts normal and no cellular casts; a laboratory verdict (urineSediment.normal) is used when given.",
    "'Serum creatinine increase no more than 25%' is read as the rise from baseline in percent of baseline; a fall always passes.",
    "The paper measured 24-h urine protein; a spot UPCR is not accepted unless allowProteinuriaSubstitution is set.",
  ],
});

const ELIG = "Methods (eligibility)";

/**
 * Kang 2020 refractory-LN eligibility: "treatment failure or relapse after at
 * least two immunosuppressant agents and … proteinuria of no less than 1.0 g/24 h
 * at enrollment. Failure was defined as no remission (not achieving PR or CR …) on
 * one agent for at least 6 months."
 *
 * Interpretation parameters:
 * - `sequenceCounting` — Table 1's "Cyc → MMF*" (cyclophosphamide in sequence with
 *   another agent): `'one-regimen'` (default) or `'each-agent'`.
 * - `glucocorticoidPulses` — whether "Pulse steroids" count as an agent:
 *   `'not-counted'` (default) or `'counted'`.
 * - `nrWithoutDuration` — an NR course whose duration is not reported:
 *   `'unknown'` (default) or `'failure'` (trust the table's NR as the paper's own
 *   judgement of a ≥ 6-month failure).
 *
 * @example
 * ```ts
 * import { assessEligibility, eligibility } from 'lupus-renal-criteria';
 * const r = assessEligibility(eligibility.kang2020Refractory, {
 *   id: 'kang2020-03',
 *   baseline: { proteinuria: { value: 2.33, unit: 'g/24h' } },
 *   treatmentHistory: { ordered: true, courses: [
 *     { agents: ['mycophenolate'], mode: 'single', bestResponse: 'PR', outcome: 'failure-or-relapse' },
 *     { agents: ['tacrolimus'], mode: 'single', bestResponse: 'PR', outcome: 'failure-or-relapse' },
 *   ] },
 * });
 * r.status; // 'eligible'
 * ```
 * @category Shipped definitions
 */
export const kang2020Refractory: EligibilityCriteria = {
  kind: "eligibility",
  id: "kang2020Refractory",
  version: "1.1.1",
  title: "Kang 2020 refractory lupus nephritis (eligibility)",
  citation: KANG2020_CITATION,
  locator: { section: ELIG },
  evidence: "verified",
  parameters: {
    sequenceCounting: {
      description:
        "Table 1 writes 'Cyc → MMF*' for cyclophosphamide given in sequence with another agent; the footnote says patients usually reached PR or CR when cyclophosphamide ended. Whether such a regimen that later failed counts as one failed agent or as two is not stated.",
      source: {
        section: "Table 1, footnote *",
        quote:
          "cyclophosphamide (typically 6 months) in sequence with other immunosuppressive agents",
      },
      default: "one-regimen",
      readings: {
        "one-regimen": {
          label: "a sequence is one regimen",
          rationale:
            "Default: the footnote describes one induction–maintenance regimen whose response came with cyclophosphamide; the later failure is one event.",
          bindings: { countSequenceAs: "one-regimen" },
        },
        "each-agent": {
          label: "each agent of a sequence counts",
          rationale:
            "Read 'at least two immunosuppressant agents' literally: both agents were given and the regimen failed.",
          bindings: { countSequenceAs: "each-agent" },
        },
      },
    },
    glucocorticoidPulses: {
      description:
        "Table 1 lists 'Pulse steroids (CR → F)' among previous medications; the rule speaks of 'immunosuppressant agents'.",
      source: { section: "Table 1, patient 2", quote: "Pulse steroids (CR → F)" },
      default: "not-counted",
      readings: {
        "not-counted": {
          label: "glucocorticoid pulses are not an immunosuppressant agent",
          rationale:
            "Default: guidelines treat glucocorticoids as background to the immunosuppressive agent, and the paper's legend lists only non-steroid agents.",
          bindings: { includeGlucocorticoidPulses: false },
        },
        counted: {
          label: "glucocorticoid pulses count",
          rationale: "The table lists them among the previous medications and outcomes.",
          bindings: { includeGlucocorticoidPulses: true },
        },
      },
    },
    nrWithoutDuration: {
      description:
        "Failure is 'no remission … on one agent for at least 6 months', but Table 1 gives no durations: an NR course may or may not have lasted 6 months.",
      source: { section: ELIG, quote: "on one agent for at least 6 months" },
      default: "unknown",
      readings: {
        unknown: {
          label: "duration not reported → unknown",
          rationale: "Default: unknown is not yes; the duration clause is not reported.",
          bindings: { nrWithoutDuration: "unknown" },
        },
        failure: {
          label: "NR counts as a failure",
          rationale:
            "The table's NR is the authors' own judgement, made with the paper's 6-month rule.",
          bindings: { nrWithoutDuration: "failure" },
        },
      },
    },
  },
  rule: {
    name: "refractory",
    label: "refractory lupus nephritis (Kang 2020)",
    source: { section: ELIG },
    expr: all(
      "refractory",
      "eligible",
      {
        op: "fact",
        id: "failed-two-agents",
        label: "failure or relapse on at least two immunosuppressant agents",
        fact: "treatmentFailures",
        params: {
          atLeast: 2,
          countSequenceAs: { bind: "countSequenceAs" },
          includeGlucocorticoidPulses: { bind: "includeGlucocorticoidPulses" },
          minDurationMonths: 6,
          nrWithoutDuration: { bind: "nrWithoutDuration" },
          relapseCounts: true,
        },
        source: {
          section: ELIG,
          quote:
            "treatment failure or relapse after at least two immunosuppressant agents … Failure was defined as no remission … on one agent for at least 6 months",
        },
      },
      cmp(
        "up-at-least-1g",
        "24-h urine protein at enrolment",
        at("proteinuria24h", "baseline"),
        ">=",
        q(1, "g/24h"),
        {
          section: ELIG,
          quote: "proteinuria of no less than 1.0 g/24 h at enrollment",
        },
      ),
    ),
  },
  notes: [
    "A course ended by an adverse event ('→ AE') is not a failure; a course that reached PR or CR and then failed or relapsed ('→ F') is: the rule says 'treatment failure or relapse' (relapseCounts: true, not a parameter — the text names relapse).",
    "The same agent given in several courses counts once; it failed if any of its courses failed.",
    "Hydroxychloroquine is never counted as an immunosuppressant agent.",
  ],
};

const FLARE = "Methods, Outcomes (flares)";
const EULAR_U =
  "EULAR/ERA-EDTA 2012 flare thresholds as recalled in clinical-definitions.md §1 [U]: not verified in the primary text";

const haematuriaRiseBy10 = cmp(
  "rbc-up-10",
  "rise in urine RBC/hpf from the previous assessment",
  change("increase", "urineRbc"),
  ">=",
  q(10, "/hpf"),
  { section: FLARE, quote: "[U] a rise in glomerular haematuria ≥10 RBC/hpf" },
);

const haematuriaRiseTo10 = all(
  "rbc-rise-to-10",
  "urine RBC/hpf risen to at least 10",
  cmp("rbc-at-least-10", "urine RBC/hpf", at("urineRbc", "current"), ">=", q(10, "/hpf"), {
    section: FLARE,
    quote: "[U] a rise in glomerular haematuria ≥10 RBC/hpf",
  }),
  cmp(
    "rbc-risen",
    "rise in urine RBC/hpf from the previous assessment",
    change("increase", "urineRbc"),
    ">",
    q(0, "/hpf"),
    { section: FLARE, quote: "[U] a rise in glomerular haematuria" },
  ),
);

/**
 * Kang 2020 renal flare, "defined according to … (EULAR) recommendations" (Bertsias
 * 2012). The research notes could NOT verify the EULAR 2012 flare thresholds in
 * the primary text, so this object is `evidence: 'unverified'`: nephritic flare
 * = creatinine rise ≥ 30% (or eGFR fall ≥ 10%) with an active sediment (a rise
 * in haematuria of ≥ 10 RBC/hpf — by 10, default, or to 10: `haematuriaRise` — or
 * cellular casts);
 * proteinuric flare = after CR a rise to UPCR > 100 mg/mmol, after PR a doubling
 * to > 100 mg/mmol (or > 200, a parameter). "Reproducible" is not modelled.
 *
 * @example
 * ```ts
 * import { criteria, detectFlares, flares } from 'lupus-renal-criteria';
 * flares.kang2020RenalFlare.evidence; // 'unverified'
 * detectFlares(flares.kang2020RenalFlare, { id: 'p' }, { responseCriteria: criteria.kang2020 }).flares; // []
 * ```
 * @category Shipped definitions
 */
export const kang2020RenalFlare: FlareCriteria = {
  kind: "flare",
  id: "kang2020RenalFlare",
  version: "1.1.1",
  title: "Kang 2020 renal flare (EULAR/ERA-EDTA 2012, unverified thresholds)",
  citation: KANG2020_CITATION,
  locator: { section: FLARE },
  evidence: "unverified",
  scope: "visits",
  reference: "previous-visit",
  conversions: UPCR_CONVERSIONS,
  parameters: {
    afterPrLevel: {
      description:
        "After PR, a proteinuric flare is a doubling of UPCR to above 100 mg/mmol in some summaries and above 200 mg/mmol in others.",
      source: {
        section: FLARE,
        quote: "A renal flare was defined according to … EULAR recommendations",
      },
      default: "100",
      readings: {
        "100": {
          label: "doubling to > 100 mg/mmol",
          rationale: "Default: the same level as after CR; the more common summary.",
          bindings: { afterPrLevel: q(100, "mg/mmol") },
          evidence: "unverified",
          reference: EULAR_U,
        },
        "200": {
          label: "doubling to > 200 mg/mmol",
          rationale: "Other summaries of EULAR 2012.",
          bindings: { afterPrLevel: q(200, "mg/mmol") },
          evidence: "unverified",
          reference: EULAR_U,
        },
      },
    },
    haematuriaRise: {
      description:
        "The nephritic flare's active sediment is recalled [U] as 'a rise in glomerular haematuria ≥ 10 RBC/hpf, or cellular casts': a rise BY at least 10 RBC/hpf over the previous assessment, or a rise TO at least 10 RBC/hpf. Neither is verified; the count cannot tell glomerular (dysmorphic) from other red cells.",
      source: {
        section: FLARE,
        quote: "[U] a rise in glomerular haematuria of about ≥10 RBC/hpf, or cellular casts",
      },
      default: "by-10",
      readings: {
        "by-10": {
          label: "RBC/hpf up by at least 10 from the previous assessment",
          rationale:
            "Default: 'a rise in haematuria ≥ 10 RBC/hpf' names the size of the rise, as a flare is a change from the previous state; a steady count, however high, is not a rise.",
          bindings: { haematuriaRise: haematuriaRiseBy10 },
          evidence: "unverified",
          reference: EULAR_U,
        },
        "to-10": {
          label: "RBC/hpf at least 10 now, and higher than at the previous assessment",
          rationale:
            "The figure read as the level reached: a rise that ends at 10 RBC/hpf or more.",
          bindings: { haematuriaRise: haematuriaRiseTo10 },
          evidence: "unverified",
          reference: EULAR_U,
        },
      },
    },
    upcrConversion: upcrConversionParameter(
      { section: FLARE, quote: "[U] a rise in UPCR to >100 mg/mmol (1 g/g)" },
      "> 100 mg/mmol (1 g/g), as recalled [U]",
      { evidence: "unverified", reference: EULAR_U },
    ),
  },
  grades: [
    {
      name: "nephritic",
      label: "nephritic flare",
      source: { section: FLARE },
      expr: all(
        "nephritic",
        "nephritic flare",
        any(
          "function",
          "kidney function worse",
          cmp(
            "scr-up-30",
            "rise in serum creatinine",
            change("percentIncrease", "serumCreatinine"),
            ">=",
            q(30, "%"),
            {
              section: FLARE,
              quote: "[U] creatinine rise of about ≥30%",
            },
          ),
          cmp("egfr-down-10", "fall in eGFR", change("percentDecrease", "egfr"), ">=", q(10, "%"), {
            section: FLARE,
            quote: "[U] GFR fall of about ≥10%",
          }),
        ),
        any(
          "active-sediment",
          "active urine sediment: a rise in haematuria of at least 10 RBC/hpf, or cellular casts",
          { op: "bind", name: "haematuriaRise" },
          {
            op: "fact",
            id: "cellular-casts",
            label: "cellular casts",
            fact: "observation",
            params: { name: "cellularCasts", is: true },
            source: { section: FLARE, quote: "[U] or cellular casts" },
          },
        ),
      ),
    },
    {
      name: "proteinuric",
      label: "proteinuric flare after CR",
      afterResponse: "CR",
      source: { section: FLARE },
      expr: cmp("upcr-above-100", "UPCR", at("upcr", "current"), ">", q(100, "mg/mmol"), {
        section: FLARE,
        quote: "[U] after CR, a rise in UPCR to >100 mg/mmol",
      }),
    },
    {
      name: "proteinuric",
      label: "proteinuric flare after PR",
      afterResponse: "PR",
      source: { section: FLARE },
      expr: all(
        "proteinuric-after-pr",
        "doubling of UPCR to above the level",
        cmp(
          "doubling",
          "UPCR in percent of the previous value",
          change("percentOfBaseline", "upcr"),
          ">=",
          q(200, "%"),
          {
            section: FLARE,
            quote: "[U] after PR, a doubling of UPCR",
          },
        ),
        cmp(
          "above-level",
          "UPCR",
          at("upcr", "current"),
          ">",
          { bind: "afterPrLevel" },
          { section: FLARE, quote: "[U] to >100 (or >200) mg/mmol" },
        ),
      ),
    },
  ],
  notes: [
    "Unverified: the EULAR/ERA-EDTA 2012 flare figures were not checked in the primary text; do not treat results as the paper's own.",
    "Kang measured 24-h urine protein; the EULAR proteinuric flare is written for UPCR, so a 24-h value needs allowProteinuriaSubstitution (reported). The threshold is printed as '> 100 mg/mmol (1 g/g)': under the default upcrConversion 'printed' a 24-h protein or g/g UPCR is compared as 1 g = 100 mg/mmol (0.90 g/24h is 90 mg/mmol: no flare); under 'exact' as 1 g/g = 113.12 mg/mmol (0.90 g/24h is 101.8 mg/mmol: a flare).",
    "'Reproducible' rises are not modelled: one visit suffices.",
    "Active sediment follows the research notes' recollection of EULAR 2012 (clinical-definitions.md §1, [U]): 'a rise in glomerular haematuria ≥ 10 RBC/hpf, or cellular casts'. Before version 1.1.0 the object used '> 5 RBC or WBC/hpf or casts' (ACR 2012's active sediment), which is not the EULAR wording: white cells no longer count, and a steady haematuria above 5/hpf is no longer a flare. Glomerular (dysmorphic) red cells cannot be told from others in the input; every red cell counts.",
  ],
};

/**
 * Kang 2020 extra-renal flare: "manifestations that could be attributed to SLE
 * that required high-dose steroids". Judged on `extra-renal-manifestation`
 * events by the glucocorticoid dose they required; what dose is "high" is the
 * parameter `highDose` (`'>30'` default, `'>100'`), from the Buttgereit 2002
 * nomenclature (not checked in this project's sources: readings are `unverified`).
 *
 * @example
 * ```ts
 * import { detectFlares, flares } from 'lupus-renal-criteria';
 * const r = detectFlares(flares.kang2020ExtraRenalFlare, {
 *   id: 'kang2020-09',
 *   events: [{ type: 'extra-renal-manifestation', day: 250, detail: 'thrombocytopenia', prednisoneMgPerDay: 40 }],
 * });
 * r.flares[0]?.day; // 250
 * ```
 * @category Shipped definitions
 */
export const kang2020ExtraRenalFlare: FlareCriteria = {
  kind: "flare",
  id: "kang2020ExtraRenalFlare",
  version: "1.0.2",
  title: "Kang 2020 extra-renal flare",
  citation: KANG2020_CITATION,
  locator: { section: FLARE },
  evidence: "unverified",
  scope: "extra-renal-events",
  reference: "baseline",
  parameters: {
    highDose: {
      description: "'Required high-dose steroids' gives no dose.",
      source: { section: FLARE, quote: "required high-dose steroids" },
      default: ">30",
      readings: {
        ">30": {
          label: "> 30 mg/day prednisone equivalent",
          rationale:
            "Default: 'high dose' in the EULAR glucocorticoid nomenclature (Buttgereit 2002) is > 30 mg/day.",
          bindings: { highDose: q(30, "mg/d prednisone") },
          evidence: "unverified",
          reference:
            "Buttgereit F, et al. Ann Rheum Dis 2002;61:718–22 (not checked in this project's sources)",
        },
        ">100": {
          label: "> 100 mg/day (very high dose)",
          rationale: "The nomenclature's 'very high dose'; counts only pulse-like doses.",
          bindings: { highDose: q(100, "mg/d prednisone") },
          evidence: "unverified",
          reference:
            "Buttgereit F, et al. Ann Rheum Dis 2002;61:718–22 (not checked in this project's sources)",
        },
      },
    },
  },
  grades: [
    {
      name: "extra-renal",
      label: "extra-renal flare",
      source: {
        section: FLARE,
        quote: "manifestations that could be attributed to SLE that required high-dose steroids",
      },
      expr: cmp(
        "high-dose",
        "glucocorticoid dose required",
        at("prednisone", "current"),
        ">",
        { bind: "highDose" },
        {
          section: FLARE,
          quote: "required high-dose steroids",
        },
      ),
    },
  ],
  notes: [
    "The event's dose is the dose the manifestation required (prednisone equivalent, mg/day).",
    "Evidence: unverified. The definition ('manifestations that could be attributed to SLE that required high-dose steroids') was read in the paper, but its only threshold, what dose is 'high' (> 30 mg/day, Buttgereit 2002), was not checked in any source read; an object is never labelled stronger than the weakest number it uses (until 1.0.1 it was labelled verified).",
  ],
};
