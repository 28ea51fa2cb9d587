import { describe, expect, it } from 'vitest';
import { parseConfig } from './config';

describe('TRACES_BACKEND / LOGS_BACKEND', () => {
  it('defaults to Jaeger and Loki', () => {
    const c = parseConfig({ JAEGER_URL: 'http://j:16686', LOKI_URL: 'http://l:3100' });
    expect([c.tracesBackend, c.logsBackend]).toEqual(['jaeger', 'loki']);
    expect(c.sources.jaeger?.baseUrl).toBe('http://j:16686');
  });

  it('takes the trace source from TEMPO_URL and the log source from ELASTICSEARCH_URL, with their auth and settings', () => {
    const c = parseConfig({
      TRACES_BACKEND: 'tempo', TEMPO_URL: 'https://tempo.example/', TEMPO_AUTH: 'bearer:t0k', TEMPO_TENANT: 'ops',
      LOGS_BACKEND: 'elasticsearch', ELASTICSEARCH_URL: 'http://es:9200', ELASTICSEARCH_AUTH: 'basic:u:p', ELASTICSEARCH_INDEX: 'filebeat-*,logs-*',
      ELASTICSEARCH_TRACE_FIELD: 'trace_id', ELASTICSEARCH_TIME_FIELD: 'timestamp',
    });
    expect(c.demo).toBe(false);
    expect(c.sources.jaeger).toMatchObject({ baseUrl: 'https://tempo.example', auth: { type: 'bearer', token: 't0k' } });
    expect(c.sources.loki).toMatchObject({ baseUrl: 'http://es:9200', auth: { type: 'basic', user: 'u', password: 'p' } });
    expect(c.tempoTenant).toBe('ops');
    expect(c.elasticsearch).toEqual({ index: 'filebeat-*,logs-*', traceIdField: 'trace_id', timestampField: 'timestamp' });
  });

  it('uses the ECS defaults for the Elasticsearch fields', () => {
    expect(parseConfig({ LOGS_BACKEND: 'elasticsearch', ELASTICSEARCH_URL: 'http://es:9200' }).elasticsearch).toEqual({ index: 'logs-*', traceIdField: 'trace.id', timestampField: '@timestamp' });
  });

  it('refuses unknown backends, bad indices and URLs that the chosen backend would ignore, naming the variable', () => {
    expect(() => parseConfig({ TRACES_BACKEND: 'zipkin' })).toThrow(/TRACES_BACKEND: must be "jaeger" or "tempo"/);
    expect(() => parseConfig({ LOGS_BACKEND: 'elasticsearch', ELASTICSEARCH_INDEX: '../_cluster' })).toThrow(/ELASTICSEARCH_INDEX/);
    expect(() => parseConfig({ ELASTICSEARCH_TRACE_FIELD: 'a b' })).toThrow(/ELASTICSEARCH_TRACE_FIELD/);
    expect(() => parseConfig({ TEMPO_URL: 'http://tempo:3200' })).toThrow(/TEMPO_URL: is set but TRACES_BACKEND is not "tempo"/);
    expect(() => parseConfig({ LOGS_BACKEND: 'elasticsearch', LOKI_URL: 'http://l:3100' })).toThrow(/LOKI_URL: is set but LOGS_BACKEND is "elasticsearch"/);
  });

  it("in demo mode takes the demo process's Tempo and Elasticsearch emulations", () => {
    const c = parseConfig({ TRACES_BACKEND: 'tempo', LOGS_BACKEND: 'elasticsearch', DEMO_TEMPO_URL: 'http://127.0.0.1:1/tempo', DEMO_ELASTICSEARCH_URL: 'http://127.0.0.1:1/elasticsearch', DEMO_JAEGER_URL: 'http://127.0.0.1:1/jaeger' });
    expect(c.demo).toBe(true);
    expect(c.sources.jaeger).toMatchObject({ baseUrl: 'http://127.0.0.1:1/tempo', demo: true });
    expect(c.sources.loki).toMatchObject({ baseUrl: 'http://127.0.0.1:1/elasticsearch', demo: true });
  });
});
