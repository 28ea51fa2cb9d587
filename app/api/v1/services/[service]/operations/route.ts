import { ApiError, json, route } from '@/lib/api/respond';
import { parseServiceParam } from '@/lib/api/service-param';
import { getConfig } from '@/lib/config';
import { notConfiguredMessage } from '@/lib/investigate/source-call';
import { getSources } from '@/lib/sources';

export const dynamic = 'force-dynamic';

/** The operations of one service, as Jaeger lists them (docs/search-api.md). */
export const GET = route(async (req: Request, ctx: { params: Promise<{ service: string }> }) => {
  const service = parseServiceParam((await ctx.params).service);
  const { jaeger } = getSources();
  if (!jaeger) throw new ApiError(503, 'not_configured', notConfiguredMessage('jaeger', getConfig().demo, getConfig() /* TRACES_BACKEND names the variable */));
  const ops = await jaeger.operations(service, { signal: req.signal });
  const names = [...new Set(ops.map((o) => o.name))].sort();
  return json({ service, operations: names });
});
