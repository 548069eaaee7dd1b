// npm run bench:cli — the CLI's `classify` over a generated wide CSV (one row per visit, one
// definition: zhang2023), against DuckDB running toSql over its own CSV reader on the same file
// and writing the same number of rows (`COPY … TO`): rows per second of each and the ratio, three
// runs, min / median (of the times: the first figure is the best run). The target is
// ≥ 250,000 rows/s for the CLI. No assertions.
//
// Besides wall time, the CLI's own CPU time (user + system, read by a preloaded hook at exit) is
// printed as rows per CPU-second: on shared cores it moves less with the other jobs than wall
// time. The start-up of the bin (`--version`, min of 3) is printed too, and the rate without it.
// BENCH_CLI_ROWS (default 200,000).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { criteria } from "../dist/index.js";
import { toSql } from "../dist/sql.js";
import { FLAGS, writeVisitCsv } from "./cli-flags.mjs";
import { record, spread as stats } from "./figures.mjs";

const ROWS = Number(process.env.BENCH_CLI_ROWS ?? 200_000);
const dir = mkdtempSync(join(tmpdir(), "lrc-bench-cli-"));
const CLI = new URL("../dist/cli.js", import.meta.url).pathname;
const csv = join(dir, "visits.csv");
const cpuFile = join(dir, "cpu.json");
const hook = join(dir, "cpu-hook.cjs");
writeFileSync(
  hook,
  `process.on("exit", () => {
  const u = process.cpuUsage();
  require("node:fs").writeFileSync(${JSON.stringify(cpuFile)}, JSON.stringify((u.user + u.system) / 1e6));
});
`,
);

const WRITTEN = writeVisitCsv(csv, Math.ceil(ROWS / 8), 5);

/** One run of the bin: wall and CPU seconds. */
function bin(args) {
  const t = performance.now();
  const r = spawnSync(process.execPath, ["--require", hook, CLI, ...args], { stdio: "ignore" });
  if (r.status !== 0) throw new Error(`the CLI exited ${r.status}`);
  return { wall: (performance.now() - t) / 1000, cpu: JSON.parse(readFileSync(cpuFile, "utf8")) };
}
const cli = () => bin(["classify", csv, ...FLAGS, "--output", join(dir, "out.csv")]);

const db = await DuckDBInstance.create(":memory:", { threads: "1" });
const con = await db.connect();
await con.run(`CREATE VIEW t AS SELECT * FROM read_csv('${csv}', header = true)`);
const sql = toSql(criteria.zhang2023, {
  dialect: "duckdb",
  table: "t",
  columns: {
    sex: "sex",
    baseline: {
      proteinuria: { value: "up0", fixedUnit: "g/24h" },
      serumCreatinine: { value: "scr0", fixedUnit: "umol/L" },
    },
    current: {
      proteinuria: { value: "up", fixedUnit: "g/24h" },
      serumCreatinine: { value: "scr", fixedUnit: "umol/L" },
      serumAlbumin: { value: "alb", fixedUnit: "g/L" },
    },
  },
});
async function duck() {
  const t = performance.now();
  await con.run(`COPY (${sql}) TO '${join(dir, "duck.csv")}' (HEADER)`);
  return (performance.now() - t) / 1000;
}

const c = [];
const d = [];
const start = [];
for (let i = 0; i < 3; i++) {
  c.push(cli());
  d.push(await duck());
  start.push(bin(["--version"]));
}
const wall = stats(c.map((x) => x.wall));
const cpu = stats(c.map((x) => x.cpu));
const ds = stats(d);
const up = stats(start.map((x) => x.wall)).min;
const rate = (s) => `${Math.round(WRITTEN / s).toLocaleString("en")} rows/s`;
console.log(`${WRITTEN.toLocaleString("en")} rows, zhang2023, CSV in and out (min / median of 3)`);
console.log(
  `CLI classify           ${rate(wall.min)} / ${rate(wall.median)}   (${wall.min.toFixed(2)} s)`,
);
console.log(
  `  per CPU-second       ${rate(cpu.min)} / ${rate(cpu.median)}   (${cpu.min.toFixed(2)} s user + system)`,
);
console.log(
  `  without start-up     ${rate(wall.min - up)} / ${rate(wall.median - up)}   (start-up ${up.toFixed(2)} s: --version, min of 3)`,
);
console.log(
  `DuckDB toSql, 1 thread ${rate(ds.min)} / ${rate(ds.median)}   (${ds.min.toFixed(2)} s)`,
);
console.log(
  `DuckDB / CLI: ×${(wall.median / ds.median).toFixed(1)} (median); the target (250,000 rows/s) is ×${((250_000 * wall.median) / WRITTEN).toFixed(1)} the CLI's speed`,
);
record("cli", {
  rows: WRITTEN,
  // Rates (rows/s) of the slowest and the median run, as the other benches give min / median.
  wall: { min: WRITTEN / wall.max, median: WRITTEN / wall.median },
  cpu: { min: WRITTEN / cpu.max, median: WRITTEN / cpu.median },
  duckdb: { min: WRITTEN / ds.max, median: WRITTEN / ds.median },
  startupSeconds: up,
});
rmSync(dir, { recursive: true, force: true });
