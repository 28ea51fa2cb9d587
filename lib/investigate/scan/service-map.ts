/**
 * The service map's data (docs/search-api.md, GET /api/v1/service-map): a spread sample of
 * traces per service (as the anomaly scan takes it) and Jaeger's dependencies, asked
 * together within one deadline. Shared briefly between the map and the service pages.
 */
import { buildServiceGraph } from '../../service-map/graph';
import type { TimeRange } from '../../time/range';
import { withBudget, type InvestigationContext } from '../context';
import { DEFAULT_ANOMALY_BUDGETS, SourceCalls } from './anomalies-budgets';
import { createSharedScanCache } from './anomalies-cache';
import { sampleTraces } from './anomalies-traces';

export type { ServiceMapAnswer } from '../../api/contract/search';
import type { ServiceMapAnswer } from '../../api/contract/search';

const BUDGETS = { ...DEFAULT_ANOMALY_BUDGETS, maxTraceServices: 60, tracesPerService: 60, deadlineMs: 15_000 };

const cache = createSharedScanCache<ServiceMapAnswer>({ ttlMs: 15_000, maxEntries: 16 });

/**
 * Per chosen trace source (a page with `?tracesSource=B` must not get A's map), and ranges
 * rounded to 10 s so that the map and a service page opened together share one sample.
 */
const cacheKey = (ctx: InvestigationContext, r: TimeRange) => `${ctx.sources.jaeger[0]?.name ?? ''}\u0000${Math.round(r.fromMs / 10_000)}:${Math.round(r.toMs / 10_000)}`;

/** The sample and the dependencies within the map's own budget, inside the context's. */
async function collect(outer: InvestigationContext, range: TimeRange): Promise<ServiceMapAnswer> {
  const { jaeger } = outer.clients;
  const budget = withBudget(outer, BUDGETS.deadlineMs, 'the service map');
  try {
    const calls = new SourceCalls('jaeger', jaeger, budget.ctx.signal!, outer.config.notConfigured.jaeger, outer.sources.jaeger[0]?.type);
    if (!jaeger) return { graph: buildServiceGraph([], null), range, sources: { jaeger: calls.report() }, notes: [] };
    const [traces, dependencies] = await Promise.all([
      sampleTraces(calls, jaeger, range, BUDGETS),
      calls.call((s) => jaeger.dependencies(range.fromMs, range.toMs, { signal: s })),
    ]);
    return { graph: buildServiceGraph(traces, dependencies), range, sources: { jaeger: calls.report() }, notes: calls.notes() };
  } finally {
    budget.done();
  }
}

/** Callers of one range share a run; it runs on the cache's signal, cancelled only when every caller went away. */
export function serviceMap(ctx: InvestigationContext, range: TimeRange): Promise<ServiceMapAnswer> {
  return cache.run(cacheKey(ctx, range), ctx.signal, (signal) => collect({ ...ctx, signal }, range));
}
