// The main job: classify worked examples from both papers and print category + explanation.
// Baselines are the published Table 1 rows; the papers do not publish per-patient follow-up
// labs, so each follow-up below is an illustrative value, labelled as such.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  compareCriteria,
  kaplanMeier,
  summarizeCohort,
  survivalSummary,
} from "../dist/analysis.js";
import {
  assessEligibility,
  classifyResponse,
  criteria,
  detectFlares,
  eligibility,
  flares,
  renderExplanation,
} from "../dist/index.js";
import { analysisDataset, analysisDatasetJson } from "../dist/io.js";

const examples = [
  {
    title: "Kang 2020, Table 1 patient 4 (F, 49 y): baseline 4.92 g/24h, creatinine 63 µmol/L",
    criteria: criteria.kang2020,
    input: {
      patient: { sex: "F", ageYears: 49 },
      baseline: {
        proteinuria: { value: 4.92, unit: "g/24h" },
        serumCreatinine: { value: 63, unit: "umol/L" },
      },
      current: {
        proteinuria: { value: 0.47, unit: "g/24h" },
        serumCreatinine: { value: 63, unit: "umol/L" },
        serumAlbumin: { value: 35, unit: "g/L" },
      },
    },
    followUp: "illustrative week-12 labs (paper: PR, discontinued for SAE at week 12)",
  },
  {
    title: "Kang 2020, Table 1 patient 2 (F, 45 y): baseline 1.34 g/24h, creatinine 39 µmol/L",
    criteria: criteria.kang2020,
    input: {
      patient: { sex: "F", ageYears: 45 },
      baseline: {
        proteinuria: { value: 1.34, unit: "g/24h" },
        serumCreatinine: { value: 39, unit: "umol/L" },
      },
      current: {
        proteinuria: { value: 180, unit: "mg/24h" },
        serumCreatinine: { value: 0.48, unit: "mg/dL" },
        serumAlbumin: { value: 4.1, unit: "g/dL" },
        urineSediment: { rbcPerHpf: 3, wbcPerHpf: 2, cellularCasts: false },
      },
    },
    followUp: "illustrative week-24 labs in mixed units (paper: CR)",
  },
  {
    title: "Kang 2020, Table 1 patient 12 (F, 19 y): baseline 1.32 g/24h — inside the text's gap",
    criteria: criteria.kang2020,
    input: {
      patient: { sex: "F", ageYears: 19 },
      baseline: {
        proteinuria: { value: 1.32, unit: "g/24h" },
        serumCreatinine: { value: 40.2, unit: "umol/L" },
      },
      current: {
        proteinuria: { value: 0.25, unit: "g/24h" },
        serumCreatinine: { value: 42, unit: "umol/L" },
        serumAlbumin: { value: 37, unit: "g/L" },
        urineSediment: { rbcPerHpf: 15, wbcPerHpf: 3, cellularCasts: false },
      },
    },
    followUp: "illustrative labs: proteinuria below the PR range with active sediment",
  },
  {
    title: "Zhang 2023, Table 1 patient 17 (F, 23 y): baseline 4.10 g/24h, creatinine 56 µmol/L",
    criteria: criteria.zhang2023,
    input: {
      patient: { sex: "F", ageYears: 23 },
      baseline: {
        proteinuria: { value: 4.1, unit: "g/24h" },
        serumCreatinine: { value: 56, unit: "umol/L" },
      },
      current: {
        proteinuria: { value: 0.62, unit: "g/24h" },
        serumCreatinine: { value: 58, unit: "umol/L" },
        serumAlbumin: { value: 34, unit: "g/L" },
      },
    },
    followUp: "illustrative month-6 labs: 0.62 g/day sits inside the printed '< 0.5–0.7 g' range",
  },
  {
    title: "Zhang 2023, Table 1 patient 6 (F, 25 y): baseline 1.4 g/24h, creatinine 84 µmol/L",
    criteria: criteria.zhang2023,
    input: {
      patient: { sex: "F", ageYears: 25 },
      baseline: {
        proteinuria: { value: 1.4, unit: "g/24h" },
        serumCreatinine: { value: 84, unit: "umol/L" },
      },
      current: { proteinuria: { value: 0.65, unit: "g/24h" } },
    },
    followUp: "illustrative month-3 labs with creatinine and albumin not yet reported",
  },
];

for (const ex of examples) {
  const r = classifyResponse(ex.criteria, ex.input);
  console.log(`\n=== ${ex.title}`);
  console.log(`    follow-up: ${ex.followUp}`);
  console.log(`    → ${r.category}${r.robust ? "" : " (depends on how the source is read)"}`);
  for (const line of renderExplanation(r)) console.log(`    ${line}`);
}
// The published cohorts.
const fixture = (name) => {
  const url = new URL(`../test/fixtures/${name}`, import.meta.url);
  return existsSync(url) ? JSON.parse(readFileSync(url, "utf8")) : undefined;
};
const pct = (r) => (r.rate === null ? "—" : `${(100 * r.rate).toFixed(1)}%`);
const ci = (r) =>
  r.ci === null
    ? "[not assessed]"
    : `[${(100 * r.ci[0]).toFixed(1)}–${(100 * r.ci[1]).toFixed(1)}]`;
// Files the demo writes (the report, the analysis dataset) go to reports/demo/.
const out = new URL("../reports/demo/", import.meta.url);
mkdirSync(out, { recursive: true });

for (const [name, rule] of [
  ["kang2020-table1.json", eligibility.kang2020Refractory],
  ["zhang2023-table1.json", eligibility.zhang2023Refractory],
]) {
  const f = fixture(name);
  if (!f) continue;
  const statuses = f.records.map((r) => `${r.provenance.row}:${assessEligibility(rule, r).status}`);
  console.log(`\n=== ${rule.title}: Table 1 patients (as far as the table allows)`);
  console.log(`    ${statuses.join("  ")}`);
}

const kang = fixture("kang2020-followup.json");
if (kang) {
  const s = summarizeCohort(criteria.kang2020, kang.records, {
    analysis: "evaluable",
    carryForward: true,
  });
  const w = s.timepoints[0];
  console.log(
    "\n=== Kang 2020 week 24 (reconstructed follow-up; evaluable, last observation carried forward)",
  );
  console.log(
    `    n = ${w.denominator}: CR ${w.rates.CR.count} ${pct(w.rates.CR)} ${ci(w.rates.CR)}, PR ${w.rates.PR.count} ${pct(w.rates.PR)} ${ci(w.rates.PR)}, response ${w.rates.OR.count} ${pct(w.rates.OR)} ${ci(w.rates.OR)}`,
  );
  for (const x of w.excluded) console.log(`    excluded ${x.id}: ${x.reason}`);
  // The reading of Kang's outcome column that the errata support: the best response within 24
  // weeks (docs/errata.md, "the outcome column is the best response within 24 weeks").
  const best = summarizeCohort(criteria.kang2020, kang.records, {
    analysis: "evaluable",
    outcome: "best-by-timepoint",
  }).timepoints[0];
  console.log(
    "    best response by week 24 (no carry-forward), the reading of Kang's outcome column:",
  );
  console.log(
    `    n = ${best.denominator}: CR ${best.rates.CR.count} ${pct(best.rates.CR)}, PR ${best.rates.PR.count} ${pct(best.rates.PR)}, response ${best.rates.OR.count} ${pct(best.rates.OR)}`,
  );
  // The analysis dataset of the week-24 summary (CDISC Dataset-JSON v1.1, ADRS-like).
  const adrs = analysisDataset([s], { studyId: "KANG2020" });
  const adrsFile = new URL("kang2020-week24-adrs.json", out);
  writeFileSync(
    adrsFile,
    `${JSON.stringify(analysisDatasetJson(adrs, { studyOID: "KANG2020" }))}\n`,
  );
  console.log(`    analysis dataset: ${adrs.length} rows → ${fileURLToPath(adrsFile)}`);
  // Time to the first renal flare (Kang's own flare definition), from baseline, censored at the
  // last visit (Kaplan–Meier).
  const obs = kang.records
    .filter((r) => (r.visits ?? []).length > 0)
    .map((r) => {
      const f = detectFlares(flares.kang2020RenalFlare, r, {
        responseCriteria: criteria.kang2020,
        // Kang words the proteinuric flare as a UPCR; its patients have 24-h protein.
        allowProteinuriaSubstitution: true,
      }).flares[0];
      return f
        ? { time: f.day, event: true }
        : { time: Math.max(...r.visits.map((v) => v.day)), event: false };
    });
  const km = kaplanMeier(obs);
  const median = survivalSummary(obs);
  const at = (day) => km.filter((x) => x.time <= day).at(-1)?.survival ?? 1;
  console.log(
    `    time to first renal flare (Kaplan–Meier, ${obs.length} patients with visits, ${obs.filter((o) => o.event).length} flares): free of flare at week 24 ${(100 * at(168)).toFixed(0)}%, at week 48 ${(100 * at(336)).toFixed(0)}%; median ${median.median ?? "not reached"} (95% CI ${median.lower ?? "—"} to ${median.upper ?? "not reached"})`,
  );
}

const zhang = fixture("zhang2023-reconstruction.json");
if (zhang) {
  const s = summarizeCohort(criteria.zhang2023, zhang.records, { analysis: "itt" });
  console.log(
    "\n=== Zhang 2023 (reconstructed cohort consistent with the published counts; ITT, n = 20)",
  );
  for (const t of s.timepoints) {
    console.log(
      `    ${t.label.padEnd(9)} CR ${pct(t.rates.CR).padStart(6)}  PR ${pct(t.rates.PR).padStart(6)}  OR ${pct(t.rates.OR).padStart(6)} ${ci(t.rates.OR)}  >25% drop ${pct(t.endpoints.UP25)}`,
    );
  }
  const all = Object.values(criteria);
  const month6 = criteria.zhang2023.schedule.timepoints.slice(1, 2);
  const cmp = compareCriteria(zhang.records, all, {
    timepoints: month6,
    allowProteinuriaSubstitution: true,
  });
  console.log(`\n=== The same 20 patients at month 6 under every shipped response definition`);
  for (const id of cmp.criteria) {
    const t = cmp.cohorts[id].timepoints[0];
    console.log(
      `    ${id.padEnd(22)} CR ${String(t.rates.CR.count).padStart(2)}  PR ${String(t.rates.PR.count).padStart(2)}  NR ${String(t.counts.NR).padStart(2)}  undecided ${t.counts.indeterminate + t.counts.missing}`,
    );
  }
  // The cohort report (the CLI's `report` command): figures and tables in one HTML page.
  const reportFile = fileURLToPath(new URL("zhang2023-report.html", out));
  execFileSync(process.execPath, [
    fileURLToPath(new URL("../dist/cli.js", import.meta.url)),
    "report",
    fileURLToPath(new URL("../test/fixtures/zhang2023-reconstruction.json", import.meta.url)),
    "--criteria",
    "zhang2023,kang2020",
    "--allow-proteinuria-substitution",
    "--title",
    "Zhang 2023 reconstructed cohort",
    "--html",
    reportFile,
    "--quiet",
  ]);
  console.log(
    `    report (rates, swimmer plot, reclassification, time to response) → ${reportFile}`,
  );
  const k = cmp.agreement.find((a) => a.a === "zhang2023" && a.b === "kang2020");
  if (k)
    console.log(
      `    Zhang 2023 vs Kang 2020: agreement ${k.observed === null ? "—" : (100 * k.observed).toFixed(0)}% over ${k.n}, kappa ${k.kappa === null ? "—" : k.kappa.toFixed(2)}`,
    );
}

console.log("\nFor research and decision support; see README.");
