import type { PrometheusClient } from '../../sources/types';
import { MIN_METRIC_WINDOW_MS } from '../../correlate/timeline';
import { keyedClientCache } from '../client-cache';
import type { RedFamily } from '../../anomalies/red';
import { cachedInventory, inventoryServices } from './metric-inventory';
import { planServiceMetrics } from './service-series-plan';
import { alignWindow, cappedServices, panelStepSec, RAW_STEP_SEC, runMetricPlan, serviceMetricsFrom, type PlanAnswer, type ServiceMetricsResult } from './service-series';

/**
 * Metrics before the trace names its services. The services' panels depend on the trace
 * (which services, which window), so on their own they wait for Jaeger and then add their
 * own round trips. When Prometheus knows few services (PREFETCH_MAX_SERVICES), the panels of
 * all of them over the last half hour of the range are queried alongside the trace, at the
 * panel step a trace window gets (15 s, step-aligned, so the same instants); once the trace
 * is known, its services' series are cut to its window. A trace the prefetch does not cover
 * (a service it did not see, an older or longer trace) takes the usual path. Costs
 * Prometheus about one more investigation's queries, on small setups only.
 */

export const PREFETCH_MAX_SERVICES = 16;
/**
 * How far back from the end of the range: the traces opened during an incident are mostly
 * the latest, and a trace of the last ~20 minutes has its whole window in here.
 */
export const PREFETCH_SPAN_MS = 2 * MIN_METRIC_WINDOW_MS;

export interface MetricsPrefetch {
  /** The metrics of `services` over `window`, or null when the prefetch does not cover them. */
  serve(services: readonly string[], window: { fromMs: number; toMs: number }): Promise<ServiceMetricsResult | null>;
}

/** One prefetch: which services it covers (from the inventory), and their panels when they arrive. */
interface Prefetched {
  services: string[];
  answer: Promise<PlanAnswer | null>;
}

/**
 * A prefetch serves every investigation of the same window for one scrape interval (traces
 * opened one after the other during an incident). It runs on its own: a request that goes
 * away does not cancel what the next one will use; the transport's timeout bounds it.
 */
export const PREFETCH_REUSE_MS = RAW_STEP_SEC * 1000;
const prefetches = keyedClientCache<PrometheusClient, Prefetched | null>(PREFETCH_REUSE_MS, 8);

export function prefetchServiceMetrics(
  prom: PrometheusClient,
  range: { fromMs: number; toMs: number },
  nowMs: number,
  redFamilies?: readonly RedFamily[],
): MetricsPrefetch | null {
  const toMs = Math.min(range.toMs, nowMs);
  if (range.fromMs >= toMs) return null;
  const window = alignWindow({ fromMs: Math.max(range.fromMs - MIN_METRIC_WINDOW_MS, toMs - PREFETCH_SPAN_MS), toMs }, RAW_STEP_SEC);
  const prefetched = prefetches(prom, `${window.fromMs}-${window.toMs}`, nowMs, async () => {
    const rows = await cachedInventory(prom, window.toMs, nowMs, redFamilies);
    // Every service here has inventory rows, so its catalog comes from them, never from metadata.
    const services = inventoryServices(rows);
    if (services.length === 0 || services.length > PREFETCH_MAX_SERVICES) return null;
    const answer = runMetricPlan(prom, planServiceMetrics(services, rows, {}, redFamilies), window, undefined, RAW_STEP_SEC).catch(() => null);
    return { services, answer };
  }).catch(() => null); // the usual path reports Prometheus' errors

  return {
    async serve(services, traceWindow) {
      if (panelStepSec(traceWindow.fromMs, traceWindow.toMs) !== RAW_STEP_SEC) return null;
      const w = alignWindow(traceWindow, RAW_STEP_SEC);
      if (w.fromMs < window.fromMs || w.toMs > window.toMs) return null;
      const { wanted, warnings } = cappedServices(services);
      if (wanted.length === 0) return null;
      const got = await prefetched;
      if (!got || !wanted.every((s) => got.services.includes(s))) return null;
      const answer = await got.answer;
      return answer && serviceMetricsFrom(answer, wanted, warnings, w);
    },
  };
}
