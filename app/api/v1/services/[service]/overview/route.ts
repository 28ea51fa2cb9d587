import { json, route } from '@/lib/api/respond';
import { parseServiceParam } from '@/lib/api/service-param';
import { servicePage } from '@/lib/investigate/service-page';
import { requestContext } from '@/lib/investigate/request-context';
import { parseRange } from '@/lib/time/range';
import { sourceSelection } from '@/lib/api/source-params';

export const dynamic = 'force-dynamic';

/** The service page's panels, log volume, neighbours and traces over `?from&to` (docs/search-api.md). */
export const GET = route(async (req: Request, ctx: { params: Promise<{ service: string }> }) => {
  const service = parseServiceParam((await ctx.params).service);
  const q = new URL(req.url).searchParams;
  const nowMs = Date.now();
  const range = parseRange(q.get('from'), q.get('to'), nowMs);
  return json(await servicePage(requestContext({ nowMs, signal: req.signal, selection: sourceSelection(q) }), service, range));
});
