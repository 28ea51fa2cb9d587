import { EMPTY_DATA, EMPTY_STREAMS, TRACE_NOT_FOUND, jaegerV1Basics, serveFixtures, type FixtureAnswer, type FixtureRequest } from './fixture-http';
import { generateJaegerTrace, jaegerTracesBody, lokiStreamsBody, type GeneratedTrace } from './payloads';

/**
 * Backends for the browser benchmark on one server (fixture-http.ts):
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
  const answer = ({ prefix, path, url }: FixtureRequest): FixtureAnswer => {
    if (prefix === 'jaeger') {
      const basic = jaegerV1Basics(path);
      if (basic) return basic;
      const m = /^\/api\/traces\/([0-9a-f]+)$/.exec(path);
      const t = m ? traces.get(m[1]) : undefined;
      return t ? [200, t.body] : TRACE_NOT_FOUND;
    }
    if (prefix === 'loki') {
      if (path === '/loki/api/v1/labels') return [200, JSON.stringify({ status: 'success', data: ['cluster', 'env', 'service_name'] })];
      if (path === '/loki/api/v1/query_range') {
        const query = url.searchParams.get('query') ?? '';
        for (const [id, t] of traces) if (query.includes(id.replace(/^0+/, ''))) return [200, t.logs];
        return [200, EMPTY_STREAMS];
      }
      return [200, EMPTY_DATA];
    }
    if (prefix === 'prom') return [200, PROM_EMPTY[path] ?? EMPTY_DATA];
    return [404, '{}'];
  };
  const { base, hits, close } = await serveFixtures(answer, (r) => r.prefix);
  return {
    jaegerUrl: `${base}/jaeger`,
    lokiUrl: `${base}/loki`,
    prometheusUrl: `${base}/prom`,
    traceIds,
    hits,
    close,
  };
}
