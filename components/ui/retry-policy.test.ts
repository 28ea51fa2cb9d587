import { describe, expect, it } from 'vitest';
import { isRetryable, parseRetryAfter, retryDelay, shouldRetry } from './retry-policy';
import { ApiFetchError } from './use-api';

const api = (status: number, code = 'http') => new ApiFetchError(status, code, 'x');

describe('retry policy of the browser', () => {
  it('never asks again after a 4xx: the request itself is wrong', () => {
    for (const status of [400, 401, 403, 404, 409, 410, 413, 422]) expect(isRetryable(api(status)), String(status)).toBe(false);
    expect(shouldRetry(0, api(400, 'bad_request'))).toBe(false);
  });

  it('retries network errors, 5xx and 429, at most twice', () => {
    for (const e of [api(500), api(502), api(503), api(504), api(429), new TypeError('Failed to fetch')]) {
      expect(shouldRetry(0, e)).toBe(true);
      expect(shouldRetry(1, e)).toBe(true);
      expect(shouldRetry(2, e)).toBe(false);
    }
  });

  it('does not retry an answer in the wrong shape, a snapshot gap, an abort or a plain bug', () => {
    expect(isRetryable(api(200, 'bad_response'))).toBe(false);
    expect(isRetryable(api(404, 'not_in_snapshot'))).toBe(false);
    expect(isRetryable(Object.assign(new Error('aborted'), { name: 'AbortError' }))).toBe(false);
    expect(isRetryable(new Error('undefined is not a function'))).toBe(false);
    expect(isRetryable(null)).toBe(false);
  });

  it('backs off 1 s, 2 s, 4 s up to 10 s, or waits what Retry-After said', () => {
    expect([0, 1, 2, 5].map((n) => retryDelay(n, api(503)))).toEqual([1_000, 2_000, 4_000, 10_000]);
    expect(retryDelay(0, Object.assign(api(429), { retryAfterMs: 3_000 }))).toBe(3_000);
    expect(retryDelay(0, Object.assign(api(429), { retryAfterMs: 600_000 }))).toBe(10_000);
  });

  it('reads Retry-After as seconds or as a date', () => {
    expect(parseRetryAfter('7', 0)).toBe(7_000);
    expect(parseRetryAfter('Fri, 04 Dec 2026 12:00:05 GMT', Date.parse('2026-12-04T12:00:00Z'))).toBe(5_000);
    expect(parseRetryAfter('soon', 0)).toBeNull();
    expect(parseRetryAfter(null, 0)).toBeNull();
  });
});
