import type { ApiMetric } from '../api/contract/trace';
import type { Anomaly } from '../model/anomaly';
import type { LogEntry, SpanStatus } from '../model/types';
import type { ApiExemplar, ApiSpan } from './api-shape';
import { serviceOf } from './service-label';
import type { TraceView } from './trace-model';

/**
 * The incident timeline: spans, log lines, exemplars, metric windows and anomalies on
 * one axis (unix ms), from the parts of an investigation as the API returns them (so the
 * page builds it). Items keep a reference (key/index/id) into what they came from.
 */

interface Base {
  startMs: number;
  endMs: number;
  service: string | null;
}

export type TimelineItem =
  | (Base & { kind: 'span'; key: string; spanId: string; depth: number; status: SpanStatus; label: string; critical: boolean })
  | (Base & { kind: 'log'; index: number; tsNs: string; spanId: string | null; joinedBy: LogEntry['joinedBy'] })
  | (Base & { kind: 'exemplar'; index: number; traceId: string | null; spanId: string | null; value: number })
  | (Base & { kind: 'metric_window'; index: number; name: string })
  | (Base & { kind: 'anomaly'; id: string; anomalyKind: Anomaly['kind']; severity: Anomaly['severity']; label: string; ongoing: boolean; spanCount?: number });

export interface TimelineInput {
  spans?: readonly ApiSpan[];
  logs?: readonly LogEntry[];
  exemplars?: readonly ApiExemplar[];
  metrics?: readonly ApiMetric[];
  anomalies?: readonly Anomaly[];
  serviceLabels?: readonly string[];
}

/** Among equal start times: enclosing context first, point events after. */
const KIND_ORDER: Record<TimelineItem['kind'], number> = { anomaly: 0, metric_window: 1, span: 2, exemplar: 3, log: 4 };

export function buildTimeline(input: TimelineInput): TimelineItem[] {
  const items: TimelineItem[] = [];
  input.spans?.forEach((s) =>
    items.push({
      kind: 'span',
      startMs: s.startUs / 1000,
      endMs: s.startUs / 1000 + s.durationMs,
      service: s.service,
      key: s.key,
      spanId: s.spanId,
      depth: s.depth,
      status: s.status,
      label: `${s.service}: ${s.operation}`,
      critical: s.critical === true,
    }),
  );
  input.logs?.forEach((l, index) => {
    // Sub-millisecond order among logs is preserved by the stable sort below.
    const ms = /^\d{1,20}$/.test(l.tsNs) ? Number(BigInt(l.tsNs) / 1000n) / 1000 : NaN;
    items.push({ kind: 'log', startMs: ms, endMs: ms, service: l.service, index, tsNs: l.tsNs, spanId: l.spanId, joinedBy: l.joinedBy });
  });
  input.exemplars?.forEach((e, index) => {
    const ms = Date.parse(e.ts);
    const service = serviceOf(e.seriesLabels ?? {}, input.serviceLabels);
    items.push({ kind: 'exemplar', startMs: ms, endMs: ms, service, index, traceId: e.traceId, spanId: e.spanId, value: e.value });
  });
  input.metrics?.forEach((m, index) => {
    if (m.points.length === 0) return;
    let start = Infinity;
    let end = -Infinity;
    for (const [t] of m.points) {
      if (t < start) start = t;
      if (t > end) end = t;
    }
    items.push({ kind: 'metric_window', startMs: start, endMs: end, service: m.service ?? serviceOf(m.labels, input.serviceLabels), index, name: m.title ?? m.name });
  });
  input.anomalies?.forEach((a) => {
    const start = Date.parse(a.start);
    const end = a.end ? Date.parse(a.end) : start;
    const spanCount = a.subject.spanIds?.length;
    items.push({ kind: 'anomaly', startMs: start, endMs: end, service: a.service ?? null, id: a.id, anomalyKind: a.kind, severity: a.severity, label: a.title, ongoing: !a.end, ...(spanCount ? { spanCount } : {}) });
  });
  return items
    .filter((i) => Number.isFinite(i.startMs) && Number.isFinite(i.endMs))
    .map((item, order) => ({ item, order }))
    .sort((a, b) => a.item.startMs - b.item.startMs || KIND_ORDER[a.item.kind] - KIND_ORDER[b.item.kind] || a.order - b.order)
    .map(({ item }) => item);
}

export interface TimeWindow {
  fromMs: number;
  toMs: number;
}

export const MIN_METRIC_WINDOW_MS = 15 * 60_000;

/**
 * The range for metric panels around a trace: the trace plus `marginFraction` of its
 * duration on each side, widened (centred) to at least `minWidthMs` so rates over a
 * few minutes have enough samples.
 */
export function traceWindow(view: TraceView, marginFraction = 0.1, minWidthMs = MIN_METRIC_WINDOW_MS): TimeWindow {
  const start = view.startUs / 1000;
  const end = view.endUs / 1000;
  const margin = Math.max(0, marginFraction) * (end - start);
  let fromMs = start - margin;
  let toMs = end + margin;
  if (toMs - fromMs < minWidthMs) {
    const mid = (start + end) / 2;
    fromMs = mid - minWidthMs / 2;
    toMs = mid + minWidthMs / 2;
  }
  return { fromMs: Math.floor(fromMs), toMs: Math.ceil(toMs) };
}

/** The widest window the metric panels follow: raw series at 15 s stay under Prometheus' 11,000 points. */
export const MAX_METRIC_WINDOW_MS = 6 * 3_600_000;

/**
 * The metric panels' window: the window around the trace (traceWindow), or the time picker's
 * range when that is wider, so a storm that started before the trace has a "before" (issue
 * 16). Always covers the trace's window; a range wider than MAX_METRIC_WINDOW_MS is cut,
 * keeping more of what came before the trace than after it.
 */
export function metricWindow(view: TraceView, range: TimeWindow, maxWidthMs = MAX_METRIC_WINDOW_MS): TimeWindow {
  const around = traceWindow(view);
  if (range.toMs - range.fromMs <= around.toMs - around.fromMs) return around;
  const fromMs = Math.min(range.fromMs, around.fromMs);
  const toMs = Math.max(range.toMs, around.toMs);
  if (toMs - fromMs <= maxWidthMs) return { fromMs, toMs };
  const end = Math.min(toMs, Math.max(around.toMs, around.toMs + (maxWidthMs - (around.toMs - around.fromMs)) / 4));
  return { fromMs: Math.max(fromMs, end - Math.max(maxWidthMs, around.toMs - around.fromMs)), toMs: end };
}
