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
