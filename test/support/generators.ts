// Shared input generators of the differential and fuzz tests (compile, SQL, criteria fuzzing):
// values on grids that hit every printed threshold exactly, each input optional.
import fc from "fast-check";
import type { ResponseInput } from "../../src/model/assessment.js";

/** Numbers from `min` to `max` in steps of `step` (so every printed threshold is reached exactly). */
export const grid = (min: number, max: number, step: number): fc.Arbitrary<number> =>
  fc
    .integer({ min: Math.round(min / step), max: Math.round(max / step) })
    .map((n) => Number((n * step).toFixed(6)));

/** The value or absent (undefined) one time in `freq` (four by default). */
export const maybe = <T>(a: fc.Arbitrary<T>, freq = 4): fc.Arbitrary<T | undefined> =>
  fc.option(a, { nil: undefined, freq });

/** Proteinuria as a 24-h protein or a UPCR, in two units each. */
export const protein = fc.oneof(
  grid(0, 12, 0.01).map((v) => ({ value: v, unit: "g/24h" })),
  grid(0, 12000, 10).map((v) => ({ value: v, unit: "mg/24h" })),
  grid(0, 10, 0.01).map((v) => ({ value: v, unit: "g/g" })),
  grid(0, 1000, 1).map((v) => ({ value: v, unit: "mg/mmol" })),
);

/** The censors a laboratory writes (`<0.1`, `<=0.1`, `>3000`, `>=3000`). */
export const censor = fc.constantFrom("<" as const, "<=" as const, ">" as const, ">=" as const);

/**
 * The quantity, or (one time in three) the same bound as a censored value; `<0` (an empty
 * range, refused by the schema) is left exact.
 */
export const censoredOr = <Q extends { value: number; unit: string }>(
  q: fc.Arbitrary<Q>,
): fc.Arbitrary<Q | (Q & { censor: "<" | "<=" | ">" | ">=" })> =>
  fc.oneof(
    { weight: 2, arbitrary: q },
    {
      weight: 1,
      arbitrary: fc
        .tuple(q, censor)
        .map(([x, c]) => (c === "<" && x.value === 0 ? x : { ...x, censor: c })),
    },
  );

/** The labs of one assessment, each field absent one time in `freq`; quantities sometimes censored. */
const labsOf = (freq: number, censored = false) => {
  const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq });
  const c = <Q extends { value: number; unit: string }>(q: fc.Arbitrary<Q>) =>
    censored ? censoredOr(q) : q;
  return fc.record(
    {
      proteinuria: maybe(c(protein)),
      serumCreatinine: maybe(
        c(
          fc.oneof(
            grid(20, 400, 0.5).map((v) => ({ value: v, unit: "umol/L" })),
            grid(0.2, 5, 0.01).map((v) => ({ value: v, unit: "mg/dL" })),
          ),
        ),
      ),
      serumAlbumin: maybe(
        c(
          fc.oneof(
            grid(15, 50, 0.1).map((v) => ({ value: v, unit: "g/L" })),
            grid(1.5, 5, 0.01).map((v) => ({ value: v, unit: "g/dL" })),
          ),
        ),
      ),
      serumCreatinineUpperLimit: maybe(
        fc.oneof(
          grid(60, 130, 5).map((v) => ({ value: v, unit: "umol/L" })),
          grid(0.7, 1.5, 0.1).map((v) => ({ value: v, unit: "mg/dL" })),
        ),
      ),
      egfr: maybe(c(grid(10, 140, 1).map((v) => ({ value: v, unit: "mL/min/1.73m2" })))),
      urineSediment: maybe(
        fc.record(
          {
            rbcPerHpf: maybe(fc.integer({ min: 0, max: 30 })),
            wbcPerHpf: maybe(fc.integer({ min: 0, max: 30 })),
            acanthocytesPerHpf: maybe(fc.integer({ min: 0, max: 30 })),
            cellularCasts: maybe(fc.boolean()),
            normal: maybe(fc.boolean()),
          },
          { requiredKeys: [] },
        ),
      ),
      prednisoneMgPerDay: maybe(grid(0, 40, 0.5)),
      rescueTherapy: maybe(fc.boolean()),
    },
    { requiredKeys: [] },
  );
};

/** The labs of one assessment, each field optional (absent one time in four). */
export const labs = labsOf(4);

/** As {@link labs}, each quantity censored one time in three. */
export const censoredLabs = labsOf(4, true);

const responseInputOf = (
  freq: number,
  requiredKeys: ("patient" | "baseline" | "current")[],
  censored = false,
): fc.Arbitrary<ResponseInput> =>
  fc.record(
    {
      patient: fc.record(
        { sex: maybe(fc.constantFrom("F" as const, "M" as const), freq) },
        { requiredKeys: [] },
      ),
      baseline: labsOf(freq, censored),
      current: labsOf(freq, censored),
    },
    { requiredKeys },
  );

/** A valid response input (patient sex, baseline and current labs), every part optional. */
export const responseInput: fc.Arbitrary<ResponseInput> = responseInputOf(4, []);

/** As {@link responseInput} with every part present, each lab absent one time in twenty (so deep clause trees decide). */
export const denseResponseInput: fc.Arbitrary<ResponseInput> = responseInputOf(20, [
  "patient",
  "baseline",
  "current",
]);

/** As {@link responseInput}, with each quantity censored (`<`, `<=`, `>`, `>=` its value) one time in three. */
export const censoredResponseInput: fc.Arbitrary<ResponseInput> = responseInputOf(4, [], true);

/** As {@link denseResponseInput}, with each quantity censored one time in three. */
export const censoredDenseResponseInput: fc.Arbitrary<ResponseInput> = responseInputOf(
  20,
  ["patient", "baseline", "current"],
  true,
);

/**
 * A property's number of runs: `n`, or fewer when PROPERTY_RUNS is set (the mutation-testing
 * run sets it, since each mutant re-runs every property that covers it).
 */
export const propertyRuns = (n: number): number => {
  const cap = Number(process.env.PROPERTY_RUNS);
  return Number.isFinite(cap) && cap > 0 ? Math.min(n, cap) : n;
};
