import { json, route, searchParams } from '@/lib/api/respond';
import { parseAnomaliesInput } from '@/lib/investigate/scan/anomalies-input';
import { sharedScan } from '@/lib/investigate/scan/shared-scan';

export const dynamic = 'force-dynamic';

/** `?from&to[&service][&kind]` → `{ anomalies, sources, range, skipped? }`. */
export const GET = route(async (req: Request) => {
  const raw = searchParams(req);
  const nowMs = Date.now();
  const query = parseAnomaliesInput(raw, nowMs);
  return json((await sharedScan(query, nowMs, req.signal)).response);
});
