import { describe, expect, it } from 'vitest';
import { SourceError } from './errors';
import { createTransport } from './http';
import { json, sourceConfig, text } from './test-helpers';

/**
 * Only outages open a breaker (docs/reliability.md, "Breakers"): a user's slow or heavy
 * query must not lock everyone out of a healthy backend.
 */

type Answer = (url: URL, signal: AbortSignal) => Promise<Response>;

/** A fetch that honours the abort signal, answering the liveness path with `live`. */
function transportWith(query: Answer, live: () => Response | Promise<Response>, threshold = 2) {
  const calls: string[] = [];
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    calls.push(url.pathname);
    if (url.pathname === '/-/healthy') return live();
    return query(url, init!.signal!);
  }) as typeof fetch;
  const transport = createTransport(sourceConfig('prometheus', { timeoutMs: 30 }), { fetch: fetchImpl, sleep: async () => undefined, random: () => 0.5 }, { maxRetries: 0, breaker: { failureThreshold: threshold, cooldownMs: 60_000 } });
  return { transport, calls };
}

const hang: Answer = (_url, signal) => new Promise((_r, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));

async function fail(p: Promise<unknown>): Promise<SourceError> {
  try {
    await p;
  } catch (e) {
    return e as SourceError;
  }
  throw new Error('expected a failure');
}

const settle = () => new Promise((r) => setTimeout(r, 20));

describe('circuit breaker counts outages only', () => {
  it('slow queries that time out on a live backend never open it', async () => {
    const { transport, calls } = transportWith(hang, () => text('Prometheus Server is Healthy.'));
    for (let i = 0; i < 6; i++) expect((await fail(transport.getJson('/api/v1/query'))).kind).toBe('timeout');
    await settle();
    expect(transport.health()).toMatchObject({ state: 'closed', consecutiveFailures: 0 });
    expect(calls.filter((c) => c === '/-/healthy').length).toBeGreaterThan(0);
  });

  it('timeouts on a backend whose liveness check also fails do open it', async () => {
    const { transport } = transportWith(hang, () => text('bad gateway', 502));
    for (let i = 0; i < 2; i++) {
      await fail(transport.getJson('/api/v1/query'));
      await settle();
    }
    expect(transport.health().state).toBe('open');
  });

  it('PromQL evaluation timeouts (503 errorType timeout), execution errors and 429s do not count', async () => {
    const answers = [
      json({ status: 'error', errorType: 'timeout', error: 'query timed out in expression evaluation' }, 503),
      json({ status: 'error', errorType: 'execution', error: 'query processing would load too many samples into memory' }, 422),
      text('too many outstanding requests', 429, { 'retry-after': '1' }),
    ];
    let i = 0;
    const { transport } = transportWith(async () => answers[i++ % answers.length].clone(), () => text('ok'), 1);
    for (let n = 0; n < 6; n++) await fail(transport.getJson('/api/v1/query'));
    expect(transport.health()).toMatchObject({ state: 'closed', consecutiveFailures: 0 });
  });

  it('refused connections and plain 5xx answers do count', async () => {
    const refused = transportWith(async () => Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } })), () => text('ok'));
    for (let n = 0; n < 2; n++) await fail(refused.transport.getJson('/x'));
    expect(refused.transport.health().state).toBe('open');
    const down = transportWith(async () => text('upstream connect error', 503), () => text('ok'));
    for (let n = 0; n < 2; n++) await fail(down.transport.getJson('/x'));
    expect(down.transport.health().state).toBe('open');
  });
});

describe('liveness path of a backend in another role', () => {
  it('asks the transport\'s livenessPath (a Tempo in the trace role: /ready), not the role\'s usual one', async () => {
    const asked: string[] = [];
    const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input));
      asked.push(url.pathname);
      if (url.pathname === '/ready') return text('ready');
      return hang(url, init!.signal!);
    }) as typeof fetch;
    const transport = createTransport(sourceConfig('jaeger', { timeoutMs: 30 }), { fetch: fetchImpl, sleep: async () => undefined }, { maxRetries: 0, livenessPath: '/ready', breaker: { failureThreshold: 1, cooldownMs: 60_000 } });
    await fail(transport.getJson('/api/search'));
    await settle();
    expect(asked).toContain('/ready');
    expect(transport.health().state).toBe('closed');
  });
});

describe('bounded limiter queue', () => {
  it('refuses calls past the queue bound at once with busy and a Retry-After', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const fetchImpl = (async () => {
      await gate;
      return json({});
    }) as unknown as typeof fetch;
    const transport = createTransport(sourceConfig('loki', { timeoutMs: 5_000 }), { fetch: fetchImpl }, { maxConcurrency: 1, maxQueue: 2 });
    const held = [transport.getJson('/a'), transport.getJson('/b'), transport.getJson('/c')];
    const refused = await fail(transport.getJson('/d'));
    expect(refused).toMatchObject({ kind: 'busy', retryAfterMs: 2_000 });
    expect(transport.health()).toMatchObject({ state: 'closed', inFlight: 1, queued: 2 });
    release();
    await Promise.all(held);
  });
});
