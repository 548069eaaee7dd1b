/**
 * Liu Z, Zhang H, Liu Z, et al. Multitarget therapy for induction treatment of
 * lupus nephritis: a randomized trial. Ann Intern Med 2015;162:18–26. PMID 25383558.
 *
 * The abstract (read) gives the design and end points: complete remission at
 * 24 weeks (primary), overall response (complete plus partial remission). The
 * remission definitions themselves were NOT read in any source; they are from
 * memory and unverified:
 * > CR: 24-h urine protein ≤ 0.4 g, inactive urine sediment, serum albumin
 * >     ≥ 35 g/L, and normal serum creatinine (or a rise of no more than about 15%
 * >     from baseline).
 * > PR: ≥ 50% fall in proteinuria and proteinuria < 3.5 g/24 h, serum albumin
 * >     ≥ 30 g/L, stable serum creatinine.
 *
 * @module
 */

import { all, any, at, bind, change, cmp, q, ref, withReadingTypes } from "./build.js";
import { creatinineReferenceParameter, sedimentCutoffParameter } from "./reference-values.js";

const ABS = "Abstract (design and end points)";
const DEF = "Methods, remission definitions [unverified]";
const UP = "24-h urine protein";

const riseAtMost = (id: string, pct: number, quote: string) =>
  cmp(
    id,
    "rise in serum creatinine from baseline",
    change("percentIncrease", "serumCreatinine"),
    "<=",
    q(pct, "%"),
    { section: DEF, quote },
  );

/**
 * Liu 2015 multitarget-induction remission (CR / PR / NR) at 24 weeks, with
 * overall response (CR or PR) as end point.
 *
 * Interpretation parameters:
 * - `prCreatinineStable` — PR's unquantified "stable serum creatinine": `'15'`
 *   (default; a rise of at most 15%, the band of the CR definition) or `'25'`
 *   (at most 25%, the KDIGO 2012 'stable' band).
 * - `sedimentCutoff` — "inactive urine sediment": `'acr2012'` (≤ 5/hpf, default)
 *   or `'strict'` (< 5/hpf).
 * - `creatinineReference` — default upper limit of normal serum creatinine:
 *   `'mayo-clinic'` (default) or `'enzymatic-assay'`.
 *
 * Evidence: `unverified` — every threshold of both definitions is from memory.
 *
 * @example
 * ```ts
 * import { classifyResponse, criteria } from 'lupus-renal-criteria';
 * const r = classifyResponse(criteria.liu2015, {
 *   patient: { sex: 'F' },
 *   baseline: { proteinuria: { value: 4.2, unit: 'g/24h' }, serumCreatinine: { value: 70, unit: 'umol/L' } },
 *   current: { proteinuria: { value: 1.1, unit: 'g/24h' }, serumCreatinine: { value: 72, unit: 'umol/L' },
 *              serumAlbumin: { value: 31, unit: 'g/L' } },
 * });
 * r.category; // 'PR' (74% fall to < 3.5 g/24 h, albumin ≥ 30 g/L)
 * ```
 * @category Shipped definitions
 */
export const liu2015 = withReadingTypes({
  kind: "response",
  id: "liu2015",
  version: "1.1.1",
  title: "Liu 2015 multitarget induction: complete and partial remission, week 24",
  citation: {
    short: "Liu 2015",
    authors: "Liu Z, Zhang H, Liu Z, et al.",
    year: 2015,
    title: "Multitarget therapy for induction treatment of lupus nephritis: a randomized trial",
    journal: "Ann Intern Med 162:18–26 (PMID 25383558)",
    url: "https://step2.medbullets.com/evidence/25383558",
  },
  locator: { section: DEF },
  evidence: "unverified",
  proteinuriaMeasure: "proteinuria24h",
  parameters: {
    prCreatinineStable: {
      description:
        "PR requires 'stable serum creatinine' with no number. The CR definition allows a rise of no more than about 15%; other LN definitions call ±25% stable.",
      source: { section: DEF, quote: "[U] stable SCr" },
      default: "15",
      readings: {
        "15": {
          label: "rise of at most 15%",
          rationale:
            "Default: the only creatinine band the source's own definitions contain (its CR rule); the stricter reading.",
          bindings: {
            prCreatinineStable: riseAtMost("pr-scr-rise-at-most-15", 15, "[U] stable SCr"),
          },
        },
        "25": {
          label: "rise of at most 25%",
          rationale: "The ±25% 'stable' band of KDIGO 2012, read as stable or improved.",
          bindings: {
            prCreatinineStable: riseAtMost("pr-scr-rise-at-most-25", 25, "[U] stable SCr"),
          },
          evidence: "secondary",
          reference: "KDIGO 2012 GN guideline response criteria (clinical-definitions.md §3, [V2])",
        },
      },
    },
    sedimentCutoff: sedimentCutoffParameter(
      { section: DEF, quote: "[U] inactive urine sediment" },
      "CR requires 'inactive urine sediment' without counts.",
    ),
    creatinineReference: creatinineReferenceParameter(
      { section: DEF, quote: "[U] normal SCr" },
      "CR accepts a 'normal serum creatinine'.",
    ),
  },
  categories: [
    {
      name: "CR",
      label: "complete remission",
      source: { section: DEF, quote: "[U] complete remission" },
      expr: all(
        "cr",
        "complete remission",
        cmp("cr-up", UP, at("proteinuria24h", "current"), "<=", q(0.4, "g/24h"), {
          section: DEF,
          quote: "[U] 24-h urine protein ≤ 0.4 g",
        }),
        {
          op: "fact",
          id: "cr-sediment",
          label: "urine sediment inactive",
          fact: "urineSedimentNormal",
          params: { bind: "sedimentParams" },
          source: { section: DEF, quote: "[U] inactive urine sediment" },
        },
        cmp("cr-albumin", "serum albumin", at("serumAlbumin", "current"), ">=", q(35, "g/L"), {
          section: DEF,
          quote: "[U] serum albumin ≥ 35 g/L",
        }),
        any(
          "cr-creatinine",
          "serum creatinine normal, or risen by at most 15%",
          {
            op: "fact",
            id: "cr-creatinine-normal",
            label: "serum creatinine",
            fact: "serumCreatinineNormal",
            params: { defaultUpperLimit: { bind: "creatinineUpperLimit" } },
            source: { section: DEF, quote: "[U] normal SCr" },
          },
          riseAtMost(
            "cr-scr-rise-at-most-15",
            15,
            "[U] or a rise of no more than about 15% from baseline",
          ),
        ),
      ),
    },
    {
      name: "PR",
      label: "partial remission",
      source: { section: DEF, quote: "[U] partial remission" },
      expr: all(
        "pr",
        "partial remission",
        cmp(
          "pr-up-fall-50",
          `decrease in ${UP} from baseline`,
          change("percentDecrease", "proteinuria24h"),
          ">=",
          q(50, "%"),
          { section: DEF, quote: "[U] ≥ 50% fall in proteinuria" },
        ),
        cmp("pr-up-below-3.5", UP, at("proteinuria24h", "current"), "<", q(3.5, "g/24h"), {
          section: DEF,
          quote: "[U] proteinuria < 3.5 g/24 h",
        }),
        cmp("pr-albumin", "serum albumin", at("serumAlbumin", "current"), ">=", q(30, "g/L"), {
          section: DEF,
          quote: "[U] serum albumin ≥ 30 g/L",
        }),
        bind("prCreatinineStable"),
      ),
    },
  ],
  noResponse: {
    label: "no remission",
    source: { section: ABS, quote: "overall response (complete plus partial remission)" },
  },
  endpoints: [
    {
      name: "overallResponse",
      label: "overall response (complete or partial remission)",
      source: { section: ABS, quote: "overall response" },
      expr: any("overall-response", "CR or PR", ref("CR"), ref("PR")),
    },
  ],
  gaps: [],
  schedule: {
    timepoints: [{ label: "week 24", day: 168, windowDays: 28 }],
    source: { section: ABS, quote: "complete remission at 24 weeks" },
    note: "The abstract gives no visit window; the library uses ±28 days (4 weeks), a parameter of every time-point function.",
  },
  notes: [
    "Evidence is 'unverified': the abstract (read) gives only the design and end points; every threshold of CR and PR (0.4 g/24 h, 35 and 30 g/L, 15%, 50%, 3.5 g/24 h) is from memory and must be checked against the Methods before release.",
    "The DOI 10.7326/M14-1030 is unverified and is therefore not given as the citation's DOI; the citation links the abstract that was read.",
    "Baseline is study entry (start of induction); the primary end point is complete remission at 24 weeks.",
    "Serum albumin is a co-condition of both CR (≥ 35 g/L) and PR (≥ 30 g/L), unlike EULAR and KDIGO.",
    "CR's creatinine clause is read as 'normal, or risen by at most 15% from baseline' (either suffices); 'about 15%' is taken as 15%.",
    "The trial measured 24-h urine protein; a spot UPCR is not accepted unless allowProteinuriaSubstitution is set.",
  ],
});
