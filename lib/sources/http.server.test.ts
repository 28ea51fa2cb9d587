import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SourceError } from './errors';
import { createTransport } from './http';
import { sourceConfig } from './test-helpers';

/** The transport against a real local HTTP server: real sockets, real timers. */

let server: Server;
let base = '';
let flakyHits = 0;
const seenAuth: (string | undefined)[] = [];

function route(req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? '/', 'http://x');
  seenAuth.push(req.headers.authorization);
  switch (url.pathname) {
    case '/ok':
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ hello: 'world', q: url.searchParams.get('q') }));
      return;
    case '/moved':
      res.writeHead(302, { location: '/ok' }).end();
      return;
    case '/hang':
      return; // never answers
    case '/slow-body':
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"partial":');
      return; // body never finishes
    case '/big': {
      res.writeHead(200, { 'content-type': 'text/plain' }); // chunked: no content-length to trust
      const chunk = 'y'.repeat(64 * 1024);
      let sent = 0;
      const push = () => {
        while (sent < 64 && res.write(chunk)) sent++;
        if (sent < 64) res.once('drain', push);
        else res.end();
      };
      push();
      return;
    }
    case '/flaky':
      flakyHits += 1;
      if (flakyHits === 1) res.writeHead(503, { 'retry-after': '0.05', 'content-type': 'text/plain' }).end('warming up');
      else res.writeHead(200, { 'content-type': 'application/json' }).end('{"attempt":2}');
      return;
    default:
      res.writeHead(404).end('404 page not found');
  }
}

beforeAll(async () => {
  server = createServer(route);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

async function kindOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    expect(e).toBeInstanceOf(SourceError);
    return (e as SourceError).kind;
  }
}

describe('transport against a real HTTP server', () => {
  it('returns JSON and sends the configured bearer token', async () => {
    const t = createTransport(sourceConfig('loki', { baseUrl: base, auth: { type: 'bearer', token: 'abc' } }));
    await expect(t.getJson('/ok', { q: 'a b&c' })).resolves.toEqual({ hello: 'world', q: 'a b&c' });
    expect(seenAuth.at(-1)).toBe('Bearer abc');
  });

  it('does not follow a redirect when credentials are configured, but does without them', async () => {
    const withAuth = createTransport(sourceConfig('prometheus', { baseUrl: base, auth: { type: 'basic', user: 'u', password: 'p' } }));
    const err = await withAuth.getJson('/moved').catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'http', status: 302 });
    const anonymous = createTransport(sourceConfig('prometheus', { baseUrl: base }));
    await expect(anonymous.getJson('/moved')).resolves.toMatchObject({ hello: 'world' });
  });

  it('times out a backend that never answers', async () => {
    const t = createTransport(sourceConfig('prometheus', { baseUrl: base, timeoutMs: 150 }));
    const started = Date.now();
    expect(await kindOf(t.getJson('/hang'))).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('times out a body that stops half-way', async () => {
    const t = createTransport(sourceConfig('prometheus', { baseUrl: base, timeoutMs: 150 }));
    expect(await kindOf(t.getJson('/slow-body'))).toBe('timeout');
  });

  it('stops reading a body past the size cap', async () => {
    const t = createTransport(sourceConfig('loki', { baseUrl: base }), {}, { maxBytes: 1024 * 1024 });
    expect(await kindOf(t.getText('/big'))).toBe('too_large');
  });

  it('reports connection refused as unreachable', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const t = createTransport(sourceConfig('jaeger', { baseUrl: `http://127.0.0.1:${port}` }), {}, { maxRetries: 1, retryBaseMs: 10 });
    expect(await kindOf(t.getJson('/api/services'))).toBe('unreachable');
  });

  it('honours Retry-After on a 503 and succeeds on the retry', async () => {
    const t = createTransport(sourceConfig('jaeger', { baseUrl: base }));
    await expect(t.getJson('/flaky')).resolves.toEqual({ attempt: 2 });
    expect(flakyHits).toBe(2);
  });

  it('stops a backend query when the caller aborts (a closed browser tab)', async () => {
    const t = createTransport(sourceConfig('loki', { baseUrl: base, timeoutMs: 5_000 }));
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(), 50);
    expect(await kindOf(t.getJson('/hang', {}, { signal: ctl.signal }))).toBe('canceled');
  });
});
