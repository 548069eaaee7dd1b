// The UPCR conversion reading (issue item 4): guidelines print paired values ("< 0.5 g/g
// (50 mg/mmol)", "> 100 mg/mmol (1 g/g)"), i.e. 1 g/g = 100 mg/mmol, while the exact factor is
// 1 g/g = 113.12 mg/mmol (creatinine 113.12 g/mol). Expected values are written by hand:
// 50 mg/mmol = 0.5 g/g as printed, 50 / 113.12 = 0.44201 g/g exactly; 0.90 g/24h read as
// 0.90 g/g = 90 mg/mmol as printed, 0.90 × 113.12 = 101.81 mg/mmol exactly.
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toSql } from "../../src/evaluate/sql.js";
import {
  CREATININE_MOLAR_MASS_MG_PER_MMOL,
  classifyResponse,
  compile,
  criteria,
  detectFlares,
  flares,
  fullInterpretation,
  type LabValues,
  lookupUnit,
  type PatientRecord,
  type ResponseInput,
  type UnitInfo,
  UPCR_PRINTED_MG_PER_MMOL_PER_G_PER_G,
} from "../../src/index.js";
import { bindingsOf } from "../../src/ir/readings.js";
import { resolveExpr, UPCR_CONVERSION_BINDING } from "../../src/ir/resolve.js";
import { convertInfo } from "../../src/units/units.js";
import { crossesUpcrFamilies, unitUnder } from "../../src/units/upcr-conversion.js";

const unit = (u: string) => lookupUnit(u) as UnitInfo;
const GFR = "mL/min/1.73m2";

describe("unitUnder: one factor for every backend", () => {
  it("printed: 1 g/g = 100 mg/mmol", () => {
    expect(UPCR_PRINTED_MG_PER_MMOL_PER_G_PER_G).toBe(100);
    expect(convertInfo(50, unitUnder(unit("mg/mmol"), "printed"), unit("g/g"))).toBe(0.5);
    expect(convertInfo(0.9, unit("g/g"), unitUnder(unit("mg/mmol"), "printed"))).toBe(90);
    expect(convertInfo(300, unitUnder(unit("mg/mmol"), "printed"), unit("mg/g"))).toBe(3000);
  });
  it("exact (and undefined): 1 g/g = 113.12 mg/mmol", () => {
    expect(CREATININE_MOLAR_MASS_MG_PER_MMOL).toBe(113.12);
    for (const c of ["exact", undefined] as const) {
      expect(convertInfo(50, unitUnder(unit("mg/mmol"), c), unit("g/g"))).toBeCloseTo(0.44201, 5);
      expect(convertInfo(0.9, unit("g/g"), unitUnder(unit("mg/mmol"), c))).toBeCloseTo(101.808, 3);
    }
  });
  it("leaves every other unit alone", () => {
    for (const u of ["g/g", "mg/g", "mg/mg", "g/24h", "umol/L"])
      expect(unitUnder(unit(u), "printed")).toBe(unit(u));
  });
  it("only a comparison that crosses mg/mmol and a mass unit uses the reading", () => {
    expect(crossesUpcrFamilies(["mg/mmol", "g/g"])).toBe(true);
    expect(crossesUpcrFamilies(["g/24h", "mg/mmol"])).toBe(true);
    expect(crossesUpcrFamilies(["mg/mmol", "mg/mmol"])).toBe(false);
    expect(crossesUpcrFamilies(["g/g", "mg/g"])).toBe(false);
  });
});

describe("the objects that print a pair carry the reading, 'printed' by default", () => {
  const paired = [
    criteria.kdigo2024,
    criteria.kdigo2012,
    criteria.eular2012,
    flares.kdigo2012Relapse,
    flares.kang2020RenalFlare,
  ];
  it.each(paired.map((c) => [c.id, c] as const))("%s", (_id, c) => {
    expect(c.conversions).toEqual({ upcr: { bind: "upcrConversion" } });
    expect(c.parameters.upcrConversion?.default).toBe("printed");
    expect(Object.keys(c.parameters.upcrConversion?.readings ?? {})).toEqual(["printed", "exact"]);
    expect(c.version).not.toBe("1.0.0");
  });
  it("resolveExpr stamps the reading on proteinuria clauses only", () => {
    const k = criteria.kdigo2024;
    const b = bindingsOf(k, fullInterpretation(k));
    expect(b[UPCR_CONVERSION_BINDING]).toBe("printed");
    const cr = resolveExpr(k.categories[0]?.expr ?? { op: "ref", to: "x" }, b);
    const leaves = JSON.stringify(cr);
    expect(leaves).toContain('"id":"cr-pcr"');
    expect((leaves.match(/"upcrConversion":"printed"/g) ?? []).length).toBe(1);
  });
  it("an object without conversions binds none", () => {
    const z = criteria.zhang2023;
    expect(bindingsOf(z, fullInterpretation(z))[UPCR_CONVERSION_BINDING]).toBeUndefined();
  });
});

// KDIGO 2024: "proteinuria <0.5 g/g (50 mg/mmol)".
const kdigo = (up: number, u: string): ResponseInput => ({
  baseline: { proteinuria: { value: 2, unit: "g/g" }, egfr: { value: 80, unit: GFR } },
  current: { proteinuria: { value: up, unit: u }, egfr: { value: 80, unit: GFR } },
});

describe("KDIGO 2024 at the printed pair, on every JavaScript backend", () => {
  const cases: [number, string, string, string][] = [
    // value, unit, printed, exact
    [50, "mg/mmol", "PR", "CR"], // 0.5 g/g as printed: not < 0.5; 0.442 g/g exactly
    [49.9, "mg/mmol", "CR", "CR"],
    [56.5, "mg/mmol", "PR", "CR"], // 0.4995 g/g exactly
    [56.6, "mg/mmol", "PR", "PR"], // 0.50035 g/g exactly
    [0.5, "g/g", "PR", "PR"], // same family: the reading does not matter
  ];
  it.each(cases)("%s %s: printed %s, exact %s", (up, u, printed, exact) => {
    const i = kdigo(up, u);
    for (const [reading, want] of [
      ["printed", printed],
      ["exact", exact],
    ] as const) {
      const interpretation = { upcrConversion: reading };
      expect(classifyResponse(criteria.kdigo2024, i, { interpretation }).category).toBe(want);
      expect(compile(criteria.kdigo2024, { interpretation }).category(i)).toBe(want);
      expect(compile(criteria.kdigo2024, { interpretation, codegen: false }).category(i)).toBe(
        want,
      );
    }
  });
  it("the result reports the conversion used, and only when one was applied", () => {
    const printed = classifyResponse(criteria.kdigo2024, kdigo(50, "mg/mmol"));
    expect(printed.assumptions).toEqual([
      "upcrConversion 'printed': UPCR mg/mmol ↔ g/g at 1 g/g = 100 mg/mmol",
    ]);
    const leaf = printed.explanation.categories[0]?.result.children?.[0];
    expect(leaf?.observed).toMatchObject({ value: 0.5, unit: "g/g" });
    expect(classifyResponse(criteria.kdigo2024, kdigo(0.5, "g/g")).assumptions).toEqual([]);
    const exact = classifyResponse(criteria.kdigo2024, kdigo(50, "mg/mmol"), {
      interpretation: { upcrConversion: "exact" },
    });
    expect(exact.assumptions).toEqual([
      "upcrConversion 'exact': UPCR mg/mmol ↔ g/g at 1 g/g = 113.12 mg/mmol",
    ]);
  });
  it("a percent change between two mg/mmol values uses no conversion and reports none", () => {
    // 200 → 100 mg/mmol: a 50% reduction under either reading (the factor cancels)
    const i: ResponseInput = {
      baseline: { proteinuria: { value: 200, unit: "mg/mmol" }, egfr: { value: 80, unit: GFR } },
      current: { proteinuria: { value: 100, unit: "mg/mmol" }, egfr: { value: 80, unit: GFR } },
    };
    const r = classifyResponse(criteria.kdigo2024, i); // 1 g/g as printed: PR
    expect(r.category).toBe("PR");
    const drop = r.explanation.categories[1]?.result.children?.[0];
    expect(drop?.id).toBe("pr-pcr-drop-50");
    expect(drop?.observed?.value).toBe(50);
    expect(drop?.assumptions).toEqual([]);
  });
});

describe("Kang 2020 renal flare '> 100 mg/mmol' at 0.90 g/24h (substituted for a UPCR)", () => {
  const labs = (up: number): LabValues => ({
    proteinuria: { value: up, unit: "g/24h" },
    serumCreatinine: { value: 70, unit: "umol/L" },
    urineSediment: { normal: true },
  });
  // Visit 1 is CR under Kang 2020 (< 300 mg/24h, normal sediment and creatinine); visit 2 rises.
  const rec = (up: number): PatientRecord => ({
    id: "k",
    patient: { sex: "F" },
    baseline: labs(3),
    visits: [
      { day: 90, labs: labs(0.2) },
      { day: 180, labs: labs(up) },
    ],
  });
  const grades = (up: number, upcrConversion?: string) =>
    detectFlares(flares.kang2020RenalFlare, rec(up), {
      responseCriteria: criteria.kang2020,
      allowProteinuriaSubstitution: true,
      ...(upcrConversion ? { interpretation: { upcrConversion } } : {}),
    }).flares.map((f) => `${f.day}:${f.grade}`);
  it("printed (default): 0.90 g/24h is 90 mg/mmol, no flare; 1.01 is 101, a flare", () => {
    expect(grades(0.9)).toEqual([]);
    expect(grades(1)).toEqual([]); // 100 mg/mmol: not > 100
    expect(grades(1.01)).toEqual(["180:proteinuric"]);
  });
  it("exact: 0.90 g/24h is 101.8 mg/mmol, a flare; 0.88 is 99.5, none", () => {
    expect(grades(0.9, "exact")).toEqual(["180:proteinuric"]);
    expect(grades(0.88, "exact")).toEqual([]);
  });
  it("the flare result is not robust to the reading at 0.90 g/24h", () => {
    const r = detectFlares(flares.kang2020RenalFlare, rec(0.9), {
      responseCriteria: criteria.kang2020,
      allowProteinuriaSubstitution: true,
    });
    expect(r.interpretation.upcrConversion).toBe("printed");
    expect(r.robust).toBe(false);
  });
});

describe("toSql applies the same reading (DuckDB)", () => {
  let instance: DuckDBInstance;
  let conn: Awaited<ReturnType<DuckDBInstance["connect"]>>;
  const rows: [number, string][] = [
    [50, "mg/mmol"],
    [49.9, "mg/mmol"],
    [56.5, "mg/mmol"],
    [56.6, "mg/mmol"],
    [0.5, "g/g"],
    [300, "mg/mmol"],
    [338, "mg/mmol"],
  ];
  beforeAll(async () => {
    instance = await DuckDBInstance.create(":memory:", {
      autoinstall_known_extensions: "false",
      autoload_known_extensions: "false",
    });
    conn = await instance.connect();
    await conn.run(
      `CREATE TABLE v AS SELECT * FROM (VALUES ${rows
        .map(([x, u], i) => `(${i}, 2.0::DOUBLE, 'g/g', ${x}::DOUBLE, '${u}', 80.0::DOUBLE)`)
        .join(", ")}) t(rid, up0, up0_unit, up, up_unit, egfr)`,
    );
  });
  afterAll(() => {
    conn?.closeSync();
    instance?.closeSync();
  });
  it.each(["printed", "exact"])("kdigo2024 under '%s' = the engine", async (reading) => {
    const interpretation = { upcrConversion: reading };
    const sql = toSql(criteria.kdigo2024, {
      dialect: "duckdb",
      table: "v",
      interpretation,
      columns: {
        baseline: {
          proteinuria: { value: "up0", unit: "up0_unit" },
          egfr: { value: "egfr", fixedUnit: GFR },
        },
        current: {
          proteinuria: { value: "up", unit: "up_unit" },
          egfr: { value: "egfr", fixedUnit: GFR },
        },
      },
    });
    const out = (
      await conn.runAndReadAll(`SELECT rid, category FROM (${sql}) ORDER BY rid`)
    ).getRowObjectsJS();
    const js = rows.map(([x, u]) => {
      const i: ResponseInput = {
        baseline: { proteinuria: { value: 2, unit: "g/g" }, egfr: { value: 80, unit: GFR } },
        current: { proteinuria: { value: x, unit: u }, egfr: { value: 80, unit: GFR } },
      };
      return classifyResponse(criteria.kdigo2024, i, { interpretation }).category;
    });
    expect(out.map((o) => o.category)).toEqual(js);
    // hand-written: 50 mg/mmol is PR as printed, CR exactly
    expect(out[0]?.category).toBe(reading === "printed" ? "PR" : "CR");
  });
});
