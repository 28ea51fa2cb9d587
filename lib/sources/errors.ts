import type { z } from 'zod';
import type { SourceName } from '../model/types';

/**
 * The one error every backend call throws. `kind` says what went wrong in terms the UI and
 * the investigation layer can act on; `message` carries the backend's own words.
 */
export type SourceErrorKind =
  | 'timeout'
  | 'unreachable'
  | 'http'
  | 'bad_query'
  | 'bad_response'
  | 'too_large'
  | 'circuit_open'
  /** Too many calls already waiting for this backend here; retry after `retryAfterMs`. */
  | 'busy'
  /** The caller's signal aborted (e.g. the browser tab closed). Not a backend failure. */
  | 'canceled';

export interface SourceErrorInit {
  source: SourceName;
  kind: SourceErrorKind;
  message: string;
  status?: number;
  /** Backend error class when it sends one (Prometheus `errorType`). */
  backendType?: string;
  /** Server-requested wait (Retry-After), in ms. */
  retryAfterMs?: number;
  cause?: unknown;
}

export class SourceError extends Error {
  readonly source: SourceName;
  readonly kind: SourceErrorKind;
  readonly status?: number;
  readonly backendType?: string;
  readonly retryAfterMs?: number;

  constructor(init: SourceErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'SourceError';
    this.source = init.source;
    this.kind = init.kind;
    this.status = init.status;
    this.backendType = init.backendType;
    this.retryAfterMs = init.retryAfterMs;
  }

  toJSON() {
    return { source: this.source, kind: this.kind, status: this.status, message: this.message };
  }
}

export function isSourceError(err: unknown): err is SourceError {
  return err instanceof SourceError;
}

/** A malformed payload from `source` (named `label` in the message): a bad_response error naming where it broke. */
export function badResponse(source: SourceName, what: string, cause?: unknown, label: string = source): SourceError {
  return new SourceError({ source, kind: 'bad_response', message: `unexpected response from ${label}: ${what}`, cause });
}

/** A backend answer checked against its schema; the first mismatch becomes a bad_response naming where. */
export function parseAnswer<T extends z.ZodType>(source: SourceName, schema: T, raw: unknown, what: string, label: string = source): z.infer<T> {
  const r = schema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw badResponse(source, `${what}: ${issue?.message ?? 'wrong shape'} at ${issue?.path.join('.') ?? ''}`, undefined, label);
  }
  return r.data;
}
