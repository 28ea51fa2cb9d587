/**
 * Test-only helpers for lib/correlate: a span builder and a deliberately tiny Jaeger v1
 * JSON → Span reader for the reference fixtures. The real normalizer lives in
 * lib/sources/jaeger; this one only knows what the tests need.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { canonicalSpanId, canonicalTraceId } from '../model/ids';
import type { Span, SpanKind, TagValue, Trace } from '../model/types';

// The backends' own payloads, copied into the repo so tests do not depend on shared/.
export const FIXTURES = path.join(__dirname, '../sources/jaeger/fixtures');

export const T = '4bf92f3577b34da6a3ce929d0e0e4736';

/** Test spans are placed at BASE_MS + their offset (a zero start means "missing" to Jaeger UI). */
export const BASE_MS = 1_719_990_000_000;
export const BASE_US = BASE_MS * 1000;

/** Span ids from small numbers: sid(1) = "0000000000000001". */
export const sid = (n: number): string => n.toString(16).padStart(16, '0');

export function span(id: number | string, parent: number | string | null, startMs: number, durMs: number, extra: Partial<Span> = {}): Span {
  const spanId = typeof id === 'number' ? sid(id) : id;
  const parentSpanId = parent === null ? null : typeof parent === 'number' ? sid(parent) : parent;
  return {
    traceId: T,
    spanId,
    parentSpanId,
    references: parentSpanId ? [{ type: 'CHILD_OF', traceId: T, spanId: parentSpanId }] : [],
    service: 'svc',
    operation: `op-${spanId}`,
    kind: 'internal',
    startUs: (BASE_MS + startMs) * 1000,
    durationUs: durMs * 1000,
    status: 'unset',
    tags: {},
    processTags: {},
    events: [],
    warnings: [],
    ...extra,
  };
}

export const trace = (spans: Span[], traceId = T): Trace => ({ traceId, spans, warnings: [] });

interface V1Kv {
  key: string;
  type: string;
  value: unknown;
}
interface V1Span {
  traceID: string;
  spanID: string;
  operationName: string;
  references?: { refType: 'CHILD_OF' | 'FOLLOWS_FROM'; traceID: string; spanID: string }[];
  startTime: number;
  duration: number;
  tags?: V1Kv[];
  logs?: { timestamp: number; fields: V1Kv[] }[];
  processID: string;
  warnings: string[] | null;
}
interface V1Trace {
  traceID: string;
  spans: V1Span[];
  processes: Record<string, { serviceName: string; tags: V1Kv[] }>;
  warnings: string[] | null;
}

const kvs = (list: V1Kv[] = []): Record<string, TagValue> =>
  Object.fromEntries(list.map((kv) => [kv.key, typeof kv.value === 'object' ? JSON.stringify(kv.value) : (kv.value as TagValue)]));

export function fromV1(t: V1Trace): Trace {
  const traceId = canonicalTraceId(t.traceID)!;
  const spans = t.spans.map((s): Span => {
    const references = (s.references ?? []).map((r) => ({
      type: r.refType,
      traceId: canonicalTraceId(r.traceID) ?? '',
      spanId: canonicalSpanId(r.spanID) ?? '',
    }));
    const same = references.filter((r) => r.traceId === traceId);
    const parent = same.find((r) => r.type === 'CHILD_OF') ?? same.find((r) => r.type === 'FOLLOWS_FROM');
    const tags = kvs(s.tags);
    const proc = t.processes[s.processID];
    return {
      traceId,
      spanId: canonicalSpanId(s.spanID)!,
      parentSpanId: parent?.spanId ?? null,
      references,
      service: proc?.serviceName ?? 'unknown-service',
      operation: s.operationName,
      kind: (typeof tags['span.kind'] === 'string' ? tags['span.kind'] : 'unspecified') as SpanKind,
      startUs: s.startTime,
      durationUs: s.duration,
      status: tags.error === true ? 'error' : 'unset',
      tags,
      processTags: kvs(proc?.tags),
      events: (s.logs ?? []).map((l) => ({ tsUs: l.timestamp, fields: kvs(l.fields) })),
      warnings: s.warnings ?? [],
    };
  });
  return { traceId, spans, warnings: t.warnings ?? [] };
}

/** Reads a v1 fixture, bare trace or `{data:[trace]}` envelope. */
export function loadV1Fixture(file: string): Trace {
  const json = JSON.parse(readFileSync(`${FIXTURES}/${file}`, 'utf8')) as V1Trace | { data: V1Trace[] };
  return fromV1('data' in json ? json.data[0] : json);
}

/** Deep-freezes test input so any mutation throws. */
export function deepFreeze<V>(value: V): V {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
