import { json, route } from '@/lib/api/respond';
import { completionDeps as deps } from '@/lib/query/prom-completion-deps';
import { runMetricMetadata } from '@/lib/query/prom-completion';

export const dynamic = 'force-dynamic';

/** Metric metadata (type, help, unit) for PromQL completion. */
export const GET = route(async (req: Request) => json(await runMetricMetadata(deps(req))));
