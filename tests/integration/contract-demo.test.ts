import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anomaliesResponse, correlatedResponse, exploreLogsResponse, exploreMetricsResponse, logContextResponse, logVolumeResponse, promMetadataResponse, promNamesResponse, traceOnlyResponse } from '@/lib/api/contract';
import { findAnomalies } from '@/lib/investigate/scan/anomalies';
import { correlateTrace } from '@/lib/investigate/trace/correlated';
import { traceOnly } from '@/lib/investigate/trace/trace-only';
import { runLogsQuery } from '@/lib/query/logs';
import { runMetricsQuery } from '@/lib/query/metrics';
import { runLogContext } from '@/lib/query/log-context';
import { runLogVolume } from '@/lib/query/log-volume';
import { runLabelNames, runLabelValues, runMetricMetadata } from '@/lib/query/prom-completion';
import { prometheusInstalled } from '../../scripts/lib/prometheus-server';
import { expectContract } from '../helpers/contract';
import { startDemoStack, type DemoStack } from '../helpers/demo-backends';
import { investigationContext } from '@/lib/investigate/context';

/**
 * Contract tests: real answers of the public API (the demo over real HTTP, a real
 * Prometheus, the functions the routes call) match the contract's schemas exactly.
 * The views and digests routes are held to theirs in views-routes and digests-routes.
 */
describe.runIf(prometheusInstalled())('public answers match the contract', () => {
  let stack: DemoStack;
  let traceId: string;
  const range = () => ({ fromMs: Date.now() - 3_600_000, toMs: Date.now() });

  beforeAll(async () => {
    stack = await startDemoStack({ waitForExemplars: true });
    const now = Date.now();
    const found = await stack.clients.jaeger!.searchTraces({ service: 'order-service', fromMs: now - 10 * 60_000, toMs: now, limit: 5 });
    traceId = found[0].traceId;
  });
  afterAll(async () => stack?.stop());

  it('GET /api/v1/traces/{id}/correlated and GET /api/v1/traces/{id}', async () => {
    const full = expectContract(correlatedResponse, await correlateTrace(investigationContext({ clients: stack.clients, nowMs: Date.now() }), traceId, range()));
    expect(full.trace!.spans.length).toBeGreaterThan(0);
    expect(full.logs.length + full.metrics.length).toBeGreaterThan(0);
    const alone = expectContract(traceOnlyResponse, await traceOnly(investigationContext({ clients: stack.clients, nowMs: Date.now() }), traceId, range()));
    expect(alone.trace!.columns.spanId.length).toBe(full.trace!.spans.length);
  });

  it('a trace Jaeger does not have, and a source that is not configured', async () => {
    const missing = expectContract(correlatedResponse, await correlateTrace(investigationContext({ clients: { ...stack.clients, loki: null }, nowMs: Date.now() }), '0123456789abcdef0123456789abcdef', range()));
    expect(missing.trace).toBeNull();
    expect(missing.sources.loki.status).toBe('not_configured');
  });

  it('GET /api/v1/anomalies', async () => {
    const nowMs = Date.now();
    const r = expectContract(anomaliesResponse, await findAnomalies(investigationContext({ clients: stack.clients, nowMs, config: { budgets: { deadlineMs: 60_000 } } }), { fromMs: nowMs - 3_600_000, toMs: nowMs }));
    expect(r.anomalies.length).toBeGreaterThan(0);
  });

  it('GET /api/v1/query/metrics and /api/v1/query/logs (log and metric LogQL)', async () => {
    const nowMs = Date.now();
    const metrics = expectContract(exploreMetricsResponse, await runMetricsQuery({ query: 'sum by (job) (rate(http_requests_total[1m]))', from: 'now-30m' }, investigationContext({ clients: stack.clients, nowMs })));
    expect(metrics.series.length).toBeGreaterThan(0);
    const logs = expectContract(exploreLogsResponse, await runLogsQuery({ query: '{service_name="order-service"}', from: 'now-30m', limit: '50' }, investigationContext({ clients: stack.clients, nowMs })));
    expect(logs.logs.length).toBeGreaterThan(0);
    expectContract(exploreLogsResponse, await runLogsQuery({ query: 'sum(count_over_time({service_name="order-service"}[1m]))', from: 'now-30m' }, investigationContext({ clients: stack.clients, nowMs })));
  });

  it('GET /api/v1/query/logs/context, /logs/volume and the PromQL completion routes', async () => {
    const nowMs = Date.now();
    const logs = await runLogsQuery({ query: '{service_name="order-service"}', from: 'now-30m', limit: '50' }, investigationContext({ clients: stack.clients, nowMs }));
    const line = logs.logs[10];
    const ctx = expectContract(logContextResponse, await runLogContext({ stream: JSON.stringify(line.stream), tsNs: line.tsNs, before: '5', after: '5' }, investigationContext({ clients: stack.clients, nowMs })));
    expect(ctx.line?.tsNs).toBe(line.tsNs);
    expect(ctx.before.length + ctx.after.length).toBeGreaterThan(0);
    for (const e of [...ctx.before, ...ctx.after]) expect(e.stream).toEqual(line.stream);
    const volume = expectContract(logVolumeResponse, await runLogVolume({ query: '{service_name="order-service"}', from: 'now-30m' }, investigationContext({ clients: stack.clients, nowMs })));
    expect(volume.series.length).toBeGreaterThan(0);
    const deps = investigationContext({ clients: stack.clients, nowMs });
    expect(expectContract(promNamesResponse, await runLabelValues({ label: '__name__' }, deps)).data).toContain('http_requests_total');
    expect(expectContract(promNamesResponse, await runLabelNames({ match: 'http_requests_total' }, deps)).data).toContain('code');
    expect(Object.keys(expectContract(promMetadataResponse, await runMetricMetadata(deps)).data).length).toBeGreaterThan(0);
  });
});
