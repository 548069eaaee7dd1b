import { describe, expect, it } from "vitest";
import type { Truth } from "../../src/index.js";
import { and3, if3, not3, or3 } from "../../src/ir/kleene.js";

const M: Truth = "met";
const N: Truth = "not-met";
const U: Truth = "unknown";

describe("Kleene strong three-valued logic", () => {
  it.each([
    [[M, M], M],
    [[M, N], N],
    [[M, U], U],
    [[N, U], N], // a known false decides a conjunction
    [[U, U], U],
    [[], M],
  ] as const)("and %j = %s", (xs, r) => expect(and3(xs)).toBe(r));
  it.each([
    [[N, N], N],
    [[M, N], M],
    [[M, U], M], // a known true decides a disjunction
    [[N, U], U],
    [[], N],
  ] as const)("or %j = %s", (xs, r) => expect(or3(xs)).toBe(r));
  it("not", () => {
    expect([not3(M), not3(N), not3(U)]).toEqual([N, M, U]);
  });
  it.each([
    [M, M, N, M],
    [N, M, N, N],
    [U, M, M, M], // both branches agree: decided even with an unknown condition
    [U, M, N, U],
    [U, N, N, N],
  ] as const)("if(%s, %s, %s) = %s", (c, a, b, r) => expect(if3(c, a, b)).toBe(r));
});
