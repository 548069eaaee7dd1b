// Fuzzing of bad input at the validation boundary of every public engine, over every
// shipped criteria / eligibility / flare object.
//
// Inputs are valid assessments and patient records corrupted by one to three random
// operations (NaN, ±Infinity, -0, negative and absurd numbers, numbers as strings,
// wrong types, unit typos and units of the wrong kind, missing and extra fields,
// `__proto__` / `constructor` / `prototype` keys, duplicate visit days, invalid
// calendar dates, deeply nested junk, non-object roots), plus wholly random junk.
// Each operation knows whether it must make the input invalid; the schema's own
// verdict is the oracle for the others.
//
// Budget: FUZZ_RUNS generated cases shared among the properties (default 20,000, about
// 15 s); the long run is `FUZZ_RUNS=200000 vitest run test/fuzz`. The summary line
// printed at the end gives the cases run per property and how many were valid.
// The properties run synchronously under fc.assert (not @fast-check/vitest's test.prop,
// whose async runner and import cost more than the engines at this volume).

import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { afterAll, describe, expect, test } from "vitest";
import type { z } from "zod";
import { summarizeCohort } from "../../src/analysis/cohort.js";
import { datedVisits } from "../../src/api/timeline.js";
import {
  AGENT_NAMES,
  assessEligibility,
  assessRecord,
  BASE_UNITS,
  classifyMany,
  classifyResponse,
  criteria,
  detectFlares,
  type EligibilityCriteria,
  eligibility,
  type FlareCriteria,
  flares,
  InputError,
  lookupUnit,
  type MeasureKind,
  type PatientRecord,
  PatientRecordSchema,
  type ResponseCriteria,
  type ResponseInput,
  ResponseInputSchema,
  safeAssessEligibility,
  safeAssessRecord,
  safeClassifyResponse,
  safeDetectFlares,
  unitsOfKind,
} from "../../src/index.js";
import {
  fastPatientRecord,
  fastResponseInput,
  safeParsePatientRecord,
  safeParseResponseInput,
} from "../../src/model/fast-parse.js";

// ---------------------------------------------------------------------------
// Budget

const DEFAULT_RUNS = 20_000;
const TOTAL = Number(process.env.FUZZ_RUNS ?? DEFAULT_RUNS);
const SHARES = {
  classify: 0.3,
  classifyMany: 0.05,
  eligibility: 0.15,
  record: 0.14,
  flares: 0.14,
  cohort: 0.05,
  plausible: 0.1,
  jsonProto: 0.05,
  interpretation: 0.02,
  fastParse: 0.1,
} as const;
const runs = (k: keyof typeof SHARES) => Math.max(10, Math.round(TOTAL * SHARES[k]));
const HUGE_RUNS = Math.max(2, Math.round(TOTAL / 25_000));
const TIMEOUT = 30 * 60_000;
const counted = new Map<string, number>();
const count = (name: string) => counted.set(name, (counted.get(name) ?? 0) + 1);
/** Inputs the engines accepted (the rest were rejected with an InputError), per property. */
const accepted = new Map<string, number>();
const countAccepted = (name: string, ok: boolean) => {
  if (ok) accepted.set(name, (accepted.get(name) ?? 0) + 1);
};
const usedObjects = new Set<string>();
/** Replays a reported failure: FUZZ_SEED=<seed> FUZZ_PATH=<path> (both from fast-check's report). */
const replay =
  process.env.FUZZ_SEED === undefined
    ? {}
    : {
        seed: Number(process.env.FUZZ_SEED),
        ...(process.env.FUZZ_PATH === undefined ? {} : { path: process.env.FUZZ_PATH }),
      };

// ---------------------------------------------------------------------------
// Shipped objects

const responseObjects: readonly ResponseCriteria[] = Object.values(criteria);
const eligibilityObjects: readonly EligibilityCriteria[] = Object.values(eligibility);
const flareObjects: readonly FlareCriteria[] = Object.values(flares);
const allIds = [...responseObjects, ...eligibilityObjects, ...flareObjects].map((o) => o.id);

const aResponse = fc.constantFrom(...responseObjects);
const anEligibility = fc.constantFrom(...eligibilityObjects);
const aFlare = fc.constantFrom(...flareObjects);

/** A random permitted choice of readings of an object's parameters. */
function choiceOf(
  o: Pick<ResponseCriteria, "parameters">,
  seeds: readonly number[],
): Record<string, string> {
  const out: Record<string, string> = {};
  Object.entries(o.parameters).forEach(([name, p], i) => {
    const readings = Object.keys(p.readings);
    const seed = seeds[i % Math.max(1, seeds.length)] ?? 0;
    const r = readings[seed % readings.length];
    if (r !== undefined && seed % 3 !== 0) out[name] = r;
  });
  return out;
}
const seeds = fc.array(fc.nat(), { minLength: 1, maxLength: 6 });

// ---------------------------------------------------------------------------
// Prototype pollution guard

const PROTO_KEYS = Reflect.ownKeys(Object.prototype);
const PROTO_DESCRIPTORS = Object.getOwnPropertyDescriptors(Object.prototype);
const ARRAY_PROTO_KEYS = Reflect.ownKeys(Array.prototype);
function expectNoPollution(): void {
  const probe = {} as Record<string, unknown>;
  if (
    probe.polluted !== undefined ||
    Reflect.ownKeys(Object.prototype).length !== PROTO_KEYS.length ||
    Reflect.ownKeys(Array.prototype).length !== ARRAY_PROTO_KEYS.length ||
    ([] as unknown as Record<string, unknown>).polluted !== undefined
  ) {
    throw new Error(
      `prototype polluted: ${Reflect.ownKeys(Object.prototype)
        .filter((k) => !PROTO_KEYS.includes(k))
        .map(String)
        .join(", ")}`,
    );
  }
}

// ---------------------------------------------------------------------------
// Valid inputs

const PROTEIN_UNITS = [...unitsOfKind("urineProtein24h"), ...unitsOfKind("upcr")];
const FIELD_KINDS: Readonly<Record<string, readonly MeasureKind[]>> = {
  proteinuria: ["urineProtein24h", "upcr"],
  serumCreatinine: ["serumCreatinine"],
  serumCreatinineUpperLimit: ["serumCreatinine"],
  serumAlbumin: ["serumAlbumin"],
  egfr: ["egfr"],
};
const ALL_KINDS = Object.keys(BASE_UNITS) as MeasureKind[];
const ALL_UNITS = ALL_KINDS.flatMap((k) => unitsOfKind(k));

const num = (min: number, max: number) =>
  fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
const quantity = (units: readonly string[], min: number, max: number) =>
  fc.record({ value: num(min, max), unit: fc.constantFrom(...units) });
const orNull = <T>(a: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 6, arbitrary: a }, { weight: 1, arbitrary: fc.constant(null) });

const labs = fc.record(
  {
    proteinuria: orNull(quantity(PROTEIN_UNITS, 0, 15)),
    serumCreatinine: orNull(quantity(unitsOfKind("serumCreatinine"), 0.3, 400)),
    serumCreatinineUpperLimit: orNull(quantity(unitsOfKind("serumCreatinine"), 0.8, 120)),
    serumAlbumin: orNull(quantity(unitsOfKind("serumAlbumin"), 1, 50)),
    egfr: orNull(quantity(unitsOfKind("egfr"), 5, 150)),
    urineSediment: orNull(
      fc.record(
        {
          rbcPerHpf: fc.integer({ min: 0, max: 60 }),
          wbcPerHpf: fc.integer({ min: 0, max: 60 }),
          acanthocytesPerHpf: fc.integer({ min: 0, max: 20 }),
          cellularCasts: fc.boolean(),
          normal: fc.boolean(),
        },
        { requiredKeys: [] },
      ),
    ),
    prednisoneMgPerDay: orNull(num(0, 60)),
    rescueTherapy: orNull(fc.boolean()),
  },
  { requiredKeys: [] },
);

const patient = fc.record(
  {
    sex: orNull(fc.constantFrom("F", "M")),
    ageYears: orNull(fc.integer({ min: 0, max: 100 })),
  },
  { requiredKeys: [] },
);

const validResponseInput = fc.record(
  { patient: orNull(patient), baseline: orNull(labs), current: orNull(labs) },
  { requiredKeys: [] },
);

const agent = fc.constantFrom(...AGENT_NAMES);
const course = fc
  .record({
    mode: fc.constantFrom("single", "combination", "sequence"),
    agents: fc.array(agent, { minLength: 2, maxLength: 3 }),
    bestResponse: fc.constantFrom("CR", "PR", "NR", "unknown"),
    outcome: fc.option(fc.constantFrom("failure-or-relapse", "adverse-event"), { nil: undefined }),
    durationMonths: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
  })
  .map(({ mode, agents, outcome, durationMonths, ...rest }) => ({
    ...rest,
    mode,
    agents: mode === "single" ? agents.slice(0, 1) : agents,
    ...(outcome === undefined ? {} : { outcome }),
    ...(durationMonths === undefined ? {} : { durationMonths }),
  }));
const treatmentHistory = fc.record(
  {
    courses: fc.array(course, { maxLength: 4 }),
    ordered: fc.boolean(),
    verbatim: fc.constantFrom("CTX, MMF", "Cyc → MMF* (CR → F)"),
  },
  { requiredKeys: ["courses", "ordered"] },
);

const eventDay = fc.integer({ min: 0, max: 900 });
const event = fc.oneof(
  fc.record({
    type: fc.constant("withdrawal"),
    day: eventDay,
    reason: fc.constantFrom("adverse-event", "lost-to-follow-up", "other"),
  }),
  fc.record({ type: fc.constant("missed-visit"), day: eventDay, reason: fc.constant("COVID-19") }),
  fc.record({ type: fc.constant("rescue-therapy"), day: eventDay }),
  fc.record({ type: fc.constant("death"), day: eventDay }),
  fc.record({ type: fc.constant("end-of-follow-up"), day: eventDay }),
  fc.record(
    {
      type: fc.constant("extra-renal-manifestation"),
      day: eventDay,
      prednisoneMgPerDay: num(0, 80),
    },
    { requiredKeys: ["type", "day"] },
  ),
);

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const baselineDate = fc
  .integer({ min: Date.UTC(1960, 0, 1) / DAY_MS, max: Date.UTC(2060, 0, 1) / DAY_MS })
  .map((d) => isoDay(d * DAY_MS));

/** Visits on distinct days, in random order, each given by day or (with a baseline date) by date. */
const validRecord = fc
  .record(
    {
      id: fc.oneof(fc.string({ minLength: 1, maxLength: 10 }), fc.constantFrom("p1", "__proto__")),
      patient,
      disease: fc.record(
        { lnDurationYears: num(0, 30), lnClass: fc.constantFrom("IV", "III + V") },
        { requiredKeys: [] },
      ),
      baseline: labs,
      baselineDate,
      baselineTherapy: fc.record(
        { prednisoneMgPerDay: num(0, 60), rasi: fc.constantFrom(null, "losartan") },
        { requiredKeys: [] },
      ),
      treatmentHistory,
      exclusions: fc.record(
        { nonAdherence: fc.boolean(), pregnancy: fc.boolean(), lactation: fc.boolean() },
        { requiredKeys: [] },
      ),
      visits: fc.uniqueArray(
        fc.record({ day: fc.integer({ min: 0, max: 800 }), labs, byDate: fc.boolean() }),
        { selector: (v) => v.day, maxLength: 6 },
      ),
      events: fc.array(event, { maxLength: 4 }),
      published: fc.record({ category: fc.constantFrom("CR", "PR", "NR", "lost") }),
      provenance: fc.record({ row: fc.integer({ min: 1, max: 40 }), table: fc.constant("T1") }),
      verbatim: fc.dictionary(fc.constantFrom("Patient", "Age", "24-h UP", "Scr"), fc.string(), {
        maxKeys: 3,
      }),
    },
    { requiredKeys: ["id"] },
  )
  .map((r) => {
    const { visits, ...rest } = r;
    if (!visits) return rest;
    const base = r.baselineDate;
    return {
      ...rest,
      visits: visits.map((v) =>
        v.byDate && base !== undefined
          ? { date: isoDay(Date.parse(`${base}T00:00:00Z`) + v.day * DAY_MS), labs: v.labs }
          : { day: v.day, labs: v.labs },
      ),
    };
  });

// ---------------------------------------------------------------------------
// Junk

const DEEP = 5_000;
const junkObjects = new WeakSet<object>();
function mark<T>(v: T): T {
  if (typeof v === "object" && v !== null) junkObjects.add(v);
  return v;
}
function deepObject(depth: number): unknown {
  let v: unknown = { a: 1 };
  for (let i = 0; i < depth; i++) v = { a: v };
  return mark(v);
}
function deepArray(depth: number): unknown {
  let v: unknown = [1];
  for (let i = 0; i < depth; i++) v = [v];
  return mark(v);
}
// Shared (never mutated: junk is not descended into).
const DEEP_OBJECT = deepObject(DEEP);
const DEEP_ARRAY = deepArray(DEEP);
const protoPayload = () =>
  JSON.parse(
    '{"polluted":"yes","__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}',
  );

/** Never a valid value for any number field (all are finite and non-negative). */
const BAD_NUMBERS: readonly (() => unknown)[] = [
  () => Number.NaN,
  () => Number.POSITIVE_INFINITY,
  () => Number.NEGATIVE_INFINITY,
  () => -1,
  () => -0.001,
  () => -Number.MAX_VALUE,
  () => -Number.MIN_VALUE,
  () => -1e308,
  () => "1",
  () => "0",
  () => "1e3",
  () => "NaN",
  () => "Infinity",
  () => " 12 ",
  () => "",
  () => "4,92",
  () => true,
  () => false,
  () => ({}),
  () => [],
  () => [1],
  () => ({ value: 1, unit: "g/24h" }),
  () => 10n,
  () => Symbol("x"),
  () => new Date(0),
  () => new Number(1),
  () => DEEP_OBJECT,
  () => DEEP_ARRAY,
  protoPayload,
];
/** Maybe valid: the schema decides. */
const ODD_NUMBERS: readonly (() => unknown)[] = [
  () => -0,
  () => 0,
  () => 0.5,
  () => 1e300,
  () => Number.MAX_VALUE,
  () => Number.MIN_VALUE,
  () => Number.MAX_SAFE_INTEGER,
  () => 2 ** 53 + 2,
  () => 1e-300,
  () => null,
  () => undefined,
];
/** Never a valid value for any string field (strings, enums, dates, units). */
const NON_STRINGS: readonly (() => unknown)[] = [
  () => 0,
  () => 1,
  () => Number.NaN,
  () => true,
  () => ({}),
  () => [],
  () => ["g/24h"],
  () => 1n,
  () => Symbol("s"),
  () => new String("g/24h"),
  () => DEEP_ARRAY,
  protoPayload,
];
const NON_BOOLEANS: readonly (() => unknown)[] = [
  () => 0,
  () => 1,
  () => "true",
  () => "false",
  () => "",
  () => ({}),
  () => [],
  () => Number.NaN,
  () => new Boolean(true),
];
/** Unit typos: none is an accepted spelling (checked below). */
const UNIT_TYPOS = [
  "MG/DL",
  "UMOL/L",
  "µmol/ l",
  "g/day ",
  " g/24h",
  "g/24h ",
  "G/24H",
  "g/24 h",
  "g/24hr",
  "g /24h",
  "g/d ",
  "mmol/L",
  "mg/L",
  "G/L",
  "g/DL",
  "ML/MIN/1.73M2",
  "mL/min",
  "mL/min/1.73m^2",
  "",
  "g/24h\u0000",
  "umol/L\n",
  "mg/mmol creat",
  "__proto__",
  "constructor",
  "toString",
] as const;
const BAD_DATES = [
  "2021-02-30",
  "2021-02-29",
  "1900-02-29",
  "2021-13-01",
  "2021-00-10",
  "2021-04-31",
  "2021-01-00",
  "2021-1-1",
  "20210101",
  "2021/01/01",
  "2021-01-01T00:00:00Z",
  " 2021-01-01",
  "2021-01-01 ",
  "21-01-01",
  "",
  "not a date",
  "2021-W01-1",
  "+002021-01-01",
  "٢٠٢١-٠١-٠١",
  "9999-99-99",
] as const;
const EXTRA_KEYS = [
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "__defineGetter__",
  "polluted",
  "protienuria",
  "Proteinuria",
  "serumcreatinine",
  "unit ",
  " value",
  "Value",
  "units",
  "0",
  "",
  "labs ",
  "days",
  "egfr\u0000",
  "__proto__ ",
] as const;
const NON_OBJECT_ROOTS: readonly (() => unknown)[] = [
  () => null,
  () => undefined,
  () => 0,
  () => -0,
  () => Number.NaN,
  () => 42,
  () => "",
  () => "{}",
  () => '{"id":"p1"}',
  () => true,
  () => [],
  () => [{}],
  () => [{ id: "p1" }],
  () => 1n,
  () => Symbol("root"),
  () => () => ({}),
];

// ---------------------------------------------------------------------------
// Mutations

type Container = Record<string, unknown> | unknown[];
interface Node {
  readonly parent: Container | undefined;
  readonly key: string | number | undefined;
  readonly value: unknown;
  readonly path: readonly (string | number)[];
  readonly inVerbatim: boolean;
}

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function nodesOf(root: unknown): Node[] {
  const out: Node[] = [];
  const walk = (
    v: unknown,
    parent: Container | undefined,
    key: string | number | undefined,
    path: (string | number)[],
    inVerbatim: boolean,
  ) => {
    out.push({ parent, key, value: v, path, inVerbatim });
    if (typeof v === "object" && v !== null && junkObjects.has(v)) return;
    if (Array.isArray(v)) {
      for (const [i, x] of v.entries()) walk(x, v, i, [...path, i], inVerbatim);
    } else if (isObj(v))
      for (const k of Object.keys(v))
        walk(v[k], v, k, [...path, k], inVerbatim || (path.length === 0 && k === "verbatim"));
  };
  walk(root, undefined, undefined, [], false);
  return out;
}

/** Set an own property (never the prototype, even for a `__proto__` key). */
function setOwn(target: Container, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** The keys an object of this shape cannot do without. */
function requiredKeys(node: Node): readonly string[] {
  const v = node.value;
  if (!isObj(v) || node.inVerbatim) return [];
  const has = (k: string) => Object.hasOwn(v, k);
  if (node.parent === undefined) return has("id") ? ["id"] : [];
  if (has("value") && has("unit")) return ["value", "unit"];
  // A visit needs its day or its date: the one it has is required, but of a visit that has
  // both (itself invalid), deleting either may make it valid again.
  if (has("labs"))
    return [
      "labs",
      ...(has("day") && !has("date") ? ["day"] : []),
      ...(has("date") && !has("day") ? ["date"] : []),
    ];
  if (has("courses") && has("ordered")) return ["courses", "ordered"];
  if (has("agents") && has("mode")) return ["agents", "mode", "bestResponse"];
  if (has("type") && has("day"))
    return [
      "type",
      "day",
      ...(v.type === "withdrawal" || v.type === "missed-visit" ? ["reason"] : []),
    ];
  return [];
}

interface Mutation {
  readonly at: number;
  readonly op: number;
  readonly pick: number;
}
const mutation = fc.record({ at: fc.nat(), op: fc.nat(), pick: fc.nat() });

type Op = (root: unknown) => { root: unknown; sure: boolean; what: string };
const pickOf = <T>(xs: readonly T[], n: number): T => xs[n % xs.length] as T;

/** The operations applicable at a node; each says whether it surely makes the input invalid. */
function opsAt(node: Node, pick: number, isRecord: boolean): Op[] {
  const where = node.path.join(".") || "(root)";
  const replace =
    (make: () => unknown, sure: boolean, what: string): Op =>
    (root) => {
      const v = mark(make());
      if (node.parent === undefined || node.key === undefined) return { root: v, sure, what };
      setOwn(node.parent, node.key, v);
      return { root, sure, what: `${what} at ${where}` };
    };
  const ops: Op[] = [];
  const v = node.value;
  const key = node.key;
  if (node.parent === undefined) {
    ops.push(replace(pickOf(NON_OBJECT_ROOTS, pick), true, "non-object root"));
    ops.push(
      replace(
        () => mark(pick % 2 ? new Date(0) : new Map([["id", "p1"]])),
        false,
        "class instance root",
      ),
    );
  }
  if (typeof v === "number") {
    ops.push(replace(pickOf(BAD_NUMBERS, pick), true, "bad number"));
    ops.push(replace(pickOf(ODD_NUMBERS, pick), false, "odd number"));
  } else if (typeof v === "string") {
    ops.push(replace(pickOf(NON_STRINGS, pick), true, "non-string"));
    ops.push(
      replace(
        () => pickOf(["", " ", "x".repeat(10_000), "\u0000", "ünïcödé"], pick),
        false,
        "odd string",
      ),
    );
    if (key === "unit") {
      ops.push(replace(() => pickOf(UNIT_TYPOS, pick), true, "unit typo"));
      const field = node.path.at(-2);
      const kinds = typeof field === "string" ? FIELD_KINDS[field] : undefined;
      if (kinds) {
        const wrong = ALL_UNITS.filter((u) => {
          const info = lookupUnit(u);
          return info !== undefined && !kinds.includes(info.kind);
        });
        ops.push(replace(() => pickOf(wrong, pick), true, "unit of the wrong kind"));
      }
    }
    if (key === "date" || key === "baselineDate") {
      ops.push(replace(() => pickOf(BAD_DATES, pick), true, "invalid date"));
    }
    if (key === "date" && isRecord) {
      ops.push((root) => {
        const base = isObj(root)
          ? Date.parse(`${String(root.baselineDate)}T00:00:00Z`)
          : Number.NaN;
        if (Number.isNaN(base) || !node.parent) {
          return { root, sure: false, what: "date before baseline (n/a)" };
        }
        const before = isoDay(base - (1 + (pick % 400)) * DAY_MS);
        setOwn(node.parent, "date", before);
        return { root, sure: true, what: `date before baseline at ${where}` };
      });
    }
    if (key === "id" && node.path.length === 1) ops.push(replace(() => "", true, "empty id"));
  } else if (typeof v === "boolean") {
    ops.push(replace(pickOf(NON_BOOLEANS, pick), true, "non-boolean"));
  } else if (Array.isArray(v)) {
    ops.push(replace(() => pickOf([{}, 0, "[]", true, { 0: v[0] }], pick), true, "non-array"));
    ops.push((root) => {
      v.push(mark(pickOf([null, 0, "x", [], Number.NaN, undefined], pick)));
      return { root, sure: true, what: `junk element in ${where}` };
    });
    ops.push((root) => {
      v.reverse();
      return { root, sure: false, what: `reversed ${where}` };
    });
    if (key === "visits" && v.length > 0) {
      ops.push((root) => {
        const original = pickOf(v, pick);
        // A shallow copy (junk may hold symbols or deep nesting); spread keeps an own __proto__ key.
        const dup = isObj(original) ? { ...original } : original;
        v.splice(pick % (v.length + 1), 0, dup);
        return { root, sure: true, what: "duplicate visit" };
      });
    }
  } else if (isObj(v) && !junkObjects.has(v)) {
    ops.push((root) => {
      const k = pickOf(EXTRA_KEYS, pick);
      if (Object.hasOwn(v, k)) return { root, sure: false, what: `extra key ${k} (already there)` };
      setOwn(v, k, pick % 2 ? protoPayload() : pickOf(NON_STRINGS, pick)());
      return { root, sure: !node.inVerbatim, what: `extra key ${JSON.stringify(k)} in ${where}` };
    });
    if (!node.inVerbatim || node.path.length === 1) {
      ops.push(
        replace(() => pickOf([[], 0, "{}", true, [v], DEEP_OBJECT], pick), true, "non-object"),
      );
    }
    const keys = Object.keys(v);
    if (keys.length > 0) {
      const k = pickOf(keys, pick);
      const required = requiredKeys(node).includes(k);
      ops.push((root) => {
        delete v[k];
        return { root, sure: required, what: `deleted ${where}.${k}` };
      });
    }
    if (
      isRecord &&
      Object.hasOwn(v, "labs") &&
      (Object.hasOwn(v, "day") || Object.hasOwn(v, "date"))
    ) {
      ops.push((root) => {
        if (Object.hasOwn(v, "day")) setOwn(v, "date", "2020-01-01");
        else setOwn(v, "day", pick % 100);
        return { root, sure: true, what: `visit with both day and date at ${where}` };
      });
    }
  }
  return ops;
}

/** Apply the mutations in turn; `sure`: the last one surely made the input invalid. */
function mutate(
  base: unknown,
  mutations: readonly Mutation[],
  isRecord: boolean,
): { input: unknown; sure: boolean; log: string[] } {
  // What each path held before any mutation: an operation is sure to invalidate only where
  // the slot still holds a value of its original type (a string slot that an earlier
  // operation filled with "{}" may now take an object).
  const kindOf = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);
  const keyOf = (path: readonly (string | number)[]) => path.join("\u0000");
  const original = new Map(nodesOf(base).map((n) => [keyOf(n.path), kindOf(n.value)]));
  let root = base;
  let sure = false;
  const log: string[] = [];
  for (const m of mutations) {
    const nodes = nodesOf(root);
    const node = pickOf(nodes, m.at);
    const ops = opsAt(node, m.pick, isRecord);
    if (ops.length === 0) continue;
    const sameSlot = original.get(keyOf(node.path)) === kindOf(node.value);
    const r = pickOf(ops, m.op)(root);
    root = r.root;
    sure = r.sure && sameSlot;
    log.push(r.what);
  }
  return { input: root, sure, log };
}

/** Insert a `"__proto__"` / `"constructor"` / `"prototype"` member into the JSON text and parse it. */
const PROTO_MEMBERS = [
  '"__proto__":{"polluted":"yes"}',
  '"__proto__":{"__proto__":{"polluted":"yes"}}',
  '"constructor":{"prototype":{"polluted":"yes"}}',
  '"prototype":{"polluted":"yes"}',
  '"__proto__":null',
  '"__proto__":[]',
  '"__proto__":"x"',
  '"__proto__":1',
] as const;
function injectJson(base: unknown, at: number, member: string): { input: unknown; sure: boolean } {
  const text = JSON.stringify(base);
  const braces: number[] = [];
  let inString = false;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (c === "\\") escaped = true;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{" && !text.slice(0, i).endsWith('"verbatim":')) braces.push(i);
  }
  const i = pickOf(braces, at);
  const body = text[i + 1] === "}" ? member : `${member},`;
  return { input: JSON.parse(text.slice(0, i + 1) + body + text.slice(i + 1)), sure: true };
}

interface Case {
  readonly input: unknown;
  /** Surely invalid (the schema must reject it). */
  readonly sure: boolean;
  readonly log: readonly string[];
}

const mutations = fc.array(mutation, { minLength: 1, maxLength: 3 });

/** Wholly random junk, sometimes with the schema's own keys. */
const RESPONSE_KEYS = [
  "patient",
  "baseline",
  "current",
  "proteinuria",
  "serumCreatinine",
  "value",
  "unit",
];
const RECORD_KEYS = [
  "id",
  "visits",
  "events",
  "baseline",
  "labs",
  "day",
  "date",
  "baselineDate",
  "treatmentHistory",
  "courses",
];
const anything = fc.anything({
  maxDepth: 4,
  withBigInt: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withBoxedValues: true,
  withTypedArray: true,
  withSparseArray: true,
});
const junkWithKeys = (keys: readonly string[]) =>
  fc.dictionary(fc.constantFrom(...keys), anything, { maxKeys: 4 });

function cases(valid: fc.Arbitrary<unknown>, keys: readonly string[], isRecord: boolean) {
  return fc.oneof(
    { weight: 1, arbitrary: valid.map((input): Case => ({ input, sure: false, log: ["valid"] })) },
    {
      weight: 6,
      arbitrary: fc
        .tuple(valid, mutations)
        .map(([v, ms]): Case => mutate(structuredClone(v), ms, isRecord)),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          valid,
          fc.nat(),
          fc.constantFrom(...PROTO_MEMBERS),
          fc.option(mutations, { nil: undefined }),
        )
        .map(([v, at, member, ms]): Case => {
          const injected = injectJson(v, at, member);
          if (!ms) return { ...injected, log: [`injected ${member}`] };
          const m = mutate(injected.input, ms, isRecord);
          return { ...m, log: [`injected ${member}`, ...m.log] };
        }),
    },
    {
      weight: 1,
      arbitrary: fc.oneof(anything, junkWithKeys(keys)).map(
        (input): Case => ({
          input,
          sure: false,
          log: ["random junk"],
        }),
      ),
    },
  );
}

const responseCase = cases(validResponseInput, RESPONSE_KEYS, false);
const recordCase = cases(validRecord, RECORD_KEYS, true);

// ---------------------------------------------------------------------------
// Checks (plain functions: vitest's expect() costs more than the engines in a hot loop)

function check(cond: boolean, msg: string | (() => string) = "check failed"): asserts cond {
  if (!cond) throw new Error(typeof msg === "string" ? msg : msg());
}
function eq(actual: unknown, expected: unknown, msg = "values differ"): void {
  if (!Object.is(actual, expected)) {
    throw new Error(`${msg}: expected ${String(expected)}, got ${String(actual)}`);
  }
}
function eqJson(actual: unknown, expected: unknown, msg = "values differ"): void {
  const a = JSON.stringify(actual);
  const b = JSON.stringify(expected);
  if (a !== b) throw new Error(`${msg}: expected ${b}, got ${a}`);
}

/** A fast-check property as a vitest test (synchronous: faster than test.prop's async runner). */
function prop<Ts extends [unknown, ...unknown[]]>(
  name: string,
  arbitraries: { [K in keyof Ts]: fc.Arbitrary<Ts[K]> },
  numRuns: number,
  predicate: (...args: Ts) => void,
  examples: Ts[] = [],
): void {
  test(
    name,
    () => {
      fc.assert(fc.property(...arbitraries, predicate), { numRuns, examples, ...replay });
    },
    TIMEOUT,
  );
}

function expectInputError(e: unknown, c: Case): asserts e is InputError {
  if (!(e instanceof InputError)) {
    // Keep the engine's own stack trace.
    if (e instanceof Error) e.message = `${e.message}\n  (input: ${c.log.join("; ")})`;
    throw e;
  }
  check(e.issues.length > 0, "an InputError has at least one issue");
  for (const issue of e.issues) {
    check(
      typeof issue.path === "string" && issue.path.length > 0,
      () => `issue path ${String(issue.path)}`,
    );
    check(typeof issue.message === "string" && issue.message.trim().length > 0, "issue message");
  }
}

/**
 * The schema's verdict, the oracle: an input a mutation surely made invalid is not parsed
 * again (the engine must reject it); any other input is.
 */
function oracle<T>(
  schema: { safeParse(x: unknown): { success: true; data: T } | { success: false } },
  c: Case,
): { valid: true; data: T } | { valid: false } {
  if (c.sure) return { valid: false };
  const r = schema.safeParse(c.input);
  return r.success ? { valid: true, data: r.data } : { valid: false };
}

/** The engine accepted the input iff the oracle says it is valid. */
function agrees(api: string, accepted: boolean, valid: boolean, c: Case): void {
  if (accepted !== valid) {
    throw new Error(
      `${api} ${accepted ? "accepted" : "rejected"} an input the schema ${valid ? "accepts" : "rejects"}${c.sure ? " (it must be invalid)" : ""}: ${c.log.join("; ")}`,
    );
  }
}

const CATEGORIES = new Set(["CR", "PR", "NR", "indeterminate"]);
const TP_CATEGORIES = new Set([...CATEGORIES, "missing"]);
const STATUSES = new Set(["eligible", "ineligible", "indeterminate"]);

function expectResult(r: { category: string; warnings: readonly string[] }): void {
  check(CATEGORIES.has(r.category), () => `category ${r.category}`);
  check(Array.isArray(r.warnings), "warnings is an array");
}

/** Run `f`; an exception must be an InputError; returns the result or the error. */
/**
 * The throwing entry points take typed inputs; these properties feed them any value, as a
 * JavaScript caller can: the run-time check is what they test.
 */
const asInput = (x: unknown) => x as ResponseInput;
const asRecord = (x: unknown) => x as PatientRecord;

function attempt<T>(
  f: () => T,
  c: Case,
): { ok: true; value: T } | { ok: false; error: InputError } {
  try {
    return { ok: true, value: f() };
  } catch (e) {
    expectInputError(e, c);
    return { ok: false, error: e };
  }
}

// ---------------------------------------------------------------------------
// Properties

afterAll(() => {
  expectNoPollution();
  expect(Reflect.ownKeys(Object.prototype)).toEqual(PROTO_KEYS);
  // Nothing replaced either (e.g. Object.prototype.toString).
  expect(Object.getOwnPropertyDescriptors(Object.prototype)).toEqual(PROTO_DESCRIPTORS);
  expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  const total = [...counted.values()].reduce((a, b) => a + b, 0);
  const per = [...counted].map(
    ([k, n]) => `${k} ${n}${accepted.has(k) ? ` (${accepted.get(k)} valid)` : ""}`,
  );
  console.log(`fuzz: ${total} cases: ${per.join(", ")}`);
});

describe("fuzzing: bad input never crashes an engine", () => {
  test("the junk is junk: unit typos and bad dates are not accepted spellings", () => {
    for (const u of UNIT_TYPOS) expect(lookupUnit(u), u).toBeUndefined();
    for (const d of BAD_DATES) {
      const r = PatientRecordSchema.safeParse({ id: "p", baselineDate: d });
      expect(r.success, d).toBe(false);
    }
  });

  /**
   * The fast validators in front of the schemas (src/model/fast-parse.ts) against the
   * schemas themselves: the same verdict on every case; for a valid input, a value that is
   * deep-equal to the schema's (`undefined` keys included) and not the input itself; for an
   * invalid one, the same issues (path and message). A case a mutation surely made invalid
   * is never taken by the fast path.
   */
  const sameAsSchema = <T>(
    name: string,
    schema: { safeParse(x: unknown): z.ZodSafeParseResult<T> },
    safeParse: (x: unknown) => z.ZodSafeParseResult<T>,
    fast: (x: unknown) => T | undefined,
    c: Case,
  ) => {
    count(name);
    let theirs: z.ZodSafeParseResult<T> | undefined;
    let threw = false;
    try {
      theirs = schema.safeParse(c.input);
    } catch {
      threw = true;
    }
    let ours: z.ZodSafeParseResult<T> | undefined;
    let oursThrew = false;
    try {
      ours = safeParse(c.input);
    } catch {
      oursThrew = true;
    }
    eq(oursThrew, threw, `${name}: the schema ${threw ? "threw" : "did not throw"}`);
    if (!theirs || !ours) return;
    countAccepted(name, theirs.success);
    eq(ours.success, theirs.success, `${name}: verdict (${c.log.join("; ")})`);
    if (c.sure) check(!theirs.success, () => `${name}: the schema accepted ${c.log.join("; ")}`);
    if (ours.success && theirs.success) {
      check(
        isDeepStrictEqual(ours.data, theirs.data),
        () => `${name}: data differ for ${c.log.join("; ")}`,
      );
      check(ours.data !== c.input, `${name}: the input itself was returned`);
    } else if (!ours.success && !theirs.success) {
      eqJson(
        ours.error.issues.map((i) => [i.path, i.message]),
        theirs.error.issues.map((i) => [i.path, i.message]),
        `${name}: issues`,
      );
    }
    let taken: T | undefined;
    try {
      taken = fast(c.input);
    } catch {
      taken = undefined;
    }
    if (taken !== undefined) {
      check(
        theirs.success,
        () => `${name}: the fast path took an invalid input: ${c.log.join("; ")}`,
      );
      if (theirs.success) check(isDeepStrictEqual(taken, theirs.data), `${name}: fast data`);
    }
  };

  prop(
    "the fast assessment validator gives the schema's verdict, value and issues",
    [responseCase],
    runs("fastParse"),
    (c) =>
      sameAsSchema("fastParse", ResponseInputSchema, safeParseResponseInput, fastResponseInput, c),
  );

  prop(
    "the fast record validator gives the schema's verdict, value and issues",
    [recordCase],
    runs("fastParse"),
    (c) =>
      sameAsSchema(
        "fastParseRecord",
        PatientRecordSchema,
        safeParsePatientRecord,
        fastPatientRecord,
        c,
      ),
  );

  test("the fast validators take the common valid inputs (or they would not be faster)", () => {
    let responses = 0;
    let records = 0;
    fc.assert(
      fc.property(validResponseInput, (input) => {
        if (fastResponseInput(input) !== undefined) responses++;
      }),
      { numRuns: 500, seed: 17 },
    );
    // Valid records without calendar dates, events or verbatim columns (those go to the schema).
    fc.assert(
      fc.property(validRecord, (rec) => {
        const r = rec as Record<string, unknown>;
        if (r.baselineDate !== undefined || r.events !== undefined || r.verbatim !== undefined)
          return;
        check(PatientRecordSchema.safeParse(rec).success, "a valid record");
        if (fastPatientRecord(rec) !== undefined) records++;
        else throw new Error(`the fast path gave up on ${JSON.stringify(rec)}`);
      }),
      { numRuns: 300, seed: 17 },
    );
    expect(responses).toBe(500);
    expect(records).toBeGreaterThan(0);
  });

  prop(
    "classifyResponse / safeClassifyResponse: InputError or a category, never both",
    [aResponse, responseCase, seeds],
    runs("classify"),
    (crit, c, s) => {
      count("classify");
      usedObjects.add(crit.id);
      const options = { interpretation: choiceOf(crit, s) };
      const { valid } = oracle(ResponseInputSchema, c);
      const thrown = attempt(() => classifyResponse(crit, asInput(c.input), options), c);
      agrees("classifyResponse", thrown.ok, valid, c);
      countAccepted("classify", valid);
      if (thrown.ok) expectResult(thrown.value);
      const safe = safeClassifyResponse(crit, c.input, options);
      agrees("safeClassifyResponse", safe.success, valid, c);
      if (safe.success) expectResult(safe.data);
      else {
        expectInputError(safe.error, c);
        eq("data" in safe, false);
      }
      expectNoPollution();
    },
  );

  prop(
    "classifyMany: one entry per input, in order; an error entry exactly where validation fails",
    [aResponse, fc.array(responseCase, { maxLength: 12 })],
    runs("classifyMany"),
    (crit, cs) => {
      count("classifyMany");
      usedObjects.add(crit.id);
      const out = classifyMany(
        crit,
        cs.map((c) => c.input),
      );
      eq(out.length, cs.length);
      out.forEach((entry, i) => {
        const c = cs[i] as Case;
        eq(entry.index, i);
        const { valid } = oracle(ResponseInputSchema, c);
        agrees(`classifyMany[${i}]`, !("error" in entry), valid, c);
        countAccepted("classifyMany", valid);
        if ("error" in entry) {
          eq("result" in entry, false);
          expectInputError(entry.error, c);
        } else expectResult(entry.result);
      });
      expectNoPollution();
    },
  );

  prop(
    "assessEligibility: InputError or a status",
    [anEligibility, recordCase, seeds],
    runs("eligibility"),
    (rule, c, s) => {
      count("eligibility");
      usedObjects.add(rule.id);
      const { valid } = oracle(PatientRecordSchema, c);
      const options = { interpretation: choiceOf(rule, s) };
      const r = attempt(() => assessEligibility(rule, asRecord(c.input), options), c);
      agrees("assessEligibility", r.ok, valid, c);
      countAccepted("eligibility", valid);
      if (r.ok) {
        eq(STATUSES.has(r.value.status), true);
        for (const a of r.value.alternatives) eq(STATUSES.has(a.status), true);
      }
      const safe = safeAssessEligibility(rule, c.input, options);
      agrees("safeAssessEligibility", safe.success, valid, c);
      if (safe.success) eq(safe.data.status, r.ok ? r.value.status : undefined);
      else expectInputError(safe.error, c);
      expectNoPollution();
    },
  );

  prop(
    "assessRecord: InputError or a timeline with a category at every visit and time point",
    [aResponse, recordCase, seeds, fc.boolean()],
    runs("record"),
    (crit, c, s, carryForward) => {
      count("record");
      usedObjects.add(crit.id);
      const parsed = oracle(PatientRecordSchema, c);
      const options = { interpretation: choiceOf(crit, s), carryForward };
      const r = attempt(() => assessRecord(crit, asRecord(c.input), options), c);
      agrees("assessRecord", r.ok, parsed.valid, c);
      const safe = safeAssessRecord(crit, c.input, options);
      agrees("safeAssessRecord", safe.success, parsed.valid, c);
      if (!safe.success) expectInputError(safe.error, c);
      countAccepted("record", parsed.valid);
      if (r.ok && parsed.valid) {
        const t = r.value;
        eq(t.id, parsed.data.id);
        eq(t.visits.length, parsed.data.visits?.length ?? 0);
        eq(t.timepoints.length, crit.schedule?.timepoints.length ?? 0);
        for (const [i, v] of t.visits.entries()) {
          eq(CATEGORIES.has(v.category), true);
          if (v.result) expectResult(v.result);
          if (i > 0) check(v.day > (t.visits[i - 1] as { day: number }).day);
        }
        for (const tp of t.timepoints) eq(TP_CATEGORIES.has(tp.category), true);
      }
      expectNoPollution();
    },
  );

  prop(
    "detectFlares: InputError or flares on the record's own visit / event days",
    [aFlare, recordCase, aResponse, seeds],
    runs("flares"),
    (def, c, responseCriteria, s) => {
      count("flares");
      usedObjects.add(def.id);
      const parsed = oracle(PatientRecordSchema, c);
      const options = { responseCriteria, interpretation: choiceOf(def, s) };
      const r = attempt(() => detectFlares(def, asRecord(c.input), options), c);
      agrees("detectFlares", r.ok, parsed.valid, c);
      const safe = safeDetectFlares(def, c.input, options);
      agrees("safeDetectFlares", safe.success, parsed.valid, c);
      if (!safe.success) expectInputError(safe.error, c);
      countAccepted("flares", parsed.valid);
      if (r.ok && parsed.valid) {
        const days = new Set(
          def.scope === "extra-renal-events"
            ? (parsed.data.events ?? []).map((e) => e.day)
            : datedVisits(parsed.data).map((v) => v.day),
        );
        for (const f of [...r.value.flares, ...r.value.possible]) {
          eq(days.has(f.day), true, `flare on day ${f.day}`);
        }
      }
      expectNoPollution();
    },
  );

  prop(
    "summarizeCohort: invalid records listed and counted, never dropped; counts sum to the records",
    [
      aResponse,
      fc.array(recordCase, { maxLength: 8 }),
      fc.constantFrom("itt", "evaluable", "per-protocol") as fc.Arbitrary<
        "itt" | "evaluable" | "per-protocol"
      >,
    ],
    runs("cohort"),
    (crit, cs, analysis) => {
      count("cohort");
      usedObjects.add(crit.id);
      const timepoints = crit.schedule
        ? {}
        : { timepoints: [{ label: "month 6", day: 182, windowDays: 30 }] };
      const s = summarizeCohort(
        crit,
        cs.map((c) => c.input),
        { analysis, ...timepoints },
      );
      const invalidAt = cs.flatMap((c, i) => (oracle(PatientRecordSchema, c).valid ? [] : [i]));
      countAccepted("cohort", invalidAt.length < cs.length);
      eq(s.records, cs.length);
      eqJson(
        s.invalid.map((x) => x.index),
        invalidAt,
        `invalid records (${cs.map((c, i) => `[${i}] ${c.log.join("; ")}`).join(" | ")})`,
      );
      for (const x of s.invalid) expectInputError(x.error, cs[x.index] as Case);
      eq(s.patients.length, cs.length - invalidAt.length);
      eq(s.timepoints.length, (crit.schedule?.timepoints ?? [1]).length);
      for (const tp of s.timepoints) {
        const sum = Object.values(tp.counts).reduce((a, b) => a + b, 0);
        eq(sum, cs.length, `counts at ${tp.label}`);
        eq(tp.counts.invalid, invalidAt.length);
        if (analysis === "itt") eq(tp.denominator, cs.length);
        else eq(tp.denominator + tp.excluded.length, cs.length);
        for (const rate of [tp.rates.CR, tp.rates.PR, tp.rates.OR]) {
          check(rate.count <= rate.denominator);
          check(rate.ci === null ? rate.rate === null : rate.ci[0] <= rate.ci[1]);
          check((tp.notAssessed !== undefined) === (tp.assessed === 0));
        }
      }
      expectNoPollution();
    },
  );

  prop(
    "JSON with own __proto__ / constructor / prototype members is rejected everywhere and pollutes nothing",
    [aResponse, validRecord, fc.nat(), fc.constantFrom(...PROTO_MEMBERS)],
    runs("jsonProto"),
    (crit, rec, at, member) => {
      count("jsonProto");
      const { input } = injectJson(rec, at, member);
      const c: Case = { input, sure: true, log: [`injected ${member}`] };
      eq(PatientRecordSchema.safeParse(input).success, false);
      for (const f of [
        () => assessRecord(crit, asRecord(input)),
        () => detectFlares(flares.moroni2022, asRecord(input)),
        () => assessEligibility(eligibility.kang2020Refractory, asRecord(input)),
      ]) {
        eq(attempt<unknown>(f, c).ok, false);
      }
      eq(safeAssessRecord(crit, input).success, false);
      eq(safeDetectFlares(flares.moroni2022, input).success, false);
      eq(safeAssessEligibility(eligibility.kang2020Refractory, input).success, false);
      const s = summarizeCohort(crit, [input]);
      eq(s.invalid.length, 1);
      const response = injectJson(
        { current: { proteinuria: { value: 1, unit: "g/24h" } } },
        at,
        member,
      );
      eq(safeClassifyResponse(crit, response.input).success, false);
      expectNoPollution();
    },
  );

  prop(
    "an unknown interpretation parameter or reading is a RangeError (documented), never a TypeError",
    [aResponse, recordCase, fc.string(), fc.string()],
    runs("interpretation"),
    (crit, c, name, reading) => {
      count("interpretation");
      const names = [name, "__proto__", "constructor", "toString"];
      for (const n of names) {
        const p = Object.hasOwn(crit.parameters, n) ? crit.parameters[n] : undefined;
        const permitted = p !== undefined && Object.hasOwn(p.readings, reading);
        // A computed key: an own property even for "__proto__".
        const interpretation = { [n]: reading };
        let error: unknown;
        try {
          assessRecord(crit, asRecord(c.input), { interpretation });
        } catch (e) {
          error = e;
        }
        if (error instanceof InputError) continue;
        if (error === undefined) {
          check(
            permitted,
            () => `accepted reading ${JSON.stringify(reading)} of ${JSON.stringify(n)}`,
          );
        } else {
          if (!(error instanceof RangeError)) throw error;
          check(!permitted, () => `RangeError for a permitted reading: ${error}`);
        }
      }
      expectNoPollution();
    },
  );
});

// ---------------------------------------------------------------------------
// Valid but implausible values

type Implausible = { where: "baseline" | "current"; field: string; labs: Record<string, unknown> };
const implausible: fc.Arbitrary<Implausible> = fc
  .tuple(
    fc.constantFrom("baseline" as const, "current" as const),
    fc.oneof(
      quantity(["umol/L", "µmol/L"], 1500.5, 1e6).map((q) => ["serumCreatinine", q] as const),
      quantity(["umol/L"], 1e-6, 9.9).map((q) => ["serumCreatinine", q] as const),
      quantity(["mg/dL"], 17.5, 1e4).map((q) => ["serumCreatinine", q] as const),
      quantity(["umol/L"], 1500.5, 1e5).map((q) => ["serumCreatinineUpperLimit", q] as const),
      quantity(["g/24h", "g/d", "g/(24.h)"], 30.01, 1e4).map((q) => ["proteinuria", q] as const),
      quantity(["mg/24h", "mg/day"], 30_010, 1e8).map((q) => ["proteinuria", q] as const),
      quantity(["g/g", "mg/mg"], 30.01, 1e4).map((q) => ["proteinuria", q] as const),
      quantity(["g/L"], 60.01, 1e4).map((q) => ["serumAlbumin", q] as const),
      quantity(["g/L"], 1e-6, 4.99).map((q) => ["serumAlbumin", q] as const),
      quantity(["g/dL"], 6.01, 1e4).map((q) => ["serumAlbumin", q] as const),
      quantity(["mL/min/1.73m2"], 200.01, 1e5).map((q) => ["egfr", q] as const),
      quantity(["mL/min/1.73m2"], 1e-6, 0.99).map((q) => ["egfr", q] as const),
      num(1000.01, 1e7).map((n) => ["prednisoneMgPerDay", n] as const),
      num(1000.01, 1e7).map((n) => ["urineSediment", { rbcPerHpf: n }] as const),
      fc.constant(["proteinuria", { value: Number.MAX_VALUE, unit: "mg/24h" }] as const),
      fc.constant(["serumCreatinine", { value: Number.MAX_VALUE / 100, unit: "mg/dL" }] as const),
    ),
    labs,
  )
  .map(([where, [field, value], rest]) => ({ where, field, labs: { ...rest, [field]: value } }));

describe("fuzzing: valid but implausible values are accepted with a warning", () => {
  test("creatinine 2,000 µmol/L and proteinuria 40 g/24h", () => {
    const r = classifyResponse(criteria.kang2020, {
      baseline: { serumCreatinine: { value: 2000, unit: "µmol/L" } },
      current: { proteinuria: { value: 40, unit: "g/24h" } },
    });
    expect(r.warnings.length).toBe(2);
    expect(r.warnings.some((w) => w.startsWith("baseline.serumCreatinine"))).toBe(true);
    expect(r.warnings.some((w) => w.startsWith("current.proteinuria"))).toBe(true);
  });

  prop(
    "classifyResponse, classifyMany and assessRecord accept it and warn about the field",
    [aResponse, implausible, validResponseInput],
    runs("plausible"),
    (crit, imp, other) => {
      count("plausible");
      usedObjects.add(crit.id);
      const input = { ...other, [imp.where]: imp.labs };
      const prefix = `${imp.where}.${imp.field}`;
      const r = safeClassifyResponse(crit, input);
      if (!r.success) throw new Error(`rejected: ${r.error.message}`);
      expectResult(r.data);
      eq(
        r.data.warnings.some((w) => w.startsWith(prefix)),
        true,
        `a warning for ${prefix}`,
      );
      const [many] = classifyMany(crit, [input]);
      eq(many && "result" in many && many.result.warnings.length > 0, true);
      if (imp.where === "current") {
        const t = assessRecord(crit, { id: "p", visits: [{ day: 180, labs: imp.labs }] });
        eq(
          t.visits[0]?.result?.warnings.some((w) => w.startsWith(prefix)),
          true,
        );
      }
    },
  );
});

// ---------------------------------------------------------------------------
// Huge arrays

describe("fuzzing: huge arrays", () => {
  const N = 10_000;
  const hugeVisits = fc.record({
    seed: fc.nat(),
    corrupt: fc.constantFrom("none", "duplicate", "bad-unit", "nan", "extra-key", "bad-date"),
    byDate: fc.boolean(),
  });

  prop(
    "10,000 visits (unordered, some by date): valid ones are assessed, one bad visit is an InputError naming it",
    [aResponse, aFlare, anEligibility, hugeVisits],
    HUGE_RUNS,
    (crit, def, rule, h) => {
      count("huge");
      usedObjects.add(crit.id);
      usedObjects.add(def.id);
      usedObjects.add(rule.id);
      // Distinct days, shuffled deterministically from the seed.
      const days = Array.from({ length: N }, (_, i) => i * 3);
      let x = h.seed || 1;
      for (let i = days.length - 1; i > 0; i--) {
        x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
        const j = x % (i + 1);
        [days[i], days[j]] = [days[j] as number, days[i] as number];
      }
      const base = "2000-01-01";
      const visits: Record<string, unknown>[] = days.map((d, i) => ({
        ...(h.byDate && i % 2 === 0
          ? { date: isoDay(Date.parse(`${base}T00:00:00Z`) + d * DAY_MS) }
          : { day: d }),
        labs: {
          proteinuria: { value: ((d * 7) % 500) / 100, unit: "g/24h" },
          serumCreatinine: { value: 50 + (d % 60), unit: "umol/L" },
        },
      }));
      const at = h.seed % N;
      const target = visits[at] as Record<string, unknown>;
      // A second visit on the same day (replacing another visit: the record stays at the
      // MAX_VISITS_PER_RECORD limit; one more visit would be refused for its count instead).
      if (h.corrupt === "duplicate") visits[(at + 1) % N] = { day: days[at], labs: {} };
      if (h.corrupt === "bad-unit") target.labs = { proteinuria: { value: 1, unit: "g/day " } };
      if (h.corrupt === "nan")
        target.labs = { serumCreatinine: { value: Number.NaN, unit: "umol/L" } };
      if (h.corrupt === "extra-key") setOwn(target, "__proto__", protoPayload());
      if (h.corrupt === "bad-date") {
        delete target.day;
        target.date = "2001-02-29";
      }
      const record = {
        id: "huge",
        baselineDate: base,
        baseline: {
          proteinuria: { value: 4, unit: "g/24h" },
          serumCreatinine: { value: 60, unit: "umol/L" },
        },
        visits,
        events: Array.from({ length: N }, (_, i) => ({ type: "rescue-therapy", day: i })),
        treatmentHistory: {
          ordered: true,
          courses: Array.from({ length: N }, () => ({
            agents: ["mycophenolate"],
            mode: "single",
            bestResponse: "NR",
          })),
        },
      };
      const c: Case = { input: record, sure: h.corrupt !== "none", log: [`huge, ${h.corrupt}`] };
      const valid = PatientRecordSchema.safeParse(record).success;
      eq(valid, h.corrupt === "none");
      const calls = [
        () => assessRecord(crit, asRecord(record), { details: false }),
        () => assessEligibility(rule, asRecord(record)),
        // responseCriteria only where needed: it classifies every visit once per reading.
        () =>
          detectFlares(
            def,
            asRecord(record),
            def.grades.some((g) => g.afterResponse) ? { responseCriteria: crit } : {},
          ),
      ];
      for (const f of calls) {
        const r = attempt<unknown>(f, c);
        eq(r.ok, valid);
        if (!r.ok) {
          eq(
            r.error.issues.some((i) => i.path.startsWith("visits[")),
            true,
          );
        }
      }
      const s = summarizeCohort(crit, [record, { id: "small" }]);
      eq(s.invalid.length, valid ? 0 : 1);
      expectNoPollution();
    },
    // Always one valid huge record, through a flare definition that classifies every visit.
    [
      [
        criteria.kang2020 as ResponseCriteria,
        flares.aurora2,
        eligibility.kang2020Refractory,
        { seed: 12_345, corrupt: "none", byDate: true },
      ],
    ],
  );

  prop(
    "classifyMany and summarizeCohort over 10,000 inputs: nothing dropped",
    [aResponse, fc.nat()],
    HUGE_RUNS,
    (crit, seed) => {
      count("huge");
      const inputs = Array.from({ length: N }, (_, i) =>
        (i + seed) % 7 === 0
          ? { current: { proteinuria: { value: Number.NaN, unit: "g/24h" } } }
          : (i + seed) % 11 === 0
            ? null
            : { current: { proteinuria: { value: (i % 300) / 100, unit: "g/24h" } } },
      );
      const out = classifyMany(crit, inputs);
      eq(out.length, N);
      const bad = inputs.filter(
        (x) => x === null || Number.isNaN(x.current.proteinuria.value),
      ).length;
      eq(out.filter((e) => "error" in e).length, bad);
      const records = inputs.map((x, i) =>
        x === null ? { id: "" } : { id: `p${i}`, visits: [{ day: 180, labs: x.current }] },
      );
      const s = summarizeCohort(crit, records);
      eq(s.records, N);
      eq(s.invalid.length, bad);
      for (const tp of s.timepoints) {
        eq(
          Object.values(tp.counts).reduce((a, b) => a + b, 0),
          N,
        );
      }
      expectNoPollution();
    },
  );
});

describe("fuzzing: coverage", () => {
  test("every shipped criteria, eligibility and flare object was fuzzed", () => {
    // Runs after the properties above (vitest runs a file's tests in order).
    expect([...allIds].filter((id) => !usedObjects.has(id))).toEqual([]);
  });
});
