// Reading selection and placeholder resolution as every backend receives them
// (src/ir/readings.ts, src/ir/resolve.ts): bindings of the wrong type refused with their
// message, the UPCR conversion stamped on proteinuria clauses only (and what it changes),
// the combinations of readings, and the refusals of an unknown parameter, a bad conversion
// and a missing object.
import { describe, expect, it } from "vitest";
import { classifyResponse } from "../../src/api/classify.js";
import { criteria } from "../../src/criteria/index.js";
import { compile } from "../../src/evaluate/compile.js";
import { CriteriaError } from "../../src/ir/errors.js";
import type { Expr } from "../../src/ir/expr.js";
import {
  allInterpretations,
  bindingsOf,
  fullInterpretation,
  withOptions,
} from "../../src/ir/readings.js";
import { resolveExpr, UPCR_CONVERSION_BINDING } from "../../src/ir/resolve.js";
import type { ResponseCriteria } from "../../src/ir/types.js";

const source = { section: "resolve test" };
const clause = (measure: string, cmp: unknown, right: unknown): Expr =>
  ({
    op: "compare",
    id: "up",
    label: "a clause",
    left: { kind: "value", measure, at: "current" },
    cmp,
    right,
    source,
  }) as Expr;
const below = (measure: string, value: number, unit: string) =>
  clause(measure, "<", { value, unit });

describe("resolveExpr: a binding of the wrong type is refused", () => {
  const operator = "Criteria error: clause 'up' needs an operator binding";
  const quantity = "Criteria error: clause 'up' needs a quantity binding";
  it.each([
    [
      "'==' for an operator",
      clause("proteinuria24h", { bind: "c" }, { value: 1, unit: "g/24h" }),
      { c: "==" },
      operator,
    ],
    [
      "'=<' written in the clause",
      clause("proteinuria24h", "=<", { value: 1, unit: "g/24h" }),
      {},
      operator,
    ],
    ["null for a threshold", clause("proteinuria24h", "<", { bind: "t" }), { t: null }, quantity],
    ["a threshold that is null in the clause", clause("proteinuria24h", "<", null), {}, quantity],
    [
      "a number without a unit",
      clause("proteinuria24h", "<", { bind: "t" }),
      { t: { value: 0.5 } },
      quantity,
    ],
    [
      "a unit without a number",
      clause("proteinuria24h", "<", { bind: "t" }),
      { t: { unit: "g/24h" } },
      quantity,
    ],
    [
      "a clause for a threshold",
      clause("proteinuria24h", "<", { bind: "t" }),
      { t: { op: "ref", to: "CR" } },
      quantity,
    ],
    [
      "a list for a threshold",
      clause("proteinuria24h", "<", { bind: "t" }),
      { t: ["0.5", "g/24h"] },
      quantity,
    ],
  ])("%s", (_name, e, bindings, message) => {
    expect(() => resolveExpr(e, bindings as never)).toThrow(
      new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`),
    );
  });
  it("a clause of a kind it does not know is refused, not passed on as undefined", () => {
    expect(() => resolveExpr({ op: "xor", id: "x", label: "x" } as never, {})).toThrow(
      "Criteria error: unknown clause kind",
    );
  });
  it("a quantity binding is used as the threshold", () => {
    const e = clause("proteinuria24h", { bind: "c" }, { bind: "t" });
    expect(resolveExpr(e, { c: "<=", t: { value: 0.7, unit: "g/24h" } })).toStrictEqual({
      ...e,
      cmp: "<=",
      right: { value: 0.7, unit: "g/24h" },
    });
  });
});

describe("resolveExpr: the UPCR conversion reading is stamped on proteinuria clauses only", () => {
  const printed = { [UPCR_CONVERSION_BINDING]: "printed" } as const;
  it.each([
    ["24-h protein", below("proteinuria24h", 0.5, "g/24h")],
    ["UPCR", below("upcr", 0.5, "g/g")],
  ])("%s: stamped", (_n, e) => {
    expect(resolveExpr(e, printed)).toStrictEqual({ ...e, upcrConversion: "printed" });
  });
  it.each([
    ["serum creatinine", below("serumCreatinine", 100, "umol/L")],
    ["serum albumin", below("serumAlbumin", 30, "g/L")],
  ])("%s: not stamped", (_n, e) => {
    expect(resolveExpr(e, printed)).toStrictEqual(e);
  });
  it("without a conversion reading nothing is stamped (no key, not even undefined)", () => {
    const e = below("upcr", 0.5, "g/g");
    const r = resolveExpr(e, {});
    expect(r).toStrictEqual(e);
    expect(Object.hasOwn(r, "upcrConversion")).toBe(false);
  });

  // What the stamp changes: a 24-h protein definition reading a UPCR (substitution allowed).
  // 55 mg/mmol is 0.55 g/g at the printed 100 mg/mmol per g/g and 0.486 g/g at the creatinine
  // molar mass (55 / 113.12): "< 0.5 g/day" is met only under 'exact'.
  const { schedule: _s, conversions: _c, ...base } = criteria.zhang2023;
  const definition = (upcr: "exact" | "printed"): ResponseCriteria =>
    ({
      ...base,
      id: "resolveProbe",
      version: "1.0.0",
      parameters: {},
      gaps: [],
      conversions: { upcr },
      categories: [
        { name: "CR", label: "complete", source, expr: below("proteinuria24h", 0.5, "g/24h") },
        { name: "PR", label: "partial", source, expr: below("proteinuria24h", 0.5, "g/24h") },
      ],
      endpoints: [],
    }) as unknown as ResponseCriteria;
  const input = { current: { proteinuria: { value: 55, unit: "mg/mmol" } } };
  it.each([
    ["exact", "CR"],
    ["printed", "NR"],
  ] as const)(
    "a 24-h protein clause on 55 mg/mmol under '%s': %s in every backend",
    (upcr, category) => {
      const c = definition(upcr);
      const options = { allowProteinuriaSubstitution: true };
      expect([
        classifyResponse(c, input, options).category,
        compile(c, { ...options, codegen: false }).category(input),
        compile(c, { ...options, codegen: true }).category(input),
      ]).toEqual([category, category, category]);
    },
  );
});

describe("readings", () => {
  it("allInterpretations: every combination once, the defaults first", () => {
    const all = allInterpretations(criteria.zhang2023);
    expect(all).toHaveLength(8);
    expect(new Set(all.map((c) => JSON.stringify(c))).size).toBe(8);
    expect(all[0]).toEqual(fullInterpretation(criteria.zhang2023));
  });
  it("allInterpretations of an object without parameters: the one empty choice", () => {
    expect(allInterpretations({ parameters: {} })).toEqual([{}]);
  });
  it("fullInterpretation names the parameters there are, or 'none'", () => {
    expect(() => fullInterpretation({ id: "bare", parameters: {} }, { cutoff: "0.5" })).toThrow(
      /^bare has no interpretation parameter 'cutoff'; it has: none$/,
    );
    expect(() => fullInterpretation(criteria.zhang2023, { cutoff: "0.5" } as never)).toThrow(
      /^zhang2023 has no interpretation parameter 'cutoff'; it has: crProteinuriaCutoff, creatinineBand, nephroticBaseline$/,
    );
  });
  it.each([
    ["a literal that is not a reading", { upcr: "approximate" }, {}],
    ["a placeholder bound to something else", { upcr: { bind: "conv" } }, { conv: "about 100" }],
    ["a placeholder bound to nothing", { upcr: { bind: "conv" } }, {}],
  ])("bindingsOf refuses a UPCR conversion that is %s", (_n, conversions, bound) => {
    const parameters = {
      p: {
        description: "d",
        source,
        default: "a",
        readings: { a: { label: "a", rationale: "r", bindings: bound } },
      },
    };
    expect(() => bindingsOf({ parameters, conversions } as never, { p: "a" })).toThrow(
      /^Criteria error: bad UPCR conversion$/,
    );
  });
  it("bindingsOf binds nothing for a reading the parameter does not have (fullInterpretation refuses it first)", () => {
    const parameters = {
      p: {
        description: "d",
        source,
        default: "a",
        readings: {
          a: { label: "a", rationale: "r", bindings: { t: { value: 1, unit: "g/24h" } } },
        },
      },
    };
    expect(bindingsOf({ parameters } as never, { p: "b" })).toEqual({});
    expect(bindingsOf({ parameters } as never, {})).toEqual({ t: { value: 1, unit: "g/24h" } });
  });
  it("bindingsOf passes an accepted UPCR conversion under the reserved name", () => {
    expect(bindingsOf({ parameters: {}, conversions: { upcr: "exact" } }, {})).toEqual({
      [UPCR_CONVERSION_BINDING]: "exact",
    });
  });
  it.each([null, undefined, 42])("withOptions of %s: a CriteriaError", (x) => {
    let thrown: unknown;
    try {
      withOptions(x as never, { interpretation: {} });
    } catch (e) {
      thrown = e;
    }
    expect(CriteriaError.isCriteriaError(thrown)).toBe(true);
  });
});

describe("withOptions: the variant's id names the readings that differ from the defaults", () => {
  const z = criteria.zhang2023;
  it("lists only the parameters whose reading changed", () => {
    // zhang2023's defaults: crProteinuriaCutoff 0.5, creatinineBand stable-or-improved,
    // nephroticBaseline '>3.5' (the object's parameters); one changed reading, one name.
    const v = withOptions(z, { interpretation: { crProteinuriaCutoff: "0.7" } });
    expect(v.id).toBe("zhang2023+crProteinuriaCutoff=0.7");
    // Choosing a default is no change: the object itself comes back.
    expect(withOptions(z, { interpretation: { crProteinuriaCutoff: "0.5" } })).toBe(z);
  });

  it("names them in alphabetical order, whatever order they were chosen in", () => {
    const ab = withOptions(withOptions(z, { interpretation: { nephroticBaseline: ">=3.5" } }), {
      interpretation: { crProteinuriaCutoff: "0.7" },
    });
    const ba = withOptions(withOptions(z, { interpretation: { crProteinuriaCutoff: "0.7" } }), {
      interpretation: { nephroticBaseline: ">=3.5" },
    });
    expect(ab.id).toBe("zhang2023+crProteinuriaCutoff=0.7+nephroticBaseline=>=3.5");
    expect(ba.id).toBe(ab.id);
    expect(ab.derivedFrom).toBe(`zhang2023@${z.version}`);
  });
});
