/**
 * Evaluation of treatment-history facts: how many distinct immunosuppressive
 * agents or regimens failed.
 *
 * @module
 */

import type { TreatmentFailureParams } from "../ir/expr.js";
import { or3, type Truth } from "../ir/kleene.js";
import type { TreatmentCourse, TreatmentHistory } from "../model/treatment.js";

/** Agents that are never counted as immunosuppressive. */
const NOT_IMMUNOSUPPRESSIVE = new Set(["hydroxychloroquine"]);

/**
 * One counted unit (an agent, or a regimen of agents) and whether it failed.
 *
 * @example
 * ```ts
 * import type { FailureUnit } from 'lupus-renal-criteria';
 * const u: FailureUnit = { key: 'cyclophosphamide→mycophenolate', truth: 'met', courses: [0], reasons: ['CR → F'] };
 * ```
 * @category Compiled form and backends
 */
export interface FailureUnit {
  /** The agent, or the regimen's agents joined by `→` (sequence) or `+` (combination). */
  readonly key: string;
  /** Failed (`met`), did not fail (`not-met`), or not reported (`unknown`). */
  readonly truth: Truth;
  /** Indexes of the courses of the history that make up the unit. */
  readonly courses: readonly number[];
  /** Why each course counts as it does. */
  readonly reasons: readonly string[];
}

/**
 * The outcome of counting failures in a history.
 *
 * @example
 * ```ts
 * import type { FailureCount } from 'lupus-renal-criteria';
 * const c: FailureCount = { truth: 'unknown', failed: 1, undetermined: 2, units: [], missing: [] };
 * ```
 * @category Compiled form and backends
 */
export interface FailureCount {
  readonly truth: Truth;
  /** Units known to have failed. */
  readonly failed: number;
  /** Units that may have failed (not reported). */
  readonly undetermined: number;
  readonly units: readonly FailureUnit[];
  /** Paths of the unreported facts that would decide an unknown result. */
  readonly missing: readonly string[];
}

function courseFailed(
  c: TreatmentCourse,
  p: TreatmentFailureParams,
): { truth: Truth; reason: string; missing?: string } {
  const response = c.outcome
    ? `${c.bestResponse} → ${c.outcome === "adverse-event" ? "AE" : "F"}`
    : c.bestResponse;
  if (c.outcome === "failure-or-relapse") {
    if (c.bestResponse === "NR")
      return { truth: "met", reason: `${response}: no response, failed` };
    if (c.bestResponse === "CR" || c.bestResponse === "PR") {
      return p.relapseCounts
        ? { truth: "met", reason: `${response}: failed or relapsed` }
        : {
            truth: "not-met",
            reason: `${response}: responded (${c.bestResponse}), then relapsed or lost the response: not a regimen without improvement under this rule's reading`,
          };
    }
    return p.relapseCounts
      ? { truth: "met", reason: `${response}: failed or relapsed` }
      : {
          truth: "unknown",
          reason:
            "failed or relapsed, best response not reported: a failure if it never responded, a relapse (not counted) if it did",
          missing: "bestResponse",
        };
  }
  if (c.outcome === "adverse-event") {
    return { truth: "not-met", reason: `${response}: stopped for an adverse event, not a failure` };
  }
  if (c.bestResponse === "CR" || c.bestResponse === "PR") {
    return { truth: "not-met", reason: `${response}: responded, no failure reported` };
  }
  if (c.bestResponse === "unknown") {
    return { truth: "unknown", reason: "response not reported", missing: "bestResponse" };
  }
  // NR
  if (c.durationMonths !== undefined) {
    return c.durationMonths >= p.minDurationMonths
      ? { truth: "met", reason: `NR for ${c.durationMonths} months (≥ ${p.minDurationMonths})` }
      : {
          truth: "not-met",
          reason: `NR for only ${c.durationMonths} months (< ${p.minDurationMonths})`,
        };
  }
  return p.nrWithoutDuration === "failure"
    ? {
        truth: "met",
        reason: "NR, duration not reported (counted as a failure by the chosen reading)",
      }
    : {
        truth: "unknown",
        reason: `NR, duration not reported (failure needs ≥ ${p.minDurationMonths} months)`,
        missing: "durationMonths",
      };
}

/**
 * Count the distinct failed agents or regimens of a treatment history under the
 * given parameters, with three-valued logic: `met` when at least `atLeast` units
 * are known to have failed, `not-met` when even counting every undetermined unit
 * there are fewer, `unknown` otherwise.
 *
 * @param history - the treatment history.
 * @param p - what counts (see {@link TreatmentFailureParams}).
 * @param path - the history's path in the input, for `missing`.
 * @returns the count with each unit and its reasons.
 * @example
 * ```ts
 * import { countTreatmentFailures } from 'lupus-renal-criteria';
 * const r = countTreatmentFailures(
 *   { ordered: true, courses: [
 *     { agents: ['mycophenolate'], mode: 'single', bestResponse: 'PR', outcome: 'failure-or-relapse' },
 *     { agents: ['tacrolimus'], mode: 'single', bestResponse: 'PR', outcome: 'failure-or-relapse' },
 *   ] },
 *   { atLeast: 2, countSequenceAs: 'one-regimen', includeGlucocorticoidPulses: false,
 *     minDurationMonths: 6, nrWithoutDuration: 'unknown', relapseCounts: true },
 * );
 * r.truth; // 'met' (Kang 2020 counts a relapse after PR; with relapseCounts: false, 'not-met')
 * ```
 * @internal Not part of the public API (used by the library and its tests).
 */
export function countTreatmentFailures(
  history: TreatmentHistory,
  p: TreatmentFailureParams,
  path = "treatmentHistory",
): FailureCount {
  const units = new Map<
    string,
    { truths: Truth[]; courses: number[]; reasons: string[]; missing: string[] }
  >();
  history.courses.forEach((course, i) => {
    const agents = course.agents.filter(
      (a) =>
        !NOT_IMMUNOSUPPRESSIVE.has(a) &&
        (p.includeGlucocorticoidPulses || a !== "glucocorticoid-pulse"),
    );
    if (agents.length === 0) return;
    if (p.qualifyingAgents && !agents.every((a) => p.qualifyingAgents?.includes(a))) return;
    const f = courseFailed(course, p);
    const joiner = course.mode === "combination" ? "+" : "→";
    const keys = p.countSequenceAs === "each-agent" ? agents : [agents.join(joiner)];
    for (const key of keys) {
      const u = units.get(key) ?? { truths: [], courses: [], reasons: [], missing: [] };
      u.truths.push(f.truth);
      u.courses.push(i);
      u.reasons.push(
        `course ${i + 1} (${course.verbatim ?? course.agents.join(joiner)}): ${f.reason}`,
      );
      if (f.missing) u.missing.push(`${path}.courses[${i}].${f.missing}`);
      units.set(key, u);
    }
  });
  const list: FailureUnit[] = [...units.entries()].map(([key, u]) => ({
    key,
    truth: or3(u.truths),
    courses: u.courses,
    reasons: u.reasons,
  }));
  const failed = list.filter((u) => u.truth === "met").length;
  const undetermined = list.filter((u) => u.truth === "unknown").length;
  const truth: Truth =
    failed >= p.atLeast ? "met" : failed + undetermined < p.atLeast ? "not-met" : "unknown";
  const missing =
    truth === "unknown"
      ? [...units.entries()]
          .filter(([key]) => list.find((u) => u.key === key)?.truth === "unknown")
          .flatMap(([, u]) => u.missing)
      : [];
  return { truth, failed, undetermined, units: list, missing };
}
