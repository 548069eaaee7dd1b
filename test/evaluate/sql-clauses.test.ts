// Differential test of toSql's optional clause columns on DuckDB: with { clauses: true } each
// clause of the categories and end points is a column `clause_<id>` whose TRUE / FALSE / NULL is
// the interpreter's met / not-met / unknown for that clause on the same row, under every reading;
// without it the output is exactly the input columns, the category and the end points.
import { DuckDBInstance } from "@duckdb/node-api";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classifyValidated } from "../../src/api/classify.js";
import { criteria } from "../../src/criteria/index.js";
import { walkClauses } from "../../src/evaluate/interpret.js";
import { toSql } from "../../src/evaluate/sql.js";
import { allInterpretations } from "../../src/ir/readings.js";
import type { ResponseCriteria } from "../../src/ir/types.js";
import {
  COLUMNS,
  extremeRow,
  KEYS,
  loadDuckDb,
  type Row,
  row,
  SEED,
  toInput,
} from "../support/sql-rows.js";

const ROWS = Number(process.env.SQL_CLAUSE_ROWS ?? 10_000);
const PER_READING = Number(process.env.SQL_CLAUSE_ROWS_PER_READING ?? 1_000);
const EXTREMES = Number(process.env.SQL_CLAUSE_EXTREME_ROWS ?? 2_000);

let instance: DuckDBInstance;
let conn: Awaited<ReturnType<DuckDBInstance["connect"]>>;
let rows: Row[];
let extremes: Row[];

const load = (table: string, data: readonly Row[]) => loadDuckDb(conn, table, data);

beforeAll(async () => {
  instance = await DuckDBInstance.create(":memory:", {
    autoinstall_known_extensions: "false",
    autoload_known_extensions: "false",
  });
  conn = await instance.connect();
  rows = fc.sample(row, { numRuns: ROWS, seed: SEED });
  extremes = fc.sample(extremeRow, { numRuns: EXTREMES, seed: SEED });
  await load("t", rows);
  await load("tx", extremes);
}, 120_000);

afterAll(() => {
  conn?.closeSync();
  instance?.closeSync();
});

/** The interpreter's truth of every clause (by id; refs skipped) on one row. */
function clauseTruths(
  c: ResponseCriteria,
  interpretation: Record<string, string>,
  r: Row,
): Map<string, string> {
  // As differences() does: the generated row as given (wrong-kind units included), unvalidated.
  const res = classifyValidated(c, toInput(r), { interpretation });
  const out = new Map<string, string>();
  for (const d of [...res.explanation.categories, ...res.explanation.endpoints])
    for (const n of walkClauses(d.result))
      if (n.op !== "ref" && !out.has(n.id)) out.set(n.id, n.truth);
  return out;
}

async function agree(
  c: ResponseCriteria,
  interpretation: Record<string, string>,
  table: string,
  data: readonly Row[],
  limit: number,
): Promise<Map<string, Set<string>>> {
  const sql = toSql(c, {
    dialect: "duckdb",
    table,
    columns: COLUMNS,
    interpretation,
    clauses: true,
  });
  const reader = await conn.runAndReadAll(
    `SELECT * FROM (${sql}) AS q WHERE rid < ${limit} ORDER BY rid`,
  );
  const out = reader.getRowObjectsJS();
  expect(out.length).toBe(Math.min(limit, data.length));
  const mismatches: string[] = [];
  const seen = new Map<string, Set<string>>();
  for (const o of out) {
    const i = Number(o.rid);
    const want = clauseTruths(c, interpretation, data[i] as Row);
    const got = Object.keys(o)
      .filter((k) => k.startsWith("clause_"))
      .map((k) => k.slice("clause_".length));
    expect(new Set(got)).toEqual(new Set(want.keys()));
    for (const [id, truth] of want) {
      const v = o[`clause_${id}`];
      const sqlTruth = v === true ? "met" : v === false ? "not-met" : "unknown";
      if (!seen.has(id)) seen.set(id, new Set());
      seen.get(id)?.add(sqlTruth);
      if (sqlTruth !== truth && mismatches.length < 6)
        mismatches.push(
          `row ${i} clause ${id}: SQL ${sqlTruth} ≠ JS ${truth} ${JSON.stringify(data[i])}`,
        );
    }
  }
  expect(mismatches).toEqual([]);
  return seen;
}

const all = Object.values(criteria) as ResponseCriteria[];
describe.each(all.map((c) => [c.id, c] as const))(
  "toSql(%s, { clauses: true }) in DuckDB",
  (_id, c) => {
    it(`each clause column equals the interpreter's clause on ${ROWS} rows (default readings)`, async () => {
      const seen = await agree(c, {}, "t", rows, ROWS);
      // The generator reaches both outcomes of every clause (the test could not pass by NULLs alone).
      for (const [id, truths] of seen) {
        expect
          .soft(truths.has("met") || truths.has("not-met"), `clause ${id} never decided`)
          .toBe(true);
      }
    }, 120_000);
    it(`and under every other reading (${PER_READING} rows each) and at extreme magnitudes`, async () => {
      for (const interpretation of allInterpretations(c).slice(1))
        await agree(c, interpretation, "t", rows, PER_READING);
      await agree(c, {}, "tx", extremes, EXTREMES);
    }, 120_000);
  },
);

describe("toSql clause columns: the output columns", () => {
  it("without clauses: the input columns, the category and the end points only", async () => {
    const sql = toSql(criteria.zhang2023, { dialect: "duckdb", table: "t", columns: COLUMNS });
    const names = (await conn.runAndReadAll(`SELECT * FROM (${sql}) AS q LIMIT 0`)).columnNames();
    expect(names).toEqual(["rid", ...KEYS, "category", "ep_OR", "ep_UP25"]);
  });
  it("with clauses: then one clause_<id> column per clause, no helper column", async () => {
    const sql = toSql(criteria.zhang2023, {
      dialect: "duckdb",
      table: "t",
      columns: COLUMNS,
      clauses: true,
    });
    const names = (await conn.runAndReadAll(`SELECT * FROM (${sql}) AS q LIMIT 0`)).columnNames();
    expect(names.slice(0, KEYS.length + 4)).toEqual([
      "rid",
      ...KEYS,
      "category",
      "ep_OR",
      "ep_UP25",
    ]);
    const rest = names.slice(KEYS.length + 4);
    expect(rest.length).toBeGreaterThan(3);
    for (const n of rest) expect(n).toMatch(/^clause_/);
  });
});
