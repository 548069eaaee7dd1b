// Spark SQL is not run here (no Spark engine on this machine); every toSql(…, { dialect: 'spark' })
// output, for every shipped definition and every reading, is parsed with the ANTLR Spark SQL
// grammar of dt-sql-parser. Its package has ESM directory imports that Node cannot load, so the
// test bundles it first with esbuild (the bundler tsup already uses).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { criteria } from "../../src/criteria/index.js";
import { toSql } from "../../src/evaluate/sql.js";
import { allInterpretations } from "../../src/ir/readings.js";
import type { ResponseCriteria } from "../../src/ir/types.js";
import { COLUMNS } from "../support/sql-rows.js";

interface SparkParser {
  validate(sql: string): { message: string; startLine: number; startColumn: number }[];
}
let parser: SparkParser;
const dir = mkdtempSync(join(tmpdir(), "lrc-spark-"));

beforeAll(async () => {
  const out = join(dir, "spark.mjs");
  await build({
    stdin: { contents: 'export { SparkSQL } from "dt-sql-parser";', resolveDir: process.cwd() },
    bundle: true,
    platform: "node",
    format: "esm",
    outfile: out,
    logLevel: "error",
  });
  const mod = (await import(pathToFileURL(out).href)) as { SparkSQL: new () => SparkParser };
  parser = new mod.SparkSQL();
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the Spark SQL grammar", () => {
  it("rejects broken SQL (the check is not vacuous)", () => {
    expect(parser.validate("SELECT a, FROM t")).not.toEqual([]);
    expect(parser.validate("SELECT `a` FROM (SELECT 1 AS `a`")).not.toEqual([]);
    expect(parser.validate("SELECT s.`r`.*, CAST(NULL AS BOOLEAN) AS `c` FROM t AS s")).toEqual([]);
  }, 60_000);
});

const all = Object.values(criteria) as ResponseCriteria[];
let parsed = 0;
afterAll(() => {
  if (process.env.SQL_TIMINGS) console.log(`${parsed} Spark SQL outputs parsed`);
});
describe.each(all.map((c) => [c.id, c] as const))("toSql(%s, spark)", (_id, c) => {
  it("parses with the Spark SQL grammar under every reading", () => {
    for (const interpretation of allInterpretations(c)) {
      const sql = toSql(c, {
        dialect: "spark",
        table: { schema: "lupus", name: "visits" },
        columns: COLUMNS,
        interpretation,
      });
      expect(parser.validate(sql), JSON.stringify(interpretation)).toEqual([]);
      parsed++;
    }
    // A hang guard, not a speed check: each reading is an ANTLR parse of a few kB of SQL (acr2006
    // has 54 readings). Up to ~40 s per definition on an idle core; acr2006 and alms2009 took
    // 64–72 s when the cores were shared with a mutation run, which the old 60 s guard failed.
  }, 240_000);
});
