/**
 * Everything the service page shows besides its findings (docs/search-api.md, GET
 * /api/v1/services/{service}/overview): RED and runtime panels, log volume by level,
 * callers and callees from the service map, the slowest and the failing traces. Each part
 * degrades on its own source.
 */
import type { SearchQuery } from '../search/search-query';
import { neighbours } from '../service-map/graph';
import { logVolumeQuery, logVolumeStepSec, pickLevelLabel, toLevelBuckets } from '../service-page/log-volume';
import { withBudget, type InvestigationContext } from './context';
import type { TimeRange } from '../time/range';
import { cachedMetadata } from './metadata-cache';
import { serviceMap } from './scan/service-map';
import { alignWindow, fetchServiceMetrics, panelStepSec } from './trace/service-series';
import { callSource, mergeReports, type SourceOutcome } from './source-call';
import { pickServiceLabel } from './trace/trace-logs';
import { searchTraces } from './trace/trace-search';

export type { ServicePageAnswer } from '../api/contract/search';
import type { ServicePageAnswer } from '../api/contract/search';

export const SERVICE_PAGE_TRACES = 10;

async function logVolume(loki: NonNullable<InvestigationContext['clients']['loki']>, service: string, range: TimeRange, signal: AbortSignal | undefined) {
  const labels = await loki.labels(range.fromMs, range.toMs, { signal });
  const serviceLabel = pickServiceLabel(labels);
  if (!serviceLabel) return null;
  const levelLabel = pickLevelLabel(labels);
  const stepSec = logVolumeStepSec(range.fromMs, range.toMs);
  const { series } = await loki.queryRangeMetric(logVolumeQuery(serviceLabel, service, levelLabel, stepSec), range.fromMs, range.toMs, { signal, step: `${stepSec}s` });
  return { levelLabel, stepSec, ...toLevelBuckets(series, levelLabel) };
}

function traceQuery(service: string, range: TimeRange, errorsOnly: boolean): SearchQuery {
  return {
    service, operation: null, tagsText: '', tags: {}, minDuration: null, maxDuration: null, minDurationMs: null, maxDurationMs: null,
    limit: errorsOnly ? SERVICE_PAGE_TRACES : 100, errorsOnly, sort: errorsOnly ? 'recent' : 'longest', fromMs: range.fromMs, toMs: range.toMs,
  };
}

/** The page's budget: every backend call gives up when it runs out. */
export const SERVICE_PAGE_BUDGET_MS = 25_000;

export async function servicePage(outer: InvestigationContext, service: string, range: TimeRange): Promise<ServicePageAnswer> {
  const budget = withBudget(outer, SERVICE_PAGE_BUDGET_MS, 'the service page');
  try {
    return await collectServicePage(budget.ctx, service, range);
  } finally {
    budget.done();
  }
}

async function collectServicePage(deps: InvestigationContext, service: string, range: TimeRange): Promise<ServicePageAnswer> {
  const { prometheus: prom, loki } = deps.clients;
  const signal = deps.signal;
  const nc = deps.config.notConfigured;
  const window = alignWindow(range, panelStepSec(range.fromMs, range.toMs));
  const metricsPart = callSource(prom, async () => fetchServiceMetrics(prom!, [service], window, await cachedMetadata(prom!, deps.nowMs, signal), signal, deps.nowMs), nc.prometheus);
  const logsPart = callSource(loki, () => logVolume(loki!, service, range, signal), nc.loki);
  const mapPart = serviceMap(deps, range);
  const [metrics, logs, map, slowest, failing] = await Promise.all([
    metricsPart,
    logsPart,
    mapPart,
    searchTraces(deps, traceQuery(service, range, false)),
    searchTraces(deps, traceQuery(service, range, true)),
  ]);
  const near = neighbours(map.graph, service);
  const lokiReports = [logs.report, ...(slowest.results.length ? [slowest.sources.loki] : [])];
  return {
    service,
    range,
    panels: metrics.value?.panels ?? [],
    logVolume: (logs as SourceOutcome<ServicePageAnswer['logVolume']>).value,
    graph: { source: map.graph.source, node: map.graph.nodes.find((n) => n.name === service) ?? null, ...near },
    slowest: slowest.results.slice(0, SERVICE_PAGE_TRACES),
    failing: failing.results.slice(0, SERVICE_PAGE_TRACES),
    sources: { prometheus: metrics.report, loki: mergeReports(lokiReports), jaeger: mergeReports([map.sources.jaeger, slowest.sources.jaeger, failing.sources.jaeger]) },
    warnings: [...(metrics.value?.warnings ?? []), ...map.notes],
  };
}
