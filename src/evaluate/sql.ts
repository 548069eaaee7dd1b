/**
 * `toSql()`: a response criteria object compiled to one SQL query for DuckDB,
 * PostgreSQL or Spark SQL that yields the same category as the JavaScript
 * engine for every row.
 *
 * Three-valued logic maps onto SQL's own: met = TRUE, not met = FALSE, unknown =
 * NULL. SQL's AND / OR / NOT on NULL are Kleene's strong connectives, so a
 * missing value propagates exactly as in the engine; the final category is
 * spelled out with `IS TRUE` / `IS FALSE` tests, so a NULL never silently
 * becomes NR. Unit normalisation is a CASE over the accepted unit spellings, with
 * the library's factors and its rounding to 12 significant digits.
 *
 * The query is a stack of small subqueries: each derived value (a reading in its
 * base unit, a change, its rounding exponent, a category) is computed once, as a
 * column with the reserved prefix `__lrc_`, and later levels refer to it by name.
 * The user's row travels as one value (a whole-row reference in DuckDB and
 * PostgreSQL, a struct in Spark SQL) and is expanded only at the end, so no
 * internal name can bind to a column of the user's table and no helper column
 * reaches the output. PostgreSQL levels end in `OFFSET 0`, which keeps the
 * planner from inlining one level into the next.
 *
 * @module
 */
import { z } from "zod";
import { InputError, notResolved, referenced, unknownClause } from "../ir/errors.js";
import {
  type Comparator,
  type Expr,
  MEASURE_KIND,
  type Measure,
  type Operand,
} from "../ir/expr.js";
import { bindingsOf, fullInterpretation } from "../ir/readings.js";
import { resolveExpr } from "../ir/resolve.js";
import { criteriaOf } from "../ir/schema.js";
import type { InterpretationChoice, ResponseCriteria } from "../ir/types.js";
import {
  BASE_UNITS,
  lookupUnit,
  type MeasureKind,
  PERCENT_DIGITS,
  type UnitInfo,
  unitsOfKind,
} from "../units/units.js";
import { type UpcrConversion, unitUnder } from "../units/upcr-conversion.js";

/**
 * A SQL dialect `toSql` writes.
 *
 * @example
 * ```ts
 * import type { SqlDialect } from 'lupus-renal-criteria/sql';
 * const d: SqlDialect = 'duckdb';
 * ```
 * @category Compiled form and backends
 */
export type SqlDialect = "duckdb" | "postgres" | "spark" | "clickhouse";

/**
 * Where a quantity lives in the table: a value column and either a unit column
 * (one unit string per row) or a fixed unit for the whole column; optionally a
 * censor column for censored laboratory results (`<0.1`, `>3000`).
 *
 * The censor column (text, conventionally `<field>_censor`) holds `'<'`, `'<='`,
 * `'>'` or `'>='` when the value column holds the bound of a censored result, and
 * NULL for an exact value. A clause on a censored value is TRUE or FALSE only when
 * the whole range lies on one side of its threshold, NULL otherwise, as in the
 * engine. Any other text, and `'<'` with the value 0, make the value unusable
 * (NULL). Without a censor column every value is exact (and the query is what it
 * was before censoring existed).
 *
 * @example
 * ```ts
 * import type { SqlQuantityColumn } from 'lupus-renal-criteria/sql';
 * const a: SqlQuantityColumn = { value: 'up_24h', fixedUnit: 'g/24h' };
 * const b: SqlQuantityColumn = { value: 'scr', unit: 'scr_unit' };
 * const c: SqlQuantityColumn = { value: 'up', unit: 'up_unit', censor: 'up_censor' };
 * ```
 * @category Compiled form and backends
 */
export type SqlQuantityColumn =
  | { readonly value: string; readonly unit: string; readonly censor?: string }
  | { readonly value: string; readonly fixedUnit: string; readonly censor?: string };

/**
 * The columns of one assessment (baseline or current).
 *
 * @example
 * ```ts
 * import type { SqlLabColumns } from 'lupus-renal-criteria/sql';
 * const c: SqlLabColumns = { proteinuria: { value: 'up', fixedUnit: 'g/24h' }, rbcPerHpf: 'rbc' };
 * ```
 * @category Compiled form and backends
 */
export interface SqlLabColumns {
  readonly proteinuria?: SqlQuantityColumn;
  readonly serumCreatinine?: SqlQuantityColumn;
  readonly serumCreatinineUpperLimit?: SqlQuantityColumn;
  readonly serumAlbumin?: SqlQuantityColumn;
  readonly egfr?: SqlQuantityColumn;
  /** Numeric columns. */
  readonly rbcPerHpf?: string;
  readonly wbcPerHpf?: string;
  readonly acanthocytesPerHpf?: string;
  readonly prednisoneMgPerDay?: string;
  /** Boolean columns. */
  readonly cellularCasts?: string;
  readonly sedimentNormal?: string;
  readonly rescueTherapy?: string;
}

/**
 * The column mapping: which column holds each input. Unmapped inputs are missing
 * (NULL) for every row.
 *
 * @example
 * ```ts
 * import type { SqlColumns } from 'lupus-renal-criteria/sql';
 * const cols: SqlColumns = {
 *   sex: 'sex',
 *   baseline: { proteinuria: { value: 'up0', fixedUnit: 'g/24h' }, serumCreatinine: { value: 'scr0', fixedUnit: 'umol/L' } },
 *   current: { proteinuria: { value: 'up', fixedUnit: 'g/24h' }, serumCreatinine: { value: 'scr', fixedUnit: 'umol/L' } },
 * };
 * ```
 * @category Compiled form and backends
 */
export interface SqlColumns {
  /** Text column holding `'F'` or `'M'`. */
  readonly sex?: string;
  readonly baseline?: SqlLabColumns;
  readonly current?: SqlLabColumns;
}

/**
 * A table or view named by its identifier parts. Each part is quoted for the
 * dialect (`"…"` or `` `…` ``), so any name is safe, and case is kept as given.
 *
 * @example
 * ```ts
 * import type { SqlTable } from 'lupus-renal-criteria/sql';
 * const t: SqlTable = { schema: 'registry', name: 'Visits 2024' };
 * ```
 * @category Compiled form and backends
 */
export interface SqlTable {
  readonly catalog?: string;
  readonly schema?: string;
  readonly name: string;
}

/**
 * Options of {@link toSql}.
 *
 * @example
 * ```ts
 * import type { ToSqlOptions } from 'lupus-renal-criteria/sql';
 * const o: ToSqlOptions = { dialect: 'postgres', table: 'visits', columns: {} };
 * ```
 * @category Compiled form and backends
 */
export interface ToSqlOptions {
  readonly dialect: SqlDialect;
  /**
   * The source table or view: either a plain name such as `visits` or
   * `registry.visits` (letters, digits and `_`, not starting with a digit; written
   * unquoted, so the engine's own case rules apply), or identifier parts
   * (`{ schema, name }`, quoted). Anything else (a subquery, a function call) is
   * rejected: make it a view first.
   */
  readonly table: string | SqlTable;
  readonly columns: SqlColumns;
  readonly interpretation?: InterpretationChoice;
  /** As the engine's option: a UPCR may stand for a 24-h urine protein and back. */
  readonly allowProteinuriaSubstitution?: boolean;
  /** Name of the category column added to the output (default `category`). */
  readonly categoryColumn?: string;
  /**
   * Add one column per clause of the categories and end points (`clause_<clause id>`,
   * three-valued: TRUE, FALSE or NULL = unknown), after the end points, for auditing a
   * row the way the interpreter's explanation does. Default false.
   */
  readonly clauses?: boolean;
}

/** A range in SQL: a NULL `lo` is −∞, a NULL `hi` is +∞; the openness flags are boolean SQL. */
interface SqlRange {
  readonly lo: string;
  readonly hi: string;
  readonly loOpen: string;
  readonly hiOpen: string;
}
/** Kinds whose values are greater than 0 (a `<` censor leaves 0 out), as in src/evaluate/censor.ts. */
const POSITIVE_KINDS: ReadonlySet<MeasureKind> = new Set([
  "serumCreatinine",
  "serumAlbumin",
  "egfr",
]);
type QuantityField = "proteinuria" | "serumCreatinine" | "serumAlbumin" | "egfr";
/** The input field each quantity measure reads. */
const QUANTITY_FIELD: Readonly<Partial<Record<Measure, QuantityField>>> = {
  proteinuria24h: "proteinuria",
  upcr: "proteinuria",
  serumCreatinine: "serumCreatinine",
  serumAlbumin: "serumAlbumin",
  egfr: "egfr",
};

/** Prefix of every internal column and alias; a mapped column may not start with it. */
const RESERVED = "__lrc_";
const DIALECTS = ["duckdb", "postgres", "spark", "clickhouse"] as const;
/** Whether `s` holds a C0 control character or DEL. */
const hasControl = (s: string): boolean => {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
};
const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*){0,2}$/;

/** The schema of {@link ToSqlOptions}, built on first use (nothing runs at import). */
function buildOptionsSchema() {
  const columnName = z
    .string()
    .min(1, "a column name may not be empty")
    .max(128, "a column name has at most 128 characters")
    .refine((s) => !hasControl(s), "a column name may not hold control characters")
    .refine(
      (s) => !s.toLowerCase().startsWith(RESERVED),
      `names starting with '${RESERVED}' are reserved for toSql's internal columns`,
    );
  const quantityColumn = z.union([
    z.strictObject({ value: columnName, unit: columnName, censor: columnName.optional() }),
    z.strictObject({
      value: columnName,
      fixedUnit: z.string().superRefine((u, ctx) => {
        if (lookupUnit(u) === undefined)
          ctx.addIssue({ code: "custom", message: `unknown unit '${u}'` });
      }),
      censor: columnName.optional(),
    }),
  ]);
  const labColumns = z.strictObject({
    proteinuria: quantityColumn.optional(),
    serumCreatinine: quantityColumn.optional(),
    serumCreatinineUpperLimit: quantityColumn.optional(),
    serumAlbumin: quantityColumn.optional(),
    egfr: quantityColumn.optional(),
    rbcPerHpf: columnName.optional(),
    wbcPerHpf: columnName.optional(),
    acanthocytesPerHpf: columnName.optional(),
    prednisoneMgPerDay: columnName.optional(),
    cellularCasts: columnName.optional(),
    sedimentNormal: columnName.optional(),
    rescueTherapy: columnName.optional(),
  });
  const tablePart = z
    .string()
    .min(1, "an identifier may not be empty")
    .max(128, "an identifier has at most 128 characters")
    .refine((s) => !hasControl(s), "an identifier may not hold control characters");
  return z.strictObject({
    dialect: z.enum(DIALECTS, {
      error: (i) =>
        `unknown SQL dialect ${JSON.stringify(i.input)}; expected one of: ${DIALECTS.join(", ")}`,
    }),
    table: z.union(
      [
        z
          .string()
          .regex(
            PLAIN_NAME,
            "a table given as a string must be a plain name (letters, digits, _; optionally schema.name); pass { schema, name } for any other name, or create a view",
          ),
        z.strictObject({
          catalog: tablePart.optional(),
          schema: tablePart.optional(),
          name: tablePart,
        }),
      ],
      { error: "expected a plain table name or { schema?, name }" },
    ),
    columns: z.strictObject({
      sex: columnName.optional(),
      baseline: labColumns.optional(),
      current: labColumns.optional(),
    }),
    interpretation: z.record(z.string(), z.string()).optional(),
    allowProteinuriaSubstitution: z.boolean().optional(),
    categoryColumn: columnName.optional(),
    clauses: z.boolean().optional(),
  });
}
let optionsSchema: ReturnType<typeof buildOptionsSchema> | undefined;

function optionsError(path: readonly (string | number)[], message: string): InputError {
  return new InputError(
    new z.ZodError([{ code: "custom", path: [...path], message, input: undefined }]),
    "toSql options",
  );
}

class Sql {
  constructor(readonly dialect: SqlDialect) {}
  id(name: string): string {
    if (this.dialect === "clickhouse")
      return `\`${name.replaceAll("\\", "\\\\").replaceAll("`", "\\`")}\``;
    return this.dialect === "spark"
      ? `\`${name.replaceAll("`", "``")}\``
      : `"${name.replaceAll('"', '""')}"`;
  }
  get double(): string {
    // ClickHouse: a cast to a non-nullable type fails on NULL (unless the session sets
    // cast_keep_nullable = 1), so every number is cast to Nullable(Float64).
    if (this.dialect === "clickhouse") return "Nullable(Float64)";
    return this.dialect === "postgres" ? "DOUBLE PRECISION" : "DOUBLE";
  }
  num(x: number): string {
    const repr = Number.isInteger(x) && Math.abs(x) < 1e15 ? `${x}.0` : String(x);
    return `CAST(${repr} AS ${this.double})`;
  }
  str(s: string): string {
    // ClickHouse reads a backslash in a string literal as an escape.
    const t = this.dialect === "clickhouse" ? s.replaceAll("\\", "\\\\") : s;
    return `'${t.replaceAll("'", "''")}'`;
  }
  bool(): string {
    return this.dialect === "clickhouse" ? "CAST(NULL AS Nullable(Bool))" : "CAST(NULL AS BOOLEAN)";
  }
  /** A three-valued result as a boolean column (ClickHouse comparisons return UInt8 0/1). */
  asBool(sql: string): string {
    return this.dialect === "clickhouse" ? `CAST(${sql} AS Nullable(Bool))` : sql;
  }
  /** Signed infinity (for PostgreSQL, whose float arithmetic raises an error on overflow instead). */
  inf(positive: string): string {
    return `(CASE WHEN ${positive} THEN CAST('Infinity' AS ${this.double}) ELSE CAST('-Infinity' AS ${this.double}) END)`;
  }
}

/**
 * The stack of levels: each derived value is one column of the first level at
 * which everything it refers to exists. Identical expressions share a column.
 */
class Plan {
  /** Level of each internal column (1 = computed from the source row). */
  private readonly level = new Map<string, number>();
  private readonly bySql = new Map<string, string>();
  readonly levels: { name: string; sql: string }[][] = [];
  constructor(private readonly q: Sql) {}

  /** A column holding `sql` (computed once); returns its quoted name. */
  col(sql: string, hint: string): string {
    const known = this.bySql.get(sql);
    if (known) return known;
    let lvl = 1;
    for (const m of sql.matchAll(/__lrc_[A-Za-z0-9_]+/g)) {
      const l = this.level.get(m[0]);
      if (l !== undefined && l + 1 > lvl) lvl = l + 1;
    }
    const base = `${RESERVED}${hint.replace(/[^A-Za-z0-9_]/g, "_")}`;
    let name = base;
    for (
      let i = 2;
      this.level.has(name) || name === `${RESERVED}src` || name === `${RESERVED}row`;
      i++
    )
      name = `${base}_${i}`;
    this.level.set(name, lvl);
    while (this.levels.length < lvl) this.levels.push([]);
    (this.levels[lvl - 1] as { name: string; sql: string }[]).push({ name, sql });
    const ref = this.q.id(name);
    this.bySql.set(sql, ref);
    return ref;
  }

  /**
   * The engine's roundSignificant(x, digits) in two steps: the decimal exponent
   * `p` once, then the rounding; |p| > 300, 0, ±∞ and NULL leave x as it is.
   */
  round(x: string, digits: number, hint: string): string {
    const X = this.col(x, `${hint}_raw`);
    const P = this.col(
      `CASE WHEN ${X} IS NULL OR ${X} = 0 THEN NULL ELSE ${digits - 1} - FLOOR(LOG10(ABS(${X}))) END`,
      `${hint}_exp`,
    );
    const ten = this.q.num(10);
    return this.col(
      `CASE WHEN ${P} IS NULL OR ${P} > 300 OR ${P} < -300 THEN ${X} WHEN ${P} >= 0 THEN FLOOR(${X} * POWER(${ten}, ${P}) + 0.5) / POWER(${ten}, ${P}) ELSE FLOOR(${X} / POWER(${ten}, -${P}) + 0.5) * POWER(${ten}, -${P}) END`,
      hint,
    );
  }
}

/**
 * Compile a response criteria object (under one choice of readings) to a SQL
 * query that returns every column of `table` plus the category (`'CR'`, `'PR'`,
 * `'NR'` or `'indeterminate'`) and one boolean column per end point (`ep_<name>`,
 * NULL = unknown). Use it as is or in `CREATE VIEW … AS`.
 *
 * Supported: every clause of the response language (comparisons, changes,
 * sediment, creatinine-normal with the sex-specific default, observations), and
 * censored values (`<0.1`, `>3000`) through an optional censor column per quantity
 * (see {@link SqlQuantityColumn}): a clause on one is TRUE or FALSE only when the
 * whole range lies on one side of its threshold, NULL otherwise, as in the engine.
 * Eligibility facts (treatment history, exclusions) never reach it: the criteria
 * schema refuses them in a response definition.
 *
 * No helper column reaches the output. In DuckDB an input column that has the
 * name of an output column (`category`, `ep_OR`) is replaced by it; in PostgreSQL
 * and Spark SQL the output then has two columns of that name, which the engine
 * reports as ambiguous when you select it (rename one, or set `categoryColumn`).
 * The `clickhouse` dialect needs no session setting (every cast is to a Nullable
 * type, end points are `Nullable(Bool)`); it carries the input columns themselves
 * through the levels and drops its helpers with `* EXCEPT`, so there an input
 * column whose name starts with `__lrc_` is not supported (it is renamed or dropped
 * in the output; it is never read in place of a helper).
 *
 * @param criteria - a response criteria object.
 * @param options - dialect, table, column mapping, readings.
 * @returns the SQL text (one query, no trailing semicolon).
 * @throws `CriteriaError` for an invalid criteria object; `InputError` for invalid
 *   options (unknown dialect, a table that is not a plain name or identifier parts,
 *   a column name with the reserved prefix `__lrc_`, an unknown unit or reading).
 * @example
 * ```ts
 * import { criteria } from 'lupus-renal-criteria';
 * import { toSql } from 'lupus-renal-criteria/sql';
 * const sql = toSql(criteria.zhang2023, {
 *   dialect: 'duckdb', table: 'assessments',
 *   columns: {
 *     baseline: { proteinuria: { value: 'up0', fixedUnit: 'g/24h' }, serumCreatinine: { value: 'scr0', unit: 'scr0_unit' } },
 *     current: { proteinuria: { value: 'up', fixedUnit: 'g/24h' }, serumCreatinine: { value: 'scr', unit: 'scr_unit' },
 *                serumAlbumin: { value: 'alb', fixedUnit: 'g/L' } },
 *   },
 * });
 * ```
 * @category Compiled form and backends
 */
export function toSql(criteria: ResponseCriteria, options: ToSqlOptions): string {
  criteriaOf(criteria, "response");
  optionsSchema ??= buildOptionsSchema();
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) throw new InputError(parsed.error, "toSql options");
  const q = new Sql(options.dialect);
  let chosen: Record<string, string>;
  try {
    chosen = fullInterpretation(criteria, options.interpretation);
  } catch (e) {
    throw optionsError(["interpretation"], e instanceof Error ? e.message : String(e));
  }
  const b = bindingsOf(criteria, chosen);
  const substitute = options.allowProteinuriaSubstitution === true;
  const plan = new Plan(q);
  const pg = options.dialect === "postgres";
  /** A missing number, typed (PostgreSQL cannot subtract two untyped NULLs). */
  const nullNumber = `CAST(NULL AS ${q.double})`;

  /** A source column, copied once into the first level (the only level that sees the user's table). */
  const src = (name: string, cast?: string): string =>
    plan.col(
      cast ? `CAST(${RESERVED}src.${q.id(name)} AS ${cast})` : `${RESERVED}src.${q.id(name)}`,
      `in_${name.replace(/[^A-Za-z0-9_]/g, "_").slice(0, 40)}`,
    );

  /** convertInfo(x, a, b): unchanged for the same unit, else rounded `x * a / b`. */
  const convert = (x: string, a: UnitInfo, to: UnitInfo, hint: string): string =>
    a.canonical === to.canonical
      ? x
      : plan.round(`${x} * ${q.num(a.toBase)} / ${q.num(to.toBase)}`, 12, hint);

  /** A quantity column normalised to the base unit of `kind` (NULL when missing or of another kind). */
  const quantity = (
    col: SqlQuantityColumn | undefined,
    kind: MeasureKind,
    hint: string,
    conversion?: UpcrConversion,
  ): string => {
    if (!col) return nullNumber;
    const exact = quantityExact(col, kind, hint, conversion);
    if (col.censor === undefined) return exact;
    // A censor column: only the four censors (or NULL) make a usable value, and '<0' is empty.
    const c = src(col.censor);
    return plan.col(
      `CASE WHEN ${c} IS NULL OR ${c} IN ('<=', '>', '>=') OR (${c} = '<' AND ${exact} > 0) THEN ${exact} END`,
      `${hint}_usable`,
    );
  };
  const quantityExact = (
    col: SqlQuantityColumn,
    kind: MeasureKind,
    hint: string,
    conversion?: UpcrConversion,
  ): string => {
    const kinds: MeasureKind[] =
      substitute && (kind === "urineProtein24h" || kind === "upcr")
        ? ["urineProtein24h", "upcr"]
        : [kind];
    const value = src(col.value, q.double);
    if ("fixedUnit" in col) {
      const info = lookupUnit(col.fixedUnit) as UnitInfo;
      if (!kinds.includes(info.kind)) return nullNumber;
      return convert(
        value,
        unitUnder(info, conversion),
        lookupUnit(BASE_UNITS[info.kind]) as UnitInfo,
        hint,
      );
    }
    const unit = src(col.unit);
    // Units that need no conversion pass the value through; the others share one
    // multiplication and one rounding (the factor depends on the unit).
    const same: string[] = [];
    const factors: string[] = [];
    for (const k of kinds)
      for (const u of unitsOfKind(k)) {
        const info = unitUnder(lookupUnit(u) as UnitInfo, conversion);
        const target = lookupUnit(BASE_UNITS[info.kind]) as UnitInfo;
        if (info.canonical === target.canonical) same.push(q.str(u));
        else factors.push(`WHEN ${q.str(u)} THEN ${q.num(info.toBase)} / ${q.num(target.toBase)}`);
      }
    if (factors.length === 0)
      return plan.col(`CASE WHEN ${unit} IN (${same.join(", ")}) THEN ${value} END`, hint);
    const factor = plan.col(`CASE ${unit} ${factors.join(" ")} END`, `${hint}_factor`);
    const converted = plan.round(`${value} * ${factor}`, 12, `${hint}_converted`);
    return plan.col(
      `CASE WHEN ${unit} IN (${same.join(", ")}) THEN ${value} ELSE ${converted} END`,
      hint,
    );
  };

  const reading = (
    measure: Measure,
    at: "baseline" | "current",
    conversion?: UpcrConversion,
  ): string => {
    const cols = options.columns[at];
    const hint = `${at}_${measure}${conversion ? `_${conversion}` : ""}`;
    const count = (c: string | undefined) => (c ? src(c, q.double) : nullNumber);
    switch (measure) {
      case "urineRbc":
        return count(cols?.rbcPerHpf);
      case "urineWbc":
        return count(cols?.wbcPerHpf);
      case "urineAcanthocytes":
        return count(cols?.acanthocytesPerHpf);
      case "prednisone":
        return count(cols?.prednisoneMgPerDay);
      default: {
        const field = measure === "proteinuria24h" || measure === "upcr" ? "proteinuria" : measure;
        return quantity(cols?.[field], MEASURE_KIND[measure], hint, conversion);
      }
    }
  };

  /** The censor column of the quantity a measure reads, if mapped (counts and doses have none). */
  const censorOf = (measure: Measure, at: "baseline" | "current"): string | undefined => {
    if (!Object.hasOwn(QUANTITY_FIELD, measure)) return undefined;
    const col = options.columns[at]?.[QUANTITY_FIELD[measure] as QuantityField];
    return col?.censor === undefined ? undefined : src(col.censor);
  };

  /** ((num) / den) * 100, as the engine computes it (den ≠ 0). */
  const ratio = (num: string, den: string): string => {
    const plain = `${num} / ${den} * 100`;
    if (!pg) return plain;
    // PostgreSQL raises an error where IEEE arithmetic under- or overflows; the
    // extreme quotients are worked out without either, as JavaScript gets them.
    const logDiff = `LOG10(ABS(${num})) - LOG10(ABS(${den}))`;
    const sameSign = `(${num} > 0) = (${den} > 0)`;
    return `CASE WHEN ${num} IS NULL OR ${den} IS NULL THEN NULL WHEN ${num} = 0 OR ${logDiff} BETWEEN -300 AND 300 THEN ${plain} WHEN ${logDiff} > 0 THEN CASE WHEN ABS(${num} / (${den} * 1e300)) > 1.7976931348623157e6 THEN ${q.inf(sameSign)} ELSE ${plain} END WHEN ABS(${num} * 1e300 / ${den}) < 2.4703282292062328e-24 THEN ${q.num(0)} ELSE ${num} * 1e300 / ${den} * 1e-300 * 100 END`;
  };

  const operand = (op: Operand, threshold: UnitInfo, conversion?: UpcrConversion): string => {
    const base = lookupUnit(BASE_UNITS[MEASURE_KIND[op.measure]]) as UnitInfo;
    const tag = `${op.measure}${conversion ? `_${conversion}` : ""}`;
    const inThreshold = (x: string, hint: string) =>
      convert(x, base, threshold, `${hint}_${threshold.canonical}`);
    if (op.kind === "value")
      return inThreshold(reading(op.measure, op.at, conversion), `${op.at}_${tag}`);
    const bb = reading(op.measure, "baseline", conversion);
    const cc = reading(op.measure, "current", conversion);
    const hint = `${op.kind}_${tag}`;
    const pct = (num: string) =>
      plan.round(`CASE WHEN ${bb} = 0 THEN NULL ELSE ${ratio(num, bb)} END`, PERCENT_DIGITS, hint);
    switch (op.kind) {
      case "increase":
        return inThreshold(plan.round(`${cc} - ${bb}`, 12, hint), hint);
      case "decrease":
        return inThreshold(plan.round(`${bb} - ${cc}`, 12, hint), hint);
      case "percentDecrease":
        return pct(plan.col(`${bb} - ${cc}`, `${hint}_diff`));
      case "percentIncrease":
        return pct(plan.col(`${cc} - ${bb}`, `${hint}_diff`));
      case "absPercentChange":
        return pct(plan.col(`ABS(${cc} - ${bb})`, `${hint}_diff`));
      case "percentOfBaseline":
        return pct(cc);
    }
  };

  /**
   * `range cmp t` over a range (the engine's compareInterval): TRUE when every value
   * satisfies it, FALSE when none does, NULL otherwise. A NULL `lo` is −∞, a NULL
   * `hi` is +∞ (the caller has ruled out missing values first).
   */
  const decideRange = (r: SqlRange, cmp: Comparator, t: string): string => {
    const hiEdge = `(${r.hi} = ${t} AND ${r.hiOpen})`;
    const loEdge = `(${r.lo} = ${t} AND ${r.loOpen})`;
    let all: string;
    let none: string;
    switch (cmp) {
      case "<":
        all = `${r.hi} < ${t} OR ${hiEdge}`;
        none = `${r.lo} >= ${t}`;
        break;
      case "<=":
        all = `${r.hi} <= ${t}`;
        none = `${r.lo} > ${t} OR ${loEdge}`;
        break;
      case ">":
        all = `${r.lo} > ${t} OR ${loEdge}`;
        none = `${r.hi} <= ${t}`;
        break;
      case ">=":
        all = `${r.lo} >= ${t}`;
        none = `${r.hi} < ${t} OR ${hiEdge}`;
        break;
      default:
        throw new Error("toSql: unknown comparator");
    }
    return `CASE WHEN COALESCE(${all}, FALSE) THEN TRUE WHEN COALESCE(${none}, FALSE) THEN FALSE ELSE ${q.bool()} END`;
  };

  /** The range of a (possibly censored) value `x`: [0 or (0, x) below, (x or [x, ∞) above. */
  const valueRange = (x: string, c: string, kind: MeasureKind): SqlRange => ({
    lo: `(CASE WHEN ${c} IN ('<', '<=') THEN ${q.num(0)} ELSE ${x} END)`,
    hi: `(CASE WHEN ${c} IN ('>', '>=') THEN ${nullNumber} ELSE ${x} END)`,
    loOpen: `(CASE WHEN ${c} IN ('<', '<=') THEN ${POSITIVE_KINDS.has(kind) ? "TRUE" : "FALSE"} WHEN ${c} = '>' THEN TRUE ELSE FALSE END)`,
    hiOpen: `(CASE WHEN ${c} IN ('<', '>', '>=') THEN TRUE ELSE FALSE END)`,
  });

  /**
   * A compare clause when a censor column is mapped for an input it reads: the engine's
   * interval rules (src/evaluate/censor.ts) as SQL, or undefined when there is none.
   */
  const censoredCompare = (
    op: Operand,
    threshold: UnitInfo,
    cmp: Comparator,
    t: string,
    conversion?: UpcrConversion,
  ): { readonly exact: string; readonly sql: string } | undefined => {
    const kind = MEASURE_KIND[op.measure];
    if (op.kind === "value") {
      const c = censorOf(op.measure, op.at);
      if (c === undefined) return undefined;
      const x = operand(op, threshold, conversion);
      return {
        exact: `${c} IS NULL`,
        sql: `CASE WHEN ${x} IS NULL THEN ${q.bool()} ELSE ${decideRange(valueRange(x, c, kind), cmp, t)} END`,
      };
    }
    const cb = censorOf(op.measure, "baseline");
    const cc = censorOf(op.measure, "current");
    if (cb === undefined && cc === undefined) return undefined;
    const bb = reading(op.measure, "baseline", conversion);
    const cv = reading(op.measure, "current", conversion);
    const base = lookupUnit(BASE_UNITS[kind]) as UnitInfo;
    const tag = `${op.kind}_${op.measure}${conversion ? `_${conversion}` : ""}_censored`;
    const F = "FALSE";
    // Each input's range in the base unit: ends, openness, and whether the top is +∞.
    const ends = (v: string, c: string | undefined) =>
      c === undefined
        ? { lo: v, hi: v, loOpen: F, hiOpen: F, hiInf: F }
        : {
            lo: plan.col(valueRange(v, c, kind).lo, `${tag}_lo`),
            hi: v,
            loOpen: valueRange(v, c, kind).loOpen,
            hiOpen: valueRange(v, c, kind).hiOpen,
            hiInf: `(CASE WHEN ${c} IN ('>', '>=') THEN TRUE ELSE FALSE END)`,
          };
    const B = ends(bb, cb);
    const C = ends(cv, cc);
    const relative = op.kind !== "increase" && op.kind !== "decrease";
    // The value at a corner (b, c) of the two ranges, NULL where it is ±∞, and its openness.
    const corner = (
      b: string,
      bInf: string,
      bOpen: string,
      c: string,
      cInf: string,
      cOpen: string,
      hint: string,
    ): { v: string; open: string } => {
      if (!relative) {
        const d = op.kind === "increase" ? `${c} - ${b}` : `${b} - ${c}`;
        const x = convert(
          plan.round(d, 12, `${tag}_${hint}`),
          base,
          threshold,
          `${tag}_${hint}_${threshold.canonical}`,
        );
        return {
          v: plan.col(
            `CASE WHEN ${bInf} OR ${cInf} THEN ${nullNumber} ELSE ${x} END`,
            `${tag}_${hint}_v`,
          ),
          open: `(${bOpen} OR ${cOpen} OR ${bInf} OR ${cInf})`,
        };
      }
      const num =
        op.kind === "percentDecrease"
          ? `${b} - ${c}`
          : op.kind === "percentIncrease"
            ? `${c} - ${b}`
            : op.kind === "absPercentChange"
              ? `ABS(${c} - ${b})`
              : c;
      const numCol = op.kind === "percentOfBaseline" ? c : plan.col(num, `${tag}_${hint}_diff`);
      const pct = plan.round(
        `CASE WHEN ${b} = 0 THEN NULL ELSE ${ratio(numCol, b)} END`,
        PERCENT_DIGITS,
        `${tag}_${hint}`,
      );
      // c/b → 0 as b → ∞: the change's limit there.
      const atZero =
        op.kind === "percentDecrease" || op.kind === "absPercentChange"
          ? 100
          : op.kind === "percentIncrease"
            ? -100
            : 0;
      return {
        v: plan.col(
          `CASE WHEN ${bInf} THEN ${q.num(atZero)} WHEN ${cInf} OR ${b} = 0 THEN ${nullNumber} ELSE ${pct} END`,
          `${tag}_${hint}_v`,
        ),
        open: `(${cOpen} OR (${bOpen} AND NOT (${c} = 0 AND NOT ${cOpen})) OR ${cInf} OR (${b} = 0 AND NOT ${bInf}))`,
      };
    };
    const lh = corner(B.lo, F, B.loOpen, C.hi, C.hiInf, C.hiOpen, "lh");
    const hl = corner(B.hi, B.hiInf, B.hiOpen, C.lo, F, C.loOpen, "hl");
    let r: SqlRange;
    switch (op.kind) {
      case "increase":
      case "percentIncrease":
      case "percentOfBaseline":
        r = { lo: hl.v, loOpen: hl.open, hi: lh.v, hiOpen: lh.open };
        break;
      case "decrease":
      case "percentDecrease":
        r = { lo: lh.v, loOpen: lh.open, hi: hl.v, hiOpen: hl.open };
        break;
      case "absPercentChange": {
        // Below: c ≤ b throughout; above: c ≥ b throughout; else the ranges overlap (0 reached).
        const below = `(NOT ${C.hiInf} AND ${C.hi} <= ${B.lo})`;
        const above = `(NOT ${B.hiInf} AND ${C.lo} >= ${B.hi})`;
        r = {
          lo: `(CASE WHEN ${below} THEN ${lh.v} WHEN ${above} THEN ${hl.v} ELSE ${q.num(0)} END)`,
          loOpen: `(CASE WHEN ${below} THEN ${lh.open} WHEN ${above} THEN ${hl.open} ELSE FALSE END)`,
          hi: `(CASE WHEN ${below} THEN ${hl.v} WHEN ${above} THEN ${lh.v} WHEN ${lh.v} IS NULL THEN ${nullNumber} WHEN ${hl.v} > ${lh.v} THEN ${hl.v} ELSE ${lh.v} END)`,
          hiOpen: `(CASE WHEN ${below} THEN ${hl.open} WHEN ${above} THEN ${lh.open} WHEN ${lh.v} IS NULL THEN TRUE WHEN ${hl.v} > ${lh.v} THEN ${hl.open} WHEN ${lh.v} > ${hl.v} THEN ${lh.open} ELSE (${hl.open} AND ${lh.open}) END)`,
        };
        break;
      }
    }
    // A relative change is undefined where the baseline may be 0 (an exact or `<=` 0 baseline),
    // and has no limit where both the baseline and the current value tend to 0.
    const undefinedChange = relative
      ? `(${B.lo} = 0 AND NOT ${B.loOpen}) OR (${B.lo} = 0 AND NOT ${C.hiInf} AND ${C.hi} = 0)`
      : "FALSE";
    const exact = [cb, cc]
      .filter((x): x is string => x !== undefined)
      .map((x) => `${x} IS NULL`)
      .join(" AND ");
    return {
      exact,
      sql: `CASE WHEN ${bb} IS NULL OR ${cv} IS NULL THEN ${q.bool()} WHEN ${undefinedChange} THEN ${q.bool()} ELSE ${decideRange(r, cmp, t)} END`,
    };
  };

  /** Clause id → its column, when `clauses` is set (the first node of each id). */
  const clauseCols = new Map<string, string>();
  const node = (e: Expr, refs: ReadonlyMap<string, string>): string => {
    const sql = clauseSql(e, refs);
    if (options.clauses !== true || e.op === "ref" || e.op === "bind") return sql;
    const col = plan.col(sql, `clause_${e.id}`);
    if (!clauseCols.has(e.id)) clauseCols.set(e.id, col);
    return col;
  };
  const clauseSql = (e: Expr, refs: ReadonlyMap<string, string>): string => {
    switch (e.op) {
      case "compare": {
        if (typeof e.cmp !== "string" || "bind" in e.right)
          throw notResolved(`clause '${e.id}'`, "toSql");
        const thr = unitUnder(lookupUnit(e.right.unit) as UnitInfo, e.upcrConversion);
        const plain = `(${operand(e.left, thr, e.upcrConversion)} ${e.cmp} ${q.num(e.right.value)})`;
        const censored = censoredCompare(
          e.left,
          thr,
          e.cmp,
          q.num(e.right.value),
          e.upcrConversion,
        );
        return censored === undefined
          ? plain
          : `(CASE WHEN ${censored.exact} THEN ${plain} ELSE ${censored.sql} END)`;
      }
      case "fact":
        switch (e.fact) {
          case "urineSedimentNormal": {
            if ("bind" in e.params) throw notResolved(`'${e.id}'`, "toSql");
            const p = e.params;
            const cols = options.columns.current;
            const count = (c: string | undefined, max: number) =>
              c ? `(${src(c, q.double)} ${p.inclusive ? "<=" : "<"} ${q.num(max)})` : q.bool();
            const casts = cols?.cellularCasts ? `(NOT ${src(cols.cellularCasts)})` : q.bool();
            const counts = `(${count(cols?.rbcPerHpf, p.rbcMax)} AND ${count(cols?.wbcPerHpf, p.wbcMax)} AND ${casts})`;
            if (!cols?.sedimentNormal) return counts;
            const normal = src(cols.sedimentNormal);
            return `(CASE WHEN ${normal} IS NOT NULL THEN ${normal} ELSE ${counts} END)`;
          }
          case "serumCreatinineNormal": {
            const d = e.params.defaultUpperLimit;
            if ("bind" in d) throw notResolved(`'${e.id}'`, "toSql");
            const base = lookupUnit(BASE_UNITS.serumCreatinine) as UnitInfo;
            const scr = reading("serumCreatinine", "current");
            const inUnit = (u: string) => {
              const info = lookupUnit(u) as UnitInfo;
              return convert(scr, base, info, `current_serumCreatinine_${info.canonical}`);
            };
            const scrCensor = censorOf("serumCreatinine", "current");
            // `x <= limit`, over the whole range when the creatinine is censored.
            const atMost = (x: string, limit: string) =>
              scrCensor === undefined
                ? `(${x} <= ${limit})`
                : `(CASE WHEN ${x} IS NULL OR ${limit} IS NULL THEN ${q.bool()} WHEN ${scrCensor} IS NULL THEN ${x} <= ${limit} ELSE ${decideRange(valueRange(x, scrCensor, "serumCreatinine"), "<=", limit)} END)`;
            const byDefault = (sex: "F" | "M") => atMost(inUnit(d[sex].unit), q.num(d[sex].value));
            const sexCol = options.columns.sex ? src(options.columns.sex) : "NULL";
            const fallback = `(CASE WHEN ${sexCol} = 'F' THEN ${byDefault("F")} WHEN ${sexCol} = 'M' THEN ${byDefault("M")} ELSE ${q.bool()} END)`;
            const ulnCol = options.columns.current?.serumCreatinineUpperLimit;
            if (!ulnCol) return fallback;
            // The laboratory's limit, compared in its own unit (as the engine does).
            const value = src(ulnCol.value, q.double);
            const withUln =
              "fixedUnit" in ulnCol
                ? atMost(inUnit(ulnCol.fixedUnit), value)
                : `(CASE ${unitsOfKind("serumCreatinine")
                    .map(
                      (u) =>
                        `WHEN ${src(ulnCol.unit)} = ${q.str(u)} THEN ${atMost(inUnit(u), value)}`,
                    )
                    .join(" ")} ELSE ${q.bool()} END)`;
            return `(CASE WHEN ${value} IS NOT NULL THEN ${withUln} ELSE ${fallback} END)`;
          }
          case "observation": {
            const col =
              e.params.name === "cellularCasts"
                ? options.columns.current?.cellularCasts
                : options.columns.current?.rescueTherapy;
            return col ? `(${src(col)} = ${e.params.is ? "TRUE" : "FALSE"})` : q.bool();
          }
          default:
            throw new Error(
              `toSql: the '${e.fact}' fact reads a patient's history; the schema keeps it out of response definitions`,
            );
        }
      case "all":
        return `(${e.of.map((x) => node(x, refs)).join(" AND ")})`;
      case "any":
        return `(${e.of.map((x) => node(x, refs)).join(" OR ")})`;
      case "not":
        return `(NOT ${node(e.of, refs)})`;
      case "if": {
        const c = node(e.cond, refs);
        const a = node(e.whenMet, refs);
        const bb = node(e.whenNotMet, refs);
        return `(CASE WHEN ${c} IS TRUE THEN ${a} WHEN ${c} IS FALSE THEN ${bb} WHEN ${a} IS TRUE AND ${bb} IS TRUE THEN TRUE WHEN ${a} IS FALSE AND ${bb} IS FALSE THEN FALSE ELSE ${q.bool()} END)`;
      }
      case "ref":
        return referenced(refs, e.to, "toSql");
      case "bind":
        throw notResolved(`placeholder '${e.name}'`, "toSql");
      default:
        throw unknownClause(e);
    }
  };

  const refs = new Map<string, string>();
  const cats = criteria.categories.map((c) => {
    const col = plan.col(node(resolveExpr(c.expr, b), refs), `cat_${c.name}`);
    refs.set(c.name, col);
    return { name: c.name, col };
  });
  const eps = criteria.endpoints.map((e) => {
    const col = plan.col(node(resolveExpr(e.expr, b), refs), `ep_${e.name}`);
    refs.set(e.name, col);
    return { name: e.name, col };
  });
  const catCol = options.categoryColumn ?? "category";
  const outputs = [
    catCol,
    ...eps.map((e) => `ep_${e.name}`),
    ...[...clauseCols.keys()].map((id) => `clause_${id}`),
  ];
  const clash = outputs.find((o, i) => outputs.indexOf(o) !== i);
  if (clash !== undefined)
    throw optionsError(["categoryColumn"], `'${clash}' is also the name of an end point column`);
  const decide = [
    ...cats.map((c, i) => {
      const earlier = cats
        .slice(0, i)
        .map((x) => `${x.col} IS FALSE AND `)
        .join("");
      return `WHEN ${earlier}${c.col} IS TRUE THEN ${q.str(c.name)}`;
    }),
    `WHEN ${cats.map((c) => `${c.col} IS FALSE`).join(" AND ")} THEN 'NR'`,
  ].join(" ");

  // Level 1 reads the table (and carries the whole row); every later level reads the one before.
  const table =
    typeof options.table === "string"
      ? options.table
      : [options.table.catalog, options.table.schema, options.table.name]
          .filter((x): x is string => x !== undefined)
          .map((x) => q.id(x))
          .join(".");
  const rowSql = options.dialect === "spark" ? `STRUCT(${RESERVED}src.*)` : `${RESERVED}src`;
  const fence = pg ? "\n  OFFSET 0" : "";
  const indent = (s: string) => s.replaceAll("\n", "\n  ");
  const list = (cs: { name: string; sql: string }[]) =>
    cs.map((c) => `,\n  ${c.sql} AS ${q.id(c.name)}`).join("");
  // ClickHouse carries the source columns themselves and drops the helpers with `* EXCEPT`
  // (a tuple of the row would lose the column names); the others carry the row as one value.
  const ch = options.dialect === "clickhouse";
  const first = ch ? `${RESERVED}src.*` : `${rowSql} AS ${q.id(`${RESERVED}row`)}`;
  let from = `SELECT ${first}${list(plan.levels[0] ?? [])}\n  FROM ${table} AS ${RESERVED}src${fence}`;
  plan.levels.slice(1).forEach((cs, i) => {
    const alias = `${RESERVED}l${i + 1}`;
    from = `SELECT ${alias}.*${list(cs)}\n  FROM (\n  ${indent(from)}\n  ) AS ${alias}${fence}`;
  });
  const row = `${RESERVED}out.${q.id(`${RESERVED}row`)}`;
  const category = `CASE ${decide} ELSE 'indeterminate' END`;
  const outs: [string, string][] = [
    [catCol, category],
    ...eps.map((e): [string, string] => [`ep_${e.name}`, q.asBool(e.col)]),
    ...[...clauseCols].map(([id, col]): [string, string] => [`clause_${id}`, q.asBool(col)]),
  ];
  const helpers = plan.levels.flat().map((c) => q.id(c.name));
  const select = ch
    ? `* ${helpers.length > 0 ? `EXCEPT (${helpers.join(", ")})` : ""}${outs.map(([n, s]) => `,\n  ${s} AS ${q.id(n)}`).join("")}`
    : options.dialect === "duckdb"
      ? `UNNEST(STRUCT_UPDATE(${row}${outs.map(([n, s]) => `,\n  ${q.id(n)} := ${s}`).join("")}))`
      : `${options.dialect === "postgres" ? `(${row}).*` : `${row}.*`}${outs.map(([n, s]) => `,\n  ${s} AS ${q.id(n)}`).join("")}`;
  // A comment ends at a line break: keep the criteria's own text on one line.
  const comment = (s: string) =>
    Array.from(s, (ch) => (hasControl(ch) || ch === "\u2028" || ch === "\u2029" ? " " : ch)).join(
      "",
    );
  return [
    `-- ${comment(
      `${criteria.id}@${criteria.version} (${criteria.citation.short}); readings: ${
        Object.entries(chosen)
          .map(([k, v]) => `${k}=${v}`)
          .join(", ") || "none"
      }`,
    )}`,
    `-- generated by lupus-renal-criteria toSql (${options.dialect}); NULL in a clause = unknown`,
    `SELECT ${select}\nFROM (\n  ${indent(from)}\n) AS ${RESERVED}out`,
  ].join("\n");
}
