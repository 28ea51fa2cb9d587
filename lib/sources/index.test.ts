import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig, resetConfigForTests } from '../config';
import { buildSources, getSources, resetSourcesForTests, sourceHealth, sourceHealthDetails } from './index';

afterEach(() => {
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
