import { json, route, searchParams } from '@/lib/api/respond';
import { requestContext } from '@/lib/investigate/request-context';
import { sourceSelection } from '@/lib/api/source-params';
import { runLogVolume } from '@/lib/query/log-volume';

export const dynamic = 'force-dynamic';

/** Lines per level over time for a log query (the histogram above Explore's logs): `?query&from&to`. */
export const GET = route(async (req: Request) => json(await runLogVolume(searchParams(req), requestContext({ signal: req.signal, selection: sourceSelection(new URL(req.url).searchParams) }))));
