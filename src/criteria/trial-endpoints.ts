/**
 * End-point blocks shared by the trial criteria objects whose response level is
 * the complete renal response (CRR, the library's CR) judged at protocol weeks
 * (AURORA 1, REGENCY, BLISS-LN): one place, so the wording and the visit windows
 * cannot drift apart.
 *
 * @module
 * @internal
 */
import type { Expr, Locator } from "../ir/expr.js";
import type { Definition, ResponseCriteria, Schedule } from "../ir/types.js";
import { all, ref } from "./build.js";

/**
 * @internal The NR wording of a trial whose response is the CRR: "no complete
 * renal response".
 *
 * @param section - the section that defines the CRR.
 */
export function noCompleteRenalResponse(section: string): ResponseCriteria["noResponse"] {
  return { label: "no complete renal response", source: { section } };
}

/**
 * @internal The CRR end point: met exactly when the category is CR.
 *
 * @param label - how the trial ranks it, e.g. "complete renal response (primary end point, week 52)".
 * @param source - where the end point is named.
 */
export function crrEndpoint(label: string, source: Locator): Definition {
  return { name: "CRR", label, source, expr: ref("CR") };
}

/**
 * @internal A schedule of protocol weeks (day = 7 × week), each with a ±28-day
 * (4-week) window, for a source that prints no visit window.
 *
 * @param weeks - the protocol weeks at which response is judged.
 * @param source - where the weeks stand.
 * @param text - what was read, as the subject of "gives no visit window" (e.g. "The abstract").
 */
export function weeklySchedule(weeks: readonly number[], source: Locator, text: string): Schedule {
  return {
    timepoints: weeks.map((week) => ({ label: `week ${week}`, day: 7 * week, windowDays: 28 })),
    source,
    note: `${text} gives no visit window; the library uses ±28 days (4 weeks), a parameter of every time-point function.`,
  };
}

/**
 * @internal The CR category of a trial whose response is the complete renal
 * response: "complete renal response (CRR)", met when every clause is met.
 *
 * @param source - where the CRR is defined.
 * @param clauses - the CRR's conditions, in the source's order.
 */
export function crrCategory(
  source: Locator,
  ...clauses: Expr[]
): Definition & { readonly name: "CR" } {
  return {
    name: "CR",
    label: "complete renal response (CRR)",
    source,
    expr: all("crr", "complete renal response", ...clauses),
  };
}
