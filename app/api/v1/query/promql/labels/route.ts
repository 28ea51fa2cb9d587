import { json, route, searchParams } from '@/lib/api/respond';
import { completionDeps as deps } from '@/lib/query/prom-completion-deps';
import { runLabelNames } from '@/lib/query/prom-completion';

export const dynamic = 'force-dynamic';

/** Label names for PromQL completion: `?match&from&to`. */
export const GET = route(async (req: Request) => json(await runLabelNames(searchParams(req), deps(req))));
