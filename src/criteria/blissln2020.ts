/**
 * BLISS-LN (belimumab in lupus nephritis), two texts of its renal end points.
 *
 * Publication — Furie R, Rovin BH, Houssiau F, et al. Two-year, randomized,
 * controlled trial of belimumab in lupus nephritis. N Engl J Med
 * 2020;383:1117–28. doi:10.1056/NEJMoa2001180. Abstract, as read:
 * > primary efficacy renal response (a ratio of urinary protein to creatinine of
 * > ≤ 0.7, an estimated glomerular filtration rate [eGFR] that was no worse than
 * > 20% below the value before the renal flare (pre-flare value) or ≥ 60 ml per
 * > minute per 1.73 m², and no use of rescue therapy)
 * and complete renal response: UPCR < 0.5, eGFR no worse than 10% below the
 * pre-flare value or ≥ 90, no rescue therapy.
 *
 * Registry — ClinicalTrials.gov NCT01639339 as reproduced in Corapi 2015, Table 3:
 * > Number of participants with complete renal response at 104 weeks defined as:
 * > 1. Kidney function: eGFR no more than 10% below pre-flare value or normal
 * > 2. Proteinuria: UPC ratio < 0.5  3. Urine sediment: inactive (< 5 RBCs/WBCs,
 * > no casts)  4. No rescue therapy
 *
 * @module
 */
import type { Expr } from "../ir/expr.js";
import { all, any, at, change, cmp, q, ref, withReadingTypes } from "./build.js";
import { STRICT_SEDIMENT } from "./reference-values.js";
import * as trial from "./trial-endpoints.js";

const ABS = "Abstract (primary and key secondary end points)";
const REG = "Corapi 2015 Table 3, NCT01639339 primary outcome";
const UPCR = "UPCR";
const EGFR = "eGFR";
const EGFR_UNIT = "mL/min/1.73m2";

const noRescue = (id: string, section: string, quote: string): Expr => ({
  op: "fact",
  id,
  label: "no rescue therapy",
  fact: "observation",
  params: { name: "rescueTherapy", is: false },
  source: { section, quote },
});

const egfrFallAtMost = (id: string, pct: number, section: string, quote: string): Expr =>
  cmp(
    id,
    `fall in ${EGFR} below the pre-flare value`,
    change("percentDecrease", "egfr"),
    "<=",
    q(pct, "%"),
    {
      section,
      quote,
    },
  );

/**
 * BLISS-LN renal response as published (NEJM 2020): `CR` = complete renal
 * response (CRR, key secondary end point), `PR` = primary efficacy renal response
 * (PERR, primary end point) without CRR. End points `PERR` and `CRR` report each
 * definition on its own (CRR implies PERR).
 *
 * No interpretation parameters. Evidence: `verified` (abstract).
 *
 * @example
 * ```ts
 * import { classifyResponse, criteria } from 'lupus-renal-criteria';
 * const r = classifyResponse(criteria.blissln2020, {
 *   baseline: { egfr: { value: 100, unit: 'mL/min/1.73m2' } }, // the PRE-FLARE eGFR
 *   current: { proteinuria: { value: 0.6, unit: 'g/g' }, egfr: { value: 85, unit: 'mL/min/1.73m2' },
 *              rescueTherapy: false },
 * });
 * r.category; // 'PR' (PERR met, CRR not: UPCR 0.6 is not < 0.5)
 * r.endpoints.PERR; // 'met'
 * ```
 * @category Shipped definitions
 */
export const blissln2020 = withReadingTypes({
  kind: "response",
  id: "blissln2020",
  version: "1.0.1",
  title: "BLISS-LN (belimumab) PERR and CRR, as published (NEJM 2020)",
  citation: {
    short: "BLISS-LN (Furie 2020)",
    authors: "Furie R, Rovin BH, Houssiau F, et al.",
    year: 2020,
    title: "Two-year, randomized, controlled trial of belimumab in lupus nephritis",
    journal: "N Engl J Med 383:1117–28",
    doi: "10.1056/NEJMoa2001180",
  },
  locator: { section: ABS },
  evidence: "verified",
  proteinuriaMeasure: "upcr",
  parameters: {},
  categories: [
    trial.crrCategory(
      { section: ABS, quote: "complete renal response" },
      cmp("crr-upcr", UPCR, at("upcr", "current"), "<", q(0.5, "g/g"), {
        section: ABS,
        quote: "urinary protein:creatinine ratio < 0.5",
      }),
      any(
        "crr-egfr",
        "eGFR no worse than 10% below pre-flare, or ≥ 90",
        egfrFallAtMost(
          "crr-egfr-fall-10",
          10,
          ABS,
          "eGFR no worse than 10% below the pre-flare value",
        ),
        cmp("crr-egfr-90", EGFR, at("egfr", "current"), ">=", q(90, EGFR_UNIT), {
          section: ABS,
          quote: "or ≥ 90 ml per minute per 1.73 m²",
        }),
      ),
      noRescue("crr-no-rescue", ABS, "no use of rescue therapy"),
    ),
    {
      name: "PR",
      label: "primary efficacy renal response (PERR) without CRR",
      source: { section: ABS, quote: "primary efficacy renal response" },
      expr: all(
        "perr",
        "primary efficacy renal response",
        cmp("perr-upcr", UPCR, at("upcr", "current"), "<=", q(0.7, "g/g"), {
          section: ABS,
          quote: "a ratio of urinary protein to creatinine of ≤ 0.7",
        }),
        any(
          "perr-egfr",
          "eGFR no worse than 20% below pre-flare, or ≥ 60",
          egfrFallAtMost(
            "perr-egfr-fall-20",
            20,
            ABS,
            "an eGFR that was no worse than 20% below the value before the renal flare",
          ),
          cmp("perr-egfr-60", EGFR, at("egfr", "current"), ">=", q(60, EGFR_UNIT), {
            section: ABS,
            quote: "or ≥ 60 ml per minute per 1.73 m²",
          }),
        ),
        noRescue("perr-no-rescue", ABS, "and no use of rescue therapy"),
      ),
    },
  ],
  noResponse: {
    label: "no renal response (neither PERR nor CRR)",
    source: { section: ABS },
  },
  endpoints: [
    {
      name: "PERR",
      label: "primary efficacy renal response (primary end point, week 104)",
      source: {
        section: ABS,
        quote: "The primary end point at week 104 was a primary efficacy renal response",
      },
      expr: ref("PR"),
    },
    trial.crrEndpoint("complete renal response (key secondary end point, week 104)", {
      section: ABS,
      quote: "complete renal response",
    }),
  ],
  gaps: [],
  schedule: trial.weeklySchedule(
    [52, 104],
    { section: ABS, quote: "primary end point at week 104 … PERR at week 52" },
    "The abstract",
  ),
  notes: [
    "The input's baseline eGFR must be the PRE-FLARE eGFR (the value before the renal flare), not the value at randomisation: both eGFR clauses compare with it. No other baseline value is read.",
    "Categories: CR is the CRR; PR is the library's name for PERR without CRR (the trial does not define a 'partial' response). CRR implies PERR, so the PERR end point is met whenever the category is CR or PR.",
    "'No worse than 20% (10%) below the pre-flare value' is read as a fall of at most 20% (10%) of the pre-flare eGFR, inclusive; a rise always passes.",
    "'No use of rescue therapy' reads the input's rescueTherapy. The AJKD East-Asian subgroup paper words it 'no treatment failure'; treatment failure other than rescue therapy (e.g. death, withdrawal) is not an input of the library and is not checked.",
    "The abstract prints the ratio without a unit; thresholds are stored in g/g (= mg/mg). A UPCR in mg/g or mg/mmol is converted exactly (1 mg/mmol = 1/113.12 g/g).",
    "The published CRR has no urine-sediment clause; the registered CRR has one (see blissln2020Registry, id 'blissln2020Registry').",
  ],
});

/**
 * BLISS-LN complete renal response as registered (ClinicalTrials.gov NCT01639339,
 * read in Corapi 2015, Table 3), the registry's primary outcome at week 104. It
 * adds an inactive-sediment clause that the publication dropped, and words the
 * eGFR alternative as "or normal". Only `CR` (the CRR); no partial level.
 *
 * Interpretation parameter:
 * - `normalEgfr` — what "normal" eGFR means: `'90'` (default, ≥ 90) or `'60'` (≥ 60).
 *
 * Evidence: `verified` (Corapi 2015 Table 3 reproduces the registry record).
 *
 * @example
 * ```ts
 * import { classifyResponse, criteria } from 'lupus-renal-criteria';
 * const r = classifyResponse(criteria.blissln2020Registry, {
 *   baseline: { egfr: { value: 100, unit: 'mL/min/1.73m2' } }, // the PRE-FLARE eGFR
 *   current: { proteinuria: { value: 0.4, unit: 'g/g' }, egfr: { value: 95, unit: 'mL/min/1.73m2' },
 *              urineSediment: { rbcPerHpf: 5, wbcPerHpf: 1, cellularCasts: false }, rescueTherapy: false },
 * });
 * r.category; // 'NR' (5 RBC/hpf is not < 5)
 * ```
 * @category Shipped definitions
 */
export const blissln2020Registry = withReadingTypes({
  kind: "response",
  id: "blissln2020Registry",
  version: "1.0.1",
  title: "BLISS-LN (belimumab) CRR, as registered (NCT01639339)",
  citation: {
    short: "BLISS-LN registry (NCT01639339)",
    authors:
      "Human Genome Sciences Inc., a GSK company (trial sponsor); reproduced by Corapi KM, Dooley MA, Pendergraft WF",
    year: 2015,
    title:
      "Comparison and evaluation of lupus nephritis response criteria in lupus activity indices and clinical trials (Table 3: NCT01639339, BLISS-LN)",
    journal: "Arthritis Res Ther 17:110",
    url: "https://arthritis-research.biomedcentral.com/articles/10.1186/s13075-015-0621-6/tables/3",
  },
  locator: { section: REG },
  evidence: "verified",
  proteinuriaMeasure: "upcr",
  parameters: {
    normalEgfr: {
      description:
        "The eGFR clause accepts 'eGFR no more than 10% below pre-flare value or normal'; 'normal' has no number in the registry text.",
      source: { section: REG, quote: "eGFR no more than 10% below pre-flare value or normal" },
      default: "90",
      readings: {
        "90": {
          label: "normal = eGFR ≥ 90",
          rationale:
            "Default: the value the publication later wrote in the same place of its CRR ('or ≥ 90'), and the lower bound of 'normal or high' GFR in the KDIGO CKD categories.",
          bindings: { normalEgfr: q(90, EGFR_UNIT) },
          evidence: "verified",
          reference: "BLISS-LN publication CRR (Furie 2020, abstract)",
        },
        "60": {
          label: "normal = eGFR ≥ 60",
          rationale:
            "The level below which a reduced eGFR alone defines chronic kidney disease, and the publication's PERR alternative ('or ≥ 60'); more lenient.",
          bindings: { normalEgfr: q(60, EGFR_UNIT) },
          evidence: "verified",
          reference: "BLISS-LN publication PERR (Furie 2020, abstract)",
        },
      },
    },
  },
  categories: [
    {
      name: "CR",
      label: "complete renal response (CRR, registered primary outcome)",
      source: { section: REG, quote: "complete renal response at 104 weeks" },
      expr: all(
        "crr",
        "complete renal response (registry)",
        any(
          "crr-egfr",
          "eGFR no more than 10% below pre-flare, or normal",
          egfrFallAtMost(
            "crr-egfr-fall-10",
            10,
            REG,
            "eGFR no more than 10% below pre-flare value",
          ),
          cmp(
            "crr-egfr-normal",
            EGFR,
            at("egfr", "current"),
            ">=",
            { bind: "normalEgfr" },
            { section: REG, quote: "or normal" },
          ),
        ),
        cmp("crr-upcr", UPCR, at("upcr", "current"), "<", q(0.5, "g/g"), {
          section: REG,
          quote: "Proteinuria: UPC ratio < 0.5",
        }),
        {
          op: "fact",
          id: "crr-sediment",
          label: "urine sediment inactive",
          fact: "urineSedimentNormal",
          params: STRICT_SEDIMENT,
          source: { section: REG, quote: "Urine sediment: inactive (< 5 RBCs/WBCs, no casts)" },
        },
        noRescue("crr-no-rescue", REG, "No rescue therapy"),
      ),
    },
  ],
  noResponse: trial.noCompleteRenalResponse(REG),
  endpoints: [
    trial.crrEndpoint("complete renal response (registered primary outcome, week 104)", {
      section: REG,
    }),
  ],
  gaps: [],
  schedule: trial.weeklySchedule(
    [104],
    { section: REG, quote: "complete renal response at 104 weeks" },
    "The registry text",
  ),
  notes: [
    "Follows the registry text (ClinicalTrials.gov NCT01639339) as reproduced in Corapi 2015, Table 3 — not the publication. Its primary outcome is the CRR; the registry record as reproduced there has no PERR.",
    "The input's baseline eGFR must be the PRE-FLARE eGFR.",
    "'Inactive (< 5 RBCs/WBCs, no casts)' is read as fewer than 5 RBC/hpf and fewer than 5 WBC/hpf (strict) and no cellular casts (the input records cellular casts only); a laboratory verdict (urineSediment.normal) is used when given.",
    "'No more than 10% below pre-flare value' is read as a fall of at most 10%, inclusive.",
    "The ratio has no unit in the registry text; thresholds are stored in g/g (= mg/mg).",
  ],
});
