import type { Labels, SpanKind, SpanStatus, TagValue } from '../model/types';
import { toRfc3339 } from '../time/range';
import { serviceColor } from './service-colors';
import type { TraceView } from './trace-model';

/**
 * The public API shapes of `GET /api/v1/traces/{id}/correlated` (ARCHITECTURE.md) for the
 * trace and exemplars. Fields beyond the contract are additive.
 */

export interface ApiSpanEvent {
  ts: string;
  name?: string;
  fields: Record<string, TagValue>;
}

export interface ApiSpan {
  spanId: string;
  /** The resolved parent; for an orphan, the id it references that is not in the trace. */
  parentSpanId: string | null;
  service: string;
  operation: string;
  start: string; // RFC3339 ms
  durationMs: number;
  status: SpanStatus;
  tags: Record<string, TagValue>;
  warnings: string[];
  // Additive fields.
  /** Unique row key: the span id, or `<spanId>_<n>` for the n-th duplicate. */
  key: string;
  startUs: number;
  depth: number;
  kind: SpanKind;
  parentLink: 'CHILD_OF' | 'FOLLOWS_FROM' | null;
  events: ApiSpanEvent[];
  processTags: Record<string, TagValue>;
  serviceColor: string;
  critical: boolean;
  orphan: boolean;
  duplicate: boolean;
  /** Why this span has no parent in the trace (set by the investigation from the orphan finding). */
  orphanReason?: string;
}

export interface ApiTrace {
  spans: ApiSpan[];
  rootSpanIds: string[];
  orphanSpanIds: string[];
  // Additive fields.
  duplicateSpanIds: string[];
  warnings: string[];
  start: string;
  durationMs: number;
  /** Services in the trace with their colour and counts (set by the investigation). */
  services?: { name: string; color: string; spanCount: number; errorCount: number }[];
}

export interface ApiExemplar {
  labels: Labels;
  traceId: string | null;
  value: number;
  ts: string;
  spanId: string | null;
  // Additive: the labels of the series the exemplar belongs to.
  seriesLabels: Labels;
  /** False when Jaeger does not have the trace (a dead link); absent when not checked. */
  traceExists?: boolean;
}

const usToRfc3339 = (us: number) => toRfc3339(Math.floor(us / 1000));

/** Jaeger warnings first, then this analysis' findings, without repeats. */
const mergeWarnings = (a: readonly string[], b: readonly string[]) => [...new Set([...a, ...b])];

/** The trace in API shape, spans in tree order (depth-first, siblings by start). */
export function toApiTrace(view: TraceView): ApiTrace {
  const spans = view.spans.map((n): ApiSpan => {
    const s = n.span;
    const parent = n.parentKey ? view.byKey.get(n.parentKey) : undefined;
    return {
      spanId: n.spanId,
      parentSpanId: parent ? parent.spanId : s.parentSpanId,
      service: s.service,
      operation: s.operation,
      start: usToRfc3339(n.startUs),
      durationMs: (n.endUs - n.startUs) / 1000,
      status: s.status,
      tags: { ...s.tags },
      warnings: mergeWarnings(s.warnings ?? [], n.warnings),
      key: n.key,
      startUs: n.startUs,
      depth: n.depth,
      kind: s.kind,
      parentLink: n.parentLink,
      events: (s.events ?? []).map((e) => ({
        ts: usToRfc3339(Number.isFinite(e.tsUs) ? e.tsUs : n.startUs),
        ...(e.name !== undefined ? { name: e.name } : {}),
        fields: { ...e.fields },
      })),
      processTags: { ...s.processTags },
      serviceColor: serviceColor(s.service),
      critical: n.critical,
      orphan: n.isOrphan,
      duplicate: n.isDuplicate,
    };
  });
  return {
    spans,
    rootSpanIds: [...view.rootSpanIds],
    orphanSpanIds: [...view.orphanSpanIds],
    duplicateSpanIds: [...view.duplicateSpanIds],
    warnings: [...view.warnings],
    start: usToRfc3339(view.startUs),
    durationMs: view.durationUs / 1000,
  };
}
