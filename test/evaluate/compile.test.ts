// Differential test: the compiled path must agree with the interpreter on every input.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateCategory } from "../../src/evaluate/codegen.js";
import { allInterpretations, classifyResponse, compile, criteria } from "../../src/index.js";
import { denseResponseInput, propertyRuns, responseInput } from "../support/generators.js";

const cases = Object.values(criteria).flatMap((c) =>
  allInterpretations(c).map(
    (interpretation) => [c.id, JSON.stringify(interpretation), c, interpretation] as const,
  ),
);

// Each object is compiled inside its test (not while the tests are collected), so that a change
// to the compiler is attributed to these tests (mutation testing runs only the tests that cover it).
describe("compiled = interpreted", () => {
  it.each(cases)(
    "%s %s: category, end points, robustness",
    (_id, _reading, c, interpretation) => {
      const compiled = compile(c, { interpretation, robustness: true });
      const substituting = compile(c, { interpretation, allowProteinuriaSubstitution: true });
      fc.assert(
        fc.property(fc.oneof(responseInput, denseResponseInput), fc.boolean(), (i, sub) => {
          const a = classifyResponse(c, i, { interpretation, allowProteinuriaSubstitution: sub });
          const b = sub ? substituting.classify(i) : compiled.classify(i);
          expect(b.category).toBe(a.category);
          expect(b.endpoints).toEqual(a.endpoints);
          if (!sub) expect(b.robust).toBe(a.robust);
        }),
        { numRuns: propertyRuns(400) },
      );
    },
    60_000,
  );
});

describe("compile", () => {
  it("classifies without validation or explanation", () => {
    const k = compile(criteria.kang2020);
    expect(
      k.category({
        patient: { sex: "F" },
        baseline: {
          proteinuria: { value: 4.92, unit: "g/24h" },
          serumCreatinine: { value: 63, unit: "umol/L" },
        },
        current: {
          proteinuria: { value: 0.47, unit: "g/24h" },
          serumCreatinine: { value: 63, unit: "umol/L" },
          serumAlbumin: { value: 35, unit: "g/L" },
        },
      }),
    ).toBe("PR");
    expect(k.interpretation).toEqual({
      prProteinuriaBounds: "inclusive",
      creatinineReference: "mayo-clinic",
      sedimentCutoff: "acr2012",
    });
  });
});

describe("code generation cannot be reached by a hostile clause", () => {
  // generateCategory called directly, bypassing compile()'s validation: every value
  // that would be spliced into the generated source is checked or looked up in a table.
  const unresolved = () => {
    throw new Error("not reached");
  };
  const base = (): Record<string, unknown> => ({
    op: "compare",
    id: "c",
    label: "c",
    left: { kind: "value", measure: "serumAlbumin", at: "current" },
    cmp: ">",
    right: { value: 30, unit: "g/L" },
    source: { section: "s" },
  });
  const input = { current: { serumAlbumin: { value: 35, unit: "g/L" } } };
  const hostile: [string, (e: Record<string, unknown>) => void][] = [
    [
      "a threshold that is code",
      (e) => {
        e.right = { value: "0.5 ? (globalThis.X = 1, 1) : 1", unit: "g/L" };
      },
    ],
    [
      "a threshold that is NaN",
      (e) => {
        e.right = { value: Number.NaN, unit: "g/L" };
      },
    ],
    [
      "a threshold that is Infinity",
      (e) => {
        e.right = { value: Number.POSITIVE_INFINITY, unit: "g/L" };
      },
    ],
    [
      "a comparator that is code",
      (e) => {
        e.cmp = "> 0 || (globalThis.X = 1) ||";
      },
    ],
    [
      "a measure that is code",
      (e) => {
        e.left = { kind: "value", measure: "x; globalThis.X=1", at: "current" };
      },
    ],
    [
      "a measure inherited from Object.prototype",
      (e) => {
        e.left = { kind: "value", measure: "constructor", at: "current" };
      },
    ],
    [
      "an `at` that is code",
      (e) => {
        e.left = { kind: "value", measure: "serumAlbumin", at: "current; globalThis.X=1; s" };
      },
    ],
    [
      "a unit that is unknown",
      (e) => {
        e.right = { value: 30, unit: "g/L; globalThis.X=1" };
      },
    ],
    [
      "a right operand that is a string",
      (e) => {
        e.right = "globalThis.X = 1";
      },
    ],
    [
      "an unknown node kind",
      (e) => {
        e.op = "globalThis.X = 1";
      },
    ],
    [
      "a UPCR conversion that is code",
      (e) => {
        e.upcrConversion = "exact; globalThis.X=1";
      },
    ],
    [
      "a threshold left as a placeholder",
      (e) => {
        e.right = { bind: "threshold" };
      },
    ],
    [
      "a comparator left as a placeholder",
      (e) => {
        e.cmp = { bind: "cmp" };
      },
    ],
    [
      "a placeholder node",
      (e) => {
        for (const k of Object.keys(e)) delete e[k];
        Object.assign(e, { op: "bind", name: "clause" });
      },
    ],
    [
      "a reference to a definition that does not exist",
      (e) => {
        for (const k of Object.keys(e)) delete e[k];
        Object.assign(e, { op: "ref", to: "PR" });
      },
    ],
  ];
  it.each(hostile)("%s: throws instead of generating", (_name, mutate) => {
    delete (globalThis as Record<string, unknown>).X;
    const e = base();
    mutate(e);
    let fn: ((s: never) => unknown) | undefined;
    expect(() => {
      fn = generateCategory(
        [{ name: "CR", expr: e as never }],
        () => ({ exact: () => 0, whole: () => 2 as const }),
        unresolved,
        {},
      ) as never;
    }).toThrow(/Criteria error/);
    expect(fn).toBeUndefined();
    expect((globalThis as Record<string, unknown>).X).toBeUndefined();
  });
  it("a category name that is code is refused", () => {
    expect(() =>
      generateCategory(
        [{ name: 'CR"; globalThis.X = 1; "' as never, expr: base() as never }],
        () => ({ exact: () => 0, whole: () => 2 as const }),
        unresolved,
        {},
      ),
    ).toThrow(/Criteria error/);
    expect((globalThis as Record<string, unknown>).X).toBeUndefined();
  });
  it("the same clause, valid, generates a working function (the control)", () => {
    const fn = generateCategory(
      [{ name: "CR", expr: base() as never }],
      () => ({ exact: () => 35, whole: () => 2 as const }),
      unresolved,
      {},
    );
    expect(fn(input as never)).toBe("CR");
    expect(fn({ current: { serumAlbumin: { value: 25, unit: "g/L" } } } as never)).toBe("NR");
  });
  it("compile() in both modes agrees with the interpreter on a validated object", () => {
    const p = {
      patient: { sex: "F" as const },
      baseline: {
        proteinuria: { value: 4.92, unit: "g/24h" },
        serumCreatinine: { value: 63, unit: "umol/L" },
      },
      current: {
        proteinuria: { value: 0.47, unit: "g/24h" },
        serumCreatinine: { value: 63, unit: "umol/L" },
        serumAlbumin: { value: 35, unit: "g/L" },
      },
    };
    expect(compile(criteria.kang2020, { codegen: false }).category(p)).toBe("PR");
    expect(compile(criteria.kang2020, { codegen: true }).category(p)).toBe("PR");
    expect(classifyResponse(criteria.kang2020, p).category).toBe("PR");
  });
});
