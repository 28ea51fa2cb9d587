import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A Prometheus + Loki + Jaeger (v1) stand-in whose every string a team's telemetry could
 * carry is hostile: XSS payloads, bidi and zero-width characters, ANSI escapes, and 1 MB
 * lines, in log lines, stream labels, metric labels, span names, service names and tags.
 * Wire formats: docs of the real APIs (the app's lib/sources parsers accept them).
 */

export const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
export const XSS = [
  '<img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=1</script>',
  '"><svg onload=window.__pwned=1>',
  'javascript:window.__pwned=1',
  "{{constructor.constructor('window.__pwned=1')()}}",
  '<a href="javascript:window.__pwned=1">click</a>',
];
export const BIDI = 'user\u202Egnp.exe\u202C \u2066isolate\u2069 zero\u200Bwidth\u200D\uFEFFjoin';
export const ANSI = '\u001b[31mRED\u001b[0m \u001b]0;owned-title\u0007 \u001b[2J';
export const MEGA = `start-${'A'.repeat(1 << 20)}-end`;
export const LONG_TOKEN = 'x'.repeat(10_000);

const hostile = (i: number) => `${XSS[i % XSS.length]} ${BIDI} ${ANSI}`;

function trace(nowUs: number) {
  const spans = Array.from({ length: 6 }, (_, i) => ({
    traceID: TRACE_ID,
    spanID: (i + 1).toString(16).padStart(16, '0'),
    operationName: i === 5 ? LONG_TOKEN : hostile(i),
    references: i === 0 ? [] : [{ refType: 'CHILD_OF', traceID: TRACE_ID, spanID: '0000000000000001' }],
    startTime: nowUs - 60_000_000 + i * 1000,
    duration: 5_000 - i * 100,
    tags: [
      { key: 'error', type: 'bool', value: i === 2 },
      { key: hostile(i + 1), type: 'string', value: i === 3 ? MEGA : hostile(i + 2) },
      { key: 'http.url', type: 'string', value: XSS[3] },
    ],
    logs: [{ timestamp: nowUs - 60_000_000 + i * 1000, fields: [{ key: 'event', type: 'string', value: hostile(i + 3) }] }],
    processID: i % 2 ? 'p2' : 'p1',
    warnings: null,
  }));
  return { traceID: TRACE_ID, spans, processes: { p1: { serviceName: hostile(0), tags: [{ key: 'host', type: 'string', value: BIDI }] }, p2: { serviceName: 'checkout', tags: [] } }, warnings: null };
}

function streams(nowMs: number) {
  const ns = (ms: number) => `${BigInt(ms) * 1_000_000n}`;
  const lines = [...XSS, BIDI, ANSI, MEGA, LONG_TOKEN].map((text, i) => [ns(nowMs - 30_000 - i * 1000), `level=error trace_id=${TRACE_ID} msg=${JSON.stringify(text)}`]);
  return [
    { stream: { service_name: hostile(1), level: 'error', [`label_${'z'.repeat(20)}`]: BIDI }, values: lines.slice(0, 5) },
    { stream: { service_name: 'checkout', detected_level: XSS[0] }, values: lines.slice(5) },
  ];
}

function matrix(nowMs: number) {
  const points = Array.from({ length: 30 }, (_, i) => [(nowMs - (30 - i) * 60_000) / 1000, String(i % 7)]);
  return [
    { metric: { __name__: 'http_requests_total', service: hostile(0), route: LONG_TOKEN, job: XSS[1] }, values: points },
    { metric: { __name__: 'http_requests_total', service: 'checkout', route: BIDI, job: ANSI }, values: points },
  ];
}

function answer(url: URL): unknown {
  const nowMs = Date.now();
  const p = url.pathname;
  if (p.startsWith('/api/traces/')) return { data: [trace(nowMs * 1000)] };
  if (p === '/api/traces') return { data: [trace(nowMs * 1000)] };
  if (p === '/api/services') return { data: [hostile(0), 'checkout'] };
  if (p === '/api/operations' || p === '/api/dependencies') return { data: [] };
  if (p === '/loki/api/v1/query_range' || p === '/loki/api/v1/query') return { status: 'success', data: { resultType: 'streams', result: streams(nowMs), stats: {} } };
  if (p === '/loki/api/v1/status/buildinfo' || p === '/api/v1/status/buildinfo') return { status: 'success', data: { version: '3.0.0' }, version: '3.0.0' };
  if (p.startsWith('/loki/')) return { status: 'success', data: [] };
  if (p === '/api/v1/query_range') return { status: 'success', data: { resultType: 'matrix', result: matrix(nowMs) } };
  if (p === '/api/v1/query') return { status: 'success', data: { resultType: 'vector', result: matrix(nowMs).map((s) => ({ metric: s.metric, value: s.values.at(-1) })) } };
  if (p === '/api/v1/metadata') return { status: 'success', data: { http_requests_total: [{ type: 'counter', help: XSS[0], unit: '' }] } };
  if (p === '/api/v1/series') return { status: 'success', data: matrix(nowMs).map((s) => s.metric) };
  if (p.startsWith('/api/v1/')) return { status: 'success', data: [] };
  return null;
}

export async function startHostileBackends(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const body = answer(new URL(req.url ?? '/', 'http://fixture'));
    res.writeHead(body === null ? 404 : 200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body ?? { error: 'not found' }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}
