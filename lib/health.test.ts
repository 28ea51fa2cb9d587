import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseConfig, type NamedSourceConfig } from './config';
import { buildSources } from './sources';
import { buildRegistry } from './sources/registry';
import { checkHealth } from './health';
import type { JaegerClient, LokiClient, PrometheusClient } from './sources/types';

const prom = (impl: () => Promise<{ version: string }>) => ({ buildinfo: impl }) as unknown as PrometheusClient;
const loki = (impl: () => Promise<{ version: string }>) => ({ buildinfo: impl }) as unknown as LokiClient;
const jaeger = (services: () => Promise<string[]>) => ({ services, apiVersion: async () => 'v3' }) as unknown as JaegerClient;

const config = parseConfig({ PROMETHEUS_URL: 'http://p:9090', LOKI_URL: 'http://l:3100', JAEGER_URL: 'http://j:16686' });

describe('checkHealth', () => {
  it('reports each source with version and timing', async () => {
    const h = await checkHealth({
      config,
      clients: { prometheus: prom(async () => ({ version: '2.42.0' })), loki: loki(async () => ({ version: '3.5.0' })), jaeger: jaeger(async () => ['a']) },
      breakers: { prometheus: 'closed' },
    });
    expect(h.status).toBe('ok');
    expect(h.sources.prometheus).toMatchObject({ status: 'ok', version: '2.42.0', breaker: 'closed', demo: false });
    expect(h.sources.jaeger).toMatchObject({ status: 'ok', api: 'v3' });
    // The source picker's list: one source per kind from the *_URL variables, named after its backend.
    expect(h.named).toEqual({ prometheus: ['prometheus'], loki: ['loki'], jaeger: ['jaeger'] });
  });

  it('turns only the failing source red and never throws', async () => {
    const h = await checkHealth({
      config,
      clients: {
        prometheus: prom(async () => { throw Object.assign(new Error('connect ECONNREFUSED'), { kind: 'unreachable' }); }),
        loki: loki(async () => ({ version: '3.5.0' })),
        jaeger: jaeger(async () => { throw Object.assign(new Error('timed out after 3000 ms'), { kind: 'timeout' }); }),
      },
    });
    expect(h.status).toBe('degraded');
    expect(h.sources.prometheus).toMatchObject({ status: 'error', kind: 'unreachable', message: 'connect ECONNREFUSED' });
    expect(h.sources.loki.status).toBe('ok');
    expect(h.sources.jaeger.status).toBe('timeout');
  });

  it('answers within its timeout even when a client ignores the abort signal', async () => {
    const hang = () => new Promise<never>(() => {});
    const h = await checkHealth({ config, clients: { prometheus: prom(async () => ({ version: '2.42.0' })), loki: loki(hang), jaeger: null }, timeoutMs: 50 });
    expect(h.sources.loki.status).toBe('timeout');
    expect(h.sources.prometheus.status).toBe('ok');
    expect(h.sources.jaeger).toMatchObject({ status: 'not_configured', message: 'Set JAEGER_URL to connect Jaeger.' });
  }, 2_000);
});

describe('checkHealth probes each source by its type', () => {
  afterEach(() => vi.unstubAllGlobals());

  /** A fetch that answers by path, recording each one. */
  function stubFetch(answer: (path: string) => Response) {
    const asked: string[] = [];
    vi.stubGlobal('fetch', async (input: string | URL) => {
      const url = new URL(String(input));
      asked.push(`${url.host}${url.pathname}`);
      return answer(url.pathname);
    });
    return asked;
  }

  it('asks Tempo its readiness endpoint and Elasticsearch its root info, naming each backend', async () => {
    const asked = stubFetch((path) => (path === '/ready' ? new Response('ready') : Response.json({ name: 'n1', version: { number: '2.19.0', distribution: 'opensearch' } })));
    const cfg = parseConfig({ TRACES_BACKEND: 'tempo', TEMPO_URL: 'http://t:3200', LOGS_BACKEND: 'elasticsearch', ELASTICSEARCH_URL: 'http://es:9200' });
    const h = await checkHealth({ config: cfg, sources: buildSources(cfg).lists });
    expect(asked.sort()).toEqual(['es:9200/', 't:3200/ready']);
    expect(h.sources.loki).toMatchObject({ status: 'ok', backend: 'elasticsearch', version: 'opensearch 2.19.0' });
    expect(h.sources.jaeger).toMatchObject({ status: 'ok', backend: 'tempo' });
    expect(h.sources.prometheus).toMatchObject({ status: 'not_configured', backend: 'prometheus' });
    expect(h.named).toEqual({ prometheus: [], loki: ['elasticsearch'], jaeger: ['tempo'] });
  });

  it('lists every source of a kind with its own status, and one down source degrades only itself', async () => {
    stubFetch((path) => (path === '/loki/api/v1/status/buildinfo' ? Response.json({ version: '3.5.0' }) : new Response('missing authentication credentials', { status: 401 })));
    const source = (label: string, type: NamedSourceConfig['type'], name: NamedSourceConfig['name'], url: string): NamedSourceConfig => ({
      name, label, type, baseUrl: url, auth: null, timeoutMs: 500, demo: false, tenant: null, serviceLabel: null, options: {},
    });
    const sources = [source('eu', 'loki', 'loki', 'http://loki-eu'), source('elk', 'elasticsearch', 'loki', 'http://elk'), source('traces', 'tempo', 'jaeger', 'http://tempo')];
    const h = await checkHealth({ config, sources: buildRegistry(sources).lists, timeoutMs: 1_000 });
    expect(h.status).toBe('degraded');
    expect(h.sources.loki).toMatchObject({ status: 'ok', backend: 'loki', version: '3.5.0' });
    expect(h.sources.loki.sources?.map((s) => [s.name, s.backend, s.status])).toEqual([
      ['eu', 'loki', 'ok'],
      ['elk', 'elasticsearch', 'error'],
    ]);
    expect(h.sources.jaeger).toMatchObject({ status: 'error', backend: 'tempo' });
    expect(h.named?.loki).toEqual(['eu', 'elk']);
  });

  it('says which variable connects the chosen backend when it is missing', async () => {
    const cfg = parseConfig({ PROMETHEUS_URL: 'http://p:9090', TRACES_BACKEND: 'tempo', LOGS_BACKEND: 'elasticsearch' });
    const h = await checkHealth({ config: cfg, clients: { prometheus: null, loki: null, jaeger: null } });
    expect(h.sources.loki.message).toBe('Set ELASTICSEARCH_URL to connect Elasticsearch.');
    expect(h.sources.jaeger.message).toBe('Set TEMPO_URL to connect Tempo.');
  });
});
