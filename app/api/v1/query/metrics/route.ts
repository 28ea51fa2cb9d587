import { json, route, searchParams } from '@/lib/api/respond';
import { getConfig } from '@/lib/config';
import { notConfiguredMessage } from '@/lib/investigate/source-call';
import { runMetricsQuery } from '@/lib/query/metrics';
import { getSources } from '@/lib/sources';

export const dynamic = 'force-dynamic';

/** PromQL range query for /explore: `?query&from&to&step`. */
export const GET = route(async (req: Request) => {
  const body = await runMetricsQuery(searchParams(req), {
    prometheus: getSources().prometheus,
    nowMs: Date.now(),
    notConfiguredMessage: notConfiguredMessage('prometheus', getConfig().demo),
    signal: req.signal,
  });
  return json(body);
});
