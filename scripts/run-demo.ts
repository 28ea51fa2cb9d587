/**
 * Runs the dashboard on the built-in demo incident: a real Prometheus backfilled with the
 * demo's history and scraping the app's live demo exporter, plus `scripts/serve.mjs` serving
 * the app (whose /demo/loki and /demo/jaeger answer logs and traces).
 * Usage: tsx scripts/run-demo.ts [--port 3000]. Stops what it started on exit.
 * DEMO_ANCHOR_MS (unix ms) says when the demo "started": an anchor two hours back serves
 * the demo as it looks after running two hours (how the e2e tests move the clock).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { demoBackfill } from '../lib/demo/openmetrics';
import { resolveAnchorMs } from '../lib/demo/anchor';
import { ensurePrometheus, freePort, startPrometheus, type RunningPrometheus } from './lib/prometheus-server';

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
};
const port = Number(arg('port', process.env.PORT || '3000'));
const host = '127.0.0.1';
const anchorMs = resolveAnchorMs(process.env.DEMO_ANCHOR_MS, Date.now());
const SCRAPE_INTERVAL_MS = 5_000;
/** How far past now the backfill reaches: promtool and Prometheus start within it, so live scrapes continue the backfill without a gap. */
const SEAM_LEAD_MS = 45_000;
const log = (m: string) => console.log(`[demo] ${m}`);

let prom: RunningPrometheus | null = null;
let app: ChildProcess | null = null;
let stopping = false;

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  if (app && app.exitCode === null) app.kill('SIGTERM');
  await prom?.stop().catch(() => {});
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

async function main() {
  const env: NodeJS.ProcessEnv = { ...process.env, DEMO_ANCHOR_MS: String(anchorMs), NEXT_TELEMETRY_DISABLED: '1', HOST: host, PORT: String(port) };
  for (const k of ['PROMETHEUS_URL', 'LOKI_URL', 'JAEGER_URL']) delete env[k];
  execFileSync('node', ['scripts/db-deploy.mjs'], { stdio: 'inherit', env });
  const withProm = ensurePrometheus(log);
  const promPort = withProm ? await freePort() : null;
  if (promPort) env.DEMO_PROMETHEUS_URL = `http://127.0.0.1:${promPort}`;
  else log('running without metrics: the dashboard says how to install Prometheus');
  // The app first: Prometheus scrapes its exporter from its first second.
  app = spawn('node', ['scripts/serve.mjs'], { env, stdio: 'inherit' });
  app.on('exit', (code) => void shutdown(code ?? 0));
  if (promPort) {
    const seamMs = Date.now() + SEAM_LEAD_MS;
    log(`backfilling the demo's history (from ${new Date(anchorMs).toISOString()} minus three hours) into a fresh Prometheus…`);
    const openmetrics = demoBackfill(anchorMs, { endMs: seamMs, fineStepMs: SCRAPE_INTERVAL_MS });
    prom = await startPrometheus({ openmetrics, scrapeTarget: `${host}:${port}`, metricsPath: '/demo/metrics', scrapeInterval: `${SCRAPE_INTERVAL_MS / 1000}s`, port: promPort });
    const late = Date.now() - seamMs;
    if (late > 0) log(`warning: Prometheus came up ${Math.round(late / 1000)} s after the backfill's end: the seam has a gap that long`);
    log(`Prometheus ${prom.url} (pid ${prom.pid})`);
  }
  log(`Triangulate on http://${host}:${port}`);
}

main().catch((err) => {
  console.error(err);
  void shutdown(1);
});
