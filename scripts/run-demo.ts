/**
 * Runs the dashboard on the built-in demo incident: a real Prometheus backfilled with the
 * last three hours of the demo metrics and scraping the app's live demo exporter, plus
 * scripts/serve.mjs serving the app (whose /demo/loki and /demo/jaeger answer logs and traces).
 * Usage: tsx scripts/run-demo.ts [--port 3000]. Stops what it started on exit.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { demoBackfill } from '../lib/demo/openmetrics';
import { resolveAnchorMs } from '../lib/demo/anchor';
import { ensurePrometheus, startPrometheus, type RunningPrometheus } from './lib/prometheus-server';

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
};
const port = Number(arg('port', process.env.PORT || '3000'));
const host = '127.0.0.1';
const anchorMs = resolveAnchorMs(undefined, Date.now());
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
  if (ensurePrometheus(log)) {
    log('backfilling three hours of demo metrics into a fresh Prometheus…');
    const openmetrics = demoBackfill(anchorMs);
    prom = await startPrometheus({ openmetrics, scrapeTarget: `${host}:${port}`, metricsPath: '/demo/metrics', scrapeInterval: '5s' });
    env.DEMO_PROMETHEUS_URL = prom.url;
    log(`Prometheus ${prom.url} (pid ${prom.pid})`);
  } else {
    log('running without metrics: the dashboard says how to install Prometheus');
  }
  app = spawn('node', ['scripts/serve.mjs'], { env, stdio: 'inherit' });
  app.on('exit', (code) => void shutdown(code ?? 0));
  log(`Triangulate on http://${host}:${port}`);
}

main().catch((err) => {
  console.error(err);
  void shutdown(1);
});
