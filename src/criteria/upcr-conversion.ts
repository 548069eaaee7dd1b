/**
 * The `upcrConversion` interpretation parameter shared by every criteria object
 * whose source prints a UPCR threshold together with its value in the other
 * unit family ("< 0.5 g/g (50 mg/mmol)"). Sources: clinical-definitions.md §0
 * and §13 item 5.
 *
 * @module
 * @internal
 */
import type { Locator } from "../ir/expr.js";
import type { Conversions, InterpretationParameter, Reading } from "../ir/types.js";

/** @internal The object's `conversions` field: the UPCR conversion bound by `upcrConversion`. */
export const UPCR_CONVERSIONS: Conversions = { upcr: { bind: "upcrConversion" } };

/**
 * @internal The `upcrConversion` parameter: `printed` (default, the source's own
 * pairing, 1 g/g = 100 mg/mmol) or `exact` (creatinine 113.12 g/mol).
 *
 * @param source - where the source prints the pair.
 * @param pairs - the pairs as printed, for the description.
 * @param printedFrom - evidence and reference of the pairing, when it is not
 *   the object's own source (e.g. a recalled, unverified text).
 */
export function upcrConversionParameter(
  source: Locator,
  pairs: string,
  printedFrom?: Pick<Reading, "evidence" | "reference">,
): InterpretationParameter {
  return {
    description: `The source prints its UPCR thresholds in two unit families (${pairs}): its pairing is 1 g/g = 100 mg/mmol, while the exact conversion (creatinine 113.12 g/mol) is 1 g/g = 113.12 mg/mmol. A UPCR reported in the other family than the threshold (or a 24-h urine protein substituted for it) compares differently near the cut-off: 50 mg/mmol is 0.5 g/g as printed but 0.442 g/g exactly.`,
    source,
    default: "printed",
    readings: {
      printed: {
        label: "the source's printed pairing (1 g/g = 100 mg/mmol)",
        rationale:
          "Default: the source states its threshold in both families, so a value at the printed mg/mmol threshold is at the threshold; reading the pair as the source prints it keeps the two printed thresholds one threshold, whichever unit the laboratory reports.",
        bindings: { upcrConversion: "printed" },
        ...printedFrom,
      },
      exact: {
        label: "exact (creatinine 113.12 g/mol: 1 g/g = 113.12 mg/mmol)",
        rationale:
          "The physically exact factor: the threshold in the source's primary unit is converted without the guideline's ÷10 rounding; the printed mg/mmol value is then read as an approximation.",
        bindings: { upcrConversion: "exact" },
        evidence: "secondary",
        reference:
          "creatinine molar mass 113.12 g/mol (clinical-definitions.md §0, medicalalgorithms.com UACR conversion page, secondary)",
      },
    },
  };
}
