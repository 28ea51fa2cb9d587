import { describe, expect, it } from 'vitest';
import type { Trace } from '../../model/types';
import type { JaegerClient } from '../../sources/types';
import { fetchTraceShared, TRACE_SHARE_MS } from './fetch-cache';

const T = '4bf92f3577b34da6a3ce929d0e0e4736';
const trace: Trace = { traceId: T, spans: [], warnings: [] };
const range = { fromMs: 0, toMs: 1 };

function counting(impl: () => Promise<Trace | null>) {
  const client = { calls: 0, getTrace: async () => impl() } as unknown as JaegerClient & { calls: number };
  const inner = client.getTrace;
  client.getTrace = (...a: Parameters<JaegerClient['getTrace']>) => {
    client.calls++;
    return inner(...a);
  };
  return client;
}

describe('fetchTraceShared', () => {
  it('asks Jaeger once for every request of the same trace within TRACE_SHARE_MS', async () => {
    const j = counting(async () => trace);
    const [a, b] = await Promise.all([fetchTraceShared(j, T, range, 1_000), fetchTraceShared(j, T, range, 1_100)]);
    expect(a).toBe(trace);
    expect(b).toBe(trace);
    expect(j.calls).toBe(1);
    await fetchTraceShared(j, T, range, 1_000 + TRACE_SHARE_MS); // past the TTL: asked again
    expect(j.calls).toBe(2);
  });

  it('never keeps a failure, and a caller that goes away stops waiting without cancelling the others', async () => {
    let fail = true;
    const j = counting(async () => {
      if (fail) throw new Error('jaeger down');
      return trace;
    });
    await expect(fetchTraceShared(j, T, range, 0)).rejects.toThrow('jaeger down');
    fail = false;
    expect(await fetchTraceShared(j, T, range, 1)).toBe(trace);

    let release!: (t: Trace) => void;
    const slow = counting(() => new Promise<Trace>((r) => (release = r)));
    const gone = new AbortController();
    const first = fetchTraceShared(slow, T, range, 0, gone.signal);
    const second = fetchTraceShared(slow, T, range, 0);
    gone.abort(new Error('tab closed'));
    await expect(first).rejects.toThrow('tab closed');
    release(trace);
    expect(await second).toBe(trace);
  });
});
