import type { Exemplar, Labels, LogLine, Series, Trace, TraceSummary } from '../model/types';

/**
 * The contract of the three backend clients. lib/sources implements it; everything else
 * (investigate, anomalies scans, API routes, demo tests) codes against these interfaces.
 * Every method throws SourceError (./errors.ts) on failure and honours `signal`.
 */

export interface CallOptions {
  signal?: AbortSignal;
  /** A smaller response byte cap for this call than the source's (user queries: docs/reliability.md, "Parsing"). */
  maxBytes?: number;
}

export interface PromQueryResult {
  resultType: 'matrix' | 'vector' | 'scalar' | 'string';
  /** Matrix and vector results as series (a vector sample is a one-point series). */
  series: Series[];
  /** Scalar/string results. */
  scalar?: [number, number | string];
  warnings: string[];
  infos: string[];
  /** The step actually used by queryRange, in seconds (it may have been raised). */
  stepSec?: number;
}

export interface MetricMetadata {
  type: 'counter' | 'gauge' | 'histogram' | 'gaugehistogram' | 'summary' | 'info' | 'stateset' | 'unknown';
  help: string;
  unit: string;
}

export interface PrometheusClient {
  query(query: string, timeMs: number, opts?: CallOptions & { limit?: number }): Promise<PromQueryResult>;
  /** stepSec is raised when needed so no series exceeds 11,000 points (lib/sources/prometheus/README.md §1.5). */
  queryRange(query: string, fromMs: number, toMs: number, stepSec?: number, opts?: CallOptions & { limit?: number }): Promise<PromQueryResult>;
  series(match: string[], fromMs: number, toMs: number, opts?: CallOptions & { limit?: number }): Promise<Labels[]>;
  labels(fromMs: number, toMs: number, opts?: CallOptions & { match?: string[] }): Promise<string[]>;
  labelValues(label: string, fromMs: number, toMs: number, opts?: CallOptions & { match?: string[] }): Promise<string[]>;
  metadata(metric?: string, opts?: CallOptions): Promise<Record<string, MetricMetadata[]>>;
  exemplars(query: string, fromMs: number, toMs: number, opts?: CallOptions): Promise<Exemplar[]>;
  buildinfo(opts?: CallOptions): Promise<{ version: string }>;
}

export interface LokiStreamsResult {
  lines: LogLine[];
  /** True when the limit was reached and older/newer lines may exist. */
  truncated: boolean;
  warnings: string[];
  /** Whether the server honoured categorize-labels (structured metadata kept apart). */
  categorized: boolean;
}

export interface LokiRangeOptions extends CallOptions {
  limit?: number; // total wanted; pages past the server's 5,000-entry cap
  direction?: 'forward' | 'backward';
  step?: string;
}

export interface LokiClient {
  /** Log query: returns lines. A metric query returns series via `queryRangeMetric`. */
  queryRange(query: string, fromMs: number, toMs: number, opts?: LokiRangeOptions): Promise<LokiStreamsResult>;
  queryRangeMetric(query: string, fromMs: number, toMs: number, opts?: LokiRangeOptions): Promise<{ series: Series[]; warnings: string[] }>;
  query(query: string, timeMs: number, opts?: CallOptions & { limit?: number }): Promise<{ series: Series[]; warnings: string[] }>;
  labels(fromMs: number, toMs: number, opts?: CallOptions & { query?: string }): Promise<string[]>;
  labelValues(label: string, fromMs: number, toMs: number, opts?: CallOptions & { query?: string }): Promise<string[]>;
  series(match: string[], fromMs: number, toMs: number, opts?: CallOptions): Promise<Labels[]>;
  buildinfo(opts?: CallOptions): Promise<{ version: string }>;
}

export interface TraceSearch {
  service: string;
  operation?: string;
  tags?: Record<string, string>;
  fromMs: number;
  toMs: number;
  limit?: number;
  minDurationMs?: number;
  maxDurationMs?: number;
}

export interface JaegerClient {
  /** null when the backend does not have the trace (404 / "trace not found"). */
  getTrace(traceId: string, opts?: CallOptions & { fromMs?: number; toMs?: number }): Promise<Trace | null>;
  searchTraces(search: TraceSearch, opts?: CallOptions): Promise<Trace[]>;
  /**
   * Search returning one summary per trace: v3 /api/v3/trace-summaries when the server has it
   * (Jaeger ≥ 2.19), else computed from the full traces.
   */
  searchTraceSummaries?(search: TraceSearch, opts?: CallOptions): Promise<TraceSummary[]>;
  services(opts?: CallOptions): Promise<string[]>;
  operations(service: string, opts?: CallOptions): Promise<{ name: string; spanKind: string }[]>;
  dependencies(fromMs: number, toMs: number, opts?: CallOptions): Promise<{ parent: string; child: string; callCount: number }[]>;
  /** Which API the server answered (probed once, or from config). */
  apiVersion(opts?: CallOptions): Promise<'v1' | 'v3'>;
}

export type { TraceSummary };

/** A Tempo search (lib/sources/tempo/README.md §3): TraceQL `q`, or tag-based with durations. */
export interface TempoSearch {
  /** TraceQL, e.g. `{ resource.service.name = "cart" && status = error }`. */
  q?: string;
  /** Tag-based search (ignored by Tempo when `q` is set): substring match per key. */
  tags?: Record<string, string>;
  minDurationMs?: number;
  maxDurationMs?: number;
  limit?: number;
  fromMs: number;
  toMs: number;
  /** Spans returned per span set (Tempo's default 3). */
  spansPerSpanSet?: number;
}

export type TempoTagScope = 'resource' | 'span' | 'intrinsic' | 'event' | 'link' | 'instrumentation';

export interface TempoTagOptions extends CallOptions {
  fromMs?: number;
  toMs?: number;
  /** A TraceQL filter on the spans whose tags/values are listed. */
  q?: string;
  limit?: number;
}

export interface TempoClient {
  /** The same normalized Trace as Jaeger v3; null when Tempo does not have it (404). */
  getTrace(traceId: string, opts?: CallOptions & { fromMs?: number; toMs?: number }): Promise<Trace | null>;
  /** One summary per trace, in the shape Jaeger search produces. */
  search(search: TempoSearch, opts?: CallOptions): Promise<TraceSummary[]>;
  searchTags(opts?: TempoTagOptions & { scope?: TempoTagScope }): Promise<{ scope: string; tags: string[] }[]>;
  /** Values of a TraceQL identifier such as `resource.service.name` or `span.http.route`. */
  tagValues(tag: string, opts?: TempoTagOptions): Promise<{ type: string; value: string }[]>;
  /** `GET /ready`, Tempo's readiness probe ("Readiness probe | All services", README §1): resolves when it answers 200. */
  ready(opts?: CallOptions): Promise<void>;
}
