import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { handleJaegerRequest, handleLokiRequest, OPENMETRICS_CONTENT_TYPE, renderExposition } from '@/lib/demo';
import { demoBackfill } from '@/lib/demo/openmetrics';
import { resolveAnchorMs } from '@/lib/demo/anchor';
import type { DemoClock, DemoResponse } from '@/lib/demo';
import { startPrometheus, type RunningPrometheus } from '../../scripts/lib/prometheus-server';
import { realClients } from './clients';

/**
 * The demo backends over real HTTP, outside Next: /loki/…, /jaeger/… and /metrics (the
 * live exporter) on one node:http server on 127.0.0.1, answering with the same pure
 * handlers the app mounts under /demo. Tests point real clients at them.
 */
export interface DemoBackends {
  baseUrl: string;
  lokiUrl: string;
  jaegerUrl: string;
  hostPort: string;
  clock: () => DemoClock;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startDemoBackends(anchorMs: number): Promise<DemoBackends> {
  const clock = (): DemoClock => ({ anchorMs, nowMs: Date.now() });
  const server: Server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const params = new URLSearchParams(url.searchParams);
    if (req.method === 'POST') for (const [k, v] of new URLSearchParams(await readBody(req))) params.append(k, v);
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v]));
    let out: DemoResponse;
    if (url.pathname === '/metrics') out = { status: 200, contentType: OPENMETRICS_CONTENT_TYPE, body: renderExposition(Date.now(), anchorMs) };
    else if (url.pathname.startsWith('/loki/')) out = handleLokiRequest({ path: url.pathname.slice('/loki'.length), params, headers }, clock());
    else if (url.pathname.startsWith('/jaeger/')) out = handleJaegerRequest({ path: url.pathname.slice('/jaeger'.length), params, headers }, clock());
    else out = { status: 404, contentType: 'text/plain', body: 'not found' };
    res.writeHead(out.status, { 'content-type': out.contentType });
    res.end(out.body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    baseUrl,
    lokiUrl: `${baseUrl}/loki`,
    jaegerUrl: `${baseUrl}/jaeger`,
    hostPort: `127.0.0.1:${port}`,
    clock,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/** A real Prometheus with the demo's history backfilled and, optionally, scraping the live exporter. */
export async function startDemoPrometheus(anchorMs: number, opts: { scrape?: DemoBackends } = {}): Promise<RunningPrometheus> {
  return startPrometheus({
    openmetrics: demoBackfill(anchorMs),
    scrapeTarget: opts.scrape?.hostPort,
    metricsPath: '/metrics',
    scrapeInterval: '1s',
  });
}

export interface DemoStack {
  anchorMs: number;
  backends: DemoBackends;
  prom: RunningPrometheus;
  clients: ReturnType<typeof realClients>;
  stop(): Promise<void>;
}

/**
 * The whole demo over real HTTP: backends, a real Prometheus scraping them, and real
 * clients pointed at both. `waitForExemplars` waits for the first scrape's exemplars.
 */
export async function startDemoStack(opts: { waitForExemplars?: boolean } = {}): Promise<DemoStack> {
  const anchorMs = resolveAnchorMs(undefined, Date.now());
  const backends = await startDemoBackends(anchorMs);
  const prom = await startDemoPrometheus(anchorMs, { scrape: backends });
  const clients = realClients({ prometheus: prom.url, loki: backends.lokiUrl, jaeger: backends.jaegerUrl });
  const deadline = Date.now() + 30_000;
  while (opts.waitForExemplars && Date.now() < deadline) {
    const ex = await clients.prometheus!.exemplars('{__name__=~".+_bucket"}', Date.now() - 600_000, Date.now());
    if (ex.length > 0) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    anchorMs,
    backends,
    prom,
    clients,
    stop: async () => {
      await prom.stop();
      await backends.close();
    },
  };
}
