import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseConfig, resetConfigForTests } from '../config';
import { buildSources, getSources, resetSourcesForTests, sourceHealth, sourceHealthDetails } from './index';

afterEach(() => {
  vi.unstubAllGlobals();
  resetSourcesForTests();
  resetConfigForTests();
});

describe('source registry', () => {
  it('builds a client only for configured sources', () => {
    const { clients, transports } = buildSources(parseConfig({ PROMETHEUS_URL: 'http://prom:9090', JAEGER_URL: 'http://jaeger:16686', JAEGER_API: 'v1' }));
    expect(clients.prometheus).not.toBeNull();
    expect(clients.loki).toBeNull();
    expect(clients.jaeger).not.toBeNull();
    expect(Object.keys(transports).sort()).toEqual(['jaeger', 'prometheus']);
  });

  it('returns the same clients on every call so breaker state persists, and reports breaker state', async () => {
    const old = { ...process.env };
    process.env.PROMETHEUS_URL = 'http://127.0.0.1:9';
    delete process.env.LOKI_URL;
    delete process.env.JAEGER_URL;
    try {
      resetConfigForTests();
      expect(getSources()).toBe(getSources());
      expect(sourceHealth()).toEqual({ prometheus: 'closed' });
      expect(sourceHealthDetails().prometheus).toMatchObject({ state: 'closed', consecutiveFailures: 0, inFlight: 0 });
      await expect(getSources().prometheus!.buildinfo({ signal: AbortSignal.abort() })).rejects.toMatchObject({ kind: 'canceled' });
    } finally {
      process.env = old;
    }
  });
});

describe('TRACES_BACKEND=tempo and LOGS_BACKEND=elasticsearch', () => {
  /** Records every request and answers from `answer`. */
  function recordFetch(answer: (url: URL) => unknown) {
    const seen: { url: URL; init: RequestInit | undefined }[] = [];
    vi.stubGlobal('fetch', async (input: string | URL, init?: RequestInit) => {
      const url = new URL(String(input));
      seen.push({ url, init });
      return new Response(JSON.stringify(answer(url)), { status: 200, headers: { 'content-type': 'application/json' } });
    });
    return seen;
  }

  it('puts a Tempo in the trace role, sending the tenant as X-Scope-OrgID', async () => {
    const seen = recordFetch(() => ({ tagValues: [{ type: 'string', value: 'cart' }, { type: 'string', value: 'api' }] }));
    const { clients } = buildSources(parseConfig({ TRACES_BACKEND: 'tempo', TEMPO_URL: 'http://tempo:3200/', TEMPO_TENANT: 'team-a' }));
    expect(await clients.jaeger!.services()).toEqual(['api', 'cart']);
    expect(seen[0].url.pathname).toBe('/api/v2/search/tag/resource.service.name/values');
    expect(new Headers(seen[0].init?.headers).get('x-scope-orgid')).toBe('team-a');
  });

  it('puts an Elasticsearch in the logs role with the configured index and fields, and no Loki client', async () => {
    const seen = recordFetch(() => ({ hits: { hits: [{ _index: 'app-logs', _id: '1', _source: { '@ts': '2026-01-01T00:00:00.5Z', message: 'hello', traceId: 'abc' } }] } }));
    const cfg = parseConfig({ LOGS_BACKEND: 'elasticsearch', ELASTICSEARCH_URL: 'http://es:9200', ELASTICSEARCH_INDEX: 'app-logs', ELASTICSEARCH_TRACE_FIELD: 'traceId', ELASTICSEARCH_TIME_FIELD: '@ts' });
    const { clients } = buildSources(cfg);
    expect(clients.loki).toBeNull();
    const res = await clients.elasticsearch!.logsForTrace('abc', 0, 10_000);
    expect(seen[0].url.pathname).toBe('/app-logs/_search');
    const body = JSON.parse(String(seen[0].init?.body));
    expect(Object.keys(body.query.bool.filter[0].terms)).toEqual(['traceId']);
    expect(Object.keys(body.query.bool.filter[1].range)).toEqual(['@ts']);
    expect(res.lines.map((l) => l.line)).toEqual(['hello']);
  });
});
