// npm run bench:cli-summary — the CLI's `--summary-only` on a generated visit CSV (patients × 8
// visits, zhang2023, ITT), streamed (the summary alone) against buffered (the same run with
// --analysis-dataset, which keeps every patient): wall time and peak RSS (GNU time), at N and 4·N
// patients, and the ratio of the peaks. Memory of the streamed run should not grow with N.
// BENCH_CLI_N (default 25,000 patients = 200,000 rows). Prints figures; no assertions.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FLAGS, writeVisitCsv } from "./cli-flags.mjs";
import { record } from "./figures.mjs";

const N = Number(process.env.BENCH_CLI_N ?? 25_000);
const dir = mkdtempSync(join(tmpdir(), "lrc-bench-cli-"));
const CLI = new URL("../dist/cli.js", import.meta.url).pathname;

function run(csv, extra) {
  const args = [
    "-f",
    "%e %M",
    process.execPath,
    CLI,
    "classify",
    csv,
    ...FLAGS,
    "--summary-only",
    ...extra,
  ];
  const r = spawnSync("/usr/bin/time", args, {
    stdio: ["ignore", "ignore", "pipe"],
    encoding: "utf8",
  });
  // GNU time's line is the last line of stderr (the CLI itself is --quiet).
  const last = r.stderr.trim().split("\n").pop() ?? "";
  const [seconds, kb] = last.split(" ").map(Number);
  return { seconds, mb: kb / 1024, code: r.status };
}

const runs = [];
console.log("patients  rows       streamed: s / peak RSS     buffered: s / peak RSS     RSS ratio");
for (const n of [N, 4 * N]) {
  const csv = join(dir, `visits-${n}.csv`);
  const rows = writeVisitCsv(csv, n);
  const s = run(csv, []);
  const b = run(csv, ["--analysis-dataset", join(dir, "adrs.csv")]);
  runs.push({ patients: n, rows, streamedMB: s.mb, streamedSeconds: s.seconds, bufferedMB: b.mb });
  console.log(
    `${String(n).padStart(8)}  ${String(rows).padStart(9)}  ${s.seconds.toFixed(1).padStart(8)} s / ${s.mb.toFixed(0).padStart(5)} MB   ${b.seconds.toFixed(1).padStart(8)} s / ${b.mb.toFixed(0).padStart(5)} MB   ${(b.mb / s.mb).toFixed(2)}`,
  );
}
record("cliSummary", { runs });
rmSync(dir, { recursive: true, force: true });
