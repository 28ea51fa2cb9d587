import { describe, expect, it } from 'vitest';
import { parseProvisioning, ProvisioningError } from './provisioning';

const problemsOf = (text: string, env: Record<string, string> = {}): string[] => {
  try {
    parseProvisioning(text, 'sources.yaml', env);
  } catch (e) {
    if (e instanceof ProvisioningError) return e.problems;
    throw e;
  }
  throw new Error('expected the file to be refused');
};

const TWO_LOKIS = `apiVersion: 1
sources:
  - name: prom-eu
    kind: metrics
    type: prometheus
    url: http://prom-eu:9090
    redFamilies:
      - { requests: http_server_requests_seconds_count, errorLabel: outcome, errorValues: SERVER_ERROR, latency: null }
  - name: loki-eu
    kind: logs
    type: loki
    url: http://loki-eu:3100/
    tenant: team-a
    serviceLabel: app
    auth: { type: basic, user: reader, password: "\${LOKI_EU_PASSWORD}" }
    traceIds: { traceKeys: [traceID] }
  - name: loki-us
    kind: logs
    type: loki
    url: http://loki-us:3100
    auth: { type: headers, headers: { X-Api-Key: "\${LOKI_US_KEY}" } }
  - name: jaeger
    kind: traces
    type: jaeger
    url: http://jaeger:16686
    timeoutMs: 5000
    options: { api: v3 }
`;

describe('provisioning file', () => {
  it('reads named sources of each kind with their settings and secrets from the environment', () => {
    const f = parseProvisioning(TWO_LOKIS, 'sources.yaml', { LOKI_EU_PASSWORD: 's3cret', LOKI_US_KEY: 'k-1' });
    expect(f.sources.map((s) => [s.name, s.kind, s.type])).toEqual([
      ['prom-eu', 'metrics', 'prometheus'],
      ['loki-eu', 'logs', 'loki'],
      ['loki-us', 'logs', 'loki'],
      ['jaeger', 'traces', 'jaeger'],
    ]);
    expect(f.sources[1]).toMatchObject({ tenant: 'team-a', serviceLabel: 'app', auth: { type: 'basic', user: 'reader', password: 's3cret' }, timeoutMs: 15_000 });
    expect(f.sources[2].auth).toEqual({ type: 'headers', headers: { 'X-Api-Key': 'k-1' } });
    expect(f.sources[3]).toMatchObject({ timeoutMs: 5000, options: { api: 'v3' } });
    expect(f.sources[0].redFamilies?.[0].requests).toBe('http_server_requests_seconds_count');
  });

  it('names the file, line and field of a bad value', () => {
    const text = TWO_LOKIS.replace('timeoutMs: 5000', 'timeoutMs: soon');
    const problems = problemsOf(text, { LOKI_EU_PASSWORD: 'x', LOKI_US_KEY: 'y' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^sources\.yaml:26:16: sources\[3\]\.timeoutMs: /);
  });

  it('names a missing environment variable and where it is used', () => {
    const problems = problemsOf(TWO_LOKIS, { LOKI_EU_PASSWORD: 'x' });
    expect(problems).toEqual([expect.stringMatching(/^sources\.yaml:21:.*environment variable LOKI_US_KEY is not set/)]);
  });

  it('keeps a literal ${ written as $${', () => {
    const f = parseProvisioning('sources:\n  - { name: a, kind: metrics, type: prometheus, url: http://p, auth: { type: bearer, token: "$${x}" } }\n', 'f.yaml', {});
    expect(f.sources[0].auth).toEqual({ type: 'bearer', token: '${x}' });
  });

  it('refuses a type under the wrong kind, a duplicate name and an unknown field, each at its line', () => {
    const text = `sources:
  - name: a
    kind: logs
    type: prometheus
    url: http://p
  - name: A
    kind: traces
    type: jaeger
    url: http://j
    colour: blue
`;
    const problems = problemsOf(text);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^sources\.yaml:3:\d+: sources\[0\]\.kind: type prometheus serves metrics, not logs/),
        expect.stringMatching(/^sources\.yaml:6:\d+: sources\[1\]\.name: "A" is already the name of sources\[0\]/),
        expect.stringMatching(/^sources\.yaml:(6|10):\d+: sources\[1\]: .*colour/),
      ]),
    );
  });

  it('points a missing required field at its entry', () => {
    expect(problemsOf('sources:\n  - name: a\n    kind: metrics\n    type: prometheus\n')).toEqual([expect.stringMatching(/^sources\.yaml:2:5: sources\[0\]\.url: /)]);
  });

  it('reports YAML syntax errors with their line', () => {
    expect(problemsOf('sources:\n  - name: a\n   kind: [\n')[0]).toMatch(/^sources\.yaml:\d+:\d+: /);
  });

  it('checks type-specific options', () => {
    const problems = problemsOf('sources:\n  - { name: j, kind: traces, type: jaeger, url: http://j, options: { api: v9 } }\n');
    expect(problems).toEqual([expect.stringMatching(/sources\[0\]\.options\.api: /)]);
  });

  it('reads Tempo and Elasticsearch sources with their options, secrets from the environment', () => {
    const f = parseProvisioning(
      `sources:
  - name: elk
    kind: logs
    type: elasticsearch
    url: https://es:9200
    auth: { type: basic, user: reader, password: "\${ES_PASSWORD}" }
    options: { index: "filebeat-*,logs-*", traceIdField: traceId, labelFields: [service.name, host.name], pageSize: 1000 }
  - name: tempo-eu
    kind: traces
    type: tempo
    url: http://tempo:3200
    tenant: team-a
    options: { api: v2 }
`,
      'sources.yaml',
      { ES_PASSWORD: 'pw' },
    );
    expect(f.sources[0]).toMatchObject({ type: 'elasticsearch', auth: { type: 'basic', user: 'reader', password: 'pw' }, options: { index: 'filebeat-*,logs-*', traceIdField: 'traceId', pageSize: 1000 } });
    expect(f.sources[1]).toMatchObject({ type: 'tempo', tenant: 'team-a', options: { api: 'v2' } });
  });

  it('names the file, line and field of bad Tempo and Elasticsearch settings', () => {
    const text = `sources:
  - name: elk
    kind: logs
    type: elasticsearch
    url: https://es:9200
    tenant: team-a
    options:
      index: ../_cluster
      traceIdField: "trace id"
      pageSize: 50000
      shards: 3
  - name: tempo
    kind: logs
    type: tempo
    url: http://tempo:3200
    options: { api: v3 }
`;
    expect(problemsOf(text)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^sources\.yaml:6:\d+: sources\[0\]\.tenant: Elasticsearch has no tenant header/),
        expect.stringMatching(/^sources\.yaml:8:\d+: sources\[0\]\.options\.index: must be index names or patterns/),
        expect.stringMatching(/^sources\.yaml:9:\d+: sources\[0\]\.options\.traceIdField: must be a field name/),
        expect.stringMatching(/^sources\.yaml:10:\d+: sources\[0\]\.options\.pageSize: /),
        expect.stringMatching(/^sources\.yaml:8:\d+: sources\[0\]\.options: .*shards/), // the block mapping starts at its first key
        expect.stringMatching(/^sources\.yaml:13:\d+: sources\[1\]\.kind: type tempo serves traces, not logs/),
        expect.stringMatching(/^sources\.yaml:16:\d+: sources\[1\]\.options\.api: /),
      ]),
    );
  });
});

describe('the README example', () => {
  it('is a valid provisioning file', async () => {
    const { readFileSync } = await import('node:fs');
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const block = /### Several sources of each kind[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBeTruthy();
    const f = parseProvisioning(block!, 'README.md', { PROM_EU_PASSWORD: 'p', LOKI_EU_TOKEN: 't', LOKI_US_KEY: 'k', ES_PASSWORD: 'e' });
    expect(f.sources.map((s) => s.name)).toEqual(['prom-eu', 'loki-eu', 'loki-us', 'elk', 'jaeger', 'tempo-eu']);
  });
});
