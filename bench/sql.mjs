// npm run bench:sql [-- --10m] — 1,000,000 synthetic rows (10,000,000 with --10m) classified in
// DuckDB through toSql(), against the compiled JavaScript path (rows/s for each, and the ratio);
// then the same definitions on PGlite (PostgreSQL in WebAssembly, BENCH_PG_ROWS rows) and, when
// engines/clickhouse is installed (`npm ci --prefix engines/clickhouse`), on ClickHouse (chdb)
// at the DuckDB row count. BENCH_SKIP_PG=1 skips PGlite. No assertions.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";
import { DuckDBInstance } from "@duckdb/node-api";
import { PGlite } from "@electric-sql/pglite";
import { compile, criteria } from "../dist/index.js";
import { toSql } from "../dist/sql.js";

const ROWS = Number(
  process.env.BENCH_SQL_ROWS ?? (process.argv.includes("--10m") ? 10_000_000 : 1_000_000),
);
const JS_ROWS = Number(process.env.BENCH_JS_ROWS ?? 1_000_000);
const PG_ROWS = Number(process.env.BENCH_PG_ROWS ?? 1_000_000);
const db = await DuckDBInstance.create(":memory:", {
  autoinstall_known_extensions: "false",
  autoload_known_extensions: "false",
});
const c = await db.connect();
await c.run("SELECT setseed(0.42)");
const t0 = performance.now();
await c.run(`CREATE TABLE t AS SELECT
  CASE WHEN random() < 0.8 THEN 'F' ELSE 'M' END AS sex,
  round(1 + random() * 9, 2) AS up0, round(random() * 6, 2) AS up,
  round(35 + random() * 125) AS scr0, round(35 + random() * 145) AS scr,
  round(20 + random() * 25, 1) AS alb,
  floor(random() * 12) AS rbc, floor(random() * 10) AS wbc, random() < 0.1 AS casts
  FROM range(${ROWS})`);
console.log(
  `DuckDB: generated ${ROWS.toLocaleString("en")} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);

const columns = {
  sex: "sex",
  baseline: {
    proteinuria: { value: "up0", fixedUnit: "g/24h" },
    serumCreatinine: { value: "scr0", fixedUnit: "umol/L" },
  },
  current: {
    proteinuria: { value: "up", fixedUnit: "g/24h" },
    serumCreatinine: { value: "scr", fixedUnit: "umol/L" },
    serumAlbumin: { value: "alb", fixedUnit: "g/L" },
    rbcPerHpf: "rbc",
    wbcPerHpf: "wbc",
    cellularCasts: "casts",
  },
};

const rand = (() => {
  let s = 42;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296;
  };
})();
const r2 = (x, d) => Math.round(x * 10 ** d) / 10 ** d;
const inputs = Array.from({ length: JS_ROWS }, () => ({
  patient: { sex: rand() < 0.8 ? "F" : "M" },
  baseline: {
    proteinuria: { value: r2(1 + rand() * 9, 2), unit: "g/24h" },
    serumCreatinine: { value: Math.round(35 + rand() * 125), unit: "umol/L" },
  },
  current: {
    proteinuria: { value: r2(rand() * 6, 2), unit: "g/24h" },
    serumCreatinine: { value: Math.round(35 + rand() * 145), unit: "umol/L" },
    serumAlbumin: { value: r2(20 + rand() * 25, 1), unit: "g/L" },
    urineSediment: {
      rbcPerHpf: Math.floor(rand() * 12),
      wbcPerHpf: Math.floor(rand() * 10),
      cellularCasts: rand() < 0.1,
    },
  },
}));

console.log("definition   DuckDB (toSql)       JS compile()        JS/SQL");
for (const crit of [criteria.zhang2023, criteria.kang2020]) {
  const sql = toSql(crit, { dialect: "duckdb", table: "t", columns });
  const ts = performance.now();
  const res = await c.runAndReadAll(
    `SELECT category, count(*)::INTEGER n FROM (${sql}) GROUP BY ALL ORDER BY ALL`,
  );
  const sqlS = (performance.now() - ts) / 1000;
  const counts = Object.fromEntries(res.getRowObjectsJS().map((r) => [r.category, r.n]));
  const compiled = compile(crit);
  const tj = performance.now();
  const jsCounts = {};
  for (const i of inputs) {
    const k = compiled.category(i);
    jsCounts[k] = (jsCounts[k] ?? 0) + 1;
  }
  const jsS = (performance.now() - tj) / 1000;
  const sqlRate = ROWS / sqlS;
  const jsRate = JS_ROWS / jsS;
  console.log(
    `${crit.id.padEnd(12)} ${`${(sqlRate / 1e6).toFixed(2)} M rows/s`.padStart(16)}   ${`${(jsRate / 1e6).toFixed(2)} M rows/s`.padStart(16)}   ${(jsRate / sqlRate).toFixed(2).padStart(6)}` +
      `   (SQL ${JSON.stringify(counts)})`,
  );
}
c.closeSync();
db.closeSync();

if (process.env.BENCH_SKIP_PG !== "1") await pglite();
await clickhouse();

async function pglite() {
  // PGlite: the same columns, generated in SQL (setseed makes them repeatable, not equal to DuckDB's).
  const pg = await PGlite.create();
  const tp = performance.now();
  await pg.exec(`SELECT setseed(0.42);
CREATE TABLE t AS SELECT
  CASE WHEN random() < 0.8 THEN 'F' ELSE 'M' END AS sex,
  round((1 + random() * 9)::numeric, 2)::float8 AS up0, round((random() * 6)::numeric, 2)::float8 AS up,
  round(35 + random() * 125) AS scr0, round(35 + random() * 145) AS scr,
  round((20 + random() * 25)::numeric, 1)::float8 AS alb,
  floor(random() * 12) AS rbc, floor(random() * 10) AS wbc, random() < 0.1 AS casts
  FROM generate_series(1, ${PG_ROWS});
ANALYZE t;`);
  console.log(
    `PGlite: generated ${PG_ROWS.toLocaleString("en")} rows in ${((performance.now() - tp) / 1000).toFixed(1)} s`,
  );
  console.log("definition   PGlite (toSql)");
  for (const crit of [criteria.zhang2023, criteria.kang2020]) {
    const sql = toSql(crit, { dialect: "postgres", table: "t", columns });
    const ts = performance.now();
    const res = await pg.query(
      `SELECT category, count(*)::int AS n FROM (${sql}) AS q GROUP BY category ORDER BY category`,
    );
    const s = (performance.now() - ts) / 1000;
    const counts = Object.fromEntries(res.rows.map((r) => [r.category, r.n]));
    console.log(
      `${crit.id.padEnd(12)} ${`${(PG_ROWS / s / 1e6).toFixed(2)} M rows/s`.padStart(16)}   (${s.toFixed(2)} s; SQL ${JSON.stringify(counts)})`,
    );
  }
  await pg.close();
}

/** ClickHouse in process (chdb from engines/clickhouse), the same columns generated in SQL. */
async function clickhouse() {
  const dir = new URL("../engines/clickhouse/", import.meta.url);
  if (!existsSync(new URL("node_modules/chdb/package.json", dir))) {
    console.log("ClickHouse: skipped (engines/clickhouse not installed)");
    return;
  }
  const { Session } = createRequire(new URL("package.json", dir))("chdb");
  const ch = new Session();
  const tc = performance.now();
  // Each randCanonical(k) has its own argument: ClickHouse computes identical calls once per row.
  ch.query(`CREATE TABLE t ENGINE = MergeTree ORDER BY tuple() AS SELECT
    CAST(if(randCanonical(1) < 0.8, 'F', 'M') AS Nullable(String)) AS sex,
    CAST(round(1 + randCanonical(2) * 9, 2) AS Nullable(Float64)) AS up0,
    CAST(round(randCanonical(3) * 6, 2) AS Nullable(Float64)) AS up,
    CAST(round(35 + randCanonical(4) * 125) AS Nullable(Float64)) AS scr0,
    CAST(round(35 + randCanonical(5) * 145) AS Nullable(Float64)) AS scr,
    CAST(round(20 + randCanonical(6) * 25, 1) AS Nullable(Float64)) AS alb,
    CAST(floor(randCanonical(7) * 12) AS Nullable(Float64)) AS rbc,
    CAST(floor(randCanonical(8) * 10) AS Nullable(Float64)) AS wbc,
    CAST(randCanonical(9) < 0.1 AS Nullable(Bool)) AS casts
    FROM numbers(${ROWS})`);
  console.log(
    `ClickHouse (chdb): generated ${ROWS.toLocaleString("en")} rows in ${((performance.now() - tc) / 1000).toFixed(1)} s`,
  );
  // ClickHouse's short-circuit evaluation recomputes toSql's nested expressions in every lazy
  // branch (docs/guides/warehouse.md); the guide's setting turns it off. Both are timed, on
  // at most 200,000 rows with the default (it is slow).
  const FAST = "SETTINGS short_circuit_function_evaluation = 'disable'";
  const SLOW_ROWS = Math.min(ROWS, 200_000);
  ch.query(
    `CREATE TABLE t_small ENGINE = MergeTree ORDER BY tuple() AS SELECT * FROM t LIMIT ${SLOW_ROWS}`,
  );
  console.log("definition   ClickHouse, guide setting   ClickHouse default (first rows)   ratio");
  for (const crit of [criteria.zhang2023, criteria.kang2020]) {
    const sql = toSql(crit, { dialect: "clickhouse", table: "t", columns });
    const small = toSql(crit, { dialect: "clickhouse", table: "t_small", columns });
    const time = (q, settings) => {
      const ts = performance.now();
      const res = ch.query(
        `SELECT category, toUInt32(count()) AS n FROM (${q}) AS q GROUP BY category ORDER BY category ${settings}`,
        "JSONEachRow",
      );
      return { s: (performance.now() - ts) / 1000, res };
    };
    const fast = time(sql, FAST);
    const slow = time(small, "");
    const counts = Object.fromEntries(
      fast.res
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l))
        .map((r) => [r.category, r.n]),
    );
    const rate = (n, s) => `${(n / s / 1e6).toFixed(3)} M rows/s`;
    console.log(
      `${crit.id.padEnd(12)} ${rate(ROWS, fast.s).padStart(18)} (${fast.s.toFixed(2)} s)   ${rate(SLOW_ROWS, slow.s).padStart(18)} (${slow.s.toFixed(2)} s)   ×${(ROWS / fast.s / (SLOW_ROWS / slow.s)).toFixed(1)}   SQL ${JSON.stringify(counts)}`,
    );
  }
  ch.cleanup();
}
