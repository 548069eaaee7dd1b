// The CLI's CSV cell writer (csvText) quotes and guards exactly as csvField, which it stands in for
// on the rows path without running a regular expression over each sentence.
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { csvText } from "../../src/cli/output.js";
import { csvField } from "../../src/io/csv-text.js";

const SPACES = [..."\t\n\v\f\r \u00a0\u1680\u2000\u2005\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"];
const PIECES = [
  '"',
  ",",
  "\r",
  "\n",
  "=",
  "+",
  "-",
  "@",
  "1",
  "1.5e3",
  ".",
  "a",
  "é",
  "x y",
  ...SPACES,
];

describe("csvText is csvField for strings", () => {
  it("on the cells that need care", () => {
    const cells = [
      "",
      "plain",
      "a,b",
      'say "x"',
      " lead",
      "trail ",
      "\u00a0nbsp",
      "nbsp\u3000",
      "\u200b",
      "=1+1",
      "-2",
      "+0.5",
      "-x",
      "@sum",
      "\tTAB",
      "\rCR",
      "line\nbreak",
      "not PR: 24-h urine protein 3.74 g/24h is not below 3 g/24h: not met (Zhang 2023, §2.4).",
    ];
    for (const c of cells) {
      expect(csvText(c, true), c).toBe(csvField(c, true));
      expect(csvText(c, false), c).toBe(csvField(c, false));
    }
  });
  test.prop([
    fc.array(fc.constantFrom(...PIECES), { maxLength: 8 }).map((a) => a.join("")),
    fc.boolean(),
  ])(
    "on strings made of quotes, separators, formula starts and every kind of white space",
    (s, guard) => {
      expect(csvText(s, guard)).toBe(csvField(s, guard));
    },
  );
  test.prop([fc.string({ unit: "grapheme-composite" }), fc.boolean()])(
    "on any string",
    (s, guard) => {
      expect(csvText(s, guard)).toBe(csvField(s, guard));
    },
  );
});
