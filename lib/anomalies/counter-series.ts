/**
 * Counter semantics shared by the reset detector, the GC detector and the scan plan:
 * which series are counters, and PromQL's resets() over a left-open range.
 */
import type { Labels, Series } from '../model/types';
import type { MetricMetadata } from '../sources/types';
import { serviceOf } from '../correlate/service-label';

const COUNTER_SUFFIX = /_(total|count|sum|bucket)$/;
const FAMILY_SUFFIX = /_(total|count|sum|bucket|created)$/;

/** Metric family name: strips _total/_count/_sum/_bucket/_created. */
export const familyOf = (name: string): string => name.replace(FAMILY_SUFFIX, '');

/**
 * A series is a counter when its metadata says counter (exact name or family), or when it
 * carries a counter suffix and the metadata does not say otherwise. `_created` series hold
 * a unix time, and quantile series of a summary are gauges: neither is a counter.
 */
export function isCounterSeries(name: string, metadata: Record<string, MetricMetadata[]> = {}): boolean {
  if (name.endsWith('_created')) return false;
  const exact = metadata[name]?.[0]?.type;
  if (exact === 'counter') return true;
  const family = metadata[familyOf(name)]?.[0]?.type;
  if (NOT_COUNTER.has(exact ?? '') || NOT_COUNTER.has(family ?? '')) return false;
  return COUNTER_SUFFIX.test(name) || family === 'counter';
}

const NOT_COUNTER = new Set(['gauge', 'gaugehistogram', 'info', 'stateset']);

/**
 * PromQL resets() of one float series over the range (fromMs, toMs] (left-open, as Prometheus
 * 3 selects it; `leftClosed` for 2.x): the number
 * of consecutive sample pairs where `cur < prev`, or null when the range holds no sample
 * (Prometheus then returns no result; one sample gives 0).
 *
 * NaN: Prometheus compares with `<` (promql/functions.go funcResets:
 * `if current < prev { resets++ }; prev = current`), and any comparison with NaN is false,
 * so neither a step into NaN nor out of it counts, and NaN becomes the new `prev`
 * (5, NaN, 3 has no reset). Staleness markers never reach a range selector, so a NaN here
 * is a real NaN sample.
 */
export function countResets(points: readonly (readonly [number, number])[], fromMs: number, toMs: number, leftClosed = false): number | null {
  return resetSteps(points, fromMs, toMs, leftClosed)?.length ?? null;
}

export interface ResetStep {
  before: [number, number];
  after: [number, number];
}

/**
 * Every pair counted by resets() in (fromMs, toMs], or null when the range is empty.
 * `leftClosed`: Prometheus before 3.0 selected [fromMs, toMs], a sample exactly at the start
 * included (rangeIsLeftClosed tells from the server's version).
 */
export function resetSteps(points: readonly (readonly [number, number])[], fromMs: number, toMs: number, leftClosed = false): ResetStep[] | null {
  const inRange = points.filter(([t]) => (leftClosed ? t >= fromMs : t > fromMs) && t <= toMs);
  if (inRange.length === 0) return null;
  const steps: ResetStep[] = [];
  for (let i = 1; i < inRange.length; i++) {
    const [pt, pv] = inRange[i - 1];
    const [ct, cv] = inRange[i];
    if (cv < pv) steps.push({ before: [pt, pv], after: [ct, cv] });
  }
  return steps;
}

/** Same scraped process: same job and instance, else (no such labels) same service. */
export function sameTarget(a: Labels, b: Labels): boolean {
  const keys = ['job', 'instance'].filter((k) => a[k] !== undefined || b[k] !== undefined);
  if (keys.length > 0) return keys.every((k) => a[k] === b[k]);
  const service = serviceOf(a);
  return service !== null && service === serviceOf(b);
}

/** Value of the latest finite sample at or before `t`, or undefined. */
export function valueAt(series: Series, t: number): number | undefined {
  let out: number | undefined;
  for (const [pt, v] of series.points) {
    if (pt > t) break;
    if (Number.isFinite(v)) out = v;
  }
  return out;
}

/** Finite values of samples in (t0, t1]. */
export function valuesIn(series: Series, t0: number, t1: number): number[] {
  return series.points.filter(([t, v]) => t > t0 && t <= t1 && Number.isFinite(v)).map(([, v]) => v);
}

/**
 * Whether this Prometheus selects ranges closed on the left: 2.x did ([t − r, t]); 3.0 made
 * range selectors left-open ((t − r, t]). Mimir 2.x and Thanos 0.x report their own version
 * but run a Prometheus 2.x engine, so they count as closed too; no version at all is taken
 * as current Prometheus.
 */
export function rangeIsLeftClosed(version: string | null | undefined): boolean {
  const major = /^v?(\d+)\./.exec(version ?? '')?.[1];
  return major !== undefined && Number(major) < 3;
}
