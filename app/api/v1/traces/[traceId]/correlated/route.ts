import { json, route } from '@/lib/api/respond';
import { parseTraceRequest } from '@/lib/api/trace-id';
import { getConfig } from '@/lib/config';
import { getSources } from '@/lib/sources';
import { correlateTrace } from '@/lib/investigate/correlated';

export const dynamic = 'force-dynamic';

/** One trace with its logs, metrics, exemplars and findings; per-source status inside. */
export const GET = route(async (req: Request, ctx: { params: Promise<{ traceId: string }> }) => {
  const { traceId, range, nowMs } = await parseTraceRequest(req, ctx);
  return json(await correlateTrace({ clients: getSources(), nowMs, demo: getConfig().demo, signal: req.signal }, traceId, range));
});
