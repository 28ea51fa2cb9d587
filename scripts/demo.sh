#!/usr/bin/env bash
# README command 1: install what is needed and run the dashboard on http://127.0.0.1:3000.
# With no PROMETHEUS_URL/LOKI_URL/JAEGER_URL/TEMPO_URL/ELASTICSEARCH_URL set it serves the built-in
# demo incident; arguments go to run-demo.ts (`npm run demo -- --stack tempo-elastic`).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/setup.sh
setup_node_modules
setup_prisma  # migrations run where the server starts (run-demo.ts, start.mjs)
setup_build
if [ -z "${PROMETHEUS_URL:-}${LOKI_URL:-}${JAEGER_URL:-}${TEMPO_URL:-}${ELASTICSEARCH_URL:-}" ]; then
  exec node_modules/.bin/tsx scripts/run-demo.ts --port "${PORT:-3000}" "$@"
fi
exec node scripts/start.mjs
