import type { SpanKind, SpanReference, SpanStatus, TagValue } from '../../model/types';

/** Rules shared by the v1 and v3 normalizers, so both produce the same Span. */

export const UNKNOWN_SERVICE = 'unknown_service';
export const WARNINGS_ATTRIBUTE = '@jaeger@warnings';

const KINDS: Record<string, SpanKind> = {
  server: 'server',
  client: 'client',
  producer: 'producer',
  consumer: 'consumer',
  internal: 'internal',
  SPAN_KIND_SERVER: 'server',
  SPAN_KIND_CLIENT: 'client',
  SPAN_KIND_PRODUCER: 'producer',
  SPAN_KIND_CONSUMER: 'consumer',
  SPAN_KIND_INTERNAL: 'internal',
};
const OTLP_KINDS: SpanKind[] = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'];

export function kindFrom(value: unknown): SpanKind {
  if (typeof value === 'number') return OTLP_KINDS[value] ?? 'unspecified';
  if (typeof value === 'string') return KINDS[value] ?? KINDS[value.toLowerCase()] ?? 'unspecified';
  return 'unspecified';
}

/** error=true or otel.status_code=ERROR (or OTLP status code 2) → error; OK → ok. */
export function statusFrom(tags: Record<string, TagValue>, otlpCode?: number | string): SpanStatus {
  const err = tags.error;
  if (err === true || err === 'true' || tags['otel.status_code'] === 'ERROR' || otlpCode === 2 || otlpCode === 'STATUS_CODE_ERROR') return 'error';
  if (tags['otel.status_code'] === 'OK' || otlpCode === 1 || otlpCode === 'STATUS_CODE_OK') return 'ok';
  return 'unset';
}

/** First CHILD_OF reference inside the same trace, else the first FOLLOWS_FROM one. */
export function parentFrom(traceId: string, refs: SpanReference[]): string | null {
  let follows: string | null = null;
  for (const r of refs) {
    if (r.traceId !== traceId) continue;
    if (r.type === 'CHILD_OF') return r.spanId;
    follows ??= r.spanId;
  }
  return follows;
}

/** A decimal ns string (or number) → µs, by dropping the last three digits: exact, no BigInt. */
export function nsToUs(ns: string | number | undefined): number {
  if (ns === undefined) return 0;
  if (typeof ns === 'number') return Math.floor(ns / 1000);
  return ns.length > 3 ? Number(ns.slice(0, -3)) : 0;
}

const LOWER_SPAN = /^[0-9a-f]{16}$/;
const ZERO_SPAN = '0000000000000000';

/**
 * Memoizing id canonicalizers for one normalization pass: a trace repeats the same few
 * trace ids on every span and reference, and most span ids are already canonical.
 */
export function idCanonicalizers(canonicalTraceId: (s: string) => string | null, canonicalSpanId: (s: string) => string | null) {
  const traceCache = new Map<string, string | null>();
  return {
    trace(raw: string): string | null {
      let v = traceCache.get(raw);
      if (v === undefined) traceCache.set(raw, (v = canonicalTraceId(raw)));
      return v;
    },
    span(raw: string | undefined): string | null {
      if (raw === undefined || raw === '') return null;
      if (LOWER_SPAN.test(raw)) return raw === ZERO_SPAN ? null : raw;
      return canonicalSpanId(raw);
    },
  };
}
