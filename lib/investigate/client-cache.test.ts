import { describe, expect, it } from 'vitest';
import { perClientCache } from './client-cache';

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
