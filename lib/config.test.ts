import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, publicSourceInfo } from './config';

describe('parseConfig', () => {
  it('serves the demo incident when no source is configured', () => {
    const cfg = parseConfig({});
    expect(cfg.demo).toBe(true);
    expect(cfg.sources.loki?.baseUrl).toBe('http://127.0.0.1:3000/demo/loki');
    expect(cfg.sources.jaeger?.baseUrl).toBe('http://127.0.0.1:3000/demo/jaeger');
    expect(cfg.sources.prometheus).toBeNull(); // until `npm run demo` starts a real one
    expect(cfg.databaseUrl).toBe('file:./data/triangulate.db');
    expect(cfg.port).toBe(3000);
  });

  it('uses the demo Prometheus the demo script started', () => {
    const cfg = parseConfig({ DEMO_PROMETHEUS_URL: 'http://127.0.0.1:9091/' });
    expect(cfg.sources.prometheus).toMatchObject({ baseUrl: 'http://127.0.0.1:9091', demo: true });
  });

  it('configures real sources with auth, trailing slashes removed', () => {
    const cfg = parseConfig({
      PROMETHEUS_URL: 'https://prom.example.com/',
      PROMETHEUS_AUTH: 'basic:alice:s3:cr3t',
      LOKI_URL: 'http://loki:3100',
      LOKI_AUTH: 'bearer:tok',
      PORT: '8080',
    });
    expect(cfg.demo).toBe(false);
    expect(cfg.sources.prometheus).toEqual({
      name: 'prometheus',
      baseUrl: 'https://prom.example.com',
      auth: { type: 'basic', user: 'alice', password: 's3:cr3t' },
      timeoutMs: 15_000,
      demo: false,
    });
    expect(cfg.sources.loki?.auth).toEqual({ type: 'bearer', token: 'tok' });
    expect(cfg.sources.jaeger).toBeNull(); // not_configured, not demo
    expect(cfg.port).toBe(8080);
  });

  it('treats empty strings as unset', () => {
    expect(parseConfig({ PROMETHEUS_URL: '', PORT: '' }).demo).toBe(true);
  });

  it.each([
    ['PROMETHEUS_URL', 'not a url'],
    ['LOKI_URL', 'ftp://loki'],
    ['JAEGER_AUTH', 'token-without-scheme'],
    ['PORT', '70000'],
    ['PORT', 'abc'],
    ['DATABASE_URL', 'mysql://x'],
    ['JAEGER_API', 'v2'],
    ['LOKI_TIMEOUT_MS', '0'],
  ])('rejects %s=%s with a message naming the variable', (name, value) => {
    expect(() => parseConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => parseConfig({ [name]: value })).toThrow(new RegExp(name));
  });

  it('never exposes URLs or secrets to the browser', () => {
    const info = publicSourceInfo(parseConfig({ PROMETHEUS_URL: 'http://u:p@prom:9090', PROMETHEUS_AUTH: 'bearer:secret' }));
    expect(JSON.stringify(info)).not.toMatch(/secret|prom:9090/);
    expect(info.prometheus).toEqual({ configured: true, demo: false });
  });
});
