// compareCriteria alone, old vs new in one process: the frozen copy of the implementation before
// the speed work (test/support/compare-reference.ts) against src/analysis/compare.ts, on the
// inputs of bench/run.mjs (same generator, same seed), every shipped definition. Runs alternate
// (old, new, old, new, …); each prints CPU time (process.cpuUsage) and wall time, then min and
// median of each, and the heap after each run. `read` also serialises every result (reads every
// property); `new` runs the new implementation only (e.g. at 100,000 assessments).
//
//   node_modules/.bin/esbuild bench/compare-ab.ts --bundle --platform=node --format=esm \
//     --outfile=/tmp/compare-ab.mjs && node --expose-gc /tmp/compare-ab.mjs 5000 3 [read] [new]
import { performance } from "node:perf_hooks";
import { compareCriteria } from "../src/analysis/compare.js";
import { criteria } from "../src/criteria/index.js";
import { compareCriteriaReference } from "../test/support/compare-reference.js";
// @ts-expect-error: an untyped .mjs helper of the benches
import { rng } from "./rng.mjs";

const N = Number(process.argv[2] ?? 5000);
const REPS = Number(process.argv[3] ?? 3);
const READ = process.argv.slice(4).includes("read");
const ONLY_NEW = process.argv.slice(4).includes("new");
const rand: () => number = rng(42);
const pick = (a: number, b: number, step: number) =>
  Math.round((a + rand() * (b - a)) / step) * step;
const makeInput = () => ({
  patient: { sex: rand() < 0.8 ? "F" : "M" },
  baseline: {
    proteinuria: { value: pick(1, 10, 0.01), unit: "g/24h" },
    serumCreatinine: { value: pick(35, 160, 1), unit: "umol/L" },
  },
  current: {
    proteinuria: { value: pick(0, 6, 0.01), unit: "g/24h" },
    serumCreatinine: { value: pick(35, 180, 1), unit: "umol/L" },
    serumAlbumin: { value: pick(20, 45, 0.1), unit: "g/L" },
    urineSediment: {
      rbcPerHpf: Math.floor(rand() * 12),
      wbcPerHpf: Math.floor(rand() * 10),
      cellularCasts: rand() < 0.1,
    },
  },
});
const inputs = Array.from({ length: N }, makeInput);
const definitions = Object.values(criteria);
const gc = (globalThis as { gc?: () => void }).gc;

const runs: Record<string, { cpu: number[]; wall: number[] }> = {
  old: { cpu: [], wall: [] },
  new: { cpu: [], wall: [] },
};
const fns = { old: compareCriteriaReference, new: compareCriteria };
let chars = 0;
for (let r = 0; r < REPS; r++) {
  for (const name of ONLY_NEW ? (["new"] as const) : (["old", "new"] as const)) {
    gc?.();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const c = fns[name](inputs, definitions);
    if (READ) chars += JSON.stringify(c).length;
    const wall = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const cpuS = (cpu.user + cpu.system) / 1e6;
    runs[name]?.cpu.push(cpuS);
    runs[name]?.wall.push(wall);
    const heap = process.memoryUsage().heapUsed / 2 ** 20;
    console.log(
      `${name} run ${r + 1}: CPU ${cpuS.toFixed(2)} s, wall ${wall.toFixed(2)} s, heap after ${heap.toFixed(0)} MiB (${c.rows.length} rows)`,
    );
  }
}
const stat = (xs: number[]) => {
  const s = [...xs].sort((x, y) => x - y);
  return `min ${s[0]?.toFixed(2)} s, median ${s[Math.floor(s.length / 2)]?.toFixed(2)} s`;
};
for (const [name, x] of Object.entries(runs)) {
  if (x.cpu.length === 0) continue;
  console.log(
    `${name}: CPU ${stat(x.cpu)}; wall ${stat(x.wall)}; ${N.toLocaleString()} × ${definitions.length}${READ ? ` (read: ${chars} chars)` : ""}`,
  );
}
