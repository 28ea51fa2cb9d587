import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { TimeRangeError } from '../../time/range';
import { createSharedScanCache } from './anomalies-cache';
import { anomaliesCacheKey, parseAnomaliesInput } from './anomalies-input';

const NOW = Date.parse('2026-03-02T15:00:00Z');

describe('parseAnomaliesInput', () => {
  it('defaults to the last hour and resolves relative times against now', () => {
    expect(parseAnomaliesInput({}, NOW)).toEqual({ fromMs: NOW - 3_600_000, toMs: NOW, service: undefined, kinds: undefined });
    expect(parseAnomaliesInput({ from: 'now-3h', to: 'now-1h' }, NOW)).toMatchObject({ fromMs: NOW - 3 * 3_600_000, toMs: NOW - 3_600_000 });
  });

  it('takes a comma list of known kinds, de-duplicated, and a trimmed service', () => {
    expect(parseAnomaliesInput({ kind: 'gc_storm, leak,gc_storm', service: ' risk-engine ' }, NOW)).toMatchObject({
      kinds: ['gc_storm', 'leak'],
      service: 'risk-engine',
    });
  });

  it('rejects an unknown kind, an over-long service and an inverted range', () => {
    expect(() => parseAnomaliesInput({ kind: 'gc_storm,<script>' }, NOW)).toThrow(ZodError);
    expect(() => parseAnomaliesInput({ service: 'x'.repeat(201) }, NOW)).toThrow(ZodError);
    expect(() => parseAnomaliesInput({ from: 'now', to: 'now-1h' }, NOW)).toThrow(TimeRangeError);
  });

  it('keys the cache by the parameters as written', () => {
    expect(anomaliesCacheKey({ from: 'now-1h', kind: 'leak' })).toBe(anomaliesCacheKey({ kind: 'leak', from: 'now-1h' }));
    expect(anomaliesCacheKey({ from: 'now-1h' })).not.toBe(anomaliesCacheKey({ from: 'now-2h' }));
  });
});

describe('createSharedScanCache', () => {
  it('shares a scan in flight and serves its result until it expires', async () => {
    let now = 0;
    let runs = 0;
    const cache = createSharedScanCache<number>({ ttlMs: 5_000, maxEntries: 4, clock: () => now });
    const work = async () => ++runs;
    const [a, b] = await Promise.all([cache.run('k', undefined, work), cache.run('k', undefined, work)]);
    expect([a, b, runs]).toEqual([1, 1, 1]);
    now = 4_999;
    expect(await cache.run('k', undefined, work)).toBe(1);
    now = 5_000;
    expect(await cache.run('k', undefined, work)).toBe(2);
  });

  it('cancels a shared scan only when every request waiting for it has gone, and does not cache it', async () => {
    const cache = createSharedScanCache<string>({ ttlMs: 5_000, maxEntries: 4 });
    let scanSignal: AbortSignal | undefined;
    const work = (signal: AbortSignal) => {
      scanSignal = signal;
      return new Promise<string>((resolve) => signal.addEventListener('abort', () => resolve('partial')));
    };
    const first = new AbortController();
    const second = new AbortController();
    const p1 = cache.run('k', first.signal, work).catch((e) => e);
    const p2 = cache.run('k', second.signal, work).catch((e) => e);
    first.abort(new Error('tab closed'));
    await p1;
    expect(scanSignal?.aborted).toBe(false);
    second.abort(new Error('tab closed'));
    await p2;
    expect(scanSignal?.aborted).toBe(true);
    await new Promise((r) => setTimeout(r, 0));
    expect(cache.size).toBe(0);
    // The next request starts a fresh scan instead of joining the cancelled one.
    expect(await cache.run('k', undefined, async () => 'fresh')).toBe('fresh');
    expect(await cache.run('k', undefined, async () => 'again')).toBe('fresh');
  });

  it('keeps at most maxEntries results, evicting the oldest', async () => {
    const cache = createSharedScanCache<string>({ ttlMs: 60_000, maxEntries: 2 });
    for (const k of ['a', 'b', 'c']) await cache.run(k, undefined, async () => k);
    expect(cache.size).toBe(2);
    let ran = false;
    await cache.run('a', undefined, async () => ((ran = true), 'a'));
    expect(ran).toBe(true);
  });
});
