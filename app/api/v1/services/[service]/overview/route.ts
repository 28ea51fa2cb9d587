import { setMaxListeners } from 'node:events';
import { json, route } from '@/lib/api/respond';
import { parseServiceParam } from '@/lib/api/service-param';
import { getConfig } from '@/lib/config';
import { servicePage } from '@/lib/investigate/service-page';
import { notConfiguredMessages } from '@/lib/investigate/source-call';
import { getSources } from '@/lib/sources';
import { parseRange } from '@/lib/time/range';

export const dynamic = 'force-dynamic';

/** The service page's panels, log volume, neighbours and traces over `?from&to` (docs/search-api.md). */
export const GET = route(async (req: Request, ctx: { params: Promise<{ service: string }> }) => {
  const service = parseServiceParam((await ctx.params).service);
  const q = new URL(req.url).searchParams;
  const nowMs = Date.now();
  const range = parseRange(q.get('from'), q.get('to'), nowMs);
  const signal = AbortSignal.any([req.signal, AbortSignal.timeout(25_000)]);
  setMaxListeners(200, signal); // every backend call of the page listens to the one budget signal
  return json(await servicePage({ clients: getSources(), notConfigured: notConfiguredMessages(getConfig().demo), signal, nowMs }, service, range));
});
