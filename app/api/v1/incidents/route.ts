import { json, route, searchParams } from '@/lib/api/respond';
import { getConfig } from '@/lib/config';
import { db } from '@/lib/db';
import { withMutes } from '@/lib/incidents';
import { createSharedScanCache } from '@/lib/investigate/anomalies-cache';
import { parseIncidentsInput } from '@/lib/investigate/anomalies-input';
import { findIncidents, type IncidentsResponse } from '@/lib/investigate/incidents';
import { notConfiguredMessages } from '@/lib/investigate/source-call';
import { activeMutes } from '@/lib/mutes/mutes';
import { listActiveMutes } from '@/lib/mutes/store';
import { getSources } from '@/lib/sources';

export const dynamic = 'force-dynamic';

/** The overview and the anomalies page ask within seconds of each other: share the scan briefly. */
const cache = createSharedScanCache<IncidentsResponse>({ ttlMs: 5_000, maxEntries: 32 });

/** `?from&to` → `{ incidents, telemetryHealth, sources, range, skipped? }` (docs/api.md). */
export const GET = route(async (req: Request) => {
  const raw = searchParams(req);
  const nowMs = Date.now();
  const query = parseIncidentsInput(raw, nowMs);
  const [body, mutes] = await Promise.all([
    cache.run(JSON.stringify([raw.from ?? '', raw.to ?? '']), req.signal, (signal) =>
      findIncidents({ clients: getSources(), nowMs, signal, notConfigured: notConfiguredMessages(getConfig().demo) }, query),
    ),
    // The database only adds who acknowledged what: when it fails, the incidents still answer.
    listActiveMutes(db(), nowMs).catch((err: Error) => err),
  ]);
  if (mutes instanceof Error) return json({ ...body, skipped: [...(body.skipped ?? []), `Acknowledgements and mutes could not be read (${mutes.message}).`] });
  return json(withMutes(body, activeMutes(mutes, nowMs)));
});
