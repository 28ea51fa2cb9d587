# Start a throwaway PostgreSQL cluster on 127.0.0.1 for tests (sourced by test scripts).
# Usage: pg_start PORT  → exports PG_TEST_URL; pg_stop stops exactly that cluster.
# Installs Debian's postgresql with apt when missing and we are root.

pg_bin_dir() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

pg_ensure_installed() {
  if [ -z "$(pg_bin_dir)" ]; then
    if [ "$(id -u)" = 0 ]; then
      echo "Installing PostgreSQL (apt-get install postgresql)…" >&2
      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >/dev/null 2>&1 || true
    fi
  fi
  if [ -z "$(pg_bin_dir)" ]; then
    echo "PostgreSQL is not installed. Install it with: sudo apt-get install -y postgresql" >&2
    return 1
  fi
}

pg_start() {
  local port="$1"
  pg_ensure_installed || return 1
  local bin; bin="$(pg_bin_dir)"
  PG_TEST_DIR="$(mktemp -d /tmp/triangulate-pg.XXXXXX)"
  chmod 755 "$PG_TEST_DIR"
  local runas=()
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$PG_TEST_DIR"; runas=(runuser -u postgres --); fi
  "${runas[@]}" "$bin/initdb" -D "$PG_TEST_DIR/data" -A trust -U triangulate >"$PG_TEST_DIR/initdb.log" 2>&1 || { cat "$PG_TEST_DIR/initdb.log" >&2; return 1; }
  "${runas[@]}" "$bin/pg_ctl" -D "$PG_TEST_DIR/data" -l "$PG_TEST_DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_TEST_DIR -c fsync=off -c full_page_writes=off" start >/dev/null || { cat "$PG_TEST_DIR/server.log" >&2; return 1; }
  PG_TEST_PID="$(head -n 1 "$PG_TEST_DIR/data/postmaster.pid")"
  "${runas[@]}" "$bin/createdb" -h 127.0.0.1 -p "$port" -U triangulate triangulate_test
  export PG_TEST_URL="postgres://triangulate@127.0.0.1:$port/triangulate_test"
  export PG_TEST_ADMIN_URL="postgres://triangulate@127.0.0.1:$port/postgres"
}

pg_stop() {
  if [ -n "${PG_TEST_PID:-}" ]; then
    kill -INT "$PG_TEST_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$PG_TEST_PID" 2>/dev/null || break; sleep 0.2; done
    PG_TEST_PID=""
  fi
  [ -n "${PG_TEST_DIR:-}" ] && rm -rf "$PG_TEST_DIR"
  PG_TEST_DIR=""
}
