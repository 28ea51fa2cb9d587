import { json, route, searchParams } from '@/lib/api/respond';
import type { AnomaliesResponse } from '@/lib/api/types';
import { getConfig } from '@/lib/config';
import { detectionDeps, findAnomalies } from '@/lib/investigate/anomalies';
import { createSharedScanCache, scanCacheKey } from '@/lib/investigate/anomalies-cache';
import { parseAnomaliesInput } from '@/lib/investigate/anomalies-input';
import { notConfiguredMessages } from '@/lib/investigate/source-call';
import { getSources } from '@/lib/sources';

export const dynamic = 'force-dynamic';

/**
 * The overview and the anomalies page ask the same scan within seconds: share it briefly.
 * A scan is up to a few hundred backend queries, so only a few different ones run at once
 * (docs/reliability.md, "Scans").
 */
const cache = createSharedScanCache<AnomaliesResponse>({ ttlMs: 5_000, maxEntries: 32, maxInFlight: 4 });

/** `?from&to[&service][&kind]` → `{ anomalies, sources, range, skipped? }`. */
export const GET = route(async (req: Request) => {
  const raw = searchParams(req);
  const nowMs = Date.now();
  const query = parseAnomaliesInput(raw, nowMs);
  const { demo, detection } = getConfig();
  const body = await cache.run(scanCacheKey(query), req.signal, (signal) =>
    findAnomalies(
      {
        clients: getSources(),
        nowMs,
        signal,
        notConfigured: notConfiguredMessages(demo),
        ...detectionDeps(detection),
      },
      query,
    ),
  );
  return json(body);
});
