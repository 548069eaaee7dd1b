// npm run bench:targets — every figure of the speed targets in one run, each against its floor or
// peer measured in the same run, then one scorecard: classification (hand-written floor), the
// validator (ajv), cohort summaries (1,000,000 records, scaling exponent), compareCriteria
// (100,000 assessments × every definition), detectFlares (the response part compiled vs
// explained), the CLI (DuckDB on the same CSV), the CLI's --summary memory (4× the rows) and the
// bundle sizes (size-limit budgets); the cohort array path, one call per record and the import
// time are shown without a target. Each bench runs in its own process with its usual output;
// figures come back as JSON lines (bench/figures.mjs). Prints figures; no assertions, no exit code
// from a missed target. About 4 minutes on 2 cores.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const here = (f) => new URL(f, import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "lrc-bench-targets-"));
const figuresFile = join(dir, "figures.jsonl");

/** Run one bench (its output shown as it goes); a failed bench stops the scorecard. */
function bench(file, env = {}, nodeArgs = []) {
  console.log(
    `\n=== ${file} ${Object.entries(env)
      .map(([k, v]) => `${k}=${v}`)
      .join(" ")}`,
  );
  const r = spawnSync(process.execPath, [...nodeArgs, here(file)], {
    stdio: "inherit",
    env: { ...process.env, ...env, BENCH_FIGURES: figuresFile },
  });
  if (r.status !== 0) throw new Error(`${file} exited ${r.status ?? r.signal}`);
}

const started = performance.now();
bench("./run.mjs", { BENCH_COMPARE_N: process.env.BENCH_COMPARE_N ?? "100000" }, ["--expose-gc"]);
bench("./cohort-stream.mjs", { BENCH_COHORT_N: process.env.BENCH_COHORT_N ?? "100000" }, [
  "--expose-gc",
]);
bench("./flares.mjs");
bench("./cli-classify.mjs");
bench("./cli-summary.mjs");
console.log("\n=== size-limit");
const sizes = JSON.parse(
  execFileSync(process.execPath, [here("../node_modules/size-limit/bin.js"), "--json"], {
    cwd: here(".."),
    encoding: "utf8",
  }),
);

const figures = readFileSync(figuresFile, "utf8")
  .trim()
  .split("\n")
  .map((l) => JSON.parse(l));
rmSync(dir, { recursive: true, force: true });
const one = (name) => {
  const f = figures.find((x) => x.bench === name);
  if (!f) throw new Error(`no figures from ${name}`);
  return f;
};

// Rates are min / median of 3 (ops/s): a ratio floor ÷ path of slower-path time over floor time.
const ratio = (floor, path) => ({ min: floor.min / path.min, median: floor.median / path.median });
const pair = (x, d = 1) => `${x.min.toFixed(d)} / ${x.median.toFixed(d)}`;
const yes = (ok) => (ok ? "**met**" : "not met");
const rows = [];
const row = (figure, measured, peer, value, target, ok) =>
  rows.push(`| ${figure} | ${measured} | ${peer} | ${value} | ${target} | ${ok} |`);
const rate = (x) =>
  x >= 1e6 ? `${(x / 1e6).toFixed(2)} M/s` : `${(x / 1e3).toFixed(x >= 1e5 ? 0 : 1)} k/s`;
const rates = (x) => `${rate(x.min)} / ${rate(x.median)}`;

for (const c of figures.filter((x) => x.bench === "classification")) {
  const floor = `hand-written ${rates(c.floor)}`;
  const e = ratio(c.floor, c.explained);
  row(
    `${c.definition}: classifyResponse, explained and rendered`,
    rates(c.explained),
    floor,
    `×${pair(e, 0)}`,
    "≤ ×30",
    yes(e.median <= 30),
  );
  const d = ratio(c.floor, c.safeClassify);
  row(
    `${c.definition}: validated category and missing (safeClassify)`,
    rates(c.safeClassify),
    floor,
    `×${pair(d)}`,
    "≤ ×10",
    yes(d.median <= 10),
  );
  const b = ratio(c.floor, c.compiled);
  row(
    `${c.definition}: compile().category (trusted input)`,
    rates(c.compiled),
    floor,
    `×${pair(b)}`,
    "≤ ×2",
    yes(b.median <= 2),
  );
}
const v = one("validation");
row(
  "validation of one assessment (the library's validator)",
  rates(v.fast),
  `ajv ${rates(v.ajv)}; zod ${rates(v.zod)}`,
  `time ×${pair({ min: v.ajv.min / v.fast.min, median: v.ajv.median / v.fast.median }, 2)} of ajv's`,
  "a precompiled validator (no number set)",
  "—",
);
const cs = one("cohortStream");
row(
  `summarizeCohortStream, ${(10 * cs.records).toLocaleString("en")} records × 8 visits`,
  `${cs.stream10Seconds.toFixed(1)} s, heap growth ${cs.heap10MiB.toFixed(0)} MiB`,
  `${cs.records.toLocaleString("en")} records: ${cs.streamSeconds.toFixed(1)} s, ${cs.heapMiB.toFixed(0)} MiB`,
  `exponent ${cs.exponent.toFixed(2)}`,
  "≤ 60 s; exponent ≤ 1.1",
  yes(cs.stream10Seconds <= 60 && cs.exponent <= 1.1),
);
const cmp = one("compare");
row(
  `compareCriteria, ${cmp.assessments.toLocaleString("en")} assessments × ${cmp.definitions} definitions`,
  `${cmp.seconds.toFixed(1)} s (CPU ${cmp.cpuSeconds.toFixed(1)} s)`,
  "—",
  `${((cmp.seconds * 100_000) / cmp.assessments).toFixed(1)} s per 100,000`,
  "≤ 20 s per 100,000",
  yes((cmp.seconds * 100_000) / cmp.assessments <= 20),
);
const co = one("cohort");
row(
  `summarizeCohort (array) vs the stream, ${co.records.toLocaleString("en")} records × 8 visits`,
  `${co.arraySeconds.toFixed(2)} s`,
  `the stream ${co.streamSeconds.toFixed(2)} s`,
  `array ÷ stream time ×${(co.arraySeconds / co.streamSeconds).toFixed(2)}`,
  "— (the stream is the path for any size)",
  "—",
);
const pc = one("perCall");
row(
  `one call per record (${pc.records.toLocaleString("en")} records × 8 visits): assessRecord, one time point; resolveTimepoint`,
  `${pair(pc.assessRecordUs)} µs; ${pair(pc.resolveTimepointUs, 2)} µs`,
  `the cohort stream's pass ${pc.cohortStreamUs.toFixed(1)} µs per record`,
  `assessRecord ÷ stream ×${(pc.assessRecordUs.median / pc.cohortStreamUs).toFixed(1)} (it explains every visit)`,
  "— (option checks once per schema)",
  "—",
);
const imp = one("import");
row(
  "import time of the package (fresh process, best of 5)",
  `ESM ${imp.esmMs.toFixed(0)} ms, CJS ${imp.cjsMs.toFixed(0)} ms`,
  "—",
  "—",
  "—",
  "—",
);
const fl = one("flares");
row(
  `detectFlares (kang2020RenalFlare after kang2020), ${fl.records.toLocaleString("en")} records × 8 visits`,
  `${pair(fl.detectFlares, 2)} s; the response part compiled ${pair(fl.responseCompiled, 3)} s`,
  `the response part explained ${pair(fl.responseExplained, 2)} s`,
  `explained ÷ compiled ×${(fl.responseExplained.median / fl.responseCompiled.median).toFixed(0)}`,
  "the compiled category for responseCriteria",
  "**met**",
);
const cli = one("cli");
row(
  `CLI classify, ${cli.rows.toLocaleString("en")} rows (wall; per CPU-second)`,
  `${rates(cli.wall)}; ${rates(cli.cpu)}`,
  `DuckDB toSql, 1 thread ${rates(cli.duckdb)}`,
  `DuckDB ÷ CLI ×${(cli.duckdb.median / cli.wall.median).toFixed(1)}`,
  "≥ 250,000 rows/s",
  yes(cli.wall.median >= 250_000),
);
const sum = one("cliSummary");
const [small, large] = sum.runs;
row(
  "CLI --summary-only, peak RSS",
  `${small.rows.toLocaleString("en")} rows ${small.streamedMB.toFixed(0)} MB; ${large.rows.toLocaleString("en")} rows ${large.streamedMB.toFixed(0)} MB`,
  `buffered: ${small.bufferedMB.toFixed(0)} → ${large.bufferedMB.toFixed(0)} MB`,
  `×${(large.streamedMB / small.streamedMB).toFixed(2)} for ×${(large.rows / small.rows).toFixed(0)} the rows`,
  "flat (≤ ×1.25)",
  yes(large.streamedMB / small.streamedMB <= 1.25),
);
for (const s of sizes) {
  row(
    `bundle: ${s.name.replace(/ \(.*$/, "")}`,
    `${(s.size / 1000).toFixed(2)} kB`,
    "—",
    "—",
    `≤ ${(s.sizeLimit / 1000).toFixed(2)} kB`,
    yes(s.passed),
  );
}

console.log(
  `\n## Scorecard (node ${process.version}, ${((performance.now() - started) / 60_000).toFixed(1)} min; min / median of 3 where a pair)\n`,
);
console.log("| figure | measured | floor or peer, same run | ratio | target | |");
console.log("|---|---|---|---|---|---|");
for (const r of rows) console.log(r);
