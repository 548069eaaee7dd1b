/**
 * Bertsias GK, Tektonidou M, Amoura Z, et al. Joint European League Against
 * Rheumatism and European Renal Association–European Dialysis and Transplant
 * Association (EULAR/ERA-EDTA) recommendations for the management of adult and
 * paediatric lupus nephritis. Ann Rheum Dis 2012;71:1771–82.
 * doi:10.1136/annrheumdis-2012-201940
 *
 * Table 1, statement 3.2 (read in the journal's table page), paraphrased:
 * complete renal response (CR) is UPCR < 50 mg/mmol (the table prints "mg/mol")
 * and "normal or near-normal renal function (within 10% of normal GFR if
 * previously abnormal)"; partial renal response (PR) is a ≥ 50% reduction in
 * proteinuria "to subnephrotic levels" with normal or near-normal renal function,
 * preferably by 6 months and no later than 12 months after the start of treatment.
 * The abstract words CR as proteinuria < 0.5 g/24 h (a 24-h measure, not a UPCR).
 *
 * @module
 */
import type { Expr } from "../ir/expr.js";
import { all, any, at, bind, change, cmp, q, ref, withReadingTypes } from "./build.js";
import { UPCR_CONVERSIONS, upcrConversionParameter } from "./upcr-conversion.js";

const T1 = "Table 1, statement 3.2";
const PARIKH = "Parikh 2020 (AJKD 76:265–81), response-criteria table";
const UPCR = "UPCR";
const EGFR = "eGFR";
const EGFR_UNIT = "mL/min/1.73m2";
const NEAR_NORMAL_QUOTE =
  "normal or near-normal renal function (within 10% of normal GFR if previously abnormal)";

const egfrAtLeast = (id: string, placeholder: string, label: string): Expr =>
  cmp(
    id,
    label,
    at("egfr", "current"),
    ">=",
    { bind: placeholder },
    {
      section: T1,
      quote: NEAR_NORMAL_QUOTE,
    },
  );

/** "Normal or near-normal" read as printed: near-normal counts only when GFR was abnormal before. */
const asPrinted: Expr = {
  op: "if",
  id: "renal-function",
  label: "normal GFR, or near-normal GFR if GFR was abnormal before treatment",
  cond: cmp(
    "gfr-normal-before",
    `${EGFR} before treatment (baseline)`,
    at("egfr", "baseline"),
    ">=",
    { bind: "normalEgfr" },
    { section: T1, quote: "if previously abnormal" },
  ),
  whenMet: egfrAtLeast("gfr-normal", "normalEgfr", `${EGFR} normal`),
  whenNotMet: egfrAtLeast(
    "gfr-near-normal",
    "nearNormalEgfr",
    `${EGFR} within 10% of normal (near-normal)`,
  ),
};

const nearNormalAlways: Expr = egfrAtLeast(
  "gfr-near-normal-any",
  "nearNormalEgfr",
  `${EGFR} within 10% of normal (near-normal), whatever the baseline`,
);

const within10OfBaseline: Expr = cmp(
  "gfr-fall-at-most-10",
  `fall in ${EGFR} from baseline`,
  change("percentDecrease", "egfr"),
  "<=",
  q(10, "%"),
  { section: PARIKH, quote: "abnormal GFR (>10% decrease from prior baseline)" },
);

const subnephrotic = cmp(
  "pr-subnephrotic",
  UPCR,
  at("upcr", "current"),
  { bind: "subnephroticCmp" },
  { bind: "subnephroticLevel" },
  { section: T1, quote: "to subnephrotic levels" },
);

const reduction50 = cmp(
  "pr-upcr-drop-50",
  `reduction in ${UPCR} from baseline`,
  change("percentDecrease", "upcr"),
  ">=",
  q(50, "%"),
  { section: T1, quote: "≥50% reduction in proteinuria" },
);

/**
 * EULAR/ERA-EDTA 2012 renal response (CR / PR / NR), Table 1 statement 3.2, with
 * overall response (CR or PR) as end point.
 *
 * Interpretation parameters:
 * - `renalFunction` — "normal or near-normal renal function (within 10% of normal
 *   GFR if previously abnormal)": `'as-printed'` (default: eGFR normal, or within
 *   10% of normal when the baseline eGFR was abnormal), `'near-normal-any'`
 *   (within 10% of normal whatever the baseline), `'within-10-of-baseline'`
 *   (eGFR fall ≤ 10% from baseline, the NR wording reproduced by Parikh 2020).
 * - `normalGfr` — what "normal GFR" is: `'90'` (default, ≥ 90 mL/min/1.73 m²;
 *   near-normal ≥ 81) or `'60'` (≥ 60; near-normal ≥ 54).
 * - `subnephrotic` — "to subnephrotic levels": `'300-mg-mmol'` (default,
 *   UPCR < 300 mg/mmol) or `'3.5-g-g'` (UPCR ≤ 3.5 g/g).
 *
 * @example
 * ```ts
 * import { classifyResponse, criteria } from 'lupus-renal-criteria';
 * const r = classifyResponse(criteria.eular2012, {
 *   baseline: { proteinuria: { value: 400, unit: 'mg/mmol' }, egfr: { value: 95, unit: 'mL/min/1.73m2' } },
 *   current: { proteinuria: { value: 45, unit: 'mg/mmol' }, egfr: { value: 98, unit: 'mL/min/1.73m2' } },
 * });
 * r.category; // 'CR'
 * ```
 * @category Shipped definitions
 */
export const eular2012 = withReadingTypes({
  kind: "response",
  id: "eular2012",
  version: "1.1.0",
  title: "EULAR/ERA-EDTA 2012 renal response (lupus nephritis recommendations)",
  citation: {
    short: "EULAR/ERA-EDTA 2012 (Bertsias 2012)",
    authors: "Bertsias GK, Tektonidou M, Amoura Z, et al.",
    year: 2012,
    title:
      "Joint European League Against Rheumatism and European Renal Association–European Dialysis and Transplant Association (EULAR/ERA-EDTA) recommendations for the management of adult and paediatric lupus nephritis",
    journal: "Ann Rheum Dis 71:1771–82",
    doi: "10.1136/annrheumdis-2012-201940",
  },
  locator: { section: T1 },
  evidence: "unverified",
  proteinuriaMeasure: "upcr",
  conversions: UPCR_CONVERSIONS,
  parameters: {
    renalFunction: {
      description:
        "CR and PR require 'normal or near-normal renal function (within 10% of normal GFR if previously abnormal)'. The text does not say whether near-normal is allowed when GFR was normal before treatment, nor what 'normal GFR' is (see normalGfr).",
      source: { section: T1, quote: NEAR_NORMAL_QUOTE },
      default: "as-printed",
      readings: {
        "as-printed": {
          label: "eGFR normal; or within 10% of normal if abnormal at baseline",
          rationale:
            "Default: the parenthesis attaches 'within 10% of normal GFR' to patients whose GFR was abnormal before treatment; a patient with a normal baseline GFR must stay normal.",
          bindings: { renalFunctionOk: asPrinted },
        },
        "near-normal-any": {
          label: "eGFR within 10% of normal, whatever the baseline",
          rationale:
            "Reads 'near-normal' as acceptable for everyone and the parenthesis as a definition of near-normal only; more lenient for patients with a normal baseline GFR.",
          bindings: { renalFunctionOk: nearNormalAlways },
        },
        "within-10-of-baseline": {
          label: "eGFR fall of at most 10% from baseline",
          rationale:
            "The NR wording of EULAR 2012 as reproduced by Parikh 2020 calls renal function abnormal at a '>10% decrease from prior baseline'; its complement is a fall of at most 10%. Ignores normalGfr.",
          bindings: { renalFunctionOk: within10OfBaseline },
          evidence: "secondary",
          reference: PARIKH,
        },
      },
    },
    normalGfr: {
      description:
        "'Normal GFR' has no number in the text; near-normal is 'within 10% of normal GFR', i.e. at least 90% of it.",
      source: { section: T1, quote: "within 10% of normal GFR" },
      default: "90",
      readings: {
        "90": {
          label: "normal ≥ 90, near-normal ≥ 81 mL/min/1.73 m²",
          rationale:
            "Default: 90 mL/min/1.73 m² is the lower bound of normal GFR in the KDIGO CKD categories and the value BLISS-LN wrote for a normal eGFR in its complete renal response ('or ≥ 90'); near-normal is 90% of it.",
          bindings: { normalEgfr: q(90, EGFR_UNIT), nearNormalEgfr: q(81, EGFR_UNIT) },
          evidence: "unverified",
          reference:
            "no source read defines EULAR's 'normal GFR'. The number 90 is printed by BLISS-LN's complete renal response (Furie 2020 abstract, verified there: 'or ≥ 90') as an eGFR threshold, not as a definition of normal GFR; 'normal GFR ≥ 90' as in the KDIGO CKD categories was not read",
        },
        "60": {
          label: "normal ≥ 60, near-normal ≥ 54 mL/min/1.73 m²",
          rationale:
            "60 mL/min/1.73 m² is the level below which a reduced GFR alone defines chronic kidney disease, and BLISS-LN's PERR alternative ('or ≥ 60'); more lenient.",
          bindings: { normalEgfr: q(60, EGFR_UNIT), nearNormalEgfr: q(54, EGFR_UNIT) },
          evidence: "unverified",
          reference:
            "no source read defines EULAR's 'normal GFR'. The number 60 is printed by BLISS-LN's primary efficacy renal response (Furie 2020 abstract, verified there: 'or ≥ 60') as an eGFR threshold, not as a definition of normal GFR",
        },
      },
    },
    subnephrotic: {
      description:
        "PR requires a reduction 'to subnephrotic levels' without a number; the usual nephrotic-range levels are 3–3.5 g/day, or on the UPCR scale 3 g/g (300 mg/mmol) in KDIGO's response criteria.",
      source: { section: T1, quote: "to subnephrotic levels" },
      default: "300-mg-mmol",
      readings: {
        "300-mg-mmol": {
          label: "UPCR < 300 mg/mmol",
          rationale:
            "Default: the level KDIGO gives for the partial-response target of a nephrotic patient in lupus nephritis (< 3000 mg/g, < 300 mg/mmol in 2012; < 3 g/g, 300 mg/mmol in 2024), in the unit of the EULAR table itself; the stricter reading.",
          bindings: { subnephroticCmp: "<", subnephroticLevel: q(300, "mg/mmol") },
          evidence: "secondary",
          reference:
            "KDIGO 2012 Table 28 as reproduced by Parikh 2020; KDIGO 2024 response definitions (secondary summaries)",
        },
        "3.5-g-g": {
          label: "UPCR ≤ 3.5 g/g",
          rationale:
            "The classical nephrotic-syndrome level (> 3.5 g/day) carried to the UPCR scale by the usual g/g ≈ g/day approximation: anything not above it is subnephrotic.",
          bindings: { subnephroticCmp: "<=", subnephroticLevel: q(3.5, "g/g") },
          evidence: "secondary",
          reference:
            "nephrotic range > 3.5 g/day, e.g. Zhang 2023 §2.4 and Moroni 2022 Table 1; the g/g ≈ g/day equivalence is an approximation",
        },
      },
    },
    upcrConversion: upcrConversionParameter(
      { section: T1, quote: "UPCR <50 mg/mol [sic: mg/mmol]" },
      "Table 1 'UPCR <50 mg/mol [mg/mmol]' for the abstract's 'proteinuria <0.5 g/24 h'",
    ),
  },
  categories: [
    {
      name: "CR",
      label: "complete renal response",
      source: { section: T1, quote: "complete renal response" },
      expr: all(
        "cr",
        "complete renal response",
        cmp("cr-upcr", UPCR, at("upcr", "current"), "<", q(50, "mg/mmol"), {
          section: T1,
          quote: "UPCR <50 mg/mol [sic: mg/mmol]",
        }),
        bind("renalFunctionOk"),
      ),
    },
    {
      name: "PR",
      label: "partial renal response",
      source: { section: T1, quote: "partial renal response" },
      expr: all("pr", "partial renal response", reduction50, subnephrotic, bind("renalFunctionOk")),
    },
  ],
  noResponse: {
    label: "no renal response",
    source: {
      section: PARIKH,
      quote:
        "<50% reduction in proteinuria, or persistent nephrotic proteinuria; or abnormal GFR (>10% decrease from prior baseline)",
    },
  },
  endpoints: [
    {
      name: "OR",
      label: "overall renal response (CR or PR)",
      source: { section: T1 },
      expr: any("or", "CR or PR", ref("CR"), ref("PR")),
    },
  ],
  gaps: [
    {
      id: "proteinuria-responded-gfr-not-near-normal",
      description:
        "Proteinuria meets PR (≥ 50% reduction to subnephrotic levels) but renal function is neither normal nor near-normal. Table 1 gives no category; the NR wording reproduced by Parikh 2020 (secondary) calls it NR only when GFR fell by more than 10% from baseline. The library reports NR.",
      reportedAs: "NR",
      when: all(
        "gap-pr-proteinuria-not-function",
        "PR proteinuria met, renal function not (near-)normal",
        reduction50,
        subnephrotic,
        {
          op: "not",
          id: "gap-function-not-ok",
          label: "renal function not (near-)normal",
          of: bind("renalFunctionOk"),
        },
      ),
      source: { section: T1, quote: NEAR_NORMAL_QUOTE },
    },
  ],
  schedule: {
    timepoints: [
      { label: "month 6", day: 183, windowDays: 30 },
      { label: "month 12", day: 365, windowDays: 45 },
    ],
    source: {
      section: T1,
      quote: "preferably by 6 months, and no later than 12 months, from the start of treatment",
    },
    note: "A month is 30.4375 days (365.25 / 12), rounded to the nearest day. The guideline gives no visit windows; the library uses ±30 days at month 6 and ±45 days at month 12, a parameter of every time-point function.",
  },
  notes: [
    "Evidence: CR and PR were read in Table 1 (statement 3.2) of the primary text and Table 2 ('UPCR <50 mg/mmol and normal/near-normal GFR'). The NR label and the 'within-10-of-baseline' reading come from Parikh 2020's reproduction (secondary); the normal-GFR and subnephrotic numbers are not in the text and carry their own evidence in their readings. The object is 'unverified' because its default CR and PR need a number for 'normal GFR' (90 mL/min/1.73 m², reading normalGfr '90') that no source read gives that meaning (it was labelled verified, borrowing BLISS-LN's 'or ≥ 90', until 1.1.0); the CR/PR wording itself is verified.",
    "The table prints 'UPCR <50 mg/mol'; mg/mmol is meant (Table 2 of the same paper prints mg/mmol). The threshold is kept as printed in mg/mmol. The paper pairs it with 'proteinuria <0.5 g/24 h' (abstract), the usual 1 g/g = 100 mg/mmol pairing, so a UPCR in g/g or mg/g is related to it by the parameter upcrConversion: 'printed' (default: 0.5 g/g is 50 mg/mmol, not CR; 0.45 g/g is 45 mg/mmol, CR) or 'exact' (1 mg/mmol = 1/113.12 g/g: 50 mg/mmol ≈ 0.442 g/g, so 0.45 g/g is 50.9 mg/mmol, not CR).",
    "Proteinuria measure: the table (the recommendation itself) is written for UPCR, so the object is; the abstract words CR as 'proteinuria <0.5 g/24 h'. The library does not make the abstract's wording a reading: a 24-h urine protein is used only with allowProteinuriaSubstitution (g/24h read as g/g, reported). Under the default upcrConversion 'printed' the two wordings agree (0.45 g/24h read as 0.45 g/g is 45 mg/mmol, CR); under 'exact' they differ near the cut-off (50.9 mg/mmol, not CR, although < 0.5 g/24 h).",
    "Baseline is the assessment before treatment: the PR reduction is measured from it, and 'previously abnormal' GFR is read as an abnormal baseline eGFR.",
    "Renal function is judged on eGFR, as the text speaks of GFR; serum creatinine is not read. An eGFR must be supplied (e.g. from egfrCkdEpi2021).",
    "'≥50% reduction' is inclusive (exactly 50% is a reduction of at least 50%); 'within 10%' of normal GFR is inclusive (at least 90% of the normal value).",
    "The timing ('preferably by 6 months … no later than 12 months') is a schedule, not a clause: each assessment is classified on its own.",
  ],
});
