import type { ApiMetric } from '../api/types';
import type { Labels, Series } from '../model/types';
import { buildMetricCatalog, serviceMetricQueries, resolveServiceLabel, DEFAULT_SERVICE_LABELS } from '../correlate/service-metrics';
import { promString } from '../correlate/promql';
import { GC_METRICS } from '../anomalies/gc-metrics';
import type { MetricMetadata, PrometheusClient } from '../sources/types';

/**
 * The metric side of an investigation: for the services a trace crossed, the RED and
 * runtime panels (rates, quantiles) for display, and the raw counters and gauges the
 * detectors need (resets, GC storms, leaks), over the trace window with margin.
 */

export const MAX_SERVICES = 8;

const RAW_NAMES = [
  ...GC_METRICS.map((m) => m.name),
  'process_start_time_seconds',
  'http_requests_total',
  'http_request_duration_seconds_count',
  'http_request_duration_seconds_bucket',
  'http_server_request_duration_seconds_count',
  'http_server_request_duration_seconds_bucket',
  'go_goroutines',
  'go_threads',
  'jvm_threads_current',
  'process_open_fds',
  'go_memstats_heap_inuse_bytes',
];

const regexAlt = (values: readonly string[]) => values.map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');

/** One /api/v1/series matcher per candidate service label, all services at once. */
export function serviceSeriesMatchers(services: readonly string[], labels: readonly string[] = DEFAULT_SERVICE_LABELS): string[] {
  const alt = promString(regexAlt(services));
  return labels.map((l) => `{${l}=~${alt}}`);
}

/** Step for display panels: ~200 points, at least the usual 15 s scrape interval. */
export const panelStepSec = (fromMs: number, toMs: number): number => Math.max(15, Math.ceil((toMs - fromMs) / 1000 / 200));

const toApiPoints = (points: [number, number][]): [number, number | null][] => points.map(([t, v]) => [t, Number.isNaN(v) ? null : v]);

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
): Promise<ServiceMetricsResult> {
  const wanted = services.slice(0, MAX_SERVICES);
  const warnings = services.length > wanted.length ? [`metrics shown for the first ${MAX_SERVICES} of ${services.length} services`] : [];
  if (wanted.length === 0) return { panels: [], raw: [], warnings };
  const seriesSets: Labels[] = await prom.series(serviceSeriesMatchers(wanted), window.fromMs, window.toMs, { signal, limit: 20_000 });
  const step = panelStepSec(window.fromMs, window.toMs);
  const perService = await Promise.all(
    wanted.map(async (service) => {
      const label = resolveServiceLabel(seriesSets, service);
      if (!label) return { panels: [] as ApiMetric[], raw: [] as Series[], missing: service };
      // Per service: a JVM service must not get Go panels because some other service is Go.
      const own = seriesSets.filter((l) => l[label] === service);
      const catalog = own.length > 0 ? buildMetricCatalog({ series: own }) : buildMetricCatalog({ metadata });
      const queries = serviceMetricQueries(service, catalog, { serviceLabel: label });
      const rawQuery = `{${label}=${promString(service)}, __name__=~${promString(RAW_NAMES.filter((n) => catalog.names.has(n)).join('|') || 'process_start_time_seconds')}}`;
      const [panelResults, raw] = await Promise.all([
        Promise.all(
          queries.map((q) =>
            prom.queryRange(q.query, window.fromMs, window.toMs, step, { signal }).then(
              (r) => r.series.map((s): ApiMetric => ({ name: s.name, labels: s.labels, points: toApiPoints(s.points), panel: q.panel, service, title: q.title, unit: q.unit, query: q.query })),
              (err: Error) => {
                warnings.push(`${service} ${q.title}: ${err.message}`);
                return [] as ApiMetric[];
              },
            ),
          ),
        ),
        // Raw-resolution samples (15 s) for the detectors: resets, GC rates, leaks.
        prom.queryRange(rawQuery, window.fromMs, window.toMs, 15, { signal }).then((r) => r.series),
      ]);
      return { panels: panelResults.flat(), raw, missing: null };
    }),
  );
  for (const p of perService) if (p.missing) warnings.push(`no metrics found for service ${p.missing}`);
  return { panels: perService.flatMap((p) => p.panels), raw: perService.flatMap((p) => p.raw), warnings };
}
