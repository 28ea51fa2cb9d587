import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEALTHY_SERVICES, PAYMENT_RESTART_OFFSET_MS } from '@/demo/scenario';
import { checkHealth } from '@/lib/health';
import { parseConfig } from '@/lib/config';
import { prometheusInstalled } from '../../scripts/lib/prometheus-server';
import { startDemoBackends, startDemoStack, type DemoBackends, type DemoStack } from '../helpers/demo-backends';
import { realClients, sourceConfig } from '../helpers/clients';
import { createLokiClient, createTransport } from '@/lib/sources';
import { resolveAnchorMs } from '@/demo/scenario/anchor';

/** The three clients against real servers: Prometheus (Debian's) and the demo Loki/Jaeger over HTTP. */
describe.runIf(prometheusInstalled())('clients against the demo backends', () => {
  let stack: DemoStack;
  let anchorMs: number;
  let backends: DemoBackends;
  let clients: DemoStack['clients'];

  beforeAll(async () => {
    stack = await startDemoStack();
    ({ anchorMs, backends, clients } = stack);
  });
  afterAll(async () => stack?.stop());

  it('Prometheus resets() sees exactly the planted payment-gateway restart', async () => {
    const at = anchorMs - 2 * 60_000;
    const r = await clients.prometheus!.query('resets(http_requests_total[1h]) > 0', at);
    const services = new Set(r.series.map((s) => s.labels.service_name));
    expect([...services]).toEqual(['payment-gateway']);
    const restarts = await clients.prometheus!.query('changes(process_start_time_seconds[1h]) > 0', at);
    expect(restarts.series.map((s) => s.labels.service_name)).toEqual(['payment-gateway']);
    // The raw samples around the restart show the drop where the story put it.
    const restartMs = anchorMs + PAYMENT_RESTART_OFFSET_MS;
    const range = await clients.prometheus!.queryRange('process_start_time_seconds{service_name="payment-gateway"}', restartMs - 120_000, restartMs + 120_000, 15);
    const values = range.series[0].points.map(([, v]) => v);
    expect(new Set(values).size).toBe(2);
  });

  it('Prometheus metadata (from scraping the live exporter) knows the declared metric types', async () => {
    let meta = await clients.prometheus!.metadata();
    // Prometheus fills its metadata while it parses the first scrape: wait for both families.
    for (let i = 0; i < 60 && !(meta.http_request_duration_seconds && meta.process_start_time_seconds); i++) {
      await new Promise((r) => setTimeout(r, 500));
      meta = await clients.prometheus!.metadata();
    }
    expect(meta.http_request_duration_seconds?.[0].type).toBe('histogram');
    expect(meta.process_start_time_seconds?.[0].type).toBe('gauge');
    expect((await clients.prometheus!.buildinfo()).version).toMatch(/^\d+\.\d+/);
  });

  it('Loki returns categorized lines with exact nanosecond timestamps, paging past one page', async () => {
    const now = Date.now();
    // Pages of 100 so that 300 lines take three requests, each resuming at the last ns seen.
    const cfg = sourceConfig('loki', backends.lokiUrl);
    const loki = createLokiClient(cfg, createTransport(cfg), { pageLimit: 100 });
    const r = await loki.queryRange('{service_name="risk-engine"}', now - 60 * 60_000, now, { limit: 300 });
    expect(r.categorized).toBe(true);
    expect(r.lines.length).toBe(300);
    expect(r.truncated).toBe(true);
    for (const l of r.lines) expect(l.tsNs).toMatch(/^\d{19}$/);
    expect(r.lines.some((l) => l.structuredMetadata.trace_id)).toBe(true);
    expect(new Set(r.lines.map((l) => `${l.tsNs} ${l.line}`)).size).toBe(300); // no duplicates at page seams
    const ns = r.lines.map((l) => BigInt(l.tsNs));
    for (let i = 1; i < ns.length; i++) expect(ns[i] <= ns[i - 1]).toBe(true); // backward: newest first
    const labels = await clients.loki!.labels(now - 3_600_000, now);
    expect(labels).toContain('service_name');
  });

  it('Jaeger lists every demo service and finds complete traces', async () => {
    const services = await clients.jaeger!.services();
    for (const s of HEALTHY_SERVICES) expect(services).toContain(s);
    const now = Date.now();
    const traces = await clients.jaeger!.searchTraces({ service: 'api-gateway', fromMs: now - 10 * 60_000, toMs: now, limit: 3 });
    expect(traces.length).toBeGreaterThan(0);
    // Any textual form of the id finds the same trace.
    const again = await clients.jaeger!.getTrace(traces[0].traceId.toUpperCase());
    expect(again?.spans.length).toBe(traces[0].spans.length);
  });
});

/** A backend that hangs, refuses, fails or answers garbage turns only its own status red. */
describe('health with broken backends', () => {
  let servers: Server[] = [];
  const serve = async (handler: Parameters<typeof createServer>[1]) => {
    const s = createServer(handler);
    servers.push(s);
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(s.address() as { port: number }).port}`;
  };
  afterAll(async () => {
    for (const s of servers) s.closeAllConnections();
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    servers = [];
  });

  it.each([
    ['hangs', 'timeout'],
    ['refuses', 'error'],
    ['500', 'error'],
    ['garbage', 'error'],
  ])('Prometheus that %s → %s, Loki and Jaeger stay ok', async (mode, expected) => {
    const anchorMs = resolveAnchorMs(undefined, Date.now());
    const backends = await startDemoBackends(anchorMs);
    let promUrl: string;
    if (mode === 'refuses') promUrl = 'http://127.0.0.1:9'; // discard port: nothing listens
    else
      promUrl = await serve((_req, res) => {
        if (mode === 'hangs') return; // never answers
        if (mode === '500') {
          res.writeHead(500, { 'content-type': 'text/plain' });
          return res.end('internal error');
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"status":"success","data":[1,2,');
      });
    const clients = realClients({ prometheus: promUrl, loki: backends.lokiUrl, jaeger: backends.jaegerUrl }, 1_000);
    const config = parseConfig({ PROMETHEUS_URL: promUrl, LOKI_URL: backends.lokiUrl, JAEGER_URL: backends.jaegerUrl });
    const h = await checkHealth({ config, clients, timeoutMs: 1_500 });
    await backends.close();
    expect(h.sources.prometheus.status).toBe(expected);
    expect(h.sources.loki.status).toBe('ok');
    expect(h.sources.jaeger.status).toBe('ok');
    expect(h.status).toBe('degraded');
  });
});
