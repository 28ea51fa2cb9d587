import type { ApiExemplar, ApiMetric } from '@/lib/api/types';
import type { Anomaly } from '@/lib/model/anomaly';
import { serviceName, serviceOf } from '@/lib/correlate/service-label';

/** Which anomalies a chart draws: GC storm bands and counter-reset markers. */

export interface StormBand {
  fromMs: number;
  toMs: number;
  anomaly: Anomaly;
}

export interface ResetMarker {
  tMs: number;
  /** Index of the plotted series it belongs to. */
  seriesIndex: number;
  anomaly: Anomaly;
}

/** The service a series belongs to: its `service` field, else the app's service-label rule. */
export function seriesService(s: Pick<ApiMetric, 'service' | 'labels'>): string | null {
  return serviceName(s.service) ?? serviceOf(s.labels);
}

/**
 * Whether a finding is about what a series shows: the same service, or the same instance
 * (`instance` label of the finding's subject series). A series naming neither relates to
 * no finding, so an unrelated query never says "Shaded: GC storm".
 */
export function relatesToSeries(a: Pick<Anomaly, 'service' | 'subject'>, s: Pick<ApiMetric, 'service' | 'labels'>): boolean {
  const service = seriesService(s);
  if (service && a.service && service === a.service) return true;
  const instance = s.labels.instance;
  return instance !== undefined && a.subject.series?.labels.instance === instance;
}

/** GC storms related to a plotted series (relatesToSeries), clipped to the window; an ongoing one lasts to its end. */
export function gcStormBands(series: readonly ApiMetric[], anomalies: readonly Anomaly[], fromMs: number, toMs: number): StormBand[] {
  const out: StormBand[] = [];
  for (const a of anomalies) {
    if (a.kind !== 'gc_storm') continue;
    if (!series.some((s) => relatesToSeries(a, s))) continue;
    const start = Date.parse(a.start);
    const end = a.end ? Date.parse(a.end) : toMs;
    if (!Number.isFinite(start) || !Number.isFinite(end) || end < fromMs || start > toMs) continue;
    out.push({ fromMs: Math.max(start, fromMs), toMs: Math.min(end, toMs), anomaly: a });
  }
  return out;
}

/**
 * Whether a plotted series is the subject series of an anomaly or an aggregate of it:
 * same metric name, and every label the plotted series keeps has the subject's value.
 */
export function seriesMatches(plotted: Pick<ApiMetric, 'name' | 'labels'>, subject: { name: string; labels: Record<string, string> }): boolean {
  if (plotted.name !== subject.name) return false;
  for (const [k, v] of Object.entries(plotted.labels)) {
    if (k === '__name__') continue;
    if (subject.labels[k] !== v) return false;
  }
  return true;
}

/** Counter resets on the plotted series, at the reset time, inside the window. */
export function counterResetMarkers(series: readonly ApiMetric[], anomalies: readonly Anomaly[], fromMs: number, toMs: number): ResetMarker[] {
  const out: ResetMarker[] = [];
  for (const a of anomalies) {
    if (a.kind !== 'counter_reset' || !a.subject.series) continue;
    const t = Date.parse(a.start);
    if (!Number.isFinite(t) || t < fromMs || t > toMs) continue;
    const i = series.findIndex((s) => seriesMatches(s, a.subject.series!));
    if (i >= 0) out.push({ tMs: t, seriesIndex: i, anomaly: a });
  }
  return out;
}

export interface ExemplarDot {
  tMs: number;
  value: number;
  exemplar: ApiExemplar;
}

/** Exemplars inside the window with a finite value (`scale` converts units, e.g. s → ms). */
export function exemplarDots(exemplars: readonly ApiExemplar[], fromMs: number, toMs: number, scale = 1): ExemplarDot[] {
  const out: ExemplarDot[] = [];
  for (const e of exemplars) {
    const t = Date.parse(e.ts);
    const value = e.value * scale;
    if (!Number.isFinite(t) || t < fromMs || t > toMs || !Number.isFinite(value)) continue;
    out.push({ tMs: t, value, exemplar: e });
  }
  return out;
}

/**
 * Exemplars thinned to what a chart can show: the window is cut into `buckets` time slots
 * (about one per few pixels) and each slot keeps its highest value, the slowest request
 * being the one worth opening. Dead links (trace not in Jaeger) lose to live ones of equal
 * value. Returns the kept dots in time order.
 */
export function thinExemplars(dots: readonly ExemplarDot[], fromMs: number, toMs: number, buckets: number): ExemplarDot[] {
  if (dots.length <= buckets || buckets < 1 || !(toMs > fromMs)) return [...dots];
  const width = (toMs - fromMs) / buckets;
  const best = new Map<number, ExemplarDot>();
  for (const d of dots) {
    const b = Math.min(buckets - 1, Math.floor((d.tMs - fromMs) / width));
    const cur = best.get(b);
    const live = (x: ExemplarDot) => (x.exemplar.traceExists === false ? 0 : 1);
    if (!cur || d.value > cur.value || (d.value === cur.value && live(d) > live(cur))) best.set(b, d);
  }
  return [...best.values()].sort((a, b) => a.tMs - b.tMs);
}
