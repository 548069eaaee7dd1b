import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { lintCriteria, lintMarkdown } from "../../src/analysis/lint.js";
import { criteria, type ResponseCriteria } from "../../src/index.js";

describe("lintCriteria", () => {
  it("finds Kang 2020's uncovered region below 300 mg and confirms the declared gap", () => {
    const r = lintCriteria(criteria.kang2020);
    const kinds = r.findings.map((f) => f.kind);
    expect(kinds).toContain("non-monotonic");
    expect(r.findings.find((f) => f.kind === "non-monotonic")?.message).toContain(
      "declared as below-pr-range-not-cr",
    );
    expect(r.findings.find((f) => f.kind === "declared-gap")?.message).toMatch(
      /found by exploration/,
    );
    // CR "< 300 mg" and PR "≥ 300 mg" meet without a hole under the inclusive default …
    expect(r.findings).toContainEqual({
      kind: "boundary",
      message: "cr-up < 300 mg/24h and pr-up-lower >= 300 mg/24h meet at 300: contiguous",
    });
  });
  it("… and leave 300 mg in neither under the 'exclusive' reading", () => {
    const r = lintCriteria(criteria.kang2020, {
      interpretation: { prProteinuriaBounds: "exclusive" },
    });
    expect(r.findings).toContainEqual({
      kind: "boundary",
      message:
        "cr-up < 300 mg/24h and pr-up-lower > 300 mg/24h meet at 300: the value belongs to neither",
    });
  });
  it("Zhang 2023: CR and PR overlap (CR wins), and a > 3.5 g/day baseline halved to 3 g/day is NR", () => {
    const r = lintCriteria(criteria.zhang2023);
    expect(r.findings.map((f) => f.kind)).toEqual(
      expect.arrayContaining(["overlap", "improvement-without-response"]),
    );
    expect(r.findings.some((f) => f.kind === "non-monotonic")).toBe(false);
  });
  it("reports an undeclared uncovered region as such", () => {
    const noGaps: ResponseCriteria = { ...criteria.kang2020, id: "kang2020-test", gaps: [] };
    const f = lintCriteria(noGaps).findings.find((x) => x.kind === "non-monotonic");
    expect(f?.message).toContain("NOT declared");
  });
  it("docs/criteria-gaps.md is up to date (regenerate: npm run lint:criteria)", () => {
    const md = `${lintMarkdown(Object.values(criteria).map((c) => lintCriteria(c)))}\n`;
    expect(readFileSync(new URL("../../docs/criteria-gaps.md", import.meta.url), "utf8")).toBe(md);
  }, 60_000);
});
