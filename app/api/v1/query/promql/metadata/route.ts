import { json, route } from '@/lib/api/respond';
import { requestContext } from '@/lib/investigate/request-context';
import { runMetricMetadata } from '@/lib/query/prom-completion';

export const dynamic = 'force-dynamic';

/** Metric metadata (type, help, unit) for PromQL completion. */
export const GET = route(async (req: Request) => json(await runMetricMetadata(requestContext({ signal: req.signal }))));
