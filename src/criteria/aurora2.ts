/**
 * AURORA 2 (voclosporin extension) renal flare, Lupus Sci Med 2024 congress
 * abstract (https://lupus.bmj.com/content/11/Suppl_2/A85.1).
 *
 * > After an adequate response (sustained UPCR ≤ 0.7 mg/mg), a flare is a rise to
 * > UPCR > 1 mg/mg from a post-response UPCR < 0.2, or a rise to > 2 mg/mg from a
 * > post-response UPCR of 0.2–1.0.
 *
 * @module
 */

import type { FlareCriteria } from "../ir/types.js";
import { all, any, at, cmp, q } from "./build.js";

const ABS = "Abstract";
const UPCR = "UPCR";

/**
 * AURORA 2 renal flare, counted only after a response: UPCR rising to > 1 mg/mg
 * from < 0.2 mg/mg, or to > 2 mg/mg from 0.2–1.0 mg/mg (the previous visit's
 * value stands for the post-response UPCR).
 *
 * @example
 * ```ts
 * import { criteria, detectFlares, flares } from 'lupus-renal-criteria';
 * detectFlares(flares.aurora2, { id: 'p' }, { responseCriteria: criteria.kang2020 }).flares; // []
 * ```
 * @category Shipped definitions
 */
export const aurora2: FlareCriteria = {
  kind: "flare",
  id: "aurora2",
  version: "1.0.1",
  title: "AURORA 2 renal flare",
  citation: {
    short: "AURORA 2",
    authors: "AURORA 2 investigators (congress abstract)",
    year: 2024,
    title: "AURORA 2: renal flares during voclosporin treatment",
    journal: "Lupus Sci Med 11(Suppl 2):A85",
    url: "https://lupus.bmj.com/content/11/Suppl_2/A85.1",
  },
  locator: { section: ABS },
  evidence: "verified",
  scope: "visits",
  reference: "previous-visit",
  parameters: {},
  grades: [
    {
      name: "renal",
      label: "renal flare",
      afterResponse: "any",
      source: { section: ABS },
      expr: any(
        "flare",
        "renal flare",
        all(
          "from-below-0.2",
          "from a post-response UPCR below 0.2 mg/mg to above 1 mg/mg",
          cmp(
            "post-below-0.2",
            `post-response ${UPCR}`,
            at("upcr", "baseline"),
            "<",
            q(0.2, "mg/mg"),
            { section: ABS, quote: "from a post-response UPCR <0.2" },
          ),
          cmp("now-above-1", UPCR, at("upcr", "current"), ">", q(1, "mg/mg"), {
            section: ABS,
            quote: "a rise to UPCR >1 mg/mg",
          }),
        ),
        all(
          "from-0.2-1",
          "from a post-response UPCR of 0.2–1.0 mg/mg to above 2 mg/mg",
          cmp(
            "post-at-least-0.2",
            `post-response ${UPCR}`,
            at("upcr", "baseline"),
            ">=",
            q(0.2, "mg/mg"),
            { section: ABS, quote: "0.2–1.0" },
          ),
          cmp(
            "post-at-most-1",
            `post-response ${UPCR}`,
            at("upcr", "baseline"),
            "<=",
            q(1, "mg/mg"),
            { section: ABS, quote: "0.2–1.0" },
          ),
          cmp("now-above-2", UPCR, at("upcr", "current"), ">", q(2, "mg/mg"), {
            section: ABS,
            quote: "a rise to >2 mg/mg",
          }),
        ),
      ),
    },
  ],
  notes: [
    "Adjudicated in the trial by a blinded committee; the library applies the numeric rule only.",
    "The abstract has no rule for a post-response UPCR above 1.0 mg/mg (it cannot occur after a response ≤ 0.7 mg/mg, so the gap is theoretical).",
    "The previous visit stands for 'the post-response UPCR'; 'sustained' response is read as the previous visit being CR or PR under the given response criteria.",
  ],
};
