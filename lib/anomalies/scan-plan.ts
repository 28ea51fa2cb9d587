/**
 * Pure planning of the Prometheus side of an anomaly scan: let Prometheus flag the
 * series worth looking at (instant queries evaluated at `toMs` over `[range]`, which is
 * exactly the left-open window (fromMs, toMs] that countResets uses), then fetch raw
 * samples only for those. Every query and the fetch list are bounded; what is left out
 * is reported. Running the queries is lib/investigate's job.
 *
 * resets()/changes()/deriv() drop the metric name, so a query never mixes metric names
 * (two names with one label set would collide: "vector cannot contain metrics with the
 * same labelset"); each scanned name gets its own query.
 */
import type { Labels, Series } from '../model/types';
import { GC_METRICS, GC_SUB_LABELS } from './gc-metrics';
import { labelMatchers, selector } from './format';
import { DEFAULT_RED_FAMILIES, redMetricNames, type RedFamily } from './red';
import { DEFAULT_DETECTOR_OPTIONS, type GcStormOptions } from './types';

export const DEFAULT_LEAK_GAUGES: readonly string[] = [
  'go_goroutines',
  'go_threads',
  'process_open_fds',
  'go_memstats_heap_inuse_bytes',
  'jvm_threads_live_threads',
  'jvm_threads_current',
  'nodejs_active_handles_total',
  'process_resident_memory_bytes',
];

export interface ScanPlanOptions {
  leakGauges: readonly string[];
  /** Max series any scan query may return (topk + the client's `limit`). */
  maxSeriesPerQuery: number;
  /** Max scan queries in one plan; the rest are reported as skipped. */
  maxQueries: number;
  /** Max raw series selectors to fetch after the scan. */
  maxFetch: number;
  /** Rate window and subquery step for the GC scan. */
  gcRateWindow: string;
  gcStep: string;
  gc: GcStormOptions;
}

export const DEFAULT_SCAN_OPTIONS: ScanPlanOptions = {
  leakGauges: DEFAULT_LEAK_GAUGES,
  maxSeriesPerQuery: 200,
  maxQueries: 60,
  maxFetch: 500,
  gcRateWindow: '1m',
  gcStep: '30s',
  gc: DEFAULT_DETECTOR_OPTIONS.gc,
};

/** Counter resets are not here: every counter, by any name, is scanned by ./counter-discovery.ts. */
export type ScanKind = 'restarts' | 'gc' | 'leak';

export interface ScanQuery {
  kind: ScanKind;
  /** The metric the query scans (its name is gone from the result labels). */
  metric: string;
  query: string;
  /** Evaluate as an instant query at this time. */
  timeMs: number;
  limit: number;
}

export interface ScanPlan {
  queries: ScanQuery[];
  skipped: { metric: string; reason: string }[];
}

/** Prometheus duration covering the range, in whole seconds (rounded up). */
export const rangeDuration = (fromMs: number, toMs: number): string => `${Math.max(1, Math.ceil((toMs - fromMs) / 1000))}s`;

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

export function planScan(range: { fromMs: number; toMs: number }, partial: Partial<ScanPlanOptions> = {}): ScanPlan {
  const o = { ...DEFAULT_SCAN_OPTIONS, ...partial };
  const r = rangeDuration(range.fromMs, range.toMs);
  const k = o.maxSeriesPerQuery;
  const q = (kind: ScanKind, metric: string, query: string): ScanQuery => ({ kind, metric, query, timeMs: range.toMs, limit: k });
  const without = `without (${GC_SUB_LABELS.join(', ')})`;
  const all: ScanQuery[] = [q('restarts', 'process_start_time_seconds', `topk(${k}, changes(process_start_time_seconds[${r}]) > 0)`)];
  for (const m of GC_METRICS) {
    const expr =
      m.measure === 'ratio'
        ? `max_over_time(${m.name}[${r}]) >= ${o.gc.timeFraction}`
        : `max_over_time((${m.combine} ${without} (rate(${m.name}[${o.gcRateWindow}])))[${r}:${o.gcStep}]) >= ${m.measure === 'count' ? o.gc.minFrequencyPerSec : o.gc.timeFraction}`;
    all.push(q('gc', m.name, `topk(${k}, ${expr})`));
  }
  for (const name of o.leakGauges) all.push(q('leak', name, `topk(${k}, deriv(${name}[${r}]) > 0)`));
  const skipped: ScanPlan['skipped'] = [];
  const valid = all.filter((x) => NAME.test(x.metric) || (skipped.push({ metric: x.metric, reason: 'not a valid metric name' }), false));
  for (const x of valid.slice(o.maxQueries)) skipped.push({ metric: x.metric, reason: `over the limit of ${o.maxQueries} scan queries` });
  return { queries: valid.slice(0, o.maxQueries), skipped };
}

export interface FetchPlan {
  /** Series selectors to fetch raw, as `<selector>[<range>]` instant queries at toMs. */
  selectors: string[];
  skipped: { selector: string; reason: string }[];
  /** Scans whose result hit the series limit: more series may be affected. */
  truncatedScans: string[];
}

/** One selector for several metric names of the same target. */
export const anyOf = (names: readonly string[], labels: Labels): string =>
  `{${[`__name__=~"${names.join('|')}"`, ...labelMatchers(labels)].join(',')}}`;

/**
 * The raw series to fetch for what the scans flagged (deduplicated, bounded), over
 * `readRange`: the scanned range plus its look-back, where baselines come from.
 */
export function fetchPlan(
  results: readonly { query: ScanQuery; series: Series[] }[],
  readRange: { fromMs: number; toMs: number },
  maxFetch = DEFAULT_SCAN_OPTIONS.maxFetch,
  families: readonly RedFamily[] = DEFAULT_RED_FAMILIES,
): FetchPlan {
  const wanted: string[] = [];
  const truncatedScans: string[] = [];
  for (const { query, series } of results) {
    if (series.length >= query.limit) truncatedScans.push(`${query.kind}:${query.metric}`);
    for (const s of series) {
      const labels = { ...s.labels };
      delete labels.__name__;
      if (query.kind === 'restarts') {
        wanted.push(selector('process_start_time_seconds', labels));
      } else if (query.kind === 'gc') {
        const runtime = GC_METRICS.find((m) => m.name === query.metric)?.runtime;
        wanted.push(anyOf(GC_METRICS.filter((m) => m.runtime === runtime).map((m) => m.name), labels));
        if (labels.job !== undefined) wanted.push(anyOf(redMetricNames(families), { job: labels.job }));
      } else {
        wanted.push(selector(query.metric, labels));
      }
    }
  }
  const unique = [...new Set(wanted)];
  const r = rangeDuration(readRange.fromMs, readRange.toMs);
  return {
    selectors: unique.slice(0, maxFetch).map((s) => `${s}[${r}]`),
    skipped: unique.slice(maxFetch).map((s) => ({ selector: s, reason: `over the limit of ${maxFetch} raw series` })),
    truncatedScans,
  };
}
