import { json, route, searchParams } from '@/lib/api/respond';
import { requestContext } from '@/lib/investigate/request-context';
import { sourceSelection } from '@/lib/api/source-params';
import { runLogContext } from '@/lib/query/log-context';

export const dynamic = 'force-dynamic';

/** Lines before and after one log line of one stream: `?stream&tsNs&before&after`. */
export const GET = route(async (req: Request) => json(await runLogContext(searchParams(req), requestContext({ signal: req.signal, selection: sourceSelection(new URL(req.url).searchParams) }))));
