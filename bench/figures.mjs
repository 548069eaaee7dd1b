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
