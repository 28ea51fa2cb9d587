/**
 * Everything the service page shows besides its findings (docs/search-api.md, GET
 * /api/v1/services/{service}/overview): RED and runtime panels, log volume by level,
 * callers and callees from the service map, the slowest and the failing traces. Each part
 * degrades on its own source.
 */
import type { SearchQuery } from '../search/search-query';
import { neighbours } from '../service-map/graph';
import { FALLBACK_LEVEL_LABEL, LEVEL_LABELS, logVolumeQuery, logVolumeStepSec, pickLevelLabel, toLevelBuckets } from '../service-page/log-volume';
import type { ElasticsearchClient } from '../sources/elasticsearch/client';
import { fieldForLabel, labelName } from '../model/label-name';
import { logsSources, type NamedClient } from '../sources/registry';
import type { LokiClient } from '../sources/types';
import { serviceFieldOf, serviceLabelOrder } from '../correlate/service-label';
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

/** Log volume by level from the first chosen logs source: a LogQL metric query, or an Elasticsearch date histogram. */
async function logVolume(source: NamedClient<LokiClient | ElasticsearchClient>, service: string, range: TimeRange, signal: AbortSignal | undefined) {
  const stepSec = logVolumeStepSec(range.fromMs, range.toMs);
  if (source.type === 'elasticsearch') {
    const es = source.client as ElasticsearchClient;
    const serviceField = serviceFieldOf(es.labelFields, source.serviceLabel);
    if (!serviceField) return null;
    const levelField = fieldForLabel(es.labelFields, LEVEL_LABELS);
    const levelLabel = levelField ? labelName(levelField) : FALLBACK_LEVEL_LABEL;
    const { series } = await es.volumeWhere(serviceField, service, levelField, range.fromMs, range.toMs, stepSec, { signal });
    return { levelLabel, stepSec, ...toLevelBuckets(series, levelLabel) };
  }
  const loki = source.client as LokiClient;
  const labels = await loki.labels(range.fromMs, range.toMs, { signal });
  const serviceLabel = pickServiceLabel(labels, serviceLabelOrder(source.serviceLabel));
  if (!serviceLabel) return null;
  const levelLabel = pickLevelLabel(labels);
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
  const { prometheus: prom } = deps.clients;
  const logsSource = logsSources(deps.sources)[0] ?? null;
  const signal = deps.signal;
  const nc = deps.config.notConfigured;
  const window = alignWindow(range, panelStepSec(range.fromMs, range.toMs));
  const metricsPart = callSource(prom, async () => fetchServiceMetrics(prom!, [service], window, await cachedMetadata(prom!, deps.nowMs, signal), signal, deps.nowMs), nc.prometheus);
  const logsPart = callSource(logsSource?.client ?? null, () => logVolume(logsSource!, service, range, signal), nc.loki);
  const mapPart = serviceMap(deps, range);
  const [metrics, logs, map, slowest, failing] = await Promise.all([
    metricsPart,
    logsPart,
    mapPart,
    searchTraces(deps, traceQuery(service, range, false)),
    searchTraces(deps, traceQuery(service, range, true)),
  ]);
  const near = neighbours(map.graph, service);
  // The results' "logged" marks speak LogQL only: with an Elasticsearch they are absent, which is no failure of the logs source.
  const marks = slowest.results.length && slowest.sources.loki.status !== 'not_configured' ? [slowest.sources.loki] : [];
  const lokiReports = [logs.report, ...marks];
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
