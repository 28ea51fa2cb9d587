import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config';

const fileWith = (text: string): string => {
  const path = join(mkdtempSync(join(tmpdir(), 'tri-prov-')), 'sources.yaml');
  writeFileSync(path, text);
  return path;
};

const TWO_LOKIS = `sources:
  - { name: prom, kind: metrics, type: prometheus, url: "http://prom:9090/" }
  - { name: loki-eu, kind: logs, type: loki, url: "http://loki-eu:3100", tenant: eu, auth: { type: bearer, token: "\${EU_TOKEN}" } }
  - { name: loki-us, kind: logs, type: loki, url: "http://loki-us:3100", serviceLabel: app }
`;

describe('sources from TRIANGULATE_CONFIG', () => {
  it('lists every named source and makes the first of each kind the default', () => {
    const cfg = parseConfig({ TRIANGULATE_CONFIG: fileWith(TWO_LOKIS), EU_TOKEN: 't0k' });
    expect(cfg.demo).toBe(false);
    expect(cfg.namedSources.map((s) => [s.label, s.name])).toEqual([
      ['prom', 'prometheus'],
      ['loki-eu', 'loki'],
      ['loki-us', 'loki'],
    ]);
    expect(cfg.sources.loki).toMatchObject({ label: 'loki-eu', baseUrl: 'http://loki-eu:3100', tenant: 'eu', auth: { type: 'bearer', token: 't0k' } });
    expect(cfg.sources.prometheus?.baseUrl).toBe('http://prom:9090');
    expect(cfg.sources.jaeger).toBeNull();
  });

  it('stops start-up on a bad file, naming the file, line and field', () => {
    const path = fileWith(TWO_LOKIS.replace('tenant: eu', 'tenant: ""'));
    expect(() => parseConfig({ TRIANGULATE_CONFIG: path, EU_TOKEN: 'x' })).toThrow(ConfigError);
    expect(() => parseConfig({ TRIANGULATE_CONFIG: path, EU_TOKEN: 'x' })).toThrow(new RegExp(`${path}:3:\\d+: sources\\[1\\]\\.tenant: `));
  });

  it('stops start-up on a secret whose variable is not set, naming it', () => {
    expect(() => parseConfig({ TRIANGULATE_CONFIG: fileWith(TWO_LOKIS) })).toThrow(/environment variable EU_TOKEN is not set/);
  });

  it('refuses a missing file and *_URL variables next to the file', () => {
    expect(() => parseConfig({ TRIANGULATE_CONFIG: '/nonexistent/sources.yaml' })).toThrow(/\/nonexistent\/sources\.yaml: cannot be read \(ENOENT\)/);
    expect(() => parseConfig({ TRIANGULATE_CONFIG: fileWith(TWO_LOKIS), EU_TOKEN: 'x', LOKI_URL: 'http://l' })).toThrow(/LOKI_URL: not used when TRIANGULATE_CONFIG is set/);
  });

  it('keeps the *_URL variables as one source per kind, named after the backend', () => {
    const cfg = parseConfig({ LOKI_URL: 'http://loki:3100', LOKI_TENANT: 't', JAEGER_URL: 'http://j', JAEGER_API: 'v1' });
    expect(cfg.namedSources.map((s) => [s.label, s.type, s.tenant, s.options])).toEqual([
      ['loki', 'loki', 't', {}],
      ['jaeger', 'jaeger', null, { api: 'v1' }],
    ]);
  });
});
