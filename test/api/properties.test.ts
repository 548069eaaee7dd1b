// Invariants of classifyResponse, checked with fast-check over generated patients.
import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import {
  CREATININE_UMOL_PER_MG_DL,
  classifyResponse,
  criteria,
  type ResponseInput,
} from "../../src/index.js";
import { roundSignificant } from "../../src/units/units.js";
import { propertyRuns } from "../support/generators.js";

const all = Object.values(criteria);
const RANK = { CR: 2, PR: 1, NR: 0 } as const;

// Values on a 0.01 grid keep the generated patients realistic and hit thresholds exactly.
const grid = (min: number, max: number) =>
  fc.integer({ min: min * 100, max: max * 100 }).map((n) => n / 100);

const complete = fc.record({
  sex: fc.constantFrom("F" as const, "M" as const),
  up0: grid(0.5, 15),
  up: grid(0, 15),
  scr0: grid(30, 300),
  scr: grid(30, 300),
  alb: grid(15, 50),
  rbc: fc.integer({ min: 0, max: 30 }),
  wbc: fc.integer({ min: 0, max: 30 }),
  casts: fc.boolean(),
  rbc0: fc.integer({ min: 1, max: 30 }),
  egfr: grid(20, 130),
  pred: grid(0, 20),
  rescue: fc.boolean(),
});
type Patient = typeof complete extends fc.Arbitrary<infer T> ? T : never;

const G = { protein: "g", creatinine: "umol" } as const;

function toInput(
  p: Patient,
  units: { protein: "g" | "mg"; creatinine: "umol" | "mgdl" } = G,
  measure: "proteinuria24h" | "upcr" = "proteinuria24h",
): ResponseInput {
  // The same amount as a 24-h protein (g/24h, mg/24h) or a UPCR (g/g, mg/g), per the definition's measure.
  const [gUnit, mgUnit] = measure === "upcr" ? ["g/g", "mg/g"] : ["g/24h", "mg/24h"];
  const up = (v: number) =>
    units.protein === "g"
      ? { value: v, unit: gUnit }
      : { value: roundSignificant(v * 1000), unit: mgUnit };
  const scr = (v: number) =>
    units.creatinine === "umol"
      ? { value: v, unit: "umol/L" }
      : { value: v / CREATININE_UMOL_PER_MG_DL, unit: "mg/dL" };
  return {
    patient: { sex: p.sex },
    baseline: {
      proteinuria: up(p.up0),
      serumCreatinine: scr(p.scr0),
      egfr: { value: 90, unit: "mL/min/1.73m2" },
      urineSediment: { rbcPerHpf: p.rbc0, wbcPerHpf: 2, cellularCasts: false },
    },
    current: {
      proteinuria: up(p.up),
      serumCreatinine: scr(p.scr),
      serumAlbumin: { value: p.alb, unit: "g/L" },
      egfr: { value: p.egfr, unit: "mL/min/1.73m2" },
      urineSediment: { rbcPerHpf: p.rbc, wbcPerHpf: p.wbc, cellularCasts: p.casts },
      prednisoneMgPerDay: p.pred,
      rescueTherapy: p.rescue,
    },
  };
}

// Any subset of fields may be missing.
const partialFor = (measure: "proteinuria24h" | "upcr") =>
  complete.chain((p) =>
    fc.subarray(["up0", "up", "scr0", "scr", "alb", "sediment", "sex"] as const).map((drop) => {
      const i = toInput(p, G, measure) as {
        patient: Record<string, unknown>;
        baseline: Record<string, unknown>;
        current: Record<string, unknown>;
      };
      if (drop.includes("up0")) delete i.baseline.proteinuria;
      if (drop.includes("scr0")) delete i.baseline.serumCreatinine;
      if (drop.includes("up")) delete i.current.proteinuria;
      if (drop.includes("scr")) delete i.current.serumCreatinine;
      if (drop.includes("alb")) delete i.current.serumAlbumin;
      if (drop.includes("sediment")) delete i.current.urineSediment;
      if (drop.includes("sex")) delete i.patient.sex;
      return i as ResponseInput;
    }),
  );

describe.each(all.map((c) => [c.id, c] as const))("%s", (_id, c) => {
  const m = c.proteinuriaMeasure;
  const partial = partialFor(m);
  test.prop([partial], { numRuns: propertyRuns(300) })(
    "exactly one category; indeterminate iff more than one is possible",
    (input) => {
      const r = classifyResponse(c, input);
      expect(["CR", "PR", "NR", "indeterminate"]).toContain(r.category);
      if (r.category === "indeterminate") {
        expect(r.possibleCategories.length).toBeGreaterThan(1);
        expect(r.missing.length).toBeGreaterThan(0);
      } else {
        expect(r.possibleCategories).toEqual([r.category]);
        expect(r.missing).toEqual([]);
      }
    },
  );

  test.prop([complete], { numRuns: propertyRuns(300) })(
    "a complete input is never indeterminate",
    (p) => {
      expect(classifyResponse(c, toInput(p, G, m)).category).not.toBe("indeterminate");
    },
  );

  test.prop([partial], { numRuns: propertyRuns(200) })(
    "adding back a missing input never contradicts a decided category",
    (input) => {
      const r = classifyResponse(c, input);
      if (r.category === "indeterminate") return;
      // A decided category must survive any completion; check one: the alternatives' robustness is
      // separate, so here compare with the same input plus generous defaults for the missing fields.
      const filled: ResponseInput = {
        patient: { sex: "F", ...input.patient },
        baseline: {
          proteinuria: { value: 5, unit: "g/24h" },
          serumCreatinine: { value: 70, unit: "umol/L" },
          ...input.baseline,
        },
        current: {
          proteinuria: { value: 0.1, unit: "g/24h" },
          serumCreatinine: { value: 70, unit: "umol/L" },
          serumAlbumin: { value: 40, unit: "g/L" },
          urineSediment: { normal: true },
          ...input.current,
        },
      };
      expect(classifyResponse(c, filled).category).toBe(r.category);
    },
  );

  test.prop(
    [
      complete,
      fc.constantFrom("g" as const, "mg" as const),
      fc.constantFrom("umol" as const, "mgdl" as const),
    ],
    {
      numRuns: propertyRuns(300),
    },
  )("unit-invariant: g vs mg per 24 h, µmol/L vs mg/dL", (p, protein, creatinine) => {
    const a = classifyResponse(c, toInput(p, G, m));
    const b = classifyResponse(c, toInput(p, { protein, creatinine }, m));
    expect(b.category).toBe(a.category);
    expect(b.endpoints).toEqual(a.endpoints);
  });

  test.prop([complete, grid(0, 15)], { numRuns: propertyRuns(400) })(
    "monotone: lowering current proteinuria never worsens the category, except inside a documented gap of the text",
    (p, lower) => {
      fc.pre(lower < p.up);
      const high = classifyResponse(c, toInput(p, G, m));
      const low = classifyResponse(c, toInput({ ...p, up: lower }, G, m));
      const h = RANK[high.category as keyof typeof RANK];
      const l = RANK[low.category as keyof typeof RANK];
      if (l < h) expect(low.gaps.length).toBeGreaterThan(0);
      else expect(l).toBeGreaterThanOrEqual(h);
    },
  );
});

describe("Zhang 2023 defines no gap", () => {
  test.prop([complete], { numRuns: propertyRuns(300) })(
    "Zhang 2023 has no gap: strictly monotone",
    (p) => {
      const lower = classifyResponse(criteria.zhang2023, toInput({ ...p, up: p.up / 2 }));
      const higher = classifyResponse(criteria.zhang2023, toInput(p));
      expect(RANK[lower.category as keyof typeof RANK]).toBeGreaterThanOrEqual(
        RANK[higher.category as keyof typeof RANK],
      );
    },
  );
});
