import { canonicalSpanId, canonicalTraceId } from '../../model/ids';
import type { Span, SpanEvent, SpanReference, TagValue, Trace } from '../../model/types';
import type { KVv3, ResourceSpans, SpanV3 } from './schemas';
import { UNKNOWN_SERVICE, WARNINGS_ATTRIBUTE, idCanonicalizers, kindFrom, nsToUs, parentFrom, statusFrom } from '../jaeger/span-common';

type Ids = ReturnType<typeof idCanonicalizers>;

/** Pure: OTLP JSON resource spans (Jaeger /api/v3, lib/sources/jaeger/README.md §4.5; Tempo, lib/sources/tempo/README.md §2) → Trace[], grouped by trace id. */

const HEX = /^[0-9a-fA-F]*$/;

/** OTLP JSON ids are hex; some gateways emit base64 bytes instead. */
function idHex(s: string | undefined): string {
  if (!s) return '';
  if (HEX.test(s)) return s;
  return /^[A-Za-z0-9+/_-]+={0,2}$/.test(s) ? Buffer.from(s, 'base64').toString('hex') : s;
}

type Any = Record<string, unknown>;

/**
 * Nested OTLP values (arrays, key-value lists) become one JSON text, built once from a
 * plain structure with bounded depth, item count and length — stringifying per level
 * grew a 918-byte span at depth 22 into a 12.5 MB tag (docs/reliability.md, "Parsing").
 */
export const MAX_ATTRIBUTE_DEPTH = 8;
export const MAX_ATTRIBUTE_ITEMS = 1_000;
export const MAX_ATTRIBUTE_CHARS = 16_384;
const CUT = '…';

/** An OTLP AnyValue → a tag value; int64 outside the safe range stays a string. */
function anyValue(v: unknown): TagValue {
  if (v !== null && typeof v === 'object' && ('arrayValue' in v || 'kvlistValue' in v)) {
    const text = JSON.stringify(plain(v, 0, { left: MAX_ATTRIBUTE_ITEMS }));
    return text.length > MAX_ATTRIBUTE_CHARS ? `${text.slice(0, MAX_ATTRIBUTE_CHARS)}${CUT}` : text;
  }
  return scalar(v);
}

function scalar(v: unknown): TagValue {
  if (v === null || typeof v !== 'object') return v === undefined || v === null ? '' : (v as TagValue);
  const a = v as Any;
  if ('stringValue' in a) return String(a.stringValue ?? '');
  if ('boolValue' in a) return a.boolValue === true || a.boolValue === 'true';
  if ('intValue' in a) {
    const n = typeof a.intValue === 'number' ? a.intValue : Number(a.intValue);
    return Number.isSafeInteger(n) ? n : String(a.intValue);
  }
  if ('doubleValue' in a) {
    const d = a.doubleValue;
    return typeof d === 'number' ? d : d === 'NaN' ? NaN : d === 'Infinity' ? Infinity : d === '-Infinity' ? -Infinity : Number(d);
  }
  if ('bytesValue' in a) return String(a.bytesValue ?? '');
  return '';
}

/** A nested value as plain JSON data; past the depth or item budget a branch becomes "…". */
function plain(v: unknown, depth: number, budget: { left: number }): unknown {
  if (budget.left-- <= 0) return CUT;
  if (v === null || typeof v !== 'object') return scalar(v);
  const a = v as Any;
  if ('arrayValue' in a || 'kvlistValue' in a) {
    if (depth >= MAX_ATTRIBUTE_DEPTH) return CUT;
    if ('arrayValue' in a) {
      const values = (a.arrayValue as Any | null)?.values;
      return Array.isArray(values) ? values.slice(0, Math.max(0, budget.left)).map((x) => plain(x, depth + 1, budget)) : [];
    }
    const out: Record<string, unknown> = {};
    const kvs = (a.kvlistValue as Any | null)?.values;
    if (Array.isArray(kvs)) for (const kv of kvs.slice(0, Math.max(0, budget.left)) as KVv3[]) out[String(kv.key)] = plain(kv.value, depth + 1, budget);
    return out;
  }
  return scalar(v);
}

function attrs(list: KVv3[] | null | undefined): Record<string, TagValue> {
  const out: Record<string, TagValue> = {};
  if (list) for (const kv of list) out[kv.key] = anyValue(kv.value);
  return out;
}

/** `@jaeger@warnings` is an array of strings: read it from the raw attribute, not the JSON text. */
function warningsOf(list: KVv3[] | null | undefined): string[] {
  const kv = list?.find((k) => k.key === WARNINGS_ATTRIBUTE);
  if (!kv) return [];
  const values = ((kv.value as Any | null)?.arrayValue as Any | undefined)?.values as unknown[] | undefined;
  if (Array.isArray(values)) return values.map((v) => String(anyValue(v)));
  return [String(anyValue(kv.value))];
}

function normalizeSpan(raw: SpanV3, service: string, processTags: Record<string, TagValue>, scope: { name?: string; version?: string } | null | undefined, ids: Ids): Span | null {
  const traceId = ids.trace(raw.traceId);
  const spanId = ids.span(idHex(raw.spanId));
  if (!traceId || !spanId) return null;
  const references: SpanReference[] = [];
  const parent = ids.span(idHex(raw.parentSpanId));
  if (parent) references.push({ type: 'CHILD_OF', traceId, spanId: parent });
  for (const l of raw.links ?? []) {
    const lt = ids.trace(l.traceId);
    const ls = ids.span(idHex(l.spanId));
    if (lt && ls) references.push({ type: 'FOLLOWS_FROM', traceId: lt, spanId: ls });
  }
  const tags = attrs(raw.attributes);
  let warnings: string[] = [];
  if (WARNINGS_ATTRIBUTE in tags) {
    warnings = warningsOf(raw.attributes);
    delete tags[WARNINGS_ATTRIBUTE];
  }
  if (scope?.name) tags['otel.scope.name'] = scope.name;
  if (scope?.version) tags['otel.scope.version'] = scope.version;
  if (raw.status?.message) tags['otel.status_description'] = raw.status.message;
  const startUs = nsToUs(raw.startTimeUnixNano);
  const endUs = nsToUs(raw.endTimeUnixNano);
  const events: SpanEvent[] = (raw.events ?? []).map((e) => ({ tsUs: nsToUs(e.timeUnixNano), name: e.name, fields: attrs(e.attributes) }));
  return {
    traceId,
    spanId,
    parentSpanId: parentFrom(traceId, references),
    references,
    service,
    operation: raw.name,
    kind: kindFrom(raw.kind ?? 0),
    startUs,
    durationUs: Math.max(0, endUs - startUs),
    status: statusFrom(tags, raw.status?.code),
    tags,
    processTags,
    events,
    warnings,
  };
}

export function normalizeResourceSpans(list: ResourceSpans[] | null | undefined): Trace[] {
  const byTrace = new Map<string, Trace>();
  const ids = idCanonicalizers((s) => canonicalTraceId(idHex(s)), canonicalSpanId);
  for (const rs of list ?? []) {
    const processTags = attrs(rs.resource?.attributes);
    const name = processTags['service.name'];
    delete processTags['service.name'];
    const service = typeof name === 'string' && name !== '' ? name : UNKNOWN_SERVICE;
    for (const ss of rs.scopeSpans ?? []) {
      for (const raw of ss.spans ?? []) {
        const span = normalizeSpan(raw, service, processTags, ss.scope, ids);
        let trace = span ? byTrace.get(span.traceId) : undefined;
        if (span && !trace) byTrace.set(span.traceId, (trace = { traceId: span.traceId, spans: [], warnings: [] }));
        if (span && trace) trace.spans.push(span);
      }
    }
  }
  return [...byTrace.values()];
}
