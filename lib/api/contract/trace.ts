/**
 * The trace page's answers (docs/api.md, "Investigation"): `GET /api/v1/traces/{id}`
 * (the trace alone, spans as columns) and `GET /api/v1/traces/{id}/correlated`.
 */
import { z } from 'zod';
import { anomaly } from './anomaly';
import { allSources, labels, range, sourceReport, timestamp } from './common';

export const tagValue = z.union([z.string(), z.number(), z.boolean()]);
export type TagValue = z.infer<typeof tagValue>;
export const tags = z.record(z.string(), tagValue);

export const SPAN_STATUSES = ['ok', 'error', 'unset'] as const;
export const spanStatus = z.enum(SPAN_STATUSES);
export type SpanStatus = z.infer<typeof spanStatus>;
export const SPAN_KINDS = ['server', 'client', 'producer', 'consumer', 'internal', 'unspecified'] as const;
export const spanKind = z.enum(SPAN_KINDS);
export type SpanKind = z.infer<typeof spanKind>;

export const apiSpanEvent = z.object({ ts: timestamp, name: z.string().optional(), fields: tags });
export type ApiSpanEvent = z.infer<typeof apiSpanEvent>;

export const apiSpan = z
  .object({
    spanId: z.string(),
    /** The resolved parent; for an orphan, the id it references that is not in the trace. */
    parentSpanId: z.string().nullable(),
    service: z.string(),
    operation: z.string(),
    start: timestamp,
    durationMs: z.number(),
    status: spanStatus,
    tags,
    warnings: z.array(z.string()),
    // Additive fields.
    /** Unique row key: the span id, or `<spanId>_<n>` for the n-th duplicate. */
    key: z.string(),
    startUs: z.number(),
    depth: z.number().int(),
    kind: spanKind,
    parentLink: z.enum(['CHILD_OF', 'FOLLOWS_FROM']).nullable(),
    /** Absent when the span has no events. */
    events: z.array(apiSpanEvent).optional(),
    /** Key into `ApiTrace.processes` for the span's process tags; absent when it has none. */
    process: z.string().optional(),
    // Present (true) only when set, to keep the per-span payload small.
    critical: z.literal(true).optional(),
    orphan: z.literal(true).optional(),
    duplicate: z.literal(true).optional(),
    /** Emitted by a mesh sidecar (Envoy/Istio): shown as a mesh hop (lib/correlate/mesh.ts). */
    meshHop: z.literal(true).optional(),
    /** Why this span has no parent in the trace (set by the investigation from the orphan finding). */
    orphanReason: z.string().optional(),
  })
  .meta({ id: 'Span' });
export type ApiSpan = z.infer<typeof apiSpan>;

export const apiProcess = z.object({ service: z.string(), tags });
export type ApiProcess = z.infer<typeof apiProcess>;

/** Every trace field except the spans, shared by the full trace and the waterfall's columns. */
const traceFields = {
  rootSpanIds: z.array(z.string()),
  orphanSpanIds: z.array(z.string()),
  // Additive fields.
  duplicateSpanIds: z.array(z.string()),
  warnings: z.array(z.string()),
  start: timestamp,
  durationMs: z.number(),
  /**
   * Process tags (host, instance, SDK …) once per distinct process instead of on every
   * span; spans reference them by `process`. A service's colour is in `services`.
   */
  processes: z.record(z.string(), apiProcess),
  /** Services in the trace with their colour and counts (set by the investigation). */
  services: z.array(z.object({ name: z.string(), color: z.string(), spanCount: z.number().int(), errorCount: z.number().int() })).optional(),
};

export const apiTrace = z.object({ spans: z.array(apiSpan), ...traceFields }).meta({ id: 'Trace' });
export type ApiTrace = z.infer<typeof apiTrace>;

const rowMap = <T extends z.ZodType>(value: T) => z.record(z.string().regex(/^\d+$/), value);

/**
 * A column of 50,000 values is checked in one tight loop: a zod array of element schemas
 * costs about as much as JSON.parse itself, which the waterfall's first paint cannot afford.
 */
function column<T>(isValue: (v: unknown) => v is T, items: Record<string, unknown>, what: string) {
  return z
    .custom<T[]>((v) => {
      if (!Array.isArray(v)) return false;
      for (let i = 0; i < v.length; i++) if (!isValue(v[i])) return false;
      return true;
    }, `must be an array of ${what}`)
    .meta({ type: 'array', items });
}
const isInt = (v: unknown): v is number => Number.isInteger(v);
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const intColumn = () => column(isInt, { type: 'integer' }, 'integers');
const numberColumn = () => column(isNumber, { type: 'number' }, 'numbers');
const stringColumn = () => column(isString, { type: 'string' }, 'strings');

/**
 * The waterfall's spans as columns (lib/correlate/span-columns.ts): one array per field,
 * repeated strings once in `strings`, the parent as a row index. No tags or events.
 */
export const spanColumns = z
  .object({
    /** Distinct services, operations and process keys, referenced by index. */
    strings: stringColumn(),
    spanId: stringColumn(),
    /** Row of the span whose id is this span's parentSpanId; -1 for none; -2: see parentIds. */
    parent: intColumn(),
    /** parentSpanId of rows whose parent is not a span of the trace (orphans). */
    parentIds: rowMap(z.string()),
    service: intColumn(),
    operation: intColumn(),
    /** Index into strings of the span's process key; -1 when it has none. */
    process: intColumn(),
    /** startUs − baseUs. */
    startUs: numberColumn(),
    baseUs: z.number(),
    durationMs: numberColumn(),
    depth: intColumn(),
    /** status, kind, parent link and the critical/orphan/duplicate/mesh-hop marks, packed (span-columns.ts FLAG). */
    flags: intColumn(),
    /** Row keys that differ from the span id (duplicates). */
    keys: rowMap(z.string()),
    warnings: rowMap(z.array(z.string())),
  })
  .meta({ id: 'SpanColumns' });
/** JSON object keys are strings; the encoder writes them from row numbers. */
export type SpanColumns = Omit<z.infer<typeof spanColumns>, 'parentIds' | 'keys' | 'warnings'> & {
  parentIds: Record<number, string>;
  keys: Record<number, string>;
  warnings: Record<number, string[]>;
};

export const waterfallTrace = z.object({ columns: spanColumns, ...traceFields }).meta({ id: 'WaterfallTrace' });
export type WaterfallTrace = Omit<z.infer<typeof waterfallTrace>, 'columns'> & { columns: SpanColumns };

/** span_id: the line names a span; time: own trace id + service + time; request_id: no trace id, but the request id of this trace (docs/trace-context.md §7.3). */
export const JOINED_BY = ['span_id', 'time', 'request_id'] as const;
export const logEntry = z
  .object({
    ts: timestamp,
    /** Unix nanoseconds as a decimal string, exactly as Loki sent it. */
    tsNs: z.string().regex(/^\d+$/),
    line: z.string(),
    /** Stream labels, structured metadata and parsed labels, for display. */
    labels,
    service: z.string().nullable(),
    traceId: z.string().nullable(),
    spanId: z.string().nullable(),
    /** x-request-id found in the line (Envoy/Istio access logs, ECS http.request.id), absent when none; not a trace id. */
    requestId: z.string().optional(),
    joinedBy: z.enum(JOINED_BY).nullable(),
    /** The named logs source the line came from; present when several were asked (`logsSource=*`). */
    source: z.string().optional(),
  })
  .meta({ id: 'LogEntry' });
export type LogEntry = z.infer<typeof logEntry>;
export type JoinedBy = LogEntry['joinedBy'];

export const apiMetric = z
  .object({
    name: z.string(),
    labels,
    /** [unixMs, value]; null where the value is NaN or ±Inf. */
    points: z.array(z.tuple([z.number(), z.number().nullable()])),
    /** Which panel of a service this series feeds (requests, errors, latency_p99, gc_rate …). */
    panel: z.string().optional(),
    service: z.string().optional(),
    title: z.string().optional(),
    unit: z.string().optional(),
    query: z.string().optional(),
    /** The named metrics source the series came from; present when several were asked (`metricsSource=*`). */
    source: z.string().optional(),
  })
  .meta({ id: 'Metric' });
export type ApiMetric = z.infer<typeof apiMetric>;

export const apiExemplar = z
  .object({
    labels,
    traceId: z.string().nullable(),
    value: z.number(),
    ts: timestamp,
    spanId: z.string().nullable(),
    // Additive: the labels of the series the exemplar belongs to.
    seriesLabels: labels,
    /** False when Jaeger does not have the trace (a dead link); absent when not checked. */
    traceExists: z.boolean().optional(),
  })
  .meta({ id: 'Exemplar' });
export type ApiExemplar = z.infer<typeof apiExemplar>;

export const correlatedResponse = z
  .object({
    traceId: z.string(),
    trace: apiTrace.nullable(),
    logs: z.array(logEntry),
    metrics: z.array(apiMetric),
    exemplars: z.array(apiExemplar),
    anomalies: z.array(anomaly),
    sources: allSources,
    range,
  })
  .meta({ id: 'CorrelatedResponse' });
export type CorrelatedResponse = z.infer<typeof correlatedResponse>;

export const traceOnlyResponse = z
  .object({ traceId: z.string(), trace: waterfallTrace.nullable(), sources: z.object({ jaeger: sourceReport }), range })
  .meta({ id: 'TraceOnlyResponse' });
export type TraceOnlyResponse = Omit<z.infer<typeof traceOnlyResponse>, 'trace'> & { trace: WaterfallTrace | null };

/** Path and query of both trace endpoints. */
export const traceParams = z.object({ traceId: z.string().meta({ description: '1–32 hex digits (or a traceparent / uber-trace-id)' }) });
export const rangeQuery = z.object({
  from: z.string().optional().meta({ description: 'RFC3339, unix seconds or now-1h; default now-1h' }),
  to: z.string().optional().meta({ description: 'RFC3339, unix seconds or now; default now' }),
});
