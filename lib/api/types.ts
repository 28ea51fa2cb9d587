import type { Anomaly } from '../model/anomaly';
import type { LogEntry, SourceName, SourceReport, TagValue } from '../model/types';

/** Public API response shapes (ARCHITECTURE.md, "Public HTTP API"). Extra fields are additive. */

export interface ApiSpan {
  spanId: string;
  parentSpanId: string | null;
  service: string;
  operation: string;
  start: string; // RFC3339 ms
  /** Microseconds since epoch, for precise layout. */
  startUs: number;
  durationMs: number;
  status: 'ok' | 'error' | 'unset';
  tags: Record<string, TagValue>;
  warnings: string[];
  kind: string;
  depth: number;
  /** Why this span has no parent in the trace, when it is an orphan. */
  orphanReason?: string;
  critical?: boolean;
  serviceColor?: string;
  processTags?: Record<string, TagValue>;
  events?: { tsUs: number; name?: string; fields: Record<string, TagValue> }[];
  references?: { type: 'CHILD_OF' | 'FOLLOWS_FROM'; traceId: string; spanId: string }[];
}

export interface ApiTrace {
  spans: ApiSpan[];
  rootSpanIds: string[];
  orphanSpanIds: string[];
  warnings?: string[];
  startUs?: number;
  durationMs?: number;
  services?: { name: string; color: string; spanCount: number; errorCount: number }[];
}

export interface ApiMetric {
  name: string;
  labels: Record<string, string>;
  points: [number, number | null][];
  /** Which panel of a service this series feeds (requests, errors, latency_p99, gc_rate …). */
  panel?: string;
  service?: string;
  title?: string;
  unit?: string;
  query?: string;
}

export interface ApiExemplar {
  labels: Record<string, string>;
  seriesLabels?: Record<string, string>;
  traceId: string | null;
  spanId: string | null;
  value: number;
  ts: string;
  /** False when the trace id is not in Jaeger (a dead link). */
  traceExists?: boolean;
}

export interface CorrelatedResponse {
  traceId: string;
  trace: ApiTrace | null;
  logs: LogEntry[];
  metrics: ApiMetric[];
  exemplars: ApiExemplar[];
  anomalies: Anomaly[];
  sources: Record<SourceName, SourceReport>;
  range: { from: string; to: string };
}

export interface AnomaliesResponse {
  anomalies: Anomaly[];
  sources: Record<SourceName, SourceReport>;
  range: { from: string; to: string };
  /** What was skipped to stay inside the query budgets. */
  skipped?: string[];
}

export interface MetricsQueryResponse {
  series: ApiMetric[];
  warnings: string[];
  step: number;
  sources: Record<SourceName, SourceReport>;
}

export interface LogsQueryResponse {
  logs: LogEntry[];
  truncated: boolean;
  warnings: string[];
  sources: Record<SourceName, SourceReport>;
}

export interface ApiErrorBody {
  error: { code: string; message: string };
}
