import { canonicalRequestId } from '../model/ids';
import type { Span, TagValue } from '../model/types';

/**
 * Pure: the request ids (x-request-id) a trace is known by, and which span each belongs to
 * (docs/trace-context.md §7.3). A log line with no trace id but one of these request ids is
 * joined `request_id`: Envoy/Istio access logs and legacy services that log only the
 * request id still land on the trace. The request id is 122 random bits (a UUIDv4 by
 * Envoy's default generator), so an equal value is the same request, unlike time alone.
 */

/** Span tags that carry the request id: Envoy's `guid:x-request-id`, OTel captured headers, common names. */
export const REQUEST_ID_SPAN_TAGS = ['guid:x-request-id', 'http.request_id', 'http.request.id', 'http.request.header.x-request-id', 'request_id'] as const;

export interface RequestIdOwner {
  spanId: string | null;
  service: string | null;
}

/** One captured header value: OTel records headers as string arrays (JSON text after normalization). */
function tagRequestId(v: TagValue | undefined): string | null {
  if (typeof v !== 'string') return null;
  if (v.startsWith('[')) {
    try {
      const arr: unknown = JSON.parse(v);
      return Array.isArray(arr) && typeof arr[0] === 'string' ? canonicalRequestId(arr[0]) : null;
    } catch {
      return null;
    }
  }
  return canonicalRequestId(v);
}

export interface OwnLine {
  requestId: string | null;
  spanId: string | null;
  service: string | null;
}

/**
 * Request id → the spans (and services) it was seen on: span tags first, then lines that carry
 * this trace's id and a request id (their span when they were joined to one).
 */
export function traceRequestIds(spans: readonly Span[], ownLines: readonly OwnLine[]): Map<string, RequestIdOwner[]> {
  const out = new Map<string, RequestIdOwner[]>();
  const add = (id: string, owner: RequestIdOwner) => {
    const list = out.get(id);
    if (!list) out.set(id, [owner]);
    else if (!list.some((o) => o.spanId === owner.spanId && o.service === owner.service)) list.push(owner);
  };
  for (const s of spans) {
    for (const tag of REQUEST_ID_SPAN_TAGS) {
      const id = tagRequestId(s.tags[tag]);
      if (id) add(id, { spanId: s.spanId, service: s.service });
    }
  }
  for (const l of ownLines) if (l.requestId) add(l.requestId, { spanId: l.spanId, service: l.service });
  return out;
}

/**
 * The span a request-id line attaches to: an owner span of the line's own service, else none
 * (the line is joined to the trace, not to another service's span).
 */
export function spanForRequestId(owners: readonly RequestIdOwner[], service: string | null): string | null {
  if (service === null) return null;
  return owners.find((o) => o.service === service && o.spanId !== null)?.spanId ?? null;
}
