import { json, route, searchParams } from '@/lib/api/respond';
import { requestContext } from '@/lib/investigate/request-context';
import { runLogsQuery } from '@/lib/query/logs';
import { sourceSelection } from '@/lib/api/source-params';

export const dynamic = 'force-dynamic';

/** LogQL range query for /explore: `?query&from&to&limit` (log or metric LogQL). */
export const GET = route(async (req: Request) => {
  const body = await runLogsQuery(searchParams(req), requestContext({ signal: req.signal, selection: sourceSelection(new URL(req.url).searchParams) }));
  return json(body);
});
