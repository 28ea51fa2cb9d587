/** Fake backends for the trace investigation's tests (correlated.test.ts, stream.test.ts). */
import type { LogLine, Span, Trace } from '../../model/types';
import { BASE_MS, T, sid, span as spanAt } from '../../correlate/test-helpers';
import type { JaegerClient, LokiClient, PrometheusClient } from '../../sources/types';

// One span builder for all tests: lib/correlate/test-helpers.ts.
export const span = (id: number, parent: number | null, service: string, startMs: number, durMs: number): Span =>
  spanAt(id, parent, startMs, durMs, { service, kind: 'server', status: 'ok' });

export const TRACE: Trace = {
  traceId: T,
  warnings: [],
  spans: [span(1, null, 'checkout', 0, 100), span(2, 1, 'payments', 10, 50), span(3, 99, 'payments', 70, 10)],
};

export const line = (ms: number, text: string, meta: Record<string, string> = {}): LogLine => ({
  tsNs: `${BigInt(BASE_MS + ms) * 1_000_000n}`,
  line: text,
  stream: { service_name: 'payments' },
  structuredMetadata: meta,
  parsed: {},
});

const fail = (kind: string, message: string) => async () => {
  throw Object.assign(new Error(message), { kind, source: 'x' });
};

export function jaeger(trace: Trace | null | 'down'): JaegerClient {
  return { getTrace: trace === 'down' ? fail('unreachable', 'connect ECONNREFUSED') : async () => trace } as unknown as JaegerClient;
}
export function loki(lines: LogLine[] | 'down'): LokiClient {
  return {
    labels: async () => ['service_name', 'level'],
    queryRange: lines === 'down' ? fail('timeout', 'timed out after 15000 ms') : async () => ({ lines, truncated: false, warnings: [], categorized: true }),
  } as unknown as LokiClient;
}
export const prom = {
  exemplars: async () => [
    { seriesLabels: { __name__: 'http_request_duration_seconds_bucket', service_name: 'payments' }, labels: { trace_id: T }, traceId: T, spanId: sid(2), value: 0.05, tsMs: BASE_MS + 20 },
  ],
  metadata: async () => ({}),
  series: async () => [{ __name__: 'http_requests_total', service_name: 'payments', code: '200' }],
  queryRange: async () => ({ resultType: 'matrix', series: [{ name: 'x', labels: { service_name: 'payments' }, points: [[BASE_MS, 1], [BASE_MS + 15_000, Number.NaN]] }], warnings: [], infos: [] }),
} as unknown as PrometheusClient;

export const range = { fromMs: BASE_MS - 3_600_000, toMs: BASE_MS + 3_600_000 };
