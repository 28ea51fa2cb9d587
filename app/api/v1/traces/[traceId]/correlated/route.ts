import { json, route } from '@/lib/api/respond';
import { parseTraceRequest } from '@/lib/api/trace-id';
import { requestContext } from '@/lib/investigate/request-context';
import { correlateTrace } from '@/lib/investigate/trace/correlated';
import { sharedInvestigation } from '@/lib/investigate/trace/fetch-cache';
import { selectionKey } from '@/lib/api/source-params';

export const dynamic = 'force-dynamic';

/** One trace with its logs, metrics, exemplars and findings as one JSON answer (API users, snapshots); per-source status inside. */
export const GET = route(async (req: Request, ctx: { params: Promise<{ traceId: string }> }) => {
  const { traceId, range, nowMs, selection } = await parseTraceRequest(req, ctx);
  return json(await sharedInvestigation(traceId, range, req.signal, (signal) => correlateTrace(requestContext({ nowMs, signal, selection }), traceId, range), selectionKey(selection)));
});
