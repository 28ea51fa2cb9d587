import { describe, expect, it } from 'vitest';
import { errorResponse } from '../../api/respond';
import { createSharedScanCache, scanCacheKey, ScanBusy } from './anomalies-cache';
import { parseAnomaliesInput } from './anomalies-input';

const now = Date.parse('2026-11-23T08:00:07Z');

/** A scan that runs until its signal aborts or `finish` is called. */
function scans() {
  const signals: AbortSignal[] = [];
  const finishers: ((v: string) => void)[] = [];
  const work = (signal: AbortSignal) => {
    signals.push(signal);
    return new Promise<string>((resolve, reject) => {
      finishers.push(resolve);
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
  };
  return { signals, finishers, work };
}

describe('scan cache key', () => {
  it('is the same for one question written differently, and differs for different ones', () => {
    const key = (raw: Record<string, string>) => scanCacheKey(parseAnomaliesInput(raw, now));
    const rfc = key({ from: '2026-11-23T07:00:07Z', to: '2026-11-23T08:00:07Z', kind: 'leak,gc_storm' });
    expect(key({ from: String(now / 1000 - 3600), to: String(now / 1000), kind: 'gc_storm,leak' })).toBe(rfc);
    expect(key({ from: 'now-1h', kind: 'gc_storm, leak' })).toBe(rfc);
    expect(key({ from: 'now-2h', kind: 'leak,gc_storm' })).not.toBe(rfc);
    expect(key({ from: 'now-1h', kind: 'leak,gc_storm', service: 'checkout' })).not.toBe(rfc);
  });
});

describe('scan cache bounds', () => {
  it('refuses a scan past the in-flight bound with 429 and Retry-After, and shares the ones running', async () => {
    const cache = createSharedScanCache<string>({ ttlMs: 5_000, maxEntries: 8, maxInFlight: 2 });
    const s = scans();
    const a = cache.run('a', undefined, s.work);
    const b = cache.run('b', undefined, s.work);
    const again = cache.run('a', undefined, s.work);
    const refused = cache.run('c', undefined, s.work).catch((e: unknown) => e);
    const err = await refused;
    expect(err).toBeInstanceOf(ScanBusy);
    const res = errorResponse(err);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('2');
    expect(s.signals).toHaveLength(2);
    s.finishers.forEach((f, i) => f(`done ${i}`));
    expect(await Promise.all([a, b, again])).toEqual(['done 0', 'done 1', 'done 0']);
  });

  it('aborts a running scan that is evicted, preferring to evict finished entries', async () => {
    const cache = createSharedScanCache<string>({ ttlMs: 60_000, maxEntries: 2 });
    const s = scans();
    const first = cache.run('a', undefined, s.work).catch((e: Error) => e.message);
    const second = cache.run('b', undefined, s.work);
    s.finishers[1]('b done');
    await second;
    cache.run('c', undefined, s.work).catch(() => undefined); // evicts finished "b", not running "a"
    expect(s.signals[0].aborted).toBe(false);
    cache.run('d', undefined, s.work).catch(() => undefined); // only running scans left: the oldest goes, aborted
    expect(s.signals[0].aborted).toBe(true);
    expect(await first).toBe('anomaly scan evicted from the cache');
    expect(cache.size).toBe(2);
  });
});
