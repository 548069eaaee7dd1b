// summarizeCohortStream gives summarizeCohort's summary for the same records (issue 17: a cohort
// summary whose memory does not grow with the records), from an array, a generator or an async
// iterable; without keepPatients it keeps no timeline.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { summarizeCohort, summarizeCohortStream } from "../../src/analysis/cohort.js";
import { criteria, type PatientRecord } from "../../src/index.js";

const fixture = (name: string) =>
  (
    JSON.parse(readFileSync(join(__dirname, "..", "fixtures", name), "utf8")) as {
      records: PatientRecord[];
    }
  ).records;

async function* slowly<T>(xs: readonly T[]): AsyncGenerator<T> {
  for (const x of xs) {
    await Promise.resolve();
    yield x;
  }
}

describe("summarizeCohortStream", () => {
  const cases = [
    ["kang2020-followup.json", criteria.kang2020, {}],
    [
      "kang2020-followup.json",
      criteria.kang2020,
      { analysis: "evaluable" as const, estimand: "default" as const },
    ],
    ["zhang2023-reconstruction.json", criteria.zhang2023, { analysis: "per-protocol" as const }],
    [
      "zhang2023-reconstruction.json",
      criteria.zhang2023,
      { estimand: "default" as const, carryForward: true },
    ],
  ] as const;
  it.each(cases)("%s: the same summary as summarizeCohort (%#)", async (file, c, options) => {
    // Invalid records in the middle: counted and listed in the same places.
    const records: unknown[] = [...fixture(file)];
    records.splice(3, 0, { id: 7 }, "not a record");
    const whole = summarizeCohort(c, records, options);
    const { patients: _p, underEstimand: _u, ...expected } = whole;
    const streamed = await summarizeCohortStream(c, slowly(records), options);
    expect(streamed.patients).toEqual([]);
    expect(streamed.underEstimand).toBeUndefined();
    const { patients: _q, ...got } = streamed;
    expect(got).toEqual(expected);
    // Kept, the timelines are there too.
    const kept = await summarizeCohortStream(c, records, { ...options, keepPatients: true });
    expect(kept).toEqual(whole);
  });
  it("reads a generator lazily and refuses what is not iterable", async () => {
    let pulled = 0;
    function* gen() {
      for (let i = 0; i < 5; i++) {
        pulled++;
        yield { id: `p${i}` };
      }
    }
    const s = await summarizeCohortStream(criteria.kang2020, gen());
    expect([pulled, s.records, s.invalid.length]).toEqual([5, 5, 0]);
    await expect(summarizeCohortStream(criteria.kang2020, 42 as never)).rejects.toThrow(
      /records must be an iterable/,
    );
    await expect(
      summarizeCohortStream(criteria.kang2020, [], { keepPatients: "yes" as never }),
    ).rejects.toThrow(/keepPatients/);
  });
  it("a failed read of the stream is passed on, not turned into a summary", async () => {
    async function* broken() {
      yield { id: "p1" };
      throw new Error("disk read failed");
    }
    await expect(summarizeCohortStream(criteria.kang2020, broken())).rejects.toThrow(
      "disk read failed",
    );
  });
});
