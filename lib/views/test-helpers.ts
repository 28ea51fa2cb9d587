import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real HTTP server answering the app's own API paths a snapshot captures, with fixed
 * bodies, so snapshot tests observe real loopback requests. `failEverything` makes every
 * request answer 503, like an app whose backends are gone.
 */
export interface FakeApp {
  url: string;
  port: number;
  failEverything: boolean;
  requests: string[];
  correlatedBody: (traceId: string) => unknown;
  close: () => Promise<void>;
}

const correlatedBody = (traceId: string) => ({
  traceId,
  trace: {
    spans: [{ spanId: '00f067aa0ba902b7', parentSpanId: null, service: 'api-gateway', operation: 'POST /checkout', start: '2026-11-23T11:30:00.000Z', durationMs: 412.5, status: 'error', tags: {}, warnings: [] }],
    rootSpanIds: ['00f067aa0ba902b7'],
    orphanSpanIds: [],
  },
  logs: [{ ts: '2026-11-23T11:30:00.100Z', tsNs: '1763897400100000000', line: 'level=error msg="<b>upstream</b> 502"', labels: { service: 'api-gateway' }, service: 'api-gateway', traceId, spanId: '00f067aa0ba902b7', joinedBy: 'span_id' }],
  metrics: [],
  exemplars: [],
  anomalies: [],
  sources: { prometheus: { status: 'ok', ms: 3 }, loki: { status: 'ok', ms: 4 }, jaeger: { status: 'ok', ms: 5 } },
});

export async function startFakeApp(): Promise<FakeApp> {
  const app: FakeApp = { url: '', port: 0, failEverything: false, requests: [], correlatedBody, close: async () => {} };
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    app.requests.push(url);
    res.setHeader('content-type', 'application/json');
    const send = (status: number, body: unknown) => {
      res.statusCode = status;
      res.end(JSON.stringify(body));
    };
    if (app.failEverything) return send(503, { error: { code: 'source_unreachable', message: 'jaeger: connection refused' } });
    const m = /^\/api\/v1\/traces\/([^/]+)\/correlated/.exec(url);
    if (m) return send(200, correlatedBody(decodeURIComponent(m[1])));
    if (url.startsWith('/api/v1/anomalies')) return send(200, { anomalies: [], sources: {} });
    return send(404, { error: { code: 'not_found', message: 'not found' } });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  app.port = (server.address() as AddressInfo).port;
  app.url = `http://127.0.0.1:${app.port}`;
  app.close = () => new Promise<void>((r) => server.close(() => r()));
  return app;
}
