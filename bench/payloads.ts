/**
 * Deterministic backend payloads for the benchmarks, in the documented wire shapes
 * (the READMEs in lib/sources/{prometheus,loki,jaeger}): a Jaeger v1 `{data:[trace]}` (§4.3), a Loki streams response with
 * `categorize-labels` (§3.3), a Prometheus matrix (§1.6) and query_exemplars. Same seed,
 * same bytes: runs on different days compare like with like.
 */

/** mulberry32, the demo's seeded generator: small, fast, good enough for synthetic data. */
import { rng as prng } from '../demo/scenario/random';

const hex = (rng: () => number, digits: number) => {
  let s = '';
  for (let i = 0; i < digits; i++) s += Math.floor(rng() * 16).toString(16);
  return s;
};
const pick = <T>(rng: () => number, list: readonly T[]): T => list[Math.floor(rng() * list.length)];

export const SERVICES = [
  'frontend', 'api-gateway', 'checkout', 'payment-gateway', 'risk-engine', 'order-service',
  'inventory', 'shipping', 'user-service', 'catalog', 'pricing', 'notification',
] as const;
const OPERATIONS = ['GET /api/orders', 'POST /api/checkout', 'authorize', 'SELECT orders', 'redis GET', 'publish order.created', 'score', 'grpc.Reserve', 'render', 'http.client'];
const MAX_DEPTH = 14;

export interface GeneratedSpan {
  spanId: string;
  service: string;
  startUs: number;
  durationUs: number;
}

export interface GeneratedTrace {
  traceId: string;
  /** The Jaeger v1 trace object (one element of `data`). */
  trace: Record<string, unknown>;
  spans: GeneratedSpan[];
  startUs: number;
  endUs: number;
}

/** A Jaeger v1 trace of `n` spans: 12 services, depth up to 14, 6–9 tags, some span logs and errors. */
export function generateJaegerTrace(n: number, seed: number, startMs: number): GeneratedTrace {
  const rng = prng(seed);
  const traceId = hex(rng, 32);
  const rootUs = startMs * 1000;
  const rootDur = 8_000_000;
  const meta: (GeneratedSpan & { depth: number; parent: number })[] = [];
  const spans: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) {
    let parent = -1;
    if (i > 0) {
      parent = Math.max(0, i - 1 - Math.floor(rng() * Math.min(i, 40)));
      while (meta[parent].depth >= MAX_DEPTH) parent = meta[parent].parent;
    }
    const p = parent >= 0 ? meta[parent] : null;
    const startUs = p ? p.startUs + Math.floor(rng() * p.durationUs * 0.6) : rootUs;
    const durationUs = p ? Math.max(5, Math.floor(p.durationUs * (0.05 + rng() * 0.35))) : rootDur;
    const svcIndex = p && rng() < 0.7 ? SERVICES.indexOf(p.service as (typeof SERVICES)[number]) : Math.floor(rng() * SERVICES.length);
    const service = SERVICES[svcIndex];
    const spanId = hex(rng, 16);
    const isError = rng() < 0.02;
    const kind = pick(rng, ['server', 'client', 'internal', 'producer']);
    const tags: Record<string, unknown>[] = [
      { key: 'span.kind', type: 'string', value: kind },
      { key: 'component', type: 'string', value: pick(rng, ['net/http', 'grpc', 'database/sql', 'kafka']) },
      { key: 'http.method', type: 'string', value: pick(rng, ['GET', 'POST', 'PUT']) },
      { key: 'http.url', type: 'string', value: `http://${service}:8080/api/v1/items/${Math.floor(rng() * 1e6)}?expand=true` },
      { key: 'http.status_code', type: 'int64', value: isError ? 500 : 200 },
      { key: 'peer.service', type: 'string', value: pick(rng, SERVICES) },
      { key: 'internal.span.format', type: 'string', value: 'proto' },
    ];
    if (rng() < 0.3) tags.push({ key: 'db.statement', type: 'string', value: 'SELECT id, status, total FROM orders WHERE customer_id = $1 AND created_at > $2 LIMIT 50' });
    if (isError) tags.push({ key: 'error', type: 'bool', value: true }, { key: 'otel.status_code', type: 'string', value: 'ERROR' });
    const logs = rng() < 0.1
      ? [{ timestamp: startUs + Math.floor(durationUs / 2), fields: [{ key: 'event', type: 'string', value: isError ? 'exception' : 'cache miss' }, { key: 'message', type: 'string', value: 'retrying with backoff 25ms' }] }]
      : [];
    spans.push({
      traceID: traceId,
      spanID: spanId,
      operationName: pick(rng, OPERATIONS),
      references: p ? [{ refType: 'CHILD_OF', traceID: traceId, spanID: p.spanId }] : [],
      startTime: startUs,
      duration: durationUs,
      tags,
      logs,
      processID: `p${svcIndex + 1}`,
      warnings: null,
    });
    meta.push({ spanId, service, startUs, durationUs, depth: p ? p.depth + 1 : 0, parent });
  }
  const processes: Record<string, unknown> = {};
  SERVICES.forEach((s, i) => {
    processes[`p${i + 1}`] = {
      serviceName: s,
      tags: [
        { key: 'hostname', type: 'string', value: `${s}-7d9f8b-${i}` },
        { key: 'ip', type: 'string', value: `10.0.${i}.17` },
        { key: 'jaeger.version', type: 'string', value: 'Go-2.30.0' },
      ],
    };
  });
  return {
    traceId,
    trace: { traceID: traceId, spans, processes, warnings: null },
    spans: meta.map(({ spanId, service, startUs, durationUs }) => ({ spanId, service, startUs, durationUs })),
    startUs: rootUs,
    endUs: rootUs + rootDur,
  };
}

export const jaegerTracesBody = (t: GeneratedTrace): string => JSON.stringify({ data: [t.trace], total: 0, limit: 0, offset: 0, errors: null });

/** Loki lines of this trace: 70 % carry trace_id/span_id as structured metadata, 30 % only a logfmt trace_id. */
export function lokiStreamsBody(t: GeneratedTrace, lines: number, seed: number): string {
  const rng = prng(seed);
  const byService = new Map<string, [string, string, Record<string, unknown>][]>();
  for (let i = 0; i < lines; i++) {
    const s = t.spans[Math.floor(rng() * t.spans.length)];
    const tsUs = s.startUs + Math.floor(rng() * s.durationUs);
    const tsNs = `${tsUs}${String(Math.floor(rng() * 1000)).padStart(3, '0')}`;
    const level = rng() < 0.05 ? 'error' : 'info';
    const entry: [string, string, Record<string, unknown>] =
      rng() < 0.7
        ? [tsNs, `{"level":"${level}","msg":"processed item","item":${i},"latency_ms":${Math.floor(rng() * 400)}}`, { structuredMetadata: { trace_id: t.traceId, span_id: s.spanId }, parsed: { level } }]
        : [tsNs, `level=${level} msg="handled request" trace_id=${t.traceId} path=/api/v1/items/${i} duration=${Math.floor(rng() * 900)}ms`, {}];
    const list = byService.get(s.service) ?? [];
    list.push(entry);
    byService.set(s.service, list);
  }
  const result = [...byService].map(([service, values]) => ({
    stream: { service_name: service, env: 'prod', cluster: 'eu-west-1' },
    values: values.sort((a, b) => (a[0].length - b[0].length) || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)),
  }));
  return JSON.stringify({ status: 'success', data: { resultType: 'streams', encodingFlags: ['categorize-labels'], result, stats: { summary: { execTime: 0.02, totalEntriesReturned: lines } } } });
}

const METRICS = ['http_server_requests_seconds_count', 'go_gc_duration_seconds_count', 'process_resident_memory_bytes', 'go_goroutines', 'http_request_duration_seconds_bucket'];

/** A query_range matrix: `series` series of `points` samples, 15 s apart, ending at `endMs`; a few NaN. */
export function prometheusMatrixBody(series: number, points: number, seed: number, endMs: number): string {
  const rng = prng(seed);
  const startSec = Math.floor(endMs / 1000) - (points - 1) * 15;
  const result = [];
  for (let i = 0; i < series; i++) {
    const metric = { __name__: METRICS[i % METRICS.length], service_name: SERVICES[i % SERVICES.length], instance: `10.0.${i % 12}.17:9100`, job: 'kubernetes-pods', le: String(0.005 * (1 + (i % 10))) };
    let v = rng() * 1000;
    const values: [number, string][] = [];
    for (let k = 0; k < points; k++) {
      v += rng() * 10;
      values.push([startSec + k * 15 + 0.25, rng() < 0.002 ? 'NaN' : v.toFixed(3)]);
    }
    result.push({ metric, values });
  }
  return JSON.stringify({ status: 'success', data: { resultType: 'matrix', result } });
}

/** query_exemplars: `count` exemplars over 20 bucket series, half of them pointing into the trace. */
export function exemplarsBody(t: GeneratedTrace, count: number, seed: number): string {
  const rng = prng(seed);
  const groups = Array.from({ length: 20 }, (_, g) => ({
    seriesLabels: { __name__: 'http_request_duration_seconds_bucket', service_name: SERVICES[g % SERVICES.length], le: '0.5' },
    exemplars: [] as { labels: Record<string, string>; value: string; timestamp: number }[],
  }));
  for (let i = 0; i < count; i++) {
    const s = t.spans[Math.floor(rng() * t.spans.length)];
    const own = rng() < 0.5;
    groups[i % groups.length].exemplars.push({
      labels: { trace_id: own ? t.traceId : hex(rng, 32), span_id: own ? s.spanId : hex(rng, 16) },
      value: (rng() * 2).toFixed(4),
      timestamp: s.startUs / 1e6,
    });
  }
  return JSON.stringify({ status: 'success', data: groups });
}
