/**
 * Moroni G, et al. Lupus Sci Med 2022;9:e000721. doi:10.1136/lupus-2022-000721,
 * Table 1 (definitions, citing their reference 21).
 *
 * > Nephritic flare: SCr up ≥30% over the last value, with a nephritic urinary
 * > sediment, with or without more proteinuria. Proteinuric flare: a rise in
 * > proteinuria of ≥2 g/24 h without a change in SCr if the previous value was
 * > <3.5 g/24 h; or a doubling if the previous value was ≥3.5 g/24 h.
 *
 * @module
 */

import type { FlareCriteria } from "../ir/types.js";
import { all, at, change, cmp, q } from "./build.js";

const T1 = "Table 1";

/**
 * Moroni 2022 renal flares: nephritic (creatinine ≥ 30% over the last value with
 * a nephritic sediment) and proteinuric (≥ 2 g/24 h rise from < 3.5 g/24 h, or a
 * doubling from ≥ 3.5 g/24 h, without a change in creatinine).
 *
 * Interpretation parameter `creatinineUnchanged` — "without a change in SCr":
 * `'below-nephritic'` (default: a rise of less than 30%) or `'within-10'`
 * (|change| ≤ 10%).
 *
 * @example
 * ```ts
 * import { detectFlares, flares } from 'lupus-renal-criteria';
 * const r = detectFlares(flares.moroni2022, {
 *   id: 'p', baseline: { serumCreatinine: { value: 70, unit: 'umol/L' }, proteinuria: { value: 0.3, unit: 'g/24h' } },
 *   visits: [{ day: 120, labs: { serumCreatinine: { value: 95, unit: 'umol/L' }, proteinuria: { value: 0.5, unit: 'g/24h' },
 *     urineSediment: { rbcPerHpf: 25, cellularCasts: true } } }],
 * });
 * r.flares[0]?.grade; // 'nephritic' (+35.7%)
 * ```
 * @category Shipped definitions
 */
export const moroni2022: FlareCriteria = {
  kind: "flare",
  id: "moroni2022",
  version: "1.0.1",
  title: "Moroni 2022 nephritic and proteinuric renal flares",
  citation: {
    short: "Moroni 2022",
    authors: "Moroni G, et al.",
    year: 2022,
    title: "Lupus nephritis definitions (Table 1)",
    journal: "Lupus Sci Med 9:e000721",
    doi: "10.1136/lupus-2022-000721",
  },
  locator: { section: T1 },
  evidence: "verified",
  scope: "visits",
  reference: "previous-visit",
  parameters: {
    creatinineUnchanged: {
      description: "A proteinuric flare is 'without a change in SCr', which is not quantified.",
      source: { section: T1, quote: "without a change in SCr" },
      default: "below-nephritic",
      readings: {
        "below-nephritic": {
          label: "creatinine rise < 30%",
          rationale:
            "Default: any creatinine change short of the nephritic-flare threshold; the two flare kinds then do not overlap.",
          bindings: {
            scrUnchanged: cmp(
              "scr-unchanged",
              "rise in serum creatinine from the last value",
              change("percentIncrease", "serumCreatinine"),
              "<",
              q(30, "%"),
              {
                section: T1,
                quote: "without a change in SCr",
              },
            ),
          },
        },
        "within-10": {
          label: "creatinine within ±10%",
          rationale: "A stricter reading of 'no change', the usual laboratory variability band.",
          bindings: {
            scrUnchanged: cmp(
              "scr-unchanged",
              "change in serum creatinine from the last value",
              change("absPercentChange", "serumCreatinine"),
              "<=",
              q(10, "%"),
              {
                section: T1,
                quote: "without a change in SCr",
              },
            ),
          },
        },
      },
    },
  },
  grades: [
    {
      name: "nephritic",
      label: "nephritic flare",
      source: {
        section: T1,
        quote: "SCr up ≥30% over the last value, with a nephritic urinary sediment",
      },
      expr: all(
        "nephritic",
        "nephritic flare",
        cmp(
          "scr-up-30",
          "rise in serum creatinine over the last value",
          change("percentIncrease", "serumCreatinine"),
          ">=",
          q(30, "%"),
          {
            section: T1,
            quote: "SCr up ≥30% over the last value",
          },
        ),
        {
          op: "not",
          id: "nephritic-sediment",
          label: "nephritic (active) urinary sediment",
          of: {
            op: "fact",
            id: "sediment-normal",
            label: "urine sediment normal",
            fact: "urineSedimentNormal",
            params: { rbcMax: 5, wbcMax: 5, inclusive: true },
            source: { section: T1, quote: "with a nephritic urinary sediment" },
          },
        },
      ),
    },
    {
      name: "proteinuric",
      label: "proteinuric flare",
      source: {
        section: T1,
        quote:
          "a rise in proteinuria of ≥2 g/24 h … or a doubling if the previous value was ≥3.5 g/24 h",
      },
      expr: all(
        "proteinuric",
        "proteinuric flare",
        {
          op: "if",
          id: "proteinuria-rise",
          label: "rise in 24-h urine protein, by the previous level",
          cond: cmp(
            "previous-below-3.5",
            "previous 24-h urine protein",
            at("proteinuria24h", "baseline"),
            "<",
            q(3.5, "g/24h"),
            {
              section: T1,
              quote: "if the previous value was <3.5 g/24 h",
            },
          ),
          whenMet: cmp(
            "rise-2g",
            "rise in 24-h urine protein",
            change("increase", "proteinuria24h"),
            ">=",
            q(2, "g/24h"),
            {
              section: T1,
              quote: "a rise in proteinuria of ≥2 g/24 h",
            },
          ),
          whenNotMet: cmp(
            "doubling",
            "24-h urine protein in percent of the previous value",
            change("percentOfBaseline", "proteinuria24h"),
            ">=",
            q(200, "%"),
            {
              section: T1,
              quote: "a doubling if the previous value was ≥3.5 g/24 h",
            },
          ),
        },
        { op: "bind", name: "scrUnchanged" },
      ),
    },
  ],
  notes: [
    "The 'nephritic urinary sediment' is read as an active sediment (> 5 RBC or WBC per hpf, or cellular casts; ACR 2012), or the laboratory's verdict.",
    "Each visit is compared with the previous one ('the last value'); the first visit with the baseline.",
  ],
};
