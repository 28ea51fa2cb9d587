import type { Span, TagValue, Trace } from '../../lib/model/types';
import { shortTraceId } from '../../lib/model/ids';

/** Demo traces in Jaeger's two wire shapes: v1 UI JSON (§4.3) and v3 OTLP JSON (§4.5). */

type KV = { key: string; type: 'string' | 'bool' | 'int64' | 'float64'; value: TagValue };

function kv(key: string, value: TagValue): KV {
  if (typeof value === 'boolean') return { key, type: 'bool', value };
  if (typeof value === 'number') return { key, type: Number.isInteger(value) ? 'int64' : 'float64', value };
  return { key, type: 'string', value };
}

const kvs = (tags: Record<string, TagValue>) => Object.entries(tags).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => kv(k, v));

/** Spans whose parent is not in the trace (the adjuster treats them as roots and warns). */
export function orphanParents(t: Trace): Map<string, string> {
  const ids = new Set(t.spans.map((s) => s.spanId));
  const out = new Map<string, string>();
  for (const s of t.spans) if (s.parentSpanId && !ids.has(s.parentSpanId)) out.set(s.spanId, s.parentSpanId);
  return out;
}

export function toV1Trace(t: Trace) {
  const processes: Record<string, { serviceName: string; tags: KV[] }> = {};
  const processIds = new Map<string, string>();
  const orphans = orphanParents(t);
  const traceID = shortTraceId(t.traceId);
  const spans = t.spans.map((s) => {
    const pkey = JSON.stringify([s.service, s.processTags]);
    let pid = processIds.get(pkey);
    if (!pid) {
      pid = `p${processIds.size + 1}`;
      processIds.set(pkey, pid);
      processes[pid] = { serviceName: s.service, tags: kvs(s.processTags) };
    }
    const orphanOf = orphans.get(s.spanId);
    return {
      traceID,
      spanID: s.spanId,
      operationName: s.operation,
      references: s.references.map((r) => ({ refType: r.type, traceID: shortTraceId(r.traceId), spanID: r.spanId })),
      startTime: s.startUs,
      duration: s.durationUs,
      flags: 1,
      tags: kvs(s.tags),
      logs: s.events.map((e) => ({ timestamp: e.tsUs, fields: kvs(e.name ? { event: e.name, ...e.fields } : e.fields) })),
      processID: pid,
      warnings: orphanOf ? [`invalid parent span IDs=${orphanOf}; skipping clock skew adjustment`] : null,
    };
  });
  return { traceID, spans, processes, warnings: null };
}

type AnyValue = { stringValue: string } | { boolValue: boolean } | { intValue: string } | { doubleValue: number } | { arrayValue: { values: AnyValue[] } };

function anyValue(v: TagValue): AnyValue {
  if (typeof v === 'boolean') return { boolValue: v };
  if (typeof v === 'number') return Number.isInteger(v) ? { intValue: String(v) } : { doubleValue: v };
  return { stringValue: v };
}

const attrs = (tags: Record<string, TagValue>) => Object.entries(tags).map(([key, v]) => ({ key, value: anyValue(v) }));

const KIND: Record<Span['kind'], number> = { unspecified: 0, internal: 1, server: 2, client: 3, producer: 4, consumer: 5 };
const usToNs = (us: number) => (BigInt(us) * 1000n).toString();

function otlpSpan(s: Span, orphanOf: string | undefined) {
  // span.kind and error are span fields in OTLP, not attributes.
  const { 'span.kind': _kind, error: _error, ...tags } = s.tags;
  const attributes: { key: string; value: AnyValue }[] = attrs(tags);
  if (orphanOf) {
    attributes.push({ key: '@jaeger@warnings', value: { arrayValue: { values: [{ stringValue: `parent span ID=${orphanOf} is not in the trace; skipping clock skew adjustment` }] } } });
  }
  return {
    traceId: s.traceId,
    spanId: s.spanId,
    ...(s.parentSpanId ? { parentSpanId: s.parentSpanId } : {}),
    name: s.operation,
    kind: KIND[s.kind],
    startTimeUnixNano: usToNs(s.startUs),
    endTimeUnixNano: usToNs(s.startUs + s.durationUs),
    attributes,
    events: s.events.map((e) => ({ timeUnixNano: usToNs(e.tsUs), name: e.name ?? 'log', attributes: attrs(e.fields) })),
    status: s.status === 'error' ? { code: 2 } : {},
  };
}

/** One OTLP resourceSpans entry per service of the trace. */
export function toOtlpResourceSpans(t: Trace) {
  const orphans = orphanParents(t);
  const byService = new Map<string, Span[]>();
  for (const s of t.spans) byService.set(s.service, [...(byService.get(s.service) ?? []), s]);
  return [...byService].map(([service, spans]) => ({
    resource: { attributes: attrs({ 'service.name': service, ...spans[0].processTags }) },
    scopeSpans: [{ scope: { name: 'triangulate-demo' }, spans: spans.map((s) => otlpSpan(s, orphans.get(s.spanId))) }],
  }));
}
