import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { DemoBackend } from './http';
import { jaegerBackend } from './jaeger';
import { lokiBackend } from './loki';
import { metricsBackend } from './metrics';
import { tempoBackend } from './tempo';
import { elasticsearchBackend } from './elasticsearch';
import { createDemoRouter, type DemoRouter, type RawRequest } from './router';

/**
 * The demo process's HTTP server (node:http, no framework): every request goes through the
 * router to one backend module. `npm run demo` runs it as its own process (demo/main.ts);
 * tests and the bench start it in theirs.
 */

/** What the demo serves: one module per emulated backend; `--stack` picks which the app reads (scripts/run-demo.ts). */
export const DEMO_BACKENDS: readonly DemoBackend[] = [lokiBackend, jaegerBackend, tempoBackend, elasticsearchBackend, metricsBackend];

/** Largest request body read: Loki's form-encoded queries are small. */
const MAX_BODY_BYTES = 1024 * 1024;

export interface DemoServerOptions {
  anchorMs: number;
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  backends?: readonly DemoBackend[];
  seed?: number;
  /** The demo's clock (tests fix it so two scans see the same traces). */
  now?: () => number;
}

export interface RunningDemo {
  /** e.g. http://127.0.0.1:4201 */
  url: string;
  /** host:port, what Prometheus scrapes. */
  hostPort: string;
  lokiUrl: string;
  jaegerUrl: string;
  router: DemoRouter;
  close(): Promise<void>;
}

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function toRawRequest(req: IncomingMessage): Promise<RawRequest> {
  const url = new URL(req.url ?? '/', 'http://demo.invalid');
  const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v]));
  const body = req.method === 'POST' ? await readBody(req) : '';
  return { method: req.method ?? 'GET', pathname: url.pathname, query: url.searchParams, headers, body };
}

export async function startDemoServer(opts: DemoServerOptions): Promise<RunningDemo> {
  const host = opts.host ?? '127.0.0.1';
  const router = createDemoRouter({ backends: opts.backends ?? DEMO_BACKENDS, anchorMs: opts.anchorMs, seed: opts.seed, now: opts.now });
  const server: Server = createServer((req, res) => {
    req.on('error', () => {}); // a client that hangs up mid-body is not a server fault
    toRawRequest(req)
      .then((raw) => router.handle(raw))
      .catch((e: unknown) => (e instanceof BodyTooLarge ? { status: 413, contentType: 'text/plain', body: 'request body too large' } : { status: 500, contentType: 'text/plain', body: 'internal error' }))
      .then((out) => {
        res.writeHead(out.status, { 'content-type': out.contentType, 'cache-control': 'no-store' });
        res.end(out.body);
      });
  });
  // Node closes an idle keep-alive socket after 5 s; a client that reuses it at that moment
  // (a test's request context between two steps) gets ECONNRESET. Idle sockets live longer
  // than any client's own pause here; headersTimeout must exceed keepAliveTimeout.
  server.keepAliveTimeout = 120_000;
  server.headersTimeout = 121_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  const hostPort = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  const url = `http://${hostPort}`;
  return {
    url,
    hostPort,
    lokiUrl: `${url}${lokiBackend.mount}`,
    jaegerUrl: `${url}${jaegerBackend.mount}`,
    router,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
