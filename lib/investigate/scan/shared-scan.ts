/**
 * One anomaly scan serves both GET /api/v1/anomalies and GET /api/v1/incidents: the
 * overview asks both within the same second, and a scan costs dozens of backend queries.
 * Kept on globalThis because Next.js may load this module once per route bundle. A scan is
 * up to a few hundred backend queries, so only a few different ones run at once
 * (docs/reliability.md, "Scans").
 */
import { scanAnomalies, type AnomaliesQuery, type ScanResult } from './anomalies';
import { createSharedScanCache, scanCacheKey, type SharedScanCache } from './anomalies-cache';
import { requestContext } from '../request-context';

const state = globalThis as unknown as { triangulateScanCache?: SharedScanCache<ScanResult> };

export function sharedScan(query: AnomaliesQuery, nowMs: number, signal: AbortSignal | undefined): Promise<ScanResult> {
  state.triangulateScanCache ??= createSharedScanCache<ScanResult>({ ttlMs: 5_000, maxEntries: 32, maxInFlight: 4 });
  // The scan runs on the cache's signal: it is cancelled only when every request sharing it went away.
  return state.triangulateScanCache.run(scanCacheKey(query), signal, (s) => scanAnomalies(requestContext({ nowMs, signal: s }), query));
}
