import { badRequest, json, route } from '@/lib/api/respond';
import { getConfig } from '@/lib/config';
import { notConfiguredMessages } from '@/lib/investigate/source-call';
import { searchTraces } from '@/lib/investigate/trace/trace-search';
import { parseSearchQuery, SearchQueryError } from '@/lib/search/search-query';
import { getSources } from '@/lib/sources';

export const dynamic = 'force-dynamic';

/** Trace search (docs/search-api.md): `?service&operation&tags&minDuration&maxDuration&limit&errors&sort&from&to`. */
export const GET = route(async (req: Request) => {
  let query;
  try {
    query = parseSearchQuery(new URL(req.url).searchParams, Date.now());
  } catch (e) {
    if (e instanceof SearchQueryError) throw badRequest(e.message, e.missingService ? 'service_required' : 'bad_search');
    throw e;
  }
  const { jaeger, loki } = getSources();
  const notConfigured = notConfiguredMessages(getConfig().demo);
  return json(await searchTraces({ jaeger, loki, notConfigured, signal: req.signal }, query));
});
