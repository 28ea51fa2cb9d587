import { describe, expect, it, vi } from 'vitest';
import type { JaegerClient } from '../../sources/types';
import { investigationContext } from '../context';
import { serviceMap } from './service-map';

/** Each test its own range: the map's answers are shared briefly by range (service-map.ts). */
const HOUR = 3_600_000;
const rangeAt = (hours: number) => ({ fromMs: hours * HOUR, toMs: (hours + 1) * HOUR });

/** A Jaeger that knows one service with no traces, and whose dependencies never answer until their signal aborts. */
function hangingDependencies(): { jaeger: JaegerClient; seen: AbortSignal[] } {
  const seen: AbortSignal[] = [];
  const jaeger = {
    services: async () => ['checkout'],
    searchTraces: async () => [],
    dependencies: (_from: number, _to: number, opts?: { signal?: AbortSignal }) =>
      new Promise((_, reject) => {
        const signal = opts!.signal!;
        seen.push(signal);
        signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      }),
  } as unknown as JaegerClient;
  return { jaeger, seen };
}

describe('serviceMap on the investigation context', () => {
  it('says what the context says when no trace source is configured', async () => {
    const ctx = investigationContext({ clients: {}, nowMs: 0, config: { notConfigured: { jaeger: 'connect a Jaeger here' } } });
    const answer = await serviceMap(ctx, rangeAt(1));
    expect(answer.sources.jaeger).toEqual({ status: 'not_configured', message: 'connect a Jaeger here', ms: 0 });
    expect(answer.graph.nodes).toEqual([]);
  });

  it('narrows the context to its own 15 s budget: a Jaeger that hangs is reported as a timeout of the service map', async () => {
    vi.useFakeTimers();
    try {
      const { jaeger, seen } = hangingDependencies();
      const answer = serviceMap(investigationContext({ clients: { jaeger }, nowMs: 0 }), rangeAt(2));
      await vi.advanceTimersByTimeAsync(14_999);
      expect(seen[0].aborted).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      const map = await answer;
      expect(map.sources.jaeger).toMatchObject({ status: 'timeout', message: expect.stringContaining("the service map's budget") });
    } finally {
      vi.useRealTimers();
    }
  });

  it('stops asking when the context\'s own signal ends (every caller went away)', async () => {
    const { jaeger, seen } = hangingDependencies();
    const caller = new AbortController();
    const answer = serviceMap(investigationContext({ clients: { jaeger }, nowMs: 0, signal: caller.signal }), rangeAt(3));
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    caller.abort(new Error('tab closed'));
    await expect(answer).rejects.toThrow('tab closed');
    expect(seen[0].aborted).toBe(true);
  });

  it('keeps the maps of two trace sources apart for the same range', async () => {
    const jaegerOf = (service: string) =>
      ({ services: async () => [service], searchTraces: async () => [], dependencies: async () => [{ parent: 'edge', child: service, callCount: 1 }] }) as unknown as JaegerClient;
    const ctxOf = (name: string, jaeger: JaegerClient) => investigationContext({ clients: { jaeger }, sources: { jaeger: [{ name, type: 'jaeger', client: jaeger, serviceLabel: null }] }, nowMs: 0 });
    const a = await serviceMap(ctxOf('eu', jaegerOf('billing')), rangeAt(4));
    const b = await serviceMap(ctxOf('us', jaegerOf('ledger')), rangeAt(4));
    expect(a.graph.nodes.map((n) => n.name)).toContain('billing');
    expect(b.graph.nodes.map((n) => n.name)).toContain('ledger');
    expect(b.graph.nodes.map((n) => n.name)).not.toContain('billing');
  });
});
