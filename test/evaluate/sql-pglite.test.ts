// Differential test on PostgreSQL (PGlite, the PostgreSQL server compiled to WebAssembly, in
// process): toSql(…, { dialect: 'postgres' }) must give the engine's category and end points on
// the same generated rows as the DuckDB test, extreme magnitudes and decoy columns included.
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { criteria } from "../../src/criteria/index.js";
import { toSql } from "../../src/evaluate/sql.js";
import type { ResponseCriteria } from "../../src/ir/types.js";
import {
  agreePg,
  agreeReadingsPg,
  loadPg,
  type PgData,
  type Runner,
} from "../support/sql-postgres.js";
import { COLUMNS } from "../support/sql-rows.js";

const ROWS = Number(process.env.PGLITE_ROWS ?? 20_000);
const PER_READING = Number(process.env.PGLITE_ROWS_PER_READING ?? 1_000);
const EXTREMES = Number(process.env.PGLITE_EXTREME_ROWS ?? 5_000);

let db: PGlite;
let data: PgData;
const run: Runner = async (sql) => {
  const results = await db.exec(sql);
  return (results.at(-1)?.rows ?? []) as Record<string, unknown>[];
};
const timings: string[] = [];

beforeAll(async () => {
  db = await PGlite.create();
  data = await loadPg(run, { rows: ROWS, perReading: PER_READING, extremes: EXTREMES });
}, 180_000);

afterAll(async () => {
  if (process.env.SQL_TIMINGS) console.log(timings.join("\n"));
  await db?.close();
});

const all = Object.values(criteria) as ResponseCriteria[];
describe.each(all.map((c) => [c.id, c] as const))("toSql(%s) in PGlite = the engine", (id, c) => {
  it(`agrees on ${ROWS} generated rows (default readings)`, async () => {
    const s = await agreePg(run, c, {}, "t", data.rows, ROWS);
    timings.push(`${id}: ${ROWS} rows in ${s.toFixed(2)} s`);
  }, 120_000);
  it(`agrees under every other reading (${PER_READING} rows each)`, async () => {
    await agreeReadingsPg(run, c, data.rows, PER_READING);
  }, 120_000);
  it(`agrees at extreme magnitudes (${EXTREMES} rows) and beside decoy columns`, async () => {
    await agreePg(run, c, {}, "tx", data.extremes, EXTREMES);
    await agreePg(run, c, {}, "td", data.rows, PER_READING);
  }, 120_000);
});

describe("toSql postgres output", () => {
  it("adds exactly the category and end points to the input columns", async () => {
    const sql = toSql(criteria.zhang2023, { dialect: "postgres", table: "td", columns: COLUMNS });
    const r = await db.query(`SELECT * FROM (${sql}) AS q LIMIT 1`);
    const names = r.fields.map((f) => f.name);
    const input = (await db.query("SELECT * FROM td LIMIT 0")).fields.map((f) => f.name);
    expect(names).toEqual([...input, "category", "ep_OR", "ep_UP25"]);
  });
  it("a table column named like an output column is reported as ambiguous, never read", async () => {
    await db.exec(`CREATE VIEW t_cat AS SELECT *, 'CR' AS category FROM t WHERE rid < 10`);
    const sql = toSql(criteria.zhang2023, {
      dialect: "postgres",
      table: "t_cat",
      columns: COLUMNS,
    });
    await expect(db.query(`SELECT category FROM (${sql}) AS q`)).rejects.toThrow(/ambiguous/);
  });
  it("an unmapped input is NULL for every row: the category is indeterminate, never NR", async () => {
    for (const c of all) {
      const sql = toSql(c, { dialect: "postgres", table: "t_readings", columns: {} });
      const r = await db.query<{ category: string }>(`SELECT DISTINCT category FROM (${sql}) AS q`);
      expect(r.rows.map((x) => x.category)).toEqual(["indeterminate"]);
    }
  });
  it("keeps a row type through the levels: one row out per row in", async () => {
    const sql = toSql(criteria.kang2020, {
      dialect: "postgres",
      table: { name: "t_readings" },
      columns: COLUMNS,
    });
    const r = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${sql}) AS q`);
    expect(r.rows[0]?.n).toBe(PER_READING);
  });
});
