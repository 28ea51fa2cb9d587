import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SourceError } from '../errors';
import { fakeTransport, json, sourceConfig, text, type Responder } from '../test-helpers';
import { TEMPO_TRANSPORT, createTempoClient, logfmtTags, type TempoTraceApi } from './client';

/** Contract tests against Tempo's documented answers (fixtures/README.md) and its error shapes (README §5). */

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

function client(respond: Responder, api: TempoTraceApi = 'auto', options = {}) {
  const { transport, requests } = fakeTransport('jaeger', respond, {}, { ...TEMPO_TRANSPORT, ...options });
  return { tempo: createTempoClient(sourceConfig('jaeger'), transport, api), requests };
}

async function errorOf(p: Promise<unknown>): Promise<SourceError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(SourceError);
  return e as SourceError;
}

const notFound = () => new Response(null, { status: 404 });
const noRoute = () => text('404 page not found\n', 404);

describe('tempo getTrace', () => {
  it('reads the documented v2 answer (base64 ids, enum kind) into the normalized trace, sending start/end in seconds', async () => {
    const { tempo, requests } = client(() => json(fixture('tempo-v2-trace.json')));
    const t = await tempo.getTrace('5B8EFFF798038103D269B633813FC700', { fromMs: 1_689_969_301_500, toMs: 1_689_970_000_001 });
    expect(t?.traceId).toBe('5b8efff798038103d269b633813fc700');
    expect(t?.spans).toHaveLength(1);
    expect(t?.spans[0]).toMatchObject({ spanId: 'eee19b7ec3c1b100', service: 'my.service', operation: 'I am a span!', kind: 'server', startUs: 1_689_969_302_000_000, durationUs: 698_000_000, status: 'unset', tags: { 'my.span.attr': 'some value', 'otel.scope.name': 'my.library' } });
    expect(requests[0].url.pathname).toBe('/api/v2/traces/5b8efff798038103d269b633813fc700');
    expect(Object.fromEntries(requests[0].url.searchParams)).toEqual({ start: '1689969301', end: '1689970001' });
    expect(requests[0].headers.get('accept')).toBe('application/json');
  });

  it('falls back to v1 /api/traces (the `batches` body) when the v2 route does not exist, and remembers it', async () => {
    const { tempo, requests } = client((req) => (req.url.pathname.startsWith('/api/v2/') ? noRoute() : json(fixture('tempo-v1-trace-batches.json'))));
    const t = await tempo.getTrace('5b8efff798038103d269b633813fc60c');
    expect(t?.spans[0]).toMatchObject({ spanId: 'eee19b7ec3c1b174', parentSpanId: 'eee19b7ec3c1b173', kind: 'server', service: 'my.service' });
    await tempo.getTrace('5b8efff798038103d269b633813fc60c');
    expect(requests.map((r) => r.url.pathname)).toEqual(['/api/v2/traces/5b8efff798038103d269b633813fc60c', '/api/traces/5b8efff798038103d269b633813fc60c', '/api/traces/5b8efff798038103d269b633813fc60c']);
  });

  it('returns null for a missing trace (404 without a body) on either API, without falling back', async () => {
    const v2 = client(notFound);
    expect(await v2.tempo.getTrace('abc')).toBeNull();
    expect(v2.requests).toHaveLength(1);
    expect(await client(notFound, 'v1').tempo.getTrace('abc')).toBeNull();
    expect(await client(() => json({ trace: {} })).tempo.getTrace('abc')).toBeNull();
  });

  it('marks a PARTIAL answer with a trace warning', async () => {
    const body = { ...(fixture('tempo-v2-trace.json') as object), status: 'PARTIAL', message: 'trace exceeds max size (max bytes: 5000000)' };
    const t = await client(() => json(body)).tempo.getTrace('5b8efff798038103d269b633813fc700');
    expect(t?.warnings).toEqual(['Tempo returned a partial trace: trace exceeds max size (max bytes: 5000000)']);
  });

  it('rejects non-ids before calling Tempo', async () => {
    const { tempo, requests } = client(() => json({}));
    for (const bad of ['xyz', '', '../../api/search', '0'.repeat(33)]) expect((await errorOf(tempo.getTrace(bad))).kind).toBe('bad_query');
    expect(requests).toHaveLength(0);
  });

  it('turns wrong shapes and broken JSON into bad_response naming tempo', async () => {
    const bodies = [json({ trace: { resourceSpans: [{ scopeSpans: [{ spans: [{ spanId: 'x' }] }] }] } }), text('{"trace":'), json({ trace: { resourceSpans: 'nope' } })];
    const { tempo } = client(() => bodies.shift()!);
    for (let i = 0; i < 3; i++) {
      const e = await errorOf(tempo.getTrace('1'));
      expect(e).toMatchObject({ kind: 'bad_response', source: 'jaeger' });
      expect(e.message).toMatch(/^unexpected response from tempo/);
    }
  });
});

describe('tempo search', () => {
  it('sends TraceQL with durations, limit and the range in seconds, and maps the documented answer', async () => {
    const { tempo, requests } = client(() => json(fixture('tempo-search-traceql.json')));
    const r = await tempo.search({ q: '{ status=error }', minDurationMs: 100, maxDurationMs: 2500.5, limit: 5, fromMs: 1_684_778_000_000, toMs: 1_684_779_000_000 });
    expect(Object.fromEntries(requests[0].url.searchParams)).toEqual({ q: '{ status=error }', minDuration: '100ms', maxDuration: '2500.5ms', limit: '5', start: '1684778000', end: '1684779000' });
    expect(r).toEqual([{ traceId: '2f3e0cee77ae5dc9c17ade3689eb2e54', rootService: 'shop-backend', rootOperation: 'update-billing', startMs: 1_684_778_327_699, durationMs: 557, spanCount: 1, errorSpanCount: 0, services: ['shop-backend'] }]);
  });

  it('sends tag search as logfmt and pads 16-hex trace ids', async () => {
    const { tempo, requests } = client(() => json(fixture('tempo-search-tags.json')));
    const r = await tempo.search({ tags: { 'service.name': 'cartservice', 'http.url': '/api v1' }, fromMs: 0, toMs: 1000 });
    expect(requests[0].url.searchParams.get('tags')).toBe('service.name=cartservice http.url="/api v1"');
    expect(requests[0].url.searchParams.get('limit')).toBe('20');
    expect(r.map((s) => s.traceId)).toEqual(['0000000000000000d6e9329d67b6146a', '00000000000000001b1ba462b409200d']);
    expect(r[0]).toMatchObject({ rootService: 'frontend', rootOperation: '/cart', startMs: 1_634_727_903_545, durationMs: 611 });
  });

  it('counts spans, errors and services from serviceStats, and reads "<root span not yet received>" as no root', async () => {
    const { tempo } = client(() => json({ traces: [{ traceID: 'ab', rootServiceName: '<root span not yet received>', startTimeUnixNano: '1000000', serviceStats: { cart: { spanCount: 3, errorCount: 1 }, api: { spanCount: 2 } } }] }));
    expect(await tempo.search({ q: '{}', fromMs: 0, toMs: 1 })).toEqual([{ traceId: '000000000000000000000000000000ab', rootService: null, rootOperation: null, startMs: 1, durationMs: 0, spanCount: 5, errorSpanCount: 1, services: ['api', 'cart'] }]);
  });

  it('refuses bad limits, durations and tag names without calling Tempo', async () => {
    const { tempo, requests } = client(() => json({}));
    for (const s of [{ limit: 0 }, { limit: 1.5 }, { minDurationMs: -1 }, { tags: { 'a b': 'x' } }]) expect((await errorOf(tempo.search({ fromMs: 0, toMs: 1, ...s }))).kind).toBe('bad_query');
    expect(requests).toHaveLength(0);
  });

  it('passes a TraceQL parse error through as bad_query with Tempo\'s words', async () => {
    const { tempo } = client(() => text('invalid TraceQL query: parse error at line 1, col 3: syntax error: unexpected IDENTIFIER', 400));
    expect(await errorOf(tempo.search({ q: '{ x', fromMs: 0, toMs: 1 }))).toMatchObject({ kind: 'bad_query', status: 400, message: 'invalid TraceQL query: parse error at line 1, col 3: syntax error: unexpected IDENTIFIER' });
  });
});

describe('tempo tags', () => {
  it('lists tag names per scope from /api/v2/search/tags', async () => {
    const { tempo, requests } = client(() => json(fixture('tempo-search-tags-v2.json')));
    const scopes = await tempo.searchTags({ scope: 'resource', fromMs: 1000, toMs: 2000, q: '{ span.http.method = "GET" }' });
    expect(scopes.find((s) => s.scope === 'resource')?.tags).toEqual(['k6', 'service.name']);
    expect(scopes.map((s) => s.scope)).toEqual(['link', 'resource', 'span', 'intrinsic', 'event']);
    expect(requests[0].url.pathname).toBe('/api/v2/search/tags');
    expect(Object.fromEntries(requests[0].url.searchParams)).toEqual({ scope: 'resource', start: '1', end: '2', q: '{ span.http.method = "GET" }' });
  });

  it('lists typed values of a TraceQL identifier and refuses what is not one', async () => {
    const { tempo, requests } = client(() => json(fixture('tempo-tag-values-v2.json')));
    const values = await tempo.tagValues('.service.name');
    expect(values).toHaveLength(6);
    expect(values[0]).toEqual({ type: 'string', value: 'article-service' });
    expect(requests[0].url.pathname).toBe('/api/v2/search/tag/.service.name/values');
    expect((await errorOf(tempo.tagValues('../../x?y'))).kind).toBe('bad_query');
    expect((await errorOf(tempo.tagValues('a b'))).kind).toBe('bad_query');
    for (const dots of ['.', '..', '../search', 'a/./b', 'x/..']) expect((await errorOf(tempo.tagValues(dots))).kind).toBe('bad_query');
    expect(requests).toHaveLength(1);
  });
});

describe('tempo transport treatment', () => {
  it('retries 503 within bounds, then reports http naming tempo', async () => {
    const { tempo, requests } = client(() => text('upstream connect error', 503));
    expect(await errorOf(tempo.search({ q: '{}', fromMs: 0, toMs: 1 }))).toMatchObject({ kind: 'http', status: 503, message: 'upstream connect error' });
    expect(requests).toHaveLength(3);
  });

  it('honours Retry-After on 429 and succeeds when Tempo recovers', async () => {
    const waits: number[] = [];
    let n = 0;
    const { transport } = fakeTransport('jaeger', () => (n++ === 0 ? text('too many outstanding requests', 429, { 'retry-after': '1' }) : json(fixture('tempo-search-tags.json'))), { sleep: async (ms) => void waits.push(ms) }, TEMPO_TRANSPORT);
    const r = await createTempoClient(sourceConfig('jaeger'), transport).search({ q: '{}', fromMs: 0, toMs: 1 });
    expect(r).toHaveLength(2);
    expect(waits[0]).toBeGreaterThanOrEqual(1000);
  });

  it('fails a body over the cap as too_large, and a stalled Tempo as timeout', async () => {
    const big = client(() => json({ traces: [{ traceID: 'a'.repeat(32), rootTraceName: 'x'.repeat(4096) }] }), 'auto', { maxBytes: 1024 });
    expect((await errorOf(big.tempo.search({ q: '{}', fromMs: 0, toMs: 1 }))).kind).toBe('too_large');
    const stalled = ((_: unknown, init?: RequestInit) => new Promise<Response>((_r, reject) => init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))))) as typeof fetch;
    const { transport } = fakeTransport('jaeger', () => json({}), { fetch: stalled }, TEMPO_TRANSPORT, { timeoutMs: 20 });
    const e = await errorOf(createTempoClient(sourceConfig('jaeger', { timeoutMs: 20 }), transport).getTrace('1'));
    expect(e.kind).toBe('timeout');
    expect(e.message).toBe('tempo did not answer within 20 ms');
  });
});

describe('logfmtTags', () => {
  it('quotes and escapes values that need it', () => {
    expect(logfmtTags({ a: 'b', c: 'say "hi"', d: '', e: 'x=y', f: 'back\\slash' })).toBe('a=b c="say \\"hi\\"" d="" e="x=y" f="back\\\\slash"');
  });
});
