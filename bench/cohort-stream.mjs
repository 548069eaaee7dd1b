// npm run bench:cohort — summarizeCohortStream against summarizeCohort on the same generated
// cohort (records × 8 visits, zhang2023, ITT): time, heap growth, and the scaling exponent of the
// stream from N to 10·N (target ≤ 1.1: linear time, memory flat). Prints figures; no assertions.
// BENCH_COHORT_N (default 100,000) sets N; the array path runs at N only (it holds every record).
import { performance } from "node:perf_hooks";
import { summarizeCohort, summarizeCohortStream } from "../dist/analysis.js";
import { criteria } from "../dist/index.js";
import { record } from "./figures.mjs";
import { rng } from "./rng.mjs";

const N = Number(process.env.BENCH_COHORT_N ?? 100_000);

/** The n-th record of a deterministic cohort (each record made when asked, never stored). */
function* cohort(n, seed = 7) {
  const rand = rng(seed);
  const pick = (a, b, step) => Math.round((a + rand() * (b - a)) / step) * step;
  const labs = () => ({
    proteinuria: { value: pick(0, 6, 0.01), unit: "g/24h" },
    serumCreatinine: { value: pick(35, 180, 1), unit: "umol/L" },
    serumAlbumin: { value: pick(20, 45, 0.1), unit: "g/L" },
  });
  for (let k = 0; k < n; k++) {
    yield {
      id: `p${k}`,
      patient: { sex: rand() < 0.8 ? "F" : "M" },
      baseline: {
        proteinuria: { value: pick(1, 10, 0.01), unit: "g/24h" },
        serumCreatinine: { value: pick(35, 160, 1), unit: "umol/L" },
      },
      visits: [30, 91, 120, 183, 270, 365, 540, 731].map((day) => ({ day, labs: labs() })),
    };
  }
}

async function measure(label, run) {
  globalThis.gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  let peak = heap0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 5);
  const t0 = performance.now();
  const s = await run();
  const ms = performance.now() - t0;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  const mib = (peak - heap0) / 2 ** 20;
  console.log(
    `${label.padEnd(44)} ${(ms / 1000).toFixed(2).padStart(7)} s  heap growth ≈ ${mib.toFixed(0).padStart(5)} MiB  (month 6 OR ${s.timepoints[1]?.rates.OR.count})`,
  );
  return { ms, mib };
}

console.log(`zhang2023, ITT, 8 visits per record (node ${process.version})`);
const array = [...cohort(N)];
const a = await measure(`summarizeCohort, ${N.toLocaleString()} records (array)`, () =>
  summarizeCohort(criteria.zhang2023, array),
);
array.length = 0;
const s1 = await measure(`summarizeCohortStream, ${N.toLocaleString()} records`, () =>
  summarizeCohortStream(criteria.zhang2023, cohort(N)),
);
const s10 = await measure(`summarizeCohortStream, ${(10 * N).toLocaleString()} records`, () =>
  summarizeCohortStream(criteria.zhang2023, cohort(10 * N)),
);
console.log(
  `stream / array at ${N.toLocaleString()}: time ${(s1.ms / a.ms).toFixed(2)}, heap ${(s1.mib / Math.max(a.mib, 1)).toFixed(2)}; ` +
    `stream scaling exponent ${N.toLocaleString()} → ${(10 * N).toLocaleString()}: time ${(Math.log(s10.ms / s1.ms) / Math.log(10)).toFixed(2)} (target ≤ 1.1), ` +
    `heap ${s1.mib.toFixed(0)} → ${s10.mib.toFixed(0)} MiB`,
);
record("cohortStream", {
  records: N,
  arraySeconds: a.ms / 1000,
  streamSeconds: s1.ms / 1000,
  stream10Seconds: s10.ms / 1000,
  exponent: Math.log(s10.ms / s1.ms) / Math.log(10),
  heapMiB: s1.mib,
  heap10MiB: s10.mib,
});
