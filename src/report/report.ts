/**
 * A cohort report: one self-contained, offline HTML page with figures drawn by
 * Vega-Lite (compiled to SVG here, in Node; the page runs no script) and the
 * tables beside them. Figures: response rates over time per definition with
 * their exact confidence intervals; a swimmer plot of each patient's category at
 * each visit with intercurrent events; the reclassification matrix between the
 * first two definitions; Kaplan–Meier curves of the time to first response with
 * the number at risk. Every definition's citation and readings are listed.
 *
 * @module
 */
import type { TopLevelSpec } from "vega-lite";
import { type CohortSummary, summarizeCohort } from "../analysis/cohort.js";
import { compareCriteria, type SeparatingClauseCount } from "../analysis/compare.js";
import { timeToEvent } from "../analysis/derived.js";
import { kaplanMeier, survivalSummary } from "../analysis/survival.js";
import type { TimepointOptions } from "../api/timeline.js";
import { criteriaOf } from "../ir/schema.js";
import type { ResponseCriteria, Timepoint } from "../ir/types.js";
import type { PatientRecord } from "../model/record.js";

/**
 * Options of {@link renderReport}: the summary's options (time points, analysis, windows,
 * carry-forward), a title and notes.
 *
 * @example
 * ```ts
 * import type { ReportOptions } from 'lupus-renal-criteria/report';
 * const o: ReportOptions = {
 *   title: 'LN-01 renal response',
 *   timepoints: [{ label: 'week 24', day: 168, windowDays: 28 }],
 *   analysis: 'itt',
 * };
 * ```
 * @category Report
 */
export interface ReportOptions extends TimepointOptions {
  /** The page's title (default: "Renal response report"). */
  readonly title?: string;
  /** Time points (default: each definition's schedule; required when a definition has none). */
  readonly timepoints?: readonly Timepoint[];
  /** Denominator rule (default `itt`). */
  readonly analysis?: "itt" | "evaluable" | "per-protocol";
  /** Notes printed under the title (e.g. rows of the input that are not in the records). */
  readonly notes?: readonly string[];
}

const CATEGORY_COLORS = {
  domain: ["CR", "PR", "NR", "indeterminate"],
  range: ["#1a7f37", "#7fbf3f", "#c0392b", "#9e9e9e"],
};

/** The packages that draw the figures: optional peer dependencies of the library. */
const PEERS = ["vega", "vega-lite"] as const;

type Renderer = (spec: TopLevelSpec) => Promise<string>;
let renderer: Promise<Renderer> | undefined;

/**
 * Vega and Vega-Lite, loaded on first use (dynamic imports: the entry can be imported without
 * them, and the CLI bundle inlines them). A missing package rejects with an error naming what
 * to install; a later call tries again.
 */
function loadRenderer(): Promise<Renderer> {
  renderer ??= Promise.allSettled([import("vega"), import("vega-lite")]).then(([v, vl]) => {
    if (v.status === "fulfilled" && vl.status === "fulfilled") {
      const { parse, View } = v.value;
      const { compile } = vl.value;
      return async (spec: TopLevelSpec) => {
        const view = new View(parse(compile(spec).spec), { renderer: "none" });
        const svg = await view.toSVG();
        view.finalize();
        return svg;
      };
    }
    renderer = undefined;
    const failed = [v, vl].flatMap((r, i) =>
      r.status === "rejected" ? [{ name: PEERS[i], reason: r.reason as unknown }] : [],
    );
    throw new Error(
      `renderReport (lupus-renal-criteria/report) draws its figures with Vega and Vega-Lite, optional peer dependencies of lupus-renal-criteria that could not be loaded (${failed
        .map((f) => `${f.name}: ${f.reason instanceof Error ? f.reason.message : String(f.reason)}`)
        .join("; ")}). Install them next to it: npm install vega@6 vega-lite@6`,
      { cause: failed[0]?.reason },
    );
  });
  return renderer;
}

const esc = (s: string | number): string =>
  String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function table(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  return `<table><thead><tr>${header.map((h) => `<th>${esc(h)}</th>`).join("")}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join("")}</tr>`)
    .join("")}</tbody></table>`;
}

const pct = (x: number | null) => (x === null ? "not assessed" : `${(x * 100).toFixed(1)}%`);

/** Rates over time: CR and overall response per definition, with exact intervals. */
function ratesSpec(summaries: readonly CohortSummary[]): TopLevelSpec {
  const values = summaries.flatMap((s) =>
    s.timepoints.flatMap((tp) =>
      (["CR", "OR"] as const).flatMap((m) => {
        const r = tp.rates[m];
        return r.rate === null || r.ci === null
          ? []
          : [
              {
                definition: s.criteria.id,
                timepoint: tp.label,
                day: tp.targetDay,
                measure: m === "OR" ? "overall response (CR or PR)" : "complete response",
                rate: r.rate,
                lower: r.ci[0],
                upper: r.ci[1],
              },
            ];
      }),
    ),
  );
  // Time points in day order; the definitions side by side within each.
  const order = [...new Map(values.map((v) => [v.timepoint, v.day])).entries()]
    .sort((p, q) => p[1] - q[1])
    .map(([label]) => label);
  const x = {
    field: "timepoint",
    type: "nominal",
    title: "time point",
    sort: order,
    axis: { labelAngle: 0 },
  } as const;
  const xOffset = { field: "definition", type: "nominal" } as const;
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    data: { values },
    facet: { column: { field: "measure", type: "nominal", title: null } },
    spec: {
      width: 280,
      height: 200,
      layer: [
        {
          mark: { type: "rule", strokeWidth: 2 },
          encoding: {
            x,
            y: {
              field: "lower",
              type: "quantitative",
              title: "rate (exact 95% CI)",
              scale: { domain: [0, 1] },
            },
            y2: { field: "upper" },
            xOffset,
            color: { field: "definition", type: "nominal" },
          },
        },
        {
          mark: { type: "point", filled: true, size: 60 },
          encoding: {
            x,
            y: { field: "rate", type: "quantitative" },
            xOffset,
            color: { field: "definition", type: "nominal" },
          },
        },
      ],
    },
  } as TopLevelSpec;
}

/** Each patient's category at each visit (first definition), intercurrent events marked. */
function swimmerSpec(summary: CohortSummary, records: readonly PatientRecord[]): TopLevelSpec {
  const visits = summary.patients.flatMap((p) =>
    p.visits.map((v) => ({ patient: p.id, day: v.day, category: v.category })),
  );
  const ids = new Set(summary.patients.map((p) => p.id));
  const events = records
    .filter((r) => ids.has(r.id))
    .flatMap((r) => (r.events ?? []).map((e) => ({ patient: r.id, day: e.day, event: e.type })));
  const y = {
    field: "patient",
    type: "nominal",
    title: null,
    sort: summary.patients.map((p) => p.id),
  } as const;
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: 560,
    height: { step: 16 },
    layer: [
      {
        data: { values: visits },
        mark: { type: "square", size: 90, opacity: 1 },
        encoding: {
          x: {
            field: "day",
            type: "quantitative",
            title: `day after baseline (${summary.criteria.id})`,
          },
          y,
          color: { field: "category", type: "nominal", scale: CATEGORY_COLORS, title: "category" },
        },
      },
      {
        data: { values: events },
        mark: {
          type: "point",
          shape: "triangle-down",
          size: 80,
          color: "black",
          filled: true,
          yOffset: -8,
        },
        encoding: {
          x: { field: "day", type: "quantitative" },
          y,
          tooltip: { field: "event" },
        },
      },
    ],
  } as TopLevelSpec;
}

/** Counts of (category under A, category under B) over every record × time point. */
function matrixOf(a: string, b: string, rows: readonly { categories: Record<string, string> }[]) {
  const order = ["CR", "PR", "NR", "indeterminate", "missing"];
  const counts = new Map<string, number>();
  for (const r of rows) {
    const x = r.categories[a];
    const y = r.categories[b];
    if (x === undefined || y === undefined) continue;
    counts.set(`${x}|${y}`, (counts.get(`${x}|${y}`) ?? 0) + 1);
  }
  return order.flatMap((x) =>
    order.map((y) => ({ [a]: x, [b]: y, a: x, b: y, n: counts.get(`${x}|${y}`) ?? 0 })),
  );
}

function matrixSpec(a: string, b: string, cells: readonly Record<string, unknown>[]): TopLevelSpec {
  const order = ["CR", "PR", "NR", "indeterminate", "missing"];
  const enc = {
    x: { field: "b", type: "ordinal", sort: order, title: b },
    y: { field: "a", type: "ordinal", sort: order, title: a },
  } as const;
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    data: { values: cells },
    width: { step: 56 },
    height: { step: 36 },
    layer: [
      {
        mark: "rect",
        encoding: {
          ...enc,
          color: {
            field: "n",
            type: "quantitative",
            title: "assessments",
            scale: { scheme: "blues" },
          },
        },
      },
      {
        mark: { type: "text", fontSize: 13 },
        encoding: { ...enc, text: { field: "n", type: "quantitative" } },
      },
    ],
  } as TopLevelSpec;
}

/** Time to first response (CR or PR) per definition, censored at the last visit. */
function survivalOf(s: CohortSummary) {
  const { observations } = timeToEvent(s.patients, "first-response");
  return { n: observations.length, observations, rows: kaplanMeier(observations) };
}

function kmSpec(
  curves: readonly { id: string; rows: ReturnType<typeof kaplanMeier> }[],
): TopLevelSpec {
  // A step function: the proportion still without a response, from 1 at day 0.
  const values = curves.flatMap((c) => [
    { definition: c.id, day: 0, survival: 1 },
    ...c.rows.map((r) => ({ definition: c.id, day: r.time, survival: r.survival })),
  ]);
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    data: { values },
    width: 560,
    height: 220,
    mark: { type: "line", interpolate: "step-after", strokeWidth: 2 },
    encoding: {
      x: { field: "day", type: "quantitative", title: "day after baseline" },
      y: {
        field: "survival",
        type: "quantitative",
        title: "without a response yet (Kaplan–Meier)",
        scale: { domain: [0, 1] },
      },
      color: { field: "definition", type: "nominal" },
    },
  } as TopLevelSpec;
}

const CSS = `body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1100px;padding:0 16px;color:#1b1b1b}
h1{font-size:22px}h2{font-size:18px;margin-top:32px;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:8px 0;font-size:13px}th,td{border:1px solid #ddd;padding:3px 8px;text-align:left}
th{background:#f4f4f4}figure{margin:12px 0}figcaption{color:#555;font-size:13px}.note{color:#555}
.side{display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start}.side>figure{width:min-content}.side>section{flex:1 1 320px;min-width:0}td.n{text-align:right}`;

/** The clauses that separated the two definitions, counted (beside the matrix). */
function separatingTable(a: string, b: string, counts: readonly SeparatingClauseCount[]): string {
  const rows = counts.filter((c) => c.a === a && c.b === b);
  if (rows.length === 0) {
    return `<section id="separating-counts"><h3>Separating clauses, counted</h3><p class="note">No assessment is classified differently.</p></section>`;
  }
  const body = `<table><thead><tr><th>${esc(a)} / ${esc(b)}</th><th>separating clause</th><th>subjects</th><th>assessments</th></tr></thead><tbody>${rows
    .map(
      (c) =>
        `<tr><td>${esc(c.categoryA)} / ${esc(c.categoryB)}</td><td>${esc(c.label)}${c.truth === "unknown" ? " (unknown)" : ""}</td><td class="n">${c.subjects}</td><td class="n">${c.assessments}</td></tr>`,
    )
    .join("")}</tbody></table>`;
  return `<section id="separating-counts"><h3>Separating clauses, counted</h3>${body}<p class="note">For each direction (the category under ${esc(a)} / under ${esc(b)}), the clauses that kept one definition from the other's category, with the subjects and assessments each separated; an assessment can count under several clauses.</p></section>`;
}

/**
 * One definition in a report: a response criteria object and the options it is evaluated
 * under (readings, proteinuria substitution, carry-forward), as `summarizeCohort` takes them.
 *
 * @example
 * ```ts
 * import { criteria } from 'lupus-renal-criteria';
 * import type { ReportDefinition } from 'lupus-renal-criteria/report';
 * const d: ReportDefinition = {
 *   criteria: criteria.zhang2023,
 *   options: { interpretation: { crProteinuriaCutoff: '0.7' } },
 * };
 * ```
 * @category Report
 */
export interface ReportDefinition {
  readonly criteria: ResponseCriteria;
  readonly options?: TimepointOptions;
}

/**
 * A self-contained HTML report of a cohort under one or more definitions:
 * response rates over time with exact intervals, a swimmer plot, the
 * reclassification matrix between the first two definitions with the clauses
 * that separate them (per assessment and counted per clause), Kaplan–Meier
 * curves of the time to first response with numbers at risk, the summary
 * tables, and each definition's citation and readings. The figures are SVG
 * (Vega-Lite, rendered in Node); the page loads nothing and runs no script.
 *
 * Needs the optional peer dependencies `vega` and `vega-lite` (`npm install vega vega-lite`),
 * loaded on the first call; without them the promise rejects with an error naming them.
 *
 * @param selected - response criteria objects, each with its own options (readings,
 *   substitution, carry-forward); the first one draws the swimmer plot, the first two the
 *   reclassification.
 * @param records - patient records (invalid ones are counted in the tables).
 * @param options - title, time points, analysis, window and carry-forward options.
 * @returns the HTML text.
 * @throws `InputError` for a malformed option (as `summarizeCohort`); `CriteriaError` for an
 *   invalid criteria object; an `Error` naming `vega` and `vega-lite` when they are not installed.
 * @example
 * ```ts
 * import { criteria } from 'lupus-renal-criteria';
 * import { renderReport } from 'lupus-renal-criteria/report';
 * const html = await renderReport([{ criteria: criteria.kang2020 }, { criteria: criteria.zhang2023 }], [{
 *   id: 'P1',
 *   patient: { sex: 'F' },
 *   baseline: { proteinuria: { value: 4, unit: 'g/24h' }, serumCreatinine: { value: 60, unit: 'umol/L' } },
 *   visits: [{ day: 168, labs: {
 *     proteinuria: { value: 0.2, unit: 'g/24h' }, serumCreatinine: { value: 60, unit: 'umol/L' },
 *     serumAlbumin: { value: 38, unit: 'g/L' }, urineSediment: { normal: true } } }],
 * }], { timepoints: [{ label: 'week 24', day: 168, windowDays: 28 }] });
 * html.startsWith('<!doctype html>'); // true
 * ```
 * @category Report
 */
export async function renderReport(
  selected: readonly ReportDefinition[],
  records: readonly unknown[],
  options: ReportOptions = {},
): Promise<string> {
  const definitions = selected.map((x) => x.criteria);
  for (const c of definitions) criteriaOf(c, "response");
  const { title = "Renal response report", notes = [], ...summaryOptions } = options;
  const summaries = selected.map((x) =>
    summarizeCohort(x.criteria, records, { ...summaryOptions, ...x.options }),
  );
  const svgOf = await loadRenderer();
  const invalid = new Set(summaries[0]?.invalid.map((x) => x.index));
  const valid = records.filter((_r, i) => !invalid.has(i)) as PatientRecord[];
  const parts: string[] = [
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${CSS}</style></head><body>`,
    `<h1>${esc(title)}</h1>`,
    `<p class="note">${records.length} patient record(s); ${summaries[0]?.invalid.length ?? 0} invalid. Analysis: ${esc(summaries[0]?.analysis ?? options.analysis ?? "itt")}. For research and decision support.</p>`,
    ...notes.map((n) => `<p class="note">Note: ${esc(n)}</p>`),
  ];
  parts.push(
    `<h2>Response rates over time</h2><figure id="fig-rates">${await svgOf(ratesSpec(summaries))}<figcaption>Complete and overall response rate at each time point, with exact (Clopper–Pearson) 95% intervals. A time point nobody was assessed at has no point.</figcaption></figure>`,
  );
  for (const s of summaries) {
    parts.push(
      `<h3>${esc(s.criteria.id)}@${esc(s.criteria.version)}</h3>`,
      table(
        [
          "time point",
          "day",
          "CR",
          "PR",
          "NR",
          "indet.",
          "missing",
          "invalid",
          "denominator",
          "CR rate",
          "OR rate",
        ],
        s.timepoints.map((tp) => [
          tp.label,
          tp.targetDay,
          tp.counts.CR,
          tp.counts.PR,
          tp.counts.NR,
          tp.counts.indeterminate,
          tp.counts.missing,
          tp.counts.invalid,
          tp.denominator,
          pct(tp.rates.CR.rate),
          pct(tp.rates.OR.rate),
        ]),
      ),
    );
  }
  const first = summaries[0];
  if (first) {
    parts.push(
      `<h2>Each patient's course (${esc(first.criteria.id)})</h2><figure id="fig-swimmer">${await svgOf(swimmerSpec(first, valid))}<figcaption>One square per visit, coloured by its category; a black triangle marks an intercurrent event (rescue therapy, withdrawal, death, end of follow-up).</figcaption></figure>`,
    );
  }
  const [a, b] = definitions;
  const matrixTimepoints = options.timepoints ?? definitions[0]?.schedule?.timepoints ?? [];
  if (a && b && first && matrixTimepoints.length > 0) {
    const [oa, ob] = [selected[0]?.options, selected[1]?.options];
    const cmp = compareCriteria(valid, [a, b], {
      timepoints: matrixTimepoints,
      interpretations: {
        ...(oa?.interpretation ? { [a.id]: oa.interpretation as Record<string, string> } : {}),
        ...(ob?.interpretation ? { [b.id]: ob.interpretation as Record<string, string> } : {}),
      },
      ...(oa?.allowProteinuriaSubstitution === undefined
        ? {}
        : { allowProteinuriaSubstitution: oa.allowProteinuriaSubstitution }),
    });
    const cells = matrixOf(a.id, b.id, cmp.rows);
    const kappa = cmp.agreement[0];
    parts.push(
      `<h2>Reclassification: ${esc(a.id)} × ${esc(b.id)}</h2><div class="side"><figure id="fig-matrix">${await svgOf(matrixSpec(a.id, b.id, cells))}<figcaption>Assessments (patient × time point, at ${esc(a.id)}'s time points) by category under each definition. Cohen's kappa over the assessments both decided: ${kappa?.kappa === null || kappa === undefined ? "not defined" : kappa.kappa.toFixed(3)} (n = ${kappa?.n ?? 0}).</figcaption></figure>`,
      separatingTable(a.id, b.id, cmp.separatingClauses),
      "</div>",
    );
    // Which clauses separated the two definitions, assessment by assessment (the first 50).
    const disagreements = cmp.rows.flatMap((r) =>
      r.disagreements.map((d) => [
        r.id,
        r.timepoint ?? "",
        `${d.categoryA} / ${d.categoryB}`,
        d.separating.join(" ") || "—",
      ]),
    );
    parts.push(
      `<h3 id="disagreements">Disagreements and the clauses that separate them (${disagreements.length})</h3>`,
      table(
        ["patient", "time point", `${a.id} / ${b.id}`, "separating clauses"],
        disagreements.slice(0, 50),
      ),
      disagreements.length > 50
        ? `<p class="note">… and ${disagreements.length - 50} more (compareCriteria lists them all).</p>`
        : "",
    );
  }
  const curves = summaries.map((s) => ({ id: s.criteria.id, ...survivalOf(s) }));
  parts.push(
    `<h2>Time to first response</h2><figure id="fig-km">${await svgOf(kmSpec(curves))}<figcaption>Kaplan–Meier estimate of the proportion without a response (CR or PR) yet; a patient without one is censored at the last visit; a patient with no visit is not in the curve.</figcaption></figure>`,
  );
  const medians = curves.map((c) => ({ id: c.id, m: survivalSummary(c.observations) }));
  parts.push(
    table(
      [
        "time to first response",
        "patients",
        "responses",
        "median (days)",
        "95% CI (Brookmeyer–Crowley, log)",
      ],
      medians.map(({ id, m }) => [
        id,
        m.n,
        m.events,
        m.median ?? "not reached",
        `${m.lower ?? "—"} to ${m.upper ?? "not reached"}`,
      ]),
    ),
  );
  const atDays = [0, 91, 182, 365, 730];
  parts.push(
    table(
      ["number at risk", ...atDays.map((d) => `day ${d}`)],
      curves.map((c) => [
        c.id,
        ...atDays.map((d) => {
          // At risk at day d: no event and not censored before d.
          const later = c.rows.filter((r) => r.time >= d);
          return later[0]?.nRisk ?? 0;
        }),
      ]),
    ),
  );
  parts.push("<h2>Definitions</h2>");
  for (const c of definitions) {
    const s = summaries.find((x) => x.criteria.id === c.id);
    parts.push(
      `<p><b>${esc(c.id)}@${esc(c.version)}</b> — ${esc(c.citation.authors)} (${c.citation.year}). ${esc(c.citation.title)}. ${esc(c.citation.journal)}.${c.citation.doi ? ` doi:${esc(c.citation.doi)}` : ""} Evidence: ${esc(c.evidence)}. Readings: ${esc(
        Object.entries(s?.interpretation ?? {})
          .map(([k, v]) => `${k} = ${v}`)
          .join("; ") || "none",
      )}.</p>`,
    );
  }
  parts.push("</body></html>");
  return `${parts.join("\n")}\n`;
}
