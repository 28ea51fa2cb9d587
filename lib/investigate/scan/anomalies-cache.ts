import { ApiError } from '../../api/respond';
import type { AnomaliesQuery } from './anomalies';
import { withDeadline } from '../source-call';

/**
 * A small in-process cache for identical anomaly scans: the overview and the anomalies
 * page ask the same question within seconds, and a scan costs dozens of backend queries.
 * A scan in flight is shared by every request asking for it; it is cancelled only when
 * all of them have gone away. Finished results live `ttlMs`; at most `maxEntries` are
 * kept (finished ones evicted first; a scan still running that is evicted is aborted, so
 * nothing runs that no entry answers for). At most `maxInFlight` scans run at once; one
 * more is refused with 429 and Retry-After (docs/reliability.md, "Scans"). A scan cut short
 * by cancellation is never cached.
 */

/** How coarsely a scan's resolved range is keyed: `now-1h` asked twice within this is one scan. */
export const SCAN_KEY_STEP_MS = 10_000;

/**
 * The cache key of a parsed scan: its resolved range (to a 10 s step) and filters, so the
 * same question written differently (RFC3339, unix seconds, `now-1h`, kinds reordered) is
 * one entry, and arbitrary text cannot mint unbounded keys.
 */
export function scanCacheKey(q: AnomaliesQuery): string {
  const step = (ms: number) => Math.floor(ms / SCAN_KEY_STEP_MS);
  return JSON.stringify([step(q.fromMs), step(q.toMs), q.service ?? '', [...(q.kinds ?? [])].sort()]);
}

export class ScanBusy extends ApiError {
  constructor(inFlight: number) {
    super(429, 'scan_busy', `${inFlight} anomaly scans are already running; try again shortly`, { 'retry-after': '2' });
    this.name = 'ScanBusy';
  }
}

export interface SharedScanCache<V> {
  run(key: string, signal: AbortSignal | undefined, work: (signal: AbortSignal) => Promise<V>): Promise<V>;
  readonly size: number;
}

interface Entry<V> {
  value?: V;
  expiresAt: number;
  pending?: Promise<V>;
  controller: AbortController;
  waiters: number;
}

export function createSharedScanCache<V>(opts: { ttlMs: number; maxEntries: number; maxInFlight?: number; clock?: () => number }): SharedScanCache<V> {
  const clock = opts.clock ?? (() => Date.now());
  const entries = new Map<string, Entry<V>>();

  const purge = (now: number) => {
    for (const [k, e] of entries) if (!e.pending && e.expiresAt <= now) entries.delete(k);
    while (entries.size > opts.maxEntries) {
      const finished = [...entries].find(([, e]) => !e.pending);
      const [key, victim] = finished ?? (entries.entries().next().value as [string, Entry<V>]);
      entries.delete(key);
      if (victim.pending) victim.controller.abort(new Error('anomaly scan evicted from the cache'));
    }
  };
  const inFlight = () => [...entries.values()].filter((e) => e.pending && !e.controller.signal.aborted).length;

  /** Drop this entry only: a newer scan may have replaced it under the same key. */
  const forget = (key: string, entry: Entry<V>) => {
    if (entries.get(key) === entry) entries.delete(key);
  };

  const join = (entry: Entry<V>, signal: AbortSignal | undefined): Promise<V> => {
    entry.waiters += 1;
    if (!signal) return entry.pending!;
    const leave = () => {
      entry.waiters -= 1;
      if (entry.waiters <= 0) entry.controller.abort(signal.reason);
    };
    if (signal.aborted) leave();
    else signal.addEventListener('abort', leave, { once: true });
    return withDeadline(entry.pending!, signal).finally(() => signal.removeEventListener('abort', leave));
  };

  return {
    get size() {
      return entries.size;
    },
    run(key, signal, work) {
      purge(clock());
      const hit = entries.get(key);
      // A scan whose requests all went away is being cancelled: start a fresh one.
      if (hit?.pending && !hit.controller.signal.aborted) return join(hit, signal);
      if (hit && hit.value !== undefined) return Promise.resolve(hit.value);
      const running = inFlight();
      if (opts.maxInFlight !== undefined && running >= opts.maxInFlight) return Promise.reject(new ScanBusy(running));
      const entry: Entry<V> = { expiresAt: 0, controller: new AbortController(), waiters: 0 };
      entry.pending = work(entry.controller.signal).then(
        (value) => {
          entry.pending = undefined;
          if (entry.controller.signal.aborted) forget(key, entry);
          else {
            entry.value = value;
            entry.expiresAt = clock() + opts.ttlMs;
          }
          return value;
        },
        (err) => {
          forget(key, entry);
          throw err;
        },
      );
      entries.delete(key);
      entries.set(key, entry);
      purge(clock());
      return join(entry, signal);
    },
  };
}
