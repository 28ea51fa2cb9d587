import { json, route, searchParams } from '@/lib/api/respond';
import type { AnomaliesResponse } from '@/lib/api/types';
import { getConfig } from '@/lib/config';
import { detectionDeps, findAnomalies } from '@/lib/investigate/anomalies';
import { createSharedScanCache } from '@/lib/investigate/anomalies-cache';
import { anomaliesCacheKey, parseAnomaliesInput } from '@/lib/investigate/anomalies-input';
import { notConfiguredMessages } from '@/lib/investigate/source-call';
import { getSources } from '@/lib/sources';

export const dynamic = 'force-dynamic';

/** The overview and the anomalies page ask the same scan within seconds: share it briefly. */
const cache = createSharedScanCache<AnomaliesResponse>({ ttlMs: 5_000, maxEntries: 32 });

/** `?from&to[&service][&kind]` → `{ anomalies, sources, range, skipped? }`. */
export const GET = route(async (req: Request) => {
  const raw = searchParams(req);
  const nowMs = Date.now();
  const query = parseAnomaliesInput(raw, nowMs);
  const { demo, detection } = getConfig();
  const body = await cache.run(anomaliesCacheKey(raw), req.signal, (signal) =>
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
