import { describe, expect, it } from 'vitest';
import { SourceError } from './errors';
import { backendMessage, parseRetryAfter } from './http-errors';
import { fakeTransport, json, text } from './test-helpers';

async function caught(p: Promise<unknown>): Promise<SourceError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(SourceError);
    return e as SourceError;
  }
  throw new Error('expected a SourceError');
}

describe('transport: retries', () => {
  it('retries 502/503/504 and 429, then returns the successful body', async () => {
    const statuses = [502, 503, 200];
    const { transport, requests } = fakeTransport('prometheus', () => {
      const s = statuses.shift()!;
      return s === 200 ? json({ ok: true }) : text('overloaded', s);
    });
    await expect(transport.getJson('/x')).resolves.toEqual({ ok: true });
    expect(requests).toHaveLength(3);
  });

  it('stops after the bounded number of retries and reports the last error', async () => {
    const { transport, requests } = fakeTransport('loki', () => text('too many outstanding requests', 429), {}, { maxRetries: 2 });
    const err = await caught(transport.getJson('/x'));
    expect(requests).toHaveLength(3);
    expect(err).toMatchObject({ kind: 'http', status: 429, message: 'too many outstanding requests' });
  });

  it('never retries 4xx query errors', async () => {
    const { transport, requests } = fakeTransport('prometheus', () =>
      json({ status: 'error', errorType: 'bad_data', error: 'invalid parameter "query": 1:5: parse error: unexpected end of input' }, 400),
    );
    const err = await caught(transport.postForm('/api/v1/query', { query: 'sum(' }));
    expect(requests).toHaveLength(1);
    expect(err).toMatchObject({ kind: 'bad_query', status: 400, backendType: 'bad_data' });
    expect(err.message).toContain('parse error');
  });

  it('does not retry a PromQL evaluation timeout (503 errorType timeout)', async () => {
    const { transport, requests } = fakeTransport('prometheus', () => json({ status: 'error', errorType: 'timeout', error: 'query timed out in expression evaluation' }, 503));
    const err = await caught(transport.getJson('/api/v1/query'));
    expect(requests).toHaveLength(1);
    expect(err.kind).toBe('timeout');
  });

  it('waits the Retry-After the server asks for, capped, and jitters its own backoff', async () => {
    const waits: number[] = [];
    const statuses = [503, 503, 200];
    const retryAfter = ['2', '120'];
    const { transport } = fakeTransport(
      'jaeger',
      () => {
        const s = statuses.shift()!;
        return s === 200 ? json([]) : text('busy', s, { 'retry-after': retryAfter.shift()! });
      },
      { sleep: async (ms) => void waits.push(ms) },
      { maxRetryAfterMs: 5_000 },
      { timeoutMs: 60_000 },
    );
    await transport.getJson('/x');
    expect(waits).toEqual([2_000, 5_000]);
  });

  it('retries connection errors and reports unreachable with the cause', async () => {
    let calls = 0;
    const { transport } = fakeTransport('loki', () => {
      calls += 1;
      throw Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3100'), { code: 'ECONNREFUSED' }) });
    });
    const err = await caught(transport.getText('/ready'));
    expect(calls).toBe(3);
    expect(err.kind).toBe('unreachable');
    expect(err.message).toContain('ECONNREFUSED');
  });
});

describe('transport: circuit breaker', () => {
  it('opens after consecutive failures, refuses calls, half-opens after the cooldown and closes on a good probe', async () => {
    let clock = 1_000_000;
    let up = false;
    const { transport, requests } = fakeTransport(
      'prometheus',
      () => (up ? json({ status: 'success', data: [] }) : text('bad gateway', 502)),
      { now: () => clock },
      { maxRetries: 0, breaker: { failureThreshold: 3, cooldownMs: 10_000 } },
    );
    for (let i = 0; i < 3; i++) expect((await caught(transport.getJson('/x'))).kind).toBe('http');
    expect(transport.health()).toMatchObject({ state: 'open', consecutiveFailures: 3, lastError: 'bad gateway' });
    const refused = await caught(transport.getJson('/x'));
    expect(refused.kind).toBe('circuit_open');
    expect(requests).toHaveLength(3);

    clock += 10_000;
    expect(transport.health().state).toBe('half_open');
    up = true;
    await transport.getJson('/x');
    expect(transport.health()).toMatchObject({ state: 'closed', consecutiveFailures: 0 });
  });

  it('re-opens when the half-open probe fails', async () => {
    let clock = 0;
    const { transport } = fakeTransport('jaeger', () => text('down', 503), { now: () => clock }, { maxRetries: 0, breaker: { failureThreshold: 1, cooldownMs: 1_000 } });
    await caught(transport.getJson('/x'));
    clock += 1_000;
    expect((await caught(transport.getJson('/x'))).kind).toBe('http');
    expect(transport.health().state).toBe('open');
    expect((await caught(transport.getJson('/x'))).kind).toBe('circuit_open');
  });

  it('does not count query errors against the backend', async () => {
    const { transport } = fakeTransport('loki', () => text('parse error at line 1, col 5: syntax error', 400), {}, { breaker: { failureThreshold: 1 } });
    await caught(transport.getJson('/x'));
    await caught(transport.getJson('/x'));
    expect(transport.health()).toMatchObject({ state: 'closed', consecutiveFailures: 0 });
  });
});

describe('transport: requests', () => {
  it('sends basic auth only to its own source and form-encodes repeated params', async () => {
    const { transport, requests } = fakeTransport('prometheus', () => json({}), {}, {}, { auth: { type: 'basic', user: 'ops', password: 'p:w' } });
    await transport.postForm('/api/v1/series', { 'match[]': ['up', 'process_start_time_seconds'], start: 1 });
    expect(requests[0].headers.get('authorization')).toBe(`Basic ${Buffer.from('ops:p:w').toString('base64')}`);
    expect(requests[0].headers.get('content-type')).toBe('application/x-www-form-urlencoded');
    expect(new URLSearchParams(requests[0].body).getAll('match[]')).toEqual(['up', 'process_start_time_seconds']);
  });

  it('sends bearer auth and does not follow redirects when credentials are configured', async () => {
    const { transport, requests } = fakeTransport('jaeger', () => new Response(null, { status: 302, headers: { location: 'http://evil.test/' } }), {}, {}, { auth: { type: 'bearer', token: 't0k' } });
    const err = await caught(transport.getJson('/api/services'));
    expect(requests[0].headers.get('authorization')).toBe('Bearer t0k');
    expect(err.kind).toBe('http');
    expect(err.message).toContain('evil.test');
  });

  it('turns malformed JSON into bad_response', async () => {
    const { transport } = fakeTransport('prometheus', () => text('<html>proxy error</html>'));
    expect((await caught(transport.getJson('/x'))).kind).toBe('bad_response');
  });

  it('refuses a body larger than the cap', async () => {
    const { transport } = fakeTransport('loki', () => text('x'.repeat(2_000)), {}, { maxBytes: 1_000 });
    expect((await caught(transport.getText('/x'))).kind).toBe('too_large');
  });

  it('reports a caller cancellation as canceled without tripping the breaker', async () => {
    const ctl = new AbortController();
    ctl.abort();
    const { transport, requests } = fakeTransport('loki', () => json({}), {}, { breaker: { failureThreshold: 1 } });
    expect((await caught(transport.getJson('/x', {}, { signal: ctl.signal }))).kind).toBe('canceled');
    expect(requests).toHaveLength(0);
    expect(transport.health().state).toBe('closed');
  });

  it('times out a call stuck in the queue without blaming the backend', async () => {
    let release: () => void = () => undefined;
    const { transport } = fakeTransport(
      'loki',
      () => new Promise<Response>((r) => (release = () => r(json({})))),
      {},
      { maxConcurrency: 1, breaker: { failureThreshold: 1 } },
      { timeoutMs: 50 },
    );
    const first = transport.getJson('/slow', {}, { timeoutMs: 5_000 });
    const queued = await caught(transport.getJson('/x'));
    expect(queued.kind).toBe('timeout');
    expect(queued.message).toContain('connection slot');
    expect(transport.health().state).toBe('closed');
    release();
    await first;
  });

  it('limits concurrent calls per source', async () => {
    let active = 0;
    let peak = 0;
    const { transport } = fakeTransport(
      'prometheus',
      async () => {
        active += 1;
        peak = Math.max(peak, active);
        await new Promise((r) => setTimeout(r, 5));
        active -= 1;
        return json({});
      },
      {},
      { maxConcurrency: 2 },
    );
    await Promise.all(Array.from({ length: 6 }, () => transport.getJson('/x')));
    expect(peak).toBe(2);
    expect(transport.health()).toMatchObject({ inFlight: 0, queued: 0 });
  });

  it('lets an investigation\'s panel queries go to Prometheus together, and fewer at once to Loki and Jaeger', async () => {
    for (const [source, expected] of [['prometheus', 16], ['loki', 8], ['jaeger', 8]] as const) {
      let active = 0;
      let peak = 0;
      const { transport } = fakeTransport(source, async () => {
        active += 1;
        peak = Math.max(peak, active);
        await new Promise((r) => setTimeout(r, 5));
        active -= 1;
        return json({});
      });
      await Promise.all(Array.from({ length: 20 }, () => transport.getJson('/x')));
      expect(peak).toBe(expected);
    }
  });
});

describe('backend error bodies', () => {
  it('extracts each backend’s own message', () => {
    expect(backendMessage('{"status":"error","errorType":"execution","error":"query processing would load too many samples"}')).toEqual({
      message: 'query processing would load too many samples',
      errorType: 'execution',
    });
    expect(backendMessage('parse error at line 1, col 5: syntax error: unexpected }\n').message).toBe('parse error at line 1, col 5: syntax error: unexpected }');
    expect(backendMessage('{"data":null,"total":0,"limit":0,"offset":0,"errors":[{"code":404,"msg":"trace not found"}]}').message).toBe('trace not found');
    expect(backendMessage('{"error":{"grpcCode":5,"httpCode":404,"message":"No traces found","httpStatus":"Not Found"}}').message).toBe('No traces found');
    expect(backendMessage('{not json').message).toBe('{not json');
  });

  it('parses Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('3', 0)).toBe(3_000);
    expect(parseRetryAfter('Thu, 01 Jan 1970 00:00:10 GMT', 4_000)).toBe(6_000);
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
    expect(parseRetryAfter(null, 0)).toBeUndefined();
  });
});
