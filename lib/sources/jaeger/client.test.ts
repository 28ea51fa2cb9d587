import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SourceError } from '../errors';
import { fakeTransport, json, sourceConfig, text, type Responder } from '../test-helpers';
import { createJaegerClient, type JaegerApiMode } from './client';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

function client(respond: Responder, mode: JaegerApiMode = 'auto') {
  const { transport, requests } = fakeTransport('jaeger', respond);
  return { jaeger: createJaegerClient(sourceConfig('jaeger'), transport, mode), requests };
}

async function errorOf(p: Promise<unknown>): Promise<SourceError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(SourceError);
  return e as SourceError;
}

const notFoundV1 = () => json({ data: null, total: 0, limit: 0, offset: 0, errors: [{ code: 404, msg: 'trace not found' }] }, 404);
const notFoundV3 = () => json({ error: { grpcCode: 5, httpCode: 404, message: 'No traces found', httpStatus: 'Not Found' } }, 404);
const v1Trace = fixture('jaeger-v1-trace-ui_01.json');

describe('jaeger API selection', () => {
  it('probes /api/v3/services once and uses v3 when it answers', async () => {
    const { jaeger, requests } = client((req) => (req.url.pathname === '/api/v3/services' ? json(fixture('jaeger-v3-GetServices.json')) : json(fixture('jaeger-v3-GetTrace.json'))));
    expect(await jaeger.apiVersion()).toBe('v3');
    expect(await jaeger.apiVersion()).toBe('v3');
    expect(await jaeger.services()).toEqual(['foo']);
    expect(requests.filter((r) => r.url.pathname === '/api/v3/services')).toHaveLength(2);
  });

  it('uses v1 when the v3 probe is a 404, and honours a configured API without probing', async () => {
    const a = client((req) => (req.url.pathname.startsWith('/api/v3') ? text('404 page not found', 404) : json({ data: ['svc'], total: 1, limit: 0, offset: 0, errors: null })));
    expect(await a.jaeger.apiVersion()).toBe('v1');
    expect(await a.jaeger.services()).toEqual(['svc']);
    const b = client(() => json({ services: [] }), 'v3');
    expect(await b.jaeger.apiVersion()).toBe('v3');
    expect(b.requests).toHaveLength(0);
  });

  it('probes again after a failed probe instead of caching the failure', async () => {
    let down = true;
    const { jaeger } = client(() => (down ? text('bad gateway', 502) : json({ services: [] })));
    expect(await errorOf(jaeger.apiVersion())).toMatchObject({ kind: 'http', status: 502 });
    down = false;
    expect(await jaeger.apiVersion()).toBe('v3');
  });

  it('falls back to v3 when newest Jaeger removed the v1 search and listing routes', async () => {
    const { jaeger, requests } = client((req) => {
      const p = req.url.pathname;
      if (p === '/api/services' || p === '/api/operations' || p === '/api/traces') return text('404 page not found', 404);
      if (p === '/api/v3/operations') return json(fixture('jaeger-v3-GetOperations.json'));
      if (p === '/api/v3/services') return json(fixture('jaeger-v3-GetServices.json'));
      return json(fixture('jaeger-v3-FindTraces.json'));
    }, 'v1');
    expect(await jaeger.services()).toEqual(['foo']);
    expect(await jaeger.operations('foo')).toEqual([{ name: 'get_users', spanKind: 'server' }]);
    const found = await jaeger.searchTraces({ service: 'foo', fromMs: 0, toMs: 1000 });
    expect(found[0].traceId).toBe('00000000000000000000000000000001');
    expect(requests.map((r) => r.url.pathname)).toEqual(['/api/services', '/api/v3/services', '/api/v3/operations', '/api/v3/traces']);
  });
});

describe('jaeger getTrace', () => {
  it('accepts 16- and 32-hex ids in any case and trimmed legacy ids, requesting the canonical id', async () => {
    const { jaeger, requests } = client(() => json({ data: [v1Trace], total: 0, limit: 0, offset: 0, errors: null }), 'v1');
    for (const id of ['0000000000000001', '00000000000000000000000000000001', '1', '0000000000000001'.toUpperCase()]) {
      const t = await jaeger.getTrace(id, { fromMs: 1000, toMs: 2000 });
      expect(t?.traceId).toBe('00000000000000000000000000000001');
    }
    expect(requests[0].url.pathname).toBe('/api/traces/00000000000000000000000000000001');
    expect(requests[0].url.searchParams.get('start')).toBe('1000000');
  });

  it('returns null for v1 and v3 "not found"', async () => {
    expect(await client(notFoundV1, 'v1').jaeger.getTrace('abc')).toBeNull();
    expect(await client(notFoundV3, 'v3').jaeger.getTrace('abc')).toBeNull();
    expect(await client(() => json({ result: { resourceSpans: [] } }), 'v3').jaeger.getTrace('abc')).toBeNull();
  });

  it('reads a v3 trace and sends the time window as RFC3339', async () => {
    const { jaeger, requests } = client(() => json(fixture('jaeger-v3-GetTrace.json')), 'v3');
    const t = await jaeger.getTrace('1', { fromMs: 0, toMs: 1000 });
    expect(t?.spans[0].status).toBe('error');
    expect(requests[0].url.pathname).toBe('/api/v3/traces/00000000000000000000000000000001');
    expect(requests[0].url.searchParams.get('end_time')).toBe('1970-01-01T00:00:01.000Z');
  });

  it('rejects something that is not a trace id without calling the backend', async () => {
    const { jaeger, requests } = client(() => json({}), 'v1');
    for (const bad of ['xyz', '', '0', '4bf92f3577b34da6a3ce929d0e0e47361', '../../api/services']) {
      expect((await errorOf(jaeger.getTrace(bad))).kind).toBe('bad_query');
    }
    expect(requests).toHaveLength(0);
  });

  it('reports malformed payloads and wrong shapes as bad_response', async () => {
    const bodies = [text('{"data":[{"traceID":'), json({ data: [{ traceID: '1', spans: [{ spanID: 2 }] }] }), json({ data: 'nope' })];
    const { jaeger } = client(() => bodies.shift()!, 'v1');
    for (let i = 0; i < 3; i++) expect((await errorOf(jaeger.getTrace('1'))).kind).toBe('bad_response');
    const v3 = client(() => json({ result: { resourceSpans: [{ scopeSpans: [{ spans: [{ spanId: 'x' }] }] }] } }), 'v3');
    expect((await errorOf(v3.jaeger.getTrace('1'))).kind).toBe('bad_response');
  });

  it('asks for the trace by both APIs alongside the first probe, so the probe adds no round trip', async () => {
    // Every request waits until all three are in flight: a sequential probe would hang here.
    let release!: () => void;
    const allIn = new Promise<void>((r) => (release = r));
    const seen: string[] = [];
    const { jaeger } = client(async (req) => {
      seen.push(req.url.pathname);
      if (seen.length === 3) release();
      await allIn;
      return req.url.pathname === '/api/v3/services' ? text('404 page not found', 404) : req.url.pathname.startsWith('/api/v3') ? text('404 page not found', 404) : json({ data: [v1Trace], total: 0, limit: 0, offset: 0, errors: null });
    });
    const t = await jaeger.getTrace('1');
    expect(t?.traceId).toBe('00000000000000000000000000000001');
    expect(seen.sort()).toEqual(['/api/traces/00000000000000000000000000000001', '/api/v3/services', '/api/v3/traces/00000000000000000000000000000001']);
    // Known from now on: one request per trace.
    seen.length = 0;
    await jaeger.getTrace('1');
    expect(seen).toEqual(['/api/traces/00000000000000000000000000000001']);
  });

  it('uses the v3 answer on a v3 Jaeger and abandons the v1 request', async () => {
    const aborted: string[] = [];
    const { transport } = fakeTransport('jaeger', (req) => {
      if (req.url.pathname === '/api/v3/services') return json(fixture('jaeger-v3-GetServices.json'));
      if (req.url.pathname.startsWith('/api/v3/traces')) return json(fixture('jaeger-v3-GetTrace.json'));
      return new Promise<Response>(() => undefined); // a v1 route that never answers
    });
    const spy: typeof transport = { ...transport, getJson: (path, params, o) => { o?.signal?.addEventListener('abort', () => aborted.push(path)); return transport.getJson(path, params, o); } };
    const jaeger = createJaegerClient(sourceConfig('jaeger'), spy);
    const t = await jaeger.getTrace('1');
    expect(t?.spans[0].status).toBe('error');
    expect(aborted).toContain('/api/traces/00000000000000000000000000000001');
  });

  it('fails the first getTrace with the probe error when Jaeger is down, and probes again next time', async () => {
    let down = true;
    const { jaeger } = client((req) => (down ? text('bad gateway', 502) : req.url.pathname === '/api/v3/services' ? text('404 page not found', 404) : json({ data: [v1Trace], total: 0, limit: 0, offset: 0, errors: null })));
    expect(await errorOf(jaeger.getTrace('1'))).toMatchObject({ kind: 'http', status: 502 });
    down = false;
    expect((await jaeger.getTrace('1'))?.traceId).toBe('00000000000000000000000000000001');
  });

  it('keeps the backend message of other errors', async () => {
    const v1 = client(() => json({ data: null, total: 0, limit: 0, offset: 0, errors: [{ code: 400, msg: "unable to parse param 'start': bad" }] }, 400), 'v1');
    expect(await errorOf(v1.jaeger.getTrace('1'))).toMatchObject({ kind: 'bad_query', message: "unable to parse param 'start': bad" });
    const v3 = client(() => json({ error: { httpCode: 500, message: 'storage unavailable' } }, 500), 'v3');
    expect(await errorOf(v3.jaeger.getTrace('1'))).toMatchObject({ kind: 'http', status: 500, message: 'storage unavailable' });
  });
});

describe('jaeger search, operations and dependencies', () => {
  it('sends v3 search parameters with snake_case names and treats 404 as no traces', async () => {
    const { jaeger, requests } = client(notFoundV3, 'v3');
    const r = await jaeger.searchTraces({ service: 'checkout', operation: 'GET /cart', tags: { 'http.status_code': '500' }, fromMs: 0, toMs: 60_000, limit: 5, minDurationMs: 100 });
    expect(r).toEqual([]);
    const p = requests[0].url.searchParams;
    expect(Object.fromEntries(p)).toEqual({
      'query.service_name': 'checkout',
      'query.operation_name': 'GET /cart',
      'query.attributes': '{"http.status_code":"500"}',
      'query.start_time_min': '1970-01-01T00:00:00.000Z',
      'query.start_time_max': '1970-01-01T00:01:00.000Z',
      'query.search_depth': '5',
      'query.duration_min': '100ms',
    });
  });

  it('sends v1 search parameters in microseconds and returns every trace', async () => {
    const second = (fixture('jaeger-v1-trace-duplicate-span-ids.json') as { data: unknown[] }).data[0];
    const { jaeger, requests } = client(() => json({ data: [v1Trace, second], errors: null }), 'v1');
    const r = await jaeger.searchTraces({ service: 'svc', fromMs: 1, toMs: 2, tags: { error: 'true' } });
    expect(r.map((t) => t.traceId)).toEqual(['00000000000000000000000000000001', '83a9efd15c1c98a977e0711cc93ee28b']);
    expect(requests[0].url.searchParams.get('start')).toBe('1000');
    expect(requests[0].url.searchParams.get('tags')).toBe('{"error":"true"}');
  });

  it('reads dependencies from v1 /api/dependencies even in v3 mode', async () => {
    const { jaeger, requests } = client(() => json({ data: [{ parent: 'frontend', child: 'cart', callCount: 12 }], total: 0, limit: 0, offset: 0, errors: null }), 'v3');
    expect(await jaeger.dependencies(1_000, 61_000)).toEqual([{ parent: 'frontend', child: 'cart', callCount: 12 }]);
    expect(Object.fromEntries(requests[0].url.searchParams)).toEqual({ endTs: '61000', lookback: '60000' });
  });

  it('returns empty lists for empty answers', async () => {
    const { jaeger } = client((req) => json(req.url.pathname.endsWith('services') ? { services: null } : { operations: [] }), 'v3');
    expect(await jaeger.services()).toEqual([]);
    expect(await jaeger.operations('x')).toEqual([]);
  });
});
