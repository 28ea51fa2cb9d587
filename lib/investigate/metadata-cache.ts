import type { MetricMetadata, PrometheusClient } from '../sources/types';

/** Metric metadata changes rarely and is large: keep it for a few minutes per client. */
const TTL_MS = 5 * 60_000;
const cache = new WeakMap<PrometheusClient, { at: number; value: Promise<Record<string, MetricMetadata[]>> }>();

export function cachedMetadata(prom: PrometheusClient, nowMs: number, signal?: AbortSignal): Promise<Record<string, MetricMetadata[]>> {
  const hit = cache.get(prom);
  if (hit && nowMs - hit.at < TTL_MS) return hit.value;
  const value = prom.metadata(undefined, { signal });
  cache.set(prom, { at: nowMs, value });
  value.catch(() => cache.delete(prom)); // never cache a failure
  return value;
}
