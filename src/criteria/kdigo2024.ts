/**
 * Kidney Disease: Improving Global Outcomes (KDIGO) Lupus Nephritis Work Group.
 * KDIGO 2024 Clinical Practice Guideline for the Management of Lupus Nephritis.
 * Kidney Int 2024;105(1S):S1–S69 (a focused update of the lupus nephritis chapter
 * of the KDIGO 2021 glomerular diseases guideline, Kidney Int 2021;100(4S):S1–S276,
 * doi:10.1016/j.kint.2021.05.021).
 *
 * Response definitions, as reproduced by secondary summaries (a table built from
 * the KDIGO 2024 PDF, and a guideline summary), paraphrased: complete response —
 * proteinuria < 0.5 g/g (50 mg/mmol) measured as the PCR of a 24-h urine
 * collection, with stabilisation or improvement in kidney function (±10–15% of
 * baseline), within 6–12 months of starting therapy (could take more than 12
 * months); partial response — proteinuria reduced by at least 50% and to < 3 g/g
 * (300 mg/mmol), with the same kidney-function condition, within 6–12 months; no
 * kidney response — failure to achieve a partial or complete response within
 * 6–12 months. The primary figure was NOT read.
 *
 * @module
 */
import type { Expr } from "../ir/expr.js";
import { all, any, at, bind, change, cmp, q, ref, withReadingTypes } from "./build.js";
import { UPCR_CONVERSIONS, upcrConversionParameter } from "./upcr-conversion.js";

const DEF = "Response definitions (as reproduced by secondary summaries)";
const UPCR = "PCR (24-h urine)";
const KF_QUOTE = "stabilization or improvement in kidney function (±10–15% of baseline)";

const egfrFallAtMost: Expr = cmp(
  "kf-egfr-fall",
  "fall in eGFR from baseline",
  change("percentDecrease", "egfr"),
  "<=",
  { bind: "kidneyBand" },
  { section: DEF, quote: KF_QUOTE },
);

const scrRiseAtMost: Expr = cmp(
  "kf-scr-rise",
  "rise in serum creatinine from baseline",
  change("percentIncrease", "serumCreatinine"),
  "<=",
  { bind: "kidneyBand" },
  { section: DEF, quote: KF_QUOTE },
);

const reduction50 = cmp(
  "pr-pcr-drop-50",
  `reduction in ${UPCR} from baseline`,
  change("percentDecrease", "upcr"),
  ">=",
  q(50, "%"),
  { section: DEF, quote: "reduction in proteinuria by at least 50%" },
);

/**
 * KDIGO 2024 renal response (CR / PR / NR), as reproduced by secondary summaries,
 * with overall response (CR or PR) as end point. (KDIGO 2021's definitions are
 * believed to be the same, but the 2021 text was not read: the object is KDIGO 2024's.)
 *
 * Interpretation parameters:
 * - `kidneyFunctionBand` — "±10–15% of baseline": `'10'` (default) or `'15'`.
 * - `kidneyFunctionMetric` — which measure of kidney function the band applies
 *   to: `'egfr'` (default: eGFR falls by at most the band) or `'creatinine'`
 *   (serum creatinine rises by at most the band).
 *
 * The text leaves a region without a category: proteinuria halved but still
 * ≥ 3 g/g. Such an assessment is reported NR with the gap
 * `halved-but-nephrotic` flagged (before 12 months it is "not yet" a response
 * rather than a failure).
 *
 * @example
 * ```ts
 * import { classifyResponse, criteria } from 'lupus-renal-criteria';
 * const r = classifyResponse(criteria.kdigo2024, {
 *   baseline: { proteinuria: { value: 2.4, unit: 'g/g' }, egfr: { value: 70, unit: 'mL/min/1.73m2' },
 *               serumCreatinine: { value: 80, unit: 'umol/L' } },
 *   current: { proteinuria: { value: 0.8, unit: 'g/g' }, egfr: { value: 61, unit: 'mL/min/1.73m2' },
 *              serumCreatinine: { value: 90, unit: 'umol/L' } },
 * });
 * r.category; // 'NR' (eGFR fell 12.9%: outside ±10%)
 * r.sensitiveTo; // ['kidneyFunctionBand'] (PR under ±15%)
 * ```
 * @category Shipped definitions
 */
export const kdigo2024 = withReadingTypes({
  kind: "response",
  id: "kdigo2024",
  version: "1.1.0",
  title: "KDIGO 2024 renal response in lupus nephritis",
  citation: {
    short: "KDIGO 2024",
    authors: "Kidney Disease: Improving Global Outcomes (KDIGO) Lupus Nephritis Work Group",
    year: 2024,
    title: "KDIGO 2024 Clinical Practice Guideline for the Management of Lupus Nephritis",
    journal: "Kidney Int 105(1S):S1–S69",
    url: "https://github.com/TTUNEPH2025/GN/blob/main/docs/Lupus.md",
  },
  locator: { section: DEF },
  evidence: "secondary",
  proteinuriaMeasure: "upcr",
  conversions: UPCR_CONVERSIONS,
  parameters: {
    kidneyFunctionBand: {
      description:
        "Kidney function must be stable or improved '±10–15% of baseline': a range, not one band.",
      source: { section: DEF, quote: KF_QUOTE },
      default: "10",
      readings: {
        "10": {
          label: "worsening of at most 10%",
          rationale: "Default: the narrower end of the range; it cannot overstate a response.",
          bindings: { kidneyBand: q(10, "%") },
        },
        "15": {
          label: "worsening of at most 15%",
          rationale: "The wider end of the printed range.",
          bindings: { kidneyBand: q(15, "%") },
        },
      },
    },
    kidneyFunctionMetric: {
      description:
        "'Kidney function' is not named as serum creatinine or eGFR; a 10% change is not the same on the two scales (eGFR is not linear in creatinine).",
      source: { section: DEF, quote: KF_QUOTE },
      default: "egfr",
      readings: {
        egfr: {
          label: "eGFR fall of at most the band",
          rationale:
            "Default: KDIGO measures kidney function as GFR (its CKD categories are GFR categories), and the trial end point KDIGO 2024 shows beside its definitions (BLISS-LN PERR) is eGFR-based. A rise in eGFR (improvement) always passes.",
          bindings: { kidneyFunctionOk: egfrFallAtMost },
        },
        creatinine: {
          label: "serum creatinine rise of at most the band",
          rationale:
            "Serum creatinine, as in KDIGO 2012's response definitions (SCr ±25%) which this band replaced. A fall in creatinine (improvement) always passes.",
          bindings: { kidneyFunctionOk: scrRiseAtMost },
        },
      },
    },
    upcrConversion: upcrConversionParameter(
      { section: DEF, quote: "proteinuria <0.5 g/g (50 mg/mmol)" },
      "< 0.5 g/g (50 mg/mmol); < 3 g/g (300 mg/mmol)",
    ),
  },
  categories: [
    {
      name: "CR",
      label: "complete response",
      source: { section: DEF, quote: "Complete response" },
      expr: all(
        "cr",
        "complete response",
        cmp("cr-pcr", UPCR, at("upcr", "current"), "<", q(0.5, "g/g"), {
          section: DEF,
          quote:
            "proteinuria <0.5 g/g (50 mg/mmol) measured as the PCR from a 24-h urine collection",
        }),
        bind("kidneyFunctionOk"),
      ),
    },
    {
      name: "PR",
      label: "partial response",
      source: { section: DEF, quote: "Partial response" },
      expr: all(
        "pr",
        "partial response",
        reduction50,
        cmp("pr-pcr-below-3", UPCR, at("upcr", "current"), "<", q(3, "g/g"), {
          section: DEF,
          quote: "and to <3 g/g (300 mg/mmol) measured as the PCR from a 24-h urine collection",
        }),
        bind("kidneyFunctionOk"),
      ),
    },
  ],
  noResponse: {
    label: "no kidney response",
    source: {
      section: DEF,
      quote:
        "failure to achieve a partial or complete response within 6–12 months of starting therapy",
    },
  },
  endpoints: [
    {
      name: "OR",
      label: "overall response (CR or PR)",
      source: { section: DEF },
      expr: any("or", "CR or PR", ref("CR"), ref("PR")),
    },
  ],
  gaps: [
    {
      id: "halved-but-nephrotic",
      description:
        "Proteinuria fell by at least 50% but is still ≥ 3 g/g: neither CR nor PR. KDIGO's no-response is 'failure to achieve a partial or complete response within 6–12 months', so before 12 months such an assessment is 'not yet' a response rather than a failure. The library classifies each assessment on its own and reports NR.",
      reportedAs: "NR",
      when: all(
        "gap-halved-nephrotic",
        "proteinuria halved but still ≥ 3 g/g",
        reduction50,
        cmp("gap-pcr-at-least-3", UPCR, at("upcr", "current"), ">=", q(3, "g/g"), {
          section: DEF,
          quote: "to <3 g/g (300 mg/mmol)",
        }),
      ),
      source: { section: DEF, quote: "within 6–12 months of starting therapy" },
    },
  ],
  schedule: {
    timepoints: [
      { label: "month 6", day: 183, windowDays: 30 },
      { label: "month 12", day: 365, windowDays: 45 },
    ],
    source: { section: DEF, quote: "within 6–12 months of starting therapy" },
    note: "A month is 30.4375 days (365.25 / 12), rounded to the nearest day. The guideline gives a window (6–12 months, CR possibly later), not visits; the library uses months 6 and 12 with ±30 and ±45 days, a parameter of every time-point function.",
  },
  notes: [
    "Evidence: secondary. The definitions were read in two secondary reproductions (GitHub TTUNEPH2025/GN docs/Lupus.md, a table built from the KDIGO 2024 PDF; and a droracle.ai KDIGO 2024 summary), not in the guideline's figure. The guideline's DOI (10.1016/j.kint.2023.09.002) is unverified and is therefore not in the citation. KDIGO 2021's definitions are believed to be the same (unverified): the 2021 text was not read, so the object is titled KDIGO 2024 only (until 1.1.0 it was titled 'KDIGO 2021/2024').",
    "Thresholds are kept in g/g as printed, with the guideline's own pairs (0.5 g/g = 50 mg/mmol, 3 g/g = 300 mg/mmol: 1 g/g = 100 mg/mmol). A UPCR in mg/mmol is related to them by the parameter upcrConversion: 'printed' (default, the guideline's pairing: 50 mg/mmol is 0.5 g/g, not CR) or 'exact' (1 mg/mmol = 1/113.12 g/g: 50 mg/mmol is 0.442 g/g, CR). A result reports which was used when it converted between the two families.",
    "Specimen: KDIGO asks for the PCR of a 24-h urine collection. The library's input carries a UPCR without its specimen, so a spot UPCR is accepted as if it were a 24-h PCR; a 24-h urine protein in g/24h is used only with allowProteinuriaSubstitution (reported).",
    "'Stabilization or improvement in kidney function (±10–15% of baseline)' is read as worsening of at most the band (inclusive); improvement of any size passes. This is how the library reads the same construct everywhere ('stabilized or improved, within ±x%': kdigo2012, alms2009, eular2019's default, zhang2023's default since 1.1.0): the words accept an improvement, and the band says what 'stable' allows. A symmetric reading (a fall of more than the band failing) is not offered here; zhang2023 keeps it as a reading (creatinineBand 'symmetric') because its parenthesis defines the whole phrase ('a sCr change within ±25%').",
    "Baseline is not defined by the text (before the flare, or at the start of therapy); the input's baseline is used for both the proteinuria reduction and kidney function. 'At least 50%' is inclusive.",
    "The BLISS-LN primary efficacy renal response that KDIGO 2024 shows beside its definitions is a trial end point, not a KDIGO category, and is not part of this object (see blissln2020).",
  ],
});
