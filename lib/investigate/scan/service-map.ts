/**
 * The service map's data (docs/search-api.md, GET /api/v1/service-map): a spread sample of
 * traces per service (as the anomaly scan takes it) and Jaeger's dependencies, asked
 * together within one deadline. Shared briefly between the map and the service pages.
 */
import { buildServiceGraph } from '../../service-map/graph';
import type { JaegerClient } from '../../sources/types';
import type { TimeRange } from '../../time/range';
import { DEFAULT_ANOMALY_BUDGETS, SourceCalls } from './anomalies-budgets';
import { createSharedScanCache } from './anomalies-cache';
import { sampleTraces } from './anomalies-traces';

export type { ServiceMapAnswer } from '../../api/contract/search';
import type { ServiceMapAnswer } from '../../api/contract/search';

const BUDGETS = { ...DEFAULT_ANOMALY_BUDGETS, maxTraceServices: 60, tracesPerService: 60, deadlineMs: 15_000 };

const cache = createSharedScanCache<ServiceMapAnswer>({ ttlMs: 15_000, maxEntries: 16 });

/** Ranges are rounded to 10 s so that the map and a service page opened together share one sample. */
const cacheKey = (r: TimeRange) => `${Math.round(r.fromMs / 10_000)}:${Math.round(r.toMs / 10_000)}`;

async function collect(jaeger: JaegerClient | null, range: TimeRange, notConfigured: string, signal: AbortSignal): Promise<ServiceMapAnswer> {
  const deadline = AbortSignal.any([signal, AbortSignal.timeout(BUDGETS.deadlineMs)]);
  const calls = new SourceCalls('jaeger', jaeger, deadline, notConfigured);
  if (!jaeger) return { graph: buildServiceGraph([], null), range, sources: { jaeger: calls.report() }, notes: [] };
  const [traces, dependencies] = await Promise.all([
    sampleTraces(calls, jaeger, range, BUDGETS),
    calls.call((s) => jaeger.dependencies(range.fromMs, range.toMs, { signal: s })),
  ]);
  return { graph: buildServiceGraph(traces, dependencies), range, sources: { jaeger: calls.report() }, notes: calls.notes() };
}

export function serviceMap(deps: { jaeger: JaegerClient | null; notConfigured: string; signal?: AbortSignal }, range: TimeRange): Promise<ServiceMapAnswer> {
  return cache.run(cacheKey(range), deps.signal, (signal) => collect(deps.jaeger, range, deps.notConfigured, signal));
}
