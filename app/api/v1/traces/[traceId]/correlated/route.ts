import { canonicalTraceId } from '@/lib/model/ids';
import { badRequest, json, route } from '@/lib/api/respond';
import { parseRange } from '@/lib/time/range';
import { getConfig } from '@/lib/config';
import { getSources } from '@/lib/sources';
import { correlateTrace } from '@/lib/investigate/correlated';

export const dynamic = 'force-dynamic';

/** One trace with its logs, metrics, exemplars and findings; per-source status inside. */
export const GET = route(async (req: Request, ctx: { params: Promise<{ traceId: string }> }) => {
  const { traceId: raw } = await ctx.params;
  const traceId = canonicalTraceId(decodeURIComponent(raw));
  if (!traceId) throw badRequest(`"${raw.slice(0, 80)}" is not a trace id: expected 1 to 32 hex digits (16 or 32 as Jaeger and OpenTelemetry print them)`, 'bad_trace_id');
  const q = new URL(req.url).searchParams;
  const nowMs = Date.now();
  const range = parseRange(q.get('from'), q.get('to'), nowMs);
  const body = await correlateTrace({ clients: getSources(), nowMs, demo: getConfig().demo, signal: req.signal }, traceId, range);
  return json(body);
});
