import { json, route, searchParams } from '@/lib/api/respond';
import { getConfig } from '@/lib/config';
import { notConfiguredMessage } from '@/lib/investigate/source-call';
import { runLogContext } from '@/lib/query/log-context';
import { getSources } from '@/lib/sources';

export const dynamic = 'force-dynamic';

/** Lines before and after one log line of one stream: `?stream&tsNs&before&after`. */
export const GET = route(async (req: Request) => {
  const body = await runLogContext(searchParams(req), {
    loki: getSources().loki,
    notConfiguredMessage: notConfiguredMessage('loki', getConfig().demo),
    signal: req.signal,
  });
  return json(body);
});
