# Shared set-up for the two README commands (sourced). Idempotent: a second run is fast.
export NEXT_TELEMETRY_DISABLED=1

setup_node_modules() {
  if [ ! -d node_modules/.bin ] || [ package.json -nt node_modules/.package-lock.json ]; then
    echo "[setup] npm install…"
    # npm ci fails on this registry mirror (missing other-platform optional binaries); install keeps the lockfile.
    npm install --no-audit --no-fund --loglevel=error || return 1
  fi
  if [ ! -f node_modules/better-sqlite3/build/Release/better_sqlite3.node ]; then
    echo "[setup] building better-sqlite3…"
    npm rebuild better-sqlite3 || return 1
  fi
}

setup_prisma() {
  if [ ! -f generated/sqlite/client.ts ] || [ prisma/sqlite/schema.prisma -nt generated/sqlite/client.ts ] \
     || [ ! -f generated/postgres/client.ts ] || [ prisma/postgres/schema.prisma -nt generated/postgres/client.ts ]; then
    echo "[setup] prisma generate…"
    DATABASE_URL=file:./data/triangulate.db node_modules/.bin/prisma generate --schema prisma/sqlite/schema.prisma >/dev/null || return 1
    DATABASE_URL=postgres://localhost/unused node_modules/.bin/prisma generate --schema prisma/postgres/schema.prisma >/dev/null || return 1
  fi
}

# apt_ensure BINARY PACKAGE [apt flags…]: install a Debian package when its binary is missing.
apt_ensure() {
  local bin="$1" pkg="$2"; shift 2
  if [ -x "$bin" ]; then return 0; fi
  if [ "$(id -u)" != 0 ]; then
    echo "[setup] $pkg is missing. Install it with: sudo apt-get install -y $* $pkg" >&2
    return 1
  fi
  echo "[setup] apt-get install $pkg…"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" "$pkg") >/dev/null 2>&1
  [ -x "$bin" ] || { echo "[setup] could not install $pkg" >&2; return 1; }
}

setup_build() {
  # Rebuild when any source is newer than the last build.
  if [ ! -f .next/BUILD_ID ] || [ -n "$(find app components lib public next.config.js package.json -newer .next/BUILD_ID -type f 2>/dev/null | head -n 1)" ]; then
    echo "[setup] next build…"
    node_modules/.bin/next build >/tmp/triangulate-build.log 2>&1 || { tail -n 60 /tmp/triangulate-build.log; return 1; }
  fi
}
