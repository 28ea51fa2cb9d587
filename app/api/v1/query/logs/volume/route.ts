import { json, route, searchParams } from '@/lib/api/respond';
import { getConfig } from '@/lib/config';
import { notConfiguredMessage } from '@/lib/investigate/source-call';
import { runLogVolume } from '@/lib/query/log-volume';
import { getSources } from '@/lib/sources';

export const dynamic = 'force-dynamic';

/** Lines per level over time for a log query (the histogram above Explore's logs): `?query&from&to`. */
export const GET = route(async (req: Request) => {
  const body = await runLogVolume(searchParams(req), {
    loki: getSources().loki,
    nowMs: Date.now(),
    notConfiguredMessage: notConfiguredMessage('loki', getConfig().demo),
    signal: req.signal,
  });
  return json(body);
});
