import { badRequest, json, route } from '@/lib/api/respond';
import { requestContext } from '@/lib/investigate/request-context';
import { searchTraces } from '@/lib/investigate/trace/trace-search';
import { parseSearchQuery, SearchQueryError } from '@/lib/search/search-query';

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
  // The default source of each kind, and what a missing one says (an Elasticsearch-only logs kind: no "logged" marks).
  const { clients, config } = requestContext({ signal: req.signal });
  return json(await searchTraces({ jaeger: clients.jaeger, loki: clients.loki, notConfigured: config.notConfigured, signal: req.signal }, query));
});
