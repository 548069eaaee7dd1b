// The rows path (src/api/rows.ts) against the explained path it replaces in the CLI:
// `classifyValidated` + `reasonOf`, column by column, on generated assessments (missing values,
// censored values, zero baselines, 24-h protein and every UPCR unit, creatinine in mg/dL and
// µmol/L, with and without the laboratory's creatinine limit and the sex, sediment, eGFR,
// implausible values) under every shipped definition, every combination of its readings, with and
// without proteinuria substitution. Each classifier first sees other rows (its input profiles
// are then known), so most compared rows take the compiled path; the test checks that they do.
// Then a few rows written by hand.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classifyValidated } from "../../src/api/classify.js";
import { type RowClassifier, type RowResult, reasonOf, rowClassifier } from "../../src/api/rows.js";
import { criteria } from "../../src/index.js";
import { allInterpretations } from "../../src/ir/readings.js";
import type { ResponseCriteria } from "../../src/ir/types.js";
import type { ResponseInput } from "../../src/model/assessment.js";
import { safeParseResponseInput } from "../../src/model/fast-parse.js";
import {
  censoredDenseResponseInput,
  denseResponseInput,
  propertyRuns,
  responseInput,
} from "../support/generators.js";
import { responseCriteria } from "../support/random-criteria.js";

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Units with weights (the first, the usual one, most often) and the value range in that unit. */
const UP_24H: readonly [string, number][] = [
  ["g/24h", 8],
  ["g/24h", 8],
  ["g/24h", 8],
  ["mg/24h", 8000],
  ["g/d", 8],
];
const UP_UPCR: readonly [string, number][] = [
  ["mg/mmol", 800],
  ["mg/mmol", 800],
  ["g/g", 8],
  ["mg/mg", 8],
  ["mg/g", 8000],
];
const SCR: readonly [string, number][] = [
  ["umol/L", 200],
  ["umol/L", 200],
  ["umol/L", 200],
  ["mg/dL", 2.5],
];
/** Values on the thresholds of the shipped definitions (g/24h or g/g, µmol/L, g/L, %). */
const ON_THRESHOLD = [0.5, 0.7, 1, 3, 3.5, 0.25, 0.8, 2, 0.15];

function generate(n: number, seed: number): ResponseInput[] {
  const rand = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const value = (max: number) => Math.round(rand() * max * 100) / 100;
  const out: ResponseInput[] = [];
  while (out.length < n) {
    // A patient's units: 24-h protein (mostly) or a UPCR, the same at baseline and now (mostly).
    const upUnits = rand() < 0.7 ? UP_24H : UP_UPCR;
    const [up0Unit, up0Max] = pick(upUnits);
    const [upUnit, upMax] =
      rand() < 0.9 ? [up0Unit, up0Max] : pick(rand() < 0.5 ? UP_24H : UP_UPCR);
    const [scrUnit, scrMax] = pick(SCR);
    const scale = (unit: string) => (unit.startsWith("mg/") && unit !== "mg/mg" ? 1000 : 1);
    const proteinuria = (unit: string, max: number) => {
      const r = rand();
      if (r < 0.08) return undefined;
      if (r < 0.14)
        return { value: value(max), unit, censor: pick(["<", "<=", ">", ">="] as const) };
      if (r < 0.3) return { value: pick(ON_THRESHOLD) * scale(unit), unit };
      return { value: value(max), unit };
    };
    const up0 = rand() < 0.04 ? { value: 0, unit: up0Unit } : proteinuria(up0Unit, up0Max);
    const up = proteinuria(upUnit, upMax);
    const scr0 = rand() < 0.06 ? undefined : { value: 20 + value(scrMax), unit: scrUnit };
    const scrValue =
      scr0 && rand() < 0.2 ? scr0.value * pick([1.25, 0.75, 1.1, 1.5]) : 20 + value(scrMax);
    const r = rand();
    const scr =
      r < 0.08
        ? undefined
        : r < 0.12
          ? { value: Math.max(scrValue, 1), unit: scrUnit, censor: pick(["<", ">"] as const) }
          : { value: Math.round(scrValue * 100) / 100, unit: scrUnit };
    const sed: Record<string, unknown> = {};
    if (rand() < 0.6) sed.rbcPerHpf = Math.floor(rand() * 12);
    if (rand() < 0.5) sed.wbcPerHpf = Math.floor(rand() * 12);
    if (rand() < 0.2) sed.acanthocytesPerHpf = Math.floor(rand() * 5);
    if (rand() < 0.5) sed.cellularCasts = rand() < 0.2;
    if (rand() < 0.1) sed.normal = rand() < 0.7;
    const input = {
      patient: {
        ...(rand() < 0.85 ? { sex: pick(["F", "F", "M"] as const) } : {}),
        ...(rand() < 0.5 ? { ageYears: 18 + Math.floor(rand() * 60) } : {}),
      },
      baseline: {
        ...(up0 ? { proteinuria: up0 } : {}),
        ...(scr0 ? { serumCreatinine: scr0 } : {}),
        ...(rand() < 0.3 ? { egfr: { value: 15 + value(100), unit: "mL/min/1.73m2" } } : {}),
      },
      current: {
        ...(up ? { proteinuria: up } : {}),
        ...(scr ? { serumCreatinine: scr } : {}),
        ...(rand() < 0.2
          ? {
              serumCreatinineUpperLimit:
                scrUnit === "mg/dL" ? { value: 1.1, unit: "mg/dL" } : { value: 90, unit: "umol/L" },
            }
          : {}),
        ...(rand() < 0.8
          ? {
              serumAlbumin:
                rand() < 0.8
                  ? { value: 15 + value(35), unit: "g/L" }
                  : { value: 1.5 + value(3.5), unit: "g/dL" },
            }
          : {}),
        ...(rand() < 0.5 ? { egfr: { value: 15 + value(110), unit: "mL/min/1.73m2" } } : {}),
        ...(Object.keys(sed).length ? { urineSediment: sed } : {}),
        ...(rand() < 0.2 ? { prednisoneMgPerDay: pick([2.5, 5, 7.5, 10, 20]) } : {}),
        ...(rand() < 0.1 ? { rescueTherapy: rand() < 0.5 } : {}),
      },
    };
    const parsed = safeParseResponseInput(input);
    if (parsed.success) out.push(parsed.data);
  }
  return out;
}

/** The columns of the explained path, as the CLI wrote them before the rows path. */
function explained(c: ResponseCriteria, s: ResponseInput, options: object): RowResult {
  const r = classifyValidated(c, s, options);
  return {
    category: r.category,
    possibleCategories: r.possibleCategories,
    robust: r.robust,
    sensitiveTo: r.sensitiveTo,
    missing: r.missing,
    endpoints: r.endpoints,
    warnings: r.warnings,
    assumptions: r.assumptions,
    notes: r.notes,
    reason: reasonOf(r),
  };
}

const ALL = (Object.values(criteria) as ResponseCriteria[]).filter((c) => c.kind === "response");
const WARM = generate(400, 1);
const ROWS = generate(400, 2);

/** Compare every column of every row (JSON text, so that key order counts too). */
function compareAll(
  c: ResponseCriteria,
  options: { interpretation?: Record<string, string>; allowProteinuriaSubstitution?: boolean },
  warm: readonly ResponseInput[],
  rows: readonly ResponseInput[],
) {
  const f = rowClassifier(c, options);
  for (const s of warm) f(s);
  const before = { ...f.counts };
  let decided = 0;
  for (const [i, s] of rows.entries()) {
    const got = f(s);
    const want = explained(c, s, options);
    if (want.category !== "indeterminate") decided++;
    if (JSON.stringify(got) !== JSON.stringify(want)) {
      expect(
        { row: i, ...got },
        `${c.id} ${JSON.stringify(options)} row ${i}: ${JSON.stringify(s)}`,
      ).toEqual({ row: i, ...want });
    }
  }
  return { ...counted(f, before), decided };
}

describe("rowClassifier against classifyValidated + reasonOf", () => {
  it("the generated rows cover what they should", () => {
    const rows = [...WARM, ...ROWS];
    const up = rows.map((s) => s.current?.proteinuria);
    expect(up.some((q) => q?.unit === "mg/mmol")).toBe(true);
    expect(up.some((q) => q?.unit === "g/24h")).toBe(true);
    expect(up.some((q) => q?.censor !== undefined)).toBe(true);
    expect(up.some((q) => q === undefined)).toBe(true);
    expect(rows.some((s) => s.baseline?.proteinuria?.value === 0)).toBe(true);
    expect(rows.some((s) => s.current?.serumCreatinineUpperLimit !== undefined)).toBe(true);
    expect(rows.some((s) => s.patient?.sex === undefined)).toBe(true);
    const zhang = ROWS.map((s) => explained(criteria.zhang2023, s, {}));
    for (const cat of ["CR", "PR", "NR", "indeterminate"]) {
      expect(zhang.some((r) => r.category === cat)).toBe(true);
    }
    const all = ALL.flatMap((c) => ROWS.map((s) => explained(c, s, {})));
    expect(all.some((r) => r.reason.startsWith("gap in the source's text"))).toBe(true);
    expect(all.some((r) => r.robust === false && r.sensitiveTo.length > 1)).toBe(true);
    expect(all.some((r) => r.assumptions.length > 0)).toBe(true);
    expect(all.some((r) => r.notes.some((n) => n.includes("relative to it is undefined")))).toBe(
      true,
    );
    expect(all.some((r) => r.notes.some((n) => n.includes("spot UPCR")))).toBe(true);
    expect(all.some((r) => r.warnings.length > 0)).toBe(true);
  });

  it("every shipped definition, every combination of readings, with and without substitution", () => {
    let compiled = 0;
    let decided = 0;
    let total = 0;
    for (const c of ALL) {
      for (const interpretation of allInterpretations(c)) {
        for (const allowProteinuriaSubstitution of [false, true]) {
          const n = compareAll(
            c,
            { interpretation, allowProteinuriaSubstitution },
            WARM,
            ROWS.slice(0, 150),
          );
          compiled += n.compiled;
          decided += n.decided;
          total += n.compiled + n.explained;
        }
      }
    }
    // Most rows take the compiled path, so the comparison tests it (under substitution a row of
    // the other measure is always explained: its notes hold values).
    expect(total).toBe(150 * 2 * ALL.reduce((k, c) => k + allInterpretations(c).length, 0));
    expect(decided).toBeGreaterThan(total / 3);
    expect(compiled / total).toBeGreaterThan(0.5);
  }, 120_000);

  it("every shipped definition, default readings, many rows", () => {
    const warm = generate(3000, 3);
    const rows = generate(3000, 4);
    for (const c of ALL) {
      const n = compareAll(c, {}, warm, rows);
      expect(n.compiled / rows.length, c.id).toBeGreaterThan(0.6);
    }
  }, 120_000);

  it("a definition's partial interpretation is the full one with the defaults", () => {
    const a = rowClassifier(criteria.zhang2023, { interpretation: { crProteinuriaCutoff: "0.7" } });
    const b = rowClassifier(criteria.zhang2023, {
      interpretation: {
        crProteinuriaCutoff: "0.7",
        creatinineBand: "stable-or-improved",
        nephroticBaseline: ">3.5",
      },
    });
    expect(a).toBe(b);
    expect(rowClassifier(criteria.zhang2023)).not.toBe(a);
    expect(rowClassifier(criteria.zhang2023, { allowProteinuriaSubstitution: true })).not.toBe(
      rowClassifier(criteria.zhang2023),
    );
  });
});

describe("rowClassifier on random definitions (test/support/random-criteria.ts)", () => {
  it("every column equals the explained path's, on the compiled path too", () => {
    let compiled = 0;
    fc.assert(
      fc.property(
        responseCriteria,
        fc.array(fc.oneof(denseResponseInput, censoredDenseResponseInput, responseInput), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.constantFrom("a", "b"),
        fc.boolean(),
        (c, inputs, reading, sub) => {
          const options = {
            interpretation: { choice: reading },
            allowProteinuriaSubstitution: sub,
          };
          const f = rowClassifier(c, options);
          for (const s of inputs) {
            const want = JSON.stringify(explained(c, s, options));
            // The first row of a profile is explained; the second time the same row is not.
            expect(JSON.stringify(f(s))).toBe(want);
            const before = f.counts.compiled;
            expect(JSON.stringify(f(s))).toBe(want);
            compiled += f.counts.compiled - before;
          }
        },
      ),
      { numRuns: propertyRuns(500) },
    );
    // At least one compiled row per five properties (100 at the default 500 runs; the mutation
    // run's smaller budget scales it down).
    expect(compiled).toBeGreaterThan(propertyRuns(500) / 5);
  }, 120_000);
});

/** The rows a classifier took each way since `before` (classifiers are shared: see the cache). */
const counted = (f: RowClassifier, before: RowClassifier["counts"]) => ({
  compiled: f.counts.compiled - before.compiled,
  explained: f.counts.explained - before.explained,
});

describe("rowClassifier, rows written by hand", () => {
  const zhang = (up: number, up0 = 4, unit = "g/24h"): ResponseInput => ({
    patient: { sex: "F" },
    baseline: {
      proteinuria: { value: up0, unit },
      serumCreatinine: { value: 60, unit: "umol/L" },
    },
    current: {
      proteinuria: { value: up, unit },
      serumCreatinine: { value: 62, unit: "umol/L" },
      serumAlbumin: { value: 36, unit: "g/L" },
    },
  });

  it("PR, the second row of a profile on the compiled path: CR's failed clause is the reason", () => {
    const f = rowClassifier(criteria.zhang2023);
    f(zhang(2.5));
    const before = f.counts.compiled;
    const r = f(zhang(0.6));
    expect(f.counts.compiled).toBe(before + 1);
    expect(r).toEqual({
      category: "PR",
      possibleCategories: ["PR"],
      robust: false,
      sensitiveTo: ["crProteinuriaCutoff"],
      missing: [],
      endpoints: { OR: "met", UP25: "met" },
      warnings: [],
      assumptions: [],
      notes: [],
      reason:
        "not CR: 24-h urine protein 0.6 g/24h is not below 0.5 g/24h: not met (Zhang 2023, §2.4 Response criteria).",
    });
  });

  it("CR names its proteinuria clause; NR names PR's first failed clause", () => {
    const f = rowClassifier(criteria.zhang2023);
    f(zhang(2.5));
    const before = { ...f.counts };
    const cr = f(zhang(0.3));
    expect(cr.category).toBe("CR");
    expect(cr.reason).toBe(
      "CR: 24-h urine protein 0.3 g/24h is below 0.5 g/24h: met (Zhang 2023, §2.4 Response criteria).",
    );
    // 4 → 2.5 g/day: a 37.5% decrease is not more than 50%.
    const nr = f(zhang(2.5));
    expect(nr.category).toBe("NR");
    expect(nr.reason).toBe(
      "not PR: decrease in 24-h urine protein from baseline 37.5% (from 4 g/24h to 2.5 g/24h) is not above 50%: not met (Zhang 2023, §2.4 Response criteria).",
    );
    expect(counted(f, before)).toEqual({ compiled: 2, explained: 0 });
  });

  it("a substitution's note holds the values: each row gets its own", () => {
    const f = rowClassifier(criteria.zhang2023, { allowProteinuriaSubstitution: true });
    const before = { ...f.counts };
    const a = f(zhang(0.3, 4, "g/g"));
    const b = f(zhang(0.4, 4, "g/g"));
    // In tree order: CR's proteinuria clause reads the current value, PR's drop the baseline too.
    expect(a.notes).toEqual([
      "current.proteinuria 0.3 g/g is a spot UPCR; used as 0.3 g/24h (allowProteinuriaSubstitution)",
      "baseline.proteinuria 4 g/g is a spot UPCR; used as 4 g/24h (allowProteinuriaSubstitution)",
    ]);
    expect(b.notes).toEqual([
      "current.proteinuria 0.4 g/g is a spot UPCR; used as 0.4 g/24h (allowProteinuriaSubstitution)",
      "baseline.proteinuria 4 g/g is a spot UPCR; used as 4 g/24h (allowProteinuriaSubstitution)",
    ]);
    expect(counted(f, before)).toEqual({ compiled: 0, explained: 2 });
  });

  it("a zero baseline: the undefined change is a note of the profile", () => {
    const f = rowClassifier(criteria.zhang2023, {
      interpretation: { creatinineBand: "symmetric" },
    });
    const a = f(zhang(0.3, 0));
    const before = { ...f.counts };
    const b = f(zhang(0.4, 0));
    for (const r of [a, b]) {
      expect(r.category).toBe("CR");
      expect(r.notes).toEqual([
        "baseline proteinuria24h is 0, so a change relative to it is undefined",
      ]);
    }
    // The second row of the profile is not explained.
    expect(counted(f, before)).toEqual({ compiled: 1, explained: 0 });
  });
});
