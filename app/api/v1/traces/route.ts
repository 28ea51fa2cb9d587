import { badRequest, json, route } from '@/lib/api/respond';
import { requestContext } from '@/lib/investigate/request-context';
import { searchTraces } from '@/lib/investigate/trace/trace-search';
import { parseSearchQuery, SearchQueryError } from '@/lib/search/search-query';

export const dynamic = 'force-dynamic';

/** Trace search (docs/search-api.md): `?service&operation&tags&minDuration&maxDuration&limit&errors&sort&from&to`. */
export const GET = route(async (req: Request) => {
  const nowMs = Date.now();
  let query;
  try {
    query = parseSearchQuery(new URL(req.url).searchParams, nowMs);
  } catch (e) {
    if (e instanceof SearchQueryError) throw badRequest(e.message, e.missingService ? 'service_required' : 'bad_search');
    throw e;
  }
  return json(await searchTraces(requestContext({ nowMs, signal: req.signal }), query));
});
