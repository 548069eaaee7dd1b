// Censored values in SQL (DuckDB and PostgreSQL text): a censor column per quantity (`<field>_censor`,
// NULL = exact). Boundary rows written by hand from KDIGO 2012 Table 28 (as reproduced by Parikh
// 2020): CR "UPCR falls to ≤0.5 g/g" (reading '<': "< 500 mg/g"); PR "UPCR falls by >50%";
// CR "SCr returns to the previous baseline" (≤ 100% of it; reading 'normal': ≤ the upper limit).
// Each expected clause value (TRUE met, FALSE not met, NULL unknown) is worked out by hand.
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kdigo2012 } from "../../src/criteria/kdigo2012.js";
import { type SqlColumns, toSql } from "../../src/evaluate/sql.js";

let instance: DuckDBInstance;
let conn: Awaited<ReturnType<DuckDBInstance["connect"]>>;

const COLUMNS: SqlColumns = {
  sex: "sex",
  baseline: {
    proteinuria: { value: "up0", unit: "up0_unit", censor: "up0_censor" },
    serumCreatinine: { value: "scr0", fixedUnit: "umol/L", censor: "scr0_censor" },
  },
  current: {
    proteinuria: { value: "up", unit: "up_unit", censor: "up_censor" },
    serumCreatinine: { value: "scr", fixedUnit: "umol/L", censor: "scr_censor" },
    serumCreatinineUpperLimit: { value: "uln", fixedUnit: "umol/L" },
  },
};

type Censor = "<" | "<=" | ">" | ">=" | null;
interface Case {
  readonly what: string;
  readonly up0?: [number, Censor];
  readonly up?: [number, Censor, string?];
  readonly scr0?: [number, Censor];
  readonly scr?: [number, Censor];
  readonly clause: string;
  readonly want: boolean | null;
  readonly reading?: Record<string, string>;
}

const lt = { crUpcrOperator: "<" };
const normal = { crCreatinine: "normal" };
const CASES: readonly Case[] = [
  { what: "<0.1 g/g is below 0.5", up: [0.1, "<"], clause: "cr-upcr", want: true, reading: lt },
  {
    what: "<0.5 g/g: [0, 0.5) is below 0.5",
    up: [0.5, "<"],
    clause: "cr-upcr",
    want: true,
    reading: lt,
  },
  {
    what: "<=0.5 g/g: 0.5 is not below 0.5",
    up: [0.5, "<="],
    clause: "cr-upcr",
    want: null,
    reading: lt,
  },
  { what: ">3 g/g: none below 0.5", up: [3, ">"], clause: "cr-upcr", want: false, reading: lt },
  {
    what: "<500 mg/g = <0.5 g/g",
    up: [500, "<", "mg/g"],
    clause: "cr-upcr",
    want: true,
    reading: lt,
  },
  { what: "<=0.5 g/g under ≤ 0.5", up: [0.5, "<="], clause: "cr-upcr", want: true },
  { what: ">=0.5 g/g under ≤ 0.5", up: [0.5, ">="], clause: "cr-upcr", want: null },
  {
    what: "an exact 0.5 g/g (NULL censor) under <",
    up: [0.5, null],
    clause: "cr-upcr",
    want: false,
    reading: lt,
  },
  {
    what: "fall from 4 to <1.5: (62.5%, 100%]",
    up: [1.5, "<"],
    clause: "pr-upcr-drop-50",
    want: true,
  },
  {
    what: "fall from 4 to <2.5: (37.5%, 100%]",
    up: [2.5, "<"],
    clause: "pr-upcr-drop-50",
    want: null,
  },
  { what: "fall from 4 to >2: (−∞, 50%)", up: [2, ">"], clause: "pr-upcr-drop-50", want: false },
  { what: "fall from 4 to <=2: [50%, 100%]", up: [2, "<="], clause: "pr-upcr-drop-50", want: null },
  {
    what: "fall from >4 to 1: (75%, 100%)",
    up0: [4, ">"],
    up: [1, null],
    clause: "pr-upcr-drop-50",
    want: true,
  },
  {
    what: "fall from >=3 to 1.5: [50%, 100%)",
    up0: [3, ">="],
    up: [1.5, null],
    clause: "pr-upcr-drop-50",
    want: null,
  },
  {
    what: "fall from <4 (may be 0) to 1",
    up0: [4, "<"],
    up: [1, null],
    clause: "pr-upcr-drop-50",
    want: null,
  },
  {
    what: "fall from >4 to <1: (75%, 100%]",
    up0: [4, ">"],
    up: [1, "<"],
    clause: "pr-upcr-drop-50",
    want: true,
  },
  {
    what: "creatinine <80 of 80: (0%, 100%)",
    scr: [80, "<"],
    clause: "cr-scr-back-to-baseline",
    want: true,
  },
  {
    what: "creatinine <=90 of 80: (0%, 112.5%]",
    scr: [90, "<="],
    clause: "cr-scr-back-to-baseline",
    want: null,
  },
  {
    what: "creatinine 60 of >70: (0%, 85.7%)",
    scr0: [70, ">"],
    scr: [60, null],
    clause: "cr-scr-back-to-baseline",
    want: true,
  },
  {
    what: "creatinine 70 of <=60: (116.7%, ∞)",
    scr0: [60, "<="],
    scr: [70, null],
    clause: "cr-scr-back-to-baseline",
    want: false,
  },
  {
    what: "creatinine <60, limit 90",
    scr: [60, "<"],
    clause: "cr-scr-normal",
    want: true,
    reading: normal,
  },
  {
    what: "creatinine <=90, limit 90",
    scr: [90, "<="],
    clause: "cr-scr-normal",
    want: true,
    reading: normal,
  },
  {
    what: "creatinine >90, limit 90",
    scr: [90, ">"],
    clause: "cr-scr-normal",
    want: false,
    reading: normal,
  },
  {
    what: "creatinine >=90, limit 90",
    scr: [90, ">="],
    clause: "cr-scr-normal",
    want: null,
    reading: normal,
  },
  {
    what: "creatinine <=95, limit 90",
    scr: [95, "<="],
    clause: "cr-scr-normal",
    want: null,
    reading: normal,
  },
];

const lit = (x: string | number | null) =>
  x === null ? "NULL" : typeof x === "number" ? `${x}::DOUBLE` : `'${x}'`;

beforeAll(async () => {
  instance = await DuckDBInstance.create(":memory:", {
    autoinstall_known_extensions: "false",
    autoload_known_extensions: "false",
  });
  conn = await instance.connect();
  // Defaults: UPCR 4 → 0.2 g/g, creatinine 80 → 75 µmol/L, limit 90 µmol/L, all exact.
  const rows = CASES.map((c, i) => {
    const [up0, c0] = c.up0 ?? [4, null];
    const [up, cu, unit] = c.up ?? [0.2, null];
    const [scr0, cs0] = c.scr0 ?? [80, null];
    const [scr, cs] = c.scr ?? [75, null];
    return `(${[i, "F", up0, "g/g", c0, up, unit ?? "g/g", cu, scr0, cs0, scr, cs, 90].map(lit).join(", ")})`;
  });
  await conn.run(
    `CREATE TABLE t AS SELECT * FROM (VALUES ${rows.join(", ")}) AS v(rid, sex, up0, up0_unit, up0_censor, up, up_unit, up_censor, scr0, scr0_censor, scr, scr_censor, uln)`,
  );
}, 60_000);

afterAll(() => {
  conn?.closeSync();
  instance?.closeSync();
});

describe("toSql: a clause on a censored value (DuckDB)", () => {
  it.each(CASES.map((c, i) => [c.what, i, c] as const))("%s", async (_what, i, c) => {
    const sql = toSql(kdigo2012, {
      dialect: "duckdb",
      table: "t",
      columns: COLUMNS,
      clauses: true,
      ...(c.reading ? { interpretation: c.reading } : {}),
    });
    const out = (
      await conn.runAndReadAll(`SELECT "clause_${c.clause}" AS v FROM (${sql}) WHERE rid = ${i}`)
    ).getRowObjectsJS();
    expect(out[0]?.v ?? null).toBe(c.want);
  });
});

describe("toSql text with censor columns", () => {
  it("is unchanged without a censor column, reads the censor column (quoted) when mapped", () => {
    const plain = toSql(kdigo2012, {
      dialect: "postgres",
      table: "t",
      columns: { current: { proteinuria: { value: "up", unit: "up_unit" } } },
    });
    expect(plain).not.toContain("censor");
    const censored = toSql(kdigo2012, {
      dialect: "postgres",
      table: "t",
      columns: { current: { proteinuria: { value: "up", unit: "up_unit", censor: 'c"; DROP' } } },
    });
    expect(censored).toContain('"c""; DROP"');
    expect(censored).toContain("IN ('<', '<=')");
  });
  it("refuses a censor column with the reserved prefix", () => {
    expect(() =>
      toSql(kdigo2012, {
        dialect: "duckdb",
        table: "t",
        columns: { current: { proteinuria: { value: "up", unit: "u", censor: "__lrc_x" } } },
      }),
    ).toThrow(/reserved/);
  });
});
