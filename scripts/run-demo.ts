/**
 * Runs the dashboard on the built-in demo incident (docs/architecture.md, "The demo"): the
 * demo process (demo/main.ts: the emulated Loki and Jaeger and the live exporter), a real
 * Prometheus backfilled with the demo's history and scraping that exporter, and
 * `scripts/serve.mjs` serving the app with DEMO_LOKI_URL / DEMO_JAEGER_URL /
 * DEMO_PROMETHEUS_URL pointing at them.
 * Usage: tsx scripts/run-demo.ts [--port 3000] [--demo-port 0] [--stack default|tempo-elastic].
 * `--stack tempo-elastic` has the app read traces from the demo Tempo and logs from the demo
 * Elasticsearch (TRACES_BACKEND=tempo, LOGS_BACKEND=elasticsearch) instead of the demo Jaeger
 * and Loki; the demo process serves all four either way. Stops what it started on exit.
 * DEMO_ANCHOR_MS (unix ms) says when the demo "started": an anchor two hours back serves
 * the demo as it looks after running two hours (how the e2e tests move the clock).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { demoBackfill, resolveAnchorMs } from '../demo/scenario';
import { ensurePrometheus, freePort, startPrometheus, type RunningPrometheus } from './lib/prometheus-server';

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
};
const port = Number(arg('port', process.env.PORT || '3000'));
const STACKS = ['default', 'tempo-elastic'] as const;
const stack = arg('stack', 'default') as (typeof STACKS)[number];
if (!STACKS.includes(stack)) {
  console.error(`--stack must be one of ${STACKS.join(', ')}, got ${JSON.stringify(stack)}`);
  process.exit(2);
}
const host = '127.0.0.1';
const anchorMs = resolveAnchorMs(process.env.DEMO_ANCHOR_MS, Date.now());
const SCRAPE_INTERVAL_MS = 5_000;
/** How far past now the backfill reaches: promtool and Prometheus start within it, so live scrapes continue the backfill without a gap. */
const SEAM_LEAD_MS = 45_000;
const log = (m: string) => console.log(`[demo] ${m}`);

let prom: RunningPrometheus | null = null;
let app: ChildProcess | null = null;
let demo: ChildProcess | null = null;
let stopping = false;

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  for (const child of [app, demo]) if (child && child.exitCode === null) child.kill('SIGTERM');
  await prom?.stop().catch(() => {});
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

/** The demo process, on its own port; resolves once it answers /ready. */
async function startDemoProcess(demoPort: number): Promise<string> {
  const url = `http://${host}:${demoPort}`;
  demo = spawn(process.execPath, ['--import', 'tsx', 'demo/main.ts', '--host', host, '--port', String(demoPort)], {
    env: { ...process.env, DEMO_ANCHOR_MS: String(anchorMs) },
    stdio: 'inherit',
  });
  demo.on('exit', (code) => void shutdown(code ?? 1));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/ready`)).ok) return url;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the demo process did not answer on ${url}/ready within 60 s`);
}

async function main() {
  const env: NodeJS.ProcessEnv = { ...process.env, DEMO_ANCHOR_MS: String(anchorMs), NEXT_TELEMETRY_DISABLED: '1', HOST: host, PORT: String(port) };
  // The demo's sources replace any configured ones (a provisioning file included).
  for (const k of ['PROMETHEUS_URL', 'LOKI_URL', 'JAEGER_URL', 'TEMPO_URL', 'ELASTICSEARCH_URL', 'TRACES_BACKEND', 'LOGS_BACKEND', 'TRIANGULATE_CONFIG']) delete env[k];
  execFileSync('node', ['scripts/db-deploy.mjs'], { stdio: 'inherit', env });
  const demoUrl = await startDemoProcess(Number(arg('demo-port', process.env.DEMO_PORT || '0')) || (await freePort()));
  if (stack === 'tempo-elastic') {
    log(`demo Tempo ${demoUrl}/tempo, demo Elasticsearch ${demoUrl}/elasticsearch, exporter ${demoUrl}/metrics`);
    Object.assign(env, { TRACES_BACKEND: 'tempo', LOGS_BACKEND: 'elasticsearch', DEMO_TEMPO_URL: `${demoUrl}/tempo`, DEMO_ELASTICSEARCH_URL: `${demoUrl}/elasticsearch` });
  } else {
    log(`demo Loki ${demoUrl}/loki, demo Jaeger ${demoUrl}/jaeger, exporter ${demoUrl}/metrics`);
    Object.assign(env, { DEMO_LOKI_URL: `${demoUrl}/loki`, DEMO_JAEGER_URL: `${demoUrl}/jaeger` });
  }
  const withProm = ensurePrometheus(log);
  const promPort = withProm ? await freePort() : null;
  if (promPort) env.DEMO_PROMETHEUS_URL = `http://127.0.0.1:${promPort}`;
  else log('running without metrics: the dashboard says how to install Prometheus');
  app = spawn('node', ['scripts/serve.mjs'], { env, stdio: 'inherit' });
  app.on('exit', (code) => void shutdown(code ?? 0));
  if (promPort) {
    const seamMs = Date.now() + SEAM_LEAD_MS;
    log(`backfilling the demo's history (from ${new Date(anchorMs).toISOString()} minus three hours) into a fresh Prometheus…`);
    const openmetrics = demoBackfill(anchorMs, { endMs: seamMs, fineStepMs: SCRAPE_INTERVAL_MS });
    prom = await startPrometheus({ openmetrics, scrapeTarget: new URL(demoUrl).host, metricsPath: '/metrics', scrapeInterval: `${SCRAPE_INTERVAL_MS / 1000}s`, port: promPort });
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
