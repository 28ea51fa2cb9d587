/**
 * The detector contract. Every detector is pure: it reads already-fetched data and
 * `nowMs`, and returns Anomaly records (lib/model/anomaly.ts). Orchestration (which
 * queries run, budgets, partial results) lives in lib/investigate; the pure planning of
 * the Prometheus scans lives in ./scan-plan.ts.
 */
import type { Anomaly, AnomalyKind } from '../model/anomaly';
import type { Exemplar, LogEntry, Series, Trace } from '../model/types';
import type { MetricMetadata } from '../sources/types';
import { DEFAULT_RED_FAMILIES, type RedFamily } from './red';

export interface DetectorInput {
  range: { fromMs: number; toMs: number };
  nowMs: number;
  /** Raw samples (not query_range evaluations) of counters, gauges and RED series. */
  series: Series[];
  /** Prometheus /api/v1/metadata, keyed by metric family name. */
  metadata: Record<string, MetricMetadata[]>;
  traces: Trace[];
  /** Already correlated: traceId null means the line carries no trace context. */
  logs: LogEntry[];
  exemplars: Exemplar[];
  /** Trace ids seen in logs or exemplars that Jaeger does not have. */
  missingTraceIds: string[];
  /** Labels naming the service on a series, first non-blank wins (default: DEFAULT_SERVICE_LABELS, lib/correlate/service-label.ts). */
  serviceLabel?: string[];
  /**
   * Where the raw series start when they were read with a look-back before `range.fromMs`:
   * detectors take baselines and true episode starts from there, and report what overlaps
   * the range (docs/anomalies.md, "Episodes and gaps"). Default: `range.fromMs`.
   */
  lookbackFromMs?: number;
  /** Counter series Prometheus flagged with resets() > 0 over the range, with its count. */
  counterResets?: FlaggedCounter[];
  /** The Prometheus asked selects [from, to] rather than (from, to] (2.x): counted the same way. */
  leftClosedRanges?: boolean;
}

export interface FlaggedCounter {
  name: string;
  labels: Record<string, string>;
  /** Prometheus resets() over the range. */
  resets: number;
}

export interface CounterResetOptions {
  /** A post-reset step counted by rate() this many times the typical step is a spike. */
  rateSpikeFactor: number;
}

export interface GcStormOptions {
  /** Frequency must be ≥ this multiple of the instance's median over the window… */
  frequencyFactor: number;
  /** …and ≥ this many collections per second. */
  minFrequencyPerSec: number;
  /** Or this fraction of wall time spent in GC (0–1). */
  timeFraction: number;
  /** Condition held for at least this long. */
  sustainMs: number;
}

/** What counts as clock skew is fixed app-wide (CLOCK_SKEW_THRESHOLD_US, docs/anomalies.md). */
export interface TraceOptions {
  /** A trace that started less than this before now may still be receiving spans. */
  lateArrivalMs: number;
  /** Per-service aggregate findings need at least this many sampled traces of the service. */
  aggregateMinTraces: number;
  /** Per-trace findings kept per service and kind (the aggregate counts the rest). */
  maxFindingsPerServiceKind: number;
}

export interface LogContextOptions {
  minShare: number;
  minLines: number;
  examples: number;
}

export interface LeakOptions {
  minPoints: number;
  /** Share of rising steps between consecutive segment medians. */
  minRisingShare: number;
  /** Fitted growth over the window relative to the starting level. */
  minRelativeGrowth: number;
  /** Fitted growth relative to the noise around the trend line. */
  minGrowthToNoise: number;
  /** Slope over the last third must be at least this fraction of the overall slope. */
  minTailSlopeRatio: number;
}

export interface RedOptions {
  /** Robust threshold: median + madK × MAD of the service's own window. */
  madK: number;
  /** Outlier must last at least this long. */
  minDurationMs: number;
  minErrorShare: number;
  minErrors: number;
  minRequestsPerSec: number;
  minLatencyMs: number;
  /** The p99 must also be at least this multiple of the baseline median. */
  minLatencyRatio: number;
  /** Request/latency metric families read as RED (./red.ts). */
  families: readonly RedFamily[];
}

export interface DetectorOptions {
  counterReset: CounterResetOptions;
  gc: GcStormOptions;
  trace: TraceOptions;
  logs: LogContextOptions;
  leak: LeakOptions;
  red: RedOptions;
}

export type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

export const DEFAULT_DETECTOR_OPTIONS: DetectorOptions = {
  counterReset: { rateSpikeFactor: 10 },
  gc: { frequencyFactor: 5, minFrequencyPerSec: 10, timeFraction: 0.25, sustainMs: 120_000 },
  trace: { lateArrivalMs: 120_000, aggregateMinTraces: 5, maxFindingsPerServiceKind: 10 },
  logs: { minShare: 0.2, minLines: 20, examples: 5 },
  leak: { minPoints: 10, minRisingShare: 0.8, minRelativeGrowth: 0.1, minGrowthToNoise: 3, minTailSlopeRatio: 0.3 },
  red: {
    madK: 5,
    minDurationMs: 60_000,
    minErrorShare: 0.05,
    minErrors: 10,
    minRequestsPerSec: 0.1,
    minLatencyMs: 50,
    minLatencyRatio: 1.5,
    families: DEFAULT_RED_FAMILIES,
  },
};

/** Defaults overlaid with whatever the caller set (one level of groups deep). */
export function resolveOptions(partial: DeepPartial<DetectorOptions> = {}): DetectorOptions {
  const out = {} as Record<string, unknown>;
  for (const [group, defaults] of Object.entries(DEFAULT_DETECTOR_OPTIONS)) {
    out[group] = { ...defaults, ...((partial as Record<string, object | undefined>)[group] ?? {}) };
  }
  return out as unknown as DetectorOptions;
}

export interface Detector {
  kind: AnomalyKind;
  detect(input: DetectorInput, options: DetectorOptions): Anomaly[];
}
