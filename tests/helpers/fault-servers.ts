import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleJaegerRequest } from '@/demo/jaeger';
import { handleLokiRequest } from '@/demo/loki';
import type { SourceName } from '@/lib/model/types';

/**
 * Fake backends on 127.0.0.1 for the fault matrix (docs/reliability.md): healthy, they
 * answer like the demo (Loki and Jaeger with the demo incident's data, so the scan reaches
 * every source) or with empty Prometheus results; or they misbehave on demand.
 */

export const FAULTS = ['refused', 'hang past timeout', '500', '429 + Retry-After', 'truncated JSON', 'wrong shape', '200 MB body', 'slow drip'] as const;
export type Fault = (typeof FAULTS)[number];

/** The demo incident started 20 minutes before this process did: inside a 30-minute scan. */
const ANCHOR_MS = Math.floor((Date.now() - 20 * 60_000) / 60_000) * 60_000;

function healthy(source: SourceName, url: URL): { status: number; contentType: string; body: string } {
  const path = url.pathname;
  if (source !== 'prometheus') {
    const handle = source === 'loki' ? handleLokiRequest : handleJaegerRequest;
    const r = handle({ path, params: url.searchParams, headers: {} }, { anchorMs: ANCHOR_MS, nowMs: Date.now() });
    return { status: r.status, contentType: r.contentType, body: r.body };
  }
  return { status: 200, contentType: 'application/json', body: JSON.stringify(emptyPrometheus(path)) };
}

function emptyPrometheus(path: string): unknown {
  if (path.endsWith('/query_range')) return { status: 'success', data: { resultType: 'matrix', result: [] } };
  if (path.endsWith('/query')) return { status: 'success', data: { resultType: 'vector', result: [] } };
  if (path.endsWith('/metadata')) return { status: 'success', data: {} };
  return { status: 'success', data: [] };
}

const MB = 1024 * 1024;

function misbehave(fault: Fault, res: ServerResponse): void {
  switch (fault) {
    case 'hang past timeout':
      return; // never answers
    case '500':
      res.writeHead(500, { 'content-type': 'text/plain' }).end('internal error at 10.0.3.7:9090');
      return;
    case '429 + Retry-After':
      res.writeHead(429, { 'content-type': 'text/plain', 'retry-after': '1' }).end('too many requests');
      return;
    case 'truncated JSON': {
      const body = '{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"a":"b"},"values":[[1,"1"';
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
      return;
    }
    case 'wrong shape':
      res.writeHead(200, { 'content-type': 'application/json' }).end('[{"status":42,"data":"not-a-list","result":7}]');
      return;
    case '200 MB body': {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(MB, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < 200 && !res.destroyed) {
          sent += 1;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        if (!res.destroyed) res.end();
      };
      res.on('close', () => (sent = 200));
      pump();
      return;
    }
    case 'slow drip': {
      res.writeHead(200, { 'content-type': 'application/json' });
      const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write(' ')), 100);
      res.on('close', () => clearInterval(timer));
      return;
    }
    case 'refused':
      return; // not reached: the URL points at a closed port
  }
}

export interface FaultServer {
  url: string;
  /** null: healthy. */
  fault: Fault | null;
  requests: number;
  close(): Promise<void>;
}

export async function startFaultServer(source: SourceName): Promise<FaultServer> {
  const state: FaultServer = { url: '', fault: null, requests: 0, close: async () => undefined };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    state.requests += 1;
    req.resume();
    if (state.fault) return misbehave(state.fault, res);
    const out = healthy(source, new URL(req.url ?? '/', 'http://127.0.0.1'));
    res.writeHead(out.status, { 'content-type': out.contentType }).end(out.body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () => {
    server.closeAllConnections();
    return new Promise((r) => server.close(() => r()));
  };
  return state;
}

/** A port nothing listens on (bound, then closed). */
export async function closedPortUrl(): Promise<string> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(() => r(undefined)));
  return `http://127.0.0.1:${port}`;
}
