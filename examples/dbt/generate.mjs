// Writes one dbt model per shipped response definition into examples/dbt/models/, from toSql.
// Run after `npx tsup` (it imports the built package by its own name):
//   node examples/dbt/generate.mjs [postgres|duckdb|spark|clickhouse]
// The table given to toSql is a placeholder swapped for dbt's ref(); nothing else is edited.
// dbt itself was not run on these files here (no PyPI access on the machine that wrote them).
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { criteria } from "lupus-renal-criteria";
import { toSql } from "lupus-renal-criteria/sql";

const dialect = process.argv[2] ?? "postgres";
const out = join(dirname(fileURLToPath(import.meta.url)), "models");
mkdirSync(out, { recursive: true });

/** The mapping of the upstream model `visits` (change to your own columns). */
const columns = {
  sex: "sex",
  baseline: {
    proteinuria: { value: "up0", unit: "up0_unit" },
    serumCreatinine: { value: "scr0", unit: "scr0_unit" },
    egfr: { value: "egfr0", fixedUnit: "mL/min/1.73m2" },
    rbcPerHpf: "rbc0",
  },
  current: {
    proteinuria: { value: "up", unit: "up_unit" },
    serumCreatinine: { value: "scr", unit: "scr_unit" },
    serumCreatinineUpperLimit: { value: "scr_uln", unit: "scr_uln_unit" },
    serumAlbumin: { value: "alb", unit: "alb_unit" },
    egfr: { value: "egfr", fixedUnit: "mL/min/1.73m2" },
    rbcPerHpf: "rbc",
    wbcPerHpf: "wbc",
    cellularCasts: "casts",
    sedimentNormal: "sediment_normal",
    prednisoneMgPerDay: "prednisone_mg",
    rescueTherapy: "rescue",
  },
};

const PLACEHOLDER = "lrc_source";
for (const c of Object.values(criteria)) {
  if (c.kind !== "response") continue;
  const sql = toSql(c, { dialect, table: PLACEHOLDER, columns });
  const from = `FROM ${PLACEHOLDER} AS`;
  if (sql.split(from).length !== 2) throw new Error(`${c.id}: expected one '${from}'`);
  const model = [
    "{{ config(materialized='view') }}",
    sql.replace(from, "FROM {{ ref('visits') }} AS"),
    "",
  ].join("\n");
  writeFileSync(join(out, `response_${c.id}.sql`), model);
}
console.log(`wrote ${out}`);
