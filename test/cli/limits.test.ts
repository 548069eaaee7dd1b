// Limits (issue 13, item 6): a CSV record longer than 1 MiB and an NDJSON line longer than
// 16 MiB are errors of their own row (the other rows are read); a patient record with more
// than MAX_VISITS_PER_RECORD visits is an error of that record — never an out-of-memory abort.
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { readWhole, UsageError } from "../../src/cli/io.js";
import {
  boundedLines,
  MAX_CSV_RECORD_BYTES,
  MAX_JSON_FILE_BYTES,
  MAX_NDJSON_LINE_BYTES,
  type RawLine,
} from "../../src/cli/lines.js";
import { MAX_VISITS_PER_RECORD } from "../../src/index.js";
import { cli, rowsOf, SIMPLE_FLAGS, tempFile } from "./helpers.js";

const HEADER = "id,sex,up0,scr0,up,scr,alb";
const GOOD = "F,4.92,63,0.47,63,35";

async function linesOf(chunks: (string | Buffer)[], max = 10): Promise<RawLine[]> {
  const out: RawLine[] = [];
  for await (const l of boundedLines(Readable.from(chunks), max)) out.push(l);
  return out;
}

describe("boundedLines", () => {
  it("splits on LF, CRLF (also across chunks) and CR, removes a BOM, keeps a last line without a break", async () => {
    const l = await linesOf(["\uFEFFa\r", "\nb\rc\n\nd"]);
    expect(l).toEqual([{ text: "a" }, { text: "b" }, { text: "c" }, { text: "" }, { text: "d" }]);
    expect(await linesOf(["a\n"])).toEqual([{ text: "a" }]);
    expect(await linesOf([""])).toEqual([]);
  });

  it("a line over the limit comes out as tooLong with its size, and the next line is read", async () => {
    const l = await linesOf(["ok\n", "x".repeat(7), "y".repeat(7), "\nnext\n"]);
    expect(l).toEqual([{ text: "ok" }, { tooLong: true, bytes: 14 }, { text: "next" }]);
  });

  it("multi-byte characters split between chunks are decoded whole", async () => {
    const bytes = Buffer.from("é€\n", "utf8");
    const l = await linesOf([bytes.subarray(0, 1), bytes.subarray(1, 3), bytes.subarray(3)]);
    expect(l).toEqual([{ text: "é€" }]);
  });
});

describe("line-length limits", () => {
  it(`a CSV line over ${MAX_CSV_RECORD_BYTES} bytes is an error of its row; the rows after it are classified`, async () => {
    const long = `p2,${GOOD},${"x".repeat(MAX_CSV_RECORD_BYTES)}`;
    const path = tempFile(
      "long.csv",
      [`${HEADER},note`, `p1,${GOOD},`, long, `p3,${GOOD},`].join("\n"),
    );
    const r = await cli(["classify", path, ...SIMPLE_FLAGS, "--criteria", "kang2020"]);
    expect(r.code).toBe(1);
    const rows = rowsOf(r.stdout);
    expect(rows.map((x) => `${x.row}:${x.line}:${x.category}`)).toEqual([
      "1:2:PR",
      "2:3:invalid",
      "3:4:PR",
    ]);
    expect(rows[1]?.error).toContain("line 3 is longer than the limit of 1 MiB per CSV record");
  });

  it("a CSV header over the limit stops the run (exit 2)", async () => {
    const path = tempFile("longhead.csv", `${"h,".repeat(MAX_CSV_RECORD_BYTES)}\n1\n`);
    const r = await cli(["classify", path, "--criteria", "kang2020"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("is longer than the limit of 1 MiB");
  });

  it(`an NDJSON line over ${MAX_NDJSON_LINE_BYTES} bytes is an error of its row`, async () => {
    const big = JSON.stringify({ patient: { sex: "F" }, note: "x".repeat(MAX_NDJSON_LINE_BYTES) });
    const path = tempFile("long.ndjson", ["{}", big, "{}"].join("\n"));
    const r = await cli(["classify", path, "--criteria", "kang2020", "--kind", "assessments"]);
    expect(r.code).toBe(1);
    const rows = rowsOf(r.stdout);
    expect(rows.map((x) => x.category)).toEqual(["indeterminate", "invalid", "indeterminate"]);
    expect(rows[1]?.error).toContain("line 2 is longer than the limit of 16 MiB per NDJSON line");
  });
});

describe(`at most MAX_VISITS_PER_RECORD (${MAX_VISITS_PER_RECORD}) visits per record`, () => {
  it("a JSON record of 1,000,000 visits is an error of that record, not an out-of-memory abort", async () => {
    const visit = JSON.stringify({ day: 1, labs: {} });
    const text = `[{"id":"big","visits":[${new Array(1_000_000).fill(visit).join(",")}]},{"id":"small","visits":[]}]`;
    const path = tempFile("big.json", text);
    const r = await cli(["classify", path, "--criteria", "kang2020", "--summary"]);
    expect(r.code).toBe(1);
    const rows = rowsOf(r.stdout);
    expect(rows[0]?.category).toBe("invalid");
    expect(rows[0]?.error).toBe(
      `visits: the record has 1000000 visits; a record holds at most ${MAX_VISITS_PER_RECORD}`,
    );
    expect(rows.at(-1)?.id).toBe("small");
    expect(r.stderr).toContain("2 patient record(s); 1 invalid record(s).");
  }, 60_000);

  it("a record of exactly the limit is read", async () => {
    const visits = Array.from({ length: MAX_VISITS_PER_RECORD }, (_, i) => ({ day: i, labs: {} }));
    const path = tempFile("edge.ndjson", `${JSON.stringify({ id: "edge", visits })}\n`);
    const r = await cli(["classify", path, "--criteria", "kang2020"]);
    const row = rowsOf(r.stdout)[0];
    expect(row?.error).toBe("");
    expect(row?.category).toBe("indeterminate"); // a visit in the week-24 window, without labs
  }, 60_000);

  it("CSV rows grouped into one patient's record beyond the limit: the summary says so and counts it invalid", async () => {
    const n = MAX_VISITS_PER_RECORD + 5;
    const lines = ["id,day,sex,up0,scr0,up,scr,alb"];
    for (let i = 0; i < n; i++) lines.push(`many,${i},${GOOD}`);
    lines.push(`one,168,${GOOD}`);
    const path = tempFile("many.csv", lines.join("\n"));
    const r = await cli([
      "classify",
      path,
      ...SIMPLE_FLAGS,
      "--day-column",
      "day",
      "--criteria",
      "kang2020",
      "--summary-only",
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("2 patient record(s) from 10006 row(s); 1 invalid record(s).");
    expect(r.stdout).toContain(
      `Note: many (${n} rows): more than ${MAX_VISITS_PER_RECORD} visits for one patient`,
    );
  }, 120_000);
});

describe("readWhole (a JSON or FHIR file read whole)", () => {
  const MiB = Buffer.alloc(1024 * 1024, 0x20);

  it("returns the text without a byte-order mark, across chunk boundaries", async () => {
    const bom = Buffer.from('\uFEFF{"a": "é"}', "utf8");
    const text = await readWhole(
      Readable.from([bom.subarray(0, 2), bom.subarray(2, 9), bom.subarray(9)]),
      "the file",
      "",
    );
    expect(text).toBe('{"a": "é"}');
  });

  it("refuses a file past 64 MiB with the limit and the advice, before reading the rest", async () => {
    expect(MAX_JSON_FILE_BYTES).toBe(64 * 1024 * 1024);
    let read = 0;
    const chunks = function* () {
      for (let i = 0; i < 200; i++) {
        read++;
        yield MiB;
      }
    };
    const err = await readWhole(
      Readable.from(chunks()),
      "the JSON file",
      ": write one record per line",
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toBe(
      "the JSON file is larger than 64 MiB, the limit for a file read whole: write one record per line",
    );
    // 65 chunks of 1 MiB pass 64 MiB; the stream is not drained to its 200th.
    expect(read).toBeLessThan(70);
  });
});
