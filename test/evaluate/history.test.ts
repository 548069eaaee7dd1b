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
const count = (
  courses: TreatmentCourse[],
  p: Partial<TreatmentFailureParams> = {},
  path?: string,
) => countTreatmentFailures({ ordered: true, courses }, { ...P, ...p }, path);

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

// Exact units, reasons and missing paths (written from the rules in history.ts's TSDoc: each
// course's fate, the unit key by mode, which agents count, and which facts would decide).
describe("each course's reason, word for word", () => {
  const base: Partial<TreatmentFailureParams> = { atLeast: 1, relapseCounts: false };
  const cyc = (rest: Partial<TreatmentCourse>): TreatmentCourse => single("cyclophosphamide", rest);
  it.each([
    [
      { bestResponse: "NR", outcome: "failure-or-relapse" },
      {},
      "met",
      "NR → F: no response, failed",
      [],
    ],
    [
      { bestResponse: "PR", outcome: "failure-or-relapse" },
      {},
      "not-met",
      "PR → F: responded (PR), then relapsed or lost the response: not a regimen without improvement under this rule's reading",
      [],
    ],
    [
      { bestResponse: "PR", outcome: "failure-or-relapse" },
      { relapseCounts: true },
      "met",
      "PR → F: failed or relapsed",
      [],
    ],
    [
      { bestResponse: "unknown", outcome: "failure-or-relapse" },
      {},
      "unknown",
      "failed or relapsed, best response not reported: a failure if it never responded, a relapse (not counted) if it did",
      ["treatmentHistory.courses[0].bestResponse"],
    ],
    [
      { bestResponse: "unknown", outcome: "failure-or-relapse" },
      { relapseCounts: true },
      "met",
      "unknown → F: failed or relapsed",
      [],
    ],
    [
      { bestResponse: "CR", outcome: "adverse-event" },
      {},
      "not-met",
      "CR → AE: stopped for an adverse event, not a failure",
      [],
    ],
    [{ bestResponse: "CR" }, {}, "not-met", "CR: responded, no failure reported", []],
    [{ bestResponse: "PR" }, {}, "not-met", "PR: responded, no failure reported", []],
    [
      { bestResponse: "unknown" },
      {},
      "unknown",
      "response not reported",
      ["treatmentHistory.courses[0].bestResponse"],
    ],
    [{ bestResponse: "NR", durationMonths: 6 }, {}, "met", "NR for 6 months (≥ 6)", []],
    [{ bestResponse: "NR", durationMonths: 5 }, {}, "not-met", "NR for only 5 months (< 6)", []],
    [
      { bestResponse: "NR" },
      { nrWithoutDuration: "failure" },
      "met",
      "NR, duration not reported (counted as a failure by the chosen reading)",
      [],
    ],
    [
      { bestResponse: "NR" },
      {},
      "unknown",
      "NR, duration not reported (failure needs ≥ 6 months)",
      ["treatmentHistory.courses[0].durationMonths"],
    ],
  ] as const)("%j %j → %s: %s", (course, p, truth, reason, missing) => {
    const r = count([cyc(course as Partial<TreatmentCourse>)], { ...base, ...p });
    expect(r.units).toEqual([
      {
        key: "cyclophosphamide",
        truth,
        courses: [0],
        reasons: [`course 1 (cyclophosphamide): ${reason}`],
      },
    ]);
    expect(r.truth).toBe(truth);
    expect(r.missing).toEqual(missing);
  });
});

describe("unit keys, agents that count, and the missing facts", () => {
  it("a combination is one unit joined by '+', a sequence by '→'; each-agent splits them; verbatim text is quoted", () => {
    const combo: TreatmentCourse = {
      agents: ["mycophenolate", "tacrolimus"],
      mode: "combination",
      bestResponse: "NR",
      outcome: "failure-or-relapse",
    };
    const seq: TreatmentCourse = {
      agents: ["cyclophosphamide", "mycophenolate"],
      mode: "sequence",
      bestResponse: "NR",
      outcome: "failure-or-relapse",
      verbatim: "CTX → MMF*",
    };
    const r = count([combo, seq]);
    expect(r.units.map((u) => [u.key, u.reasons[0]])).toEqual([
      [
        "mycophenolate+tacrolimus",
        "course 1 (mycophenolate+tacrolimus): NR → F: no response, failed",
      ],
      ["cyclophosphamide→mycophenolate", "course 2 (CTX → MMF*): NR → F: no response, failed"],
    ]);
    const each = count([combo, seq], { countSequenceAs: "each-agent" });
    // mycophenolate is in both courses: one unit with two courses.
    expect(each.units.map((u) => [u.key, u.courses])).toEqual([
      ["mycophenolate", [0, 1]],
      ["tacrolimus", [0]],
      ["cyclophosphamide", [1]],
    ]);
    expect(each.failed).toBe(3);
  });

  it("hydroxychloroquine never counts; glucocorticoid pulses only when asked; qualifying agents must all qualify", () => {
    const hcq = single("hydroxychloroquine", { outcome: "failure-or-relapse" });
    const pulse = single("glucocorticoid-pulse", { outcome: "failure-or-relapse" });
    expect(count([hcq, pulse]).units).toEqual([]);
    expect(
      count([hcq, pulse], { includeGlucocorticoidPulses: true }).units.map((u) => u.key),
    ).toEqual(["glucocorticoid-pulse"]);
    const mixed: TreatmentCourse = {
      agents: ["mycophenolate", "tacrolimus"],
      mode: "combination",
      bestResponse: "NR",
      outcome: "failure-or-relapse",
    };
    const q = count([mixed, single("cyclophosphamide", { outcome: "failure-or-relapse" })], {
      qualifyingAgents: ["cyclophosphamide", "mycophenolate"],
    });
    // tacrolimus does not qualify, so the combination is not counted at all.
    expect(q.units.map((u) => u.key)).toEqual(["cyclophosphamide"]);
  });

  it("missing lists only the facts of undetermined units, and only while the total is undetermined", () => {
    const courses: TreatmentCourse[] = [
      single("cyclophosphamide", { outcome: "failure-or-relapse" }), // 0: met
      single("mycophenolate", { bestResponse: "unknown" }), // 1: unknown (bestResponse)
      single("tacrolimus", { bestResponse: "unknown" }), // 2: unknown (bestResponse) …
      single("tacrolimus", { outcome: "failure-or-relapse" }), // 3: … but tacrolimus failed: met
      single("mycophenolate", { bestResponse: "CR" }), // 4: not-met: mycophenolate stays unknown
    ];
    // cyclophosphamide and tacrolimus failed, mycophenolate undetermined: 2 known, up to 3.
    const r = count(courses, { atLeast: 3 }, "history");
    expect([r.truth, r.failed, r.undetermined]).toEqual(["unknown", 2, 1]);
    expect(r.missing).toEqual(["history.courses[1].bestResponse"]);
    // Decided either way, nothing is missing.
    expect(count(courses, { atLeast: 2 }).missing).toEqual([]);
    expect(count(courses, { atLeast: 4 }).missing).toEqual([]);
    expect(count(courses, { atLeast: 4 }).truth).toBe("not-met");
  });
});
