import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { NextRequest } from 'next/server';
import { proxy } from '@/proxy';
import type { AppRoute, Method } from './routes';

/**
 * A real HTTP server that does what `scripts/serve.mjs` + Next.js do with a request, minus
 * pages: stamp the TCP peer, run proxy.ts, and hand what it lets through to the route
 * handler found on disk. Paths in `fakes` answer fixed JSON instead of their handler (the
 * backends behind them are not the point), but only after proxy.ts let the caller in, so
 * they still show who may reach them. Snapshot capture's loopback requests come back here.
 */

export interface AppServer {
  url: string;
  port: number;
  /** Every request proxy.ts let through to a handler or fake: `METHOD path as <user id | anonymous>`. */
  passed: string[];
  close: () => Promise<void>;
}

const patternRegex = (pattern: string) =>
  new RegExp(`^${pattern.replace(/\[\.\.\.\w+\]/g, '.+').replace(/\[\w+\]/g, '[^/]+')}$`);

function paramsOf(pattern: string, pathname: string): Record<string, string | string[]> {
  const names = pattern.split('/');
  const values = pathname.split('/');
  const out: Record<string, string | string[]> = {};
  names.forEach((seg, i) => {
    const catchAll = /^\[\.\.\.(\w+)\]$/.exec(seg);
    if (catchAll) out[catchAll[1]] = values.slice(i).map(decodeURIComponent);
    else if (/^\[\w+\]$/.test(seg)) out[seg.slice(1, -1)] = decodeURIComponent(values[i]);
  });
  return out;
}

const readBody = (req: http.IncomingMessage) =>
  new Promise<Buffer>((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
  });

async function writeResponse(res: http.ServerResponse, answer: Response): Promise<void> {
  res.statusCode = answer.status;
  answer.headers.forEach((v, k) => {
    if (!k.startsWith('x-middleware-')) res.setHeader(k, v);
  });
  res.end(Buffer.from(await answer.arrayBuffer()));
}

export async function startAppServer(routes: AppRoute[], fakes: Record<string, (url: URL) => unknown> = {}): Promise<AppServer> {
  const byPattern = routes.map((r) => ({ route: r, re: patternRegex(r.pattern) })).sort((a, b) => b.route.pattern.length - a.route.pattern.length);
  const server = http.createServer();
  const app: AppServer = { url: '', port: 0, passed: [], close: () => new Promise<void>((r) => server.close(() => r())) };
  server.on('request', async (req, res) => {
    try {
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
      headers.set('x-triangulate-peer', req.socket.remoteAddress ?? '');
      const method = (req.method ?? 'GET') as Method;
      const body = method === 'GET' ? undefined : new Uint8Array(await readBody(req));
      const url = new URL(req.url ?? '/', app.url);
      const verdict = proxy(new NextRequest(url, { method, headers, body }));
      if (verdict.headers.get('x-middleware-next') !== '1') return await writeResponse(res, verdict);
      const forwarded = new Headers();
      for (const name of (verdict.headers.get('x-middleware-override-headers') ?? '').split(',').filter(Boolean)) {
        const value = verdict.headers.get(`x-middleware-request-${name}`);
        if (value !== null) forwarded.set(name, value);
      }
      const user = forwarded.get('x-triangulate-user');
      app.passed.push(`${method} ${url.pathname} as ${user ? (JSON.parse(Buffer.from(user, 'base64url').toString()) as { id: string }).id : 'anonymous'}`);
      const fake = Object.entries(fakes).find(([prefix]) => url.pathname.startsWith(prefix));
      if (fake) return await writeResponse(res, Response.json(fake[1](url)));
      const match = byPattern.find((r) => r.re.test(url.pathname));
      const handler = match?.route.handlers[method];
      if (!match || !handler) return await writeResponse(res, Response.json({ error: { code: 'not_found', message: 'no such route here' } }, { status: 404 }));
      const answer = await handler(new Request(url, { method, headers: forwarded, body }), { params: Promise.resolve(paramsOf(match.route.pattern, url.pathname)) });
      await writeResponse(res, answer);
    } catch (err) {
      res.statusCode = 500;
      res.end(String(err));
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  app.port = (server.address() as AddressInfo).port;
  app.url = `http://127.0.0.1:${app.port}`;
  return app;
}
