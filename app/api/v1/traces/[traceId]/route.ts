import { json, route } from '@/lib/api/respond';
import { parseRange } from '@/lib/time/range';
import { getConfig } from '@/lib/config';
import { getSources } from '@/lib/sources';
import { notConfiguredMessage } from '@/lib/investigate/source-call';
import { traceOnly } from '@/lib/investigate/trace-only';
import { parseTraceIdParam } from '@/lib/api/trace-id';

export const dynamic = 'force-dynamic';

/** The trace alone (Jaeger only), for drawing the waterfall before the full investigation. */
export const GET = route(async (req: Request, ctx: { params: Promise<{ traceId: string }> }) => {
  const traceId = parseTraceIdParam((await ctx.params).traceId);
  const q = new URL(req.url).searchParams;
  const nowMs = Date.now();
  const range = parseRange(q.get('from'), q.get('to'), nowMs);
  const { jaeger } = getSources();
  return json(await traceOnly({ jaeger, nowMs, notConfigured: notConfiguredMessage('jaeger', getConfig().demo), signal: req.signal }, traceId, range));
});
