import { json, route, searchParams } from '@/lib/api/respond';
import { completionDeps as deps } from '@/lib/query/prom-completion-deps';
import { runLabelValues } from '@/lib/query/prom-completion';

export const dynamic = 'force-dynamic';

/** One label's values for PromQL completion (`label=__name__` lists metrics): `?label&match&from&to`. */
export const GET = route(async (req: Request) => json(await runLabelValues(searchParams(req), deps(req))));
