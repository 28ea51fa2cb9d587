import { json, route } from '@/lib/api/respond';
import { serviceMap } from '@/lib/investigate/scan/service-map';
import { requestContext } from '@/lib/investigate/request-context';
import { parseRange } from '@/lib/time/range';

export const dynamic = 'force-dynamic';

/** The service dependency graph of `?from&to` (docs/search-api.md). */
export const GET = route(async (req: Request) => {
  const q = new URL(req.url).searchParams;
  const nowMs = Date.now();
  const range = parseRange(q.get('from'), q.get('to'), nowMs);
  return json(await serviceMap(requestContext({ nowMs, signal: req.signal }), range));
});
