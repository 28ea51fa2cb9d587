import { describe, expect, it, vi } from 'vitest';
import type { Span } from '@/lib/model/types';
import { T, span as spanAt } from '@/lib/correlate/test-helpers';
import type { JaegerClient } from '@/lib/sources/types';

const span = (id: string, parent: string | null): Span => spanAt(id, parent, 0, 1, { service: 'checkout', operation: 'GET /cart', kind: 'server', status: 'ok' });
let mode: 'found' | 'down' = 'found';
const jaeger = {
  getTrace: async (id: string) => {
    if (mode === 'down') throw Object.assign(new Error('connect ECONNREFUSED'), { kind: 'unreachable', source: 'jaeger' });
    return { traceId: id, spans: [span('00000000000000a1', null), span('00000000000000a2', '00000000000000ff')], warnings: [] };
  },
} as unknown as JaegerClient;

vi.mock('@/lib/sources', async () => {
  const { singleSourceLists } = await import('@/lib/sources/registry');
  return { getSources: () => ({ prometheus: null, loki: null, jaeger }), getSourceLists: () => singleSourceLists(({ prometheus: null, loki: null, jaeger })) };
});
vi.mock('@/lib/config', () => ({ getConfig: () => ({ demo: false }) }));

const { GET } = await import('./route');
const call = (id: string) => GET(new Request(`http://x/api/v1/traces/${id}?from=now-1h&to=now`), { params: Promise.resolve({ traceId: id }) });

describe('GET /api/v1/traces/{traceId} (the trace alone)', () => {
  it('answers the trace in the API shape with its orphans marked', async () => {
    mode = 'found';
    const res = await call(T);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.trace.rootSpanIds).toEqual(['00000000000000a1']);
    expect(body.trace.orphanSpanIds).toEqual(['00000000000000a2']);
    expect(body.sources.jaeger.status).toBe('ok');
  });
  it('leaves span tags and events to the full investigation, keeping what the waterfall draws', async () => {
    mode = 'found';
    const body = await (await call(T)).json();
    const { columns: c } = body.trace;
    expect(c.spanId[0]).toBe('00000000000000a1');
    expect([c.strings[c.service[0]], c.strings[c.operation[0]], c.depth[0]]).toEqual(['checkout', 'GET /cart', 0]);
    expect(body.trace).not.toHaveProperty('spans');
    expect(c).not.toHaveProperty('tags');
  });
  it('reports Jaeger down as its status, not as a failed request', async () => {
    mode = 'down';
    const res = await call('5b8aa5a2d2c872e8');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.trace).toBeNull();
    expect(body.sources.jaeger).toMatchObject({ status: 'error', message: 'connect ECONNREFUSED' });
  });
  it('rejects a malformed id with a 400', async () => {
    expect((await call('zzz')).status).toBe(400);
  });
  it('picks a traces source by name, and answers 400 naming the known ones for an unknown name', async () => {
    mode = 'found';
    const ask = (q: string) => GET(new Request(`http://x/api/v1/traces/${T}?${q}`), { params: Promise.resolve({ traceId: T }) });
    expect((await ask('tracesSource=jaeger')).status).toBe(200);
    const res = await ask('tracesSource=jaeger-eu');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: 'unknown_source', message: 'tracesSource: no traces source is named "jaeger-eu" (known: jaeger)' } });
  });
});
