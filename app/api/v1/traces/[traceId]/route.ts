import { jsonStream, route } from '@/lib/api/respond';
import { parseTraceRequest } from '@/lib/api/trace-id';
import { requestContext } from '@/lib/investigate/request-context';
import { traceOnly } from '@/lib/investigate/trace/trace-only';
import { holdForWaterfall } from '@/lib/investigate/trace/first-paint';

export const dynamic = 'force-dynamic';

/** The trace alone (Jaeger only), for drawing the waterfall before the full investigation. */
export const GET = route(async (req: Request, ctx: { params: Promise<{ traceId: string }> }) => {
  const { traceId, range, nowMs } = await parseTraceRequest(req, ctx);
  // The full investigation of this trace lets this answer leave first (first-paint.ts).
  const sent = holdForWaterfall(traceId);
  try {
    const answer = await traceOnly(requestContext({ nowMs, signal: req.signal }), traceId, range);
    return jsonStream(answer, sent);
  } catch (e) {
    sent();
    throw e;
  }
});
