import type { SourceConfig } from '../config';
import type { SourceName } from '../model/types';
import { readCappedText } from './body';
import { ByteBudget, SOURCE_BYTES_IN_FLIGHT } from './byte-budget';
import { CircuitBreaker, type BreakerOptions, type BreakerSnapshot } from './breaker';
import { chargeCall } from './call-bytes';
import { SourceError } from './errors';
import { describeNetworkError, errorFromResponse, isRetryableStatus, parseRetryAfter } from './http-errors';
import { ConcurrencyLimiter, QueueFull } from './limiter';
import { authHeader, requestParts, type QueryParams } from './http-request';
import { parseJsonBody } from './json-body';
import { LIVENESS_PATH, classifyFailure, sharedLiveness } from './outage';

export type { ParamValue, QueryParams } from './http-request';

/**
 * The one HTTP transport the three clients share: per-call timeout and caller cancellation,
 * bounded jittered retry of transient failures (honouring Retry-After), a per-source
 * concurrency limit, a circuit breaker and a response size cap. Every failure is a SourceError.
 * Its parts: the request's URL and body (http-request.ts), the body reader (body.ts) and its
 * memory budgets (call-bytes.ts), JSON parsing (json-body.ts), error mapping (http-errors.ts).
 */

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface TransportDeps {
  fetch?: typeof fetch;
  now?: () => number;
  sleep?: Sleep;
  random?: () => number;
}

export interface TransportOptions {
  maxConcurrency?: number;
  /** Calls allowed to wait for a slot; past it a call fails `busy` at once (the API answers 429). */
  maxQueue?: number;
  /** Response size cap in bytes (default 64 MiB). */
  maxBytes?: number;
  /** Bytes this source's answers may hold at once while read and parsed (default 96 MiB; lib/sources/byte-budget.ts). */
  maxBytesInFlight?: number;
  /** Retries after the first attempt (default 2). */
  maxRetries?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** The longest Retry-After wait honoured per retry (default 5 s). */
  maxRetryAfterMs?: number;
  breaker?: BreakerOptions;
  /** Sent with every request to this source (e.g. Loki's X-Scope-OrgID). */
  headers?: Record<string, string>;
  /**
   * How messages name the backend when it is not the role's usual one (a Tempo in the trace
   * role says "tempo", not "jaeger"); errors still carry the role as `source`.
   */
  displayName?: string;
  /** The liveness request's path when the backend is not the role's usual one (LIVENESS_PATH). */
  livenessPath?: string;
}

export interface RequestOptions {
  signal?: AbortSignal;
  headers?: Record<string, string>;
  /** Overrides the source's timeout for this call. */
  timeoutMs?: number;
  /** Lowers the response size cap for this call. */
  maxBytes?: number;
  /** Applied to the body text before JSON.parse: a client's chance to cut what it will not use before it is materialized (Prometheus series caps). */
  beforeParse?: (text: string) => string;
}

export interface TransportHealth extends BreakerSnapshot {
  inFlight: number;
  queued: number;
}

export interface Transport {
  readonly source: SourceName;
  getJson(path: string, params?: QueryParams, opts?: RequestOptions): Promise<unknown>;
  getText(path: string, params?: QueryParams, opts?: RequestOptions): Promise<string>;
  /** POST application/x-www-form-urlencoded (Prometheus long queries); still a read, so retried. */
  postForm(path: string, form: QueryParams, opts?: RequestOptions): Promise<unknown>;
  /** POST a JSON body (Elasticsearch `_search`); still a read, so retried. */
  postJson(path: string, body: unknown, params?: QueryParams, opts?: RequestOptions): Promise<unknown>;
  health(): TransportHealth;
}

export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
const ERROR_BODY_BYTES = 64 * 1024;

export const abortableSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/**
 * Requests in flight per backend. Prometheus evaluates 20 queries at once by default
 * (--query.max-concurrency) and queues the rest itself; an investigation sends its dozen or
 * so short panel queries together, and holding some back here would add a round trip.
 */
export const DEFAULT_MAX_CONCURRENCY: Record<SourceName, number> = { prometheus: 16, loki: 8, jaeger: 8 };
/** Waiting calls per backend beyond the concurrency limit (a scan's fan-out fits; a flood does not). */
export const DEFAULT_MAX_QUEUE: Record<SourceName, number> = { prometheus: 256, loki: 128, jaeger: 128 };
/** How long a "busy" caller is told to wait. */
const BUSY_RETRY_AFTER_MS = 2_000;

export function createTransport(cfg: SourceConfig, deps: TransportDeps = {}, options: TransportOptions = {}): Transport {
  const source = cfg.name;
  const name = options.displayName ?? source;
  const doFetch = deps.fetch ?? globalThis.fetch.bind(globalThis);
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? abortableSleep;
  const random = deps.random ?? Math.random;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxRetries = options.maxRetries ?? 2;
  const retryBaseMs = options.retryBaseMs ?? 250;
  const retryMaxMs = options.retryMaxMs ?? 2_000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 5_000;
  const inFlight = new ByteBudget(Math.max(options.maxBytesInFlight ?? SOURCE_BYTES_IN_FLIGHT, maxBytes));
  const limiter = new ConcurrencyLimiter(options.maxConcurrency ?? DEFAULT_MAX_CONCURRENCY[source], options.maxQueue ?? DEFAULT_MAX_QUEUE[source]);
  const breaker = new CircuitBreaker({ now, ...options.breaker });
  const auth = authHeader(cfg);
  const baseHeaders: Record<string, string> = { 'User-Agent': 'triangulate', ...cfg.headers, ...options.headers };
  if (auth) baseHeaders.Authorization = auth;

  const alive = sharedLiveness(async () => {
    const res = await doFetch(`${cfg.baseUrl}${options.livenessPath ?? LIVENESS_PATH[source]}`, { headers: baseHeaders, redirect: 'manual', signal: AbortSignal.timeout(Math.min(2_000, cfg.timeoutMs)) });
    await res.body?.cancel().catch(() => undefined);
    return res.status < 500;
  });

  /** Breaker bookkeeping for a call that was sent and failed (lib/sources/outage.ts). */
  function judge(ticket: { probe: boolean }, err: SourceError): void {
    const verdict = classifyFailure(err);
    if (verdict === 'outage') return breaker.onFailure(ticket, err.message);
    if (verdict === 'not_outage') return breaker.onSuccess(ticket); // it answered: a bad or heavy query is not an outage
    breaker.release(ticket);
    void alive().then((up) => {
      if (!up) breaker.onFailure({ probe: false }, err.message);
    });
  }

  function backoff(attempt: number): number {
    const exp = Math.min(retryMaxMs, retryBaseMs * 2 ** attempt);
    return Math.round(exp / 2 + (random() * exp) / 2);
  }

  async function attemptAll(url: string, init: RequestInit, signal: AbortSignal, deadline: number, capBytes: number, charge: (bytes: number) => string | null): Promise<string> {
    for (let attempt = 0; ; attempt++) {
      const canRetry = attempt < maxRetries;
      let res: Response;
      try {
        res = await doFetch(url, { ...init, signal });
      } catch (err) {
        if (signal.aborted) throw err;
        const wait = backoff(attempt);
        if (canRetry && now() + wait < deadline) {
          await sleep(wait, signal);
          continue;
        }
        throw new SourceError({ source, kind: 'unreachable', message: `${name} unreachable: ${describeNetworkError(err)}`, cause: err });
      }
      if ((res.status >= 300 && res.status < 400) || res.type === 'opaqueredirect') {
        await res.body?.cancel().catch(() => undefined);
        throw new SourceError({
          source,
          kind: 'http',
          status: res.status,
          message: `${name} redirected to ${res.headers.get('location') ?? '(no location)'}; not followed so credentials stay with the configured URL`,
        });
      }
      if (!res.ok) {
        const body = await readCappedText(source, res, ERROR_BODY_BYTES, true);
        const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), now());
        const err = errorFromResponse(source, res.status, res.statusText, body, retryAfterMs);
        if (canRetry && isRetryableStatus(res.status, err.backendType)) {
          const wait = Math.max(Math.min(retryAfterMs ?? 0, maxRetryAfterMs), backoff(attempt));
          if (now() + wait < deadline) {
            await sleep(wait, signal);
            continue;
          }
        }
        throw err;
      }
      return readCappedText(source, res, capBytes, false, charge);
    }
  }

  async function call<T>(method: 'GET' | 'POST', path: string, params: QueryParams | undefined, opts: RequestOptions, accept: string, read: (text: string) => T, jsonBody?: string): Promise<T> {
    const bytes = chargeCall(source, inFlight);
    const ticket = breaker.tryAcquire();
    if (!ticket) {
      const snap = breaker.snapshot();
      throw new SourceError({
        source,
        kind: 'circuit_open',
        message: `${name} circuit open after repeated failures${snap.lastError ? ` (last: ${snap.lastError})` : ''}; not calling it until ${snap.retryAtMs ? new Date(snap.retryAtMs).toISOString() : 'the probe finishes'}`,
      });
    }
    const timeoutMs = opts.timeoutMs ?? cfg.timeoutMs;
    const deadline = now() + timeoutMs;
    const ctl = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      ctl.abort(new Error('timeout'));
    }, timeoutMs);
    const onCallerAbort = () => ctl.abort(opts.signal?.reason);
    if (opts.signal?.aborted) onCallerAbort();
    else opts.signal?.addEventListener('abort', onCallerAbort, { once: true });

    const headers: Record<string, string> = { ...baseHeaders, Accept: accept, ...opts.headers };
    const { url, body } = requestParts(method, cfg.baseUrl, path, params, headers, jsonBody);
    const init: RequestInit = { method, headers, body, redirect: auth || cfg.headers ? 'manual' : 'follow' };

    let acquired = false;
    try {
      await limiter.acquire(ctl.signal);
      acquired = true;
      const text = await attemptAll(url, init, ctl.signal, deadline, Math.min(maxBytes, opts.maxBytes ?? maxBytes), bytes.charge);
      const result = read(opts.beforeParse ? opts.beforeParse(text) : text);
      breaker.onSuccess(ticket);
      return result;
    } catch (raw) {
      let err: SourceError;
      if (raw instanceof QueueFull) {
        breaker.release(ticket);
        throw new SourceError({ source, kind: 'busy', retryAfterMs: BUSY_RETRY_AFTER_MS, message: `${name}: too many queries waiting (${raw.waiting}); try again shortly` });
      }
      if (raw instanceof SourceError && !(timedOut && raw.kind === 'unreachable')) err = raw;
      else if (timedOut && !acquired) err = new SourceError({ source, kind: 'timeout', message: `${name}: no free connection slot within ${timeoutMs} ms (too many concurrent queries)` });
      else if (timedOut) err = new SourceError({ source, kind: 'timeout', message: `${name} did not answer within ${timeoutMs} ms` });
      else if (opts.signal?.aborted) err = new SourceError({ source, kind: 'canceled', message: `${name} request cancelled by the caller`, cause: opts.signal.reason });
      else err = new SourceError({ source, kind: 'unreachable', message: `${name} unreachable: ${describeNetworkError(raw)}`, cause: raw });

      // Cancelled, or never sent (timed out in our own queue): says nothing about the backend.
      if (err.kind === 'canceled' || !acquired) breaker.release(ticket);
      else judge(ticket, err);
      throw err;
    } finally {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onCallerAbort);
      if (acquired) limiter.release();
      bytes.release();
    }
  }

  const parseJson = (text: string): unknown => parseJsonBody(source, text, name);

  return {
    source,
    getJson: (path, params, opts = {}) => call('GET', path, params, opts, 'application/json', parseJson),
    getText: (path, params, opts = {}) => call('GET', path, params, opts, 'text/plain, */*', (t) => t),
    postForm: (path, form, opts = {}) => call('POST', path, form, opts, 'application/json', parseJson),
    postJson: (path, body, params, opts = {}) => call('POST', path, params, opts, 'application/json', parseJson, JSON.stringify(body)),
    health: () => ({ ...breaker.snapshot(), inFlight: limiter.inFlight, queued: limiter.waiting }),
  };
}
