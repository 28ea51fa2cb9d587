/**
 * Short-lived answers per backend client (label names, metric metadata, the series of a
 * service set, a trace): they change rarely and sit on the critical path of every
 * investigation. Failures are never cached; concurrent callers share the request in flight.
 *
 * A shared load runs on a signal of its own, not on its first caller's: one closed tab
 * must not fail everyone sharing the entry. Each caller stops waiting when its own signal
 * aborts; the load itself is cancelled only when no caller is left waiting (callers that
 * pass no signal always keep it alive) — docs/reliability.md, "Shared loads".
 */

export type SharedLoad<V> = (signal: AbortSignal) => Promise<V>;

interface Entry<V> {
  at: number;
  value: Promise<V>;
  ctl: AbortController;
  waiting: number;
  /** A caller without a signal holds the load to the end. */
  pinned: boolean;
  settled: boolean;
}

function join<V>(entry: Entry<V>, drop: () => void, signal: AbortSignal | undefined): Promise<V> {
  if (entry.settled) return entry.value;
  if (!signal) {
    entry.pinned = true;
    return entry.value;
  }
  if (signal.aborted) return Promise.reject(signal.reason);
  entry.waiting += 1;
  return new Promise<V>((resolve, reject) => {
    const leave = () => {
      entry.waiting -= 1;
      if (entry.waiting === 0 && !entry.pinned && !entry.settled) {
        drop();
        entry.ctl.abort(signal.reason);
      }
      reject(signal.reason);
    };
    signal.addEventListener('abort', leave, { once: true });
    entry.value.then(
      (v) => {
        signal.removeEventListener('abort', leave);
        if (!signal.aborted) entry.waiting -= 1;
        resolve(v);
      },
      (e) => {
        signal.removeEventListener('abort', leave);
        if (!signal.aborted) entry.waiting -= 1;
        reject(e);
      },
    );
  });
}

export function keyedClientCache<C extends object, V>(ttlMs: number, maxEntries = 32, opts: { dropWhenExpired?: boolean } = {}) {
  const caches = new WeakMap<C, Map<string, Entry<V>>>();
  return (client: C, key: string, nowMs: number, load: SharedLoad<V>, signal?: AbortSignal): Promise<V> => {
    let entries = caches.get(client);
    if (!entries) caches.set(client, (entries = new Map()));
    const cache = entries;
    const hit = cache.get(key);
    const dropOf = (own: Entry<V>) => () => {
      if (cache.get(key) === own) cache.delete(key);
    };
    if (hit && nowMs - hit.at < ttlMs && nowMs >= hit.at) return join(hit, dropOf(hit), signal);
    for (const [k, e] of cache) if (nowMs - e.at >= ttlMs) cache.delete(k);
    while (cache.size >= maxEntries) cache.delete(cache.keys().next().value!);
    const ctl = new AbortController();
    const own: Entry<V> = { at: nowMs, value: Promise.resolve().then(() => load(ctl.signal)), ctl, waiting: 0, pinned: false, settled: false };
    const drop = dropOf(own);
    cache.set(key, own);
    own.value.then(
      () => {
        own.settled = true;
      },
      () => {
        own.settled = true;
        drop();
      },
    );
    // Big answers (a 50,000-span trace) are let go when they expire, not at the next insert:
    // still referenced, they would be marked by the garbage collector during the next request.
    if (opts.dropWhenExpired) setTimeout(drop, ttlMs).unref?.();
    return join(own, drop, signal);
  };
}

/** One cached answer per client. */
export function perClientCache<C extends object, V>(ttlMs: number) {
  const cache = keyedClientCache<C, V>(ttlMs, 1);
  return (client: C, nowMs: number, load: SharedLoad<V>, signal?: AbortSignal): Promise<V> => cache(client, '', nowMs, load, signal);
}
