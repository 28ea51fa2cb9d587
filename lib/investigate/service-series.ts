import type { ApiMetric } from '../api/types';
import type { Labels, Series } from '../model/types';
import { DEFAULT_SERVICE_LABELS, METRIC_PANELS } from '../correlate/service-metrics';
import { regexMatcher } from '../correlate/promql';
import type { MetricMetadata, PrometheusClient } from '../sources/types';
import { keyedClientCache } from './client-cache';
import { planServiceMetrics, splitPanelSeries, splitRawSeries } from './service-series-plan';

/**
 * The metric side of an investigation: for the services a trace crossed, the RED and
 * runtime panels (rates, quantiles) for display, and the raw counters and gauges the
 * detectors need (resets, GC storms, leaks), over the trace window with margin. Services
 * share queries where their metric families agree (service-series-plan), so the number of
 * queries does not grow with the services and fewer queue behind the per-source limit.
 */

export const MAX_SERVICES = 8;

/** One /api/v1/series matcher per candidate service label, all services at once. */
export function serviceSeriesMatchers(services: readonly string[], labels: readonly string[] = DEFAULT_SERVICE_LABELS): string[] {
  return labels.map((l) => `{${regexMatcher(l, services)}}`);
}

/** Step for display panels: ~200 points, at least the usual 15 s scrape interval. */
export const panelStepSec = (fromMs: number, toMs: number): number => Math.max(15, Math.ceil((toMs - fromMs) / 1000 / 200));

/**
 * Which series the services have changes rarely: the /api/v1/series lookup is kept a
 * minute per client, keyed by the service set and the window widened to whole minutes.
 */
const seriesCache = keyedClientCache<PrometheusClient, Labels[]>(60_000, 32);

function cachedServiceSeries(prom: PrometheusClient, services: readonly string[], window: { fromMs: number; toMs: number }, nowMs: number, signal?: AbortSignal): Promise<Labels[]> {
  const fromMs = Math.floor(window.fromMs / 60_000) * 60_000;
  const toMs = Math.ceil(window.toMs / 60_000) * 60_000;
  const key = `${[...services].sort().join('\u0000')}\u0001${fromMs}\u0001${toMs}`;
  return seriesCache(prom, key, nowMs, () => prom.series(serviceSeriesMatchers(services), fromMs, toMs, { signal, limit: 20_000 }));
}

export interface ServiceMetricsResult {
  panels: ApiMetric[];
  raw: Series[];
  warnings: string[];
}

export async function fetchServiceMetrics(
  prom: PrometheusClient,
  services: readonly string[],
  window: { fromMs: number; toMs: number },
  metadata: Record<string, MetricMetadata[]>,
  signal?: AbortSignal,
  nowMs: number = Date.now(),
): Promise<ServiceMetricsResult> {
  const wanted = services.slice(0, MAX_SERVICES);
  const warnings = services.length > wanted.length ? [`metrics shown for the first ${MAX_SERVICES} of ${services.length} services`] : [];
  if (wanted.length === 0) return { panels: [], raw: [], warnings };
  const seriesSets = await cachedServiceSeries(prom, wanted, window, nowMs, signal);
  const step = panelStepSec(window.fromMs, window.toMs);
  const plan = planServiceMetrics(wanted, seriesSets, metadata);
  const panelsOf = new Map<string, ApiMetric[][]>();
  const rawOf = new Map<string, Series[]>();
  await Promise.all([
    ...plan.panels.map((batch) =>
      prom.queryRange(batch.query.query, window.fromMs, window.toMs, step, { signal }).then(
        (r) => {
          const slot = METRIC_PANELS.indexOf(batch.query.panel);
          for (const [service, metrics] of splitPanelSeries(r.series, batch)) {
            const slots = panelsOf.get(service) ?? [];
            slots[slot] = metrics;
            panelsOf.set(service, slots);
          }
        },
        (err: Error) => void warnings.push(`${batch.services.map((p) => p.service).join(', ')} ${batch.query.title}: ${err.message}`),
      ),
    ),
    // Raw-resolution samples (15 s) for the detectors: resets, GC rates, leaks.
    ...plan.raw.map((batch) =>
      prom.queryRange(batch.query, window.fromMs, window.toMs, 15, { signal }).then((r) => {
        for (const [service, series] of splitRawSeries(r.series, batch)) rawOf.set(service, series);
      }),
    ),
  ]);
  for (const service of plan.missing) warnings.push(`no metrics found for service ${service}`);
  // Same order as one service at a time: by service, then by panel.
  const panels = wanted.flatMap((s) => (panelsOf.get(s) ?? []).flatMap((m) => m ?? []));
  const raw = wanted.flatMap((s) => rawOf.get(s) ?? []);
  return { panels, raw, warnings };
}
