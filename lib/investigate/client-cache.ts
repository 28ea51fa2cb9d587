/**
 * One cached answer per backend client for `ttlMs` (label names, metric metadata: they
 * change rarely and sit on the critical path of every investigation). Failures are never
 * cached; concurrent callers share the request in flight.
 */
export function perClientCache<C extends object, V>(ttlMs: number) {
  const cache = new WeakMap<C, { at: number; value: Promise<V> }>();
  return (client: C, nowMs: number, load: () => Promise<V>): Promise<V> => {
    const hit = cache.get(client);
    if (hit && nowMs - hit.at < ttlMs) return hit.value;
    const value = load();
    cache.set(client, { at: nowMs, value });
    value.catch(() => {
      if (cache.get(client)?.value === value) cache.delete(client);
    });
    return value;
  };
}
