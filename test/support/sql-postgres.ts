// The PostgreSQL side of the differential tests (PGlite in-process, or a PostgreSQL server through
// psql): the same generated tables as the DuckDB test, loaded with plain SQL, and one check per
// definition and reading.
import fc from "fast-check";
import { expect } from "vitest";
import { toSql } from "../../src/evaluate/sql.js";
import { allInterpretations } from "../../src/ir/readings.js";
import type { ResponseCriteria } from "../../src/ir/types.js";
import {
  COLUMNS,
  DECOYS,
  differences,
  extremeRow,
  insertSql,
  KEYS,
  type Row,
  row,
  SEED,
  TYPES,
} from "./sql-rows.js";

/** Runs SQL (several statements allowed) and returns the rows of the last one. */
export type Runner = (sql: string) => Promise<Record<string, unknown>[]>;

const PG_TYPES = { DOUBLE: "DOUBLE PRECISION", VARCHAR: "TEXT", BOOLEAN: "BOOLEAN" } as const;

export interface PgData {
  rows: Row[];
  extremes: Row[];
}

/** Create t (rows), t_readings (the first `perReading` rows), tx (extreme rows) and td (decoys). */
export async function loadPg(
  run: Runner,
  sizes: { rows: number; perReading: number; extremes: number },
): Promise<PgData> {
  const rows = fc.sample(row, { numRuns: sizes.rows, seed: SEED });
  const extremes = fc.sample(extremeRow, { numRuns: sizes.extremes, seed: SEED });
  const cols = `rid INTEGER, ${KEYS.map((k) => `${k} ${PG_TYPES[TYPES[k]]}`).join(", ")}`;
  for (const [table, data] of [
    ["t", rows],
    ["tx", extremes],
  ] as const) {
    await run(`CREATE TABLE ${table} (${cols})`);
    for (let i = 0; i < data.length; i += 2000) await run(insertSql(table, data, i, i + 2000));
  }
  await run(`CREATE VIEW t_readings AS SELECT * FROM t WHERE rid < ${sizes.perReading}`);
  await run(
    `CREATE TABLE td AS SELECT *, ${Object.entries(DECOYS)
      .filter(([name]) => name !== "category" && name !== "ep_OR")
      .map(([name, [type, value]]) => `CAST(${value} AS ${PG_TYPES[type]}) AS "${name}"`)
      .join(", ")} FROM t WHERE rid < ${sizes.perReading}`,
  );
  await run("ANALYZE");
  return { rows, extremes };
}

/** Run one definition under one reading on `table` and compare with the engine; returns the seconds taken. */
export async function agreePg(
  run: Runner,
  c: ResponseCriteria,
  interpretation: Record<string, string>,
  table: string,
  data: readonly Row[],
  expected: number,
): Promise<number> {
  const sql = toSql(c, { dialect: "postgres", table, columns: COLUMNS, interpretation });
  const eps = c.endpoints.map((e) => `, "ep_${e.name}"`).join("");
  const t0 = performance.now();
  const out = await run(`SELECT rid, category${eps} FROM (${sql}) AS q ORDER BY rid`);
  const seconds = (performance.now() - t0) / 1000;
  expect(out.length).toBe(expected);
  const { mismatches, seen } = differences(c, interpretation, data, out);
  expect(mismatches).toEqual([]);
  if (table === "t" && expected >= 10_000)
    for (const cat of [...c.categories.map((x) => x.name), "NR", "indeterminate"])
      expect(seen.get(cat) ?? 0).toBeGreaterThan(0);
  return seconds;
}

/** Every other reading of `c`, each on t_readings. */
export async function agreeReadingsPg(
  run: Runner,
  c: ResponseCriteria,
  data: readonly Row[],
  perReading: number,
): Promise<number> {
  let seconds = 0;
  for (const interpretation of allInterpretations(c).slice(1))
    seconds += await agreePg(run, c, interpretation, "t_readings", data, perReading);
  return seconds;
}
