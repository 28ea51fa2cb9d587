import { json, route } from '@/lib/api/respond';
import type { CorrelatedResponse } from '@/lib/api/types';
import { parseTraceRequest } from '@/lib/api/trace-id';
import { getConfig } from '@/lib/config';
import { getSources } from '@/lib/sources';
import { correlateTrace } from '@/lib/investigate/correlated';
import { createSharedScanCache, SCAN_KEY_STEP_MS } from '@/lib/investigate/anomalies-cache';

export const dynamic = 'force-dynamic';

/**
 * Everyone opening the same trace within seconds (a link pasted in the incident channel)
 * shares one investigation, as the trace page's own two requests share one Jaeger fetch;
 * at most 16 different investigations run at once (docs/reliability.md, "Queues and 429").
 */
const investigations = createSharedScanCache<CorrelatedResponse>({ ttlMs: 5_000, maxEntries: 64, maxInFlight: 16 });

/** One trace with its logs, metrics, exemplars and findings; per-source status inside. */
export const GET = route(async (req: Request, ctx: { params: Promise<{ traceId: string }> }) => {
  const { traceId, range, nowMs } = await parseTraceRequest(req, ctx);
  const key = JSON.stringify([traceId, Math.floor(range.fromMs / SCAN_KEY_STEP_MS), Math.floor(range.toMs / SCAN_KEY_STEP_MS)]);
  return json(await investigations.run(key, req.signal, (signal) => correlateTrace({ clients: getSources(), nowMs, demo: getConfig().demo, signal, redFamilies: getConfig().detection.redFamilies }, traceId, range)));
});
