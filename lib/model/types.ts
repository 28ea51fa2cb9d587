/**
 * Normalized data model shared by every layer. Backend clients (lib/sources) produce
 * these; correlate/anomalies/investigate consume them. Times are unix milliseconds
 * (numbers) internally, except log timestamps, which keep Loki's exact nanoseconds as a
 * decimal string (`tsNs`) because a JS double cannot hold them.
 */

// The shapes the public API shares with the model are the contract's (lib/api/contract).
import type { Labels, SpanKind, SpanStatus, TagValue } from '../api/contract';
export { SOURCE_NAMES } from '../api/contract/common';
export type { JoinedBy, Labels, LogEntry, NamedSourceReport, SourceName, SourceReport, SourceState, SpanKind, SpanStatus, TagValue } from '../api/contract';

/** One time series: points are [unixMs, value]; value may be NaN or ±Infinity. */
export interface Series {
  name: string;
  labels: Labels;
  points: [number, number][];
}

/** One Loki log line as the client returns it, before correlation. */
export interface LogLine {
  /** Unix nanoseconds as a decimal string, exactly as Loki sent it. */
  tsNs: string;
  line: string;
  /** Index (stream) labels only. */
  stream: Labels;
  /** Structured metadata (empty when the server did not categorize labels). */
  structuredMetadata: Labels;
  /** Labels extracted by parsers in the query (`| json`, `| logfmt`). */
  parsed: Labels;
  /** The named source it came from, when several logs sources were asked. */
  source?: string;
}

export interface SpanReference {
  type: 'CHILD_OF' | 'FOLLOWS_FROM';
  traceId: string; // canonical (see ids.ts)
  spanId: string; // canonical
}

export interface SpanEvent {
  tsUs: number;
  name?: string;
  fields: Record<string, TagValue>;
}

/** Normalized span. Ids are canonical (ids.ts); times are microseconds since epoch. */
export interface Span {
  traceId: string;
  spanId: string;
  /** First CHILD_OF reference in the same trace, else first FOLLOWS_FROM, else null. */
  parentSpanId: string | null;
  references: SpanReference[];
  service: string;
  operation: string;
  kind: SpanKind;
  startUs: number;
  durationUs: number;
  status: SpanStatus;
  tags: Record<string, TagValue>;
  /** Resource/process attributes (host.name, service.instance.id, …). */
  processTags: Record<string, TagValue>;
  events: SpanEvent[];
  /** Warnings Jaeger attached (clock-skew adjuster, invalid parent, …). */
  warnings: string[];
}

export interface Trace {
  traceId: string;
  spans: Span[];
  /** Trace-level warnings from the backend. */
  warnings: string[];
}

export interface TraceSummary {
  traceId: string;
  rootService: string | null;
  rootOperation: string | null;
  startMs: number;
  durationMs: number;
  spanCount: number;
  errorSpanCount: number;
  services: string[];
}

export interface Exemplar {
  seriesLabels: Labels;
  labels: Labels;
  traceId: string | null; // canonical, null when the exemplar has no trace id
  spanId: string | null;
  value: number;
  tsMs: number;
}

