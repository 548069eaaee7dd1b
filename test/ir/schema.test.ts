// Criteria objects are untrusted data: the schema, CriteriaError, validation at every
// entry point, the identity cache and freezing of shared data.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { summarizeCohort } from "../../src/analysis/cohort.js";
import { compareCriteria } from "../../src/analysis/compare.js";
import { lintCriteria } from "../../src/analysis/lint.js";
import { compileCached } from "../../src/evaluate/compile.js";
import { toSql } from "../../src/evaluate/sql.js";
import {
  AGENT_ALIASES,
  AGENT_NAMES,
  assessEligibility,
  assessRecord,
  BASE_UNITS,
  CriteriaError,
  CriteriaSchema,
  classifyMany,
  classifyResponse,
  compile,
  criteria,
  criteriaJsonSchema,
  detectFlares,
  eligibility,
  flares,
  loadCriteria,
  lookupUnit,
  type PatientRecord,
  type ResponseCriteria,
  safeClassifyResponse,
  safeValidateCriteria,
  validateCriteria,
  withOptions,
} from "../../src/index.js";
import { MEASURE_KIND } from "../../src/ir/expr.js";

const shippedObjects = [
  ...Object.values(criteria),
  ...Object.values(eligibility),
  ...Object.values(flares),
];

// biome-ignore lint/suspicious/noExplicitAny: mutations of plain JSON data
type Json = any;
const data = (x: unknown): Json => JSON.parse(JSON.stringify(x));

/** The issues of validating `x` (a fresh object, so the identity cache does not answer). */
function issuesOf(x: unknown): { path: string; message: string }[] {
  const r = safeValidateCriteria(x);
  return r.success ? [] : [...r.error.issues];
}
/** The first clause of a fact kind anywhere in a criteria object. */
function findFact(x: Json, fact: string): Json {
  if (typeof x !== "object" || x === null) return undefined;
  if (x.op === "fact" && x.fact === fact) return x;
  for (const v of Object.values(x)) {
    const hit = findFact(v, fact);
    if (hit !== undefined) return hit;
  }
  return undefined;
}

function pathsOf(x: unknown): string[] {
  return issuesOf(x).map((i) => i.path);
}

describe("every shipped object validates", () => {
  it.each(shippedObjects.map((c) => [c.id, c] as const))("%s", (_id, c) => {
    const copy = data(c);
    const r = CriteriaSchema.safeParse(copy);
    expect(r.success ? [] : r.error.issues).toEqual([]);
    expect(issuesOf(copy)).toEqual([]);
  });

  it("variants made by withOptions validate, including readings with '=' in their name", () => {
    const v1 = withOptions(criteria.zhang2023, { interpretation: { nephroticBaseline: ">=3.5" } });
    expect(v1.id).toBe("zhang2023+nephroticBaseline=>=3.5");
    const v2 = withOptions(v1, { interpretation: { crProteinuriaCutoff: "0.7" } });
    // The earlier choice survives re-derivation (split at the first '=' only).
    expect(v2.id).toBe("zhang2023+crProteinuriaCutoff=0.7+nephroticBaseline=>=3.5");
    expect(issuesOf(data(v2))).toEqual([]);
    const k = withOptions(criteria.kdigo2012, { interpretation: { crUpcrOperator: "<" } });
    expect(k.id).toBe("kdigo2012+crUpcrOperator=<");
    expect(issuesOf(data(k))).toEqual([]);
    expect(issuesOf({ ...data(criteria.blissln2020Registry) })).toEqual([]);
  });

  it("accepts the optional conversions field, fixed or bound to a parameter", () => {
    const k = data(criteria.kang2020);
    k.conversions = { upcr: "printed" };
    expect(issuesOf(k)).toEqual([]);
    const bound = data(criteria.kang2020);
    bound.conversions = { upcr: { bind: "sedimentParams" } };
    expect(pathsOf(bound)).toContain(
      "parameters.sedimentCutoff.readings.acr2012.bindings.sedimentParams",
    );
    const unbound = data(criteria.kang2020);
    unbound.conversions = { upcr: { bind: "nowhere" } };
    expect(pathsOf(unbound)).toEqual(["conversions.upcr"]);
    const bad = data(criteria.kang2020);
    bad.conversions = { upcr: "approximately" };
    expect(pathsOf(bad)).toEqual(["conversions.upcr"]);
  });
});

describe("each rule is enforced, with the offending path", () => {
  const cases: [string, (c: Json) => void, string][] = [
    [
      "unknown node kind",
      (c) => {
        c.categories[0].expr.of[0].op = "eval";
      },
      "categories[0].expr.of[0].op",
    ],
    [
      "unknown comparator",
      (c) => {
        c.categories[0].expr.of[0].cmp = "==";
      },
      "categories[0].expr.of[0].cmp",
    ],
    [
      "unknown measure",
      (c) => {
        c.categories[0].expr.of[0].left.measure = "x; globalThis.X=1";
      },
      "categories[0].expr.of[0].left.measure",
    ],
    [
      "unknown operand kind",
      (c) => {
        c.categories[1].expr.of[2].left.kind = "ratio";
      },
      "categories[1].expr.of[2].left.kind",
    ],
    [
      "unknown `at`",
      (c) => {
        c.categories[0].expr.of[0].left.at = "baseline; globalThis.X=1";
      },
      "categories[0].expr.of[0].left.at",
    ],
    [
      "unknown fact",
      (c) => {
        c.categories[0].expr.of[1].fact = "anything";
      },
      "categories[0].expr.of[1].fact",
    ],
    [
      "bad fact parameter",
      (c) => {
        c.categories[0].expr.of[1].params = { rbcMax: 5, wbcMax: 5, inclusive: "yes" };
      },
      "categories[0].expr.of[1].params.inclusive",
    ],
    [
      "unknown unit",
      (c) => {
        c.categories[0].expr.of[0].right.unit = "mg/dy";
      },
      "categories[0].expr.of[0].right.unit",
    ],
    [
      "unit of the wrong kind",
      (c) => {
        c.categories[0].expr.of[0].right.unit = "g/L";
      },
      "categories[0].expr.of[0].right.unit",
    ],
    [
      "percent change with an absolute unit",
      (c) => {
        c.categories[1].expr.of[2].right.unit = "mg/24h";
      },
      "categories[1].expr.of[2].right.unit",
    ],
    [
      "unknown evidence",
      (c) => {
        c.evidence = "trust-me";
      },
      "evidence",
    ],
    [
      "threshold as a string",
      (c) => {
        c.categories[0].expr.of[0].right.value = "0.5 ? (globalThis.X = 1, 1) : 1";
      },
      "categories[0].expr.of[0].right.value",
    ],
    [
      "threshold out of range",
      (c) => {
        c.categories[0].expr.of[0].right.value = 1e308;
      },
      "categories[0].expr.of[0].right.value",
    ],
    [
      "unsafe id",
      (c) => {
        c.id = "kang2020'; DROP TABLE t; --";
      },
      "id",
    ],
    [
      "unsafe clause id",
      (c) => {
        c.categories[0].expr.of[0].id = "a b";
      },
      "categories[0].expr.of[0].id",
    ],
    [
      "unsafe parameter name",
      (c) => {
        c.parameters["__proto__x y"] = c.parameters.sedimentCutoff;
      },
      "parameters.__proto__x y",
    ],
    [
      "inherited name as a placeholder",
      (c) => {
        c.categories[0].expr.of[1].params = { bind: "constructor" };
      },
      "categories[0].expr.of[1].params.bind",
    ],
    [
      "unknown key",
      (c) => {
        c.categories[0].expr.of[0].sql = "1";
      },
      "categories[0].expr.of[0].sql",
    ],
    [
      "unknown top-level key",
      (c) => {
        c.extra = true;
      },
      "extra",
    ],
    [
      "missing required field",
      (c) => {
        delete c.categories[0].expr.of[0].left;
      },
      "categories[0].expr.of[0].left",
    ],
    [
      "reference to nothing",
      (c) => {
        c.endpoints[0].expr.of[0].to = "XR";
      },
      "endpoints[0].expr.of[0].to",
    ],
    [
      "reference to a later definition",
      (c) => {
        c.categories[0].expr.of[0] = { op: "ref", to: "PR" };
      },
      "categories[0].expr.of[0].to",
    ],
    [
      "reference to itself",
      (c) => {
        c.categories[0].expr.of[0] = { op: "ref", to: "CR" };
      },
      "categories[0].expr.of[0].to",
    ],
    [
      "placeholder bound by no parameter",
      (c) => {
        c.categories[0].expr.of[0].cmp = { bind: "nobody" };
      },
      "categories[0].expr.of[0].cmp",
    ],
    [
      "clause placeholder bound by no parameter",
      (c) => {
        c.categories[0].expr.of[0] = { op: "bind", name: "nobody" };
      },
      "categories[0].expr.of[0]",
    ],
    [
      "a reading that does not bind the placeholder",
      (c) => {
        delete c.parameters.prProteinuriaBounds.readings.exclusive.bindings.prUpperCmp;
      },
      "parameters.prProteinuriaBounds.readings.exclusive.bindings",
    ],
    [
      "a comparator placeholder bound to a quantity",
      (c) => {
        c.parameters.prProteinuriaBounds.readings.exclusive.bindings.prUpperCmp = {
          value: 1,
          unit: "g/24h",
        };
      },
      "parameters.prProteinuriaBounds.readings.exclusive.bindings.prUpperCmp",
    ],
    [
      "a threshold placeholder bound to a comparator",
      (c) => {
        c.categories[0].expr.of[0].right = { bind: "prLowerCmp" };
      },
      "parameters.prProteinuriaBounds.readings.inclusive.bindings.prLowerCmp",
    ],
    [
      "a threshold placeholder bound to a quantity of the wrong kind",
      (c) => {
        c.parameters.sedimentCutoff.readings.acr2012.bindings.threshold = {
          value: 30,
          unit: "g/L",
        };
        c.parameters.sedimentCutoff.readings.strict.bindings.threshold = {
          value: 300,
          unit: "mg/24h",
        };
        c.categories[0].expr.of[0].right = { bind: "threshold" };
      },
      "parameters.sedimentCutoff.readings.acr2012.bindings.threshold",
    ],
    [
      "sediment placeholder bound to a sex-specific pair",
      (c) => {
        c.categories[0].expr.of[1].params = { bind: "creatinineUpperLimit" };
      },
      "parameters.creatinineReference.readings.mayo-clinic.bindings.creatinineUpperLimit",
    ],
    [
      "a default that is not a reading",
      (c) => {
        c.parameters.sedimentCutoff.default = "lenient";
      },
      "parameters.sedimentCutoff.default",
    ],
    [
      "a placeholder bound by two parameters",
      (c) => {
        c.parameters.sedimentCutoff.readings.acr2012.bindings.prLowerCmp = "<";
        c.parameters.sedimentCutoff.readings.strict.bindings.prLowerCmp = "<";
      },
      "parameters.sedimentCutoff",
    ],
    [
      "a placeholder cycle",
      (c) => {
        const loop = { op: "all", id: "loop", label: "loop", of: [{ op: "bind", name: "loop" }] };
        c.parameters.sedimentCutoff.readings.acr2012.bindings.loop = loop;
        c.parameters.sedimentCutoff.readings.strict.bindings.loop = loop;
        c.categories[0].expr.of[1] = { op: "bind", name: "loop" };
      },
      "parameters.sedimentCutoff.readings.acr2012.bindings.loop",
    ],
    [
      "duplicate definition name",
      (c) => {
        c.endpoints.push({ ...c.endpoints[0] });
      },
      "endpoints[1].name",
    ],
    [
      "bad version",
      (c) => {
        c.version = "1.0";
      },
      "version",
    ],
    [
      "bad derivedFrom",
      (c) => {
        c.derivedFrom = "kang2020";
      },
      "derivedFrom",
    ],
    [
      "wrong kind",
      (c) => {
        c.kind = "responses";
      },
      "kind",
    ],
  ];
  it.each(cases)("%s", (_name, mutate, path) => {
    const c = data(criteria.kang2020);
    mutate(c);
    const issues = issuesOf(c);
    expect(issues.map((i) => i.path)).toContain(path);
    for (const i of issues) expect(i.message.length).toBeGreaterThan(0);
  });

  it("an eligibility rule: unknown exclusion condition, bad treatment parameter", () => {
    const e = data(eligibility.kang2020Refractory);
    e.rule.expr.of[0].params.atLeast = 0.5;
    expect(pathsOf(e)).toEqual(["rule.expr.of[0].params.atLeast"]);
    const b = data(eligibility.kang2020Refractory);
    b.rule.expr.of[0].params.countSequenceAs = { bind: "includeGlucocorticoidPulses" };
    expect(pathsOf(b)[0]).toMatch(
      /^parameters\.[A-Za-z]+\.readings\.[^.]+\.bindings\.includeGlucocorticoidPulses$/,
    );
    const r = data(eligibility.kang2020Refractory);
    r.rule.expr.of[1] = { op: "ref", to: "rule" };
    expect(pathsOf(r)).toEqual(["rule.expr.of[1].to"]);
  });

  it("a flare definition: a bad grade and a clause placeholder of the wrong type", () => {
    const f = data(flares.moroni2022);
    f.grades[0].afterResponse = "sometimes";
    expect(pathsOf(f)).toEqual(["grades[0].afterResponse"]);
    const g = data(flares.moroni2022);
    g.scope = "everything";
    expect(pathsOf(g)).toEqual(["scope"]);
  });

  it("a response or flare definition cannot use a fact that reads a patient's history", () => {
    // exclusionAbsent and treatmentFailures are eligibility facts: an assessment has no
    // exclusions or treatment history, so in a response or flare definition they could never
    // be known. Taken from a shipped rule, so the clause itself is valid.
    const history = data(eligibility.kang2020Refractory).rule.expr.of as Json[];
    const failures = history.find((x) => x.fact === "treatmentFailures");
    expect(failures).toBeDefined();
    const r = data(criteria.kang2020);
    r.categories[0].expr.of.push(failures);
    const at = `categories[0].expr.of[${r.categories[0].expr.of.length - 1}]`;
    expect(pathsOf(r)).toContain(`${at}.fact`);
    expect(issuesOf(r).find((x) => x.path === `${at}.fact`)?.message).toMatch(/eligibility rule/);
    const f = data(flares.moroni2022);
    f.grades[0].expr = {
      op: "all",
      id: "withHistory",
      label: "with history",
      of: [f.grades[0].expr, failures],
    };
    expect(pathsOf(f)).toContain("grades[0].expr.of[1].fact");
    const e = data(criteria.zhang2023);
    e.categories[1].expr = {
      op: "all",
      id: "withExclusion",
      label: "with an exclusion",
      of: [
        e.categories[1].expr,
        findFact(data(eligibility.zhang2023Refractory), "exclusionAbsent"),
      ],
    };
    expect(pathsOf(e)).toEqual(["categories[1].expr.of[1].fact"]);
    // The same fact stays valid where it belongs.
    expect(pathsOf(data(eligibility.kang2020Refractory))).toEqual([]);
  });

  it("only plain data: accessors, class instances, functions, cycles, depth, undefined", () => {
    const getter = data(criteria.kang2020);
    Object.defineProperty(getter.categories[0], "label", { get: () => "x", enumerable: true });
    expect(pathsOf(getter)).toEqual(["categories[0].label"]);
    const instance = data(criteria.kang2020);
    instance.citation = new (class Citation {})();
    expect(pathsOf(instance)).toEqual(["citation"]);
    const fn = data(criteria.kang2020);
    fn.title = () => "x";
    expect(pathsOf(fn)).toEqual(["title"]);
    const cyclic = data(criteria.kang2020);
    cyclic.categories[0].expr.of.push(cyclic.categories[0].expr);
    expect(issuesOf(cyclic)[0]?.message).toMatch(/nested deeper than 64/);
    let deep: Json = { op: "ref", to: "CR" };
    for (let i = 0; i < 100_000; i++) deep = { op: "not", id: "n", label: "n", of: deep };
    const d = data(criteria.kang2020);
    d.endpoints[0].expr = deep;
    expect(issuesOf(d)[0]?.message).toMatch(/nested deeper/);
    const throwing = new Proxy(data(criteria.kang2020), {
      ownKeys() {
        throw new Error("boom");
      },
    });
    expect(issuesOf(throwing)).toEqual([{ path: "(root)", message: "could not be read: boom" }]);
    expect(pathsOf(undefined)).toEqual(["(root)"]);
    expect(pathsOf(null)).toEqual(["(root)"]);
    expect(pathsOf("kang2020")).toEqual(["(root)"]);
  });
});

describe("CriteriaError", () => {
  it("names each path in its message and carries the cross-copy brand", () => {
    const c = data(criteria.kang2020);
    c.evidence = "x";
    c.categories[0].expr.of[0].cmp = "=";
    let caught: unknown;
    try {
      validateCriteria(c);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(CriteriaError);
    const e = caught as CriteriaError;
    expect(e.name).toBe("CriteriaError");
    expect(e.message).toContain("evidence: ");
    expect(e.message).toContain("categories[0].expr.of[0].cmp: ");
    expect(
      (e as unknown as Record<symbol, unknown>)[Symbol.for("lupus-renal-criteria.CriteriaError")],
    ).toBe(true);
    expect(CriteriaError.isCriteriaError(e)).toBe(true);
    // An instance of another copy of the library (same brand, different class) is recognised.
    const other = Object.assign(new Error("x"), {
      [Symbol.for("lupus-renal-criteria.CriteriaError")]: true,
    });
    expect(CriteriaError.isCriteriaError(other)).toBe(true);
    expect(other instanceof CriteriaError).toBe(true);
    expect(CriteriaError.isCriteriaError(new Error("x"))).toBe(false);
    expect(CriteriaError.isCriteriaError(undefined)).toBe(false);
  });
});

describe("validation once, by identity; freezing", () => {
  it("validateCriteria returns the same object, deep-frozen; a rejected object is left unfrozen", () => {
    const c = data(criteria.zhang2023);
    expect(validateCriteria(c)).toBe(c);
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.categories[0].expr)).toBe(true);
    expect(validateCriteria(c)).toBe(c);
    const bad = data(criteria.zhang2023);
    bad.evidence = "x";
    expect(() => validateCriteria(bad)).toThrow(CriteriaError);
    expect(Object.isFrozen(bad)).toBe(false);
  });

  it("a validated object is a WeakSet lookup afterwards (10,000 validations in well under 50 ms)", () => {
    const c = validateCriteria(data(criteria.kang2020));
    const t0 = performance.now();
    for (let i = 0; i < 10_000; i++) validateCriteria(c);
    expect(performance.now() - t0).toBeLessThan(50);
  });

  it("loadCriteria parses JSON text and returns a frozen copy, leaving its argument alone", () => {
    const text = JSON.stringify(criteria.kang2020);
    const c = loadCriteria(text);
    expect(Object.isFrozen(c)).toBe(true);
    expect(c.id).toBe("kang2020");
    const value = data(criteria.kang2020);
    const copy = loadCriteria(value);
    expect(copy).not.toBe(value);
    expect(copy).toEqual(value);
    expect(Object.isFrozen(value)).toBe(false);
    expect(() => loadCriteria("{ not json")).toThrow(CriteriaError);
    expect(() => loadCriteria('{"kind":"response"}')).toThrow(CriteriaError);
    // A "__proto__" key from JSON text is data, and is rejected as an unknown key.
    expect(() => loadCriteria(text.replace('"kind":', '"__proto__":{"x":1},"kind":'))).toThrow(
      /__proto__: unknown key/,
    );
  });

  it("shipped objects, unit tables and alias tables are frozen: mutation throws in strict mode", () => {
    const k = criteria.kang2020 as Json;
    expect(() => {
      k.categories[0].expr.of[0].right.value = 3000;
    }).toThrow(TypeError);
    expect(() => {
      k.categories.pop();
    }).toThrow(TypeError);
    expect(() => {
      (criteria as Json).kang2020 = criteria.zhang2023;
    }).toThrow(TypeError);
    expect(() => {
      (eligibility.kang2020Refractory as Json).rule.expr.of[0].params.atLeast = 1;
    }).toThrow(TypeError);
    expect(() => {
      (flares.moroni2022 as Json).grades[0].expr.of[0].right.value = 1;
    }).toThrow(TypeError);
    expect(criteria.kang2020.categories[0]?.expr).toMatchObject({
      op: "all",
      of: [{ right: { value: 300, unit: "mg/24h" } }, {}, {}],
    });
    expect(criteria.kang2020.categories.map((c) => c.name)).toEqual(["CR", "PR"]);
    expect(() => {
      (BASE_UNITS as Json).serumCreatinine = "mg/dL";
    }).toThrow(TypeError);
    expect(() => {
      (lookupUnit("mg/dL") as Json).toBase = 1;
    }).toThrow(TypeError);
    expect(lookupUnit("mg/dL")?.toBase).toBe(88.4);
    expect(() => {
      (AGENT_ALIASES as Json).fk506 = "cyclophosphamide";
    }).toThrow(TypeError);
    expect(() => {
      (AGENT_NAMES as Json).push("aspirin");
    }).toThrow(TypeError);
    expect(() => {
      (MEASURE_KIND as Json).upcr = "serumAlbumin";
    }).toThrow(TypeError);
    const v = withOptions(criteria.zhang2023, { interpretation: { crProteinuriaCutoff: "0.7" } });
    expect(Object.isFrozen(v)).toBe(true);
    expect(() => {
      (v as Json).categories[0].expr.of[0].right = { value: 5, unit: "g/24h" };
    }).toThrow(TypeError);
  });
});

describe("every entry point rejects a hostile object with CriteriaError, before running anything", () => {
  const hostile = (): ResponseCriteria => {
    const c = data(criteria.kang2020);
    c.categories[1].expr.of[3].right.value = "0.5 ? (globalThis.X = 1, 1) : 1";
    return c;
  };
  const record: PatientRecord = {
    id: "p",
    patient: { sex: "F" },
    baseline: { proteinuria: { value: 4, unit: "g/24h" } },
    visits: [{ day: 180, labs: { proteinuria: { value: 0.2, unit: "g/24h" } } }],
  };
  const calls: [string, (c: Json) => unknown][] = [
    ["classifyResponse", (c) => classifyResponse(c, {})],
    ["classifyMany", (c) => classifyMany(c, [{}])],
    ["compile", (c) => compile(c)],
    ["compile (closures)", (c) => compile(c, { codegen: false })],
    ["compileCached", (c) => compileCached(c)],
    ["lintCriteria", (c) => lintCriteria(c)],
    ["withOptions", (c) => withOptions(c, { interpretation: { sedimentCutoff: "strict" } })],
    [
      "assessRecord",
      (c) => assessRecord(c, record, { timepoints: [{ label: "m6", day: 180, windowDays: 30 }] }),
    ],
    [
      "summarizeCohort",
      (c) =>
        summarizeCohort(c, [record], { timepoints: [{ label: "m6", day: 180, windowDays: 30 }] }),
    ],
    ["compareCriteria", (c) => compareCriteria([{}], [criteria.zhang2023, c])],
    ["toSql", (c) => toSql(c, { dialect: "duckdb", table: "t", columns: {} } as never)],
    ["assessEligibility (a response object)", (c) => assessEligibility(c, record)],
    ["detectFlares (a response object)", (c) => detectFlares(c, record)],
  ];
  it.each(calls)("%s", (_name, call) => {
    delete (globalThis as Json).X;
    expect(() => call(hostile())).toThrow(CriteriaError);
    expect((globalThis as Json).X).toBeUndefined();
  });

  it("a measure named like code is rejected too", () => {
    const c = data(criteria.kang2020);
    c.categories[1].expr.of[3].left.measure = "x; globalThis.X=1";
    expect(() => compile(c)).toThrow(CriteriaError);
    expect((globalThis as Json).X).toBeUndefined();
  });

  it("eligibility and flare entry points validate their objects", () => {
    const e = data(eligibility.kang2020Refractory);
    e.rule.expr.of[1].right.value = Number.NaN;
    expect(() => assessEligibility(e, record)).toThrow(/rule\.expr\.of\[1\]\.right\.value/);
    const f = data(flares.moroni2022);
    f.grades[0].expr.of[0].cmp = ">= 0 ||";
    expect(() => detectFlares(f, record)).toThrow(CriteriaError);
    expect(() => assessEligibility(criteria.kang2020 as never, record)).toThrow(
      /kind: expected a eligibility criteria object/,
    );
  });

  it("a missing criteria object is a CriteriaError, not a TypeError", () => {
    const missing = (criteria as Json).doesNotExist;
    expect(() => classifyResponse(missing, {})).toThrow(CriteriaError);
    expect(() => compile(missing)).toThrow(CriteriaError);
    expect(() => classifyResponse(eligibility.kang2020Refractory as never, {})).toThrow(
      /kind: expected a response criteria object, got 'eligibility'/,
    );
    const r = safeClassifyResponse(missing, {});
    expect(r.success).toBe(false);
    if (!r.success) expect(CriteriaError.isCriteriaError(r.error)).toBe(true);
  });
});

describe("JSON Schema file", () => {
  it("schema/criteria.schema.json is up to date (regenerate: npm run schema)", () => {
    const file = JSON.parse(
      readFileSync(new URL("../../schema/criteria.schema.json", import.meta.url), "utf8"),
    );
    expect(file).toEqual(criteriaJsonSchema());
  });
  it("lists the closed sets and rejects unknown keys", () => {
    const text = JSON.stringify(criteriaJsonSchema());
    for (const s of [
      '"percentDecrease"',
      '"urineSedimentNormal"',
      '"mg/mmol"',
      '">="',
      '"third-party"',
    ])
      expect(text).toContain(s);
    expect(text).toContain('"additionalProperties":false');
  });
});
