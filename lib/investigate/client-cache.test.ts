import { describe, expect, it, vi } from 'vitest';
import { keyedClientCache, perClientCache } from './client-cache';

describe('perClientCache', () => {
  it('answers from the cache within the TTL, per client, and shares the request in flight', async () => {
    const cache = perClientCache<object, number>(1_000);
    const a = {};
    const b = {};
    let loads = 0;
    const load = async () => ++loads;
    const [x, y] = await Promise.all([cache(a, 0, load), cache(a, 10, load)]);
    expect([x, y]).toEqual([1, 1]);
    expect(await cache(b, 20, load)).toBe(2);
    expect(await cache(a, 999, load)).toBe(1);
    expect(await cache(a, 1_000, load)).toBe(3); // expired
  });
  it('never keeps a failure', async () => {
    const cache = perClientCache<object, number>(60_000);
    const c = {};
    await expect(cache(c, 0, async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    await Promise.resolve();
    expect(await cache(c, 1, async () => 7)).toBe(7);
  });
});

describe('keyedClientCache', () => {
  it('keeps answers apart by key and holds at most maxEntries per client', async () => {
    const cache = keyedClientCache<object, string>(60_000, 2);
    const c = {};
    let loads = 0;
    const load = (v: string) => async () => `${v}${++loads}`;
    expect(await cache(c, 'a', 0, load('a'))).toBe('a1');
    expect(await cache(c, 'b', 0, load('b'))).toBe('b2');
    expect(await cache(c, 'a', 1, load('a'))).toBe('a1');
    expect(await cache(c, 'c', 2, load('c'))).toBe('c3'); // evicts the oldest key
    expect(await cache(c, 'a', 3, load('a'))).toBe('a4');
  });

  it('lets an answer go when it expires, when asked to', async () => {
    vi.useFakeTimers();
    try {
      const cache = keyedClientCache<object, object>(5_000, 8, { dropWhenExpired: true });
      const client = {};
      let loads = 0;
      const load = async () => ({ n: ++loads });
      await cache(client, 'k', 0, load);
      vi.advanceTimersByTime(5_000);
      // Same clock value as before: only the timer can have dropped it.
      await cache(client, 'k', 0, load);
      expect(loads).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('shared loads and their callers\' signals', () => {
  /** One cache entry whose load never ends until `finish`; `ask` joins it, `seen` holds each load's own signal. */
  const sharedLoad = () => {
    const cache = keyedClientCache<object, string>(60_000);
    const client = {};
    const seen: AbortSignal[] = [];
    let finish: (v: string) => void = () => undefined;
    const load = (signal: AbortSignal) => {
      seen.push(signal);
      return new Promise<string>((resolve, reject) => {
        finish = resolve;
        signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      });
    };
    const ask = (signal?: AbortSignal, nowMs = 0) => cache(client, 'k', nowMs, load, signal);
    return { seen, ask, finish: (v: string) => finish(v) };
  };

  it('one caller closing its tab does not fail the others sharing the load', async () => {
    const l = sharedLoad();
    const [tabA, tabB] = [new AbortController(), new AbortController()];
    const a = l.ask(tabA.signal);
    const b = l.ask(tabB.signal, 1);
    tabA.abort(new Error('tab closed'));
    await expect(a).rejects.toThrow('tab closed');
    await Promise.resolve();
    expect(l.seen[0].aborted).toBe(false);
    l.finish('answer');
    expect(await b).toBe('answer');
    expect(l.seen).toHaveLength(1);
  });

  it('cancels the load when the last caller leaves, and the next caller starts afresh', async () => {
    const l = sharedLoad();
    const [tabA, tabB] = [new AbortController(), new AbortController()];
    const a = l.ask(tabA.signal);
    const b = l.ask(tabB.signal);
    tabA.abort(new Error('gone'));
    tabB.abort(new Error('gone too'));
    await expect(a).rejects.toThrow('gone');
    await expect(b).rejects.toThrow('gone too');
    await Promise.resolve();
    expect(l.seen[0].aborted).toBe(true);
    const c = l.ask(undefined, 1);
    await Promise.resolve();
    expect(l.seen).toHaveLength(2);
    l.finish('fresh');
    expect(await c).toBe('fresh');
  });

  it('a caller without a signal keeps the load alive for everyone', async () => {
    const l = sharedLoad();
    const tab = new AbortController();
    const held = l.ask();
    const leaving = l.ask(tab.signal);
    tab.abort(new Error('gone'));
    await expect(leaving).rejects.toThrow('gone');
    await Promise.resolve();
    expect(l.seen[0].aborted).toBe(false);
    l.finish('kept');
    expect(await held).toBe('kept');
  });
});
