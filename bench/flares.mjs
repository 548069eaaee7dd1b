// npm run bench:flares — detectFlares with after-response grades (kang2020RenalFlare, whose grades
// count only after a CR or a PR, so every visit's response category is needed) on generated
// records × 8 visits, beside the cost of that response category alone: by the compiled category
// (what detectFlares uses) and by classifyResponse (the explained path it used before). Prints
// figures, min / median of 3 (of the times: the first figure is the best run); no assertions.
// BENCH_FLARES_N (default 10,000 records).
import { classifyResponse, compile, criteria, detectFlares, flares } from "../dist/index.js";
import { record, seconds } from "./figures.mjs";
import { rng } from "./rng.mjs";

const N = Number(process.env.BENCH_FLARES_N ?? 10_000);
const rand = rng(23);
const pick = (a, b, step) => Math.round((a + rand() * (b - a)) / step) * step;
const labs = () => ({
  proteinuria: { value: pick(5, 400, 1), unit: "mg/mmol" },
  serumCreatinine: { value: pick(35, 180, 1), unit: "umol/L" },
  serumAlbumin: { value: pick(20, 45, 0.1), unit: "g/L" },
  urineSediment: { rbcPerHpf: Math.floor(rand() * 12), wbcPerHpf: Math.floor(rand() * 10) },
});
const records = Array.from({ length: N }, (_, k) => ({
  id: `p${k}`,
  patient: { sex: rand() < 0.8 ? "F" : "M" },
  baseline: labs(),
  visits: [30, 91, 120, 183, 270, 365, 540, 731].map((day) => ({ day, labs: labs() })),
}));

const options = { responseCriteria: criteria.kang2020 };
let found = 0;
const flaresTime = seconds(() => {
  for (const r of records)
    found += detectFlares(flares.kang2020RenalFlare, r, options).flares.length;
});
const compiled = compile(criteria.kang2020);
const assessments = records.flatMap((r) =>
  r.visits.map((v) => ({ patient: r.patient, baseline: r.baseline, current: v.labs })),
);
let cr = 0;
const compiledTime = seconds(() => {
  for (const a of assessments) if (compiled.category(a) === "CR") cr++;
});
const explainedTime = seconds(() => {
  for (const a of assessments) if (classifyResponse(criteria.kang2020, a).category === "CR") cr++;
});
const s = (x) => `${x.min.toFixed(2)} / ${x.median.toFixed(2)} s`;
console.log(
  `${N.toLocaleString("en")} records × 8 visits, kang2020RenalFlare after kang2020 responses`,
);
console.log(`detectFlares with responseCriteria          ${s(flaresTime)}  (${found} flares)`);
console.log(`  the visits' response categories, compiled  ${s(compiledTime)}`);
console.log(`  the same by classifyResponse (explained)   ${s(explainedTime)}`);
console.log(
  `explained / compiled response time: ×${(explainedTime.median / compiledTime.median).toFixed(0)} (median); the response part is ${((100 * compiledTime.median) / flaresTime.median).toFixed(1)} % of detectFlares`,
);
if (cr < 0) console.log(cr);
record("flares", {
  records: N,
  detectFlares: flaresTime,
  responseCompiled: compiledTime,
  responseExplained: explainedTime,
});
