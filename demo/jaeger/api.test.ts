import { describe, expect, it } from 'vitest';
import { handleJaegerRequest } from './api';
import { MISSING_TRACE_ID } from '../scenario/story';
import { tracesInRange } from '../scenario/traces';

const ANCHOR = Date.UTC(2026, 7, 22, 12, 0, 0);
const NOW = ANCHOR + 5 * 60_000;
const clock = { anchorMs: ANCHOR, nowMs: NOW };
const get = (path: string, params: Record<string, string> = {}) => {
  const r = handleJaegerRequest({ path, params: new URLSearchParams(params) }, clock);
  return { ...r, json: () => JSON.parse(r.body) };
};
const checkout = tracesInRange(NOW - 60_000, NOW, ANCHOR, NOW).find((t) => t.spans.some((s) => s.operation === 'publishOrderEvent'))!;

describe('demo Jaeger v1 API', () => {
  it('returns a trace in the UI JSON shape with processes, references, µs times and typed tags', () => {
    const body = get(`/api/traces/${checkout.traceId}`).json();
    expect(body).toMatchObject({ total: 0, limit: 0, offset: 0, errors: null });
    const [t] = body.data;
    expect(t.traceID).toBe(checkout.traceId);
    expect(t.warnings).toBeNull();
    expect(Object.keys(t.processes).every((k: string) => /^p\d+$/.test(k))).toBe(true);
    for (const s of t.spans) {
      expect(t.processes[s.processID].serviceName).toEqual(expect.any(String));
      expect(Number.isInteger(s.startTime) && s.startTime > 1e15).toBe(true);
      for (const kv of s.tags) expect(['string', 'bool', 'int64', 'float64']).toContain(kv.type);
    }
    const status = t.spans.flatMap((s: { tags: { key: string }[] }) => s.tags).find((kv: { key: string }) => kv.key === 'http.status_code');
    expect(status.type).toBe('int64');
    const child = t.spans.find((s: { references: unknown[] }) => s.references.length);
    expect(child.references[0]).toMatchObject({ refType: 'CHILD_OF', traceID: checkout.traceId });
  });

  it('warns on the orphan span exactly as Jaeger’s v1 adjuster does', () => {
    const [t] = get(`/api/traces/${checkout.traceId}`).json().data;
    const orphan = t.spans.find((s: { operationName: string }) => s.operationName === 'publishOrderEvent');
    expect(orphan.warnings).toEqual([`invalid parent span IDs=${orphan.references[0].spanID}; skipping clock skew adjustment`]);
    expect(t.spans.filter((s: { warnings: unknown }) => s.warnings !== null)).toHaveLength(1);
  });

  it('404s unknown ids with Jaeger’s error body', () => {
    const r = get(`/api/traces/${MISSING_TRACE_ID}`);
    expect(r.status).toBe(404);
    expect(r.json()).toEqual({ data: null, total: 0, limit: 0, offset: 0, errors: [{ code: 404, msg: 'trace not found' }] });
  });

  it('searches by service, operation and tags within µs start/end', () => {
    const body = get('/api/traces', { service: 'risk-engine', tags: JSON.stringify({ 'http.status_code': '500' }), start: String((NOW - 20 * 60_000) * 1000), end: String(NOW * 1000), limit: '5' }).json();
    expect(body.data.length).toBeGreaterThan(0);
    expect(body.data.length).toBeLessThanOrEqual(5);
    expect(get('/api/traces', {}).status).toBe(400);
  });

  it('lists services, operations and dependencies', () => {
    expect(get('/api/services').json()).toMatchObject({ data: expect.arrayContaining(['order-service']), total: 6 });
    expect(get('/api/services/order-service/operations').json().data).toContain('publishOrderEvent');
    expect(get('/api/operations', { service: 'order-service' }).json().data).toContainEqual({ name: 'publishOrderEvent', spanKind: 'producer' });
    const deps = get('/api/dependencies', { endTs: String(NOW), lookback: '600000' }).json().data;
    expect(deps).toContainEqual({ parent: 'payment-gateway', child: 'risk-engine', callCount: expect.any(Number) });
  });
});

describe('demo Jaeger v3 API', () => {
  it('returns OTLP JSON: resourceSpans per service, ns strings, enum kinds, parentSpanId and warnings', () => {
    const body = get(`/api/v3/traces/${checkout.traceId}`).json();
    const rs = body.result.resourceSpans;
    expect(rs.map((r: { resource: { attributes: { key: string; value: { stringValue: string } }[] } }) => r.resource.attributes.find((a) => a.key === 'service.name')!.value.stringValue)).toContain('order-service');
    const spans = rs.flatMap((r: { scopeSpans: { spans: unknown[] }[] }) => r.scopeSpans.flatMap((s) => s.spans));
    expect(spans).toHaveLength(checkout.spans.length);
    for (const s of spans) {
      expect(s.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(s.startTimeUnixNano).toMatch(/^\d+$/);
      expect([1, 2, 3, 4, 5]).toContain(s.kind);
    }
    const orphan = spans.find((s: { name: string }) => s.name === 'publishOrderEvent');
    expect(orphan.attributes).toContainEqual({ key: '@jaeger@warnings', value: { arrayValue: { values: [{ stringValue: `parent span ID=${orphan.parentSpanId} is not in the trace; skipping clock skew adjustment` }] } } });
  });

  it('404s unknown ids and requires the search time bounds', () => {
    expect(get(`/api/v3/traces/${MISSING_TRACE_ID}`)).toMatchObject({ status: 404, body: JSON.stringify({ error: { httpCode: 404, message: 'No traces found' } }) });
    expect(get('/api/v3/traces', { 'query.service_name': 'risk-engine' }).json()).toEqual({ error: { httpCode: 400, message: 'query.startTimeMin and query.startTimeMax are required' } });
  });

  it('searches, and lists services and operations', () => {
    const body = get('/api/v3/traces', { 'query.service_name': 'inventory-service', 'query.start_time_min': new Date(NOW - 60_000).toISOString(), 'query.start_time_max': new Date(NOW).toISOString() }).json();
    expect(body.result.resourceSpans.length).toBeGreaterThan(0);
    expect(get('/api/v3/services').json().services).toContain('risk-engine');
    expect(get('/api/v3/operations', { service: 'risk-engine' }).json()).toEqual({ operations: [{ name: 'POST /score', spanKind: 'server' }] });
  });
});
