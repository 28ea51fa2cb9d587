import { describe, expect, it } from 'vitest';
import { handleLokiRequest } from './api';
import { MISSING_TRACE_ID } from '../scenario/story';
import { traceById } from '../scenario/traces';

const ANCHOR = Date.UTC(2026, 7, 22, 12, 0, 0);
const NOW = ANCHOR + 5 * 60_000;
const clock = { anchorMs: ANCHOR, nowMs: NOW };
const sec = (ms: number) => String(ms / 1000);

function get(path: string, params: Record<string, string>, headers: Record<string, string> = {}) {
  const r = handleLokiRequest({ path, params: new URLSearchParams(params), headers }, clock);
  return { ...r, json: () => JSON.parse(r.body) };
}

const range = { start: sec(NOW - 10 * 60_000), end: sec(NOW) };

describe('demo Loki API', () => {
  it('returns categorized 3-tuples with structured metadata and parsed labels apart from the stream', () => {
    const r = get('/loki/api/v1/query_range', { query: '{service_name="payment-gateway"} | logfmt', ...range, limit: '50' }, { 'X-Loki-Response-Encoding-Flags': 'categorize-labels' });
    expect(r.status).toBe(200);
    const body = r.json();
    expect(body.data.encodingFlags).toEqual(['categorize-labels']);
    const values = body.data.result.flatMap((s: { stream: Record<string, string>; values: unknown[][] }) => {
      expect(Object.keys(s.stream).sort()).toEqual(['job', 'level', 'namespace', 'service_name']);
      return s.values;
    });
    expect(values).toHaveLength(50);
    for (const v of values) {
      expect(v).toHaveLength(3);
      expect(v[0]).toMatch(/^\d{19}$/);
      expect(typeof v[2]).toBe('object');
    }
    const withIds = values.filter((v: [string, string, { structuredMetadata?: Record<string, string> }]) => v[2].structuredMetadata?.trace_id);
    expect(withIds.length).toBeGreaterThan(10);
    for (const v of withIds) expect(traceById(v[2].structuredMetadata.trace_id, ANCHOR, NOW)).not.toBeNull();
    expect(values.some((v: [string, string, { parsed?: Record<string, string> }]) => v[2].parsed?.duration_ms)).toBe(true);
  });

  it('merges structured metadata and parsed labels into the stream without the header, newest first', () => {
    const body = get('/loki/api/v1/query_range', { query: '{service_name="risk-engine"} | trace_id=~".+"', ...range, limit: '20' }).json();
    expect(body.data.encodingFlags).toBeUndefined();
    const all = body.data.result.flatMap((s: { stream: Record<string, string>; values: string[][] }) => {
      expect(s.stream.trace_id).toMatch(/^[0-9a-f]{32}$/);
      return s.values.map((v) => { expect(v).toHaveLength(2); return BigInt(v[0]); });
    });
    expect(all).toHaveLength(20);
    const newestFirst = [...all].sort((a, b) => (a > b ? -1 : 1));
    expect(all.slice().sort((a: bigint, b: bigint) => (a > b ? -1 : 1))).toEqual(newestFirst);
  });

  it('honours start (inclusive), end (exclusive), forward direction and line filters', () => {
    const body = get('/loki/api/v1/query_range', { query: '{service_name="api-gateway"} |= "request completed"', start: String(BigInt(NOW - 60_000) * 1_000_000n), end: String(BigInt(NOW) * 1_000_000n), direction: 'forward', limit: '1000' }).json();
    const ts = body.data.result.flatMap((s: { values: string[][] }) => s.values.map((v) => { expect(v[1]).toContain('request completed'); return BigInt(v[0]); }));
    expect(ts.length).toBeGreaterThan(5);
    for (const t of ts) {
      expect(t >= BigInt(NOW - 60_000) * 1_000_000n).toBe(true);
      expect(t < BigInt(NOW) * 1_000_000n).toBe(true);
    }
  });

  it('logs order-service background work without a trace id while its request logs carry one', () => {
    const body = get('/loki/api/v1/query_range', { query: '{service_name="order-service"} | json', ...range, limit: '500' }).json();
    const lines = body.data.result.flatMap((s: { stream: Record<string, string>; values: string[][] }) => s.values.map((v) => ({ line: v[1], labels: s.stream })));
    const bg = lines.filter((l: { line: string }) => l.line.includes('order event'));
    expect(bg.length).toBeGreaterThan(10);
    for (const l of bg) expect(l.labels.trace_id).toBeUndefined();
    expect(lines.filter((l: { labels: Record<string, string> }) => l.labels.trace_id).length).toBeGreaterThan(10);
  });

  it('answers count_over_time and sum by metric queries (instant and range)', () => {
    const inst = get('/loki/api/v1/query', { query: 'sum by (service_name) (count_over_time({namespace="shop"}[5m]))', time: sec(NOW) }).json();
    expect(inst.data.resultType).toBe('vector');
    const byService = Object.fromEntries(inst.data.result.map((r: { metric: Record<string, string>; value: [number, string] }) => [r.metric.service_name, Number(r.value[1])]));
    expect(Object.keys(byService).sort()).toContain('worker');
    expect(byService['api-gateway']).toBeGreaterThan(50);
    const rng = get('/loki/api/v1/query_range', { query: 'count_over_time({service_name="risk-engine", level="warn"} |= "GC pause" [1m])', ...range, step: '60' }).json();
    expect(rng.data.resultType).toBe('matrix');
    expect(rng.data.result[0].values.length).toBeGreaterThan(5);
  });

  it('answers labels, label values, series and buildinfo', () => {
    expect(get('/loki/api/v1/labels', range).json().data).toEqual(['job', 'level', 'namespace', 'service_name']);
    expect(get('/loki/api/v1/label/service_name/values', range).json().data).toContain('order-service');
    const series = get('/loki/api/v1/series', { 'match[]': '{service_name="worker"}', ...range }).json().data;
    expect(series).toEqual([{ job: 'worker', level: 'info', namespace: 'shop', service_name: 'worker' }]);
    expect(get('/loki/api/v1/status/buildinfo', {}).json().version).toEqual(expect.any(String));
  });

  it('returns Loki’s plain-text 400s', () => {
    const instantLog = get('/loki/api/v1/query', { query: '{service_name="x"}' });
    expect(instantLog).toMatchObject({ status: 400, contentType: 'text/plain; charset=utf-8', body: 'log queries are not supported as an instant query type, please change your query to a range query type' });
    expect(get('/loki/api/v1/query_range', { query: '{service_name="x"} | unpack', ...range }).body).toMatch(/^parse error at line 1, col \d+: /);
    expect(get('/loki/api/v1/query_range', { query: '{service_name="x"}', ...range, limit: '6000' }).body).toBe('max entries limit per query exceeded, limit > max_entries_limit_per_query (6000 > 5000)');
    expect(get('/loki/api/v1/query_range', { query: '{service_name="x"}', start: sec(NOW), end: sec(NOW - 1000) }).status).toBe(400);
  });

  it('never shows the sampled-out trace id in any log line', () => {
    expect(get('/loki/api/v1/query_range', { query: `{namespace="shop"} |= "${MISSING_TRACE_ID}"`, start: sec(ANCHOR - 3 * 3600_000), end: sec(NOW), limit: '10' }).json().data.result).toEqual([]);
  });

  it('answers a 3-hour log query with a parser stage', () => {
    const r = get('/loki/api/v1/query_range', { query: '{namespace="shop"} |= "request completed" | json', start: sec(ANCHOR - 3 * 3600_000), end: sec(NOW), limit: '5000' });
    expect(r.status).toBe(200);
    expect(r.json().data.result.length).toBeGreaterThan(0);
  });
});
