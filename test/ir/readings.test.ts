import { describe, expect, test } from "vitest";
import { criteria } from "../../src/criteria/index.js";
import { fullInterpretation, otherInterpretations } from "../../src/ir/readings.js";

// Expectations written from the parameter tables of the shipped definitions
// (src/criteria/zhang2023.ts, kang2020.ts, eular2012.ts): each default first, then the others in
// the order the object lists them.
describe("otherInterpretations: every combination but the chosen one, with what it changes", () => {
  test("zhang2023 under its defaults: the seven other combinations of three two-way parameters", () => {
    const others = otherInterpretations(criteria.zhang2023, fullInterpretation(criteria.zhang2023));
    expect(others.map((o) => o.changed)).toEqual([
      { nephroticBaseline: ">=3.5" },
      { creatinineBand: "symmetric" },
      { creatinineBand: "symmetric", nephroticBaseline: ">=3.5" },
      { crProteinuriaCutoff: "0.7" },
      { crProteinuriaCutoff: "0.7", nephroticBaseline: ">=3.5" },
      { crProteinuriaCutoff: "0.7", creatinineBand: "symmetric" },
      { crProteinuriaCutoff: "0.7", creatinineBand: "symmetric", nephroticBaseline: ">=3.5" },
    ]);
    expect(others[3]?.interpretation).toEqual({
      crProteinuriaCutoff: "0.7",
      creatinineBand: "stable-or-improved",
      nephroticBaseline: ">3.5",
    });
  });

  test("a chosen non-default reading: the defaults are among the others, changing it back", () => {
    const chosen = fullInterpretation(criteria.zhang2023, { crProteinuriaCutoff: "0.7" });
    const others = otherInterpretations(criteria.zhang2023, chosen);
    expect(others).toHaveLength(7);
    expect(others[0]).toEqual({
      interpretation: {
        crProteinuriaCutoff: "0.5",
        creatinineBand: "stable-or-improved",
        nephroticBaseline: ">3.5",
      },
      changed: { crProteinuriaCutoff: "0.5" },
    });
    expect(others.some((o) => o.changed.crProteinuriaCutoff === "0.7")).toBe(false);
  });

  test("kang2020: three parameters of three, three and two readings, 17 others", () => {
    const others = otherInterpretations(criteria.kang2020, fullInterpretation(criteria.kang2020));
    expect(others).toHaveLength(3 * 3 * 2 - 1);
    expect(others.filter((o) => Object.keys(o.changed).length === 1)).toHaveLength(2 + 2 + 1);
    expect(others[0]?.changed).toEqual({ sedimentCutoff: "strict" });
  });

  test("a criteria object without parameters has no other combination", () => {
    expect(otherInterpretations(criteria.aurora1, {})).toEqual([]);
  });
});
