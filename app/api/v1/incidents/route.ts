import { json, route, searchParams } from '@/lib/api/respond';
import { db } from '@/lib/db';
import { withMutes } from '@/lib/incidents';
import { parseIncidentsInput } from '@/lib/investigate/scan/anomalies-input';
import { traceBriefSearch } from '@/lib/investigate/scan/incident-traces';
import { incidentsOf } from '@/lib/investigate/scan/incidents';
import { requestContext } from '@/lib/investigate/request-context';
import { sharedScan } from '@/lib/investigate/scan/shared-scan';
import { activeMutes } from '@/lib/mutes/mutes';
import { listActiveMutes } from '@/lib/mutes/store';

export const dynamic = 'force-dynamic';

/** `?from&to` → `{ incidents, telemetryHealth, sources, range, skipped? }` (docs/api.md). */
export const GET = route(async (req: Request) => {
  const raw = searchParams(req);
  const nowMs = Date.now();
  const query = parseIncidentsInput(raw, nowMs);
  const [scan, mutes] = await Promise.all([
    // The same scan as GET /api/v1/anomalies over the same range (shared, see shared-scan.ts).
    sharedScan(query, nowMs, req.signal),
    // The database only adds who acknowledged what: when it fails, the incidents still answer.
    listActiveMutes(db(), nowMs).catch((err: Error) => err),
  ]);
  const { jaeger } = requestContext({ nowMs, signal: req.signal }).clients;
  const body = await incidentsOf(scan, query, jaeger ? traceBriefSearch(jaeger, req.signal) : null);
  if (mutes instanceof Error) return json({ ...body, skipped: [...(body.skipped ?? []), `Acknowledgements and mutes could not be read (${mutes.message}).`] });
  return json(withMutes(body, activeMutes(mutes, nowMs)));
});
