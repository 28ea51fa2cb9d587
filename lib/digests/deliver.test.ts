import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DeliveryError } from './channels/http-post';
import { parseConfig } from '../config';
import { backoffMs, channelDepsFromConfig, channelTarget, withRetry } from './deliver';
import { signBody, verifySignature } from './signature';

const policy = { attempts: 4, baseDelayMs: 100, maxDelayMs: 250 };

describe('retry with backoff', () => {
  it('retries a transient failure with growing, capped delays and reports the attempts', async () => {
    const slept: number[] = [];
    let calls = 0;
    const out = await withRetry(
      async () => {
        calls += 1;
        if (calls < 3) throw new DeliveryError('HTTP 503', true);
      },
      policy,
      async (ms) => void slept.push(ms),
    );
    expect(out).toEqual({ ok: true, attempts: 3 });
    expect(slept).toEqual([100, 200]);
    expect(backoffMs(policy, 3)).toBe(250);
  });
  it('gives up after the bounded number of attempts with the last reason', async () => {
    const out = await withRetry(async () => Promise.reject(new DeliveryError('HTTP 502: bad gateway', true)), policy, async () => {});
    expect(out).toEqual({ ok: false, attempts: 4, error: 'gave up after 4 attempts: HTTP 502: bad gateway' });
  });
  it('does not retry an answer a retry cannot fix', async () => {
    let calls = 0;
    const out = await withRetry(
      async () => {
        calls += 1;
        throw new DeliveryError('HTTP 404', false);
      },
      policy,
      async () => {},
    );
    expect(calls).toBe(1);
    expect(out).toEqual({ ok: false, attempts: 1, error: 'HTTP 404' });
  });
});

describe('webhook signature', () => {
  const now = Date.parse('2026-11-23T08:00:00Z');
  it('is t=<seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>"> (the timestamp is inside the MAC)', () => {
    const t = Math.floor(now / 1000);
    // RFC 4231 test case 2 over the signed payload "<t>.<body>", computed independently with node:crypto.
    const expected = createHmac('sha256', 'Jefe').update(`${t}.what do ya want for nothing?`).digest('hex');
    expect(signBody('Jefe', 'what do ya want for nothing?', now)).toBe(`t=${t},v1=${expected}`);
  });
  it('verifies only the same body with the same key inside the replay window', () => {
    const header = signBody('s3cret-key', '{"a":1}', now);
    expect(verifySignature('s3cret-key', '{"a":1}', header, now + 60_000)).toBe(true);
    expect(verifySignature('s3cret-key', '{"a":2}', header, now)).toBe(false);
    expect(verifySignature('other-key', '{"a":1}', header, now)).toBe(false);
    expect(verifySignature('s3cret-key', '{"a":1}', null, now)).toBe(false);
  });
  it('refuses a replay after the window and a timestamp moved to look fresh', () => {
    const header = signBody('s3cret-key', '{"a":1}', now);
    expect(verifySignature('s3cret-key', '{"a":1}', header, now + 301_000)).toBe(false);
    const moved = header.replace(/t=\d+/, `t=${Math.floor(now / 1000) + 400}`);
    expect(verifySignature('s3cret-key', '{"a":1}', moved, now + 400_000)).toBe(false);
  });
});

describe('channel configuration from the parsed environment', () => {
  it('takes SMTP from SMTP_URL and webhook keys from DIGEST_SECRET_<ref>, only for schedules bound to the ref', () => {
    const deps = channelDepsFromConfig(parseConfig({ SMTP_URL: 'smtp://u:p@127.0.0.1:2525', DIGEST_SECRET_OPS: ' k3y-from-env ', DIGEST_SECRET_BINDINGS: 'OPS=sched-a sched-b' }).digests);
    expect(deps.mail).toEqual({ url: 'smtp://u:p@127.0.0.1:2525', from: 'Triangulate <triangulate@localhost>' });
    expect(deps.webhookSecret({ type: 'webhook', url: 'https://h', secretRef: 'OPS' }, 'sched-a')).toBe('k3y-from-env');
    expect(deps.webhookSecret({ type: 'webhook', url: 'https://h', secretRef: 'OPS' }, 'sched-evil')).toBeNull();
    expect(deps.webhookSecret({ type: 'webhook', url: 'https://h', secret: 'stored-secret', secretRef: 'OPS' }, 'sched-x')).toBe('stored-secret');
    expect(deps.webhookSecret({ type: 'webhook', url: 'https://h', secretRef: 'NONE' }, 'sched-a')).toBeNull();
    expect(deps.webhookSecret({ type: 'webhook', url: 'https://h', secretRef: 'constructor' }, 'sched-a')).toBeNull();
    expect(channelDepsFromConfig(parseConfig({}).digests).mail).toBeNull();
  });
  it('signs with an unbound secretRef for nobody', () => {
    const deps = channelDepsFromConfig(parseConfig({ DIGEST_SECRET_OPS: 'k3y-from-env' }).digests);
    expect(deps.webhookSecret({ type: 'webhook', url: 'https://h', secretRef: 'OPS' }, 'any')).toBeNull();
  });
  it('shows where a channel goes without query strings or the Slack token', () => {
    expect(channelTarget({ type: 'webhook', url: 'https://hooks.example/in/x?token=abc' })).toBe('https://hooks.example/in/x');
    expect(channelTarget({ type: 'slack', url: 'https://hooks.slack.com/services/T0/B0/XYZ' })).toBe('https://hooks.slack.com/…');
  });
});
