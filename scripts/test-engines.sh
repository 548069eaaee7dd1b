#!/usr/bin/env bash
# The engine differential tests that need a large engine kept out of the root package.json:
# ClickHouse through chdb (npm, ~550 MB), installed into engines/clickhouse on first use.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f engines/clickhouse/node_modules/chdb/package.json ]; then
  echo "installing engines/clickhouse (chdb, ~550 MB)…"
  start=$(date +%s)
  # `npm ci` cannot work against this registry (toolchain.md): install the locked versions.
  npm install --no-save --prefix engines/clickhouse --no-audit --no-fund --loglevel=error
  echo "engines/clickhouse installed in $(( $(date +%s) - start )) s, $(du -sh engines/clickhouse/node_modules | cut -f1)"
fi
LRC_ENGINES=1 exec npx vitest run --project unit test/evaluate/sql-clickhouse.test.ts "$@"
