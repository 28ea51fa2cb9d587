import { json, route, searchParams } from '@/lib/api/respond';
import { requestContext } from '@/lib/investigate/request-context';
import { runLabelNames } from '@/lib/query/prom-completion';

export const dynamic = 'force-dynamic';

/** Label names for PromQL completion: `?match&from&to`. */
export const GET = route(async (req: Request) => json(await runLabelNames(searchParams(req), requestContext({ signal: req.signal }))));
