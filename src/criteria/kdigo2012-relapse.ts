/**
 * KDIGO Clinical Practice Guideline for Glomerulonephritis, chapter 12 (lupus
 * nephritis). Kidney Int Suppl 2012;2:221–232. doi:10.1038/kisup.2012.25.
 * Table 29, "Criteria for the diagnosis of lupus nephritis relapse" (mild,
 * moderate, severe), https://pmc.ncbi.nlm.nih.gov/articles/PMC4089588/table/tbl29
 *
 * @module
 */
import type { Expr } from "../ir/expr.js";
import type { FlareCriteria } from "../ir/types.js";
import { all, any, at, bind, change, cmp, q } from "./build.js";
import { UPCR_CONVERSIONS, upcrConversionParameter } from "./upcr-conversion.js";

const T29 = "Table 29";
const src = (quote: string) => ({ section: T29, quote });

const scrBaseBelow2 = cmp(
  "scr-ref-below-2",
  "previous serum creatinine",
  at("serumCreatinine", "baseline"),
  "<",
  q(2, "mg/dL"),
  src("baseline SCr <2.0 mg/dl"),
);
const scrBaseAtLeast2 = cmp(
  "scr-ref-at-least-2",
  "previous serum creatinine",
  at("serumCreatinine", "baseline"),
  ">=",
  q(2, "mg/dL"),
  src("baseline SCr ≥2.0 mg/dl"),
);
const scrRise = (id: string, cmpOp: "<=" | ">=" | ">", mgdl: number, quote: string) =>
  cmp(
    id,
    "rise in serum creatinine",
    change("increase", "serumCreatinine"),
    cmpOp,
    q(mgdl, "mg/dL"),
    src(quote),
  );
const upcrRef = (id: string, cmpOp: "<" | "<=" | ">" | ">=", mgg: number, quote: string) =>
  cmp(id, "previous UPCR", at("upcr", "baseline"), cmpOp, q(mgg, "mg/g"), src(quote));
const upcrNow = (id: string, cmpOp: "<" | ">=" | ">", mgg: number, quote: string) =>
  cmp(id, "UPCR", at("upcr", "current"), cmpOp, q(mgg, "mg/g"), src(quote));

const moderateCreatinine: Expr = any(
  "moderate-scr",
  "moderate creatinine rise",
  all(
    "moderate-scr-low",
    "baseline < 2.0 mg/dL: rise of 0.20–1.0 mg/dL",
    scrBaseBelow2,
    scrRise("rise-at-least-0.2", ">=", 0.2, "an increase of 0.20–1.0 mg/dl"),
    scrRise("rise-at-most-1", "<=", 1.0, "an increase of 0.20–1.0 mg/dl"),
  ),
  all(
    "moderate-scr-high",
    "baseline ≥ 2.0 mg/dL: rise of 0.40–1.5 mg/dL",
    scrBaseAtLeast2,
    scrRise("rise-at-least-0.4", ">=", 0.4, "an increase of 0.40–1.5 mg/dl"),
    scrRise("rise-at-most-1.5", "<=", 1.5, "an increase of 0.40–1.5 mg/dl"),
  ),
);

const moderateUpcr: Expr = any(
  "moderate-upcr",
  "moderate UPCR rise",
  all(
    "moderate-upcr-low",
    "baseline < 500 mg/g: rise to ≥ 1000 mg/g",
    upcrRef("ref-below-500", "<", 500, "baseline <500 mg/g"),
    upcrNow("now-at-least-1000", ">=", 1000, "an increase to ≥1000 mg/g"),
  ),
  all(
    "moderate-upcr-mid",
    "baseline 500–1000 mg/g: rise to ≥ 2000 mg/g, below 5000 mg/g",
    upcrRef("ref-at-least-500", ">=", 500, "baseline 500–1000 mg/g"),
    upcrRef("ref-at-most-1000", "<=", 1000, "baseline 500–1000 mg/g"),
    upcrNow("now-at-least-2000", ">=", 2000, "an increase to ≥2000 mg/g"),
    upcrNow("now-below-5000", "<", 5000, "but less than absolute uPCR 5000 mg/g"),
  ),
  all(
    "moderate-upcr-high",
    "baseline > 1000 mg/g: at least a twofold rise, below 5000 mg/g",
    upcrRef("ref-above-1000", ">", 1000, "baseline >1000 mg/g"),
    cmp(
      "twofold",
      "UPCR in percent of the previous value",
      change("percentOfBaseline", "upcr"),
      ">=",
      q(200, "%"),
      src("an increase of ≥2-fold"),
    ),
    upcrNow("now-below-5000-b", "<", 5000, "with absolute uPCR <5000 mg/g"),
  ),
);

/**
 * KDIGO 2012 lupus-nephritis relapse, graded mild / moderate / severe (Table 29).
 *
 * - severe: creatinine rise > 1.0 mg/dL (baseline < 2.0) or > 1.5 mg/dL
 *   (baseline ≥ 2.0), and/or UPCR above 5000 mg/g;
 * - moderate: creatinine rise 0.20–1.0 mg/dL (baseline < 2.0) or 0.40–1.5 mg/dL
 *   (baseline ≥ 2.0), and/or the UPCR rises set by the baseline UPCR;
 * - mild: glomerular haematuria from < 5 to > 15 RBC/hpf with ≥ 2 acanthocytes/hpf,
 *   and/or cellular casts.
 *
 * Interpretation parameter `severeUpcr` — "absolute increase of uPCR > 5000 mg/g":
 * `'reaches'` (default: the UPCR is above 5000 mg/g) or `'rises-by'` (it rose by
 * more than 5000 mg/g).
 *
 * @example
 * ```ts
 * import { detectFlares, flares } from 'lupus-renal-criteria';
 * const r = detectFlares(flares.kdigo2012Relapse, {
 *   id: 'p', baseline: { serumCreatinine: { value: 0.9, unit: 'mg/dL' }, proteinuria: { value: 300, unit: 'mg/g' } },
 *   visits: [{ day: 200, labs: { serumCreatinine: { value: 1.2, unit: 'mg/dL' }, proteinuria: { value: 400, unit: 'mg/g' } } }],
 * });
 * r.flares[0]?.grade; // 'moderate' (creatinine +0.3 mg/dL from below 2.0)
 * ```
 * @category Shipped definitions
 */
export const kdigo2012Relapse: FlareCriteria = {
  kind: "flare",
  id: "kdigo2012Relapse",
  version: "1.1.1",
  title: "KDIGO 2012 lupus nephritis relapse (Table 29)",
  citation: {
    short: "KDIGO 2012",
    authors: "Kidney Disease: Improving Global Outcomes (KDIGO) Glomerulonephritis Work Group",
    year: 2012,
    title: "KDIGO Clinical Practice Guideline for Glomerulonephritis, chapter 12: Lupus nephritis",
    journal: "Kidney Int Suppl 2:221–232",
    doi: "10.1038/kisup.2012.25",
  },
  locator: { section: T29 },
  evidence: "verified",
  scope: "visits",
  reference: "previous-visit",
  conversions: UPCR_CONVERSIONS,
  parameters: {
    severeUpcr: {
      description:
        "Severe relapse includes an 'absolute increase of uPCR >5000 mg/g': reaching more than 5000 mg/g, or rising by more than 5000 mg/g.",
      source: src("absolute increase of uPCR >5000 mg/g"),
      default: "reaches",
      readings: {
        reaches: {
          label: "UPCR above 5000 mg/g",
          rationale:
            "Default: 'absolute' contrasts with the relative (twofold) rises of the moderate grade, i.e. an absolute level; it also meets the moderate grade's 'below 5000 mg/g' without a gap.",
          bindings: {
            severeUpcr: upcrNow(
              "now-above-5000",
              ">",
              5000,
              "absolute increase of uPCR >5000 mg/g",
            ),
          },
        },
        "rises-by": {
          label: "UPCR rose by more than 5000 mg/g",
          rationale: "'Increase of … >5000' read as the size of the rise.",
          bindings: {
            severeUpcr: cmp(
              "rise-above-5000",
              "rise in UPCR",
              change("increase", "upcr"),
              ">",
              q(5000, "mg/g"),
              src("absolute increase of uPCR >5000 mg/g"),
            ),
          },
        },
      },
    },
    upcrConversion: upcrConversionParameter(
      src("<500 mg/g (<50 mg/mmol)"),
      "500 mg/g (50 mg/mmol), 1000 mg/g (100 mg/mmol), 2000 mg/g (200 mg/mmol), 5000 mg/g (500 mg/mmol)",
    ),
  },
  grades: [
    {
      name: "severe",
      label: "severe relapse",
      source: src("Severe"),
      expr: any(
        "severe",
        "severe relapse",
        all(
          "severe-scr-low",
          "baseline < 2.0 mg/dL: rise > 1.0 mg/dL",
          scrBaseBelow2,
          scrRise("rise-above-1", ">", 1.0, "an increase of >1.0 mg/dl"),
        ),
        all(
          "severe-scr-high",
          "baseline ≥ 2.0 mg/dL: rise > 1.5 mg/dL",
          scrBaseAtLeast2,
          scrRise("rise-above-1.5", ">", 1.5, "an increase of >1.5 mg/dl"),
        ),
        bind("severeUpcr"),
      ),
    },
    {
      name: "moderate",
      label: "moderate relapse",
      source: src("Moderate"),
      expr: any("moderate", "moderate relapse", moderateCreatinine, moderateUpcr),
    },
    {
      name: "mild",
      label: "mild relapse",
      source: src("Mild"),
      expr: any(
        "mild",
        "mild relapse",
        all(
          "mild-haematuria",
          "glomerular haematuria from < 5 to > 15 RBC/hpf with ≥ 2 acanthocytes/hpf",
          cmp(
            "rbc-ref-below-5",
            "previous urine RBC",
            at("urineRbc", "baseline"),
            "<",
            q(5, "/hpf"),
            src("increase in glomerular hematuria from <5 to >15 RBC/hpf"),
          ),
          cmp(
            "rbc-above-15",
            "urine RBC",
            at("urineRbc", "current"),
            ">",
            q(15, "/hpf"),
            src("to >15 RBC/hpf"),
          ),
          cmp(
            "acanthocytes",
            "acanthocytes",
            at("urineAcanthocytes", "current"),
            ">=",
            q(2, "/hpf"),
            src("with ≥2 acanthocytes/hpf"),
          ),
        ),
        {
          op: "fact",
          id: "casts",
          label: "cellular (RBC or WBC) casts",
          fact: "observation",
          params: { name: "cellularCasts", is: true },
          source: src("and/or recurrence of ≥1 RBC cast, WBC cast (no infection), or both"),
        },
      ),
    },
  ],
  notes: [
    "Table 29 compares with 'baseline'; the library compares each visit with the previous one (the first with the record's baseline).",
    "Gaps of the table: a creatinine rise below 0.20 mg/dL (baseline < 2.0) or below 0.40 mg/dL (baseline ≥ 2.0) is not graded; cast 'recurrence' is read as casts present now.",
    "UPCR thresholds keep the table's mg/g, printed with their mg/mmol pairs (500 mg/g = 50 mg/mmol: 1 g/g = 100 mg/mmol); a UPCR in g/g is converted by SI, one in mg/mmol by the parameter upcrConversion: 'printed' (default, the table's pairing) or 'exact' (1 mg/mmol = 1/113.12 g/g, so 50 mg/mmol is 442 mg/g).",
  ],
};
