// The figures a bench hands to `npm run bench:targets` (bench/targets.mjs): when BENCH_FIGURES names
// a file, each call appends one JSON line `{ "bench": name, ...figures }` to it; otherwise nothing.
import { appendFileSync } from "node:fs";

/**
 * Record one bench's figures for the scorecard.
 * @param {string} bench - the bench's name.
 * @param {Record<string, unknown>} figures - plain numbers (and min/median pairs).
 */
export function record(bench, figures) {
  const file = process.env.BENCH_FIGURES;
  if (file) appendFileSync(file, `${JSON.stringify({ bench, ...figures })}\n`);
}

/**
 * The best, median and worst of a few measurements (times or rates: `min` is the smallest).
 * @param {number[]} xs - the measurements.
 * @returns {{ min: number, median: number, max: number }}
 */
export function spread(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0], median: s[Math.floor(s.length / 2)], max: s[s.length - 1] };
}

/**
 * Seconds taken by `run`, three times over: their {@link spread}.
 * @param {() => void} run - the work to time.
 * @returns {{ min: number, median: number, max: number }}
 */
export function seconds(run) {
  const times = [];
  for (let r = 0; r < 3; r++) {
    const t = performance.now();
    run();
    times.push((performance.now() - t) / 1000);
  }
  return spread(times);
}
