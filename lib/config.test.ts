import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, publicSourceInfo } from './config';

describe('parseConfig', () => {
  it('is in demo mode when no source is configured, with no demo source until `npm run demo` starts them', () => {
    const cfg = parseConfig({});
    expect(cfg.demo).toBe(true);
    expect(cfg.sources).toEqual({ prometheus: null, loki: null, jaeger: null });
    expect(cfg.databaseUrl).toBe('file:./data/triangulate.db');
    expect(cfg.port).toBe(3000);
  });

  it('uses the demo Prometheus and the demo process that the demo script started', () => {
    const cfg = parseConfig({ DEMO_PROMETHEUS_URL: 'http://127.0.0.1:9091/', DEMO_LOKI_URL: 'http://127.0.0.1:9092/loki', DEMO_JAEGER_URL: 'http://127.0.0.1:9092/jaeger/' });
    expect(cfg.sources.prometheus).toMatchObject({ baseUrl: 'http://127.0.0.1:9091', demo: true });
    expect(cfg.sources.loki).toMatchObject({ baseUrl: 'http://127.0.0.1:9092/loki', demo: true, auth: null });
    expect(cfg.sources.jaeger).toMatchObject({ baseUrl: 'http://127.0.0.1:9092/jaeger', demo: true });
  });

  it('ignores the demo sources once any real source is configured', () => {
    const cfg = parseConfig({ LOKI_URL: 'http://loki:3100', DEMO_JAEGER_URL: 'http://127.0.0.1:9092/jaeger' });
    expect(cfg.demo).toBe(false);
    expect(cfg.sources.jaeger).toBeNull();
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
    expect(cfg.sources.prometheus).toMatchObject({
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

describe('parseConfig: digests', () => {
  it('defaults to no SMTP, the default sender, no env secrets and the runner on', () => {
    expect(parseConfig({}).digests).toEqual({
      smtpUrl: null,
      mailFrom: 'Triangulate <triangulate@localhost>',
      secrets: {},
      graceMs: null,
      tickMs: null,
      runner: true,
      secretBindings: {},
      // Private addresses closed, any public host, Slack on Slack, mail to the sender's own domain.
      egress: { hosts: [], cidrs: [], slackHosts: ['hooks.slack.com'], mailDomains: ['localhost'] },
      maxSchedules: 100,
      retentionDays: 30,
      keyring: { current: null, byId: new Map() },
    });
  });

  it('reads the egress allow-list, Slack hosts, mail domains and secret bindings', () => {
    const d = parseConfig({
      DIGEST_EGRESS_ALLOW: '10.20.0.0/16, hooks.partner.example *.corp.example',
      DIGEST_SLACK_HOSTS: 'hooks.slack.com,chat.corp.example',
      DIGEST_MAIL_DOMAINS: 'example.com ops.example.org',
      DIGEST_SECRET_OPS: 'k3y-from-env',
      DIGEST_SECRET_BINDINGS: 'OPS=sched-a sched-b; TEAM=sched-c',
    }).digests;
    expect(d.egress).toEqual({ hosts: ['hooks.partner.example', '*.corp.example'], cidrs: ['10.20.0.0/16'], slackHosts: ['hooks.slack.com', 'chat.corp.example'], mailDomains: ['example.com', 'ops.example.org'] });
    expect(d.secretBindings).toEqual({ OPS: ['sched-a', 'sched-b'], TEAM: ['sched-c'] });
    expect(d.secrets).toEqual({ OPS: 'k3y-from-env' });
  });

  it('checks SNAPSHOT_MAX_BYTES at start-up', () => {
    expect(parseConfig({ SNAPSHOT_MAX_BYTES: '1048576' }).snapshotMaxBytes).toBe(1_048_576);
    expect(() => parseConfig({ SNAPSHOT_MAX_BYTES: '20MB' })).toThrow(/SNAPSHOT_MAX_BYTES/);
  });

  it('reads SMTP, sender, timings, DIGEST_RUNNER=off and collects DIGEST_SECRET_<REF> by REF', () => {
    const d = parseConfig({
      SMTP_URL: 'smtps://mailer:pw@mail.example:465',
      DIGEST_MAIL_FROM: ' Ops <ops@example.com> ',
      DIGEST_GRACE_MS: '600000',
      DIGEST_TICK_MS: '5000',
      DIGEST_RUNNER: 'off',
      DIGEST_SECRET_OPS: ' k3y-from-env ',
      DIGEST_SECRET_TEAM_2: 'another-long-key',
      DIGEST_SECRET_EMPTY: '',
    }).digests;
    expect(d).toEqual({
      smtpUrl: 'smtps://mailer:pw@mail.example:465',
      mailFrom: 'Ops <ops@example.com>',
      secrets: { OPS: 'k3y-from-env', TEAM_2: 'another-long-key' },
      graceMs: 600_000,
      tickMs: 5_000,
      runner: false,
      secretBindings: {},
      egress: { hosts: [], cidrs: [], slackHosts: ['hooks.slack.com'], mailDomains: ['example.com'] },
      maxSchedules: 100,
      retentionDays: 30,
      keyring: { current: null, byId: new Map() },
    });
    expect(parseConfig({ SMTP_URL: 'smtp://127.0.0.1:2525' }).digests.smtpUrl).toBe('smtp://127.0.0.1:2525');
  });

  it.each([
    ['SMTP_URL', 'http://mail.example'],
    ['SMTP_URL', 'mail.example:25'],
    ['SMTP_URL', 'smtp://'],
    ['DIGEST_GRACE_MS', '-5'],
    ['DIGEST_GRACE_MS', 'an hour'],
    ['DIGEST_TICK_MS', '10'],
    ['DIGEST_RUNNER', 'maybe'],
    ['DIGEST_SECRET_ops', 'lower-case-ref-key'],
    ['DIGEST_SECRET_OPS', 'short'],
    ['DIGEST_EGRESS_ALLOW', 'http://not-a-host/'],
    ['DIGEST_SECRET_BINDINGS', 'lower=x'],
    ['DIGEST_MAX_SCHEDULES', '0'],
  ])('rejects %s=%s with a message naming the variable', (name, value) => {
    expect(() => parseConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => parseConfig({ [name]: value })).toThrow(new RegExp(name));
  });

  it('lists every bad variable at once, source and digest ones alike', () => {
    expect(() => parseConfig({ PORT: 'abc', DIGEST_SECRET_X: 'short' })).toThrow(/PORT[\s\S]*DIGEST_SECRET_X/);
  });
});

describe('parseConfig: detection', () => {
  it('defaults to every counter and the built-in HTTP and gRPC RED families', () => {
    const cfg = parseConfig({});
    expect(cfg.detection.counterFilter).toEqual({ include: [], exclude: [] });
    expect(cfg.detection.redFamilies.map((f) => f.requests)).toContain('grpc_server_handled_total');
  });

  it('reads counter patterns and extra RED families', () => {
    const cfg = parseConfig({
      COUNTER_SCAN_EXCLUDE: 'debug_.*, .*_bucket',
      RED_FAMILIES: '[{"requests":"shop_calls_total","errorLabel":"outcome","errorValues":"fail|timeout","latency":"shop_call_seconds_bucket"}]',
    });
    expect(cfg.detection.counterFilter.exclude.map((r) => r.test('debug_x_total'))).toEqual([true, false]);
    expect(cfg.detection.redFamilies.at(-1)).toEqual({ requests: 'shop_calls_total', errorLabel: 'outcome', errorValues: 'fail|timeout', latency: 'shop_call_seconds_bucket' });
  });

  it('names the variable of a bad pattern or family', () => {
    expect(() => parseConfig({ COUNTER_SCAN_INCLUDE: '(' })).toThrow(/COUNTER_SCAN_INCLUDE: "\(" is not a valid regular expression/);
    expect(() => parseConfig({ RED_FAMILIES: 'not json' })).toThrow(/RED_FAMILIES: must be a JSON array/);
    expect(() => parseConfig({ RED_FAMILIES: '[{"requests":"bad name","errorLabel":"x","errorValues":"y"}]' })).toThrow(/RED_FAMILIES\[0.requests\]: must be a metric name/);
  });
});
