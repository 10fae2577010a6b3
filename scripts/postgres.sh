#!/usr/bin/env bash
# A throwaway PostgreSQL 15 server for tests (trust auth, fsync off, 127.0.0.1 on a free port).
#   scripts/postgres.sh start        -> prints the SQLAlchemy URL, then the server's directory
#   scripts/postgres.sh stop DIR     -> stops that server and deletes DIR
# Installs Debian's postgresql-15 when its binaries are missing. initdb refuses to run as root,
# so as root the server runs as the `postgres` user.
set -euo pipefail
BIN=/usr/lib/postgresql/15/bin

as_server_user() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

install_binaries() {
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -q >&2
  $sudo apt-get install -y -q postgresql-15 >&2
  test -x "$BIN/initdb" || { echo "postgres.sh: $BIN/initdb still missing after apt-get" >&2; exit 1; }
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start() {
  test -x "$BIN/initdb" || install_binaries
  local dir port
  dir=$(mktemp -d /tmp/frontlines-pg.XXXXXX)
  chmod 755 "$dir"
  if [ "$(id -u)" -eq 0 ]; then chown postgres: "$dir"; fi
  as_server_user "$BIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-sync >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  port=$(free_port)
  as_server_user "$BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -p $port -c listen_addresses=127.0.0.1 -k $dir" \
    start >&2 || { cat "$dir/server.log" >&2; exit 1; }
  echo "postgresql+psycopg://postgres@127.0.0.1:$port/postgres"
  echo "$dir"
}

stop() {
  local dir=${1:?usage: postgres.sh stop DIR}
  case "$dir" in /tmp/frontlines-pg.*) ;; *) echo "postgres.sh: not a server directory: $dir" >&2; exit 1 ;; esac
  as_server_user "$BIN/pg_ctl" -D "$dir/data" -m immediate -w stop >&2 || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) echo "usage: $0 start | stop DIR" >&2; exit 2 ;;
esac
