import { describe, expect, it } from 'vitest';
import { errorResponse } from '../api/respond';
import { SourceError } from '../sources/errors';
import { createPrometheusClient } from '../sources/prometheus/client';
import { fakeTransport, json as jsonBody, paramsOf } from '../sources/test-helpers';
import { MAX_SERIES } from './convert';
import { runMetricsQuery } from './metrics';
import { investigationContext } from '../investigate/context';
import type { PrometheusClient } from '../sources/types';
import { NOW, fakePrometheus } from './test-fakes';

const T = '4bf92f3577b34da6a3ce929d0e0e4736';
const deps = (prometheus: PrometheusClient | null) =>
  investigationContext({
    clients: { prometheus },
    nowMs: NOW,
    config: { notConfigured: { prometheus: 'Set PROMETHEUS_URL to connect Prometheus.' } },
    clock: (() => {
      let t = 0;
      return () => (t += 7);
    })(),
  });

async function statusOf(p: Promise<unknown>) {
  const res = errorResponse(await p.then(() => expect.unreachable('should have failed'), (e: unknown) => e));
  return { status: res.status, body: (await res.json()) as { error: { code: string; message: string } } };
}

describe('runMetricsQuery', () => {
  it('starts the range on a whole step, so two queries of one chart share timestamps', async () => {
    const starts: number[] = [];
    const prom = fakePrometheus({
      queryRange: async (_q, fromMs, _toMs, stepSec) => {
        starts.push(fromMs);
        return { resultType: 'matrix', series: [], warnings: [], infos: [], stepSec };
      },
    });
    await runMetricsQuery({ query: 'a', from: 'now-1h' }, { ...deps(prom), nowMs: NOW + 1_234 });
    await runMetricsQuery({ query: 'b', from: 'now-1h' }, { ...deps(prom), nowMs: NOW + 2_345 });
    expect(starts[0]).toBe(starts[1]);
    expect(starts[0] % 6_000).toBe(0);
    expect(starts[0]).toBeLessThanOrEqual(NOW + 1_234 - 3_600_000);
  });

  it('returns series with NaN and ±Inf as gaps, the exemplars, the step used and an ok source', async () => {
    const calls: unknown[][] = [];
    const prom = fakePrometheus({
      queryRange: async (...args) => {
        calls.push(args.slice(0, 4));
        return {
          resultType: 'matrix',
          series: [{ name: 'http_requests_total', labels: { job: 'api' }, points: [[NOW - 60_000, 1], [NOW - 30_000, NaN], [NOW, Infinity]] }],
          warnings: ['w1'],
          infos: ['i1'],
          stepSec: 30,
        };
      },
      exemplars: async () => [{ seriesLabels: { job: 'api' }, labels: { trace_id: T }, traceId: T, spanId: null, value: 0.2, tsMs: NOW - 1_000 }],
    });
    const r = await runMetricsQuery({ query: 'rate(http_requests_total[5m])', from: 'now-15m', to: 'now', step: '30s' }, deps(prom));
    expect(calls).toEqual([['rate(http_requests_total[5m])', NOW - 900_000, NOW, 30]]);
    expect(r.series).toEqual([{ name: 'http_requests_total', labels: { job: 'api' }, points: [[NOW - 60_000, 1], [NOW - 30_000, null], [NOW, null]] }]);
    expect(r.exemplars).toEqual([{ labels: { trace_id: T }, seriesLabels: { job: 'api' }, traceId: T, spanId: null, value: 0.2, ts: '2024-07-03T06:59:59.000Z' }]);
    expect(r.step).toBe(30);
    expect(r.warnings).toEqual(['w1']);
    expect(r.infos).toEqual(['i1']);
    expect(r.range).toEqual({ from: '2024-07-03T06:45:00.000Z', to: '2024-07-03T07:00:00.000Z' });
    expect(r.sources).toEqual({ prometheus: { status: 'ok', ms: 7 } });
  });

  it('says not_configured (200) with how to connect, without calling anything', async () => {
    const r = await runMetricsQuery({ query: 'up' }, deps(null));
    expect(r.series).toEqual([]);
    expect(r.sources.prometheus).toEqual({ status: 'not_configured', message: 'Set PROMETHEUS_URL to connect Prometheus.', ms: 0 });
  });

  it('still validates input when Prometheus is not configured', async () => {
    expect((await statusOf(runMetricsQuery({ query: '' }, deps(null)))).status).toBe(400);
  });

  it('keeps the series when exemplars fail, and says why in a warning', async () => {
    const prom = fakePrometheus({
      queryRange: async () => ({ resultType: 'matrix', series: [], warnings: [], infos: [], stepSec: 15 }),
      exemplars: async () => {
        throw new SourceError({ source: 'prometheus', kind: 'http', message: 'exemplar storage disabled' });
      },
    });
    const r = await runMetricsQuery({ query: 'up' }, deps(prom));
    expect(r.sources.prometheus?.status).toBe('ok');
    expect(r.warnings).toEqual(['exemplars unavailable: exemplar storage disabled']);
  });

  it('caps the number of series and warns', async () => {
    const series = Array.from({ length: MAX_SERIES + 3 }, (_, i) => ({ name: 'up', labels: { i: String(i) }, points: [[NOW, 1]] as [number, number][] }));
    const prom = fakePrometheus({ queryRange: async () => ({ resultType: 'matrix', series, warnings: [], infos: [], stepSec: 15 }) });
    const r = await runMetricsQuery({ query: 'up' }, deps(prom));
    expect(r.series).toHaveLength(MAX_SERIES);
    expect(r.warnings[0]).toMatch(`first ${MAX_SERIES} of ${MAX_SERIES + 3} series`);
  });

  it('turns a PromQL parse error from the real client into a 400 carrying the backend message', async () => {
    const { transport, requests } = fakeTransport('prometheus', () =>
      jsonBody({ status: 'error', errorType: 'bad_data', error: 'invalid parameter "query": 1:5: parse error: unexpected end of input' }, 400),
    );
    const prom = createPrometheusClient({ name: 'prometheus', baseUrl: 'http://prometheus.test', auth: null, timeoutMs: 5_000, demo: false }, transport);
    const { status, body } = await statusOf(runMetricsQuery({ query: 'sum(' }, deps(prom)));
    expect(status).toBe(400);
    expect(body.error.code).toBe('bad_query');
    expect(body.error.message).toContain('1:5: parse error: unexpected end of input');
    expect(paramsOf(requests.find((r) => r.url.pathname === '/api/v1/query_range')!).get('query')).toBe('sum(');
  });

  it('maps an unreachable Prometheus to 502 and a timeout to 504', async () => {
    const failing = (kind: 'unreachable' | 'timeout') =>
      fakePrometheus({
        queryRange: async () => {
          throw new SourceError({ source: 'prometheus', kind, message: kind === 'timeout' ? 'timed out after 15000 ms' : 'connect ECONNREFUSED' });
        },
      });
    const down = await statusOf(runMetricsQuery({ query: 'up' }, deps(failing('unreachable'))));
    expect(down).toEqual({ status: 502, body: { error: { code: 'source_unreachable', message: 'prometheus: connect ECONNREFUSED' } } });
    const slow = await statusOf(runMetricsQuery({ query: 'up' }, deps(failing('timeout'))));
    expect(slow.status).toBe(504);
    expect(slow.body.error.message).toContain('timed out');
  });

  it('refuses a bad time range before asking Prometheus', async () => {
    const prom = fakePrometheus({});
    const { status, body } = await statusOf(runMetricsQuery({ query: 'up', from: 'now', to: 'now-1h' }, deps(prom)));
    expect(status).toBe(400);
    expect(body.error.code).toBe('bad_time_range');
  });
});
