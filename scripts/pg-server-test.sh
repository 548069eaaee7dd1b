#!/usr/bin/env bash
# Differential test of toSql's PostgreSQL output on a real PostgreSQL server (issue 18):
# installs Debian's `postgresql` if missing, initdb's a throwaway cluster in a temporary folder,
# starts it on a loopback port with its default settings (JIT on: only the listen address, port
# and socket folder are set), runs test/evaluate/sql-postgres.test.ts against it, and stops it.
# Usage: bash scripts/pg-server-test.sh   (PG_ROWS, PG_ROWS_PER_READING, PG_EXTREME_ROWS,
# PG_BOUND_SECONDS tune the test; see the test file).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
  echo "installing postgresql (apt-get)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi
BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
DIR=$(mktemp -d /tmp/lrc-pg.XXXXXX)
PORT=${PG_PORT:-$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')}
AS=()
if [ "$(id -u)" = 0 ]; then # initdb refuses to run as root
  chown postgres "$DIR"
  AS=(runuser -u postgres --)
fi
stop() {
  "${AS[@]}" "$BIN/pg_ctl" -D "$DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap stop EXIT
"${AS[@]}" "$BIN/initdb" -D "$DIR/data" -U lrc --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${AS[@]}" "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -c port=$PORT -c unix_socket_directories=$DIR" start >/dev/null
echo "PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT (default settings; jit=$(psql -X -At -h 127.0.0.1 -p "$PORT" -U lrc -d postgres -c 'SHOW jit'))"
LRC_PG_URL="postgresql://lrc@127.0.0.1:$PORT/postgres" \
  npx vitest run test/evaluate/sql-postgres.test.ts "$@"
