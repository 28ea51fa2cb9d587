import { json, route } from '@/lib/api/respond';
import { parseTraceIdParam } from '@/lib/api/trace-id';
import { parseRange } from '@/lib/time/range';
import { getConfig } from '@/lib/config';
import { getSources } from '@/lib/sources';
import { correlateTrace } from '@/lib/investigate/correlated';

export const dynamic = 'force-dynamic';

/** One trace with its logs, metrics, exemplars and findings; per-source status inside. */
export const GET = route(async (req: Request, ctx: { params: Promise<{ traceId: string }> }) => {
  const traceId = parseTraceIdParam((await ctx.params).traceId);
  const q = new URL(req.url).searchParams;
  const nowMs = Date.now();
  const range = parseRange(q.get('from'), q.get('to'), nowMs);
  const body = await correlateTrace({ clients: getSources(), nowMs, demo: getConfig().demo, signal: req.signal }, traceId, range);
  return json(body);
});
