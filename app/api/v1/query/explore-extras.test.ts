import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { LogLine } from '@/lib/model/types';
import type { LokiClient, LokiRangeOptions, PrometheusClient } from '@/lib/sources/types';
import { fakeLoki, fakePrometheus } from '@/lib/query/test-fakes';

const sources: { prometheus: PrometheusClient | null; loki: LokiClient | null; jaeger: null } = { prometheus: null, loki: null, jaeger: null };
vi.mock('@/lib/sources', async () => (await import('@/lib/sources/test-helpers')).sourcesModuleFor(() => sources));
vi.mock('@/lib/config', () => ({ getConfig: () => ({ demo: false }) }));

const { GET: contextGET } = await import('./logs/context/route');
const { GET: volumeGET } = await import('./logs/volume/route');
const { GET: labelsGET } = await import('./promql/labels/route');
const { GET: valuesGET } = await import('./promql/label-values/route');
const { GET: metadataGET } = await import('./promql/metadata/route');

const get = (path: string, p: Record<string, string> = {}) => new Request(`http://x${path}?${new URLSearchParams(p)}`);
const line = (tsNs: string, text: string): LogLine => ({ tsNs, line: text, stream: { job: 'api' }, structuredMetadata: {}, parsed: {} });

beforeEach(() => {
  sources.prometheus = null;
  sources.loki = null;
});

describe('GET /api/v1/query/logs/context', () => {
  it("asks Loki with the stream's exact selector and splits the lines around the anchor nanosecond", async () => {
    const calls: { q: string; opts?: LokiRangeOptions }[] = [];
    const A = 1_719_990_000_000_000_500n;
    sources.loki = fakeLoki({
      queryRange: async (q, _from, _to, opts) => {
        calls.push({ q, opts });
        // backward: newest first, includes lines of the anchor's millisecond; forward: oldest first.
        const lines = opts?.direction === 'backward'
          ? [line(String(A + 100n), 'same ms, later'), line(String(A), 'anchor'), line(String(A - 1n), 'b2'), line(String(A - 5_000_000n), 'b1')]
          : [line(String(A), 'anchor'), line(String(A + 100n), 'same ms, later'), line(String(A + 9_000_000n), 'a2')];
        return { lines, truncated: false, warnings: [], categorized: true };
      },
    });
    const res = await contextGET(get('/api/v1/query/logs/context', { stream: JSON.stringify({ job: 'api' }), tsNs: String(A), before: '1', after: '5' }));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(calls.map((c) => [c.q, c.opts?.direction])).toEqual([['{job="api"}', 'backward'], ['{job="api"}', 'forward']]);
    expect(body.before.map((e: { line: string }) => e.line)).toEqual(['b2']);
    expect(body.line.line).toBe('anchor');
    expect(body.after.map((e: { line: string }) => e.line)).toEqual(['same ms, later', 'a2']);
    expect(body.selector).toBe('{job="api"}');
  });

  it('refuses a stream that is not a label object, and a bad time, with a 400 naming the field', async () => {
    sources.loki = fakeLoki({});
    for (const [p, msg] of [
      [{ stream: '{"job": 1}', tsNs: '1' }, /stream must be a JSON object/],
      [{ stream: 'nope', tsNs: '1' }, /stream must be a JSON object/],
      [{ stream: '{"job":"a"}', tsNs: '12abc' }, /tsNs/],
      [{ stream: '{"job":"a"}', tsNs: '1', before: '1000' }, /before must be a whole number from 0 to 200/],
    ] as const) {
      const res = await contextGET(get('/api/v1/query/logs/context', p));
      expect(res.status).toBe(400);
      expect((await res.json()).error.message).toMatch(msg);
    }
  });
});

describe('the logs source of volume and context', () => {
  it('is the one the page chose: an unknown logsSource is a 400 naming the known ones, as for the lines', async () => {
    sources.loki = fakeLoki({});
    const volume = await volumeGET(get('/api/v1/query/logs/volume', { query: '{job="api"}', logsSource: 'elk' }));
    const context = await contextGET(get('/api/v1/query/logs/context', { stream: '{"job":"api"}', tsNs: '1', logsSource: 'elk' }));
    for (const res of [volume, context]) {
      expect(res.status).toBe(400);
      expect((await res.json()).error).toMatchObject({ code: 'unknown_source', message: expect.stringContaining('known: loki') });
    }
  });
});

describe('GET /api/v1/query/logs/volume', () => {
  it('counts lines per level label with a step of about 80 bars', async () => {
    const asked: { q: string; step?: string }[] = [];
    sources.loki = fakeLoki({
      queryRangeMetric: async (q, _f, _t, opts) => {
        asked.push({ q, step: opts?.step });
        return { series: [{ name: '', labels: { level: 'error' }, points: [[0, 3]] }], warnings: [] };
      },
    });
    const res = await volumeGET(get('/api/v1/query/logs/volume', { query: '{job="api"} |= "x"', from: 'now-1h', to: 'now' }));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(asked).toEqual([{ q: 'sum by (level, severity, detected_level, severity_text) (count_over_time({job="api"} |= "x" [60s]))', step: '60' }]);
    expect(body.series[0].labels).toEqual({ level: 'error' });
    expect(body.step).toBe(60);
  });

  it('refuses a metric query', async () => {
    sources.loki = fakeLoki({});
    const res = await volumeGET(get('/api/v1/query/logs/volume', { query: 'count_over_time({job="a"}[1m])' }));
    expect(res.status).toBe(400);
  });
});

describe('PromQL completion routes', () => {
  it('answer label names, label values and metadata through the Prometheus client', async () => {
    const seen: unknown[] = [];
    sources.prometheus = fakePrometheus({
      labels: async (_f, _t, opts) => (seen.push(['labels', opts?.match]), ['job', 'instance']),
      labelValues: async (label, _f, _t, opts) => (seen.push(['values', label, opts?.match]), ['http_requests_total']),
      metadata: async () => ({ http_requests_total: [{ type: 'counter', help: 'Requests.', unit: '' }] }),
    });
    expect((await (await labelsGET(get('/api/v1/query/promql/labels', { match: 'up' }))).json()).data).toEqual(['job', 'instance']);
    expect((await (await valuesGET(get('/api/v1/query/promql/label-values', { label: '__name__' }))).json()).data).toEqual(['http_requests_total']);
    const meta = await (await metadataGET(get('/api/v1/query/promql/metadata'))).json();
    expect(meta.data.http_requests_total[0].type).toBe('counter');
    expect(seen).toEqual([['labels', ['up']], ['values', '__name__', undefined]]);
  });

  it('say not_configured without Prometheus, and 400 without a label', async () => {
    const body = await (await labelsGET(get('/api/v1/query/promql/labels'))).json();
    expect(body).toEqual({ data: [], sources: { prometheus: { status: 'not_configured', message: expect.any(String), ms: 0 } } });
    expect((await valuesGET(get('/api/v1/query/promql/label-values'))).status).toBe(400);
  });
});
