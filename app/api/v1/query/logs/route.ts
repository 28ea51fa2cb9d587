import { json, route, searchParams } from '@/lib/api/respond';
import { getConfig } from '@/lib/config';
import { notConfiguredMessage } from '@/lib/investigate/source-call';
import { runLogsQuery } from '@/lib/query/logs';
import { getSources } from '@/lib/sources';

export const dynamic = 'force-dynamic';

/** LogQL range query for /explore: `?query&from&to&limit` (log or metric LogQL). */
export const GET = route(async (req: Request) => {
  const body = await runLogsQuery(searchParams(req), {
    loki: getSources().loki,
    nowMs: Date.now(),
    notConfiguredMessage: notConfiguredMessage('loki', getConfig().demo),
    signal: req.signal,
  });
  return json(body);
});
