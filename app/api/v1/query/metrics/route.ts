import { json, route, searchParams } from '@/lib/api/respond';
import { requestContext } from '@/lib/investigate/request-context';
import { runMetricsQuery } from '@/lib/query/metrics';
import { sourceSelection } from '@/lib/api/source-params';

export const dynamic = 'force-dynamic';

/** PromQL range query for /explore: `?query&from&to&step`. */
export const GET = route(async (req: Request) => {
  const body = await runMetricsQuery(searchParams(req), requestContext({ signal: req.signal, selection: sourceSelection(new URL(req.url).searchParams) }));
  return json(body);
});
