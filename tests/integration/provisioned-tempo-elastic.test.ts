import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveAnchorMs } from '@/demo/scenario';
import { parseConfig } from '@/lib/config';
import { checkHealth } from '@/lib/health';
import { buildRegistry, firstClients, selectSources, type Registry } from '@/lib/sources/registry';
import { investigationContext } from '@/lib/investigate/context';
import { correlateTrace } from '@/lib/investigate/trace/correlated';
import { scanAnomalies } from '@/lib/investigate/scan/anomalies';
import { servicePage } from '@/lib/investigate/service-page';
import { PLANTED } from '@/demo/scenario/story';
import { startDemoBackends, type DemoBackends } from '../helpers/demo-backends';

/**
 * A Tempo and an Elasticsearch from a provisioning file (issue 17 items 1–3; README,
 * "Several sources of each kind"), served by the demo process's emulations (demo/tempo,
 * demo/elasticsearch), beside the demo Loki: the trace comes from Tempo, its logs from
 * Elasticsearch joined to its spans, and with every logs source chosen from both kinds at once.
 */
describe('Tempo and Elasticsearch sources from a provisioning file', () => {
  let demo: DemoBackends;
  let registry: Registry;
  let config: ReturnType<typeof parseConfig>;
  const window = () => ({ fromMs: Date.now() - 3_600_000, toMs: Date.now() });

  beforeAll(async () => {
    demo = await startDemoBackends(resolveAnchorMs(undefined, Date.now()));
    const file = join(mkdtempSync(join(tmpdir(), 'tri-tempo-elastic-')), 'sources.yaml');
    writeFileSync(
      file,
      `apiVersion: 1
sources:
  - name: elk
    kind: logs
    type: elasticsearch
    url: "${demo.url}/elasticsearch"
    auth: { type: basic, user: reader, password: "\${ELK_PASSWORD}" }
    options: { index: "logs-triangulate.*", traceIdField: trace.id }
  - { name: loki-app, kind: logs, type: loki, url: "${demo.lokiUrl}" }
  - { name: tempo, kind: traces, type: tempo, url: "${demo.url}/tempo", tenant: demo, options: { api: auto } }
`,
    );
    config = parseConfig({ TRIANGULATE_CONFIG: file, ELK_PASSWORD: 'pw' });
    registry = buildRegistry(config.namedSources);
  }, 60_000);

  afterAll(async () => {
    await demo?.close();
  });

  async function someTrace() {
    const tempo = registry.lists.jaeger[0].client;
    const now = Date.now();
    const [found] = await tempo.searchTraces({ service: 'risk-engine', fromMs: now - 10 * 60_000, toMs: now, limit: 1 });
    expect(found?.traceId).toMatch(/^[0-9a-f]{32}$/);
    return found!;
  }

  it('shows a Tempo trace with its Elasticsearch logs joined to its spans (the first logs source is the default)', async () => {
    const trace = await someTrace();
    const sources = selectSources(registry.lists, {});
    expect([sources.loki.length, sources.elasticsearch.map((s) => s.name)]).toEqual([0, ['elk']]);
    const r = await correlateTrace(investigationContext({ clients: firstClients(sources), sources, nowMs: Date.now() }), trace.traceId, window());

    expect(r.sources.jaeger.status).toBe('ok');
    expect(r.sources.loki.status).toBe('ok');
    const spanIds = new Set(r.trace!.spans.map((s) => s.spanId));
    expect(spanIds.size).toBeGreaterThan(3);
    expect(r.logs.length).toBeGreaterThan(0);
    for (const l of r.logs) expect(l.traceId).toBe(trace.traceId);
    // ECS span.id put each line on its span; the service came from service.name.
    const bySpan = r.logs.filter((l) => l.joinedBy === 'span_id');
    expect(bySpan.length).toBeGreaterThan(0);
    for (const l of bySpan) expect(spanIds.has(l.spanId!)).toBe(true);
    expect(new Set(r.logs.map((l) => l.service))).toContain('risk-engine');
  });

  it('fans the logs out to Elasticsearch and Loki at once, each line naming its source', async () => {
    const trace = await someTrace();
    const sources = selectSources(registry.lists, { logs: '*' });
    const r = await correlateTrace(investigationContext({ clients: firstClients(sources), sources, nowMs: Date.now() }), trace.traceId, window());
    expect(r.sources.loki.sources?.map((s) => [s.name, s.status])).toEqual([
      ['elk', 'ok'],
      ['loki-app', 'ok'],
    ]);
    expect(new Set(r.logs.map((l) => l.source))).toEqual(new Set(['elk', 'loki-app']));
    for (const l of r.logs) expect(l.traceId).toBe(trace.traceId);
  });

  it('samples the Elasticsearch logs in the anomaly scan: order-service\'s lines without trace context are found there too', async () => {
    const sources = selectSources(registry.lists, {});
    const nowMs = Date.now();
    const { response } = await scanAnomalies(investigationContext({ clients: firstClients(sources), sources, nowMs }), {
      fromMs: nowMs - 3_600_000,
      toMs: nowMs,
      kinds: ['log_without_trace_context'],
    });
    expect(response.sources.loki.status).toBe('ok');
    expect(response.sources.jaeger.status).toBe('ok');
    expect(response.skipped ?? []).toEqual([]);
    const found = response.anomalies.filter((a) => a.kind === 'log_without_trace_context');
    expect(found.map((a) => a.service)).toEqual([PLANTED.logWithoutTraceContext.service]);
  });

  it('draws the service page\'s log volume by level from Elasticsearch', async () => {
    const sources = selectSources(registry.lists, {});
    const nowMs = Date.now();
    const page = await servicePage(investigationContext({ clients: firstClients(sources), sources, nowMs }), 'order-service', { fromMs: nowMs - 3_600_000, toMs: nowMs });
    expect(page.sources.loki.status).toBe('ok');
    expect(page.logVolume).toMatchObject({ levelLabel: 'log_level', stepSec: 60 });
    expect(page.logVolume!.levels).toContain('info');
    // The demo's order-service logs every minute of its hour.
    expect(page.logVolume!.buckets.length).toBeGreaterThanOrEqual(55);
    expect(page.logVolume!.buckets.every((b) => Object.values(b.counts).every((n) => n > 0))).toBe(true);
  });

  it('probes each source by its type in /api/health', async () => {
    const h = await checkHealth({ config, sources: registry.lists, timeoutMs: 3_000 });
    expect(h.sources.jaeger).toMatchObject({ status: 'ok', backend: 'tempo' });
    expect(h.sources.loki).toMatchObject({ status: 'ok', backend: 'elasticsearch' });
    expect(h.sources.loki.sources?.map((s) => [s.name, s.backend, s.status])).toEqual([
      ['elk', 'elasticsearch', 'ok'],
      ['loki-app', 'loki', 'ok'],
    ]);
    expect(h.sources.prometheus.status).toBe('not_configured');
    expect(h.named).toEqual({ prometheus: [], loki: ['elk', 'loki-app'], jaeger: ['tempo'] });
  });
});
