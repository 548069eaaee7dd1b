/**
 * Appel GB, Contreras G, Dooley MA, et al. Mycophenolate mofetil versus
 * cyclophosphamide for induction treatment of lupus nephritis (Aspreva Lupus
 * Management Study, ALMS). J Am Soc Nephrol 2009;20:1103–12.
 *
 * The primary article's Methods were NOT read. The primary end point (week 24,
 * "response") is known from two secondary sources that word its proteinuria rule
 * differently:
 * > (a) decrease in UPCR by ≥ 50% from baseline (or to < 3 if baseline ≥ 3)
 * >     — The Rheumatologist review;
 * > (b) PCR < 3 if baseline is nephrotic, or improvement ≥ 50% if subnephrotic
 * >     — Hindawi BMRI 2017, Table 1;
 * together with "stable or improved serum creatinine". The ±25% creatinine band
 * and the complete-remission definition are from memory (unverified).
 *
 * @module
 */

import type { Expr } from "../ir/expr.js";
import type { InterpretationParameter } from "../ir/types.js";
import { all, any, at, bind, change, cmp, q, ref, withReadingTypes } from "./build.js";
import { ACR2012_SEDIMENT, creatinineReferenceParameter } from "./reference-values.js";

const PRIMARY = "Primary end point (week 24), as reproduced by secondary sources";
const SECONDARY = "Secondary end point: complete remission (week 24) [unverified]";
const RHEUM =
  "The Rheumatologist review, https://the-rheumatologist.org/article/reading-rheum-14/5";
const HINDAWI =
  "Hindawi BMRI 2017, Table 1, https://www.hindawi.com/journals/bmri/2017/5312960/tab1";
const UPCR = "UPCR";

const baselineNephrotic = (id: string, quote: string): Expr =>
  cmp(id, `baseline ${UPCR}`, at("upcr", "baseline"), ">=", q(3, "g/g"), {
    section: PRIMARY,
    quote,
  });

const fall50 = (id: string, quote: string): Expr =>
  cmp(
    id,
    `decrease in ${UPCR} from baseline`,
    change("percentDecrease", "upcr"),
    ">=",
    q(50, "%"),
    {
      section: PRIMARY,
      quote,
    },
  );

const below3 = (id: string, quote: string): Expr =>
  cmp(id, UPCR, at("upcr", "current"), "<", q(3, "g/g"), { section: PRIMARY, quote });

/** Reading (b): the target is set by the baseline — < 3 if nephrotic, a ≥ 50% fall otherwise. */
const byBaseline: Expr = {
  op: "if",
  id: "upcr-response",
  label: "UPCR response (target set by the baseline level)",
  cond: baselineNephrotic("baseline-nephrotic", "if baseline is nephrotic"),
  whenMet: below3("upcr-below-3", "PCR < 3 if baseline is nephrotic"),
  whenNotMet: fall50("upcr-fall-50", "improvement ≥ 50% if subnephrotic"),
};

/** Reading (a): a ≥ 50% fall always counts; a nephrotic baseline may instead reach < 3. */
const either: Expr = any(
  "upcr-response",
  "UPCR response (a ≥ 50% fall, or < 3 from a baseline ≥ 3)",
  fall50("upcr-fall-50", "decrease in UPCR by ≥ 50% from baseline"),
  all(
    "upcr-nephrotic-below-3",
    "from a baseline ≥ 3 to below 3",
    baselineNephrotic("baseline-nephrotic", "if baseline ≥ 3"),
    below3("upcr-below-3", "or to < 3 if baseline ≥ 3"),
  ),
);

const nephroticRule: InterpretationParameter = {
  description:
    "The proteinuria part of the primary response is reproduced two ways. (a) 'decrease in UPCR by ≥ 50% from baseline (or to < 3 if baseline ≥ 3)': for a nephrotic baseline either a ≥ 50% fall or reaching < 3 counts. (b) 'PCR < 3 if baseline is nephrotic, or improvement ≥ 50% if subnephrotic': for a nephrotic baseline only reaching < 3 counts. The two differ only for a baseline UPCR ≥ 3 that falls by ≥ 50% but stays at or above 3.",
  source: { section: PRIMARY, quote: "a prespecified decrease in UPCR" },
  default: "by-baseline",
  readings: {
    "by-baseline": {
      label: "< 3 if baseline ≥ 3; ≥ 50% fall if baseline < 3",
      rationale:
        "Default: the stricter of the two (it cannot overstate response), and the reading the research notes recall for the primary Methods (that recollection itself is unverified).",
      bindings: { upcrResponse: byBaseline },
      evidence: "secondary",
      reference: HINDAWI,
    },
    either: {
      label: "≥ 50% fall, or < 3 if baseline ≥ 3",
      rationale:
        "The parenthesis read as an extra way to respond for nephrotic patients, as in the review's wording.",
      bindings: { upcrResponse: either },
      evidence: "secondary",
      reference: RHEUM,
    },
  },
};

const creatinineReference: InterpretationParameter = creatinineReferenceParameter(
  { section: SECONDARY, quote: "[U] return to normal SCr" },
  "Complete remission requires a 'return to normal serum creatinine'.",
);

/**
 * ALMS induction (Appel 2009) renal response at week 24: the primary end point
 * ("response": a prespecified fall in UPCR and stable or improved serum
 * creatinine) and the secondary complete remission.
 *
 * Categories: `CR` = complete remission (unverified definition); `PR` = the
 * primary-end-point response without complete remission. End points: `response`
 * (the primary end point itself, whatever the category) and `completeRemission`.
 *
 * Interpretation parameters:
 * - `nephroticRule` — the two published readings of the nephrotic rule:
 *   `'by-baseline'` (default; < 3 if baseline ≥ 3, a ≥ 50% fall otherwise) or
 *   `'either'` (a ≥ 50% fall, or < 3 from a baseline ≥ 3).
 * - `creatinineReference` — default upper limit of normal serum creatinine:
 *   `'mayo-clinic'` (default) or `'enzymatic-assay'`.
 *
 * Evidence: `unverified` — the UPCR rule is secondary, but the ±25% creatinine
 * band and the complete-remission definition were not checked in any source.
 *
 * @example
 * ```ts
 * import { classifyResponse, criteria } from 'lupus-renal-criteria';
 * const r = classifyResponse(criteria.alms2009, {
 *   baseline: { proteinuria: { value: 4, unit: 'g/g' }, serumCreatinine: { value: 80, unit: 'umol/L' } },
 *   current: { proteinuria: { value: 1.8, unit: 'g/g' }, serumCreatinine: { value: 85, unit: 'umol/L' } },
 * });
 * r.category; // 'PR' (nephrotic baseline, now < 3; creatinine +6%)
 * ```
 * @category Shipped definitions
 */
export const alms2009 = withReadingTypes({
  kind: "response",
  id: "alms2009",
  version: "1.1.0",
  title: "ALMS induction (Appel 2009) renal response, week 24",
  citation: {
    short: "ALMS (Appel 2009)",
    authors: "Appel GB, Contreras G, Dooley MA, et al.",
    year: 2009,
    title:
      "Mycophenolate mofetil versus cyclophosphamide for induction treatment of lupus nephritis",
    journal: "J Am Soc Nephrol 20:1103–12",
    url: "https://www.hindawi.com/journals/bmri/2017/5312960/tab1",
  },
  locator: { section: PRIMARY },
  evidence: "unverified",
  proteinuriaMeasure: "upcr",
  parameters: { nephroticRule, creatinineReference },
  categories: [
    {
      name: "CR",
      label: "complete remission (secondary end point)",
      source: { section: SECONDARY },
      expr: all(
        "cr",
        "complete remission",
        cmp("cr-upcr", UPCR, at("upcr", "current"), "<", q(0.5, "g/g"), {
          section: SECONDARY,
          quote: "[U] urine protein ≤ 0.5 g/24 h (UPCR < 0.5)",
        }),
        {
          op: "fact",
          id: "cr-creatinine-normal",
          label: "serum creatinine",
          fact: "serumCreatinineNormal",
          params: { defaultUpperLimit: { bind: "creatinineUpperLimit" } },
          source: { section: SECONDARY, quote: "[U] return to normal SCr" },
        },
        {
          op: "fact",
          id: "cr-sediment",
          label: "urine sediment inactive",
          fact: "urineSedimentNormal",
          params: ACR2012_SEDIMENT,
          source: {
            section: SECONDARY,
            quote: "[U] inactive sediment (≤ 5 WBC/hpf, ≤ 5 RBC/hpf, no cellular casts)",
          },
        },
      ),
    },
    {
      name: "PR",
      label: "response (primary end point) without complete remission",
      source: {
        section: PRIMARY,
        quote:
          "a prespecified decrease in UPCR and stabilization or improvement in serum creatinine",
      },
      expr: all(
        "response",
        "response (primary end point)",
        bind("upcrResponse"),
        cmp(
          "scr-rise-at-most-25",
          "rise in serum creatinine from baseline",
          change("percentIncrease", "serumCreatinine"),
          "<=",
          q(25, "%"),
          {
            section: PRIMARY,
            quote: "[U] stabilization (±25%) or improvement in serum creatinine",
          },
        ),
      ),
    },
  ],
  noResponse: {
    label: "no response",
    source: { section: PRIMARY, quote: "neither complete remission nor the primary response" },
  },
  endpoints: [
    {
      name: "response",
      label: "response (primary end point, week 24)",
      source: { section: PRIMARY },
      expr: ref("PR"),
    },
    {
      name: "completeRemission",
      label: "complete remission (secondary end point, week 24)",
      source: { section: SECONDARY },
      expr: ref("CR"),
    },
  ],
  gaps: [],
  schedule: {
    timepoints: [{ label: "week 24", day: 168, windowDays: 28 }],
    source: { section: "Design", quote: "24-week induction" },
    note: "The secondary sources give no visit window; the library uses ±28 days (4 weeks), a parameter of every time-point function.",
  },
  notes: [
    "Evidence is 'unverified', the weakest level of the numbers used: the UPCR rule (< 3, ≥ 50%, nephrotic at ≥ 3) is secondary ([V2], two reviews); the ±25% creatinine band of the primary response and the whole complete-remission definition (UPCR < 0.5, normal creatinine, ≤ 5 RBC and ≤ 5 WBC per hpf, no cellular casts) are unverified ([U]).",
    "The primary article's Methods were not read. The DOI 10.1681/ASN.2008101028 is unverified and is therefore not given as the citation's DOI.",
    "Baseline is study entry (start of induction); response is judged at week 24.",
    "'Stabilization (±25%) or improvement' is read as a rise of at most 25% (inclusive); any fall is an improvement and passes.",
    "A 'nephrotic' baseline is read as UPCR ≥ 3 (the '(or to < 3 if baseline ≥ 3)' wording of reading (a)); reading (b) names no threshold.",
    "The sources print the ratio without a unit (a mass ratio); thresholds are stored in g/g (= mg/mg). A UPCR in mg/g or mg/mmol is converted exactly (1 mg/mmol = 1/113.12 g/g).",
    "Complete remission is worded both as 'urine protein ≤ 0.5 g/24 h' and as 'UPCR < 0.5'; this object reads the UPCR (< 0.5), so the two differ at exactly 0.5.",
    "Categories are tried in order: CR (complete remission) before PR (the primary response). A patient can be in complete remission without meeting the primary response (e.g. a baseline UPCR of 0.8 falling to 0.45, a 44% fall); the end point `response` reports the primary end point on its own.",
  ],
});
