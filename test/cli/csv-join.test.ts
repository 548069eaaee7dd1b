// Bounded work in the CSV reader: an unclosed quote makes the reader try to close it on the
// following lines (at most MAX_SPAN). The joined text is handed to csv-parse only when its quote
// count is even (before, after every line: up to 99 parses of a text growing to 1 MiB per
// unclosed quote). Structural check: the number of csv-parse calls, not a time.
import { Readable } from "node:stream";
import { describe, expect, it, vi } from "vitest";

const calls = vi.hoisted(() => ({ n: 0 }));
vi.mock("csv-parse/sync", async (importOriginal) => {
  const real = await importOriginal<typeof import("csv-parse/sync")>();
  return {
    ...real,
    parse: (...args: Parameters<typeof real.parse>) => {
      calls.n += 1;
      return real.parse(...args);
    },
  };
});

const { readCsv, MAX_SPAN } = await import("../../src/cli/csv.js");

async function read(text: string) {
  const csv = await readCsv(Readable.from([text]));
  const out = [];
  for await (const r of csv.records) out.push(r);
  return out;
}

describe("joining lines to close a quoted field", () => {
  it("an unclosed quote followed by many plain lines costs one csv-parse call, not one per line", async () => {
    const plain = Array.from({ length: MAX_SPAN + 20 }, (_, i) => `x${i}`); // 1 field: not a record of width 2
    calls.n = 0;
    const records = await read(["a,b", `1,"open ${"z".repeat(1000)}`, ...plain].join("\n"));
    expect(records[0]?.error).toContain("unbalanced quote");
    expect(records).toHaveLength(1 + plain.length); // the bad line, then every plain line as its own record
    expect(calls.n).toBeLessThanOrEqual(2);
  });

  it("a quoted field spanning lines is still read as one record", async () => {
    const records = await read(["a,b", '1,"two', "plain", 'lines"', "2,3"].join("\n"));
    expect(records.map((r) => r.fields)).toEqual([
      ["1", "two\nplain\nlines"],
      ["2", "3"],
    ]);
    expect(records[0]?.endLine).toBe(4);
  });
});
