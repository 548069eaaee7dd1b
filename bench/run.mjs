// npm run bench — speed of the library against a hand-written floor (prints ratios; no assertions).
// (a) hand-written inline if/else of the same definition, (b) compile(), (c) classifyResponse().
// Also summarizeCohort on 100,000 records × 8 visits, and the package's import time.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import Ajv2020 from "ajv/dist/2020.js";
import { compareCriteria, summarizeCohort, summarizeCohortStream } from "../dist/analysis.js";
import {
  assessRecord,
  classifyResponse,
  compile,
  criteria,
  ResponseInputSchema,
  renderExplanation,
  resolveTimepoint,
} from "../dist/index.js";
import { safeParseResponseInput } from "../dist/model/fast-parse.js";
import { record, seconds, spread } from "./figures.mjs";
import { rng } from "./rng.mjs";

const N = Number(process.env.BENCH_N ?? 1_000_000);
const N_VALIDATED = Number(process.env.BENCH_N_VALIDATED ?? 100_000);

const rand = rng(42);
const pick = (a, b, step) => Math.round((a + rand() * (b - a)) / step) * step;

function makeInput() {
  return {
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
  };
}

// (a) What a statistician would type: canonical units assumed, no missing data, default readings.
function kangHand(i) {
  const b = i.baseline,
    c = i.current,
    s = c.urineSediment;
  const up = c.proteinuria.value * 1000,
    up0 = b.proteinuria.value * 1000;
  const scr = c.serumCreatinine.value,
    scr0 = b.serumCreatinine.value;
  const uln = i.patient.sex === "F" ? 91.9 : 119.3;
  if (up < 300 && s.rbcPerHpf <= 5 && s.wbcPerHpf <= 5 && !s.cellularCasts && scr <= uln)
    return "CR";
  if (
    up >= 300 &&
    up <= 2000 &&
    ((up0 - up) / up0) * 100 >= 50 &&
    c.serumAlbumin.value > 30 &&
    ((scr - scr0) / scr0) * 100 <= 25
  )
    return "PR";
  return "NR";
}
function zhangHand(i) {
  const b = i.baseline,
    c = i.current;
  const up = c.proteinuria.value,
    up0 = b.proteinuria.value;
  const scr = c.serumCreatinine.value,
    scr0 = b.serumCreatinine.value;
  // zhang2023 ≥ 1.1.0, creatinineBand 'stable-or-improved': a rise of at most 25% (any fall passes).
  const stable = ((scr - scr0) / scr0) * 100 <= 25;
  if (stable && up < 0.5) return "CR";
  const drop = ((up0 - up) / up0) * 100;
  if (drop > 50 && (up0 > 3.5 ? up < 3 : up <= 1) && c.serumAlbumin.value >= 30 && stable)
    return "PR";
  return "NR";
}

/** Operations per second over `inputs`, three runs after a warm-up: min and median (of the rates). */
function time(fn, inputs, reps = 3) {
  const rates = [];
  let sink = 0;
  // One pass to warm the JIT up, not counted.
  for (let k = 0; k < Math.min(inputs.length, 20_000); k++) if (fn(inputs[k]) === "CR") sink++;
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    for (let k = 0; k < inputs.length; k++) if (fn(inputs[k]) === "CR") sink++;
    rates.push(inputs.length / ((performance.now() - t0) / 1000));
  }
  if (sink < 0) console.log(sink);
  return spread(rates);
}

console.log(
  `node ${process.version}, ${N.toLocaleString()} synthetic assessments (validated paths: ${N_VALIDATED.toLocaleString()})`,
);
const t0 = performance.now();
const inputs = Array.from({ length: N }, makeInput);
const validated = inputs.slice(0, N_VALIDATED);
console.log(`generated in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);

/**
 * The explained path with everything a reader sees made real: every clause of the tree
 * walked, the alternatives read and the explanation rendered to sentences — so a lazily
 * built explanation could not flatter the ratio.
 */
function explained(c) {
  return (i) => {
    const r = classifyResponse(c, i);
    let n = renderExplanation(r).length;
    for (const a of r.alternatives) if (a.category === r.category) n++;
    const walk = (node) => {
      n++;
      for (const k of node.children ?? []) walk(k);
    };
    for (const d of r.explanation.categories) walk(d.result);
    for (const d of r.explanation.endpoints) walk(d.result);
    return n < 0 ? "CR" : r.category;
  };
}

const rows = [];
for (const [name, c, hand] of [
  ["zhang2023", criteria.zhang2023, zhangHand],
  ["kang2020", criteria.kang2020, kangHand],
]) {
  const compiled = compile(c);
  // The paths must agree on these inputs before their speed means anything.
  for (let k = 0; k < 20_000; k++) {
    const h = hand(inputs[k]);
    const b = compiled.category(inputs[k]);
    const d = compiled.safeClassify(inputs[k]);
    const e = k < 2_000 ? classifyResponse(c, inputs[k]).category : h;
    if (h !== b || !d.success || d.data.category !== h || e !== h)
      throw new Error(`${name}: the paths disagree on ${JSON.stringify(inputs[k])}`);
  }
  const a = time(hand, inputs);
  const b = time((i) => compiled.category(i), inputs);
  const d = time((i) => {
    const r = compiled.safeClassify(i);
    return r.success ? r.data.category : "error";
  }, validated);
  const e0 = time((i) => classifyResponse(c, i).category, validated);
  const e = time(explained(c), validated);
  rows.push({ name, a, b, d, e0, e });
}
const M = (x) => `${(x / 1e6).toFixed(2)} M/s`;
const K = (x) => `${(x / 1e3).toFixed(1)} k/s`;
const pair = (f, x) => `${f(x.min)} / ${f(x.median)}`;
const ratio = (floor, x) =>
  `${(floor.min / x.min).toFixed(1)} / ${(floor.median / x.median).toFixed(1)}`;
console.log(
  "Classification, min / median of 3 runs (ops/s); ratios are floor ÷ path (min / median):",
);
console.log(
  "| definition | (a) hand-written floor | (b) compile().category | (d) compile().safeClassify | (c₀) classifyResponse, result only | (c) classifyResponse, explained and rendered | b/a | d/a (target ≤ 10) | c₀/a | c/a (target ≤ 30) |",
);
console.log("|---|---|---|---|---|---|---|---|---|---|");
for (const r of rows) {
  console.log(
    `| ${r.name} | ${pair(M, r.a)} | ${pair(M, r.b)} | ${pair(K, r.d)} | ${pair(K, r.e0)} | ${pair(K, r.e)} | ${ratio(r.a, r.b)} | ${ratio(r.a, r.d)} | ${ratio(r.a, r.e0)} | ${ratio(r.a, r.e)} |`,
  );
  record("classification", {
    definition: r.name,
    floor: r.a,
    compiled: r.b,
    safeClassify: r.d,
    classifyResponse: r.e0,
    explained: r.e,
  });
}

// Validation of one assessment: the zod schema, the fast path in front of it (what the
// library uses), and ajv compiled from the shipped JSON Schema (the peer).
const ajv = new Ajv2020({ allErrors: false, strict: false });
const ajvCheck = ajv.compile(
  JSON.parse(
    readFileSync(new URL("../schema/response-input.schema.json", import.meta.url), "utf8"),
  ),
);
for (let k = 0; k < 2_000; k++) {
  if (!ajvCheck(inputs[k]) || !safeParseResponseInput(inputs[k]).success)
    throw new Error("a bench input is invalid");
}
const vz = time((i) => (ResponseInputSchema.safeParse(i).success ? "CR" : "NR"), validated);
const vf = time((i) => (safeParseResponseInput(i).success ? "CR" : "NR"), validated);
const va = time((i) => (ajvCheck(i) ? "CR" : "NR"), validated);
console.log("\nValidation of one assessment, min / median of 3 (ops/s):");
console.log(
  "| zod schema | fast path (used) | ajv (JSON Schema, peer) | fast ÷ ajv time | zod ÷ fast time |",
);
console.log("|---|---|---|---|---|");
record("validation", { zod: vz, fast: vf, ajv: va });
console.log(
  `| ${pair(M, vz)} | ${pair(M, vf)} | ${pair(M, va)} | ${(va.min / vf.min).toFixed(1)} / ${(va.median / vf.median).toFixed(1)} | ${(vf.min / vz.min).toFixed(1)} / ${(vf.median / vz.median).toFixed(1)} |`,
);

// Cohort summary: 100,000 records × 8 visits.
const RECORDS = Number(process.env.BENCH_RECORDS ?? 100_000);
const records = Array.from({ length: RECORDS }, (_, n) => {
  const i = makeInput();
  return {
    id: `p${n}`,
    patient: i.patient,
    baseline: i.baseline,
    visits: [30, 91, 120, 183, 270, 365, 540, 731].map((day) => ({
      day,
      labs: makeInput().current,
    })),
  };
});
globalThis.gc?.();
const heap0 = process.memoryUsage().heapUsed;
let peak = heap0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
const tc = performance.now();
const summary = summarizeCohort(criteria.zhang2023, records);
const cohortMs = performance.now() - tc;
peak = Math.max(peak, process.memoryUsage().heapUsed);
clearInterval(sampler);
console.log(
  `\nsummarizeCohort(zhang2023, ${RECORDS.toLocaleString()} records × 8 visits, ITT): ${(cohortMs / 1000).toFixed(2)} s, ` +
    `${((RECORDS * 8) / (cohortMs / 1000) / 1e3).toFixed(0)} k visits/s, heap growth ≈ ${((peak - heap0) / 2 ** 20).toFixed(0)} MiB ` +
    `(OR at month 6: ${summary.timepoints[1]?.rates.OR.count})`,
);

// The same records as a stream (each folded and dropped): the path for cohorts of any size.
globalThis.gc?.();
const ts = performance.now();
const streamed = await summarizeCohortStream(criteria.zhang2023, records);
const streamMs = performance.now() - ts;
console.log(
  `summarizeCohortStream, same records: ${(streamMs / 1000).toFixed(2)} s (array / stream time ${(cohortMs / streamMs).toFixed(2)}; ` +
    `OR at month 6: ${streamed.timepoints[1]?.rates.OR.count}). 1,000,000 records and the scaling exponent: npm run bench:cohort`,
);
record("cohort", {
  records: RECORDS,
  arraySeconds: cohortMs / 1000,
  streamSeconds: streamMs / 1000,
});

// compareCriteria: every shipped definition on the same assessments (validated once each).
const COMPARE_N = Number(process.env.BENCH_COMPARE_N ?? 10_000);
const definitions = Object.values(criteria);
const tcmp = performance.now();
const cpu0 = process.cpuUsage();
compareCriteria(validated.slice(0, COMPARE_N), definitions);
const cpu = process.cpuUsage(cpu0);
const cmpMs = performance.now() - tcmp;
console.log(
  `compareCriteria, ${COMPARE_N.toLocaleString()} assessments × ${definitions.length} definitions: ${(cmpMs / 1000).toFixed(2)} s ` +
    `(CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s); at this rate 100,000 assessments take ${((cmpMs / COMPARE_N) * 100).toFixed(0)} s (target ≤ 20 s)`,
);
record("compare", {
  assessments: COMPARE_N,
  definitions: definitions.length,
  seconds: cmpMs / 1000,
  cpuSeconds: (cpu.user + cpu.system) / 1e6,
});

// One record at a time through the public calls (what an app or a loop over records does):
// each call checks its options and validates its record. The peer is the cohort pass above,
// which checks its options once and validates each record once (µs per record).
const PER_CALL_N = Math.min(RECORDS, Number(process.env.BENCH_PER_CALL_N ?? 20_000));
const perCall = (fn) => {
  const xs = records.slice(0, PER_CALL_N);
  for (let k = 0; k < Math.min(2_000, xs.length); k++) fn(xs[k]);
  const s = seconds(() => {
    for (const x of xs) fn(x);
  });
  const us = (t) => (t * 1e6) / xs.length;
  return { min: us(s.min), median: us(s.median), max: us(s.max) };
};
const M6 = { label: "month 6", day: 183, windowDays: 30 };
const assessUs = perCall((r) => assessRecord(criteria.zhang2023, r, { timepoints: [M6] }));
const resolveUs = perCall((r) => resolveTimepoint(r, M6));
const cohortUs = (streamMs * 1000) / RECORDS;
console.log(
  `\nPer record, one call each (${PER_CALL_N.toLocaleString()} records × 8 visits), min / median of 3: ` +
    `assessRecord(zhang2023, one time point) ${assessUs.min.toFixed(1)} / ${assessUs.median.toFixed(1)} µs, ` +
    `resolveTimepoint ${resolveUs.min.toFixed(1)} / ${resolveUs.median.toFixed(1)} µs; ` +
    `the cohort stream's whole pass per record (every default time point) ${cohortUs.toFixed(1)} µs`,
);
record("perCall", {
  records: PER_CALL_N,
  assessRecordUs: assessUs,
  resolveTimepointUs: resolveUs,
  cohortStreamUs: cohortUs,
});

// Import time of the package (fresh process, ESM and CJS), best of 5.
const importMs = (code) => {
  let best = Number.POSITIVE_INFINITY;
  for (let k = 0; k < 5; k++) {
    const out = execFileSync(process.execPath, ["-e", code], { encoding: "utf8" });
    best = Math.min(best, Number(out));
  }
  return best;
};
const esm = importMs(
  `const t=performance.now();import(${JSON.stringify(new URL("../dist/index.js", import.meta.url).href)}).then(()=>process.stdout.write(String(performance.now()-t)))`,
);
const cjs = importMs(
  `const t=performance.now();require(${JSON.stringify(new URL("../dist/index.cjs", import.meta.url).pathname)});process.stdout.write(String(performance.now()-t))`,
);
console.log(`import time: ESM ${esm.toFixed(1)} ms, CJS ${cjs.toFixed(1)} ms (includes zod)`);
record("import", { esmMs: esm, cjsMs: cjs });
