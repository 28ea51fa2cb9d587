import { ndjson, route } from '@/lib/api/respond';
import type { ErrorFrame } from '@/lib/api/contract/trace-stream';
import { parseTraceRequest } from '@/lib/api/trace-id';
import { requestContext } from '@/lib/investigate/request-context';
import { traceStreamFrames } from '@/lib/investigate/trace/stream';

export const dynamic = 'force-dynamic';

/** A frame failed (a bug, never a backend: those are statuses inside the frames); the stream ends with it. */
function errorFrame(err: unknown): ErrorFrame {
  const e = err as Error | undefined;
  if (e?.name === 'TimeoutError') return { frame: 'error', error: { code: 'timeout', message: e.message } };
  console.error('[triangulate] trace stream failed', err);
  return { frame: 'error', error: { code: 'internal', message: 'internal error' } };
}

/**
 * The trace page's one request (docs/api.md, "Investigation stream"): NDJSON frames, the
 * waterfall's columns first, then span details, logs, exemplars, metrics and findings.
 * Bad input is a plain JSON 400 before the stream starts.
 */
export const GET = route(async (req: Request, ctx: { params: Promise<{ traceId: string }> }) => {
  const { traceId, range, nowMs, selection } = await parseTraceRequest(req, ctx);
  return ndjson(traceStreamFrames(requestContext({ nowMs, signal: req.signal, selection }), traceId, range), errorFrame);
});
