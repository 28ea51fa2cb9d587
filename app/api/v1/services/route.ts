import { ApiError, json, route } from '@/lib/api/respond';
import { getConfig } from '@/lib/config';
import { notConfiguredMessage } from '@/lib/investigate/source-call';
import { getSources } from '@/lib/sources';

export const dynamic = 'force-dynamic';

/** The services Jaeger knows, sorted (docs/search-api.md). */
export const GET = route(async (req: Request) => {
  const { jaeger } = getSources();
  if (!jaeger) throw new ApiError(503, 'not_configured', notConfiguredMessage('jaeger', getConfig().demo, getConfig() /* TRACES_BACKEND names the variable */));
  const services = await jaeger.services({ signal: req.signal });
  return json({ services: [...new Set(services)].sort() });
});
