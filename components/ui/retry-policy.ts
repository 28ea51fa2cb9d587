/**
 * When the browser asks our API again (issue 16: every 4xx was sent twice). A 4xx says the
 * request itself is wrong — asking again gets the same answer — except 429 (too many
 * requests), which says "later". Server errors (5xx) and a network that failed are worth a
 * retry, with backoff; an answer in the wrong shape is not. The server already retries its
 * backends (lib/sources/http.ts), so the browser tries at most twice more.
 */
export const MAX_RETRIES = 2;
const BASE_DELAY_MS = 1_000;
const MAX_DELAY_MS = 10_000;

interface HttpishError {
  status?: unknown;
  code?: unknown;
  name?: unknown;
  retryAfterMs?: unknown;
}

/** Whether a failed request is worth asking again: network errors, 5xx and 429, never other 4xx or a bad body. */
export function isRetryable(error: unknown): boolean {
  const e = (error ?? {}) as HttpishError;
  if (e.name === 'AbortError') return false;
  if (typeof e.status !== 'number') return error instanceof TypeError; // fetch rejects with a TypeError when the network fails
  if (e.code === 'bad_response' || e.code === 'not_in_snapshot') return false;
  return e.status === 429 || e.status >= 500 || e.status === 0;
}

/** React Query's `retry`: how many times were tried already, and what failed. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  return failureCount < MAX_RETRIES && isRetryable(error);
}

/** React Query's `retryDelay`: the server's Retry-After when it sent one (429/503), else 1 s, 2 s, 4 s… up to 10 s. */
export function retryDelay(failureCount: number, error: unknown): number {
  const after = (error as HttpishError | null)?.retryAfterMs;
  if (typeof after === 'number' && Number.isFinite(after) && after >= 0) return Math.min(after, MAX_DELAY_MS);
  return Math.min(BASE_DELAY_MS * 2 ** failureCount, MAX_DELAY_MS);
}

/** Retry-After in ms: delta seconds, or an HTTP date relative to `nowMs`; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isFinite(at) ? Math.max(0, at - nowMs) : null;
}
