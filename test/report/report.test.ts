// The cohort report (issue 16 item 6), on the hand-checked cohort of test/api/timeline.test.ts:
// under Kang 2020 at week 24, CR (0.2 g/day, normal sediment), PR (4 → 0.8 g/day), NR (4 → 3.5
// g/day), indeterminate (albumin and creatinine missing), and a patient withdrawn on day 28.
import { describe, expect, it } from "vitest";
import { criteria, type PatientRecord } from "../../src/index.js";
import { renderReport } from "../../src/report/report.js";
import { base, cohort, labs, W24 } from "../support/cohort.js";

/** The marks of one Vega mark group inside one figure of the page. */
function marks(html: string, figure: string, group: string): number {
  const fig = html.slice(html.indexOf(`<figure id="${figure}">`));
  const body = fig.slice(0, fig.indexOf("</figure>"));
  const m = new RegExp(`<g class="${group}"[^>]*>(.*?)</g>`, "s").exec(body);
  return m?.[1] === undefined ? -1 : (m[1].match(/<(path|text) /g) ?? []).length;
}

describe("renderReport", () => {
  it("one definition: rates, swimmer, time to response, tables, citation; no script", async () => {
    const html = await renderReport([{ criteria: criteria.kang2020 }], cohort, {
      timepoints: [W24],
    });
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).not.toMatch(/<script|src="http|href="http/);
    // Rates: CR and OR at week 24, one point each (and one interval each).
    expect(marks(html, "fig-rates", "mark-symbol role-mark child_layer_1_marks")).toBe(1);
    expect(html).toContain(
      "<td>week 24</td><td>168</td><td>1</td><td>1</td><td>1</td><td>1</td><td>1</td><td>0</td><td>5</td><td>20.0%</td><td>40.0%</td>",
    );
    // Swimmer: one square per visit (4), one triangle for the withdrawal.
    expect(marks(html, "fig-swimmer", "mark-symbol role-mark layer_0_marks")).toBe(4);
    expect(marks(html, "fig-swimmer", "mark-symbol role-mark layer_1_marks")).toBe(1);
    // One definition: no reclassification matrix.
    expect(html).not.toContain('id="fig-matrix"');
    expect(html).toContain('<figure id="fig-km">');
    expect(html).toContain("doi:10.1186/s13075-020-02154-7");
    expect(html).toContain(
      "Readings: prProteinuriaBounds = inclusive; creatinineReference = mayo-clinic; sedimentCutoff = acr2012.",
    );
  });
  it("two definitions: the reclassification matrix has every pair of categories", async () => {
    const html = await renderReport(
      [{ criteria: criteria.kang2020 }, { criteria: criteria.zhang2023 }],
      cohort,
      {
        timepoints: [W24],
        title: "<b>LN</b> & co",
      },
    );
    // 5 × 5 cells (CR, PR, NR, indeterminate, missing), each with its count.
    expect(marks(html, "fig-matrix", "mark-rect role-mark layer_0_marks")).toBe(25);
    expect(marks(html, "fig-matrix", "mark-text role-mark layer_1_marks")).toBe(25);
    expect(html).toContain("<title>&#60;b&#62;LN&#60;/b&#62; &#38; co</title>");
    // Disagreements between the two: none here. The 0.2 g/day patient with normal sediment is CR
    // under both; the 0.8 g/day one PR under both (Zhang: > 50% fall, < 3 g/day from a nephrotic
    // baseline, albumin 38; Kang: 300–2000 mg/day, ≥ 50% fall); 3.5 g/day is NR under both; the
    // albumin-less patient is indeterminate under both and the withdrawn one missing.
    expect(html).toContain(
      '<h3 id="disagreements">Disagreements and the clauses that separate them (0)</h3>',
    );
    // Time to first response: one curve (a line mark group) per definition.
    const km = html.slice(html.indexOf('<figure id="fig-km">'));
    expect((km.slice(0, km.indexOf("</figure>")).match(/<path /g) ?? []).length).toBeGreaterThan(0);
    expect((html.match(/class="mark-line role-mark marks"/g) ?? []).length).toBe(2);
  });
  it("a disagreement is listed with the clause that separates the definitions", async () => {
    // 4 → 0.4 g/day with normal sediment: Zhang CR (< 0.5 g/day) but Kang PR (400 mg is not
    // below Kang's 300 mg/24h), as in test/analysis/compare.test.ts.
    const one: PatientRecord[] = [
      {
        id: "p04",
        ...base,
        visits: [{ day: 168, labs: { ...labs(0.4), urineSediment: { normal: true } } }],
      },
    ];
    const html = await renderReport(
      [{ criteria: criteria.kang2020 }, { criteria: criteria.zhang2023 }],
      one,
      { timepoints: [W24] },
    );
    expect(html).toContain("(1)</h3>");
    expect(html).toContain(
      "<td>p04</td><td>week 24</td><td>PR / CR</td><td>kang2020: 24-h urine protein 400 mg/24h (entered as 0.4 g/24h) is not below 300 mg/24h: not met (Kang 2020, Methods, Outcomes).",
    );
  });
  it("beside the matrix, the separating clauses counted per direction (hand-derived)", async () => {
    // Kang 2020 first, Zhang 2023 second; 4 g/day and 60 µmol/L at baseline, creatinine unchanged.
    // p04 0.4 g/day, p05 0.45 g/day (normal sediment): Zhang CR (< 0.5 g), Kang PR (not below
    // 300 mg; 300–2000 mg after a fall of ≥ 50%, albumin 38). p06 1.5 g/day with albumin exactly
    // 30 g/L: Zhang PR (−62.5%, < 3 g, albumin ≥ 30), Kang NR (albumin not above 30 g/L).
    const sediment = { urineSediment: { normal: true } };
    const three: PatientRecord[] = [
      { id: "p04", ...base, visits: [{ day: 168, labs: { ...labs(0.4), ...sediment } }] },
      { id: "p05", ...base, visits: [{ day: 168, labs: { ...labs(0.45), ...sediment } }] },
      { id: "p06", ...base, visits: [{ day: 168, labs: labs(1.5, 60, 30) }] },
    ];
    const html = await renderReport(
      [{ criteria: criteria.kang2020 }, { criteria: criteria.zhang2023 }],
      three,
      { timepoints: [W24] },
    );
    const section = html.slice(html.indexOf('<section id="separating-counts">'));
    expect(section.slice(0, section.indexOf("</section>"))).toContain(
      "<thead><tr><th>kang2020 / zhang2023</th><th>separating clause</th><th>subjects</th><th>assessments</th></tr></thead><tbody>" +
        '<tr><td>PR / CR</td><td>kang2020: 24-h urine protein below 300 mg/24h</td><td class="n">2</td><td class="n">2</td></tr>' +
        '<tr><td>NR / PR</td><td>kang2020: serum albumin above 30 g/L</td><td class="n">1</td><td class="n">1</td></tr>' +
        "</tbody></table>",
    );
    // The table sits beside the matrix, in the same row.
    expect(html).toMatch(
      /<div class="side"><figure id="fig-matrix">.*?<\/figure>\s*<section id="separating-counts">/s,
    );
    expect(html).toContain("(3)</h3>");
  });
  it("no disagreement: the counted clauses say so", async () => {
    const html = await renderReport(
      [{ criteria: criteria.kang2020 }, { criteria: criteria.zhang2023 }],
      cohort,
      { timepoints: [W24] },
    );
    expect(html).toContain(
      '<section id="separating-counts"><h3>Separating clauses, counted</h3><p class="note">No assessment is classified differently.</p></section>',
    );
  });
  it("each definition under its own readings (Zhang 2023: 0.6 g/day is CR only under '< 0.7')", async () => {
    // 4 → 0.6 g/day at month 6, creatinine unchanged, albumin 38: PR under the default '< 0.5',
    // CR under '< 0.7' (§2.4 "a 24h UP quantity < 0.5–0.7 g per day").
    const one: PatientRecord[] = [{ id: "p", ...base, visits: [{ day: 183, labs: labs(0.6) }] }];
    const m6 = [{ label: "month 6", day: 183, windowDays: 30 }];
    const plain = await renderReport([{ criteria: criteria.zhang2023 }], one, { timepoints: m6 });
    expect(plain).toContain("<td>month 6</td><td>183</td><td>0</td><td>1</td>");
    const lenient = await renderReport(
      [
        {
          criteria: criteria.zhang2023,
          options: { interpretation: { crProteinuriaCutoff: "0.7" } },
        },
      ],
      one,
      { timepoints: m6 },
    );
    expect(lenient).toContain("<td>month 6</td><td>183</td><td>1</td><td>0</td>");
    expect(lenient).toContain("crProteinuriaCutoff = 0.7");
  });
});
