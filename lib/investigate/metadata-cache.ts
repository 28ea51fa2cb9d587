import type { MetricMetadata, PrometheusClient } from '../sources/types';
import { perClientCache } from './client-cache';

/** Metric metadata changes rarely and is large: keep it for a few minutes per client. */
const metadataCache = perClientCache<PrometheusClient, Record<string, MetricMetadata[]>>(5 * 60_000);

export const cachedMetadata = (prom: PrometheusClient, nowMs: number, signal?: AbortSignal): Promise<Record<string, MetricMetadata[]>> =>
  metadataCache(prom, nowMs, () => prom.metadata(undefined, { signal }));

const versionCache = perClientCache<PrometheusClient, string | null>(5 * 60_000);

/**
 * The server's version, or null when it does not say (a Prometheus-compatible store without
 * buildinfo): only a hint for range semantics, so a failure is not an error of the scan.
 */
export const cachedVersion = (prom: PrometheusClient, nowMs: number, signal?: AbortSignal): Promise<string | null> =>
  versionCache(prom, nowMs, () => prom.buildinfo({ signal }).then((b) => b.version, () => null));
