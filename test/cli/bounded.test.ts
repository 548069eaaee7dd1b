// Bounded work (issue 13, item 6): header parsing and --timepoints parsing are linear in their
// input; the new hand-written parsers agree with the regular expressions they replace. The scaling
// checks compare CPU time at n and 10n with a generous bound (linear: about 10x; the quadratic
// code was about 100x and took minutes at these sizes), the minimum of several runs each.
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/cli/io.js";
import { identityEntries, resolveMapping, splitUnitSuffix } from "../../src/cli/mapping.js";
import { parseTimepoints } from "../../src/cli/registry.js";

/** The expressions the parsers replaced (quadratic backtracking on `[a[a[a…` and `a    b`). */
const OLD_BRACKET = /^(.*?)\s*\[([^\]]+)\]\s*$/;
const OLD_TIMEPOINT = /^(?:(.+?)\s*=\s*)?(\d+)\s*(?::\s*(\d+))?$/;

function cpuMs(f: () => void): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) {
    const t0 = process.cpuUsage();
    f();
    const t = process.cpuUsage(t0);
    best = Math.min(best, (t.user + t.system) / 1000);
  }
  return Math.max(best, 1); // clock resolution: a run under 1 ms counts as 1 ms
}

/** CPU time at 10n over time at n: about 10 for linear work, about 100 for quadratic. */
function growth(run: (n: number) => void, n: number): number {
  run(n); // warm up
  return cpuMs(() => run(10 * n)) / cpuMs(() => run(n));
}

const header = (n: number, cell: (i: number) => string) =>
  Array.from({ length: n }, (_, i) => cell(i));

function mapHeader(h: readonly string[]): string {
  try {
    resolveMapping(
      identityEntries(h, () => {}),
      h,
    );
    return "ok";
  } catch (e) {
    if (e instanceof UsageError) return e.message;
    throw e;
  }
}

describe("header parsing is linear in the number of columns", () => {
  it("100k duplicate names, empty names and '[a' names (each was quadratic)", () => {
    for (const cell of [() => "id", () => "", () => "[a"]) {
      const g = growth((n) => mapHeader(header(n, cell)), 10_000);
      expect(g, `cell '${cell()}'`).toBeLessThan(40);
    }
  });

  it("a 200 KB header cell '[a[a[a…' is split in linear time", () => {
    const g = growth((n) => splitUnitSuffix("[a".repeat(n)), 20_000);
    expect(g).toBeLessThan(40);
  });

  it("a duplicated mapped column is reported once, with its count; the header list is cut short", () => {
    const msg = mapHeader(header(100_000, () => "id"));
    expect(msg).toContain("column 'id' (id) appears 100000 times in the header");
    expect(msg.split("appears").length).toBe(2);
    expect(msg).toContain("… (100000 columns)");
    expect(msg.length).toBeLessThan(2_000);
  });

  test.prop(
    [fc.string({ unit: fc.constantFrom(" ", "[", "]", "a", ".", "\n", "\t"), maxLength: 14 })],
    {
      numRuns: 3_000,
    },
  )("splitUnitSuffix agrees with the regular expression it replaces", (h) => {
    const m = OLD_BRACKET.exec(h);
    expect(splitUnitSuffix(h)).toEqual(m ? { name: m[1], unit: m[2] } : { name: h });
  });

  it("splitUnitSuffix reads the usual header forms", () => {
    expect(splitUnitSuffix("current.proteinuria [g/24h]")).toEqual({
      name: "current.proteinuria",
      unit: "g/24h",
    });
    expect(splitUnitSuffix("current.proteinuria")).toEqual({ name: "current.proteinuria" });
    expect(splitUnitSuffix("x []")).toEqual({ name: "x []" });
  });
});

describe("--timepoints parsing is linear", () => {
  const old = (item: string) => {
    const m = OLD_TIMEPOINT.exec(item);
    if (!m?.[2]) return "error";
    const day = Number(m[2]);
    return { label: m[1] ?? `day ${day}`, day, windowDays: m[3] === undefined ? 28 : Number(m[3]) };
  };
  const now = (item: string) => {
    try {
      return parseTimepoints(item)?.[0];
    } catch (e) {
      if (e instanceof UsageError) return "error";
      throw e;
    }
  };

  test.prop(
    [fc.string({ unit: fc.constantFrom(" ", "=", ":", "1", "2", "a", "\t", "\n"), maxLength: 12 })],
    {
      numRuns: 3_000,
    },
  )("agrees with the regular expression it replaced", (s) => {
    const item = s.trim();
    fc.pre(item !== "" && !item.includes(","));
    expect(now(item)).toEqual(old(item));
  });

  it("a long item ('a' + blanks + 'b', which backtracked quadratically) fails fast", () => {
    const g = growth((n) => now(`a${" ".repeat(n)}b`), 20_000);
    expect(g).toBeLessThan(40);
    expect(now(`a${" ".repeat(200_000)}b`)).toBe("error");
  });

  it("many items parse in linear time; days beyond 2^53 are an error", () => {
    const spec = (n: number) => Array.from({ length: n }, (_, i) => `t${i}=${i}:7`).join(",");
    const g = growth((n) => parseTimepoints(spec(n)), 5_000);
    expect(g).toBeLessThan(40);
    expect(() => parseTimepoints("99999999999999999999")).toThrow(/too large/);
  });
});
