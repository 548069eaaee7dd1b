// The text toSql writes, per dialect, for one definition: small enough to review by eye, each
// derived value computed once, no helper column in the output list. The snapshot files under
// __snapshots__/ are the reviewed text; a change to them is a change to review.
import { describe, expect, it } from "vitest";
import { criteria } from "../../src/criteria/index.js";
import { type SqlDialect, toSql } from "../../src/evaluate/sql.js";

const columns = {
  sex: "sex",
  baseline: {
    proteinuria: { value: "up0", fixedUnit: "g/24h" },
    serumCreatinine: { value: "scr0", unit: "scr0_unit" },
  },
  current: {
    proteinuria: { value: "up", fixedUnit: "mg/24h" },
    serumCreatinine: { value: "scr", unit: "scr_unit" },
    serumAlbumin: { value: "alb", fixedUnit: "g/L" },
  },
} as const;

describe.each(["duckdb", "postgres", "spark"] as SqlDialect[])("toSql text (%s)", (dialect) => {
  const sql = toSql(criteria.zhang2023, { dialect, table: "visits", columns });
  it("matches the reviewed snapshot", async () => {
    await expect(sql).toMatchFileSnapshot(`./__snapshots__/toSql.zhang2023.${dialect}.sql`);
  });
  it("computes each rounding exponent once and each percentage once", () => {
    // zhang2023 here: baseline and current creatinine converted from a unit column (2 roundings),
    // current proteinuria converted from mg/24h (1), the proteinuria decrease and the creatinine
    // increase as percentages (2): five decimal exponents, five LOG10 calls.
    expect(sql.match(/LOG10\(/g)?.length).toBe(5 + (dialect === "postgres" ? 2 * 4 : 0));
    expect(sql.match(/\* 100\b/g)?.length).toBe(dialect === "postgres" ? 2 * 3 : 2);
    expect(sql.length).toBeLessThan(14_000); // about 120 lines
  });
  it("reads the user's table once and expands the user's row only in the outer SELECT", () => {
    expect(sql.match(/\bvisits\b/g)?.length).toBe(1);
    const outer = sql.slice(sql.indexOf("SELECT"), sql.indexOf("\nFROM ("));
    // The names the outer SELECT adds to the user's row: the category and the end points only.
    const added = [...outer.matchAll(/(?:AS |^\s*)["`]([^"`]+)["`](?: :=|,?$)/gm)].map((m) => m[1]);
    expect(added).toEqual(["category", "ep_OR", "ep_UP25"]);
    expect(outer).toMatch(
      dialect === "duckdb" ? /^SELECT UNNEST\(STRUCT_UPDATE\(/ : /__lrc_row["`]?\)?\.\*,/,
    );
  });
  it(dialect === "postgres" ? "fences every level with OFFSET 0" : "has no OFFSET fence", () => {
    const levels = sql.match(/\) AS __lrc_l\d+/g)?.length ?? 0;
    expect(levels).toBeGreaterThan(3);
    expect(sql.match(/OFFSET 0/g)?.length ?? 0).toBe(dialect === "postgres" ? levels + 1 : 0);
  });
});

describe("toSql text (clickhouse)", () => {
  const sql = toSql(criteria.zhang2023, { dialect: "clickhouse", table: "visits", columns });
  it("matches the reviewed snapshot", async () => {
    await expect(sql).toMatchFileSnapshot("./__snapshots__/toSql.zhang2023.clickhouse.sql");
  });
  it("computes each rounding exponent once, reads the table once, has no fence", () => {
    expect(sql.match(/LOG10\(/g)?.length).toBe(5);
    expect(sql.match(/\bvisits\b/g)?.length).toBe(1);
    expect(sql).not.toMatch(/OFFSET 0/);
    expect(sql.length).toBeLessThan(16_000);
  });
  it("casts only to Nullable types and never to a bare BOOLEAN or DOUBLE", () => {
    const casts = [...sql.matchAll(/ AS (Nullable\([A-Za-z0-9]+\)|[A-Z][A-Za-z0-9 ]*)\)/g)].map(
      (m) => m[1],
    );
    expect(casts.length).toBeGreaterThan(10);
    expect(new Set(casts)).toEqual(new Set(["Nullable(Float64)", "Nullable(Bool)"]));
  });
  it("drops every helper column in the outer SELECT and types the end points as booleans", () => {
    const outer = sql.slice(sql.indexOf("SELECT"), sql.indexOf("\nFROM ("));
    const helpers = [...sql.matchAll(/ AS `(__lrc_[A-Za-z0-9_]+)`/g)].map((m) => m[1]);
    const excepted = [...(outer.match(/EXCEPT \(([^)]*)\)/)?.[1] ?? "").matchAll(/`([^`]+)`/g)].map(
      (m) => m[1],
    );
    expect(new Set(excepted)).toEqual(new Set(helpers));
    expect(outer).toMatch(/CAST\(`__lrc_ep_OR` AS Nullable\(Bool\)\) AS `ep_OR`/);
  });
  it("escapes a backtick and a backslash in an identifier", () => {
    const odd = toSql(criteria.zhang2023, {
      dialect: "clickhouse",
      table: { name: "a`b\\c" },
      columns: { current: { proteinuria: { value: "u`p", fixedUnit: "g/24h" } } },
    });
    expect(odd).toContain("FROM `a\\`b\\\\c` AS __lrc_src");
    expect(odd).toContain("__lrc_src.`u\\`p`");
  });
});
