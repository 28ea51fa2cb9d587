import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractTraceContext } from '../../correlate/extract';
import { SourceError } from '../errors';
import { fakeTransport, json, sourceConfig, text, type Responder } from '../test-helpers';
import { ELASTICSEARCH_TRANSPORT, createElasticsearchClient, type ElasticsearchLogsConfig } from './client';

/** Contract tests against the documented Elasticsearch answers and error shapes (fixtures/README.md, README §3). */

const fixture = (name: string): Record<string, unknown> => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

function client(respond: Responder, logs: Partial<ElasticsearchLogsConfig> = {}, options = {}) {
  const { transport, requests } = fakeTransport('loki', respond, {}, { ...ELASTICSEARCH_TRANSPORT, ...options });
  return { es: createElasticsearchClient(sourceConfig('loki'), { index: 'logs-*', ...logs }, transport), requests };
}

async function errorOf(p: Promise<unknown>): Promise<SourceError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(SourceError);
  return e as SourceError;
}

const body = (r: { body: string }) => JSON.parse(r.body) as Record<string, unknown>;
const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';

describe('elasticsearch logs for one trace', () => {
  it('posts a bounded terms + range query sorted for search_after, and maps ECS hits (dotted and nested) to log lines', async () => {
    const { es, requests } = client(() => json(fixture('es-search-ecs-page.json')));
    const r = await es.logsForTrace(TRACE, 1_600_000_000_000, 1_600_003_600_000);
    expect(requests[0].method).toBe('POST');
    expect(requests[0].url.pathname).toBe('/logs-*/_search');
    expect(requests[0].headers.get('content-type')).toBe('application/json');
    expect(body(requests[0])).toEqual({
      size: 500,
      track_total_hits: 5000,
      query: { bool: { filter: [{ terms: { 'trace.id': [TRACE, TRACE.toUpperCase()] } }, { range: { '@timestamp': { gte: 1_600_000_000_000, lte: 1_600_003_600_000, format: 'epoch_millis' } } }] } },
      sort: [{ '@timestamp': { order: 'asc', format: 'strict_date_optional_time_nanos' } }, { _doc: { order: 'asc' } }],
    });
    expect(r.truncated).toBe(false);
    expect(r.lines).toHaveLength(2);
    const [a, b] = r.lines;
    expect(a).toMatchObject({ tsNs: '1599994083000000000', line: 'some logging info', stream: { service_name: 'checkout', log_level: 'info', _index: '.ds-logs-checkout-default-2020.09.13-000001' }, structuredMetadata: { trace_id: TRACE, span_id: '3ff9a8981b7ccd5a' } });
    expect(a.parsed).toMatchObject({ custom: 'foo', count: '17', 'error.message': 'boom', 'log.origin.file.line': '265' });
    expect(b).toMatchObject({ tsNs: '1599994083250123456', line: 'some error', stream: { service_name: 'checkout', log_level: 'error' }, structuredMetadata: { trace_id: TRACE, span_id: '00f067aa0ba902b7', request_id: '123e4567-e89b-12d3-a456-426614174000' } });
    // The join's extraction reads the ids exactly as from a Loki line.
    expect(extractTraceContext(b)).toEqual({ traceId: TRACE, spanId: '00f067aa0ba902b7', via: 'metadata', requestId: '123e4567-e89b-12d3-a456-426614174000' });
  });

  it('searches the configured trace-id and time fields, every written form of a short id', async () => {
    const { es, requests } = client(() => json({ hits: { hits: [] } }), { traceIdField: 'traceId', timestampField: 'ts' });
    await es.logsForTrace('00000000000000001b1ba462b409200d', 0, 1000);
    const q = body(requests[0]) as { query: { bool: { filter: [{ terms: Record<string, string[]> }, { range: Record<string, unknown> }] } }; sort: object[] };
    expect(q.query.bool.filter[0].terms.traceId).toEqual(['00000000000000001b1ba462b409200d', '1b1ba462b409200d', '00000000000000001B1BA462B409200D', '1B1BA462B409200D']);
    expect(Object.keys(q.query.bool.filter[1].range)).toEqual(['ts']);
    expect(Object.keys(q.sort[0])).toEqual(['ts']);
  });

  it('pages with search_after from the last hit until a short page, skipping hits re-read on a tie', async () => {
    const hit = (i: number) => ({ _index: 'logs', _id: `d${i}`, _source: { '@timestamp': `2024-01-01T00:00:0${i}.000Z`, message: `line ${i}` }, sort: [`2024-01-01T00:00:0${i}.000Z`, i] });
    const pages = [[hit(1), hit(2)], [hit(2), hit(3)], [hit(4)]];
    const { es, requests } = client(() => json({ hits: { total: { value: 4 }, hits: pages.shift() } }), { pageSize: 2 });
    const r = await es.logsForTrace(TRACE, 0, 1e13);
    expect(r.lines.map((l) => l.line)).toEqual(['line 1', 'line 2', 'line 3', 'line 4']);
    expect(r.truncated).toBe(false);
    expect(requests.map((q) => body(q).search_after)).toEqual([undefined, ['2024-01-01T00:00:02.000Z', 2], ['2024-01-01T00:00:03.000Z', 3]]);
    expect(requests.map((q) => body(q).track_total_hits)).toEqual([20, false, false]);
  });

  it('stops at the page cap or the line limit and says the result is truncated', async () => {
    let n = 0;
    const full = () => json({ hits: { hits: [0, 1].map(() => ({ _id: `d${n}`, _source: { '@timestamp': n, message: `m${n++}` }, sort: [n, n] })) } });
    const capped = client(full, { pageSize: 2, maxPages: 3 });
    const r = await capped.es.logsForTrace(TRACE, 0, 1);
    expect(r).toMatchObject({ truncated: true });
    expect(r.lines).toHaveLength(6);
    expect(capped.requests).toHaveLength(3);
    const limited = client(full, { pageSize: 2 });
    expect((await limited.es.logsForTrace(TRACE, 0, 1, { limit: 3 })).lines).toHaveLength(3);
    expect(body(limited.requests[1]).size).toBe(1);
  });

  it('answers a missing index with no lines and a warning naming it, not an error', async () => {
    const { es } = client(() => json(fixture('es-error-index-not-found.json'), 404));
    expect(await es.logsForTrace(TRACE, 0, 1)).toEqual({ lines: [], truncated: false, warnings: ['elasticsearch: no such index [logs-missing] (check the configured index "logs-*")'] });
  });

  it('reports shard failures and timeouts as warnings on the lines it did get', async () => {
    const page = { ...fixture('es-search-ecs-page.json'), timed_out: true, _shards: { total: 5, successful: 3, failed: 2 } };
    const r = await client(() => json(page)).es.logsForTrace(TRACE, 0, 1);
    expect(r.lines).toHaveLength(2);
    expect(r.warnings).toEqual(['elasticsearch: the search timed out on some shards; lines may be missing', 'elasticsearch: 2 of 5 shards failed; lines may be missing']);
  });

  it('refuses non-ids, bad ranges and bad index names without calling the backend', async () => {
    const { es, requests } = client(() => json({}));
    for (const bad of ['xyz', '', '../_cluster']) expect((await errorOf(es.logsForTrace(bad, 0, 1))).kind).toBe('bad_query');
    expect((await errorOf(es.logsForTrace(TRACE, 2, 1))).kind).toBe('bad_query');
    expect(requests).toHaveLength(0);
    expect(() => createElasticsearchClient(sourceConfig('loki'), { index: 'logs/_delete_by_query?x' })).toThrow(SourceError);
    expect(() => createElasticsearchClient(sourceConfig('loki'), { index: 'logs', pageSize: 20_000 })).toThrow(/pageSize/);
    for (const index of ['..', 'logs,..', '.', '', 'a b']) expect(() => createElasticsearchClient(sourceConfig('loki'), { index })).toThrow(SourceError);
  });
});

describe('elasticsearch Explore search', () => {
  it('sends a Lucene query_string, newest first, and keeps lines without a message as their JSON', async () => {
    const { es, requests } = client(() => json({ hits: { hits: [{ _id: 'x', _source: { '@timestamp': 1_700_000_000_123, 'trace.id': TRACE, level: 'warn' }, sort: ['2023-11-14T22:13:20.123Z', 1] }] } }), { defaultField: 'message' });
    const r = await es.search('service.name:checkout AND log.level:error', 0, 1_800_000_000_000);
    const q = body(requests[0]) as { query: { bool: { filter: unknown[] } }; sort: { [k: string]: { order: string } }[] };
    expect(q.query.bool.filter[0]).toEqual({ query_string: { query: 'service.name:checkout AND log.level:error', default_field: 'message', lenient: true } });
    expect(q.sort[0]['@timestamp'].order).toBe('desc');
    expect(r.lines[0].tsNs).toBe('1700000000123000000');
    expect(JSON.parse(r.lines[0].line)).toEqual({ '@timestamp': 1_700_000_000_123, 'trace.id': TRACE, level: 'warn' });
  });

  it('refuses an empty or oversized query', async () => {
    const { es } = client(() => json({}));
    expect((await errorOf(es.search('  ', 0, 1))).kind).toBe('bad_query');
    expect((await errorOf(es.search('a'.repeat(9000), 0, 1))).kind).toBe('bad_query');
  });
});

describe('elasticsearch errors', () => {
  it('search_phase_execution_exception (400) → bad_query with the root cause in the message', async () => {
    const e = await errorOf(client(() => json(fixture('es-error-search-phase.json'), 400)).es.search('service.name:(checkout', 0, 1));
    expect(e).toMatchObject({ source: 'loki', kind: 'bad_query', status: 400, backendType: 'search_phase_execution_exception', message: 'all shards failed: Failed to parse query [service.name:(checkout]' });
  });

  it('429 es_rejected_execution_exception is retried after Retry-After, then reported with the wait', async () => {
    const waits: number[] = [];
    const { transport, requests } = fakeTransport('loki', () => json(fixture('es-error-rejected.json'), 429, { 'retry-after': '2' }), { sleep: async (ms) => void waits.push(ms) }, ELASTICSEARCH_TRANSPORT);
    const e = await errorOf(createElasticsearchClient(sourceConfig('loki'), { index: 'logs' }, transport).logsForTrace(TRACE, 0, 1));
    expect(e).toMatchObject({ kind: 'http', status: 429, retryAfterMs: 2000, backendType: 'es_rejected_execution_exception' });
    expect(requests).toHaveLength(3);
    expect(waits.every((w) => w >= 2000)).toBe(true);
  });

  it('wrong shapes, broken JSON and oversize bodies degrade to bad_response / too_large naming elasticsearch', async () => {
    const bodies = [json({ hits: { hits: 'none' } }), text('<html>proxy error</html>'), json({ took: 1 })];
    const { es } = client(() => bodies.shift()!);
    for (let i = 0; i < 3; i++) {
      const e = await errorOf(es.logsForTrace(TRACE, 0, 1));
      expect(e.kind).toBe('bad_response');
      expect(e.message).toMatch(/^unexpected response from elasticsearch/);
    }
    const big = client(() => json(fixture('es-search-ecs-page.json')), {}, { maxBytes: 512 });
    expect((await errorOf(big.es.logsForTrace(TRACE, 0, 1))).kind).toBe('too_large');
  });

  it('a 5xx from the cluster is http after the bounded retries, and a stall is a timeout', async () => {
    const down = client(() => json({ error: { type: 'master_not_discovered_exception', reason: 'no master' }, status: 503 }, 503));
    expect(await errorOf(down.es.logsForTrace(TRACE, 0, 1))).toMatchObject({ kind: 'http', status: 503, message: 'no master' });
    expect(down.requests).toHaveLength(3);
    const stalled = ((_: unknown, init?: RequestInit) => new Promise<Response>((_r, reject) => init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))))) as typeof fetch;
    const { transport } = fakeTransport('loki', () => json({}), { fetch: stalled }, ELASTICSEARCH_TRANSPORT, { timeoutMs: 20 });
    const e = await errorOf(createElasticsearchClient(sourceConfig('loki', { timeoutMs: 20 }), { index: 'logs' }, transport).logsForTrace(TRACE, 0, 1));
    expect(e).toMatchObject({ kind: 'timeout', message: 'elasticsearch did not answer within 20 ms' });
  });
});

describe('elasticsearch cluster info', () => {
  // The root API's documented answer shape (ES rest-api-spec info.json; OpenSearch adds distribution).
  it('reads the version from GET /, naming OpenSearch when the cluster is one', async () => {
    const es1 = client(() => json({ name: 'n1', cluster_name: 'c', version: { number: '8.15.0', build_flavor: 'default' }, tagline: 'You Know, for Search' }));
    expect(await es1.es.info()).toEqual({ version: '8.15.0' });
    expect(es1.requests[0].url.pathname).toBe('/');
    const os = client(() => json({ name: 'n1', version: { distribution: 'opensearch', number: '2.19.0' } }));
    expect(await os.es.info()).toEqual({ version: 'opensearch 2.19.0' });
  });

  it('treats an answer without a version as a wrong shape', async () => {
    const { es } = client(() => json({ ok: true }));
    expect((await errorOf(es.info())).kind).toBe('bad_response');
  });
});

describe('elasticsearch lines of one service (the anomaly scan\'s log sample)', () => {
  it('asks a terms query on the field, newest first, bounded by the limit', async () => {
    const { es, requests } = client(() => json(fixture('es-search-ecs-page.json')));
    const r = await es.linesWhere('service.name', 'risk-engine', 1_600_000_000_000, 1_600_003_600_000, { limit: 25 });
    expect(body(requests[0])).toEqual({
      size: 25,
      track_total_hits: 25,
      query: { bool: { filter: [{ terms: { 'service.name': ['risk-engine'] } }, { range: { '@timestamp': { gte: 1_600_000_000_000, lte: 1_600_003_600_000, format: 'epoch_millis' } } }] } },
      sort: [{ '@timestamp': { order: 'desc', format: 'strict_date_optional_time_nanos' } }, { _doc: { order: 'desc' } }],
    });
    expect(r.lines.length).toBeGreaterThan(0);
  });

  it('refuses a field name that is not one, without asking', async () => {
    const { es, requests } = client(() => json(fixture('es-search-ecs-page.json')));
    expect((await errorOf(es.linesWhere('service.name"]}', 'x', 0, 1))).kind).toBe('bad_query');
    expect(requests).toHaveLength(0);
  });

  it('names its label fields, so the scan can tell which one names services', () => {
    expect(client(() => json({})).es.labelFields).toContain('service.name');
    expect(client(() => json({}), { labelFields: ['app'] }).es.labelFields).toEqual(['app']);
  });
});

describe('elasticsearch log volume (the service page)', () => {
  it('asks a size-0 date histogram over the range with a terms split by the level field', async () => {
    const { es, requests } = client(() => json(fixture('es-volume-date-histogram.json')));
    await es.volumeWhere('service.name', 'checkout', 'log.level', 1_420_070_400_000, 1_420_070_580_000, 60);
    expect(body(requests[0])).toEqual({
      size: 0,
      track_total_hits: false,
      query: { bool: { filter: [{ terms: { 'service.name': ['checkout'] } }, { range: { '@timestamp': { gte: 1_420_070_400_000, lte: 1_420_070_580_000, format: 'epoch_millis' } } }] } },
      aggs: {
        t: {
          date_histogram: { field: '@timestamp', fixed_interval: '60s', min_doc_count: 0, extended_bounds: { min: 1_420_070_400_000, max: 1_420_070_580_000 } },
          aggs: { g: { terms: { field: 'log.level', size: 10, missing: 'unknown' } } },
        },
      },
    });
  });

  it('turns the buckets into one series per level (beyond the ten shown as "other"), skipping empty minutes', async () => {
    const { es } = client(() => json(fixture('es-volume-date-histogram.json')));
    const r = await es.volumeWhere('service.name', 'checkout', 'log.level', 1_420_070_400_000, 1_420_070_580_000, 60);
    const byLevel = Object.fromEntries(r.series.map((s) => [s.labels.log_level, s.points]));
    expect(byLevel).toEqual({
      info: [[1_420_070_400_000, 7], [1_420_070_520_000, 3]],
      error: [[1_420_070_400_000, 3]],
      other: [[1_420_070_400_000, 2]],
      unknown: [[1_420_070_520_000, 1]],
    });
    expect(r.warnings).toEqual([]);
  });

  it('refuses a bad field or step before asking, says so when the index is missing, and calls a wrong shape a bad response', async () => {
    const { es, requests } = client(() => json(fixture('es-volume-date-histogram.json')));
    expect((await errorOf(es.volumeWhere('service.name', 'x', 'log level"', 0, 60_000, 60))).kind).toBe('bad_query');
    expect((await errorOf(es.volumeWhere('service.name', 'x', null, 0, 3_600_000, 0))).kind).toBe('bad_query');
    expect((await errorOf(es.volumeWhere('service.name', 'x', null, 0, 30 * 86_400_000, 60))).kind).toBe('bad_query');
    expect(requests).toHaveLength(0);
    const missing = client(() => json(fixture('es-error-index-not-found.json'), 404)).es;
    expect(await missing.volumeWhere('service.name', 'x', null, 0, 60_000, 60)).toMatchObject({ series: [], warnings: [expect.stringContaining('check the configured index')] });
    const garbage = client(() => json({ hits: { hits: [] } })).es;
    expect((await errorOf(garbage.volumeWhere('service.name', 'x', null, 0, 60_000, 60))).kind).toBe('bad_response');
  });
});
