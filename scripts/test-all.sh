#!/usr/bin/env bash
# README command 2 (and .ci/run): the whole test suite — static checks, unit, integration
# (real PostgreSQL and Prometheus), end-to-end (Debian Chromium). Installs what is missing.
# Last line: "N passed, N failed" summed over every suite.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/setup.sh
source scripts/lib/postgres.sh

RESULTS=test-results
rm -rf "$RESULTS"; mkdir -p "$RESULTS"
failures=()
PG_STARTED=0
cleanup() { [ "$PG_STARTED" = 1 ] && pg_stop; }
trap cleanup EXIT

step() { echo; echo "=== $* ==="; }

step "setup"
setup_node_modules || { echo "npm install failed"; echo "0 passed, 1 failed"; exit 1; }
setup_prisma || { echo "prisma generate failed"; echo "0 passed, 1 failed"; exit 1; }
apt_ensure /usr/bin/chromium chromium || failures+=("chromium missing")
apt_ensure /usr/bin/prometheus prometheus --no-install-recommends || failures+=("prometheus missing")
pg_ensure_installed || failures+=("postgresql missing")

step "typecheck"
node_modules/.bin/tsc --noEmit -p . || failures+=("typecheck")

step "lint"
node_modules/.bin/eslint --max-warnings=0 . || failures+=("lint")

step "unit tests"
node_modules/.bin/vitest run --project unit --reporter=default --reporter=json --outputFile.json="$RESULTS/unit.json" || failures+=("unit")

step "build"
# Before the integration tests: the replica test runs `next start` on this build.
BUILT=0
if setup_build; then BUILT=1; else failures+=("build"); fi

step "integration tests (PostgreSQL, Prometheus)"
PG_PORT=$((20000 + RANDOM % 20000))
if pg_start "$PG_PORT"; then
  PG_STARTED=1
  TRIANGULATE_FULL_TESTS=1 PG_TEST_URL="$PG_TEST_URL" PG_TEST_ADMIN_URL="$PG_TEST_ADMIN_URL" \
    node_modules/.bin/vitest run --project integration --reporter=default --reporter=json --outputFile.json="$RESULTS/integration.json" || failures+=("integration")
  pg_stop; PG_STARTED=0
else
  failures+=("postgresql did not start")
fi

if [ "$BUILT" = 1 ]; then
  step "end-to-end tests (Chromium)"
  node_modules/.bin/playwright test --config e2e/playwright.config.ts || failures+=("e2e")
  step "end-to-end: the trace-page walk on the Tempo + Elasticsearch demo stack"
  node_modules/.bin/playwright test --config e2e/playwright.tempo-elastic.config.ts || failures+=("e2e tempo-elastic")
fi

step "summary"
node scripts/sum-results.mjs "$RESULTS" "${#failures[@]}"
status=$?
if [ ${#failures[@]} -gt 0 ]; then echo "failed steps: ${failures[*]}" >&2; fi
exit $status
