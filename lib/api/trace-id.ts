import { canonicalTraceId } from '../model/ids';
import { parseRange, type TimeRange } from '../time/range';
import { badRequest } from './respond';
import { sourceSelection } from './source-params';
import type { SourceSelection } from '../sources/registry';

/** A trace id from a URL segment, canonical, or a 400 that says what a trace id looks like. */
export function parseTraceIdParam(raw: string): string {
  let decoded = raw;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    /* keep it as is: it will not be hex */
  }
  const id = canonicalTraceId(decoded);
  if (!id) throw badRequest(`"${decoded.slice(0, 80)}" is not a trace id: expected 1 to 32 hex digits (16 or 32 as Jaeger and OpenTelemetry print them)`, 'bad_trace_id');
  return id;
}

/** The trace routes' input: a canonical id from the path, the range and the chosen sources from the query. */
export async function parseTraceRequest(req: Request, ctx: { params: Promise<{ traceId: string }> }): Promise<{ traceId: string; range: TimeRange; nowMs: number; selection: SourceSelection }> {
  const traceId = parseTraceIdParam((await ctx.params).traceId);
  const q = new URL(req.url).searchParams;
  const nowMs = Date.now();
  return { traceId, range: parseRange(q.get('from'), q.get('to'), nowMs), nowMs, selection: sourceSelection(q) };
}
