import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createJaegerClient } from '../../sources/jaeger/client';
import { fakeTransport, json, sourceConfig, text, type Responder } from '../../sources/test-helpers';
import { fakeLoki } from '../../query/test-fakes';
import { parseSearchQuery } from '../../search/search-query';
import { searchTraces } from './trace-search';
import { investigationContext } from '../context';
import type { JaegerClient, LokiClient } from '../../sources/types';

/** Contract tests: the search's wire requests and its reading of real Jaeger payloads (shared/reference/fixtures). */

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`../../sources/jaeger/fixtures/${name}`, import.meta.url), 'utf8'));
const NOW = Date.UTC(2017, 0, 26, 22, 0, 0);
const notConfigured = { jaeger: 'no jaeger', loki: 'no loki' };
const ctx = (clients: { jaeger: JaegerClient; loki: LokiClient | null }) => investigationContext({ clients, nowMs: NOW, config: { notConfigured } });

function jaegerOn(mode: 'v1' | 'v3', respond: Responder) {
  const { transport, requests } = fakeTransport('jaeger', respond);
  return { jaeger: createJaegerClient(sourceConfig('jaeger'), transport, mode), requests };
}

const query = (qs: string) => parseSearchQuery(new URLSearchParams(qs), NOW);

describe('trace search on Jaeger v1 (/api/traces)', () => {
  const v1Body = { data: [fixture('jaeger-v1-trace-ui_01.json')], total: 0, limit: 0, offset: 0, errors: null };

  it('sends service, operation, tags as a JSON object, µs times, limit and Go durations', async () => {
    const { jaeger, requests } = jaegerOn('v1', () => json(v1Body));
    await searchTraces(ctx({ jaeger, loki: null }), query('service=frontend&operation=GET%20%2Fcart&tags=http.status_code%3D500%20region%3D%22eu%20west%22&minDuration=1.5s&maxDuration=2s&limit=1500&errors=true&from=now-15m&to=now'));
    const p = requests[0].url.searchParams;
    expect(requests[0].url.pathname).toBe('/api/traces');
    expect(p.get('service')).toBe('frontend');
    expect(p.get('operation')).toBe('GET /cart');
    expect(JSON.parse(p.get('tags')!)).toEqual({ 'http.status_code': '500', region: 'eu west', error: 'true' });
    expect(Number(p.get('end')) - Number(p.get('start'))).toBe(15 * 60e6);
    expect(p.get('limit')).toBe('1500');
    expect(p.get('minDuration')).toBe('1500ms');
    expect(p.get('maxDuration')).toBe('2000ms');
  });

  it('reads the v1 UI JSON of a real trace into one result with its summary and flags', async () => {
    const { jaeger } = jaegerOn('v1', () => json(v1Body));
    const answer = await searchTraces(ctx({ jaeger, loki: null }), query('service=service-x'));
    expect(answer.apiVersion).toBe('v1');
    expect(answer.results).toHaveLength(1);
    const r = answer.results[0];
    expect(r.traceId).toBe('00000000000000000000000000000001');
    expect(r.spanCount).toBe(5);
    expect(r.errorSpanCount).toBe(1); // the span tagged error=true
    expect(r.services.map((s) => s.name).sort()).toEqual(['service-x', 'service-y']);
    // The two reference-less spans share one span id: one root id, as on the trace page.
    expect(r.flags).toMatchObject({ roots: 1, orphanSpans: 0, clockSkew: 0 });
    expect(r.flags.hasLogs).toBeNull(); // Loki not configured: not checked, not "no"
    expect(answer.sources.loki.status).toBe('not_configured');
  });

  it('a Jaeger 400 fails the search with Jaeger\'s own message', async () => {
    const { jaeger } = jaegerOn('v1', () => text(JSON.stringify({ data: null, total: 0, limit: 0, offset: 0, errors: [{ code: 400, msg: "unable to parse param 'minDuration'" }] }), 400));
    const answer = await searchTraces(ctx({ jaeger, loki: null }), query('service=a'));
    expect(answer.results).toEqual([]);
    expect(answer.sources.jaeger.status).toBe('error');
    expect(answer.sources.jaeger.message).toContain('minDuration');
  });
});

describe('trace search on Jaeger v3 (/api/v3/traces)', () => {
  it('sends the snake_case v3 parameters with RFC3339 times and the search depth', async () => {
    const { jaeger, requests } = jaegerOn('v3', () => json(fixture('jaeger-v3-FindTraces.json')));
    await searchTraces(ctx({ jaeger, loki: null }), query('service=foo&tags=error%3Dtrue&minDuration=10ms&limit=50&from=2017-01-26T21:00:00Z&to=2017-01-26T22:00:00Z'));
    const p = requests[0].url.searchParams;
    expect(requests[0].url.pathname).toBe('/api/v3/traces');
    expect(p.get('query.service_name')).toBe('foo');
    expect(JSON.parse(p.get('query.attributes')!)).toEqual({ error: 'true' });
    expect(p.get('query.start_time_min')).toBe('2017-01-26T21:00:00.000Z');
    expect(p.get('query.start_time_max')).toBe('2017-01-26T22:00:00.000Z');
    expect(p.get('query.search_depth')).toBe('50');
    expect(p.get('query.duration_min')).toBe('10ms');
  });

  it('reads the FindTraces snapshot (zero fields omitted, 32-hex ids): an error span, errors-only keeps it', async () => {
    const { jaeger } = jaegerOn('v3', () => json(fixture('jaeger-v3-FindTraces.json')));
    const answer = await searchTraces(ctx({ jaeger, loki: null }), query('service=foo&errors=true'));
    expect(answer.apiVersion).toBe('v3');
    expect(answer.results.map((r) => [r.traceId, r.rootOperation, r.errorSpanCount])).toEqual([['00000000000000000000000000000001', 'foobar', 1]]);
  });

  it('v3\'s 404 "No traces found" is an empty answer that says what was searched', async () => {
    const { jaeger } = jaegerOn('v3', () => json({ error: { grpcCode: 5, httpCode: 404, message: 'No traces found', httpStatus: 'Not Found' } }, 404));
    const answer = await searchTraces(ctx({ jaeger, loki: null }), query('service=foo&operation=bar&tags=a%3Db'));
    expect(answer.results).toEqual([]);
    expect(answer.sources.jaeger.status).toBe('ok');
    expect(answer.searched).toMatch(/^service foo, operation bar, tags a=b, between .* \(limit 20\)$/);
  });
});

describe('has-logs check', () => {
  const v3 = () => jaegerOn('v3', () => json(fixture('jaeger-v3-FindTraces.json')));
  const lokiLine = (line: string) => ({ tsNs: '1485467191639875000', line, stream: { service_name: 'foo' }, structuredMetadata: {}, parsed: {} });

  it('marks a result whose id appears in a log line, asking Loki for all ids in one line filter', async () => {
    const asked: string[] = [];
    const loki = fakeLoki({
      labels: async () => ['service_name'],
      queryRange: async (q) => {
        asked.push(q);
        return { lines: q.includes('|~') ? [lokiLine('{"msg":"x","trace_id":"00000000000000000000000000000001"}')] : [], truncated: false, warnings: [], categorized: true };
      },
    });
    const answer = await searchTraces(ctx({ jaeger: v3().jaeger, loki }), query('service=foo'));
    expect(answer.results[0].flags.hasLogs).toBe(true);
    expect(asked.find((q) => q.includes('|~'))).toContain('0000000000000001');
  });

  it('a failing Loki leaves "has logs" unknown and the results intact', async () => {
    const loki = fakeLoki({ labels: async () => { throw Object.assign(new Error('loki down'), { kind: 'unreachable' }); } });
    const answer = await searchTraces(ctx({ jaeger: v3().jaeger, loki }), query('service=foo'));
    expect(answer.results).toHaveLength(1);
    expect(answer.results[0].flags.hasLogs).toBeNull();
    expect(answer.sources.loki).toMatchObject({ status: 'error', message: 'loki down' });
  });

  it('a truncated Loki answer proves presence only: ids not seen stay unknown', async () => {
    const loki = fakeLoki({ labels: async () => ['service_name'], queryRange: async () => ({ lines: [], truncated: true, warnings: [], categorized: true }) });
    const answer = await searchTraces(ctx({ jaeger: v3().jaeger, loki }), query('service=foo'));
    expect(answer.results[0].flags.hasLogs).toBeNull();
  });
});

describe('trace search on the investigation context', () => {
  it('asks Jaeger and Loki under the context\'s budget and says what the context says for a missing source', async () => {
    const signals: (AbortSignal | undefined)[] = [];
    const { jaeger } = jaegerOn('v3', () => json(fixture('jaeger-v3-FindTraces.json')));
    const loki = fakeLoki({
      labels: async (_from, _to, opts) => {
        signals.push(opts?.signal);
        return ['service_name'];
      },
      queryRange: async (_q, _from, _to, opts) => {
        signals.push(opts?.signal);
        return { lines: [], truncated: false, warnings: [], categorized: true };
      },
    });
    const budget = new AbortController();
    const answer = await searchTraces(investigationContext({ clients: { jaeger, loki }, nowMs: NOW, signal: budget.signal }), query('service=foo'));
    expect(signals.length).toBeGreaterThan(0);
    expect(signals.every((s) => s === budget.signal)).toBe(true);

    const alone = await searchTraces(investigationContext({ clients: { loki }, nowMs: NOW, config: { notConfigured: { jaeger: 'connect a Jaeger here' } } }), query('service=foo'));
    expect(alone.sources.jaeger).toEqual({ status: 'not_configured', message: 'connect a Jaeger here', ms: 0 });
    expect(answer.sources.jaeger.status).toBe('ok');
  });
});
