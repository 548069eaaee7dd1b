// The code generator's own contract (src/evaluate/codegen.ts), beyond the differential tests:
// when `new Function` counts as available; the exact refusal of each hostile clause; references
// between categories; the fast path (far from a threshold the generated code decides from the
// raw value, within 1e-7 relative of it, on a censored input it reads, and for absolute changes
// it calls the closure compiler's exact functions); values that round onto a threshold; two UPCR
// conversions in one object; one reading per quantity; and unvalidated units read as the
// closures read them.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { classifyResponse } from "../../src/api/classify.js";
import { criteria } from "../../src/criteria/index.js";
import {
  codegenAvailable,
  generateCategory,
  generateClassify,
} from "../../src/evaluate/codegen.js";
import { compile } from "../../src/evaluate/compile.js";
import type { ResponseCriteria } from "../../src/ir/types.js";

type Node = Record<string, unknown>;
const source = { section: "codegen test" };
let ids = 0;
const compare = (left: Node, cmp: string, value: number, unit: string, extra: Node = {}): Node => ({
  op: "compare",
  id: `c${ids++}`,
  label: "a clause",
  left,
  cmp,
  right: { value, unit },
  source,
  ...extra,
});
const value = (measure: string, at: "baseline" | "current" = "current") => ({
  kind: "value",
  measure,
  at,
});
const change = (kind: string, measure: string) => ({ kind, measure });

/** A valid response definition with these CR (and PR) trees, no readings, no end points. */
const { schedule: _schedule, conversions: _conversions, ...base } = criteria.zhang2023;
const definition = (cr: Node, pr: Node = cr): ResponseCriteria =>
  ({
    ...base,
    id: "codegenProbe",
    version: "1.0.0",
    parameters: {},
    gaps: [],
    categories: [
      { name: "CR", label: "complete", source, expr: cr },
      { name: "PR", label: "partial", source, expr: pr },
    ],
    endpoints: [],
  }) as unknown as ResponseCriteria;

/** The category from the interpreter, the closures and the generated code (they must agree). */
const categories = (c: ResponseCriteria, input: unknown, sub = false) => {
  const options = { allowProteinuriaSubstitution: sub };
  const i = input as never;
  return {
    interpreter: classifyResponse(c, i, options).category,
    closures: compile(c, { ...options, codegen: false }).category(i),
    generated: compile(c, { ...options, codegen: true }).category(i),
  };
};
const same = (category: string) => ({
  interpreter: category,
  closures: category,
  generated: category,
});

describe("codegenAvailable", () => {
  const realFunction = globalThis.Function;
  // Fresh copies of the module (its answer is computed once per copy). They are loaded before
  // the tests, not inside one: the module's tables stay code that runs only at load time (what
  // Stryker's ignoreStatic leaves out), instead of code covered by these tests alone.
  const copies: (() => boolean)[] = [];
  beforeAll(async () => {
    for (let i = 0; i < 3; i++) {
      vi.resetModules();
      copies.push((await import("../../src/evaluate/codegen.js")).codegenAvailable);
    }
    vi.resetModules();
  });
  afterEach(() => {
    globalThis.Function = realFunction;
  });
  const fresh = (i: number) => copies[i] as () => boolean;

  it("is true where `new Function` evaluates code (Node)", () => {
    expect(codegenAvailable()).toBe(true);
  });

  it("is false when `new Function` throws (a Content-Security-Policy without 'unsafe-eval')", () => {
    const available = fresh(0);
    globalThis.Function = function refused() {
      throw new EvalError(
        "Refused to evaluate a string as JavaScript: 'unsafe-eval' is not allowed",
      );
    } as unknown as FunctionConstructor;
    expect(available()).toBe(false);
  });

  it("is false when `new Function` does not evaluate its source (a stub)", () => {
    const available = fresh(1);
    globalThis.Function = function stub() {
      return () => undefined;
    } as unknown as FunctionConstructor;
    expect(available()).toBe(false);
  });

  it("is decided once: the first answer is kept", () => {
    const available = fresh(2);
    expect(available()).toBe(true);
    globalThis.Function = function refused() {
      throw new EvalError("refused");
    } as unknown as FunctionConstructor;
    expect(available()).toBe(true);
  });
});

describe("a hostile clause is refused with its own message", () => {
  // generateCategory called directly (bypassing compile()'s validation); the message names
  // what was refused (test/evaluate/compile.test.ts checks that nothing is evaluated).
  const albumin = (): Node => compare(value("serumAlbumin"), ">", 30, "g/L");
  const closures = () => ({ exact: () => 0, whole: () => 2 as const });
  const unresolved = () => {
    throw new Error("not reached");
  };
  const cases: [string, (e: Node) => Node, string][] = [
    [
      "a threshold left as a placeholder",
      (e) => ({ ...e, right: { bind: "t" } }),
      "a clause is not resolved",
    ],
    [
      "a comparator left as a placeholder",
      (e) => ({ ...e, cmp: { bind: "c" } }),
      "a clause is not resolved",
    ],
    ["a threshold that is null", (e) => ({ ...e, right: null }), "a clause is not resolved"],
    [
      "a threshold that is a string",
      (e) => ({ ...e, right: "30 g/L" }),
      "a clause is not resolved",
    ],
    [
      "a comparator inherited from Object.prototype",
      (e) => ({ ...e, cmp: "constructor" }),
      "unknown comparator",
    ],
    ["a comparator that is code", (e) => ({ ...e, cmp: "> 0 ||" }), "unknown comparator"],
    [
      "a time point inherited from Object.prototype",
      (e) => ({ ...e, left: value("serumAlbumin", "toString" as never) }),
      "unknown time point",
    ],
    [
      "a time point that is an array (a key only after coercion)",
      (e) => ({ ...e, left: value("serumAlbumin", ["current"] as never) }),
      "unknown time point",
    ],
    [
      "a measure that is code",
      (e) => ({ ...e, left: value("x; globalThis.X = 1") }),
      "unknown measure",
    ],
    [
      "a measure that is an array",
      (e) => ({ ...e, left: value(["egfr"] as never) }),
      "unknown measure",
    ],
    [
      "a measure inherited from Object.prototype, in a change",
      (e) => ({ ...e, left: change("increase", "constructor"), right: { value: 1, unit: "g/L" } }),
      "unknown measure",
    ],
    [
      "a threshold unit that is unknown",
      (e) => ({ ...e, right: { value: 30, unit: "g/L;" } }),
      "a threshold has an unknown unit",
    ],
    [
      "a threshold unit that is not a string",
      (e) => ({ ...e, right: { value: 30, unit: ["g/L"] } }),
      "a threshold has an unknown unit",
    ],
    [
      "a threshold that is NaN",
      (e) => ({ ...e, right: { value: Number.NaN, unit: "g/L" } }),
      "a generated number is not a finite number",
    ],
    [
      "a threshold that is a numeric string",
      (e) => ({ ...e, right: { value: "30", unit: "g/L" } }),
      "a generated number is not a finite number",
    ],
    [
      "a UPCR conversion that is code",
      (e) => ({
        ...e,
        left: value("upcr"),
        right: { value: 0.5, unit: "g/g" },
        upcrConversion: "exact;",
      }),
      "unknown UPCR conversion",
    ],
    [
      "a placeholder node",
      () => ({ op: "bind", name: "clause" }),
      "placeholder 'clause' is not resolved",
    ],
    [
      "a reference to a later or unknown definition",
      () => ({ op: "ref", to: "PR" }),
      "reference to unknown definition 'PR'",
    ],
    ["an unknown node kind", (e) => ({ ...e, op: "compares" }), "unknown clause kind"],
  ];
  it.each(cases)("%s", (_name, mutate, message) => {
    expect(() =>
      generateCategory(
        [{ name: "CR", expr: mutate(albumin()) as never }],
        closures,
        unresolved,
        {},
      ),
    ).toThrow(new RegExp(`^Criteria error: ${message.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`));
  });
  it.each(["constructor", "toString", 'CR"; x = 1; "'])("a category named %j", (name) => {
    expect(() =>
      generateCategory(
        [{ name: name as never, expr: albumin() as never }],
        closures,
        unresolved,
        {},
      ),
    ).toThrow(/^Criteria error: unknown category$/);
  });
});

describe("references between categories", () => {
  // CR: current 24-h protein < 0.5 g/day. PR: not CR, and < 3 g/day.
  const cr = compare(value("proteinuria24h"), "<", 0.5, "g/24h");
  const pr = {
    op: "all",
    id: "pr",
    label: "PR",
    of: [
      { op: "not", id: "not-cr", label: "not CR", of: { op: "ref", to: "CR" } },
      compare(value("proteinuria24h"), "<", 3, "g/24h"),
    ],
  };
  const c = definition(cr, pr);
  const at = (v: number) => ({ current: { proteinuria: { value: v, unit: "g/24h" } } });
  it.each([
    [0.3, "CR"],
    [0.5, "PR"],
    [2.9, "PR"],
    [3, "NR"],
  ])("%s g/day: %s in every backend", (v, category) => {
    expect(categories(c, at(v))).toEqual(same(category));
  });
  it("a missing value leaves both undecided", () => {
    expect(categories(c, {})).toEqual(same("indeterminate"));
  });
});

describe("end points in the generated function", () => {
  // CR: current 24-h protein < 0.5 g/day; PR: < 3 g/day (CR comes first). End points: OR = CR or
  // PR; stillActive = not OR (a reference to the end point before it).
  const cr = compare(value("proteinuria24h"), "<", 0.5, "g/24h");
  const pr = compare(value("proteinuria24h"), "<", 3, "g/24h");
  const c = {
    ...definition(cr, pr),
    endpoints: [
      {
        name: "OR",
        label: "CR or PR",
        source,
        expr: {
          op: "any",
          id: "or",
          label: "CR or PR",
          of: [
            { op: "ref", to: "CR" },
            { op: "ref", to: "PR" },
          ],
        },
      },
      {
        name: "stillActive",
        label: "no response",
        source,
        expr: { op: "not", id: "active", label: "not OR", of: { op: "ref", to: "OR" } },
      },
    ],
  } as unknown as ResponseCriteria;
  const at = (v: number) => ({ current: { proteinuria: { value: v, unit: "g/24h" } } });
  it.each([
    [0.3, "CR", "met", "not-met"],
    [0.5, "PR", "met", "not-met"],
    [3, "NR", "not-met", "met"],
  ])(
    "%s g/day: %s, OR %s, stillActive %s, generated = closures = interpreter",
    (v, cat, or, active) => {
      const expected = { category: cat, endpoints: { OR: or, stillActive: active } };
      for (const codegen of [true, false]) {
        const r = compile(c, { codegen }).classify(at(v));
        expect({ category: r.category, endpoints: r.endpoints }).toEqual(expected);
        const s = compile(c, { codegen }).safeClassify(at(v));
        expect(s.success && { category: s.data.category, endpoints: s.data.endpoints }).toEqual(
          expected,
        );
      }
      const i = classifyResponse(c, at(v));
      expect({ category: i.category, endpoints: i.endpoints }).toEqual(expected);
    },
  );
  it("a missing value: every end point unknown, the category indeterminate", () => {
    const r = compile(c, { codegen: true }).classify({});
    expect(r).toEqual({
      category: "indeterminate",
      endpoints: { OR: "unknown", stillActive: "unknown" },
    });
  });
  it("an end-point name is data in the generated function, never source text", () => {
    const g = globalThis as { pwned?: number };
    const name = '"]; globalThis.pwned = 1; //';
    const f = generateClassify(
      [{ name: "CR", expr: cr as never }],
      [{ name, expr: { op: "ref", to: "CR" } as never }],
      () => ({ exact: () => undefined, whole: (): 2 => 2 }),
      () => (): 2 => 2,
      {},
    );
    const E: Record<string, string> = {};
    expect(f(at(0.3) as never, E as never)).toBe("CR");
    expect(E).toEqual({ [name]: "met" });
    expect(g.pwned).toBeUndefined();
  });
});

describe("the fast path", () => {
  // generateCategory with spies for the closure compiler's functions: `exact` (the operand's
  // exact value, the interpreter's arithmetic) and `whole` (the clause on censored inputs).
  const run = (
    clause: Node,
    input: unknown,
    exactValue: number | undefined,
    whole: 0 | 1 | 2 = 2,
  ) => {
    const exact = vi.fn(() => exactValue);
    const wholeFn = vi.fn(() => whole);
    const fn = generateCategory(
      [{ name: "CR", expr: clause as never }],
      () => ({ exact, whole: wholeFn }),
      () => {
        throw new Error("no facts here");
      },
      {},
    );
    return {
      category: fn(input as never),
      exact: exact.mock.calls.length,
      whole: wholeFn.mock.calls.length,
    };
  };
  const quantities = (
    at: "baseline" | "current",
    field: string,
    v: number,
    unit: string,
    censor?: string,
  ) => ({ [at]: { [field]: { value: v, unit, ...(censor ? { censor } : {}) } } });
  const pair = (field: string, b: number, c: number, unit: string) => ({
    baseline: { [field]: { value: b, unit } },
    current: { [field]: { value: c, unit } },
  });

  // Far: decided from the raw value, exact never called. Near: exact called, its answer used.
  const kinds: [string, Node, unknown, string, unknown, number][] = [
    [
      "a value in the threshold's unit",
      compare(value("serumAlbumin"), ">=", 30, "g/L"),
      quantities("current", "serumAlbumin", 40, "g/L"),
      "CR",
      quantities("current", "serumAlbumin", 30, "g/L"),
      30,
    ],
    [
      "a value converted to the threshold's unit (µmol/L → mg/dL)",
      compare(value("serumCreatinine"), "<=", 1.2, "mg/dL"),
      quantities("current", "serumCreatinine", 150, "umol/L"),
      "NR",
      quantities("current", "serumCreatinine", 106.08, "umol/L"),
      1.2,
    ],
    [
      "a value read in another unit (mg/dL → µmol/L)",
      compare(value("serumCreatinine"), "<", 100, "umol/L"),
      quantities("current", "serumCreatinine", 0.8, "mg/dL"),
      "CR",
      quantities("current", "serumCreatinine", 100 / 88.4, "mg/dL"),
      100,
    ],
    [
      "a percent decrease",
      compare(change("percentDecrease", "proteinuria24h"), ">=", 50, "%"),
      pair("proteinuria", 4, 1, "g/24h"),
      "CR",
      pair("proteinuria", 4, 2, "g/24h"),
      50,
    ],
    [
      "a percent increase",
      compare(change("percentIncrease", "serumCreatinine"), "<=", 25, "%"),
      pair("serumCreatinine", 100, 150, "umol/L"),
      "NR",
      pair("serumCreatinine", 100, 125, "umol/L"),
      25,
    ],
    [
      "an absolute percent change",
      compare(change("absPercentChange", "serumCreatinine"), "<=", 25, "%"),
      pair("serumCreatinine", 100, 60, "umol/L"),
      "NR",
      pair("serumCreatinine", 100, 75, "umol/L"),
      25,
    ],
    [
      "a percent of baseline",
      compare(change("percentOfBaseline", "egfr"), ">", 90, "%"),
      pair("egfr", 100, 95, "mL/min/1.73m2"),
      "CR",
      pair("egfr", 100, 90, "mL/min/1.73m2"),
      90,
    ],
  ];
  it.each(kinds)(
    "%s: far from the threshold, the raw value decides",
    (_n, clause, far, category) => {
      expect(run(clause, far, Number.NaN)).toEqual({ category, exact: 0, whole: 0 });
    },
  );
  const holds = (x: number, cmp: string, t: number) =>
    cmp === "<" ? x < t : cmp === "<=" ? x <= t : cmp === ">" ? x > t : x >= t;
  it.each(kinds)(
    "%s: at the threshold, the exact value decides",
    (_n, clause, _far, _c, near, t) => {
      // Whatever the exact value is (here: the threshold, or one unit either side), it decides.
      for (const x of [t - 1, t, t + 1]) {
        const category = holds(x, clause.cmp as string, t) ? "CR" : "NR";
        expect({ x, ...run(clause, near, x) }).toEqual({ x, category, exact: 1, whole: 0 });
      }
      expect(run(clause, near, undefined).category).toBe("indeterminate");
    },
  );
  it.each([
    ["an increase", change("increase", "serumCreatinine"), 30],
    ["a decrease", change("decrease", "serumCreatinine"), 30],
  ])("%s is always compared exactly (its raw value is in the base unit)", (_n, left, threshold) => {
    const clause = compare(left, ">=", threshold, "umol/L");
    const far = pair("serumCreatinine", 100, 300, "umol/L");
    expect(run(clause, far, 200)).toEqual({ category: "CR", exact: 1, whole: 0 });
    expect(run(clause, far, 10)).toEqual({ category: "NR", exact: 1, whole: 0 });
  });

  it("a censored input the clause reads goes to the whole clause", () => {
    const clause = compare(value("serumAlbumin"), ">=", 30, "g/L");
    const input = quantities("current", "serumAlbumin", 20, "g/L", "<");
    expect(run(clause, input, 20, 0)).toEqual({ category: "NR", exact: 0, whole: 1 });
    expect(run(clause, input, 20, 2)).toEqual({ category: "indeterminate", exact: 0, whole: 1 });
  });
  it("a censored baseline: a change reads it, a current value does not", () => {
    const input = {
      baseline: { serumAlbumin: { value: 20, unit: "g/L", censor: "<" } },
      current: { serumAlbumin: { value: 40, unit: "g/L" } },
    };
    const current = compare(value("serumAlbumin"), ">=", 30, "g/L");
    expect(run(current, input, 40, 2)).toEqual({ category: "CR", exact: 0, whole: 0 });
    const rise = compare(change("percentIncrease", "serumAlbumin"), ">=", 50, "%");
    expect(run(rise, input, 100, 1)).toEqual({ category: "CR", exact: 0, whole: 1 });
  });
});

describe("values that round onto a threshold (generated code = interpreter)", () => {
  it("a fall of 49.999999996 % is a fall of 50 % (relative changes keep 10 significant digits)", () => {
    // 1 → 0.50000000004 g/day: (1 − 0.50000000004) / 1 = 49.999999996 %, which is 50.00000000 %
    // at 10 significant digits: "a decrease of at least 50 %" is met.
    const c = definition(compare(change("percentDecrease", "proteinuria24h"), ">=", 50, "%"));
    const input = {
      baseline: { proteinuria: { value: 1, unit: "g/24h" } },
      current: { proteinuria: { value: 0.50000000004, unit: "g/24h" } },
    };
    expect(categories(c, input)).toEqual(same("CR"));
  });
  it("0.8 mg/dL → 70.72 µmol/L is no change at all (0.8 × 88.4 = 70.72), not a tiny one", () => {
    // In floating point 0.8 × 88.4 = 70.72000000000001; the converted value keeps 12
    // significant digits (70.72), so "any change (> 0 %)" is not met.
    expect(0.8 * 88.4).not.toBe(70.72);
    const c = definition(compare(change("absPercentChange", "serumCreatinine"), ">", 0, "%"));
    const input = {
      baseline: { serumCreatinine: { value: 0.8, unit: "mg/dL" } },
      current: { serumCreatinine: { value: 70.72, unit: "umol/L" } },
    };
    expect(categories(c, input)).toEqual(same("NR"));
  });

  // Near every threshold (after conversion), at relative distances from 1e-14 to 1e-5: the
  // generated code and the closures give the interpreter's category.
  const offsets = [
    0, 1e-14, 1e-13, 5e-13, 1e-12, 4e-12, 1e-11, 4e-11, 1e-10, 4e-10, 1e-9, 4e-9, 1e-8, 5e-8, 1e-7,
    2e-7, 1e-6, 1e-5,
  ];
  const near = (x: number) => offsets.flatMap((d) => (d === 0 ? [x] : [x * (1 + d), x * (1 - d)]));
  const clauses: [string, Node, (x: number) => unknown][] = [];
  for (const cmp of ["<", "<=", ">", ">="]) {
    clauses.push(
      [
        `creatinine ${cmp} 1.2 mg/dL, read in µmol/L`,
        compare(value("serumCreatinine"), cmp, 1.2, "mg/dL"),
        (x) => ({ current: { serumCreatinine: { value: x * 88.4, unit: "umol/L" } } }),
      ],
      [
        `albumin ${cmp} 3 g/dL, read in g/L`,
        compare(value("serumAlbumin"), cmp, 3, "g/dL"),
        (x) => ({ current: { serumAlbumin: { value: x * 10, unit: "g/L" } } }),
      ],
      [
        `24-h protein ${cmp} 3000 mg/day, read in g/day`,
        compare(value("proteinuria24h"), cmp, 3000, "mg/24h"),
        (x) => ({ current: { proteinuria: { value: x / 1000, unit: "g/24h" } } }),
      ],
      [
        `creatinine ${cmp} 150000 µmol/L, read in mg/dL (a large threshold)`,
        compare(value("serumCreatinine"), cmp, 150000, "umol/L"),
        (x) => ({ current: { serumCreatinine: { value: x / 88.4, unit: "mg/dL" } } }),
      ],
      [
        `fall in 24-h protein ${cmp} 50 %`,
        compare(change("percentDecrease", "proteinuria24h"), cmp, 50, "%"),
        (x) => ({
          baseline: { proteinuria: { value: 3, unit: "g/24h" } },
          current: { proteinuria: { value: 3 - (3 * x) / 100, unit: "g/24h" } },
        }),
      ],
      [
        `rise in creatinine ${cmp} 2500 % (a large threshold), mg/dL → µmol/L`,
        compare(change("percentIncrease", "serumCreatinine"), cmp, 2500, "%"),
        (x) => ({
          baseline: { serumCreatinine: { value: 0.7, unit: "mg/dL" } },
          current: { serumCreatinine: { value: 0.7 * 88.4 * (1 + x / 100), unit: "umol/L" } },
        }),
      ],
      [
        `change in creatinine ${cmp} 0 %, mg/dL → µmol/L`,
        compare(change("absPercentChange", "serumCreatinine"), cmp, 0, "%"),
        (x) => ({
          baseline: { serumCreatinine: { value: 0.8, unit: "mg/dL" } },
          current: { serumCreatinine: { value: 70.72 * (1 + x / 100), unit: "umol/L" } },
        }),
      ],
      [
        `UPCR as % of baseline ${cmp} 75 %, mg/mmol → g/g`,
        compare(change("percentOfBaseline", "upcr"), cmp, 75, "%"),
        (x) => ({
          baseline: { proteinuria: { value: 1, unit: "g/g" } },
          current: { proteinuria: { value: (113.12 * x) / 100, unit: "mg/mmol" } },
        }),
      ],
    );
  }
  it.each(clauses)("%s", (_n, clause, inputAt) => {
    const c = definition(clause);
    const thr = (clause.right as { value: number }).value;
    const xs = thr === 0 ? [0, 1e-14, 1e-12, 1e-10, 1e-8, 1e-6, -1e-12, -1e-8] : near(thr);
    for (const x of xs) {
      const input = inputAt(x);
      const r = categories(c, input);
      expect({ x, ...r }).toEqual({ x, ...same(r.interpreter) });
    }
  });
});

describe("two UPCR conversions in one object", () => {
  // 50 mg/mmol is 0.442 g/g at the creatinine molar mass (113.12 mg/mmol) and 0.5 g/g at the
  // printed 100 mg/mmol: below 0.47 g/g under 'exact', not under 'printed'.
  const exact = compare(value("upcr"), "<", 0.47, "g/g", { upcrConversion: "exact" });
  const printed = compare(value("upcr"), "<", 0.47, "g/g", { upcrConversion: "printed" });
  const not = (of: Node) => ({ op: "not", id: `n${ids++}`, label: "not", of });
  const both = (a: Node, b: Node) => ({ op: "all", id: `a${ids++}`, label: "both", of: [a, b] });
  const input = { current: { proteinuria: { value: 50, unit: "mg/mmol" } } };
  it("each clause reads the value under its own conversion (exact first)", () => {
    expect(categories(definition(both(exact, not(printed))), input)).toEqual(same("CR"));
  });
  it("each clause reads the value under its own conversion (printed first)", () => {
    expect(categories(definition(both(not(printed), exact)), input)).toEqual(same("CR"));
  });
});

describe("one reading per quantity", () => {
  it("three clauses on the current 24-h protein read it once", () => {
    const clause = (t: number) => compare(value("proteinuria24h"), "<", t, "g/24h");
    const expr = { op: "any", id: "any", label: "any", of: [clause(0.5), clause(1), clause(3)] };
    const fn = generateCategory(
      [{ name: "CR", expr: expr as never }],
      () => ({ exact: () => 0, whole: () => 2 as const }),
      () => () => 2 as const,
      {},
    );
    expect(fn.toString().match(/\blet r\d+;/g)).toHaveLength(1);
    expect(fn({ current: { proteinuria: { value: 2, unit: "g/24h" } } } as never)).toBe("CR");
  });
});

describe("units the schema refuses read as the closures read them (unvalidated input)", () => {
  // compile().category does not validate; the generated code's unit checks are the closures':
  // a unit of another kind, or an unknown spelling, is an unusable value (unknown), never a
  // number read in the wrong unit, with or without proteinuria substitution.
  const protein = compare(value("proteinuria24h"), "<", 0.5, "g/24h");
  const albumin = compare(value("serumAlbumin"), ">=", 30, "g/L");
  it.each([
    [
      "24-h protein in an unknown unit",
      { current: { proteinuria: { value: 0.3, unit: "g/week" } } },
      protein,
    ],
    [
      "24-h protein in an albumin unit",
      { current: { proteinuria: { value: 0.3, unit: "g/L" } } },
      protein,
    ],
    [
      "albumin in a 24-h protein unit",
      { current: { serumAlbumin: { value: 35, unit: "g/24h" } } },
      albumin,
    ],
    ["albumin in a UPCR unit", { current: { serumAlbumin: { value: 35, unit: "g/g" } } }, albumin],
  ])("%s: unknown", (_n, input, clause) => {
    const c = definition(clause);
    for (const sub of [false, true]) {
      const options = { allowProteinuriaSubstitution: sub };
      expect(compile(c, { ...options, codegen: true }).category(input as never)).toBe(
        "indeterminate",
      );
      expect(compile(c, { ...options, codegen: false }).category(input as never)).toBe(
        "indeterminate",
      );
    }
  });
});
