/**
 * One anomaly scan serves both GET /api/v1/anomalies and GET /api/v1/incidents: the
 * overview asks both within the same second, and a scan costs dozens of backend queries.
 * Kept on globalThis because Next.js may load this module once per route bundle.
 */
import { getConfig } from '../config';
import { getSources } from '../sources';
import { detectionDeps, scanAnomalies, type AnomaliesQuery, type ScanResult } from './anomalies';
import { createSharedScanCache, type SharedScanCache } from './anomalies-cache';
import { anomaliesCacheKey } from './anomalies-input';
import { notConfiguredMessages } from './source-call';

const state = globalThis as unknown as { triangulateScanCache?: SharedScanCache<ScanResult> };

export function sharedScan(raw: Record<string, string | undefined>, query: AnomaliesQuery, nowMs: number, signal: AbortSignal | undefined): Promise<ScanResult> {
  state.triangulateScanCache ??= createSharedScanCache<ScanResult>({ ttlMs: 5_000, maxEntries: 32 });
  const { demo, detection } = getConfig();
  return state.triangulateScanCache.run(anomaliesCacheKey(raw), signal, (s) =>
    scanAnomalies({ clients: getSources(), nowMs, signal: s, notConfigured: notConfiguredMessages(demo), ...detectionDeps(detection) }, query),
  );
}
