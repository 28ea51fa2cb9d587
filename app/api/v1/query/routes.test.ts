import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SourceError } from '@/lib/sources/errors';
import type { LokiClient, PrometheusClient } from '@/lib/sources/types';
import { fakeLoki, fakePrometheus } from '@/lib/query/test-fakes';

const sources: { prometheus: PrometheusClient | null; loki: LokiClient | null; jaeger: null } = { prometheus: null, loki: null, jaeger: null };

vi.mock('@/lib/sources', async () => {
  const { singleSourceLists } = await import('@/lib/sources/registry');
  return { getSources: () => sources, getSourceLists: () => singleSourceLists(sources) };
});
vi.mock('@/lib/config', () => ({ getConfig: () => ({ demo: false }) }));

const { GET: metricsGET } = await import('./metrics/route');
const { GET: logsGET } = await import('./logs/route');

const T = '4bf92f3577b34da6a3ce929d0e0e4736';
const qs = (p: Record<string, string>) => new URLSearchParams(p).toString();

beforeEach(() => {
  sources.prometheus = null;
  sources.loki = null;
});

describe('GET /api/v1/query/metrics', () => {
  it('answers 200 JSON with the series of the query', async () => {
    const asked: string[] = [];
    sources.prometheus = fakePrometheus({
      queryRange: async (q) => {
        asked.push(q);
        return { resultType: 'matrix', series: [{ name: 'up', labels: { job: 'api' }, points: [[1_000, 1]] }], warnings: [], infos: [], stepSec: 14 };
      },
    });
    const res = await metricsGET(new Request(`http://x/api/v1/query/metrics?${qs({ query: 'up{job="api"}', from: 'now-1h', to: 'now' })}`));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    const body = await res.json();
    expect(asked).toEqual(['up{job="api"}']);
    expect(body.series).toEqual([{ name: 'up', labels: { job: 'api' }, points: [[1_000, 1]] }]);
    expect(body.step).toBe(14);
    expect(body.sources.prometheus.status).toBe('ok');
  });

  it('is a 400 with {error:{code,message}} for a missing query', async () => {
    const res = await metricsGET(new Request('http://x/api/v1/query/metrics?from=now-1h'));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: 'bad_request', message: 'query is required (a PromQL expression)' } });
  });

  it('is a 400 bad_time_range for an inverted range', async () => {
    const res = await metricsGET(new Request(`http://x/api/v1/query/metrics?${qs({ query: 'up', from: 'now', to: 'now-2h' })}`));
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('bad_time_range');
  });

  it("is a 400 carrying Prometheus's parse message for malformed PromQL", async () => {
    sources.prometheus = fakePrometheus({
      queryRange: async () => {
        throw new SourceError({ source: 'prometheus', kind: 'bad_query', status: 400, message: 'invalid parameter "query": 1:5: parse error: unexpected end of input' });
      },
    });
    const res = await metricsGET(new Request(`http://x/api/v1/query/metrics?${qs({ query: 'sum(' })}`));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: 'bad_query', message: 'prometheus: invalid parameter "query": 1:5: parse error: unexpected end of input' } });
  });

  it('is a 504 when Prometheus times out', async () => {
    sources.prometheus = fakePrometheus({
      queryRange: async () => {
        throw new SourceError({ source: 'prometheus', kind: 'timeout', message: 'no answer within 15000 ms' });
      },
    });
    const res = await metricsGET(new Request(`http://x/api/v1/query/metrics?${qs({ query: 'up' })}`));
    expect(res.status).toBe(504);
    expect((await res.json()).error.message).toBe('prometheus: no answer within 15000 ms');
  });

  it('is a 200 with sources.prometheus not_configured when it is not set up', async () => {
    const res = await metricsGET(new Request(`http://x/api/v1/query/metrics?${qs({ query: 'up' })}`));
    expect(res.status).toBe(200);
    expect((await res.json()).sources.prometheus).toEqual({ status: 'not_configured', message: 'Set PROMETHEUS_URL to connect Prometheus.', ms: 0 });
  });
});

describe('GET /api/v1/query/logs', () => {
  it('answers 200 JSON with log entries whose trace ids are extracted', async () => {
    sources.loki = fakeLoki({
      queryRange: async (_q, _f, _t, opts) => ({
        lines: [{ tsNs: '1719990000123456789', line: `{"msg":"<b>hi</b>","trace_id":"${T}"}`, stream: { service_name: 'checkout' }, structuredMetadata: {}, parsed: {} }].slice(0, opts?.limit),
        truncated: false,
        warnings: [],
        categorized: true,
      }),
    });
    const res = await logsGET(new Request(`http://x/api/v1/query/logs?${qs({ query: '{service_name="checkout"}', limit: '10' })}`));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.logs).toHaveLength(1);
    expect(body.logs[0]).toMatchObject({ traceId: T, service: 'checkout', line: `{"msg":"<b>hi</b>","trace_id":"${T}"}` });
  });

  it('is a 400 for a limit out of bounds', async () => {
    const res = await logsGET(new Request(`http://x/api/v1/query/logs?${qs({ query: '{a="b"}', limit: '0' })}`));
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/limit/);
  });

  it("is a 400 carrying Loki's parse message for malformed LogQL", async () => {
    sources.loki = fakeLoki({
      queryRange: async () => {
        throw new SourceError({ source: 'loki', kind: 'bad_query', status: 400, message: 'parse error at line 1, col 9: syntax error: unexpected $end' });
      },
    });
    const res = await logsGET(new Request(`http://x/api/v1/query/logs?${qs({ query: '{a="b"' })}`));
    expect(res.status).toBe(400);
    expect((await res.json()).error).toEqual({ code: 'bad_query', message: 'loki: parse error at line 1, col 9: syntax error: unexpected $end' });
  });

  it('is a 502 when Loki is unreachable', async () => {
    sources.loki = fakeLoki({
      queryRange: async () => {
        throw new SourceError({ source: 'loki', kind: 'unreachable', message: 'connect ECONNREFUSED 127.0.0.1:3100' });
      },
    });
    const res = await logsGET(new Request(`http://x/api/v1/query/logs?${qs({ query: '{a="b"}' })}`));
    expect(res.status).toBe(502);
    expect((await res.json()).error.code).toBe('source_unreachable');
  });

  it('is a 200 with sources.loki not_configured when it is not set up', async () => {
    const res = await logsGET(new Request(`http://x/api/v1/query/logs?${qs({ query: '{a="b"}' })}`));
    expect(res.status).toBe(200);
    expect((await res.json()).sources.loki.status).toBe('not_configured');
  });
});
