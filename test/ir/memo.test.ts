import { describe, expect, it } from "vitest";
import { compileCached } from "../../src/evaluate/compile.js";
import { criteria } from "../../src/index.js";
import { perObject, readingsKey } from "../../src/ir/memo.js";

describe("readingsKey", () => {
  it("does not depend on the order the readings were listed in", () => {
    expect(readingsKey({ nephroticBaseline: ">3.5", crProteinuriaCutoff: "0.5" }, false)).toBe(
      "crProteinuriaCutoff=0.5&nephroticBaseline=>3.5|false",
    );
    expect(readingsKey({ crProteinuriaCutoff: "0.5", nephroticBaseline: ">3.5" }, false)).toBe(
      readingsKey({ nephroticBaseline: ">3.5", crProteinuriaCutoff: "0.5" }, false),
    );
  });

  it("tells substitution on from off", () => {
    expect(readingsKey({ a: "1" }, true)).not.toBe(readingsKey({ a: "1" }, false));
  });
});

describe("perObject", () => {
  it("makes a value once per object and key", () => {
    const memo = perObject<object, { n: number }>();
    let made = 0;
    const make = () => ({ n: ++made });
    const a = {};
    const b = {};
    const first = memo(a, "k", make);
    expect(memo(a, "k", make)).toBe(first);
    expect(memo(a, "other", make)).toEqual({ n: 2 });
    expect(memo(b, "k", make)).toEqual({ n: 3 });
    expect(made).toBe(3);
  });
});

describe("the caches that use it", () => {
  it("give one compiled form per object and choice of readings, whatever order the choice is in", () => {
    const c = criteria.zhang2023;
    const x = compileCached(c, {
      interpretation: { crProteinuriaCutoff: "0.7", nephroticBaseline: ">=3.5" },
    });
    const y = compileCached(c, {
      interpretation: { nephroticBaseline: ">=3.5", crProteinuriaCutoff: "0.7" },
    });
    expect(y).toBe(x);
    // The default readings spelt out are the same choice as no choice.
    expect(compileCached(c, { interpretation: { crProteinuriaCutoff: "0.5" } })).toBe(
      compileCached(c),
    );
    expect(compileCached(c, { allowProteinuriaSubstitution: true })).not.toBe(compileCached(c));
  });
});
