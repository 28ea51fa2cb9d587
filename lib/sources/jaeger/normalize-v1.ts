import { canonicalSpanId, canonicalTraceId } from '../../model/ids';
import type { Span, SpanEvent, SpanReference, TagValue, Trace } from '../../model/types';
import type { KVv1, SpanV1, TraceV1 } from './schemas';
import { UNKNOWN_SERVICE, WARNINGS_ATTRIBUTE, idCanonicalizers, kindFrom, parentFrom, statusFrom } from './span-common';

type Ids = ReturnType<typeof idCanonicalizers>;

/** Pure: Jaeger v1 UI JSON (lib/sources/jaeger/README.md §4.3) → Trace. */

/** int64 beyond 2^53 arrives as a string and stays one; binary stays base64. */
function tagValue(kv: KVv1): TagValue {
  const v = kv.value;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return v === null || v === undefined ? '' : JSON.stringify(v);
}

export function tagsV1(list: KVv1[] | null | undefined): Record<string, TagValue> {
  const out: Record<string, TagValue> = {};
  if (list) for (const kv of list) out[kv.key] = tagValue(kv);
  return out;
}

interface Process {
  service: string;
  tags: Record<string, TagValue>;
}

function normalizeSpan(raw: SpanV1, traceId: string, processes: Map<string, Process>, traceWarnings: string[], ids: Ids): Span | null {
  const spanId = ids.span(raw.spanID);
  if (!spanId) {
    traceWarnings.push(`span with invalid span id ${JSON.stringify(raw.spanID)} skipped`);
    return null;
  }
  const references: SpanReference[] = [];
  for (const r of raw.references ?? []) {
    const rt = ids.trace(r.traceID);
    const rs = ids.span(r.spanID);
    if (rt && rs && (r.refType === 'CHILD_OF' || r.refType === 'FOLLOWS_FROM')) references.push({ type: r.refType, traceId: rt, spanId: rs });
  }
  const tags = tagsV1(raw.tags);
  const warnings = raw.warnings ? [...raw.warnings] : [];
  const embedded = tags[WARNINGS_ATTRIBUTE];
  if (embedded !== undefined) {
    delete tags[WARNINGS_ATTRIBUTE];
    warnings.push(String(embedded));
  }
  let process = raw.process ? { service: raw.process.serviceName, tags: tagsV1(raw.process.tags) } : processes.get(raw.processID ?? '');
  if (!process) {
    warnings.push(`process ${JSON.stringify(raw.processID ?? '')} is missing from the trace`);
    process = { service: UNKNOWN_SERVICE, tags: {} };
  }
  const events: SpanEvent[] = (raw.logs ?? []).map((l) => {
    const fields = tagsV1(l.fields);
    return typeof fields.event === 'string' ? { tsUs: l.timestamp, name: fields.event, fields } : { tsUs: l.timestamp, fields };
  });
  return {
    traceId: ids.trace(raw.traceID) ?? traceId,
    spanId,
    parentSpanId: parentFrom(traceId, references),
    references,
    service: process.service || UNKNOWN_SERVICE,
    operation: raw.operationName,
    kind: kindFrom(tags['span.kind']),
    startUs: raw.startTime,
    durationUs: raw.duration,
    status: statusFrom(tags),
    tags,
    processTags: process.tags,
    events,
    warnings,
  };
}

/** One v1 trace → Trace, or null when it has no usable trace id. */
export function normalizeTraceV1(raw: TraceV1): Trace | null {
  const spansIn = raw.spans ?? [];
  const traceId = canonicalTraceId(raw.traceID ?? spansIn[0]?.traceID);
  if (!traceId) return null;
  const processes = new Map<string, Process>();
  for (const [id, p] of Object.entries(raw.processes ?? {})) processes.set(id, { service: p.serviceName, tags: tagsV1(p.tags) });
  const warnings = raw.warnings ? [...raw.warnings] : [];
  const spans: Span[] = [];
  const ids = idCanonicalizers(canonicalTraceId, canonicalSpanId);
  for (const s of spansIn) {
    const span = normalizeSpan(s, traceId, processes, warnings, ids);
    if (span) spans.push(span);
  }
  return { traceId, spans, warnings };
}

export function normalizeTracesV1(list: TraceV1[] | null | undefined): Trace[] {
  const out: Trace[] = [];
  for (const t of list ?? []) {
    const n = normalizeTraceV1(t);
    if (n) out.push(n);
  }
  return out;
}
