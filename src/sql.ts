/**
 * The criteria as SQL: one query per definition for DuckDB, PostgreSQL, Spark SQL
 * or ClickHouse, with unknown as NULL (SQL's AND / OR / NOT are three-valued).
 * Subpath `lupus-renal-criteria/sql`.
 *
 * @example
 * ```ts
 * import { criteria } from 'lupus-renal-criteria';
 * import { toSql } from 'lupus-renal-criteria/sql';
 * const sql = toSql(criteria.kang2020, { dialect: 'duckdb', table: 'visits', columns: {} });
 * sql.includes('FROM visits'); // true
 * ```
 *
 * @packageDocumentation
 */
export {
  type SqlColumns,
  type SqlDialect,
  type SqlLabColumns,
  type SqlQuantityColumn,
  type SqlTable,
  type ToSqlOptions,
  toSql,
} from "./evaluate/sql.js";
