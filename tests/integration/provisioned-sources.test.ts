import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveAnchorMs } from '@/demo/scenario';
import { parseConfig } from '@/lib/config';
import { buildRegistry, firstClients, selectSources, type Registry } from '@/lib/sources/registry';
import { investigationContext } from '@/lib/investigate/context';
import { correlateTrace } from '@/lib/investigate/trace/correlated';
import { prometheusInstalled, startPrometheus, type RunningPrometheus } from '../../scripts/lib/prometheus-server';
import { startDemoBackends, type DemoBackends } from '../helpers/demo-backends';

/**
 * Several sources of each kind from one provisioning file (issue 17 item 1;
 * docs/architecture.md, "Sources from a provisioning file"): the demo's Jaeger and Loki, a
 * second Loki (a small node:http server in Loki's wire format holding the edge proxy's
 * lines), and two real Prometheus processes. A trace from the one Jaeger shows logs from
 * both Lokis, each line naming its source; each Prometheus is picked by its name.
 */

/** A Loki holding one stream: lines mentioning whatever trace id a query filters on. */
function startEdgeLoki(lineFor: (traceId: string) => { tsNs: string; line: string } | null): Promise<{ url: string; queries: string[]; auth: (string | undefined)[]; close: () => Promise<void> }> {
  const queries: string[] = [];
  const auth: (string | undefined)[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const send = (body: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (url.pathname === '/loki/api/v1/labels') return send({ status: 'success', data: ['service_name'] });
    if (url.pathname === '/loki/api/v1/query_range') {
      const query = url.searchParams.get('query') ?? '';
      queries.push(query);
      auth.push(req.headers.authorization);
      // Like Loki: the edge stream carries no trace_id label or metadata, so only the line
      // filter finds its line, and the line holds the id's full form (the longest form asked).
      const byLabel = /\|\s*trace_id\s*=~/.test(query);
      const id = byLabel ? '' : (query.match(/[0-9a-f]{16,32}/gi) ?? []).reduce((a, b) => (b.length > a.length ? b : a), '');
      const hit = id ? lineFor(id) : null;
      return send({ status: 'success', data: { resultType: 'streams', result: hit ? [{ stream: { service_name: 'edge-proxy' }, values: [[hit.tsNs, hit.line]] }] : [], stats: {} } });
    }
    res.writeHead(200).end('ready');
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}`, queries, auth, close: () => new Promise<void>((r) => server.close(() => r())) });
    }),
  );
}

describe.runIf(prometheusInstalled())('sources from a provisioning file', () => {
  let demo: DemoBackends;
  let edge: Awaited<ReturnType<typeof startEdgeLoki>>;
  let promA: RunningPrometheus;
  let promB: RunningPrometheus;
  let registry: Registry;
  let traceStartMs = 0;

  beforeAll(async () => {
    const anchorMs = resolveAnchorMs(undefined, Date.now());
    demo = await startDemoBackends(anchorMs);
    // The edge proxy logged the request a millisecond after the trace began.
    edge = await startEdgeLoki((id) => (traceStartMs ? { tsNs: `${BigInt(traceStartMs + 1) * 1_000_000n}`, line: `[edge] GET /checkout 502 upstream reset trace_id=${id}` } : null));
    const nowS = Math.floor(Date.now() / 1000);
    [promA, promB] = await Promise.all([
      startPrometheus({ scrapeTarget: demo.hostPort, metricsPath: '/metrics', scrapeInterval: '1s' }),
      startPrometheus({ openmetrics: `# TYPE region_probe gauge\nregion_probe{region="us"} 1 ${nowS - 120}\nregion_probe{region="us"} 1 ${nowS - 60}\n# EOF\n` }),
    ]);
    const file = join(mkdtempSync(join(tmpdir(), 'tri-provisioned-')), 'sources.yaml');
    writeFileSync(
      file,
      `apiVersion: 1
sources:
  - { name: prom-eu, kind: metrics, type: prometheus, url: "${promA.url}" }
  - { name: prom-us, kind: metrics, type: prometheus, url: "${promB.url}" }
  - { name: loki-app, kind: logs, type: loki, url: "${demo.lokiUrl}" }
  - name: loki-edge
    kind: logs
    type: loki
    url: "${edge.url}"
    serviceLabel: service_name
    auth: { type: bearer, token: "\${EDGE_LOKI_TOKEN}" }
  - { name: jaeger, kind: traces, type: jaeger, url: "${demo.jaegerUrl}" }
`,
    );
    registry = buildRegistry(parseConfig({ TRIANGULATE_CONFIG: file, EDGE_LOKI_TOKEN: 'edge-secret' }).namedSources);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([promA?.stop(), promB?.stop(), edge?.close(), demo?.close()]);
  });

  it('shows a trace with its logs from both Lokis, each line naming its source', async () => {
    const sources = selectSources(registry.lists, { logs: '*', metrics: '*' });
    const jaeger = sources.jaeger[0].client;
    const now = Date.now();
    const found = await jaeger.searchTraces({ service: 'risk-engine', tags: { error: 'true' }, fromMs: now - 10 * 60_000, toMs: now, limit: 1 });
    expect(found.length).toBe(1);
    const traceId = found[0].traceId;
    const trace = await jaeger.getTrace(traceId, { fromMs: now - 3_600_000, toMs: now });
    traceStartMs = Math.floor(Math.min(...trace!.spans.map((s) => s.startUs)) / 1000);

    const ctx = investigationContext({ clients: firstClients(sources), sources, nowMs: Date.now() });
    const r = await correlateTrace(ctx, traceId, { fromMs: now - 3_600_000, toMs: now });

    expect(r.trace!.spans.length).toBeGreaterThan(3);
    const bySource: Record<string, typeof r.logs> = {};
    for (const l of r.logs) (bySource[l.source ?? '(none)'] ??= []).push(l);
    expect(Object.keys(bySource).sort()).toEqual(['loki-app', 'loki-edge']);
    expect(bySource['loki-edge']!.map((l) => [l.service, l.traceId, l.line])).toEqual([['edge-proxy', traceId, `[edge] GET /checkout 502 upstream reset trace_id=${traceId}`]]);
    for (const l of bySource['loki-app']!) expect(l.traceId).toBe(traceId);
    expect(r.sources.loki.status).toBe('ok');
    expect(r.sources.loki.sources?.map((s) => [s.name, s.status])).toEqual([
      ['loki-app', 'ok'],
      ['loki-edge', 'ok'],
    ]);
    // Both Prometheus were asked; every panel says which one answered it.
    expect(r.sources.prometheus.sources?.map((s) => [s.name, s.status])).toEqual([
      ['prom-eu', 'ok'],
      ['prom-us', 'ok'],
    ]);
    for (const m of r.metrics) expect(['prom-eu', 'prom-us']).toContain(m.source);
    // The configured service label was used as is: no label lookup, the searches select on it.
    expect(edge.queries.every((q) => q.startsWith('{service_name=~'))).toBe(true);
    // The secret came from the environment variable the file names.
    expect(new Set(edge.auth)).toEqual(new Set(['Bearer edge-secret']));
  });

  it('a down Loki degrades only itself', async () => {
    await edge.close();
    const sources = selectSources(registry.lists, { logs: '*' });
    const now = Date.now();
    const [t] = await sources.jaeger[0].client.searchTraces({ service: 'risk-engine', fromMs: now - 10 * 60_000, toMs: now, limit: 1 });
    const r = await correlateTrace(investigationContext({ clients: firstClients(sources), sources, nowMs: now }), t.traceId, { fromMs: now - 3_600_000, toMs: now });
    expect(r.sources.loki.status).toBe('ok');
    expect(r.sources.loki.sources?.find((s) => s.name === 'loki-edge')?.status).not.toBe('ok');
    expect(r.logs.length).toBeGreaterThan(0);
    expect(r.logs.every((l) => l.source === 'loki-app')).toBe(true);
  });

  it('picks each Prometheus by its name', async () => {
    const now = Date.now();
    const us = firstClients(selectSources(registry.lists, { metrics: 'prom-us' })).prometheus!;
    const eu = firstClients(selectSources(registry.lists, { metrics: 'prom-eu' })).prometheus!;
    const usAnswer = await us.query('region_probe', now - 60_000);
    expect(usAnswer.series.map((s) => s.labels.region)).toEqual(['us']);
    expect((await eu.query('region_probe', now - 60_000)).series).toEqual([]);
    // The first metrics source is the default.
    expect(firstClients(selectSources(registry.lists, {})).prometheus).toBe(eu);
  });
});
