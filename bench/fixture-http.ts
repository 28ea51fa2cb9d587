import { createServer, type Server } from 'node:http';
import { SERVICES } from './payloads';

/**
 * The bench's fake backends on one node:http server (127.0.0.1, free port): a request to
 * /<prefix>/<path> (jaeger, loki, prom) is answered as JSON by the fixture's `answer`. The
 * answers every fixture shares are here: a Jaeger v1 without the v3 API, its service list,
 * an empty Loki stream answer.
 */

export interface FixtureRequest {
  prefix: string;
  /** The path below the prefix, e.g. /api/traces. */
  path: string;
  url: URL;
}
export type FixtureAnswer = [status: number, body: string];

export interface RunningFixture {
  /** http://127.0.0.1:port; each backend is at `${base}/${prefix}`. */
  base: string;
  /** Requests served, counted by the fixture's `hitKey`, for the report. */
  hits: Record<string, number>;
  close(): Promise<void>;
}

export const EMPTY_STREAMS = JSON.stringify({ status: 'success', data: { resultType: 'streams', encodingFlags: ['categorize-labels'], result: [] } });
export const EMPTY_DATA = JSON.stringify({ status: 'success', data: [] });
export const TRACE_NOT_FOUND: FixtureAnswer = [404, JSON.stringify({ data: null, errors: [{ code: 404, msg: 'trace not found' }] })];

/** A Jaeger v1: the v3 API is absent (so the client settles on v1) and it knows the bench's services; null for anything else. */
export function jaegerV1Basics(path: string): FixtureAnswer | null {
  if (path.startsWith('/api/v3/')) return [404, '404 page not found\n'];
  if (path === '/api/services') return [200, JSON.stringify({ data: SERVICES, total: SERVICES.length, errors: null })];
  return null;
}

export async function serveFixtures(answer: (req: FixtureRequest) => FixtureAnswer, hitKey: (req: FixtureRequest) => string): Promise<RunningFixture> {
  const hits: Record<string, number> = {};
  const server: Server = createServer((req, res) => {
    req.resume(); // request bodies (Prometheus form POSTs) are never needed
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const [, prefix, ...rest] = url.pathname.split('/');
    const request = { prefix, path: `/${rest.join('/')}`, url };
    const key = hitKey(request);
    hits[key] = (hits[key] ?? 0) + 1;
    const [status, body] = answer(request);
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    base: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    hits,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
