// The fast validators (src/model/fast-parse.ts) at each boundary of the schemas they stand in
// front of: every case is given once to the fast path and once to the zod schema, and they
// must agree (verdict, value including `undefined` keys, issues). The expected verdict is also
// written by hand for each case, from the schema's definition (src/model/assessment.ts,
// src/units/schema.ts, src/model/record.ts), so a schema change shows here too.
// The random corpus (mutated valid inputs, junk) is in test/fuzz/inputs.test.ts.
import { isDeepStrictEqual } from "node:util";
import { describe, expect, test } from "vitest";
import { PatientRecordSchema, ResponseInputSchema } from "../../src/index.js";
import {
  fastPatientRecord,
  fastResponseInput,
  safeParsePatientRecord,
  safeParseResponseInput,
} from "../../src/model/fast-parse.js";

const up = (value: unknown, unit: unknown = "g/24h", extra: object = {}) => ({
  current: { proteinuria: { value, unit, ...extra } },
});
const cur = (labs: object) => ({ current: labs });
const pat = (p: object) => ({ patient: p });
/** `obj` with `key` as a non-enumerable own property: the schema reads it by name. */
const hidden = <T extends object>(obj: T, key: string, value: unknown): T =>
  Object.defineProperty(obj, key, { value, enumerable: false });

// [name, input, valid]
const RESPONSE_CASES: readonly (readonly [string, unknown, boolean])[] = [
  ["empty", {}, true],
  ["every part null", { patient: null, baseline: null, current: null }, true],
  ["every part undefined", { patient: undefined, baseline: undefined, current: undefined }, true],
  ["null prototype", Object.assign(Object.create(null), { current: {} }), true],
  [
    "class instance root",
    new (class {
      current = {};
    })(),
    true,
  ],
  ["array root", [], false],
  ["string root", "{}", false],
  ["null root", null, false],
  ["unknown top-level key", { curent: {} }, false],
  ["__proto__ own key from JSON", JSON.parse('{"__proto__": {}}'), false],
  ["proteinuria 0 g/24h", up(0), true],
  ["proteinuria -0", up(-0), true],
  ["proteinuria -1", up(-1), false],
  ["proteinuria NaN", up(Number.NaN), false],
  ["proteinuria Infinity", up(Number.POSITIVE_INFINITY), false],
  ["proteinuria as a string", up("0.5"), false],
  ["UPCR unit for proteinuria", up(0.5, "mg/mg"), true],
  ["UCUM 24-h unit", up(0.5, "g/(24.h)"), true],
  ["albumin unit for proteinuria", up(0.5, "g/L"), false],
  ["unknown unit", up(0.5, "g/day "), false],
  ["unit not a string", up(0.5, 1), false],
  ["censor <", up(0.1, "g/24h", { censor: "<" }), true],
  ["censor < 0 (empty range)", up(0, "g/24h", { censor: "<" }), false],
  ["censor <= 0", up(0, "g/24h", { censor: "<=" }), true],
  ["censor undefined", up(0.1, "g/24h", { censor: undefined }), true],
  ["censor null", up(0.1, "g/24h", { censor: null }), false],
  ["censor '=' ", up(0.1, "g/24h", { censor: "=" }), false],
  ["extra key in a quantity", up(0.1, "g/24h", { units: "g" }), false],
  [
    "overflow after conversion",
    cur({ serumCreatinine: { value: Number.MAX_VALUE, unit: "mg/dL" } }),
    false,
  ],
  ["creatinine 0", cur({ serumCreatinine: { value: 0, unit: "umol/L" } }), false],
  ["creatinine 1e-300", cur({ serumCreatinine: { value: 1e-300, unit: "umol/L" } }), true],
  [
    "creatinine limit censored",
    cur({ serumCreatinineUpperLimit: { value: 90, unit: "umol/L", censor: "<" } }),
    false,
  ],
  [
    "creatinine limit censor undefined",
    cur({ serumCreatinineUpperLimit: { value: 90, unit: "umol/L", censor: undefined } }),
    false,
  ],
  [
    "creatinine limit exact",
    cur({ serumCreatinineUpperLimit: { value: 90, unit: "µmol/L" } }),
    true,
  ],
  ["albumin g/dL", cur({ serumAlbumin: { value: 3.5, unit: "g/dL" } }), true],
  ["egfr 0", cur({ egfr: { value: 0, unit: "mL/min/1.73m2" } }), false],
  [
    "every lab null",
    cur({
      proteinuria: null,
      serumCreatinine: null,
      serumCreatinineUpperLimit: null,
      serumAlbumin: null,
      egfr: null,
      urineSediment: null,
      prednisoneMgPerDay: null,
      rescueTherapy: null,
    }),
    true,
  ],
  [
    "sediment counts",
    cur({ urineSediment: { rbcPerHpf: 0, wbcPerHpf: 12.5, acanthocytesPerHpf: 1 } }),
    true,
  ],
  ["sediment count null", cur({ urineSediment: { rbcPerHpf: null } }), false],
  [
    "sediment count undefined",
    cur({ urineSediment: { rbcPerHpf: undefined, normal: undefined } }),
    true,
  ],
  ["sediment count -1", cur({ urineSediment: { wbcPerHpf: -1 } }), false],
  ["sediment flag as a string", cur({ urineSediment: { cellularCasts: "false" } }), false],
  ["sediment unknown key", cur({ urineSediment: { rbc: 3 } }), false],
  ["prednisone 0", cur({ prednisoneMgPerDay: 0 }), true],
  ["prednisone -5", cur({ prednisoneMgPerDay: -5 }), false],
  ["rescue therapy 1", cur({ rescueTherapy: 1 }), false],
  ["rescue therapy true", cur({ rescueTherapy: true }), true],
  ["sex F", pat({ sex: "F" }), true],
  ["sex 'f'", pat({ sex: "f" }), false],
  ["sex null", pat({ sex: null }), true],
  ["age 130", pat({ ageYears: 130 }), true],
  ["age 130.5", pat({ ageYears: 130.5 }), false],
  ["age 0", pat({ ageYears: 0 }), true],
  ["height 0", pat({ heightCm: 0 }), false],
  ["height 300", pat({ heightCm: 300 }), true],
  ["height 300.1", pat({ heightCm: 300.1 }), false],
  ["unknown patient key", pat({ weight: 60 }), false],
  ["labs as an array", { current: [] }, false],
  // Non-enumerable own properties: zod reads a declared key by name, so the value it returns
  // has them; a walk over the enumerable keys alone would drop them (a hidden censor '<' on
  // 0.3 g/24h would have come back as an exact 0.3).
  [
    "hidden censor",
    cur({ proteinuria: hidden({ value: 0.3, unit: "g/24h" }, "censor", "<") }),
    true,
  ],
  [
    "hidden censor on an upper limit",
    cur({ serumCreatinineUpperLimit: hidden({ value: 90, unit: "umol/L" }, "censor", "<") }),
    true,
  ],
  ["hidden lab value", cur(hidden({}, "proteinuria", { value: 1, unit: "g/24h" })), true],
  [
    "hidden lab value, invalid",
    cur(hidden({}, "egfr", { value: -1, unit: "mL/min/1.73m2" })),
    false,
  ],
  [
    "hidden sediment field",
    cur({ urineSediment: hidden({ rbcPerHpf: 1 }, "cellularCasts", true) }),
    true,
  ],
  ["hidden patient field", { patient: hidden({}, "sex", "M") }, true],
  [
    "hidden top-level part",
    hidden({}, "current", { egfr: { value: 50, unit: "mL/min/1.73m2" } }),
    true,
  ],
  ["hidden unknown key (not read by the schema)", hidden({ current: {} }, "curent", {}), true],
];

const visits = (...v: object[]) => ({ id: "p1", visits: v });
const RECORD_CASES: readonly (readonly [string, unknown, boolean])[] = [
  ["id only", { id: "p1" }, true],
  ["empty id", { id: "" }, false],
  ["no id", {}, false],
  ["visits by day", visits({ day: 0, labs: {} }, { day: 90, labs: { egfr: null } }), true],
  ["duplicate visit day", visits({ day: 90, labs: {} }, { day: 90, labs: {} }), false],
  ["day 1.5", visits({ day: 1.5, labs: {} }), false],
  ["day -1", visits({ day: -1, labs: {} }), false],
  ["day beyond safe integers", visits({ day: 2 ** 53, labs: {} }), false],
  ["visit without labs", visits({ day: 1 }), false],
  [
    "visit with day and date",
    { id: "p1", baselineDate: "2020-01-01", visits: [{ day: 1, date: "2020-01-02", labs: {} }] },
    false,
  ],
  [
    "visit by date",
    { id: "p1", baselineDate: "2020-01-01", visits: [{ date: "2020-01-02", labs: {} }] },
    true,
  ],
  ["visit with date undefined", visits({ day: 3, date: undefined, labs: {} }), true],
  [
    "sparse visits",
    { id: "p1", visits: Object.assign(new Array(2), { 1: { day: 1, labs: {} } }) },
    false,
  ],
  ["baseline null (not nullable on a record)", { id: "p1", baseline: null }, false],
  ["patient null (not nullable on a record)", { id: "p1", patient: null }, false],
  ["baseline undefined", { id: "p1", baseline: undefined }, true],
  ["provenance", { id: "p1", provenance: { doi: "10.1/x", table: "Table 1", row: 1 } }, true],
  [
    "provenance with an unknown key",
    { id: "p1", provenance: { doi: "10.1/x", tabel: "1" } },
    false,
  ],
  ["published outcome", { id: "p1", published: { category: "lost", followUpWeeks: 4 } }, true],
  [
    "visit prednisone null (not nullable on a visit)",
    visits({ day: 1, labs: {}, prednisoneMgPerDay: null }),
    false,
  ],
  ["unknown record key", { id: "p1", vists: [] }, false],
  ["hidden visit dose", visits(hidden({ day: 1, labs: {} }, "prednisoneMgPerDay", 5)), true],
  ["hidden visit labs", visits(hidden({ day: 1 }, "labs", { egfr: null })), true],
];

describe("fast assessment validator: each schema boundary, against the schema", () => {
  test.each(RESPONSE_CASES)("%s", (_name, input, valid) => {
    const theirs = ResponseInputSchema.safeParse(input);
    expect(theirs.success).toBe(valid);
    const ours = safeParseResponseInput(input);
    expect(ours.success).toBe(valid);
    if (ours.success && theirs.success) {
      expect(isDeepStrictEqual(ours.data, theirs.data)).toBe(true);
      expect(ours.data).not.toBe(input);
    }
    if (!ours.success && !theirs.success) expect(ours.error.issues).toEqual(theirs.error.issues);
    const fast = fastResponseInput(input);
    if (!valid) expect(fast).toBeUndefined();
  });

  test("a plain valid assessment is taken by the fast path, null read as missing", () => {
    const input = {
      patient: { sex: "F", ageYears: 49 },
      baseline: { proteinuria: { value: 4.92, unit: "g/24h" }, egfr: null },
      current: { proteinuria: { value: 0.47, unit: "g/24h" }, urineSediment: { normal: true } },
    };
    expect(fastResponseInput(input)).toStrictEqual({
      patient: { sex: "F", ageYears: 49 },
      baseline: { proteinuria: { value: 4.92, unit: "g/24h" }, egfr: undefined },
      current: { proteinuria: { value: 0.47, unit: "g/24h" }, urineSediment: { normal: true } },
    });
  });

  test("a getter is read once: the value returned is the value checked", () => {
    let reads = 0;
    const q = {
      unit: "g/24h",
      get value() {
        reads++;
        return reads === 1 ? 0.3 : -1;
      },
    };
    const r = safeParseResponseInput({ current: { proteinuria: q } });
    expect(r.success).toBe(true);
    expect(r.data?.current?.proteinuria?.value).toBe(0.3);
    expect(reads).toBe(1);
  });

  test("an inherited enumerable key (a polluted Object.prototype) gets the schema's verdict", () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.censor = "<";
    try {
      // Every object now has an enumerable 'censor': unknown to the strict objects around
      // the quantity, so the schema refuses the input, and so does the fast path.
      const input = up(0.3);
      const theirs = ResponseInputSchema.safeParse(input);
      const ours = safeParseResponseInput(input);
      expect(theirs.success).toBe(false);
      expect(ours.success).toBe(false);
      expect(ours.error?.issues).toEqual(theirs.error?.issues);
      expect(fastResponseInput(input)).toBeUndefined();
    } finally {
      delete proto.censor;
    }
  });

  test("a throwing getter goes to the schema, whose own behaviour decides", () => {
    const input = {
      get current(): never {
        throw new Error("boom");
      },
    };
    expect(fastResponseInput.bind(null, input)).toThrow("boom");
    expect(() => safeParseResponseInput(input)).toThrow("boom");
    expect(() => ResponseInputSchema.safeParse(input)).toThrow("boom");
  });
});

describe("fast record validator: each schema boundary, against the schema", () => {
  test.each(RECORD_CASES)("%s", (_name, input, valid) => {
    const theirs = PatientRecordSchema.safeParse(input);
    expect(theirs.success).toBe(valid);
    const ours = safeParsePatientRecord(input);
    expect(ours.success).toBe(valid);
    if (ours.success && theirs.success)
      expect(isDeepStrictEqual(ours.data, theirs.data)).toBe(true);
    if (!ours.success && !theirs.success) expect(ours.error.issues).toEqual(theirs.error.issues);
    if (!valid) expect(fastPatientRecord(input)).toBeUndefined();
  });

  test("a bulk record (id, patient, baseline, visits by day) is taken by the fast path", () => {
    const rec = {
      id: "p1",
      patient: { sex: "M" },
      baseline: { proteinuria: { value: 3, unit: "g/24h" } },
      visits: [
        { day: 90, labs: { proteinuria: { value: 1, unit: "g/24h" } } },
        { day: 180, labs: {}, prednisoneMgPerDay: 5 },
      ],
    };
    expect(fastPatientRecord(rec)).toStrictEqual(rec);
    expect(fastPatientRecord(rec)).not.toBe(rec);
  });
});
