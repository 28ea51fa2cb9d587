import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fakeTransport, json, sourceConfig } from '../test-helpers';
import { tempoAsTraceClient, traceqlFor, traceqlString } from './as-trace-client';
import { TEMPO_TRANSPORT, createTempoClient } from './client';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

describe('traceqlFor', () => {
  it('puts every Jaeger search condition on one span, escaping strings', () => {
    expect(traceqlFor({ service: 'cart', operation: 'GET /cart "v2"', tags: { 'http.status_code': '500', 'user.tier': 'gold\\' }, minDurationMs: 100, maxDurationMs: 2000.5, fromMs: 0, toMs: 1 })).toBe(
      '{ resource.service.name = "cart" && name = "GET /cart \\"v2\\"" && (.http.status_code = "500" || .http.status_code = 500) && .user.tier = "gold\\\\" && duration >= 100ms && duration <= 2000.5ms }',
    );
    expect(traceqlFor({ service: '', fromMs: 0, toMs: 1 })).toBe('{ }');
    expect(traceqlString('a"b')).toBe('"a\\"b"');
  });

  it('refuses tag names that would break out of the attribute', () => {
    expect(() => traceqlFor({ service: 's', tags: { 'a = "x" } || { true': '1' }, fromMs: 0, toMs: 1 })).toThrow(/not a TraceQL attribute/);
  });
});

describe('tempoAsTraceClient', () => {
  it('searches with TraceQL and fetches each trace; services and operations come from tag values', async () => {
    const { transport, requests } = fakeTransport('jaeger', (req) => {
      const p = req.url.pathname;
      if (p === '/api/search') return json({ traces: [{ traceID: '5b8efff798038103d269b633813fc700' }] });
      if (p.startsWith('/api/v2/traces/')) return json(fixture('tempo-v2-trace.json'));
      return json(fixture('tempo-tag-values-v2.json'));
    }, {}, TEMPO_TRANSPORT);
    const client = tempoAsTraceClient(createTempoClient(sourceConfig('jaeger'), transport));
    const traces = await client.searchTraces({ service: 'my.service', fromMs: 0, toMs: 2_000_000_000_000, limit: 5 });
    expect(traces.map((t) => t.spans[0].service)).toEqual(['my.service']);
    expect(requests[0].url.searchParams.get('q')).toBe('{ resource.service.name = "my.service" }');
    expect(requests[0].url.searchParams.get('limit')).toBe('5');
    expect(await client.services()).toEqual(['article-service', 'auth-service', 'billing-service', 'cart-service', 'postgres', 'shop-backend']);
    await client.operations('cart');
    expect(requests.at(-1)?.url.pathname).toBe('/api/v2/search/tag/name/values');
    expect(requests.at(-1)?.url.searchParams.get('q')).toBe('{ resource.service.name = "cart" }');
    expect(await client.apiVersion()).toBe('v3');
    await expect(client.dependencies(0, 1)).rejects.toMatchObject({ kind: 'http', status: 501 });
  });
});
