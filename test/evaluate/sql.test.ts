// Differential test: toSql() run in DuckDB must give the engine's category (and end points)
// on every generated row, nulls and boundary values included.
import { DuckDBInstance } from "@duckdb/node-api";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { criteria } from "../../src/criteria/index.js";
import { toSql } from "../../src/evaluate/sql.js";
import { CriteriaError, InputError } from "../../src/ir/errors.js";
import { allInterpretations } from "../../src/ir/readings.js";
import type { ResponseCriteria } from "../../src/ir/types.js";
import {
  boundaryRow,
  COLUMNS,
  DECOYS,
  differences,
  extremeRow,
  KEYS,
  loadDuckDb,
  type Row,
  row,
  SEED,
} from "../support/sql-rows.js";

const ROWS = Number(process.env.SQL_ROWS ?? 100_000);
const ROWS_PER_READING = Number(process.env.SQL_ROWS_PER_READING ?? 5_000);
const EXTREME_ROWS = Number(process.env.SQL_EXTREME_ROWS ?? 20_000);
const BOUNDARY_ROWS = Number(process.env.SQL_BOUNDARY_ROWS ?? 20_000);

let instance: DuckDBInstance;
let conn: Awaited<ReturnType<DuckDBInstance["connect"]>>;
let rows: Row[];
let extremes: Row[];
let boundaries: Row[];

const load = (table: string, data: readonly Row[]) => loadDuckDb(conn, table, data);

beforeAll(async () => {
  instance = await DuckDBInstance.create(":memory:", {
    autoinstall_known_extensions: "false",
    autoload_known_extensions: "false",
  });
  conn = await instance.connect();
  rows = fc.sample(row, { numRuns: ROWS, seed: SEED });
  extremes = fc.sample(extremeRow, { numRuns: EXTREME_ROWS, seed: SEED });
  boundaries = fc.sample(boundaryRow, { numRuns: BOUNDARY_ROWS, seed: SEED });
  await load("t", rows);
  await load("tx", extremes);
  await load("tb", boundaries);
  await conn.run(`CREATE VIEW t_readings AS SELECT * FROM t WHERE rid < ${ROWS_PER_READING}`);
  // The same rows in a table that already has columns named like toSql's output and internals.
  await conn.run(
    `CREATE TABLE td AS SELECT *, ${Object.entries(DECOYS)
      .map(([name, [type, value]]) => `CAST(${value} AS ${type}) AS "${name}"`)
      .join(", ")} FROM t WHERE rid < ${ROWS_PER_READING}`,
  );
}, 120_000);

afterAll(() => {
  conn?.closeSync();
  instance?.closeSync();
});

async function agree(
  c: ResponseCriteria,
  interpretation: Record<string, string>,
  table: string,
  data: readonly Row[],
  expected: number,
) {
  const sql = toSql(c, { dialect: "duckdb", table, columns: COLUMNS, interpretation });
  const eps = c.endpoints.map((e) => `, "ep_${e.name}"`).join("");
  const result = await conn.runAndReadAll(`SELECT rid, category${eps} FROM (${sql}) ORDER BY rid`);
  const out = result.getRowObjectsJS() as Record<string, unknown>[];
  expect(out.length).toBe(expected);
  const { mismatches, seen } = differences(c, interpretation, data, out);
  expect(mismatches).toEqual([]);
  return seen;
}

const all = Object.values(criteria) as ResponseCriteria[];
describe.each(all.map((c) => [c.id, c] as const))("toSql(%s) in DuckDB = the engine", (_id, c) => {
  it(`agrees on ${ROWS} generated rows (default readings)`, async () => {
    const seen = await agree(c, {}, "t", rows, ROWS);
    // Not vacuous: every category occurs among the generated rows.
    for (const cat of [...c.categories.map((x) => x.name), "NR", "indeterminate"])
      expect(seen.get(cat) ?? 0).toBeGreaterThan(0);
  }, 180_000);
  it(`agrees under every other reading (${ROWS_PER_READING} rows each)`, async () => {
    for (const interpretation of allInterpretations(c).slice(1))
      await agree(c, interpretation, "t_readings", rows, ROWS_PER_READING);
  }, 180_000);
  it(`agrees at extreme magnitudes, 1e-300 to 1e300 (${EXTREME_ROWS} rows)`, async () => {
    await agree(c, {}, "tx", extremes, EXTREME_ROWS);
  }, 180_000);
  it("agrees on a table that already has columns named like toSql's output and internals", async () => {
    await agree(c, {}, "td", rows, ROWS_PER_READING);
  }, 180_000);
  it(`agrees on round values with censors on their thresholds (${BOUNDARY_ROWS} rows, every reading)`, async () => {
    await agree(c, {}, "tb", boundaries, BOUNDARY_ROWS);
    for (const interpretation of allInterpretations(c).slice(1))
      await agree(c, interpretation, "tb", boundaries, BOUNDARY_ROWS);
  }, 180_000);
});

describe("toSql: the user's table cannot confuse the query", () => {
  it("chaining one definition's output into another does not copy the first one's categories", async () => {
    await conn.run(
      `CREATE OR REPLACE VIEW after_kang AS ${toSql(criteria.kang2020, { dialect: "duckdb", table: "t_readings", columns: COLUMNS })}`,
    );
    const sql = toSql(criteria.zhang2023, {
      dialect: "duckdb",
      table: "after_kang",
      columns: COLUMNS,
    });
    const out = (
      await conn.runAndReadAll(`SELECT rid, category, ep_OR, ep_UP25 FROM (${sql}) ORDER BY rid`)
    ).getRowObjectsJS() as Record<string, unknown>[];
    expect(out.length).toBe(ROWS_PER_READING);
    expect(differences(criteria.zhang2023, {}, rows, out).mismatches).toEqual([]);
  });
  it("keeps every input column, once, and adds only the category and end points", async () => {
    const sql = toSql(criteria.zhang2023, { dialect: "duckdb", table: "td", columns: COLUMNS });
    const r = await conn.runAndReadAll(`SELECT * FROM (${sql}) LIMIT 1`);
    const names = r.columnNames();
    expect(names).toEqual([
      "rid",
      ...KEYS,
      ...Object.keys(DECOYS),
      "ep_UP25", // ep_OR and category replace the table's own columns of those names
    ]);
  });
  it("a 1e-295 g/24h proteinuria: the rounding guard of the engine (|exponent| > 300) holds in SQL", async () => {
    // Every value exact (the generated row may hold censors).
    const EXACT = ["up0", "up", "scr0", "scr", "alb"]
      .map((f) => `CAST(NULL AS VARCHAR) AS ${f}_censor`)
      .join(", ");
    // 4e-295 → 1e-295 g/24h is a 75 % fall; the decimal exponent of 1e-295 at 12 digits is 306 > 300,
    // so the engine leaves the value as it is; the current value is < 0.5 g/day: CR.
    const sql = toSql(criteria.zhang2023, {
      dialect: "duckdb",
      table: "one",
      columns: COLUMNS,
    });
    await conn.run(
      `CREATE OR REPLACE TABLE one AS SELECT 0 AS rid, * REPLACE (4e-295 AS up0, 'mg/24h' AS up0_unit, 1e-295 AS up, 'mg/24h' AS up_unit, 60.0 AS scr0, 'umol/L' AS scr0_unit, 60.0 AS scr, 'umol/L' AS scr_unit, 40.0 AS alb, 'g/L' AS alb_unit, ${EXACT}) FROM t LIMIT 1`,
    );
    const out = (await conn.runAndReadAll(`SELECT category FROM (${sql})`)).getRowObjectsJS();
    expect(out[0]?.category).toBe("CR");
  });
});

describe("toSql options are validated", () => {
  const base = { dialect: "duckdb", table: "visits", columns: COLUMNS } as const;
  const rejects = (options: object, path: string) => {
    try {
      toSql(criteria.zhang2023, options as never);
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).issues.map((i) => i.path)).toContain(path);
      return (e as InputError).message;
    }
    throw new Error("toSql accepted the options");
  };
  it.each([
    "t) x; DROP TABLE secrets; --",
    "read_csv('/etc/passwd')",
    "(SELECT * FROM t)",
    "visits -- comment",
    "a.b.c.d",
    "1visits",
    "",
  ])("rejects the table %j (only plain names or identifier parts)", (table) => {
    rejects({ ...base, table }, "table");
  });
  it("quotes identifier parts, so any table name is safe", async () => {
    await conn.run(`CREATE SCHEMA IF NOT EXISTS "odd ""schema"""`);
    await conn.run(
      `CREATE OR REPLACE VIEW "odd ""schema"""."visits; DROP TABLE t; --" AS SELECT * FROM t_readings`,
    );
    const sql = toSql(criteria.kang2020, {
      ...base,
      table: { schema: 'odd "schema"', name: "visits; DROP TABLE t; --" },
    });
    const out = (
      await conn.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM (${sql})`)
    ).getRowObjectsJS();
    expect(out[0]?.n).toBe(ROWS_PER_READING);
    expect(
      (await conn.runAndReadAll("SELECT count(*)::INTEGER AS n FROM t")).getRowObjectsJS()[0]?.n,
    ).toBe(ROWS);
  });
  it("rejects an unknown dialect with the list of dialects", () => {
    expect(rejects({ ...base, dialect: "mysql" }, "dialect")).toMatch(
      /"mysql".*duckdb, postgres, spark/,
    );
  });
  it("rejects mapped columns with the reserved prefix, control characters, unknown keys and units", () => {
    rejects({ ...base, columns: { sex: "__lrc_row" } }, "columns.sex");
    rejects({ ...base, columns: { sex: "a\u0000b" } }, "columns.sex");
    rejects({ ...base, columns: { current: { protein: "up" } } }, "columns.current");
    rejects(
      { ...base, columns: { current: { proteinuria: { value: "up", fixedUnit: "g/dy" } } } },
      "columns.current.proteinuria.fixedUnit",
    );
    rejects({ ...base, categoryColumn: "__lrc_x" }, "categoryColumn");
    rejects({ ...base, categoryColumn: "ep_OR" }, "categoryColumn");
    rejects({ ...base, interpretation: { crProteinuriaCutoff: "0.6" } }, "interpretation");
  });
  it("quotes mapped column names, so a hostile name is only a name", () => {
    const sql = toSql(criteria.zhang2023, {
      ...base,
      columns: { current: { serumAlbumin: { value: 'alb" FROM secrets; --', fixedUnit: "g/L" } } },
    });
    expect(sql).toContain('"alb"" FROM secrets; --"');
  });
  it("rejects an invalid criteria object before writing anything", () => {
    const bad = { ...criteria.zhang2023, id: "x; DROP" } as unknown as ResponseCriteria;
    expect(() => toSql(bad, base)).toThrow(CriteriaError);
  });
});

describe("toSql output", () => {
  it("writes the three dialects, quoting identifiers per dialect", () => {
    const base = { table: "visits", columns: COLUMNS };
    expect(toSql(criteria.kang2020, { ...base, dialect: "duckdb" })).toContain('"up_unit"');
    expect(toSql(criteria.kang2020, { ...base, dialect: "spark" })).toContain("`up_unit`");
    expect(toSql(criteria.kang2020, { ...base, dialect: "postgres" })).toContain(
      "AS DOUBLE PRECISION",
    );
  });
  it("names the criteria and readings in a header comment", () => {
    const sql = toSql(criteria.zhang2023, {
      dialect: "duckdb",
      table: "v",
      columns: {},
      interpretation: { crProteinuriaCutoff: "0.7" },
    });
    expect(sql.split("\n")[0]).toBe(
      "-- zhang2023@1.1.0 (Zhang 2023); readings: crProteinuriaCutoff=0.7, creatinineBand=stable-or-improved, nephroticBaseline=>3.5",
    );
  });
  it("an unmapped input is NULL for every row: the category is indeterminate, never NR", async () => {
    await conn.run("CREATE OR REPLACE VIEW one_x AS SELECT 1 AS x");
    const sql = toSql(criteria.zhang2023, { dialect: "duckdb", table: "one_x", columns: {} });
    const r = await conn.runAndReadAll(sql);
    expect(r.getRowObjectsJS()[0]?.category).toBe("indeterminate");
  });
});
