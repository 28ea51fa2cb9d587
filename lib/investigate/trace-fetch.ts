import type { Trace } from '../model/types';
import type { JaegerClient } from '../sources/types';
import { withDeadline } from './source-call';

/**
 * The trace page asks for the trace alone (to draw the waterfall at once) and for the full
 * investigation in parallel. Both need the same Jaeger answer: share one fetch for a few
 * seconds so Jaeger is asked once. The shared fetch has its own budget; each caller stops
 * waiting when its own request goes away.
 */
const TTL_MS = 5_000;
const MAX_ENTRIES = 32;
const FETCH_BUDGET_MS = 30_000;
const caches = new WeakMap<JaegerClient, Map<string, { at: number; value: Promise<Trace | null> }>>();

export function fetchTraceShared(
  jaeger: JaegerClient,
  traceId: string,
  range: { fromMs: number; toMs: number },
  nowMs: number,
  signal?: AbortSignal,
): Promise<Trace | null> {
  let cache = caches.get(jaeger);
  if (!cache) caches.set(jaeger, (cache = new Map()));
  for (const [k, e] of cache) if (nowMs - e.at >= TTL_MS) cache.delete(k);
  let entry = cache.get(traceId);
  if (!entry) {
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
    const value = jaeger.getTrace(traceId, { ...range, signal: AbortSignal.timeout(FETCH_BUDGET_MS) });
    entry = { at: nowMs, value };
    cache.set(traceId, entry);
    const own = entry;
    value.catch(() => {
      if (cache.get(traceId) === own) cache.delete(traceId); // never keep a failure
    });
  }
  return signal ? withDeadline(entry.value, signal) : entry.value;
}
