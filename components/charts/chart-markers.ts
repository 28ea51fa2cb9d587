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
 * GC storms of the services plotted (all of them when no series names a service),
 * clipped to the window. An ongoing storm (no end) lasts to the window's end.
 */
export function gcStormBands(series: readonly ApiMetric[], anomalies: readonly Anomaly[], fromMs: number, toMs: number): StormBand[] {
  const services = new Set(series.map(seriesService).filter((s): s is string => s !== null));
  const out: StormBand[] = [];
  for (const a of anomalies) {
    if (a.kind !== 'gc_storm') continue;
    if (services.size > 0 && (!a.service || !services.has(a.service))) continue;
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
