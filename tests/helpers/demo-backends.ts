import { demoBackfill, resolveAnchorMs } from '@/demo/scenario';
import { startDemoServer, type RunningDemo } from '@/demo/server';
import { startPrometheus, type RunningPrometheus } from '../../scripts/lib/prometheus-server';
import { realClients } from './clients';

/**
 * The demo process's server (demo/server.ts: /loki/…, /jaeger/…, /metrics on one node:http
 * server on 127.0.0.1), started inside the test process. Tests point real clients at it.
 */
export type DemoBackends = RunningDemo;

export const startDemoBackends = (anchorMs: number): Promise<DemoBackends> => startDemoServer({ anchorMs });

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
