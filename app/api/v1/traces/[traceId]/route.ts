import { jsonStream, route } from '@/lib/api/respond';
import { parseTraceRequest } from '@/lib/api/trace-id';
import { getConfig } from '@/lib/config';
import { getSources } from '@/lib/sources';
import { notConfiguredMessage } from '@/lib/investigate/source-call';
import { traceOnly } from '@/lib/investigate/trace-only';
import { holdForWaterfall } from '@/lib/investigate/first-paint';

export const dynamic = 'force-dynamic';

/** The trace alone (Jaeger only), for drawing the waterfall before the full investigation. */
export const GET = route(async (req: Request, ctx: { params: Promise<{ traceId: string }> }) => {
  const { traceId, range, nowMs } = await parseTraceRequest(req, ctx);
  const { jaeger } = getSources();
  // The full investigation of this trace lets this answer leave first (first-paint.ts).
  const sent = holdForWaterfall(traceId);
  try {
    const answer = await traceOnly({ jaeger, nowMs, notConfigured: notConfiguredMessage('jaeger', getConfig().demo), signal: req.signal }, traceId, range);
    return jsonStream(answer, sent);
  } catch (e) {
    sent();
    throw e;
  }
});
