import { json, route } from '@/lib/api/respond';
import { getConfig } from '@/lib/config';
import { serviceMap } from '@/lib/investigate/scan/service-map';
import { notConfiguredMessage } from '@/lib/investigate/source-call';
import { getSources } from '@/lib/sources';
import { parseRange } from '@/lib/time/range';

export const dynamic = 'force-dynamic';

/** The service dependency graph of `?from&to` (docs/search-api.md). */
export const GET = route(async (req: Request) => {
  const q = new URL(req.url).searchParams;
  const range = parseRange(q.get('from'), q.get('to'), Date.now());
  const { jaeger } = getSources();
  return json(await serviceMap({ jaeger, notConfigured: notConfiguredMessage('jaeger', getConfig().demo, getConfig() /* TRACES_BACKEND names the variable */), signal: req.signal }, range));
});
