// Differential test on a PostgreSQL server (issue 18): every shipped definition and reading must
// agree with the engine on the same generated rows as the DuckDB test, and every query must finish
// within a printed bound, on a server with its default settings (JIT on). The server comes from
// `bash scripts/pg-server-test.sh` (run by .ci/run), which sets LRC_PG_URL; without it the suite
// is skipped, so that `npm test` needs no server.
import { spawn } from "node:child_process";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { criteria } from "../../src/criteria/index.js";
import type { ResponseCriteria } from "../../src/ir/types.js";
import {
  agreePg,
  agreeReadingsPg,
  loadPg,
  type PgData,
  type Runner,
} from "../support/sql-postgres.js";

const URL = process.env.LRC_PG_URL;
const ROWS = Number(process.env.PG_ROWS ?? 100_000);
const PER_READING = Number(process.env.PG_ROWS_PER_READING ?? 5_000);
const EXTREMES = Number(process.env.PG_EXTREME_ROWS ?? 20_000);
/** Upper bound on one definition's query over ROWS rows (seconds); the server also cancels at 2×. */
const BOUND = Number(process.env.PG_BOUND_SECONDS ?? 20);

/** psql with the SQL on stdin; a SELECT comes back as CSV and is parsed into rows. */
const run: Runner = (sql) =>
  new Promise((resolve, reject) => {
    const select = /^\s*SELECT\b/i.test(sql);
    const p = spawn(
      "psql",
      [URL as string, "-X", "-q", "-v", "ON_ERROR_STOP=1", ...(select ? ["-A"] : [])],
      { env: { ...process.env, PGOPTIONS: `-c statement_timeout=${BOUND * 2000}` } },
    );
    let out = "";
    let err = "";
    p.stdout.on("data", (d) => {
      out += d;
    });
    p.stderr.on("data", (d) => {
      err += d;
    });
    p.on("error", reject);
    p.on("close", (code) => {
      if (code !== 0) return reject(new Error(`psql exited ${code}: ${err.slice(0, 2000)}`));
      if (!select) return resolve([]);
      const rows = parse(out, { columns: true }) as Record<string, string>[];
      resolve(
        rows.map((r) =>
          Object.fromEntries(
            Object.entries(r).map(([k, v]) => [
              k,
              k === "rid" ? Number(v) : v === "t" ? true : v === "f" ? false : v === "" ? null : v,
            ]),
          ),
        ),
      );
    });
    p.stdin.end(select ? `COPY (${sql}) TO STDOUT WITH (FORMAT csv, HEADER)` : sql);
  });

if (!URL)
  console.log(
    "sql-postgres.test.ts: skipped, LRC_PG_URL is not set (bash scripts/pg-server-test.sh starts a server and sets it)",
  );

const all = Object.values(criteria) as ResponseCriteria[];
const title = URL
  ? "toSql on a PostgreSQL server"
  : "toSql on a PostgreSQL server (skipped: LRC_PG_URL is not set; run bash scripts/pg-server-test.sh)";

describe.skipIf(!URL)(title, () => {
  let data: PgData;
  const timings: string[] = [];
  beforeAll(async () => {
    await run("DROP TABLE IF EXISTS t, tx, td CASCADE");
    data = await loadPg(run, { rows: ROWS, perReading: PER_READING, extremes: EXTREMES });
  }, 600_000);
  afterAll(() => {
    console.log(
      `PostgreSQL server, default settings; bound ${BOUND} s per query of ${ROWS} rows\n${timings.join("\n")}`,
    );
  });
  describe.each(all.map((c) => [c.id, c] as const))("%s", (id, c) => {
    it(`agrees on ${ROWS} rows within ${BOUND} s, under every reading, at extreme magnitudes and beside decoys`, async () => {
      const s = await agreePg(run, c, {}, "t", data.rows, ROWS);
      const r = await agreeReadingsPg(run, c, data.rows, PER_READING);
      await agreePg(run, c, {}, "tx", data.extremes, EXTREMES);
      await agreePg(run, c, {}, "td", data.rows, PER_READING);
      timings.push(
        `${id.padEnd(22)} ${s.toFixed(2)} s / ${ROWS} rows; other readings ${r.toFixed(2)} s`,
      );
      expect(s).toBeLessThan(BOUND);
    }, 600_000);
  });
});
