import { describe, expect, it } from 'vitest';
import { fakeTransport } from '../../lib/sources/test-helpers';
import { ELASTICSEARCH_TRANSPORT, createElasticsearchClient } from '../../lib/sources/elasticsearch/client';
import { isSourceError } from '../../lib/sources/errors';
import { extractTraceContext } from '../../lib/correlate/extract';
import { demoResponder } from '../contract-helpers';
import { logsInRange } from '../scenario/logs';
import { createElasticsearchHandler, DEMO_INDEX, elasticsearchBackend } from '.';

/** Contract: the app's Elasticsearch client (lib/sources/elasticsearch) reads the demo Elasticsearch as it reads Elasticsearch (README §1–§4). */

const ANCHOR = Date.UTC(2026, 7, 22, 12, 0, 0);
const NOW = ANCHOR + 20 * 60_000;
const clock = { anchorMs: ANCHOR, nowMs: NOW };
const FROM = NOW - 10 * 60_000;
const lines = logsInRange(BigInt(FROM) * 1_000_000n, BigInt(NOW + 1) * 1_000_000n, ANCHOR, NOW);
const cfg = { name: 'loki' as const, baseUrl: 'http://demo.test/elasticsearch', auth: null, timeoutMs: 5_000, demo: true };

function client(logs: { index?: string; pageSize?: number; maxPages?: number } = {}, backend = elasticsearchBackend) {
  const { transport, requests } = fakeTransport('loki', demoResponder(backend, clock), {}, ELASTICSEARCH_TRANSPORT, { baseUrl: cfg.baseUrl });
  return { es: createElasticsearchClient(cfg, { index: 'logs-*', ...logs }, transport), requests };
}

const errorOf = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e);
const withTrace = lines.filter((l) => l.traceId);
const traceId = withTrace.find((l) => l.service === 'risk-engine')!.traceId!;
const ofTrace = lines.filter((l) => l.traceId === traceId);

describe('demo Elasticsearch, read by the Elasticsearch client', () => {
  it('returns one trace\'s lines, oldest first, in every id form, with ECS fields mapped to the log model', async () => {
    const { es } = client();
    const r = await es.logsForTrace(traceId, FROM, NOW);
    expect(r.warnings).toEqual([]);
    expect(r.lines.map((l) => l.line)).toEqual(ofTrace.map((l) => l.line));
    expect(r.lines.map((l) => l.tsNs)).toEqual(ofTrace.map((l) => l.tsNs.toString()));
    expect(r.lines[0].stream).toMatchObject({ service_name: ofTrace[0].service, _index: DEMO_INDEX });
    expect(r.lines[0].structuredMetadata).toMatchObject({ trace_id: traceId, span_id: ofTrace[0].spanId });
    // The join reads the id from structured metadata, as it does for OTLP-fed Loki.
    expect(extractTraceContext(r.lines[0]).traceId).toBe(traceId);
    expect((await es.logsForTrace(traceId.toUpperCase(), FROM, NOW)).lines).toHaveLength(ofTrace.length);
  });

  it('pages with search_after across the whole range without losing or repeating a line', async () => {
    const { es, requests } = client({ pageSize: 50, maxPages: 1000 });
    const r = await es.search('*', FROM, NOW, { direction: 'forward', limit: 100_000 });
    expect(requests.length).toBeGreaterThan(2);
    expect(r.truncated).toBe(false);
    expect(r.lines.map((l) => `${l.tsNs}|${l.line}`)).toEqual(lines.map((l) => `${l.tsNs}|${l.line}`));
  });

  it('evaluates Explore\'s Lucene queries: fields, words, phrases, AND/OR/NOT, newest first', async () => {
    const { es } = client();
    const got = async (q: string) => (await es.search(q, FROM, NOW)).lines.map((l) => l.line);
    const want = (p: (l: (typeof lines)[number]) => boolean) => lines.filter(p).reverse().map((l) => l.line).slice(0, 5000);
    expect(await got('service.name:"risk-engine" AND "scoring failed"')).toEqual(want((l) => l.service === 'risk-engine' && /scoring failed/i.test(l.line)));
    expect(await got('log.level:error OR log.level:warn')).toEqual(want((l) => l.stream.level === 'error' || l.stream.level === 'warn'));
    expect(await got('service.name:order-service AND NOT trace.id:*')).toEqual(want((l) => l.service === 'order-service' && !l.traceId));
  });

  it('refuses a query that does not parse with search_phase_execution_exception, a bad_query naming the root cause', async () => {
    const { es } = client();
    const e = await errorOf(es.search('{service_name="risk-engine"} |= "x"', FROM, NOW));
    expect(isSourceError(e) && e.kind === 'bad_query' && e.status === 400 && /Failed to parse query/.test(e.message)).toBe(true);
  });

  it('answers a missing index with index_not_found_exception, which the client turns into a warning', async () => {
    const { es } = client({ index: 'filebeat-prod' });
    const r = await es.logsForTrace(traceId, FROM, NOW);
    expect(r.lines).toEqual([]);
    expect(r.warnings[0]).toMatch(/no such index \[filebeat-prod\]/);
    // A pattern that matches nothing is no error (allow_no_indices).
    expect((await client({ index: 'filebeat-*' }).es.logsForTrace(traceId, FROM, NOW)).lines).toEqual([]);
  });

  it('rejects searches past its pool with a 429 es_rejected_execution_exception, retried by the client and then reported', async () => {
    const busy = { ...elasticsearchBackend, handle: createElasticsearchHandler({ maxSearchesPerSecond: 1 }) };
    const { es, requests } = client({}, busy);
    await es.logsForTrace(traceId, FROM, NOW);
    const e = await errorOf(es.logsForTrace(traceId, FROM, NOW));
    expect(isSourceError(e) && e.status === 429 && /rejected execution/.test(e.message)).toBe(true);
    expect(requests.length).toBeGreaterThan(2); // retried before giving up
  });

  it('refuses a result window past index.max_result_window', () => {
    const r = createElasticsearchHandler()({ path: `/${DEMO_INDEX}/_search`, params: new URLSearchParams(), body: JSON.stringify({ size: 10_001 }) }, clock);
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body).error).toMatchObject({ type: 'search_phase_execution_exception', root_cause: [{ type: 'illegal_argument_exception' }] });
  });

  it('reports its version at GET /', async () => {
    expect(await client().es.info()).toEqual({ version: '8.15.0' });
  });
});

describe('demo Elasticsearch aggregations, read by the Elasticsearch client (the service page\'s log volume)', () => {
  it('counts one service\'s lines per minute and level, every matched line in exactly one bucket', async () => {
    const { es, requests } = client();
    const r = await es.volumeWhere('service.name', 'order-service', 'log.level', FROM, NOW, 60);
    expect(JSON.parse(requests[0].body).size).toBe(0);
    expect(r.warnings).toEqual([]);
    const mine = lines.filter((l) => l.service === 'order-service' && Number(l.tsNs / 1_000_000n) <= NOW);
    const counted = (level: string) => r.series.find((s) => s.labels.log_level === level)?.points.reduce((n, [, v]) => n + v, 0) ?? 0;
    for (const level of new Set(mine.map((l) => l.stream.level))) expect(counted(level)).toBe(mine.filter((l) => l.stream.level === level).length);
    for (const s of r.series) for (const [t] of s.points) expect(t % 60_000).toBe(0);
  });

  it('answers an aggregation outside its subset as Elasticsearch does, with a parsing error', async () => {
    const res = createElasticsearchHandler()({ path: '/logs-*/_search', params: new URLSearchParams(), body: JSON.stringify({ size: 0, aggs: { x: { avg: { field: 'n' } } } }) }, clock);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error.type).toBe('parsing_exception');
  });
});
