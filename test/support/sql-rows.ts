// Generated rows for the SQL differential tests (DuckDB, PGlite, PostgreSQL server): the row
// generator, the column mapping, the same row as the engine's input, and the comparison of an
// engine's output with the compiled JavaScript path.
import fc from "fast-check";
import { compile } from "../../src/evaluate/compile.js";
import type { SqlColumns } from "../../src/evaluate/sql.js";
import type { ResponseCriteria } from "../../src/ir/types.js";
import type { ResponseInput } from "../../src/model/assessment.js";
import { grid } from "./generators.js";

export interface Row {
  sex: string | null;
  up0: number | null;
  up0_unit: string | null;
  up: number | null;
  up_unit: string | null;
  scr0: number | null;
  scr0_unit: string | null;
  scr: number | null;
  scr_unit: string | null;
  alb: number | null;
  alb_unit: string | null;
  egfr0: number | null;
  egfr: number | null;
  rbc0: number | null;
  rbc: number | null;
  wbc: number | null;
  casts: boolean | null;
  sed_normal: boolean | null;
  uln: number | null;
  uln_unit: string | null;
  pred: number | null;
  rescue: boolean | null;
  /** Censor columns (`'<'`, `'<='`, `'>'`, `'>='`; NULL = exact) of the quantities. */
  up0_censor: string | null;
  up_censor: string | null;
  scr0_censor: string | null;
  scr_censor: string | null;
  alb_censor: string | null;
  egfr0_censor: string | null;
  egfr_censor: string | null;
}

/** The seed every engine's test uses, so that they check the same rows. */
export const SEED = 20261125;

const nul = <T>(a: fc.Arbitrary<T>, freq = 6) => fc.option(a, { nil: null, freq });
/** A valid value of any magnitude from 1e-300 to 1e300 (a 1–4 digit mantissa times a power of ten). */
const extreme = fc
  .tuple(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: -300, max: 296 }))
  .map(([m, e]) => Number(`${m}e${e}`));

function rowOf(
  num: (min: number, max: number, step: number) => fc.Arbitrary<number>,
): fc.Arbitrary<Row> {
  // Proteinuria in 24-h and UPCR units, on grids that hit every printed threshold exactly,
  // plus a unit of the wrong kind (unusable → unknown).
  const protein = fc.oneof(
    fc.tuple(num(0, 12, 0.01), fc.constant("g/24h")),
    fc.tuple(num(0, 12000, 10), fc.constantFrom("mg/24h", "mg/d")),
    fc.tuple(num(0, 10, 0.01), fc.constantFrom("g/g", "mg/mg")),
    fc.tuple(num(0, 1000, 1), fc.constant("mg/mmol")),
    fc.tuple(num(0, 5, 0.1), fc.constant("g/L")),
  );
  const creat = fc.oneof(
    fc.tuple(num(20, 400, 0.5), fc.constantFrom("umol/L", "µmol/L")),
    fc.tuple(num(0.2, 5, 0.01), fc.constant("mg/dL")),
  );
  // A censored value one time in four ('<0' is an empty range the engine refuses: left exact).
  const censor = fc.oneof(
    { weight: 3, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.constantFrom("<", "<=", ">", ">=") },
  );
  const censorOf = (c: string | null, v: number | null | undefined) =>
    v === null || v === undefined || (c === "<" && v === 0) ? null : c;
  return fc
    .record({
      sex: nul(fc.constantFrom("F", "M")),
      p0: nul(protein),
      p: nul(protein),
      s0: nul(creat),
      s: nul(creat),
      alb: nul(
        fc.oneof(
          fc.tuple(num(15, 50, 0.1), fc.constant("g/L")),
          fc.tuple(num(1.5, 5, 0.01), fc.constant("g/dL")),
        ),
      ),
      egfr0: nul(num(10, 140, 1)),
      egfr: nul(num(10, 140, 1)),
      rbc0: nul(fc.integer({ min: 0, max: 30 })),
      rbc: nul(fc.integer({ min: 0, max: 30 })),
      wbc: nul(fc.integer({ min: 0, max: 30 })),
      casts: nul(fc.boolean()),
      sedNormal: nul(fc.boolean(), 1),
      uln: nul(fc.tuple(num(60, 130, 0.5), fc.constantFrom("umol/L", "mg/dL")), 1),
      pred: nul(num(0, 40, 0.5)),
      rescue: nul(fc.boolean()),
      censors: fc.array(censor, { minLength: 7, maxLength: 7 }),
    })
    .map((r) => ({
      sex: r.sex,
      up0: r.p0?.[0] ?? null,
      up0_unit: r.p0?.[1] ?? null,
      up: r.p?.[0] ?? null,
      up_unit: r.p?.[1] ?? null,
      scr0: r.s0?.[0] ?? null,
      scr0_unit: r.s0?.[1] ?? null,
      scr: r.s?.[0] ?? null,
      scr_unit: r.s?.[1] ?? null,
      alb: r.alb?.[0] ?? null,
      alb_unit: r.alb?.[1] ?? null,
      egfr0: r.egfr0,
      egfr: r.egfr,
      rbc0: r.rbc0,
      rbc: r.rbc,
      wbc: r.wbc,
      casts: r.casts,
      sed_normal: r.sedNormal,
      uln: r.uln?.[0] ?? null,
      uln_unit: r.uln?.[1] ?? null,
      pred: r.pred,
      rescue: r.rescue,
      up0_censor: censorOf(r.censors[0] ?? null, r.p0?.[0]),
      up_censor: censorOf(r.censors[1] ?? null, r.p?.[0]),
      scr0_censor: censorOf(r.censors[2] ?? null, r.s0?.[0]),
      scr_censor: censorOf(r.censors[3] ?? null, r.s?.[0]),
      alb_censor: censorOf(r.censors[4] ?? null, r.alb?.[0]),
      egfr0_censor: censorOf(r.censors[5] ?? null, r.egfr0),
      egfr_censor: censorOf(r.censors[6] ?? null, r.egfr),
    }));
}

/** Round numbers that printed thresholds and 25/50/75 % changes between them land on. */
const ROUND = [
  0, 0.1, 0.2, 0.25, 0.3, 0.5, 0.7, 0.75, 0.8, 1, 1.2, 1.5, 2, 2.5, 3, 3.5, 4, 5, 6, 8, 10, 15, 20,
  25, 30, 35, 40, 44.2, 50, 60, 70, 75, 80, 88.4, 90, 100, 120, 125, 150, 200, 250, 300, 350, 500,
  700, 1000, 1500, 2000, 3000, 3500, 5000,
];
/**
 * Rows of round values only (see ROUND), so that a value and its censor sit exactly on a threshold
 * or on a change's threshold far more often than on the fine grids: the boundaries of censoring.
 */
export const boundaryRow = rowOf((min, max) => {
  const inRange = ROUND.filter((x) => x >= min && x <= max);
  return fc.constantFrom(...(inRange.length > 0 ? inRange : [min]));
});

/** Clinical values on grids that hit every printed threshold, with nulls and unusable units. */
export const row = rowOf(grid);
/**
 * The same shapes with extreme magnitudes mixed in: a third of the numbers are anywhere
 * from 1e-300 to 1e300 (relative changes then over- and underflow, rounding exponents pass ±300).
 */
export const extremeRow = rowOf((min, max, step) =>
  fc.oneof({ arbitrary: grid(min, max, step), weight: 2 }, { arbitrary: extreme, weight: 1 }),
);

export const COLUMNS: SqlColumns = {
  sex: "sex",
  baseline: {
    proteinuria: { value: "up0", unit: "up0_unit", censor: "up0_censor" },
    serumCreatinine: { value: "scr0", unit: "scr0_unit", censor: "scr0_censor" },
    egfr: { value: "egfr0", fixedUnit: "mL/min/1.73m2", censor: "egfr0_censor" },
    rbcPerHpf: "rbc0",
  },
  current: {
    proteinuria: { value: "up", unit: "up_unit", censor: "up_censor" },
    serumCreatinine: { value: "scr", unit: "scr_unit", censor: "scr_censor" },
    serumCreatinineUpperLimit: { value: "uln", unit: "uln_unit" },
    serumAlbumin: { value: "alb", unit: "alb_unit", censor: "alb_censor" },
    egfr: { value: "egfr", fixedUnit: "mL/min/1.73m2", censor: "egfr_censor" },
    rbcPerHpf: "rbc",
    wbcPerHpf: "wbc",
    cellularCasts: "casts",
    sedimentNormal: "sed_normal",
    prednisoneMgPerDay: "pred",
    rescueTherapy: "rescue",
  },
};

/** The same row as the engine's input (the mapping COLUMNS describes). */
export function toInput(r: Row): ResponseInput {
  const qty = (v: number | null, u: string | null, c: string | null = null) =>
    v === null || u === null
      ? undefined
      : c === null
        ? { value: v, unit: u }
        : { value: v, unit: u, censor: c as "<" | "<=" | ">" | ">=" };
  const clean = <T extends object>(o: T) =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
  const sediment =
    r.rbc === null && r.wbc === null && r.casts === null && r.sed_normal === null
      ? undefined
      : clean({
          rbcPerHpf: r.rbc ?? undefined,
          wbcPerHpf: r.wbc ?? undefined,
          cellularCasts: r.casts ?? undefined,
          normal: r.sed_normal ?? undefined,
        });
  return {
    patient: clean({ sex: (r.sex ?? undefined) as "F" | "M" | undefined }),
    baseline: clean({
      proteinuria: qty(r.up0, r.up0_unit, r.up0_censor),
      serumCreatinine: qty(r.scr0, r.scr0_unit, r.scr0_censor),
      egfr: qty(r.egfr0, "mL/min/1.73m2", r.egfr0_censor),
      urineSediment: r.rbc0 === null ? undefined : { rbcPerHpf: r.rbc0 },
    }),
    current: clean({
      proteinuria: qty(r.up, r.up_unit, r.up_censor),
      serumCreatinine: qty(r.scr, r.scr_unit, r.scr_censor),
      serumCreatinineUpperLimit: qty(r.uln, r.uln_unit),
      serumAlbumin: qty(r.alb, r.alb_unit, r.alb_censor),
      egfr: qty(r.egfr, "mL/min/1.73m2", r.egfr_censor),
      urineSediment: sediment,
      prednisoneMgPerDay: r.pred ?? undefined,
      rescueTherapy: r.rescue ?? undefined,
    }),
  };
}

export const TYPES: Record<keyof Row, "DOUBLE" | "VARCHAR" | "BOOLEAN"> = {
  sex: "VARCHAR",
  up0: "DOUBLE",
  up0_unit: "VARCHAR",
  up: "DOUBLE",
  up_unit: "VARCHAR",
  scr0: "DOUBLE",
  scr0_unit: "VARCHAR",
  scr: "DOUBLE",
  scr_unit: "VARCHAR",
  alb: "DOUBLE",
  alb_unit: "VARCHAR",
  egfr0: "DOUBLE",
  egfr: "DOUBLE",
  rbc0: "DOUBLE",
  rbc: "DOUBLE",
  wbc: "DOUBLE",
  casts: "BOOLEAN",
  sed_normal: "BOOLEAN",
  uln: "DOUBLE",
  uln_unit: "VARCHAR",
  pred: "DOUBLE",
  rescue: "BOOLEAN",
  up0_censor: "VARCHAR",
  up_censor: "VARCHAR",
  scr0_censor: "VARCHAR",
  scr_censor: "VARCHAR",
  alb_censor: "VARCHAR",
  egfr0_censor: "VARCHAR",
  egfr_censor: "VARCHAR",
};
export const KEYS = Object.keys(TYPES) as (keyof Row)[];

/** Columns named like toSql's output and like its former internal columns, holding misleading values. */
export const DECOYS = {
  category: ["VARCHAR", "'CR'"],
  ep_OR: ["BOOLEAN", "TRUE"],
  _cat_CR: ["BOOLEAN", "TRUE"],
  _cat_PR: ["BOOLEAN", "TRUE"],
  _current_proteinuria24h: ["DOUBLE", "0"],
  _baseline_proteinuria24h: ["DOUBLE", "1000"],
  __lrc_cat_CR: ["BOOLEAN", "TRUE"],
  __lrc_in_up: ["DOUBLE", "0"],
} as const;

/** One multi-row INSERT statement (PostgreSQL syntax) for rows `from`…`to` of `rows`. */
export function insertSql(table: string, rows: readonly Row[], from: number, to: number): string {
  const lit = (v: Row[keyof Row]) =>
    v === null
      ? "NULL"
      : typeof v === "number"
        ? `'${String(v)}'`
        : typeof v === "boolean"
          ? String(v).toUpperCase()
          : `'${v.replaceAll("'", "''")}'`;
  const values: string[] = [];
  for (let i = from; i < to && i < rows.length; i++)
    values.push(`(${i}, ${KEYS.map((k) => lit((rows[i] as Row)[k])).join(", ")})`);
  return `INSERT INTO ${table} (rid, ${KEYS.join(", ")}) VALUES ${values.join(", ")}`;
}

/**
 * Compare an engine's output (rid, category, ep_<name>…) with the compiled JavaScript path.
 * Returns up to 6 mismatches and the count of each category seen.
 */
export function differences(
  c: ResponseCriteria,
  interpretation: Record<string, string>,
  rows: readonly Row[],
  out: readonly Record<string, unknown>[],
): { mismatches: string[]; seen: Map<unknown, number> } {
  const js = compile(c, { interpretation });
  const mismatches: string[] = [];
  const seen = new Map<unknown, number>();
  for (const o of out) {
    seen.set(o.category, (seen.get(o.category) ?? 0) + 1);
    const i = Number(o.rid);
    const want = js.classify(toInput(rows[i] as Row));
    if (o.category !== want.category) {
      mismatches.push(
        `row ${i}: SQL ${String(o.category)} ≠ JS ${want.category} ${JSON.stringify(rows[i])}`,
      );
    }
    for (const e of c.endpoints) {
      const v = o[`ep_${e.name}`];
      const sqlTruth = v === true ? "met" : v === false ? "not-met" : "unknown";
      if (sqlTruth !== want.endpoints[e.name]) {
        mismatches.push(
          `row ${i}: ${e.name} SQL ${sqlTruth} ≠ JS ${want.endpoints[e.name]} ${JSON.stringify(rows[i])}`,
        );
      }
    }
    if (mismatches.length > 5) break;
  }
  return { mismatches, seen };
}

/** The DuckDB connection the differential tests use (structural: only what loadDuckDb calls). */
export interface DuckDbLoader {
  run(sql: string): Promise<unknown>;
  createAppender(table: string): Promise<{
    appendInteger(v: number): void;
    appendNull(): void;
    appendDouble(v: number): void;
    appendBoolean(v: boolean): void;
    appendVarchar(v: string): void;
    endRow(): void;
    flushSync(): void;
    closeSync(): void;
  }>;
}

/** Creates `table` (rid + every Row column) in DuckDB and appends the rows, rid = index. */
export async function loadDuckDb(
  conn: DuckDbLoader,
  table: string,
  data: readonly Row[],
): Promise<void> {
  await conn.run(
    `CREATE TABLE ${table} (rid INTEGER, ${KEYS.map((k) => `${k} ${TYPES[k]}`).join(", ")})`,
  );
  const app = await conn.createAppender(table);
  data.forEach((r, i) => {
    app.appendInteger(i);
    for (const k of KEYS) {
      const v = r[k];
      if (v === null) app.appendNull();
      else if (TYPES[k] === "DOUBLE") app.appendDouble(v as number);
      else if (TYPES[k] === "BOOLEAN") app.appendBoolean(v as boolean);
      else app.appendVarchar(v as string);
    }
    app.endRow();
  });
  app.flushSync();
  app.closeSync();
}
