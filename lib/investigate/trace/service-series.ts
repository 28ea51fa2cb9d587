import type { ApiMetric } from '../../api/types';
import type { Labels, Series } from '../../model/types';
import { METRIC_PANELS } from '../../correlate/service-metrics';
import { DEFAULT_SERVICE_LABELS } from '../../correlate/service-label';
import { regexMatcher } from '../../correlate/promql';
import type { MetricMetadata, PrometheusClient } from '../../sources/types';
import { keyedClientCache } from '../client-cache';
import type { RedFamily } from '../../anomalies/red';
import { planServiceMetrics, splitPanelSeries, splitRawSeries, type MetricPlan } from './service-series-plan';

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
  return seriesCache(prom, key, nowMs, (own) => prom.series(serviceSeriesMatchers(services), fromMs, toMs, { signal: own, limit: 20_000 }), signal);
}

export interface ServiceMetricsResult {
  panels: ApiMetric[];
  raw: Series[];
  warnings: string[];
}

/**
 * A window on whole steps: every query of an investigation then evaluates at the same
 * instants, whether it covers one trace's window or a longer range cut down later. The end
 * rounds down too, so a window that ends now is never evaluated in the future.
 */
export function alignWindow(w: { fromMs: number; toMs: number }, stepSec: number): { fromMs: number; toMs: number } {
  const step = stepSec * 1000;
  const fromMs = Math.floor(w.fromMs / step) * step;
  return { fromMs, toMs: Math.max(fromMs, Math.floor(w.toMs / step) * step) };
}

/** Raw samples for the detectors (resets, GC rates, leaks) at the usual scrape interval. */
export const RAW_STEP_SEC = 15;

/** What a plan's queries answered, per service. */
export interface PlanAnswer {
  panelsOf: Map<string, ApiMetric[][]>;
  rawOf: Map<string, Series[]>;
  failures: { services: string[]; message: string }[];
  missing: string[];
}

/**
 * Runs a plan's queries over `window` (aligned to the panel step, by default the one for the
 * window); the raw series over `rawWindow` when given (the detectors need the trace's own
 * window, while the panels may show a wider range). A failed panel query is a warning; a
 * failed raw query fails the whole.
 */
export async function runMetricPlan(
  prom: PrometheusClient,
  plan: MetricPlan,
  window: { fromMs: number; toMs: number },
  signal?: AbortSignal,
  step = panelStepSec(window.fromMs, window.toMs),
  rawWindow?: { fromMs: number; toMs: number },
): Promise<PlanAnswer> {
  const w = alignWindow(window, step);
  const rw = rawWindow ? alignWindow(rawWindow, RAW_STEP_SEC) : w;
  const answer: PlanAnswer = { panelsOf: new Map(), rawOf: new Map(), failures: [], missing: plan.missing };
  await Promise.all([
    ...plan.panels.map((batch) =>
      prom.queryRange(batch.query.query, w.fromMs, w.toMs, step, { signal }).then(
        (r) => {
          const slot = METRIC_PANELS.indexOf(batch.query.panel);
          for (const [service, metrics] of splitPanelSeries(r.series, batch)) {
            const slots = answer.panelsOf.get(service) ?? [];
            slots[slot] = metrics;
            answer.panelsOf.set(service, slots);
          }
        },
        (err: Error) => void answer.failures.push({ services: batch.services.map((p) => p.service), message: `${batch.query.title}: ${err.message}` }),
      ),
    ),
    ...plan.raw.map((batch) =>
      prom.queryRange(batch.query, rw.fromMs, rw.toMs, RAW_STEP_SEC, { signal }).then((r) => {
        for (const [service, series] of splitRawSeries(r.series, batch)) answer.rawOf.set(service, series);
      }),
    ),
  ]);
  return answer;
}

const inWindow = (ts: number, w: { fromMs: number; toMs: number }) => ts >= w.fromMs && ts <= w.toMs;

/**
 * The answer for `services`, in their order and then by panel; with `window`, only the
 * points inside it (an answer over a longer range, cut to one trace's window).
 */
export function serviceMetricsFrom(answer: PlanAnswer, services: readonly string[], warnings: string[], window?: { fromMs: number; toMs: number }): ServiceMetricsResult {
  const wanted = new Set(services);
  const out = [...warnings];
  for (const f of answer.failures) {
    const mine = f.services.filter((s) => wanted.has(s));
    if (mine.length > 0) out.push(`${mine.join(', ')} ${f.message}`);
  }
  for (const service of answer.missing) if (wanted.has(service)) out.push(`no metrics found for service ${service}`);
  let panels = services.flatMap((s) => (answer.panelsOf.get(s) ?? []).flatMap((m) => m ?? []));
  let raw = services.flatMap((s) => answer.rawOf.get(s) ?? []);
  if (window) {
    panels = panels.map((m) => ({ ...m, points: m.points.filter(([ts]) => inWindow(ts, window)) }));
    raw = raw.map((r) => ({ ...r, points: r.points.filter(([ts]) => inWindow(ts, window)) }));
  }
  return { panels, raw, warnings: out };
}

/** At most MAX_SERVICES services, and the warning when some were left out. */
export function cappedServices(services: readonly string[]): { wanted: string[]; warnings: string[] } {
  const wanted = services.slice(0, MAX_SERVICES);
  return { wanted, warnings: services.length > wanted.length ? [`metrics shown for the first ${MAX_SERVICES} of ${services.length} services`] : [] };
}

export async function fetchServiceMetrics(
  prom: PrometheusClient,
  services: readonly string[],
  window: { fromMs: number; toMs: number },
  metadata: Record<string, MetricMetadata[]>,
  signal?: AbortSignal,
  nowMs: number = Date.now(),
  /** The error-rate panel's families (configuration's RED_FAMILIES); the built-in ones by default. */
  redFamilies?: readonly RedFamily[],
  /** The detectors' window when the panels cover a wider one (runMetricPlan). */
  rawWindow?: { fromMs: number; toMs: number },
): Promise<ServiceMetricsResult> {
  const { wanted, warnings } = cappedServices(services);
  if (wanted.length === 0) return { panels: [], raw: [], warnings };
  const seriesSets = await cachedServiceSeries(prom, wanted, window, nowMs, signal);
  const answer = await runMetricPlan(prom, planServiceMetrics(wanted, seriesSets, metadata, redFamilies), window, signal, undefined, rawWindow);
  return serviceMetricsFrom(answer, wanted, warnings);
}
