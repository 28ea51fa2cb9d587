import type { MetricMetadata, PrometheusClient } from '../sources/types';
import { perClientCache } from './client-cache';

/** Metric metadata changes rarely and is large: keep it for a few minutes per client. */
const metadataCache = perClientCache<PrometheusClient, Record<string, MetricMetadata[]>>(5 * 60_000);

export const cachedMetadata = (prom: PrometheusClient, nowMs: number, signal?: AbortSignal): Promise<Record<string, MetricMetadata[]>> =>
  metadataCache(prom, nowMs, (own) => prom.metadata(undefined, { signal: own }), signal);
