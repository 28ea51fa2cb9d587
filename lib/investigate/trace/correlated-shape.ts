import type { ApiTrace } from '../../api/types';
import type { Anomaly } from '../../model/anomaly';
import type { Exemplar } from '../../model/types';
import type { TraceView } from '../../correlate/trace-model';
import { serviceOf } from '../../correlate/service-label';

/** Exemplars worth showing: this trace's, and those of the trace's services in its window. */
export function relevantExemplars(all: readonly Exemplar[], traceId: string, services: readonly string[], window: { fromMs: number; toMs: number }, max = 300): Exemplar[] {
  const wanted = new Set(services);
  const own = all.filter((e) => e.traceId === traceId);
  const others = all.filter((e) => e.traceId !== traceId && e.tsMs >= window.fromMs && e.tsMs <= window.toMs && wanted.has(serviceOf(e.seriesLabels) ?? ''));
  return [...own, ...others.slice(-Math.max(0, max - own.length))];
}

/** Why each orphan has no parent, from the orphan findings, by span id. */
function orphanReasons(anomalies: readonly Anomaly[]): Map<string, string> {
  const reasons = new Map<string, string>();
  for (const a of anomalies) {
    if (a.kind !== 'orphan_span' || !a.subject.spanIds) continue;
    for (const id of a.subject.spanIds) reasons.set(id, a.explanation);
  }
  return reasons;
}

/** The same by row of the view (the stream's findings frame; rows are the columns' order). */
export function orphanReasonsByRow(view: TraceView, anomalies: readonly Anomaly[]): Record<number, string> {
  const reasons = orphanReasons(anomalies);
  const out: Record<number, string> = {};
  if (reasons.size === 0) return out;
  view.spans.forEach((n, i) => {
    const r = n.isOrphan ? reasons.get(n.spanId) : undefined;
    if (r !== undefined) out[i] = r;
  });
  return out;
}

/** Add what the page needs beyond the analysis: orphan reasons and the services with counts. */
export function decorateTrace(api: ApiTrace, view: TraceView, anomalies: readonly Anomaly[]): ApiTrace {
  const reasons = orphanReasons(anomalies);
  return {
    ...api,
    spans: reasons.size === 0 ? api.spans : api.spans.map((s) => (s.orphan && reasons.has(s.spanId) ? { ...s, orphanReason: reasons.get(s.spanId) } : s)),
    services: view.services,
  };
}
