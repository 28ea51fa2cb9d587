import { jsonStream, route } from '@/lib/api/respond';
import { parseTraceRequest } from '@/lib/api/trace-id';
import { requestContext } from '@/lib/investigate/request-context';
import { traceOnly } from '@/lib/investigate/trace/trace-only';

export const dynamic = 'force-dynamic';

/** The trace alone (Jaeger only), spans as columns; the trace page itself reads the stream (`/stream`). */
export const GET = route(async (req: Request, ctx: { params: Promise<{ traceId: string }> }) => {
  const { traceId, range, nowMs, selection } = await parseTraceRequest(req, ctx);
  return jsonStream(await traceOnly(requestContext({ nowMs, signal: req.signal, selection }), traceId, range));
});
