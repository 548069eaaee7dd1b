// The differential check of the backends: cases recorded from the interpreter (criteria object,
// validated input, options, the interpreter's category and end points) are run again through
// compile() (generated code), compile({ codegen: false }) (closures) and toSql() in DuckDB
// (one query per criteria object × readings × substitution flag over a table of all the cases),
// and every difference is reported. Used by the "differential" vitest project (setup.ts) and
// tested on its own by backends.test.ts (a wrong backend must be caught).
import { DuckDBInstance } from "@duckdb/node-api";
import { compile } from "../../src/evaluate/compile.js";
import { type SqlColumns, type SqlLabColumns, toSql } from "../../src/evaluate/sql.js";
import type { Truth } from "../../src/ir/kleene.js";
import type { ResponseCriteria } from "../../src/ir/types.js";
import type { LabValues, ResponseInput } from "../../src/model/assessment.js";

/** One interpreter call, as recorded. The input is the validated one (what every backend sees). */
export interface RecordedCase {
  readonly criteria: ResponseCriteria;
  readonly input: ResponseInput;
  /** The full choice of readings the interpreter used (`result.interpretation`). */
  readonly interpretation: Readonly<Record<string, string>>;
  readonly allowProteinuriaSubstitution: boolean;
  readonly category: string;
  readonly endpoints: Readonly<Record<string, Truth>>;
  /** Which entry point recorded it (classifyResponse, classifyMany, …). */
  readonly via: string;
}

export const BACKENDS = ["codegen", "closures", "duckdb"] as const;
export type Backend = (typeof BACKENDS)[number];

/** What one backend said about one case. */
export interface BackendAnswer {
  readonly category: unknown;
  readonly endpoints: Readonly<Record<string, unknown>>;
}

export interface DifferentialReport {
  /** Cases recorded from the interpreter (with repeats). */
  readonly recorded: number;
  /** Distinct cases (criteria object, readings, substitution flag, input). */
  readonly distinct: number;
  /**
   * Cases compared per backend. Every valid response definition has a form in every backend
   * (the schema keeps history facts out of them), so a backend that refuses a case is a
   * disagreement, never a skip.
   */
  readonly compared: Record<Backend, number>;
  /** Every disagreement, in words (the first `limit`). */
  readonly mismatches: string[];
  /** How many disagreements there were in all. */
  readonly mismatchCount: number;
}

/**
 * A wrong-on-purpose hook for the self-test: given the backend and the case, return a replacement
 * answer (or undefined to keep the real one).
 */
export type Tamper = (
  backend: Backend,
  c: RecordedCase,
  real: BackendAnswer,
) => BackendAnswer | undefined;

// ---------------------------------------------------------------------------------------------
// The SQL table: one row per case, every field of ResponseInput in its own column.

type ColType = "DOUBLE" | "VARCHAR" | "BOOLEAN";
const LAB_FIELDS = [
  ["proteinuria", "up"],
  ["serumCreatinine", "scr"],
  ["serumCreatinineUpperLimit", "uln"],
  ["serumAlbumin", "alb"],
  ["egfr", "egfr"],
] as const;
const SEDIMENT_NUMBERS = [
  ["rbcPerHpf", "rbc"],
  ["wbcPerHpf", "wbc"],
  ["acanthocytesPerHpf", "acan"],
] as const;
const AT = [
  ["baseline", "b"],
  ["current", "c"],
] as const;

/** Column name → SQL type, in table order. */
export const CASE_COLUMNS: ReadonlyArray<readonly [string, ColType]> = [
  ["rid", "DOUBLE"],
  ["grp", "DOUBLE"],
  ["sex", "VARCHAR"],
  ...AT.flatMap(([, p]) => [
    ...LAB_FIELDS.flatMap(
      ([, s]) =>
        [
          [`${p}_${s}`, "DOUBLE"],
          [`${p}_${s}_unit`, "VARCHAR"],
          [`${p}_${s}_censor`, "VARCHAR"],
        ] as const,
    ),
    ...SEDIMENT_NUMBERS.map(([, s]) => [`${p}_${s}`, "DOUBLE"] as const),
    [`${p}_pred`, "DOUBLE"] as const,
    [`${p}_casts`, "BOOLEAN"] as const,
    [`${p}_sed_normal`, "BOOLEAN"] as const,
    [`${p}_rescue`, "BOOLEAN"] as const,
  ]),
];

function labColumns(p: string): SqlLabColumns {
  const q = Object.fromEntries(
    LAB_FIELDS.map(([f, s]) => [
      f,
      // A reference limit is never censored (the input schema refuses it).
      f === "serumCreatinineUpperLimit"
        ? { value: `${p}_${s}`, unit: `${p}_${s}_unit` }
        : { value: `${p}_${s}`, unit: `${p}_${s}_unit`, censor: `${p}_${s}_censor` },
    ]),
  );
  const n = Object.fromEntries(SEDIMENT_NUMBERS.map(([f, s]) => [f, `${p}_${s}`]));
  return {
    ...q,
    ...n,
    prednisoneMgPerDay: `${p}_pred`,
    cellularCasts: `${p}_casts`,
    sedimentNormal: `${p}_sed_normal`,
    rescueTherapy: `${p}_rescue`,
  };
}

/** The mapping of the case table for toSql: every input of ResponseInput has a column. */
export const CASE_SQL_COLUMNS: SqlColumns = {
  sex: "sex",
  baseline: labColumns("b"),
  current: labColumns("c"),
};

type Cell = number | string | boolean | null;

/** The row of one validated input (undefined → NULL). */
export function caseRow(input: ResponseInput, rid: number, grp: number): Record<string, Cell> {
  const row: Record<string, Cell> = { rid, grp, sex: input.patient?.sex ?? null };
  for (const [at, p] of AT) {
    const labs: LabValues | undefined = input[at];
    for (const [f, s] of LAB_FIELDS) {
      const q = labs?.[f];
      row[`${p}_${s}`] = q?.value ?? null;
      row[`${p}_${s}_unit`] = q?.unit ?? null;
      row[`${p}_${s}_censor`] = q?.censor ?? null;
    }
    for (const [f, s] of SEDIMENT_NUMBERS) row[`${p}_${s}`] = labs?.urineSediment?.[f] ?? null;
    row[`${p}_pred`] = labs?.prednisoneMgPerDay ?? null;
    row[`${p}_casts`] = labs?.urineSediment?.cellularCasts ?? null;
    row[`${p}_sed_normal`] = labs?.urineSediment?.normal ?? null;
    row[`${p}_rescue`] = labs?.rescueTherapy ?? null;
  }
  return row;
}

// ---------------------------------------------------------------------------------------------

const ids = new WeakMap<object, number>();
let nextId = 0;
const identity = (o: object): number => {
  let n = ids.get(o);
  if (n === undefined) {
    n = nextId++;
    ids.set(o, n);
  }
  return n;
};

function groupKey(c: RecordedCase): string {
  const reading = Object.keys(c.interpretation)
    .sort()
    .map((k) => `${k}=${c.interpretation[k]}`)
    .join("&");
  return `${identity(c.criteria)}|${reading}|${c.allowProteinuriaSubstitution}`;
}

function describeCase(c: RecordedCase): string {
  const reading = Object.entries(c.interpretation)
    .map(([k, v]) => `${k}=${v}`)
    .join(", ");
  return `${c.criteria.id} [${reading}${c.allowProteinuriaSubstitution ? "; substitution" : ""}] via ${c.via} ${JSON.stringify(c.input)}`;
}

const TRUTH: Record<string, Truth> = { true: "met", false: "not-met", null: "unknown" };

function differences(
  backend: Backend,
  c: RecordedCase,
  got: BackendAnswer,
  tamper: Tamper | undefined,
): string[] {
  const a = tamper?.(backend, c, got) ?? got;
  const out: string[] = [];
  if (a.category !== c.category)
    out.push(
      `${backend}: category ${String(a.category)} ≠ interpreter ${c.category} — ${describeCase(c)}`,
    );
  for (const e of c.criteria.endpoints) {
    const want = c.endpoints[e.name];
    const have = a.endpoints[e.name];
    if (have !== want)
      out.push(
        `${backend}: end point ${e.name} ${String(have)} ≠ interpreter ${String(want)} — ${describeCase(c)}`,
      );
  }
  return out;
}

/**
 * Run every recorded case through the three other backends and compare with the interpreter.
 *
 * @param cases - the recorded interpreter calls.
 * @param tamper - for the self-test only: replaces a backend's answer.
 */
export async function compareBackends(
  cases: readonly RecordedCase[],
  tamper?: Tamper,
  limit = 20,
): Promise<DifferentialReport> {
  // Distinct cases, grouped by criteria object × readings × substitution.
  const groups = new Map<string, RecordedCase[]>();
  const seen = new Set<string>();
  for (const c of cases) {
    const g = groupKey(c);
    const key = `${g}|${JSON.stringify(c.input)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const list = groups.get(g);
    if (list) list.push(c);
    else groups.set(g, [c]);
  }
  const compared: Record<Backend, number> = { codegen: 0, closures: 0, duckdb: 0 };
  const mismatches: string[] = [];
  let mismatchCount = 0;
  const report = (ms: string[]) => {
    mismatchCount += ms.length;
    for (const m of ms) if (mismatches.length < limit) mismatches.push(m);
  };

  // Compiled JavaScript, both modes.
  for (const list of groups.values()) {
    const first = list[0] as RecordedCase;
    const options = {
      interpretation: first.interpretation,
      allowProteinuriaSubstitution: first.allowProteinuriaSubstitution,
    };
    for (const [backend, codegen] of [
      ["codegen", true],
      ["closures", false],
    ] as const) {
      let compiled: ReturnType<typeof compile>;
      try {
        compiled = compile(first.criteria, { ...options, codegen });
      } catch (e) {
        report([`${backend}: compile() threw for ${describeCase(first)}: ${String(e)}`]);
        continue;
      }
      for (const c of list) {
        let got: BackendAnswer;
        try {
          got = compiled.classify(c.input);
        } catch (e) {
          report([`${backend}: threw ${String(e)} — ${describeCase(c)}`]);
          continue;
        }
        compared[backend]++;
        report(differences(backend, c, got, tamper));
      }
    }
  }

  // DuckDB: one table of every case, one query per group.
  if (groups.size > 0) {
    const instance = await DuckDBInstance.create(":memory:", {
      autoinstall_known_extensions: "false",
      autoload_known_extensions: "false",
    });
    const conn = await instance.connect();
    try {
      await conn.run(
        `CREATE TABLE cases (${CASE_COLUMNS.map(([n, t]) => `${n} ${t}`).join(", ")})`,
      );
      const app = await conn.createAppender("cases");
      const byRid: RecordedCase[] = [];
      let grp = 0;
      for (const list of groups.values()) {
        for (const c of list) {
          const row = caseRow(c.input, byRid.length, grp);
          byRid.push(c);
          for (const [name, type] of CASE_COLUMNS) {
            const v = row[name] ?? null;
            if (v === null) app.appendNull();
            else if (type === "DOUBLE") app.appendDouble(v as number);
            else if (type === "BOOLEAN") app.appendBoolean(v as boolean);
            else app.appendVarchar(v as string);
          }
          app.endRow();
        }
        grp++;
      }
      app.flushSync();
      app.closeSync();
      grp = 0;
      for (const list of groups.values()) {
        const g = grp++;
        const first = list[0] as RecordedCase;
        await conn.run(`CREATE VIEW g${g} AS SELECT * FROM cases WHERE grp = ${g}`);
        let sql: string;
        try {
          sql = toSql(first.criteria, {
            dialect: "duckdb",
            table: `g${g}`,
            columns: CASE_SQL_COLUMNS,
            interpretation: first.interpretation,
            allowProteinuriaSubstitution: first.allowProteinuriaSubstitution,
          });
        } catch (e) {
          report([`duckdb: toSql() threw for ${describeCase(first)}: ${String(e)}`]);
          continue;
        }
        const eps = first.criteria.endpoints.map((e) => `, "ep_${e.name}"`).join("");
        const out = (
          await conn.runAndReadAll(`SELECT rid, category${eps} FROM (${sql}) ORDER BY rid`)
        ).getRowObjectsJS() as Record<string, unknown>[];
        if (out.length !== list.length)
          report([
            `duckdb: ${out.length} rows back for ${list.length} cases of ${first.criteria.id}`,
          ]);
        for (const o of out) {
          const c = byRid[Number(o.rid)] as RecordedCase;
          const endpoints = Object.fromEntries(
            first.criteria.endpoints.map((e) => [e.name, TRUTH[String(o[`ep_${e.name}`])]]),
          );
          compared.duckdb++;
          report(differences("duckdb", c, { category: o.category, endpoints }, tamper));
        }
      }
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  }

  return {
    recorded: cases.length,
    distinct: seen.size,
    compared,
    mismatches,
    mismatchCount,
  };
}

/**
 * The verdict on one test file's report: why it fails (no case recorded, a disagreement — a
 * backend that refused a case is one), or undefined when it passes.
 */
export function verdict(report: DifferentialReport): string | undefined {
  if (report.recorded === 0)
    return "differential: this test file recorded no interpreter call; the classify wrapper is not wired (or the file no longer classifies: then take it out of the project)";
  if (report.mismatchCount > 0)
    return `differential: ${report.mismatchCount} disagreement(s) with the interpreter:\n${report.mismatches.join("\n")}`;
  return undefined;
}
