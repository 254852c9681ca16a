#!/usr/bin/env bash
# Runs a command with a throw-away PostgreSQL server: initdb in a temp dir, loopback only, a random
# port, as an unprivileged user when run as root; stopped and deleted afterwards. The command sees
# OHP_TEST_DATABASE_URL (a superuser) and OHP_PG_DUMP (the matching pg_dump, for the dump scan).
# Usage: scripts/with-postgres.sh <command> [args…]
set -euo pipefail

find_bin() {
  local name=$1
  if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return; fi
  local b
  b=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -n "$b" ] && [ -x "$b/$name" ] && { echo "$b/$name"; return; }
  echo "PostgreSQL binary $name not found (install postgresql)" >&2
  exit 1
}
INITDB=$(find_bin initdb)
PG_CTL=$(find_bin pg_ctl)

dir=$(mktemp -d /tmp/ohp-pg.XXXXXX)
port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
as_user=()
if [ "$(id -u)" = 0 ]; then
  # PostgreSQL refuses to run as root.
  chown nobody "$dir"
  as_user=(runuser -u nobody --)
fi
cleanup() {
  "${as_user[@]}" "$PG_CTL" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT

"${as_user[@]}" "$INITDB" -D "$dir/data" -U ohp --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
  { cat "$dir/initdb.log"; exit 1; }
"${as_user[@]}" "$PG_CTL" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null || { cat "$dir/server.log"; exit 1; }

export OHP_TEST_DATABASE_URL="postgres://ohp@127.0.0.1:$port/postgres"
OHP_PG_DUMP=$(find_bin pg_dump)
export OHP_PG_DUMP
echo "PostgreSQL $("${as_user[@]}" "$(dirname "$PG_CTL")/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (temp dir $dir)"
"$@"
