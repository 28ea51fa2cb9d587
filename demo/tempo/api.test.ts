import { describe, expect, it } from 'vitest';
import { fakeTransport } from '../../lib/sources/test-helpers';
import { TEMPO_TRANSPORT, createTempoClient } from '../../lib/sources/tempo/client';
import { tempoAsTraceClient } from '../../lib/sources/tempo/as-trace-client';
import { isSourceError } from '../../lib/sources/errors';
import { handleTempoRequest, tempoBackend } from '.';
import { demoResponder } from '../contract-helpers';
import { traceById, tracesInRange } from '../scenario/traces';
import { MISSING_TRACE_ID } from '../scenario/story';

/** Contract: the app's Tempo client (lib/sources/tempo) reads the demo Tempo as it reads Tempo (README §2–§4). */

const ANCHOR = Date.UTC(2026, 7, 22, 12, 0, 0);
const NOW = ANCHOR + 20 * 60_000;
const clock = { anchorMs: ANCHOR, nowMs: NOW };
const window = { fromMs: NOW - 10 * 60_000, toMs: NOW };

function clients(api: 'auto' | 'v1' | 'v2' = 'auto') {
  const { transport, requests } = fakeTransport('jaeger', demoResponder(tempoBackend, clock), {}, TEMPO_TRANSPORT, { baseUrl: 'http://demo.test/tempo' });
  const tempo = createTempoClient({ name: 'jaeger', baseUrl: 'http://demo.test/tempo', auth: null, timeoutMs: 5_000, demo: true }, transport, api);
  return { tempo, traces: tempoAsTraceClient(tempo), requests };
}

const recent = tracesInRange(window.fromMs, window.toMs, ANCHOR, NOW);
const checkout = recent.find((t) => t.spans.some((s) => s.operation === 'publishOrderEvent'))!;

describe('demo Tempo, read by the Tempo client', () => {
  it('serves a trace by id over v2 and v1 that normalizes to the demo trace, span for span', async () => {
    const want = traceById(checkout.traceId, ANCHOR, NOW)!;
    for (const api of ['v2', 'v1'] as const) {
      const { tempo, requests } = clients(api);
      const got = (await tempo.getTrace(checkout.traceId.toUpperCase()))!;
      expect(requests[0].url.pathname).toBe(api === 'v2' ? `/tempo/api/v2/traces/${checkout.traceId}` : `/tempo/api/traces/${checkout.traceId}`);
      expect(got.traceId).toBe(want.traceId);
      const byId = new Map(got.spans.map((s) => [s.spanId, s]));
      for (const s of want.spans) {
        expect(byId.get(s.spanId)).toMatchObject({ service: s.service, operation: s.operation, parentSpanId: s.parentSpanId, startUs: s.startUs, durationUs: s.durationUs, status: s.status, kind: s.kind });
      }
    }
  });

  it('answers an unknown trace with a bodiless 404, which the client reads as "not found" (README §2.3)', async () => {
    const { tempo } = clients();
    expect(await tempo.getTrace(MISSING_TRACE_ID)).toBeNull();
    expect(handleTempoRequest({ path: `/api/v2/traces/${MISSING_TRACE_ID}`, params: new URLSearchParams() }, clock)).toMatchObject({ status: 404, body: '' });
  });

  it('finds traces with the TraceQL the trace-client adapter builds, newest first, with service stats', async () => {
    const { traces, requests } = clients();
    const found = await traces.searchTraceSummaries!({ service: 'order-service', operation: 'publishOrderEvent', ...window, limit: 5 });
    expect(new URLSearchParams(requests[0].url.search).get('q')).toBe('{ resource.service.name = "order-service" && name = "publishOrderEvent" }');
    const want = recent.filter((t) => t.spans.some((s) => s.service === 'order-service' && s.operation === 'publishOrderEvent')).reverse().slice(0, 5);
    expect(found.map((f) => f.traceId)).toEqual(want.map((t) => t.traceId));
    expect(found[0].spanCount).toBe(want[0].spans.length);
    expect(found[0].services).toEqual([...new Set(want[0].spans.map((s) => s.service))].sort());
  });

  it('matches typed attributes: an int tag by its number form, not its string', async () => {
    const { tempo } = clients();
    const q = (v: string) => tempo.search({ q: `{ span.http.status_code = ${v} }`, ...window, limit: 100 });
    const errors = recent.filter((t) => t.spans.some((s) => s.tags['http.status_code'] === 503));
    expect(errors.length).toBeGreaterThan(0);
    expect((await q('503')).length).toBe(Math.min(errors.length, 100));
    expect(await q('"503"')).toEqual([]);
    const slow = await tempo.search({ q: '{ resource.service.name = "risk-engine" && duration > 1ms && status = error }', ...window });
    for (const s of slow) expect(recent.find((t) => t.traceId === s.traceId)!.spans.some((sp) => sp.service === 'risk-engine' && sp.status === 'error')).toBe(true);
  });

  it('lists services and operations through tag values, and tag names per scope', async () => {
    const { traces, tempo } = clients();
    expect(await traces.services()).toEqual([...new Set(recent.flatMap((t) => t.spans.map((s) => s.service)))].sort());
    const ops = (await traces.operations('order-service')).map((o) => o.name);
    expect(ops).toContain('publishOrderEvent');
    expect(ops.every((o) => recent.some((t) => t.spans.some((s) => s.service === 'order-service' && s.operation === o)))).toBe(true);
    const scopes = await tempo.searchTags({ ...window });
    expect(scopes.find((s) => s.scope === 'resource')!.tags).toContain('service.name');
    expect(scopes.find((s) => s.scope === 'span')!.tags).toContain('http.status_code');
  });

  it('refuses TraceQL outside its subset with Tempo\'s 400 text, a bad_query for the client', async () => {
    const { tempo } = clients();
    const err = await tempo.search({ q: '{ .a = "b" } >> { .c = "d" }', ...window }).catch((e: unknown) => e);
    expect(isSourceError(err) && err.kind === 'bad_query' && /invalid TraceQL query/.test(err.message)).toBe(true);
    expect(handleTempoRequest({ path: '/api/search', params: new URLSearchParams({ q: '{}', tags: 'a=b' }) }, clock)).toMatchObject({ status: 400, body: "invalid request: can't specify tags and q in the same query" });
  });

  it('answers unknown routes as Go\'s mux does, so the client falls back from v2 to v1 once', async () => {
    expect(handleTempoRequest({ path: '/api/v3/whatever', params: new URLSearchParams() }, clock)).toMatchObject({ status: 404, body: '404 page not found\n' });
  });
});
