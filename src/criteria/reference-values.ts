/**
 * Reference values shared by several criteria objects (one place, so the
 * definitions cannot drift apart). Sources: clinical-definitions.md §0
 * (secondary) and, for the Chinese national reference interval, third-party
 * transcriptions of WS/T 404.5-2015 (see {@link creatinineReferenceParameter}).
 *
 * @module
 * @internal
 */
import type { Locator, SedimentParams, SexSpecific } from "../ir/expr.js";
import type { InterpretationParameter } from "../ir/types.js";
import { q } from "./build.js";

/** @internal Mayo Clinic adult serum-creatinine upper limits (women 1.04, men 1.35 mg/dL). */
export const MAYO: SexSpecific = { F: q(91.9, "umol/L"), M: q(119.3, "umol/L") };
/** @internal Enzymatic-assay adult serum-creatinine upper limits (women 1.02, men 1.18 mg/dL). */
export const ENZYMATIC: SexSpecific = { F: q(90, "umol/L"), M: q(104, "umol/L") };
/**
 * @internal Chinese national health-industry standard WS/T 404.5-2015 ("Reference
 * intervals for common clinical biochemistry tests, Part 5: serum urea and
 * creatinine"), enzymatic method, adults aged 20–59 years: women 41–73, men
 * 57–97 µmol/L (upper limits here). Evidence: third-party (see the reading).
 */
export const CHINA_WS_T_404_5: SexSpecific = { F: q(73, "umol/L"), M: q(97, "umol/L") };
/** @internal Inactive sediment as the complement of ACR 2012's active sediment (≤ 5/hpf). */
export const ACR2012_SEDIMENT: SedimentParams = { rbcMax: 5, wbcMax: 5, inclusive: true };
/** @internal Inactive sediment read strictly (< 5/hpf). */
export const STRICT_SEDIMENT: SedimentParams = { rbcMax: 5, wbcMax: 5, inclusive: false };

const WS_T_REFERENCE =
  "WS/T 404.5-2015 (National Health and Family Planning Commission of China), enzymatic method, adults 20–59 y: women 41–73, men 57–97 µmol/L (60–79 y: women 41–81, men 57–111, not applied). The standard's PDF (nhc.gov.cn, 20150504152412571.pdf) was NOT read: the figures were read in independent third-party transcriptions in public GitHub repositories (an indicator catalogue citing WS/T 404, 'crea' (57, 97) / (41, 73); a data-quality log describing the sex- and age-banded WS/T 404.5 enzymatic limits 57–97 / 57–111 male, 41–73 / 41–81 female), a Chinese hospital report printing 41~73 µmol/L for a woman, and a consumer health page giving the same enzymatic figures. One other transcription gives a sex-independent 44–104 µmol/L under the same standard number (unresolved).";

/**
 * @internal The shared "normal serum creatinine" parameter (conventionally
 * `creatinineReference`, binding `creatinineUpperLimit`): which sex-specific upper
 * limit is used when the input gives no laboratory upper limit
 * (`current.serumCreatinineUpperLimit`, which always wins). Readings
 * `mayo-clinic` (default), `enzymatic-assay`, `china-ws-t-404.5`.
 *
 * @param source - where the criteria's phrase ("normal serum creatinine") stands.
 * @param phrase - the phrase, for the description.
 */
export function creatinineReferenceParameter(
  source: Locator,
  phrase: string,
): InterpretationParameter {
  return {
    description: `${phrase} The source gives no reference interval. The laboratory's upper limit (input \`current.serumCreatinineUpperLimit\`) is used when given; otherwise a sex-specific default, reported as an assumption in every result that uses it. Reference intervals are population- and assay-specific: the three readings differ by up to 19 µmol/L for women.`,
    source,
    default: "mayo-clinic",
    readings: {
      "mayo-clinic": {
        label: "upper limit F 91.9 / M 119.3 µmol/L",
        rationale:
          "Default: the widely quoted adult interval (women 0.59–1.04 mg/dL, men 0.74–1.35 mg/dL); the most lenient of the three, so a creatinine that the study's laboratory called normal is rarely called abnormal.",
        bindings: { creatinineUpperLimit: MAYO },
        evidence: "secondary",
        reference:
          "Mayo Clinic adult reference interval, as reported by secondary pages (clinical-definitions.md §0, 'Normal serum creatinine')",
      },
      "enzymatic-assay": {
        label: "upper limit F 90 / M 104 µmol/L",
        rationale: "Enzymatic-assay adult interval (women 0.55–1.02 mg/dL, men 0.73–1.18 mg/dL).",
        bindings: { creatinineUpperLimit: ENZYMATIC },
        evidence: "secondary",
        reference:
          "enzymatic-assay reference interval, as reported by a secondary summary (clinical-definitions.md §0)",
      },
      "china-ws-t-404.5": {
        label: "upper limit F 73 / M 97 µmol/L (Chinese adults 20–59 y, enzymatic)",
        rationale:
          "The reference interval published for the Chinese adult population (national health-industry standard WS/T 404.5-2015, enzymatic method, ages 20–59), for cohorts recruited in China. The strictest of the three. It is the 20–59-year interval: for a patient of 60 or more, or under 20, give the laboratory's own limit.",
        bindings: { creatinineUpperLimit: CHINA_WS_T_404_5 },
        evidence: "third-party",
        reference: WS_T_REFERENCE,
      },
    },
  };
}

/**
 * @internal The shared "inactive / normal urine sediment" parameter (conventionally
 * `sedimentCutoff`, binding `sedimentParams`) for criteria that require an inactive
 * sediment without giving counts. Readings `acr2012` (default, ≤ 5 RBC/hpf and
 * ≤ 5 WBC/hpf, no cellular casts: the complement of ACR 2012's active sediment)
 * and `strict` (< 5/hpf: ACR 2012's hematuria definition, BLISS-LN's registered
 * inactive sediment).
 *
 * @param source - where the criteria's phrase (e.g. "inactive urinary sediment") stands.
 * @param phrase - what the criteria require, in one sentence, for the description.
 */
export function sedimentCutoffParameter(source: Locator, phrase: string): InterpretationParameter {
  return {
    description: `${phrase} ACR 2012 calls sediment active above 5 RBC/hpf or 5 WBC/hpf, or with cellular casts; its hematuria definition uses ≥ 5 RBC/hpf.`,
    source,
    default: "acr2012",
    readings: {
      acr2012: {
        label: "≤ 5 RBC/hpf and ≤ 5 WBC/hpf, no cellular casts",
        rationale:
          "Default: the complement of ACR 2012's active sediment (> 5/hpf, or cellular casts).",
        bindings: { sedimentParams: ACR2012_SEDIMENT },
        evidence: "secondary",
        reference: "ACR 2012 LN guideline (Hahn BH et al., Arthritis Care Res 2012;64:797–808)",
      },
      strict: {
        label: "< 5 RBC/hpf and < 5 WBC/hpf, no cellular casts",
        rationale:
          "ACR 2012's hematuria definition (≥ 5 RBC/hpf is hematuria) and the registered BLISS-LN inactive sediment (< 5/hpf).",
        bindings: { sedimentParams: STRICT_SEDIMENT },
        evidence: "secondary",
        reference:
          "ACR 2012 biopsy-indication table (clinical-definitions.md §0); BLISS-LN registry (clinical-definitions.md)",
      },
    },
  };
}
