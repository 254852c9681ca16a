#!/usr/bin/env bash
# Runs a command with a throw-away PostgreSQL server: initdb in a temp dir, loopback only, a random
# port, as an unprivileged user when run as root; stopped and deleted afterwards. The command sees
# OHP_TEST_DATABASE_URL (a superuser) and OHP_PG_DUMP (the matching pg_dump, for the dump scan).
# With OHP_PG_STANDBY=1 it also starts a streaming-replication standby of that server (pg_basebackup
# over loopback, a second random port) and exports OHP_TEST_DATABASE_READ_URL, the same superuser on
# the standby (apps/server/test/read-replica.test.ts; a database created on the primary replicates to
# it under the same name — test/helpers.ts standbyUrlOf).
# Usage: [OHP_PG_STANDBY=1] scripts/with-postgres.sh <command> [args…]
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
  [ -d "$dir/standby" ] && { "${as_user[@]}" "$PG_CTL" -D "$dir/standby" -m immediate stop >/dev/null 2>&1 || true; }
  "${as_user[@]}" "$PG_CTL" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT

"${as_user[@]}" "$INITDB" -D "$dir/data" -U ohp --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
  { cat "$dir/initdb.log"; exit 1; }
common="-c listen_addresses=127.0.0.1 -c unix_socket_directories=$dir -c fsync=off -c max_connections=200"
if [ "${OHP_PG_STANDBY:-0}" = 1 ]; then
  # A primary ready for streaming replication (wal_level=replica is 15's default). full_page_writes
  # stays on: the base backup is taken while the server runs, and its consistency needs them.
  primary_opts="$common -c port=$port -c synchronous_commit=off -c wal_level=replica -c max_wal_senders=4"
else
  primary_opts="$common -c port=$port -c synchronous_commit=off -c full_page_writes=off"
fi
"${as_user[@]}" "$PG_CTL" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "$primary_opts" \
  start >/dev/null || { cat "$dir/server.log"; exit 1; }

export OHP_TEST_DATABASE_URL="postgres://ohp@127.0.0.1:$port/postgres"

if [ "${OHP_PG_STANDBY:-0}" = 1 ]; then
  # initdb --auth=trust lets `replication` connect from 127.0.0.1 (pg_hba.conf); -R writes
  # standby.signal and primary_conninfo, so the copy starts as a hot standby streaming from the primary.
  "${as_user[@]}" "$(find_bin pg_basebackup)" -h 127.0.0.1 -p "$port" -U ohp -D "$dir/standby" -X stream -R -c fast \
    >"$dir/basebackup.log" 2>&1 || { cat "$dir/basebackup.log"; exit 1; }
  standby_port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
  "${as_user[@]}" "$PG_CTL" -D "$dir/standby" -l "$dir/standby.log" -w -t 60 \
    -o "$common -c port=$standby_port -c hot_standby=on" start >/dev/null || { cat "$dir/standby.log"; exit 1; }
  PG_ISREADY=$(find_bin pg_isready)
  for _ in $(seq 1 60); do
    "$PG_ISREADY" -q -h 127.0.0.1 -p "$standby_port" -U ohp && break
    sleep 0.5
  done
  "$PG_ISREADY" -q -h 127.0.0.1 -p "$standby_port" -U ohp || { cat "$dir/standby.log"; exit 1; }
  export OHP_TEST_DATABASE_READ_URL="postgres://ohp@127.0.0.1:$standby_port/postgres"
  echo "PostgreSQL standby on 127.0.0.1:$standby_port (streaming from $port)"
fi
OHP_PG_DUMP=$(find_bin pg_dump)
export OHP_PG_DUMP
echo "PostgreSQL $("${as_user[@]}" "$(dirname "$PG_CTL")/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (temp dir $dir)"
"$@"
