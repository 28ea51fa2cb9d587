/**
 * Short-lived answers per backend client (label names, metric metadata, the series of a
 * service set, a trace): they change rarely and sit on the critical path of every
 * investigation. Failures are never cached; concurrent callers share the request in flight.
 */
export function keyedClientCache<C extends object, V>(ttlMs: number, maxEntries = 32, opts: { dropWhenExpired?: boolean } = {}) {
  const caches = new WeakMap<C, Map<string, { at: number; value: Promise<V> }>>();
  return (client: C, key: string, nowMs: number, load: () => Promise<V>): Promise<V> => {
    let entries = caches.get(client);
    if (!entries) caches.set(client, (entries = new Map()));
    const hit = entries.get(key);
    if (hit && nowMs - hit.at < ttlMs && nowMs >= hit.at) return hit.value;
    for (const [k, e] of entries) if (nowMs - e.at >= ttlMs) entries.delete(k);
    while (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
    const value = load();
    const own = { at: nowMs, value };
    const cache = entries;
    cache.set(key, own);
    const drop = () => {
      if (cache.get(key) === own) cache.delete(key);
    };
    value.catch(drop);
    // Big answers (a 50,000-span trace) are let go when they expire, not at the next insert:
    // still referenced, they would be marked by the garbage collector during the next request.
    if (opts.dropWhenExpired) setTimeout(drop, ttlMs).unref?.();
    return value;
  };
}

/** One cached answer per client. */
export function perClientCache<C extends object, V>(ttlMs: number) {
  const cache = keyedClientCache<C, V>(ttlMs, 1);
  return (client: C, nowMs: number, load: () => Promise<V>): Promise<V> => cache(client, '', nowMs, load);
}
