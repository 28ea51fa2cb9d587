import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MISSING_TRACE_ID } from '@/demo/scenario';
import { correlateTrace } from '@/lib/investigate/trace/correlated';
import { cachedMetadata } from '@/lib/investigate/metadata-cache';
import { prefetchServiceMetrics } from '@/lib/investigate/trace/metrics-prefetch';
import { fetchServiceMetrics } from '@/lib/investigate/trace/service-series';
import { prometheusInstalled } from '../../scripts/lib/prometheus-server';
import { startDemoStack, type DemoStack } from '../helpers/demo-backends';
import { investigationContext } from '@/lib/investigate/context';

/**
 * The investigation end to end over HTTP: a real Prometheus backfilled with the demo's
 * history and scraping the live exporter (exemplars), the demo Loki and Jaeger APIs, the
 * real clients, and correlateTrace on top.
 */
describe.runIf(prometheusInstalled())('investigating demo traces', () => {
  let stack: DemoStack;
  let clients: DemoStack['clients'];

  beforeAll(async () => {
    stack = await startDemoStack({ waitForExemplars: true });
    clients = stack.clients;
  });
  afterAll(async () => stack?.stop());

  const range = () => ({ fromMs: Date.now() - 3_600_000, toMs: Date.now() });

  it('joins a risk-engine error trace with its logs, its service metrics and the GC storm', async () => {
    const now = Date.now();
    const found = await clients.jaeger!.searchTraces({ service: 'risk-engine', tags: { error: 'true' }, fromMs: now - 10 * 60_000, toMs: now, limit: 5 });
    expect(found.length).toBeGreaterThan(0);
    const traceId = found[0].traceId;
    const r = await correlateTrace(investigationContext({ clients, nowMs: Date.now() }), traceId, range());
    expect(r.sources).toMatchObject({ jaeger: { status: 'ok' }, loki: { status: 'ok' }, prometheus: { status: 'ok' } });
    expect(r.trace!.spans.length).toBeGreaterThan(3);
    expect(r.trace!.services?.map((s) => s.name)).toContain('risk-engine');
    // Logs carry the trace id in several formats; each joined line names its span.
    expect(r.logs.length).toBeGreaterThan(0);
    for (const l of r.logs) {
      expect(l.traceId).toBe(traceId);
      if (l.joinedBy) expect(r.trace!.spans.map((s) => s.spanId)).toContain(l.spanId);
    }
    expect(r.logs.filter((l) => l.joinedBy === 'span_id').length).toBeGreaterThan(0);
    const riskPanels = r.metrics.filter((m) => m.service === 'risk-engine').map((m) => m.panel);
    expect(riskPanels).toEqual(expect.arrayContaining(['requests', 'latency_p99', 'gc_rate']));
    expect(r.anomalies.find((a) => a.kind === 'gc_storm')?.service).toBe('risk-engine');
  });

  it("prefetches every service's metrics before the trace, identical to the metrics asked for after it (panels over the picker's hour, raw series over the trace)", async () => {
    const now = Date.now();
    const prom = clients.prometheus!;
    const metadata = await cachedMetadata(prom, now);
    const picker = { fromMs: now - 3_600_000, toMs: now };
    const prefetch = prefetchServiceMetrics(prom, picker, now)!;
    const services = ['api-gateway', 'order-service', 'risk-engine', 'payment-gateway'];
    const traceWindow = { fromMs: now - 20 * 60_000, toMs: now - 5 * 60_000 };
    const early = await prefetch.serve(services, picker, traceWindow);
    const usual = await fetchServiceMetrics(prom, services, picker, metadata, undefined, now, undefined, traceWindow);
    expect(early).not.toBeNull();
    expect(usual.panels.length).toBeGreaterThan(10);
    // Same panels, same queries, same instants and values; same raw series for the detectors.
    expect(early!.panels).toEqual(usual.panels);
    expect(early!.raw).toEqual(usual.raw);
    expect(early!.warnings).toEqual(usual.warnings);
    // A service Prometheus does not know is left to the usual path.
    expect(await prefetch.serve([...services, 'no-such-service'], picker, traceWindow)).toBeNull();
  });

  it('shows order-service background spans as orphans with their cause', async () => {
    const now = Date.now();
    const found = await clients.jaeger!.searchTraces({ service: 'order-service', operation: 'publishOrderEvent', fromMs: now - 10 * 60_000, toMs: now, limit: 3 });
    expect(found.length).toBeGreaterThan(0);
    const r = await correlateTrace(investigationContext({ clients, nowMs: Date.now() }), found[0].traceId, range());
    expect(r.trace!.orphanSpanIds.length).toBeGreaterThan(0);
    const orphan = r.trace!.spans.find((s) => s.orphan)!;
    expect(orphan.service).toBe('order-service');
    expect(orphan.orphanReason).toMatch(/context|async|background/i);
  });

  it('answers for the sampled-out exemplar trace: no trace, a missing_trace finding', async () => {
    const r = await correlateTrace(investigationContext({ clients, nowMs: Date.now() }), MISSING_TRACE_ID, range());
    expect(r.trace).toBeNull();
    expect(r.sources.jaeger.status).toBe('ok');
    expect(r.exemplars.some((e) => e.traceId === MISSING_TRACE_ID && e.traceExists === false)).toBe(true);
    expect(r.anomalies.map((a) => a.kind)).toContain('missing_trace');
  });
});
