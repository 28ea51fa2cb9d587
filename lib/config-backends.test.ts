import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from './config';

/** A provisioning file in a fresh temporary directory. */
function provisioningFile(yaml: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'triangulate-config-')), 'sources.yaml');
  writeFileSync(path, yaml);
  return path;
}

describe('TRACES_BACKEND / LOGS_BACKEND', () => {
  it('defaults to Jaeger and Loki', () => {
    const c = parseConfig({ JAEGER_URL: 'http://j:16686', LOKI_URL: 'http://l:3100' });
    expect([c.tracesBackend, c.logsBackend]).toEqual(['jaeger', 'loki']);
    expect(c.sources.jaeger?.baseUrl).toBe('http://j:16686');
    expect(c.namedSources.map((s) => [s.label, s.type])).toEqual([
      ['loki', 'loki'],
      ['jaeger', 'jaeger'],
    ]);
  });

  it('is the simple case of a provisioning file: the same named sources as `type: elasticsearch` and `type: tempo` entries', () => {
    const env = parseConfig({
      TRACES_BACKEND: 'tempo', TEMPO_URL: 'https://tempo.example/', TEMPO_AUTH: 'bearer:t0k', TEMPO_TENANT: 'ops',
      LOGS_BACKEND: 'elasticsearch', ELASTICSEARCH_URL: 'http://es:9200', ELASTICSEARCH_AUTH: 'basic:u:p', ELASTICSEARCH_INDEX: 'filebeat-*,logs-*',
      ELASTICSEARCH_TRACE_FIELD: 'trace_id', ELASTICSEARCH_TIME_FIELD: 'timestamp',
    });
    const file = parseConfig({
      TRIANGULATE_CONFIG: provisioningFile(`
sources:
  - name: elasticsearch
    kind: logs
    type: elasticsearch
    url: http://es:9200
    auth: { type: basic, user: u, password: p }
    options: { index: "filebeat-*,logs-*", traceIdField: trace_id, timestampField: timestamp }
  - name: tempo
    kind: traces
    type: tempo
    url: https://tempo.example/
    auth: { type: bearer, token: t0k }
    tenant: ops
`),
    });
    expect(env.demo).toBe(false);
    expect(env.namedSources).toEqual(file.namedSources);
    expect(env.namedSources[1]).toMatchObject({ name: 'jaeger', label: 'tempo', type: 'tempo', baseUrl: 'https://tempo.example', tenant: 'ops', auth: { type: 'bearer', token: 't0k' } });
    expect(env.sources.loki).toMatchObject({ label: 'elasticsearch', baseUrl: 'http://es:9200', auth: { type: 'basic', user: 'u', password: 'p' } });
  });

  it('gives the Elasticsearch source the ECS defaults as its options', () => {
    expect(parseConfig({ LOGS_BACKEND: 'elasticsearch', ELASTICSEARCH_URL: 'http://es:9200' }).sources.loki).toMatchObject({
      type: 'elasticsearch',
      options: { index: 'logs-*', traceIdField: 'trace.id', timestampField: '@timestamp' },
    });
  });

  it('refuses unknown backends, bad indices and URLs that the chosen backend would ignore, naming the variable', () => {
    expect(() => parseConfig({ TRACES_BACKEND: 'zipkin' })).toThrow(/TRACES_BACKEND: must be "jaeger" or "tempo"/);
    expect(() => parseConfig({ LOGS_BACKEND: 'elasticsearch', ELASTICSEARCH_INDEX: '../_cluster' })).toThrow(/ELASTICSEARCH_INDEX/);
    expect(() => parseConfig({ ELASTICSEARCH_TRACE_FIELD: 'a b' })).toThrow(/ELASTICSEARCH_TRACE_FIELD/);
    expect(() => parseConfig({ TEMPO_URL: 'http://tempo:3200' })).toThrow(/TEMPO_URL: is set but TRACES_BACKEND is not "tempo"/);
    expect(() => parseConfig({ LOGS_BACKEND: 'elasticsearch', LOKI_URL: 'http://l:3100' })).toThrow(/LOKI_URL: is set but LOGS_BACKEND is "elasticsearch"/);
  });

  it('refuses the environment form beside a provisioning file, naming the variables', () => {
    const path = provisioningFile('sources:\n  - { name: t, kind: traces, type: tempo, url: "http://t:3200" }\n');
    expect(() => parseConfig({ TRIANGULATE_CONFIG: path, TRACES_BACKEND: 'tempo', ELASTICSEARCH_URL: 'http://es:9200' })).toThrow(
      /ELASTICSEARCH_URL, TRACES_BACKEND: not used when TRIANGULATE_CONFIG is set/,
    );
  });

  it("in demo mode takes the demo process's Tempo and Elasticsearch emulations", () => {
    const c = parseConfig({ TRACES_BACKEND: 'tempo', LOGS_BACKEND: 'elasticsearch', DEMO_TEMPO_URL: 'http://127.0.0.1:1/tempo', DEMO_ELASTICSEARCH_URL: 'http://127.0.0.1:1/elasticsearch', DEMO_JAEGER_URL: 'http://127.0.0.1:1/jaeger' });
    expect(c.demo).toBe(true);
    expect(c.sources.jaeger).toMatchObject({ type: 'tempo', baseUrl: 'http://127.0.0.1:1/tempo', demo: true });
    expect(c.sources.loki).toMatchObject({ type: 'elasticsearch', baseUrl: 'http://127.0.0.1:1/elasticsearch', demo: true });
  });
});
