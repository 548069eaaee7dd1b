// The CLI's per-row classification alone, old vs new in one process: `classifyValidated` +
// `reasonOf` (the explained path the CLI used for every assessment row) against `rowClassifier`
// (src/api/rows.ts: the same columns from the compiled form), on the rows of `npm run bench:cli`
// (bench/cli-flags.mjs: same generator, same seed; zhang2023) validated once up front. Both paths
// are checked to give the same columns on every row before timing. Runs alternate (old, new, old,
// new, …); each prints CPU time (process.cpuUsage) and wall time, then min and median of each.
// `all` runs every shipped definition on the same rows instead of zhang2023 alone. The rows are
// the same in every run (and the check before timing has seen them all), so anything kept by value
// is warm: a cache of that kind must be judged on the CLI itself (`npm run bench:cli`, or CPU
// profiles of it), where each row is new and what is kept costs garbage collection.
//
//   npx esbuild bench/rows-ab.ts --bundle --platform=node --format=esm \
//     --outfile=/tmp/rows-ab.mjs && node --expose-gc /tmp/rows-ab.mjs 50000 3 [all]
import { performance } from "node:perf_hooks";
import { classifyValidated } from "../src/api/classify.js";
import { reasonOf, rowClassifier } from "../src/api/rows.js";
import { criteria } from "../src/criteria/index.js";
import type { ResponseCriteria } from "../src/ir/types.js";
import type { ResponseInput } from "../src/model/assessment.js";
import { safeParseResponseInput } from "../src/model/fast-parse.js";
// @ts-expect-error: an untyped .mjs helper of the benches
import { rng } from "./rng.mjs";

const N = Number(process.argv[2] ?? 50_000);
const REPS = Number(process.argv[3] ?? 3);
const ALL = process.argv[4] === "all";
const definitions = (
  ALL ? Object.values(criteria).filter((c) => c.kind === "response") : [criteria.zhang2023]
) as ResponseCriteria[];

// The rows of bench/cli-flags.mjs's writeVisitCsv (seed 5, as bench/cli-classify.mjs).
const rand: () => number = rng(5);
const pick = (a: number, b: number, step: number) =>
  Number((Math.round((a + rand() * (b - a)) / step) * step).toFixed(2));
const inputs: ResponseInput[] = [];
while (inputs.length < N) {
  const sex = rand() < 0.8 ? "F" : "M";
  const up0 = pick(1, 10, 0.01);
  const scr0 = pick(35, 160, 1);
  for (let v = 0; v < 8 && inputs.length < N; v++) {
    const parsed = safeParseResponseInput({
      patient: { sex },
      baseline: {
        proteinuria: { value: up0, unit: "g/24h" },
        serumCreatinine: { value: scr0, unit: "umol/L" },
      },
      current: {
        proteinuria: { value: pick(0, 6, 0.01), unit: "g/24h" },
        serumCreatinine: { value: pick(35, 180, 1), unit: "umol/L" },
        serumAlbumin: { value: pick(20, 45, 0.1), unit: "g/L" },
      },
    });
    if (!parsed.success) throw parsed.error;
    inputs.push(parsed.data);
  }
}

const old = (c: ResponseCriteria, s: ResponseInput) => {
  const r = classifyValidated(c, s);
  return {
    category: r.category,
    possibleCategories: r.possibleCategories,
    robust: r.robust,
    sensitiveTo: r.sensitiveTo,
    missing: r.missing,
    endpoints: r.endpoints,
    warnings: r.warnings,
    assumptions: r.assumptions,
    notes: r.notes,
    reason: reasonOf(r),
  };
};
const fast = definitions.map((c) => rowClassifier(c));

let differ = 0;
for (const s of inputs) {
  for (const [i, c] of definitions.entries()) {
    if (JSON.stringify(old(c, s)) !== JSON.stringify((fast[i] as (typeof fast)[number])(s)))
      differ++;
  }
}
if (differ > 0) throw new Error(`${differ} rows differ`);

let sink = 0;
const runs: Record<"old" | "new", { cpu: number; wall: number }[]> = { old: [], new: [] };
for (let rep = 0; rep < REPS; rep++) {
  for (const which of ["old", "new"] as const) {
    (globalThis as { gc?: () => void }).gc?.();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (const s of inputs) {
      for (const [i, c] of definitions.entries()) {
        const r = which === "old" ? old(c, s) : (fast[i] as (typeof fast)[number])(s);
        sink += r.reason.length;
      }
    }
    const wall = (performance.now() - t0) / 1000;
    const u = process.cpuUsage(c0);
    const cpu = (u.user + u.system) / 1e6;
    runs[which].push({ cpu, wall });
    const per = (x: number) => ((x * 1e6) / (N * definitions.length)).toFixed(2);
    console.log(`${which} run ${rep + 1}: ${per(cpu)} µs CPU, ${per(wall)} µs wall per row`);
  }
}
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return [s[0] as number, s[Math.floor(s.length / 2)] as number];
};
const rows = N * definitions.length;
for (const which of ["old", "new"] as const) {
  const [cmin, cmed] = stats(runs[which].map((r) => r.cpu));
  const [wmin, wmed] = stats(runs[which].map((r) => r.wall));
  const f = (x: number) => `${((x * 1e6) / rows).toFixed(2)} µs`;
  const k = (x: number) => `${Math.round(rows / x).toLocaleString("en")}/s`;
  console.log(
    `${which}: CPU ${f(cmin as number)} / ${f(cmed as number)} (${k(cmin as number)} / ${k(cmed as number)}), wall ${f(wmin as number)} / ${f(wmed as number)} per row (min / median of ${REPS})`,
  );
}
console.log(`${rows.toLocaleString("en")} rows × definitions; ${sink > 0 ? "" : "?"}`);
