/**
 * Pure planning for the anomaly scan (lib/investigate/scan/anomalies.ts): how raw samples are
 * read, which RED series follow a finding, which trace ids are worth a Jaeger lookup and
 * which sources the requested kinds need. No I/O here, so each choice is unit-tested.
 */
import { resolveServiceLabel } from '../../correlate/service-label';
import { DEFAULT_RED_FAMILIES, latencyBuckets, redMetricNames, type RedFamily } from '../../anomalies/red';
import { escapeLabelValue } from '../../model/prom-text';
import { anyOf, rangeDuration } from '../../anomalies/scan-plan';
import type { Anomaly, AnomalyKind } from '../../model/anomaly';
import { canonicalTraceId } from '../../model/ids';
import type { Exemplar, LogEntry, SourceName } from '../../model/types';
import type { AnomalyBudgets } from './anomalies-budgets';

export interface TimeWindow {
  fromMs: number;
  toMs: number;
}

export type RawReadMode = { mode: 'raw' } | { mode: 'step'; stepSec: number };

/**
 * Raw samples (an instant query of `sel[range]`) while a series at the assumed scrape
 * interval stays under the points budget: resets() then counts exactly what Prometheus
 * counts. Longer ranges are read with query_range at the smallest step that keeps every
 * series under the budget — a decrease still shows, but two resets inside one step may
 * merge, so the response says so.
 */
export function rawReadMode(range: TimeWindow, budgets: Pick<AnomalyBudgets, 'maxPointsPerSeries' | 'assumedScrapeMs'>): RawReadMode {
  const span = Math.max(0, range.toMs - range.fromMs);
  if (span / budgets.assumedScrapeMs <= budgets.maxPointsPerSeries) return { mode: 'raw' };
  return { mode: 'step', stepSec: Math.ceil(span / budgets.maxPointsPerSeries / 1000) };
}

/** `sel[3600s]` → `sel`: the selector part of a fetchPlan entry, for query_range. */
export const withoutRange = (selectorWithRange: string): string => selectorWithRange.replace(/\[\d+s\]$/, '');


/**
 * Raw RED selectors (request counters and latency buckets) for the services of these
 * findings, built by the same anyOf as fetchPlan so duplicates collapse. The label is the
 * one that carries the service on the finding's own series, else `job`.
 */
export function redSelectorsFor(findings: readonly Anomaly[], range: TimeWindow, families: readonly RedFamily[] = DEFAULT_RED_FAMILIES): string[] {
  const r = rangeDuration(range.fromMs, range.toMs);
  const out = new Set<string>();
  for (const a of findings) {
    if (!a.service) continue;
    const labels = a.subject.series?.labels ?? {};
    const key = resolveServiceLabel([labels], a.service) ?? 'job';
    out.add(redSelector(key, a.service, r, families));
  }
  return [...out];
}

export const redSelector = (label: string, value: string, duration: string, families: readonly RedFamily[] = DEFAULT_RED_FAMILIES): string =>
  `${anyOf(redMetricNames(families), { [label]: value })}[${duration}]`;

/**
 * Scans that flag services whose 5xx share ever reached `minErrorShare` in the range, so
 * an error burst is found on a service with no other finding. Evaluated at `toMs`.
 */
export function errorShareScans(range: TimeWindow, maxSeries: number, minErrorShare: number, families: readonly RedFamily[] = DEFAULT_RED_FAMILIES, rateWindow = '1m', step = '30s'): { metric: string; query: string }[] {
  const r = rangeDuration(range.fromMs, range.toMs);
  return families.map((f) => ({
    metric: f.requests,
    query:
      `topk(${maxSeries}, max_over_time((sum by (job) (rate(${f.requests}{${f.errorLabel}=~"${escapeLabelValue(f.errorValues)}"}[${rateWindow}]))` +
      ` / sum by (job) (rate(${f.requests}[${rateWindow}])))[${r}:${step}]) >= ${minErrorShare})`,
  }));
}

/**
 * Scans that flag services whose p99 latency rose well above its own median somewhere in
 * the range (the latency_spike floors: ratio and absolute level), so a service that is only
 * slow, with no other finding and no 5xx, is found too. One bounded query per histogram.
 */
export function latencyScans(range: TimeWindow, maxSeries: number, minRatio: number, minLatencyMs: number, families: readonly RedFamily[] = DEFAULT_RED_FAMILIES, rateWindow = '1m', step = '30s'): { metric: string; query: string }[] {
  const r = rangeDuration(range.fromMs, range.toMs);
  return latencyBuckets(families).map((bucket) => {
    const p99 = `histogram_quantile(0.99, sum by (job, le) (rate(${bucket}[${rateWindow}])))`;
    // The peak of a 2-minute average: a rise must last (as the detector's minimum duration
    // asks), so one noisy evaluation of a quiet service does not flag it.
    const peak = `max_over_time(avg_over_time(${p99}[2m:${step}])[${r}:${step}])`;
    const usual = `quantile_over_time(0.5, ${p99}[${r}:${step}])`;
    return { metric: bucket, query: `topk(${maxSeries}, (${peak} / ${usual} >= ${minRatio}) and (${peak} >= ${minLatencyMs / 1000}))` };
  });
}

/** `{__name__=~"…_bucket|…"}`: every latency histogram whose exemplars may carry trace ids. */
export const exemplarSelector = (families: readonly RedFamily[] = DEFAULT_RED_FAMILIES): string => `{__name__=~"${latencyBuckets(families).join('|')}"}`;

/** The newest `max` exemplars (the exemplar buffer can hold far more than a scan needs). */
export function newestExemplars(exemplars: readonly Exemplar[], max: number): Exemplar[] {
  if (exemplars.length <= max) return [...exemplars];
  return [...exemplars].sort((a, b) => b.tsMs - a.tsMs).slice(0, max);
}

/**
 * Distinct trace ids of exemplars to check in Jaeger, leaving out the known ones. Taken
 * round-robin across series (newest first within each), so a rare series — the slow
 * bucket whose exemplar is the one worth checking — is not crowded out by busy ones.
 */
export function exemplarTraceIds(exemplars: readonly Exemplar[], known: ReadonlySet<string>, max: number): string[] {
  const bySeries = new Map<string, { id: string; ts: number }[]>();
  for (const e of exemplars) {
    const id = e.traceId ? canonicalTraceId(e.traceId) : null;
    if (!id || known.has(id)) continue;
    const key = JSON.stringify(Object.entries(e.seriesLabels).sort());
    let list = bySeries.get(key);
    if (!list) bySeries.set(key, (list = []));
    list.push({ id, ts: e.tsMs });
  }
  const queues = [...bySeries.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([, list]) => list.sort((a, b) => b.ts - a.ts || (a.id < b.id ? -1 : 1)));
  const out = new Set<string>();
  for (let round = 0; out.size < max && queues.some((q) => q.length > round); round++) {
    for (const q of queues) {
      if (out.size >= max) break;
      if (q[round]) out.add(q[round].id);
    }
  }
  return [...out];
}

/**
 * Distinct trace ids logged at least `settleMs` before now (a younger trace may still be
 * arriving in Jaeger), newest first, leaving out the known ones.
 */
export function loggedTraceIds(logs: readonly LogEntry[], known: ReadonlySet<string>, nowMs: number, settleMs: number, max: number): string[] {
  const latest = new Map<string, number>();
  for (const l of logs) {
    const id = l.traceId ? canonicalTraceId(l.traceId) : null;
    const ms = Date.parse(l.ts);
    if (!id || known.has(id) || !(nowMs - ms >= settleMs)) continue;
    latest.set(id, Math.max(latest.get(id) ?? -Infinity, ms));
  }
  return [...latest].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, max).map(([id]) => id);
}

/** `n` consecutive slices covering the window exactly (the last one ends at toMs). */
export function sliceWindow(range: TimeWindow, n: number): TimeWindow[] {
  const count = Math.max(1, Math.floor(n));
  const width = (range.toMs - range.fromMs) / count;
  return Array.from({ length: count }, (_, i) => ({
    fromMs: Math.round(range.fromMs + i * width),
    toMs: i === count - 1 ? range.toMs : Math.round(range.fromMs + (i + 1) * width),
  }));
}

const METRIC_KINDS: readonly AnomalyKind[] = ['counter_reset', 'gc_storm', 'leak', 'error_burst', 'latency_spike'];
const TRACE_KINDS: readonly AnomalyKind[] = ['orphan_span', 'multiple_roots', 'clock_skew', 'missing_trace', 'log_without_trace_context'];
const LOG_KINDS: readonly AnomalyKind[] = ['log_without_trace_context', 'missing_trace'];

/** Which backends the requested kinds need (all of them when no kind is given). */
export function sourcesNeeded(kinds?: readonly AnomalyKind[]): Record<SourceName, boolean> {
  const wants = (list: readonly AnomalyKind[]) => !kinds || kinds.some((k) => list.includes(k));
  return { prometheus: wants(METRIC_KINDS) || wants(['missing_trace']), jaeger: wants(TRACE_KINDS), loki: wants(LOG_KINDS) };
}
