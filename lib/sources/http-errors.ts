import type { SourceName } from '../model/types';
import { SourceError, type SourceErrorKind } from './errors';

/**
 * Turning a non-2xx answer into a SourceError with the backend's own message. Each backend
 * words errors differently (lib/sources/README.md §7): Prometheus a JSON envelope, Loki plain text,
 * Jaeger v1 a JSON `errors` list (served as text/plain), Jaeger v3 `{error:{httpCode,message}}`,
 * Elasticsearch/OpenSearch `{error:{type,reason,root_cause}}` (lib/sources/elasticsearch/README.md §3),
 * Tempo plain text (lib/sources/tempo/README.md §5).
 */

const MAX_MESSAGE = 2_000;

export interface BackendMessage {
  message: string;
  /** Prometheus errorType, when present. */
  errorType?: string;
}

function clip(s: string): string {
  const t = s.trim();
  return t.length > MAX_MESSAGE ? `${t.slice(0, MAX_MESSAGE)}…` : t;
}

function asRecord(v: unknown): Record<string, unknown> | null {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

/** The backend's message from an error body of any of the known shapes; plain text otherwise. */
export function backendMessage(body: string): BackendMessage {
  const text = body.trim();
  if (text.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return { message: clip(text) };
    }
    const obj = asRecord(parsed);
    if (obj) {
      // Prometheus / Loki JSON envelope.
      if (typeof obj.error === 'string') {
        return { message: clip(obj.error), errorType: typeof obj.errorType === 'string' ? obj.errorType : undefined };
      }
      // Jaeger v3 gRPC-gateway error.
      const v3 = asRecord(obj.error);
      if (v3 && typeof v3.message === 'string') return { message: clip(v3.message) };
      // Elasticsearch / OpenSearch ElasticsearchException: the type goes to errorType, the
      // first root cause's reason is added when it says more ("all shards failed: …").
      if (v3 && typeof v3.reason === 'string') {
        const root = Array.isArray(v3.root_cause) ? asRecord(v3.root_cause[0]) : null;
        const detail = typeof root?.reason === 'string' && root.reason !== v3.reason ? `: ${root.reason}` : '';
        return { message: clip(`${v3.reason}${detail}`), errorType: typeof v3.type === 'string' ? v3.type : undefined };
      }
      // Jaeger v1 structuredResponse.
      if (Array.isArray(obj.errors)) {
        const msgs = obj.errors.map((e) => asRecord(e)?.msg).filter((m): m is string => typeof m === 'string');
        if (msgs.length > 0) return { message: clip(msgs.join('; ')) };
      }
      if (typeof obj.message === 'string') return { message: clip(obj.message) };
    }
  }
  return { message: clip(text) };
}

/** Prometheus errorType → kind (lib/sources/prometheus/README.md §1.2). */
function kindFromErrorType(errorType: string | undefined): SourceErrorKind | null {
  switch (errorType) {
    case 'bad_data':
    case 'execution':
      return 'bad_query';
    case 'timeout':
      return 'timeout';
    default:
      return null;
  }
}

function kindFromStatus(status: number): SourceErrorKind {
  if (status === 400 || status === 422) return 'bad_query';
  if (status === 504) return 'timeout';
  if (status === 413) return 'too_large';
  return 'http';
}

/** Retry-After as seconds or an HTTP date → ms to wait (≥ 0), or undefined. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

export function errorFromResponse(source: SourceName, status: number, statusText: string, body: string, retryAfterMs?: number): SourceError {
  const { message, errorType } = backendMessage(body);
  const kind = kindFromErrorType(errorType) ?? kindFromStatus(status);
  return new SourceError({
    source,
    kind,
    status,
    backendType: errorType,
    retryAfterMs,
    message: message || `HTTP ${status}${statusText ? ` ${statusText}` : ''}`,
  });
}

/** Transient answers worth retrying: overloaded or restarting backends, never query errors. */
export function isRetryableStatus(status: number, errorType?: string): boolean {
  // A PromQL evaluation timeout comes back as 503 but would only time out again.
  if (errorType === 'timeout') return false;
  return status === 429 || status === 502 || status === 503 || status === 504;
}

/** Network-level failure text, with the cause's message (which names ECONNREFUSED, ENOTFOUND …) when known. */
export function describeNetworkError(err: unknown): string {
  const e = err as { message?: string; cause?: { code?: string; message?: string } } | undefined;
  const inner = e?.cause?.message;
  const base = e?.message ?? String(err);
  if (inner) return `${base}: ${inner}`;
  return base;
}
