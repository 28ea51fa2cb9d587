import { createServer, type Server } from 'node:http';
import { SERVICES, generateJaegerTrace, jaegerTracesBody, lokiStreamsBody, type GeneratedTrace } from './payloads';

/**
 * Backends for the browser benchmark on one node:http server (127.0.0.1, free port):
 * a Jaeger v1 API under /jaeger serving big generated traces, a Loki under /loki with a
 * few hundred lines per trace, and a Prometheus under /prom that has no data.
 */

export interface FixtureServer {
  jaegerUrl: string;
  lokiUrl: string;
  prometheusUrl: string;
  /** Trace id of each generated trace, by span count. */
  traceIds: Record<number, string>;
  /** Requests served, by path prefix, for the report. */
  hits: Record<string, number>;
  close(): Promise<void>;
}

const EMPTY_MATRIX = JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [] } });
const PROM_EMPTY: Record<string, string> = {
  '/api/v1/query_range': EMPTY_MATRIX,
  '/api/v1/query': JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [] } }),
  '/api/v1/series': JSON.stringify({ status: 'success', data: [] }),
  '/api/v1/labels': JSON.stringify({ status: 'success', data: [] }),
  '/api/v1/metadata': JSON.stringify({ status: 'success', data: {} }),
  '/api/v1/query_exemplars': JSON.stringify({ status: 'success', data: [] }),
  '/api/v1/status/buildinfo': JSON.stringify({ status: 'success', data: { version: '3.0.0' } }),
};

export async function startFixtureServer(spanCounts: number[], nowMs: number, logLines = 300): Promise<FixtureServer> {
  const traces = new Map<string, { body: string; logs: string }>();
  const traceIds: Record<number, string> = {};
  spanCounts.forEach((n, i) => {
    const t: GeneratedTrace = generateJaegerTrace(n, 100 + i, nowMs - 10 * 60_000);
    traces.set(t.traceId, { body: jaegerTracesBody(t), logs: lokiStreamsBody(t, logLines, 200 + i) });
    traceIds[n] = t.traceId;
  });
  const emptyStreams = JSON.stringify({ status: 'success', data: { resultType: 'streams', encodingFlags: ['categorize-labels'], result: [] } });
  const hits: Record<string, number> = {};

  const server: Server = createServer((req, res) => {
    req.resume(); // form bodies (Prometheus POSTs) are not needed: every answer is empty
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const [, prefix, ...rest] = url.pathname.split('/');
    const path = `/${rest.join('/')}`;
    hits[prefix] = (hits[prefix] ?? 0) + 1;
    const send = (status: number, body: string) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(body);
    };
    if (prefix === 'jaeger') {
      if (path.startsWith('/api/v3/')) return send(404, '404 page not found\n');
      if (path === '/api/services') return send(200, JSON.stringify({ data: SERVICES, total: SERVICES.length, errors: null }));
      const m = /^\/api\/traces\/([0-9a-f]+)$/.exec(path);
      const t = m ? traces.get(m[1]) : undefined;
      if (t) return send(200, t.body);
      return send(404, JSON.stringify({ data: null, errors: [{ code: 404, msg: 'trace not found' }] }));
    }
    if (prefix === 'loki') {
      if (path === '/loki/api/v1/labels') return send(200, JSON.stringify({ status: 'success', data: ['cluster', 'env', 'service_name'] }));
      if (path === '/loki/api/v1/query_range') {
        const query = url.searchParams.get('query') ?? '';
        for (const [id, t] of traces) if (query.includes(id.replace(/^0+/, ''))) return send(200, t.logs);
        return send(200, emptyStreams);
      }
      return send(200, JSON.stringify({ status: 'success', data: [] }));
    }
    if (prefix === 'prom') return send(200, PROM_EMPTY[path] ?? JSON.stringify({ status: 'success', data: [] }));
    return send(404, '{}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    jaegerUrl: `${base}/jaeger`,
    lokiUrl: `${base}/loki`,
    prometheusUrl: `${base}/prom`,
    traceIds,
    hits,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
