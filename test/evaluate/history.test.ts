import { describe, expect, it } from "vitest";
import { countTreatmentFailures } from "../../src/evaluate/history.js";
import type { TreatmentCourse, TreatmentFailureParams } from "../../src/index.js";

const P: TreatmentFailureParams = {
  atLeast: 2,
  countSequenceAs: "one-regimen",
  includeGlucocorticoidPulses: false,
  minDurationMonths: 6,
  nrWithoutDuration: "unknown",
  relapseCounts: true, // Kang 2020: "failure or relapse"
};
const single = (
  agent: TreatmentCourse["agents"][number],
  rest: Partial<TreatmentCourse> = {},
): TreatmentCourse => ({
  agents: [agent],
  mode: "single",
  bestResponse: "NR",
  ...rest,
});
const count = (courses: TreatmentCourse[], p: Partial<TreatmentFailureParams> = {}) =>
  countTreatmentFailures({ ordered: true, courses }, { ...P, ...p });

describe("what counts as a failed course", () => {
  it.each([
    [{ bestResponse: "PR", outcome: "failure-or-relapse" }, "met"],
    [{ bestResponse: "CR", outcome: "failure-or-relapse" }, "met"], // relapse after CR
    [{ bestResponse: "CR", outcome: "adverse-event" }, "not-met"], // stopped for toxicity
    [{ bestResponse: "PR" }, "not-met"],
    [{ bestResponse: "NR", durationMonths: 6 }, "met"], // at least 6 months
    [{ bestResponse: "NR", durationMonths: 5.9 }, "not-met"],
    [{ bestResponse: "NR" }, "unknown"], // duration not reported
    [{ bestResponse: "unknown" }, "unknown"],
  ] as const)("%j → %s", (rest, truth) => {
    expect(count([single("mycophenolate", rest)]).units[0]?.truth).toBe(truth);
  });
  it("an NR course of unreported duration is a failure under nrWithoutDuration 'failure'", () => {
    expect(count([single("tacrolimus")], { nrWithoutDuration: "failure" }).units[0]?.truth).toBe(
      "met",
    );
  });
});

// Issue 12 item 2: a relapse after a response is not "not improved". Written from the sentences:
// Kang "treatment failure or relapse" → counted; Zhang "not improved or worsened", Arora & Rovin
// "no change in, or worsening of", ACR 2024 "at least a partial renal response not reached" → not.
describe("relapse after a response: relapseCounts", () => {
  it.each([
    [{ bestResponse: "CR", outcome: "failure-or-relapse" }, true, "met"],
    [{ bestResponse: "CR", outcome: "failure-or-relapse" }, false, "not-met"],
    [{ bestResponse: "PR", outcome: "failure-or-relapse" }, true, "met"],
    [{ bestResponse: "PR", outcome: "failure-or-relapse" }, false, "not-met"],
    // never responded and ended in failure: a failure under both readings
    [{ bestResponse: "NR", outcome: "failure-or-relapse" }, false, "met"],
    [{ bestResponse: "NR", outcome: "failure-or-relapse" }, true, "met"],
    // ended in failure or relapse, best response not reported: a relapse is possible
    [{ bestResponse: "unknown", outcome: "failure-or-relapse" }, true, "met"],
    [{ bestResponse: "unknown", outcome: "failure-or-relapse" }, false, "unknown"],
    // NR for 6 months without an outcome: a failure whatever relapseCounts says
    [{ bestResponse: "NR", durationMonths: 6 }, false, "met"],
  ] as const)("%j with relapseCounts %s → %s", (rest, relapseCounts, truth) => {
    expect(count([single("mycophenolate", rest)], { relapseCounts }).units[0]?.truth).toBe(truth);
  });
  it("CR on CYC then relapse, CR on MMF then relapse: two failures for Kang, none otherwise", () => {
    const relapsed = { bestResponse: "CR", outcome: "failure-or-relapse" } as const;
    const courses = [single("cyclophosphamide", relapsed), single("mycophenolate", relapsed)];
    expect(count(courses, { relapseCounts: true })).toMatchObject({ truth: "met", failed: 2 });
    expect(count(courses, { relapseCounts: false })).toMatchObject({ truth: "not-met", failed: 0 });
  });
  it("an unreported best response before a failure-or-relapse names bestResponse as missing", () => {
    const r = count(
      [
        single("cyclophosphamide", { bestResponse: "unknown", outcome: "failure-or-relapse" }),
        single("mycophenolate", { bestResponse: "NR", outcome: "failure-or-relapse" }),
      ],
      { relapseCounts: false },
    );
    expect(r.truth).toBe("unknown");
    expect(r.missing).toEqual(["treatmentHistory.courses[0].bestResponse"]);
  });
});

describe("counting distinct agents and regimens", () => {
  const fail = { bestResponse: "PR", outcome: "failure-or-relapse" } as const;
  it("two different failed agents meet 'at least two'; one does not", () => {
    expect(count([single("mycophenolate", fail), single("tacrolimus", fail)]).truth).toBe("met");
    expect(count([single("mycophenolate", fail)]).truth).toBe("not-met");
  });
  it("the same agent twice counts once", () => {
    const r = count([single("tacrolimus", fail), single("tacrolimus", fail)]);
    expect(r.failed).toBe(1);
    expect(r.truth).toBe("not-met");
  });
  it("one known failure and one undetermined course is unknown, with the missing duration's path", () => {
    const r = count([single("mycophenolate", fail), single("tacrolimus")]);
    expect(r.truth).toBe("unknown");
    expect(r.missing).toEqual(["treatmentHistory.courses[1].durationMonths"]);
  });
  it("a sequence regimen is one unit under 'one-regimen' and two under 'each-agent'", () => {
    const seq: TreatmentCourse = {
      agents: ["cyclophosphamide", "mycophenolate"],
      mode: "sequence",
      bestResponse: "CR",
      outcome: "failure-or-relapse",
    };
    expect(count([seq]).truth).toBe("not-met");
    expect(count([seq]).units.map((u) => u.key)).toEqual(["cyclophosphamide→mycophenolate"]);
    expect(count([seq], { countSequenceAs: "each-agent" }).truth).toBe("met");
  });
  it("glucocorticoid pulses count only when asked; hydroxychloroquine never", () => {
    const courses = [
      single("glucocorticoid-pulse", fail),
      single("mycophenolate", fail),
      single("hydroxychloroquine", fail),
    ];
    expect(count(courses).truth).toBe("not-met");
    expect(count(courses, { includeGlucocorticoidPulses: true }).truth).toBe("met");
  });
  it("qualifying agents restrict what counts (standard-of-care regimens)", () => {
    const courses = [single("methotrexate", fail), single("cyclophosphamide", fail)];
    expect(count(courses, { qualifyingAgents: ["cyclophosphamide", "mycophenolate"] }).truth).toBe(
      "not-met",
    );
    expect(count(courses).truth).toBe("met");
  });
});
