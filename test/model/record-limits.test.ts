// Bounded work (issue 13, item 6): one record with a huge number of visits is a per-record
// InputError, not a V8 out-of-memory abort.
import { describe, expect, it } from "vitest";
import { summarizeCohort } from "../../src/analysis/cohort.js";
import {
  assessRecord,
  criteria,
  InputError,
  MAX_VISITS_PER_RECORD,
  PatientRecordSchema,
} from "../../src/index.js";

// The same visit object repeated: cheap to build, and every copy is on day 0, so a schema
// that parsed the visits before checking the count would also report each duplicate.
const visits = (n: number) => new Array(n).fill({ day: 0, labs: {} });

describe("MAX_VISITS_PER_RECORD", () => {
  it("is the documented 10,000", () => {
    expect(MAX_VISITS_PER_RECORD).toBe(10_000);
  });
  it("MAX + 1 visits: one issue at `visits` naming the limit", () => {
    const r = PatientRecordSchema.safeParse({
      id: "big",
      visits: visits(MAX_VISITS_PER_RECORD + 1),
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues).toHaveLength(1);
    expect(r.error?.issues[0]?.path).toEqual(["visits"]);
    expect(r.error?.issues[0]?.message).toMatch(/at most 10000 visits/);
  });
  it("exactly MAX distinct visits are accepted", () => {
    const ok = Array.from({ length: MAX_VISITS_PER_RECORD }, (_, day) => ({ day, labs: {} }));
    expect(PatientRecordSchema.safeParse({ id: "max", visits: ok }).success).toBe(true);
  });
  it("1,000,000 visits: a per-record InputError, quickly, and the cohort keeps its other records", () => {
    const huge = { id: "huge", visits: visits(1_000_000) };
    const t0 = performance.now();
    expect(() => assessRecord(criteria.kang2020, huge)).toThrow(InputError);
    const s = summarizeCohort(criteria.kang2020, [{ id: "ok" }, huge]);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(s.records).toBe(2);
    expect(s.patients.map((p) => p.id)).toEqual(["ok"]);
    expect(s.invalid).toHaveLength(1);
    expect(s.invalid[0]?.index).toBe(1);
    expect(s.invalid[0]?.id).toBe("huge");
    expect(s.invalid[0]?.error.issues.map((i) => i.path)).toEqual(["visits"]);
  });
});
