// The flare scan as it was before the grades' truths came from the compiled form (every grade
// of every visit explained, under every reading for \`robust\`): the reference of
// test/api/flares-differential.test.ts, kept verbatim from src/api/flares.ts at 0e230e8 (imports
// adjusted). Not used by the library.

import type { DetectFlaresOptions, FlareEvent, PossibleFlare } from "../../src/api/flares.js";
import { datedVisits } from "../../src/api/timeline.js";
import { compileCached } from "../../src/evaluate/compile.js";
import {
  type ClauseResult,
  decisiveCensored,
  decisiveMissing,
  type EvaluationSubject,
  evaluateExpr,
} from "../../src/evaluate/interpret.js";
import { allInterpretations, bindingsOf, fullInterpretation } from "../../src/ir/readings.js";
import { resolveExpr } from "../../src/ir/resolve.js";
import type { FlareCriteria } from "../../src/ir/types.js";
import type { LabValues } from "../../src/model/assessment.js";
import type { PatientRecord } from "../../src/model/record.js";

/** The flares, possible flares and robustness of a valid record, as detectFlares computed them. */
export function referenceFlares(
  def: FlareCriteria,
  record: PatientRecord,
  options: DetectFlaresOptions = {},
): { flares: FlareEvent[]; possible: PossibleFlare[]; robust: boolean } {
  const chosen = fullInterpretation(def, options.interpretation);
  const main = scan(def, record, chosen, options);
  const key = (fs: readonly FlareEvent[]) => fs.map((f) => `${f.day}:${f.grade}`).join(",");
  const robust = allInterpretations(def).every(
    (combo) => key(scan(def, record, combo, options).flares) === key(main.flares),
  );
  return { flares: main.flares, possible: main.possible, robust };
}

function scan(
  def: FlareCriteria,
  r: PatientRecord,
  choice: Readonly<Record<string, string>>,
  options: DetectFlaresOptions,
): { flares: FlareEvent[]; possible: PossibleFlare[] } {
  const b = bindingsOf(def, choice);
  const grades = def.grades.map((g) => ({ ...g, expr: resolveExpr(g.expr, b) }));
  const evalOptions =
    options.allowProteinuriaSubstitution === undefined
      ? {}
      : { allowProteinuriaSubstitution: options.allowProteinuriaSubstitution };
  const flares: FlareEvent[] = [];
  const possible: PossibleFlare[] = [];
  const judge = (
    day: number,
    referenceDay: number,
    subject: EvaluationSubject,
    previous: string | undefined,
  ) => {
    const results = grades.map((g) => {
      const applies =
        !g.afterResponse ||
        (g.afterResponse === "any"
          ? previous === "CR" || previous === "PR"
          : previous === g.afterResponse);
      return { g, applies, result: evaluateExpr(g.expr, subject, new Map(), evalOptions) };
    });
    const live = results.filter((x) => x.applies);
    const met = live.find((x) => x.result.truth === "met");
    const earlierUnknown = met
      ? live.slice(0, live.indexOf(met)).filter((x) => x.result.truth === "unknown")
      : [];
    if (met) {
      flares.push({
        day,
        grade: met.g.name,
        referenceDay,
        clauses: met.result.children ?? [met.result],
        ...(earlierUnknown.length
          ? {
              higherGradePossible: {
                grades: earlierUnknown.map((x) => x.g.name),
                missing: [...new Set(earlierUnknown.flatMap((x) => decisiveMissing(x.result)))],
                ...censoredOf(earlierUnknown),
              },
            }
          : {}),
      });
      return;
    }
    const unknown = live.filter((x) => x.result.truth === "unknown");
    if (unknown.length) {
      possible.push({
        day,
        grades: unknown.map((x) => x.g.name),
        missing: [...new Set(unknown.flatMap((x) => decisiveMissing(x.result)))],
        ...censoredOf(unknown),
      });
    }
  };
  if (def.scope === "extra-renal-events") {
    (r.events ?? []).forEach((e, i) => {
      if (e.type !== "extra-renal-manifestation") return;
      const current: LabValues =
        e.prednisoneMgPerDay === undefined ? {} : { prednisoneMgPerDay: e.prednisoneMgPerDay };
      const before = possible.length;
      judge(e.day, e.day, { patient: r.patient, current }, undefined);
      // Name the event's own field, not the synthetic assessment's.
      const renamed = possible.slice(before).map((p) => ({
        ...p,
        missing: p.missing.map((m) => m.replace(/^current\./, `events[${i}].`)),
      }));
      possible.splice(before, renamed.length, ...renamed);
    });
    return { flares, possible };
  }
  if (grades.some((g) => g.afterResponse) && !options.responseCriteria) {
    throw new RangeError(
      `${def.id} has grades that count only after a response; pass responseCriteria (e.g. criteria.kang2020) to classify the visits`,
    );
  }
  const visits = datedVisits(r);
  let refLabs: LabValues | undefined = r.baseline;
  let refDay = 0;
  let previous: string | undefined;
  // The response category of each visit, from the compiled form (same category as
  // classifyResponse, proven by the differential tests; no explanation is needed here).
  const response = options.responseCriteria
    ? compileCached(options.responseCriteria, evalOptions)
    : undefined;
  for (const v of visits) {
    judge(v.day, refDay, { patient: r.patient, baseline: refLabs, current: v.labs }, previous);
    if (response) {
      previous = response.category({ patient: r.patient, baseline: r.baseline, current: v.labs });
    }
    if (def.reference === "previous-visit") {
      refLabs = v.labs;
      refDay = v.day;
    }
  }
  return { flares, possible };
}

/** The censored inputs that leave unknown grades open, as an optional field. */
function censoredOf(unknown: readonly { result: ClauseResult }[]): { censored?: string[] } {
  const censored = [...new Set(unknown.flatMap((x) => decisiveCensored(x.result)))];
  return censored.length ? { censored } : {};
}
