import type { ApiProcess, ApiSpan, ApiSpanEvent, ApiTrace } from '../api/contract/trace';
import type { TagValue } from '../model/types';
import { rfc3339Formatter, toRfc3339 } from '../time/range';
import type { SpanNode, TraceView } from './trace-model';

/**
 * Builds the public API shapes of `GET /api/v1/traces/{id}/correlated` (lib/api/contract/trace.ts)
 * for the trace and exemplars from the trace model.
 */
export type { ApiExemplar, ApiProcess, ApiSpan, ApiSpanEvent, ApiTrace } from '../api/contract/trace';

const usToRfc3339 = (us: number) => toRfc3339(Math.floor(us / 1000));

/** Jaeger warnings first, then this analysis' findings, without repeats. */
const mergeWarnings = (a: readonly string[], b: readonly string[]): string[] => (a.length + b.length === 0 ? [] : [...new Set([...a, ...b])]);

/**
 * Distinct processes by content: spans of one process usually share its tags object, so the
 * content key is computed once per object, not once per span.
 */
export function processTable() {
  const processes: Record<string, ApiProcess> = {};
  const byObject = new Map<Record<string, TagValue>, string>();
  const byContent = new Map<string, string>();
  const keyOf = (service: string, tags: Record<string, TagValue>): string | undefined => {
    const known = byObject.get(tags);
    if (known !== undefined && processes[known].service === service) return known;
    if (Object.keys(tags).length === 0) return undefined;
    const content = JSON.stringify([service, tags]);
    let key = byContent.get(content);
    if (key === undefined) {
      key = `p${byContent.size + 1}`;
      byContent.set(content, key);
      processes[key] = { service, tags: { ...tags } };
    }
    byObject.set(tags, key);
    return key;
  };
  return { processes, keyOf };
}

/** Span fields derived from the analysis, shared by the API shape and the waterfall's columns. */
export const apiParentSpanId = (view: TraceView, n: SpanNode): string | null => {
  const parent = n.parentKey ? view.byKey.get(n.parentKey) : undefined;
  // An orphan names the parent it misses (also when only a reference named it).
  return parent ? parent.spanId : (n.missingParentId ?? n.span.parentSpanId);
};
export const apiDurationMs = (n: SpanNode): number => (n.endUs - n.startUs) / 1000;
export const apiWarnings = (n: SpanNode): string[] => mergeWarnings(n.span.warnings ?? [], n.warnings);

/** The trace's own fields (everything but the spans) in API shape. */
export function apiTraceFields(view: TraceView, processes: Record<string, ApiProcess>): Omit<ApiTrace, 'spans'> {
  return {
    rootSpanIds: [...view.rootSpanIds],
    orphanSpanIds: [...view.orphanSpanIds],
    duplicateSpanIds: [...view.duplicateSpanIds],
    warnings: [...view.warnings],
    start: usToRfc3339(view.startUs),
    durationMs: view.durationUs / 1000,
    processes,
  };
}

/** A span's events in API shape; null when it has none. */
export function apiEvents(n: SpanNode, rfc3339: (ms: number) => string): ApiSpanEvent[] | null {
  const events = n.span.events;
  if (!events || events.length === 0) return null;
  return events.map((e) => ({
    ts: rfc3339(Math.floor((Number.isFinite(e.tsUs) ? e.tsUs : n.startUs) / 1000)),
    ...(e.name !== undefined ? { name: e.name } : {}),
    fields: { ...e.fields },
  }));
}

/** Kept per view; never changed. */
const apiTraces = new WeakMap<TraceView, ApiTrace>();

/** The trace in API shape, spans in tree order (depth-first, siblings by start). */
export function toApiTrace(view: TraceView): ApiTrace {
  let api = apiTraces.get(view);
  if (!api) apiTraces.set(view, (api = buildApiTrace(view)));
  return api;
}

function buildApiTrace(view: TraceView): ApiTrace {
  const { processes, keyOf } = processTable();
  const rfc3339 = rfc3339Formatter();
  const usToRfc3339Fast = (us: number) => rfc3339(Math.floor(us / 1000));
  const spans = view.spans.map((n): ApiSpan => {
    const s = n.span;
    const api: ApiSpan = {
      spanId: n.spanId,
      parentSpanId: apiParentSpanId(view, n),
      service: s.service,
      operation: s.operation,
      start: usToRfc3339Fast(n.startUs),
      durationMs: apiDurationMs(n),
      status: s.status,
      // Shared with the normalized span, not copied: neither is changed after normalization.
      tags: s.tags,
      warnings: apiWarnings(n),
      key: n.key,
      startUs: n.startUs,
      depth: n.depth,
      kind: s.kind,
      parentLink: n.parentLink,
    };
    const events = apiEvents(n, rfc3339);
    if (events) api.events = events;
    const process = s.processTags ? keyOf(s.service, s.processTags) : undefined;
    if (process !== undefined) api.process = process;
    if (n.critical) api.critical = true;
    if (n.isOrphan) api.orphan = true;
    if (n.isDuplicate) api.duplicate = true;
    if (n.meshHop) api.meshHop = true;
    return api;
  });
  return { spans, ...apiTraceFields(view, processes) };
}
