import { json, route, searchParams } from '@/lib/api/respond';
import { getConfig } from '@/lib/config';
import { createSharedScanCache } from '@/lib/investigate/anomalies-cache';
import { findIncidents, type IncidentsResponse } from '@/lib/investigate/incidents';
import { parseIncidentsInput } from '@/lib/investigate/anomalies-input';
import { notConfiguredMessages } from '@/lib/investigate/source-call';
import { getSources } from '@/lib/sources';

export const dynamic = 'force-dynamic';

/** The overview and the anomalies page ask within seconds of each other: share the scan briefly. */
const cache = createSharedScanCache<IncidentsResponse>({ ttlMs: 5_000, maxEntries: 32 });

/** `?from&to` → `{ incidents, telemetryHealth, sources, range, skipped? }` (docs/api.md). */
export const GET = route(async (req: Request) => {
  const raw = searchParams(req);
  const nowMs = Date.now();
  const query = parseIncidentsInput(raw, nowMs);
  const body = await cache.run(JSON.stringify([raw.from ?? '', raw.to ?? '']), req.signal, (signal) =>
    findIncidents({ clients: getSources(), nowMs, signal, notConfigured: notConfiguredMessages(getConfig().demo) }, query),
  );
  return json(body);
});
