import { describe, expect, it } from 'vitest';
import { parseConfig } from './config';
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

describe('checkHealth with Tempo and Elasticsearch', () => {
  it('names the backend of each role and asks Elasticsearch for its version', async () => {
    const cfg = parseConfig({ TRACES_BACKEND: 'tempo', TEMPO_URL: 'http://t:3200', LOGS_BACKEND: 'elasticsearch', ELASTICSEARCH_URL: 'http://es:9200' });
    const es = { info: async () => ({ version: 'opensearch 2.19.0' }) } as unknown as import('./sources/elasticsearch/client').ElasticsearchClient;
    const h = await checkHealth({ config: cfg, clients: { prometheus: null, loki: null, elasticsearch: es, jaeger: jaeger(async () => ['a']) } });
    expect(h.sources.loki).toMatchObject({ status: 'ok', backend: 'elasticsearch', version: 'opensearch 2.19.0' });
    expect(h.sources.jaeger).toMatchObject({ status: 'ok', backend: 'tempo' });
    expect(h.sources.prometheus).toMatchObject({ status: 'not_configured', backend: 'prometheus' });
  });

  it('says which variable connects the chosen backend when it is missing', async () => {
    const cfg = parseConfig({ PROMETHEUS_URL: 'http://p:9090', TRACES_BACKEND: 'tempo', LOGS_BACKEND: 'elasticsearch' });
    const h = await checkHealth({ config: cfg, clients: { prometheus: null, loki: null, jaeger: null } });
    expect(h.sources.loki.message).toBe('Set ELASTICSEARCH_URL to connect Elasticsearch.');
    expect(h.sources.jaeger.message).toBe('Set TEMPO_URL to connect Tempo.');
  });
});
