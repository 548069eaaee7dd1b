// Fuzzing of criteria objects as untrusted data.
//
// Every shipped response, eligibility and flare object is mutated by one to three random
// operations (a number replaced by a string of code, NaN, ±Infinity, ±1e308 or another
// number; a required field deleted; a node kind, comparator, unit, measure or `at` swapped
// for another valid or a hostile value; an unknown key added; a reference broken; a clause
// copied elsewhere; an id replaced by code). The oracle:
//
// - the object is rejected with a CriteriaError (by validateCriteria and by the entry
//   points, which must not throw anything else), or
// - it validates, and then the interpreter (classifyResponse) and compile() in both
//   generated and closure mode agree on the category and end points of random inputs
//   (eligibility and flare objects: their engines run without throwing);
// - and in no case does a hostile string run (globalThis.X stays undefined).
//
// Budget: FUZZ_RUNS generated cases in all (default 600, a few seconds; the long run is
// `FUZZ_RUNS=200000 vitest run test/fuzz`). The summary line printed at the end gives the
// cases per target, how many validated and how many inputs were compared.
import fc from "fast-check";
import { afterAll, describe, expect, test } from "vitest";
import { lintCriteria } from "../../src/analysis/lint.js";
import { toSql } from "../../src/evaluate/sql.js";
import {
  assessEligibility,
  CriteriaError,
  classifyResponse,
  compile,
  criteria,
  detectFlares,
  eligibility,
  flares,
  type PatientRecord,
  type ResponseCriteria,
  type ResponseInput,
  ResponseInputSchema,
  safeValidateCriteria,
  validateCriteria,
} from "../../src/index.js";
import { MEASURE_KIND } from "../../src/ir/expr.js";
import { responseInput } from "../support/generators.js";

const TOTAL = Number(process.env.FUZZ_RUNS ?? 600);
const runs = (share: number) => Math.max(20, Math.round(TOTAL * share));
/** About 5 ms per response case on this machine; generous for slower ones. */
const TIMEOUT = 60_000 + TOTAL * 25;

// biome-ignore lint/suspicious/noExplicitAny: mutations of plain JSON data
type Json = any;

const HOSTILE = "0.5 ? (globalThis.X = 1, 1) : 1";
const MEASURES = Object.keys(MEASURE_KIND);
const UNITS = ["g/24h", "mg/24h", "g/g", "mg/mmol", "umol/L", "mg/dL", "g/L", "g/dL", "%", "/hpf"];
const OPS = ["compare", "fact", "all", "any", "not", "if", "ref", "bind", "eval"];

/** Every (container, key) of a JSON value. */
function slots(root: Json): [Json, string | number][] {
  const out: [Json, string | number][] = [];
  const walk = (v: Json) => {
    if (Array.isArray(v)) {
      v.forEach((x, i) => {
        out.push([v, i]);
        walk(x);
      });
    } else if (typeof v === "object" && v !== null) {
      for (const k of Object.keys(v)) {
        out.push([v, k]);
        walk(v[k]);
      }
    }
  };
  walk(root);
  return out;
}

type Mutation = { kind: number; at: number; pick: number };
const pickOf = <T>(xs: readonly T[], n: number): T => xs[n % xs.length] as T;

/** Apply one mutation; returns its name (for the counterexample report). */
function mutate(root: Json, m: Mutation): string {
  const all = slots(root);
  const choose = (pred: (v: Json, p: Json, k: string | number) => boolean) => {
    const c = all.filter(([p, k]) => pred(p[k], p, k));
    return c.length === 0 ? undefined : pickOf(c, m.at);
  };
  const objects = () => choose((v) => typeof v === "object" && v !== null && !Array.isArray(v));
  switch (m.kind % 14) {
    case 0: {
      const s = choose((v) => typeof v === "number");
      if (s)
        s[0][s[1]] = pickOf(
          [HOSTILE, "0.5", Number.NaN, Infinity, -Infinity, 1e308, -1e308],
          m.pick,
        );
      return "number → junk";
    }
    case 1: {
      const s = choose((v) => typeof v === "number");
      if (s)
        s[0][s[1]] = pickOf([0, 0.1, 0.5, 1, 2, 3.5, 5, 25, 30, 50, 100, 300, -5, 1e-9], m.pick);
      return "number → number";
    }
    case 2: {
      const s = choose((_v, p) => !Array.isArray(p));
      if (s) delete s[0][s[1]];
      return "delete key";
    }
    case 3: {
      const s = choose((_v, _p, k) => k === "op");
      if (s) s[0][s[1]] = pickOf(OPS, m.pick);
      return "swap op";
    }
    case 4: {
      const s = objects();
      if (s) s[0][s[1]][pickOf(["extra", "sql", "constructor", "toString"], m.pick)] = HOSTILE;
      return "add key";
    }
    case 5: {
      const s = choose((_v, _p, k) => k === "measure");
      if (s) s[0][s[1]] = pickOf([...MEASURES, "x; globalThis.X=1", "constructor"], m.pick);
      return "change measure";
    }
    case 6: {
      const s = choose((v) => typeof v === "object" && v !== null && v.op === "ref");
      if (s) s[0][s[1]].to = pickOf(["CR", "PR", "OR", "renalResponse", "XX", "__proto__"], m.pick);
      return "break ref";
    }
    case 7: {
      const s = choose((v) => typeof v === "object" && v !== null && typeof v.op === "string");
      if (s) s[0][s[1]] = { op: "ref", to: pickOf(["CR", "PR", "OR", "renalResponse"], m.pick) };
      return "node → ref";
    }
    case 8: {
      const s = choose((_v, _p, k) => k === "cmp");
      if (s)
        s[0][s[1]] = pickOf(["<", "<=", ">", ">=", "==", "> 0 || (globalThis.X = 1) ||"], m.pick);
      return "swap comparator";
    }
    case 9: {
      const s = choose((_v, _p, k) => k === "unit");
      if (s) s[0][s[1]] = pickOf([...UNITS, "g/dy", "g/L; globalThis.X=1"], m.pick);
      return "swap unit";
    }
    case 10: {
      const s = choose((_v, _p, k) => k === "at" || k === "kind");
      if (s)
        s[0][s[1]] =
          s[1] === "at"
            ? pickOf(["baseline", "current", "s; globalThis.X=1"], m.pick)
            : pickOf(["value", "percentDecrease", "percentIncrease", "increase", "ratio"], m.pick);
      return "swap at/kind";
    }
    case 11: {
      const s = choose((v) => v === "all" || v === "any");
      if (s) s[0][s[1]] = s[0][s[1]] === "all" ? "any" : "all";
      return "all ↔ any";
    }
    case 12: {
      const nodes = all.filter(
        ([p, k]) => typeof p[k] === "object" && p[k] !== null && typeof p[k].op === "string",
      );
      const from = nodes.length ? pickOf(nodes, m.pick) : undefined;
      const to = nodes.length ? pickOf(nodes, m.at) : undefined;
      if (from && to) to[0][to[1]] = JSON.parse(JSON.stringify(from[0][from[1]]));
      return "copy clause";
    }
    default: {
      const s = choose((_v, _p, k) => k === "id" || k === "name" || k === "bind");
      if (s)
        s[0][s[1]] = pickOf(["x'; DROP TABLE t; --", "a b", "CR", "constructor", "ok_id"], m.pick);
      return "change id/name";
    }
  }
}

const mutationArb = fc.array(fc.record({ kind: fc.nat(), at: fc.nat(), pick: fc.nat() }), {
  minLength: 1,
  maxLength: 3,
});

// Random inputs (validated, so both paths see the same value).
// The shared grid of clinical values (test/support/generators.ts).
const inputArb = responseInput;

const stats = {
  response: { cases: 0, valid: 0, inputs: 0 },
  eligibility: { cases: 0, valid: 0 },
  flare: { cases: 0, valid: 0 },
};

/** Calls `f`; anything thrown must be a CriteriaError. */
function onlyCriteriaError(f: () => unknown): "threw" | "ok" {
  try {
    f();
    return "ok";
  } catch (e) {
    if (!CriteriaError.isCriteriaError(e)) throw e;
    return "threw";
  }
}

const noGlobal = () => {
  expect((globalThis as Record<string, unknown>).X).toBeUndefined();
};

describe("mutated criteria objects: rejected with CriteriaError, or valid and consistent", () => {
  const responseSeeds = Object.values(criteria).map((c) => JSON.stringify(c));
  const record: PatientRecord = {
    id: "p",
    patient: { sex: "F" },
    baseline: {
      proteinuria: { value: 4, unit: "g/24h" },
      serumCreatinine: { value: 70, unit: "umol/L" },
    },
    treatmentHistory: {
      ordered: true,
      courses: [
        {
          agents: ["cyclophosphamide"],
          mode: "single",
          bestResponse: "NR",
          outcome: "failure-or-relapse",
        },
        {
          agents: ["mycophenolate"],
          mode: "single",
          bestResponse: "PR",
          outcome: "failure-or-relapse",
        },
      ],
    },
    visits: [
      {
        day: 90,
        labs: {
          proteinuria: { value: 2.6, unit: "g/24h" },
          serumCreatinine: { value: 110, unit: "umol/L" },
        },
      },
      {
        day: 180,
        labs: {
          proteinuria: { value: 0.3, unit: "g/24h" },
          serumCreatinine: { value: 72, unit: "umol/L" },
        },
      },
    ],
  };

  test("response criteria", { timeout: TIMEOUT }, () => {
    fc.assert(
      fc.property(
        fc.nat(),
        mutationArb,
        fc.array(inputArb, { minLength: 1, maxLength: 4 }),
        (seed, mutations, inputs) => {
          stats.response.cases++;
          const c: Json = JSON.parse(pickOf(responseSeeds, seed));
          for (const m of mutations) mutate(c, m);
          const v = safeValidateCriteria(c);
          if (!v.success) {
            expect(CriteriaError.isCriteriaError(v.error)).toBe(true);
            expect(v.error.issues.length).toBeGreaterThan(0);
            // Every entry point refuses it the same way, and nothing else is thrown.
            for (const call of [
              () => classifyResponse(c, {}),
              () => compile(c),
              () => compile(c, { codegen: false }),
              () => lintCriteria(c),
              () => toSql(c, { dialect: "duckdb", table: "t", columns: {} } as never),
            ])
              expect(onlyCriteriaError(call)).toBe("threw");
            noGlobal();
            return;
          }
          stats.response.valid++;
          const k = v.data as ResponseCriteria;
          expect(k.kind).toBe("response");
          const generated = compile(k);
          const closures = compile(k, { codegen: false });
          for (const raw of inputs) {
            const input = ResponseInputSchema.parse(raw) as ResponseInput;
            const a = classifyResponse(k, raw);
            const g = generated.classify(input);
            const f = closures.classify(input);
            stats.response.inputs++;
            expect(g.category).toBe(a.category);
            expect(f.category).toBe(a.category);
            expect(generated.category(input)).toBe(a.category);
            expect(g.endpoints).toEqual(a.endpoints);
            expect(f.endpoints).toEqual(a.endpoints);
          }
          noGlobal();
        },
      ),
      { numRuns: runs(0.7) },
    );
  });

  test("eligibility rules", { timeout: TIMEOUT }, () => {
    const seeds = Object.values(eligibility).map((c) => JSON.stringify(c));
    fc.assert(
      fc.property(fc.nat(), mutationArb, (seed, mutations) => {
        stats.eligibility.cases++;
        const c: Json = JSON.parse(pickOf(seeds, seed));
        for (const m of mutations) mutate(c, m);
        const v = safeValidateCriteria(c);
        if (!v.success) {
          expect(onlyCriteriaError(() => assessEligibility(c, record))).toBe("threw");
        } else if (v.data.kind === "eligibility") {
          stats.eligibility.valid++;
          expect(["eligible", "ineligible", "indeterminate"]).toContain(
            assessEligibility(v.data, record).status,
          );
        }
        noGlobal();
      }),
      { numRuns: runs(0.15) },
    );
  });

  test("flare definitions", { timeout: TIMEOUT }, () => {
    const seeds = Object.values(flares).map((c) => JSON.stringify(c));
    fc.assert(
      fc.property(fc.nat(), mutationArb, (seed, mutations) => {
        stats.flare.cases++;
        const c: Json = JSON.parse(pickOf(seeds, seed));
        for (const m of mutations) mutate(c, m);
        const v = safeValidateCriteria(c);
        if (!v.success) {
          expect(onlyCriteriaError(() => detectFlares(c, record))).toBe("threw");
        } else if (v.data.kind === "flare") {
          stats.flare.valid++;
          const r = detectFlares(v.data, record, { responseCriteria: criteria.kang2020 });
          expect(Array.isArray(r.flares)).toBe(true);
        }
        noGlobal();
      }),
      { numRuns: runs(0.15) },
    );
  });

  test("validating a shipped object again is an identity lookup", () => {
    for (const c of Object.values(criteria)) expect(validateCriteria(c)).toBe(c);
  });
});

afterAll(() => {
  const s = stats;
  console.log(
    `criteria fuzz: response ${s.response.cases} cases (${s.response.valid} valid, ${s.response.inputs} inputs compared); ` +
      `eligibility ${s.eligibility.cases} (${s.eligibility.valid} valid); flare ${s.flare.cases} (${s.flare.valid} valid)`,
  );
});
