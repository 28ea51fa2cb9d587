import type { ApiSpan, ApiTrace } from '@/lib/api/types';
import type { Anomaly } from '@/lib/model/anomaly';

/**
 * Why a span is detached from the tree, in words: the span's own `orphanReason`, else the
 * explanation of the orphan_span / multiple_roots finding that names it, else what the
 * trace shows (the parent id is missing).
 */
export interface SpanNotes {
  orphans: ReadonlySet<string>;
  /** Roots after the first when the trace is split. */
  splitRoots: ReadonlySet<string>;
  reasonFor(span: ApiSpan): string | null;
}

function findingsBySpan(anomalies: readonly Anomaly[], kind: Anomaly['kind']): Map<string, Anomaly> {
  const out = new Map<string, Anomaly>();
  for (const a of anomalies) {
    if (a.kind !== kind) continue;
    for (const id of a.subject.spanIds ?? []) if (!out.has(id)) out.set(id, a);
  }
  return out;
}

export function spanNotes(trace: ApiTrace, anomalies: readonly Anomaly[]): SpanNotes {
  const orphans = new Set(trace.orphanSpanIds);
  for (const s of trace.spans) if (s.orphan || s.orphanReason) orphans.add(s.spanId);
  const splitRoots = new Set(trace.rootSpanIds.length > 1 ? trace.rootSpanIds.slice(1) : []);
  const ids = new Set(trace.spans.map((s) => s.spanId));
  const orphanFindings = findingsBySpan(anomalies, 'orphan_span');
  const splitFindings = findingsBySpan(anomalies, 'multiple_roots');
  return {
    orphans,
    splitRoots,
    reasonFor(span) {
      if (orphans.has(span.spanId)) {
        return (
          span.orphanReason ??
          orphanFindings.get(span.spanId)?.explanation ??
          // An orphan whose parent is in the trace was cut out of a parent cycle (docs/anomalies.md).
          (span.parentSpanId !== null && ids.has(span.parentSpanId)
            ? `Its parent links loop (through span ${span.parentSpanId}), so it is shown as a root.`
            : `Its parent span ${span.parentSpanId ?? '(none)'} is not in this trace.`)
        );
      }
      if (splitRoots.has(span.spanId)) {
        return (
          splitFindings.get(span.spanId)?.explanation ??
          `This span has no parent although the trace already has a root: the trace is split into ${trace.rootSpanIds.length} trees.`
        );
      }
      return null;
    },
  };
}
