// npm run bench:cli-summary — the CLI's `--summary-only` on a generated visit CSV (patients × 8
// visits, zhang2023, ITT), streamed (the summary alone) against buffered (the same run with
// --analysis-dataset, which keeps every patient): wall time and peak RSS (GNU time), at N and 4·N
// patients, and the ratio of the peaks. Memory of the streamed run should not grow with N.
// BENCH_CLI_N (default 25,000 patients = 200,000 rows). Prints figures; no assertions.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { rng } from "./rng.mjs";

const N = Number(process.env.BENCH_CLI_N ?? 25_000);
const dir = mkdtempSync(join(tmpdir(), "lrc-bench-cli-"));
const CLI = new URL("../dist/cli.js", import.meta.url).pathname;

function writeCsv(patients, path) {
  const rand = rng(11);
  const pick = (a, b, step) => (Math.round((a + rand() * (b - a)) / step) * step).toFixed(2);
  const lines = ["id,day,sex,up0,scr0,up,scr,alb"];
  for (let k = 0; k < patients; k++) {
    const sex = rand() < 0.8 ? "F" : "M";
    const up0 = pick(1, 10, 0.01);
    const scr0 = pick(35, 160, 1);
    for (const day of [30, 91, 120, 183, 270, 365, 540, 731]) {
      lines.push(
        `p${k},${day},${sex},${up0},${scr0},${pick(0, 6, 0.01)},${pick(35, 180, 1)},${pick(20, 45, 0.1)}`,
      );
    }
  }
  writeFileSync(path, `${lines.join("\n")}\n`);
  return lines.length - 1;
}

function run(csv, extra) {
  const args = [
    "-f",
    "%e %M",
    process.execPath,
    CLI,
    "classify",
    csv,
    "--id-column",
    "id",
    "--day-column",
    "day",
    "--sex-column",
    "sex",
    "--baseline-proteinuria",
    "up0:g/24h",
    "--baseline-creatinine",
    "scr0:umol/L",
    "--proteinuria",
    "up:g/24h",
    "--creatinine",
    "scr:umol/L",
    "--albumin",
    "alb:g/L",
    "--criteria",
    "zhang2023",
    "--summary-only",
    "--quiet",
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

console.log("patients  rows       streamed: s / peak RSS     buffered: s / peak RSS     RSS ratio");
for (const n of [N, 4 * N]) {
  const csv = join(dir, `visits-${n}.csv`);
  const rows = writeCsv(n, csv);
  const s = run(csv, []);
  const b = run(csv, ["--analysis-dataset", join(dir, "adrs.csv")]);
  console.log(
    `${String(n).padStart(8)}  ${String(rows).padStart(9)}  ${s.seconds.toFixed(1).padStart(8)} s / ${s.mb.toFixed(0).padStart(5)} MB   ${b.seconds.toFixed(1).padStart(8)} s / ${b.mb.toFixed(0).padStart(5)} MB   ${(b.mb / s.mb).toFixed(2)}`,
  );
}
rmSync(dir, { recursive: true, force: true });
