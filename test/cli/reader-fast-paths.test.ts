// The rows path's shortcuts give what the long way gives: plain decimals read without the regular
// expression are Number's value, fields trimmed only when they start or end with white space are
// String.prototype.trim's, and isSpace is the \s of regular expressions.
import { Readable } from "node:stream";
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { readCsv } from "../../src/cli/csv.js";
import { plainNumber } from "../../src/cli/mapping.js";
import { isSpace } from "../../src/cli/text.js";

const digits = (min: number, max: number) =>
  fc
    .array(fc.constantFrom(..."0123456789"), { minLength: min, maxLength: max })
    .map((a) => a.join(""));

describe("plainNumber", () => {
  it("reads plain decimals as Number does, and leaves the rest to the long way", () => {
    for (const s of [
      "0",
      "-0",
      "+5",
      "7.95",
      ".5",
      "5.",
      "0.1",
      "0.3",
      "123456789012345",
      "9007199254740.99",
    ]) {
      expect(Object.is(plainNumber(s), Number(s)), s).toBe(true);
    }
    for (const s of [
      "",
      "+",
      "-",
      ".",
      "1e3",
      "1.2.3",
      "1,5",
      " 1",
      "0x10",
      "Infinity",
      "1234567890123456",
      "--1",
    ]) {
      expect(plainNumber(s), s).toBeUndefined();
    }
  });
  test.prop([fc.constantFrom("", "+", "-"), digits(0, 9), fc.boolean(), digits(0, 9)])(
    "equals Number() on any sign, digits, point, digits",
    (sign, int, point, frac) => {
      const s = `${sign}${int}${point ? "." : ""}${point ? frac : ""}`;
      const got = plainNumber(s);
      if (got !== undefined) expect(Object.is(got, Number(s)), s).toBe(true);
      else
        expect(int.length + (point ? frac.length : 0) === 0 || int.length + frac.length > 15).toBe(
          true,
        );
    },
  );
});

describe("isSpace", () => {
  it("is \\s for every UTF-16 code unit", () => {
    for (let c = 0; c <= 0xffff; c++) {
      expect(isSpace(c), c.toString(16)).toBe(/\s/.test(String.fromCharCode(c)));
    }
  });
});

describe("fields of a line without quotes", () => {
  const PAD = ["", " ", "\t", "\u00a0", "\u3000", "\ufeff", "  "];
  test.prop([
    fc.array(
      fc.tuple(
        fc.constantFrom(...PAD),
        fc.constantFrom("", "a", "1.5", "x y", "é"),
        fc.constantFrom(...PAD),
      ),
      { minLength: 1, maxLength: 6 },
    ),
  ])("are trimmed as String.prototype.trim trims", async (cells) => {
    // A first field of its own: a line of white space alone is a blank line, skipped.
    const line = ["r", ...cells.map(([a, b, c]) => `${a}${b}${c}`)].join(";");
    const header = ["r", ...cells.map((_, i) => `c${i}`)].join(";");
    const csv = await readCsv(Readable.from([`${header}\n${line}\n`]), { delimiter: ";" });
    const recs = [];
    for await (const r of csv.records) recs.push(r);
    expect(recs.at(-1)?.fields).toEqual(line.split(";").map((f) => f.trim()));
  });
});
