import { json, route, searchParams } from '@/lib/api/respond';
import { requestContext } from '@/lib/investigate/request-context';
import { runLabelValues } from '@/lib/query/prom-completion';

export const dynamic = 'force-dynamic';

/** One label's values for PromQL completion (`label=__name__` lists metrics): `?label&match&from&to`. */
export const GET = route(async (req: Request) => json(await runLabelValues(searchParams(req), requestContext({ signal: req.signal }))));
