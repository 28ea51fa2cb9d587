import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Resolve } from '../net/egress-connect';
import { makeEgressPolicy, type EgressPolicy } from '../net/egress-policy';
import { composeDigest } from './compose';
import { DEFAULT_RETRY, sendToChannel, withRetry, type ChannelDeps } from './deliver';
import { renderDigest } from './render';
import { GC_STORM, scanResponse } from './test-fixtures';
import type { StoredChannel } from './types';

/**
 * Done-when of issue 14, "Egress": a digest to 127.0.0.1, 169.254.169.254, 10.0.0.1, a
 * DNS name resolving to a private address, and a redirect to one is refused and sends
 * nothing. DNS is a stub; the only sockets opened are to this test's 127.0.0.1 servers.
 */

const t0 = Date.parse('2026-11-23T01:00:00Z');
const rendered = renderDigest(
  composeDigest({ schedule: { id: 's1', name: 'Egress' }, window: { fromMs: t0 - 3_600_000, toMs: t0 }, response: scanResponse([GC_STORM], t0 - 3_600_000, t0), filters: {}, previous: null, nowMs: t0, publicUrl: 'https://t.example' }),
);

let hits: string[] = [];
let receiver: Server;
let redirector: Server;
let port = 0;
let redirectPort = 0;

const listen = (s: Server) => new Promise<number>((resolve) => s.listen(0, '127.0.0.1', () => resolve((s.address() as AddressInfo).port)));

beforeAll(async () => {
  receiver = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    req.resume();
    res.end('ok');
  });
  redirector = createServer((req, res) => {
    hits.push(`redirector ${req.url}`);
    req.resume();
    res.writeHead(307, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
  });
  port = await listen(receiver);
  redirectPort = await listen(redirector);
});
afterAll(() => {
  receiver.close();
  redirector.close();
});

function deps(egress: EgressPolicy, resolve: Resolve): ChannelDeps {
  return { mail: null, webhookSecret: () => 'signing-key-1', egress, resolve, timeoutMs: 2_000 };
}

async function deliver(channel: StoredChannel, d: ChannelDeps) {
  hits = [];
  return withRetry(() => sendToChannel(channel, rendered, { id: 'run-1:0', scheduleId: 's1' }, d), DEFAULT_RETRY, async () => {});
}

const DEFAULT_POLICY = makeEgressPolicy({});
const noDns: Resolve = async (h) => {
  throw new Error(`no DNS lookup expected for ${h}`);
};

describe('digest egress (refused, nothing sent)', () => {
  it.each([
    ['loopback 127.0.0.1', `http://127.0.0.1:PORT/hook`],
    ['loopback [::1]', `http://[::1]:PORT/hook`],
    ['cloud metadata 169.254.169.254', 'http://169.254.169.254/latest/meta-data/'],
    ['private 10.0.0.1', 'http://10.0.0.1:8080/hook'],
    ['IPv4-mapped ::ffff:127.0.0.1', `http://[::ffff:127.0.0.1]:PORT/hook`],
  ])('to %s', async (_name, raw) => {
    const out = await deliver({ type: 'webhook', url: raw.replace('PORT', String(port)) }, deps(DEFAULT_POLICY, noDns));
    expect(out.ok).toBe(false);
    expect(out).toMatchObject({ attempts: 1, error: expect.stringMatching(/^delivery refused: a private, loopback or link-local address$/) });
    expect(hits).toEqual([]);
  });

  it('to a DNS name that resolves to a private address (any of its addresses)', async () => {
    const lookups: string[] = [];
    const resolve: Resolve = async (h) => {
      lookups.push(h);
      return [
        { address: '93.184.215.14', family: 4 },
        { address: '10.1.2.3', family: 4 },
      ];
    };
    const out = await deliver({ type: 'webhook', url: 'https://hooks.internal.example/in' }, deps(DEFAULT_POLICY, resolve));
    expect(out).toMatchObject({ ok: false, attempts: 1, error: 'delivery refused: host hooks.internal.example resolves to a private, loopback or link-local address' });
    expect(lookups).toEqual(['hooks.internal.example']);
  });

  it('through a redirect to one: the redirect is not followed', async () => {
    // The redirector itself is allowed (listed), its Location is the metadata address.
    const policy = makeEgressPolicy({ allow: ['127.0.0.1/32'] });
    const out = await deliver({ type: 'webhook', url: `http://127.0.0.1:${redirectPort}/hook` }, deps(policy, noDns));
    expect(out).toMatchObject({ ok: false, attempts: 1, error: 'delivery failed (HTTP 307: redirects are not followed)' });
    expect(hits).toEqual(['redirector /hook']);
  });

  it('a Slack channel must be on Slack, a webhook on a listed host once hosts are listed', async () => {
    const slack = await deliver({ type: 'slack', url: `http://127.0.0.1:${port}/services/T/B/x` }, deps(makeEgressPolicy({ allow: ['127.0.0.1'] }), noDns));
    expect(slack).toMatchObject({ ok: false, error: 'delivery refused: a Slack webhook URL must use https' });
    const strict = makeEgressPolicy({ allow: ['hooks.partner.example'] });
    const other = await deliver({ type: 'webhook', url: 'https://evil.example/x' }, deps(strict, noDns));
    expect(other).toMatchObject({ ok: false, error: 'delivery refused: host evil.example is not in DIGEST_EGRESS_ALLOW' });
    expect(hits).toEqual([]);
  });

  it('e-mail recipients outside the allowed domains are refused before SMTP is contacted', async () => {
    const out = await deliver({ type: 'email', to: ['oncall@example.com', 'x@attacker.example'] }, { ...deps(makeEgressPolicy({ mailDomains: ['example.com'] }), noDns), mail: { url: 'smtp://u:p@127.0.0.1:1', from: 'a@example.com' } });
    expect(out).toMatchObject({ ok: false, attempts: 1, error: expect.stringContaining('x@attacker.example outside the allowed mail domains') });
  });
});

describe('digest egress (allowed)', () => {
  it('connects to the address it checked, with one DNS lookup (no rebinding window)', async () => {
    let lookups = 0;
    // A rebinding resolver: the first answer is the allowed address, every later one a denied one.
    const rebinding: Resolve = async () => [{ address: lookups++ === 0 ? '127.0.0.1' : '10.9.9.9', family: 4 }];
    const policy = makeEgressPolicy({ allow: ['127.0.0.1/32'] });
    const out = await deliver({ type: 'webhook', url: `http://receiver.test:${port}/hook` }, deps(policy, rebinding));
    expect(out).toEqual({ ok: true, attempts: 1 });
    expect(lookups).toBe(1);
    expect(hits).toEqual(['POST /hook']);
  });

  it('a 5xx answer is reported as its status only, never the body or the address', async () => {
    const failing = createServer((req, res) => {
      req.resume();
      res.writeHead(503).end('internal detail: db at 10.0.3.7:5432 is down');
    });
    const p = await listen(failing);
    try {
      const out = await withRetry(
        () => sendToChannel({ type: 'webhook', url: `http://127.0.0.1:${p}/x` }, rendered, { id: 'r:0', scheduleId: 's1' }, deps(makeEgressPolicy({ allow: ['127.0.0.1'] }), noDns)),
        { attempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
        async () => {},
      );
      expect(out).toEqual({ ok: false, attempts: 2, error: 'gave up after 2 attempts: delivery failed (HTTP 503)' });
    } finally {
      failing.close();
    }
  });

  it('a refused connection names no address or port', async () => {
    const closed = createServer();
    const p = await listen(closed);
    closed.close();
    const out = await deliver({ type: 'webhook', url: `http://127.0.0.1:${p}/x` }, deps(makeEgressPolicy({ allow: ['127.0.0.1'] }), noDns));
    expect(out.ok).toBe(false);
    expect(out).toMatchObject({ error: 'gave up after 4 attempts: delivery failed (connection refused)' });
  });
});
