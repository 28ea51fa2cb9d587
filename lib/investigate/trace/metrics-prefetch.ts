import type { PrometheusClient } from '../../sources/types';
import { endByNow, MIN_METRIC_WINDOW_MS } from '../../correlate/timeline';
import { keyedClientCache } from '../client-cache';
import type { RedFamily } from '../../anomalies/red';
import { cachedInventory, inventoryServices } from './metric-inventory';
import { planServiceMetrics } from './service-series-plan';
import { alignWindow, cappedServices, panelStepSec, RAW_STEP_SEC, runMetricPlan, serviceMetricsFrom, type PlanAnswer, type ServiceMetricsResult } from './service-series';

/**
 * Metrics before the trace names its services. The services' panels depend on the trace
 * (which services, which window), so on their own they wait for Jaeger and then add their
 * own round trips. When Prometheus knows few services (PREFETCH_MAX_SERVICES) and the time
 * picker's range is short (PREFETCH_MAX_RANGE_MS), the panels of all of them are queried
 * alongside the trace over that range, at the step a panel of the range gets and on the
 * same instants; once the trace is known, its services' series are cut to its panel window
 * and its raw window. A trace the prefetch does not cover (a service it did not see, a panel
 * window of another width, a longer range) takes the usual path. Costs Prometheus about one
 * more investigation's queries, on small setups only.
 */

export const PREFETCH_MAX_SERVICES = 16;
/**
 * The longest picker range prefetched. The panels follow the picker (correlate/timeline.ts
 * metricWindow), so a range this short is the panel window of any trace well inside it, and
 * the default picker (the last hour) is this long.
 */
export const PREFETCH_MAX_RANGE_MS = 60 * 60_000;

/** What one prefetch asks for: panels over `window` at `stepSec`, raw series over `rawWindow`. */
export interface PrefetchWindow {
  window: { fromMs: number; toMs: number };
  stepSec: number;
  rawWindow: { fromMs: number; toMs: number };
}

/**
 * The prefetch for a picker range, or null when it could serve no panel: a range longer
 * than PREFETCH_MAX_RANGE_MS (its panels' step is coarser than any prefetch's), or one that
 * lies in the future. It covers the range (ended by now, as the panels' window is) at the
 * panel step of that width, plus a trace window before it: a trace near the range's start
 * widens its panel window, and is served while that keeps the step. The raw series, at
 * the scrape step, cover the same span (the detectors read the trace's own window in it).
 */
export function prefetchWindow(range: { fromMs: number; toMs: number }, nowMs: number): PrefetchWindow | null {
  const width = range.toMs - range.fromMs;
  if (width <= 0 || width > PREFETCH_MAX_RANGE_MS || range.fromMs >= nowMs) return null;
  const panels = endByNow(range, nowMs);
  const stepSec = panelStepSec(panels.fromMs, panels.toMs);
  const span = { fromMs: panels.fromMs - MIN_METRIC_WINDOW_MS, toMs: panels.toMs };
  return { window: alignWindow(span, stepSec), stepSec, rawWindow: alignWindow(span, RAW_STEP_SEC) };
}

const covers = (outer: { fromMs: number; toMs: number }, inner: { fromMs: number; toMs: number }) => inner.fromMs >= outer.fromMs && inner.toMs <= outer.toMs;

export interface MetricsPrefetch {
  /**
   * The metrics of `services`, panels over `window` and raw series over `rawWindow` (the
   * trace's own window; by default `window`), or null when the prefetch does not cover them.
   */
  serve(services: readonly string[], window: { fromMs: number; toMs: number }, rawWindow?: { fromMs: number; toMs: number }): Promise<ServiceMetricsResult | null>;
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
  const plan = prefetchWindow(range, nowMs);
  if (!plan) return null;
  const { window, stepSec, rawWindow } = plan;
  const prefetched = prefetches(prom, `${window.fromMs}-${window.toMs}-${stepSec}`, nowMs, async () => {
    const rows = await cachedInventory(prom, window.toMs, nowMs, redFamilies);
    // Every service here has inventory rows, so its catalog comes from them, never from metadata.
    const services = inventoryServices(rows);
    if (services.length === 0 || services.length > PREFETCH_MAX_SERVICES) return null;
    const answer = runMetricPlan(prom, planServiceMetrics(services, rows, {}, redFamilies), window, undefined, stepSec, rawWindow).catch(() => null);
    return { services, answer };
  }).catch(() => null); // the usual path reports Prometheus' errors

  return {
    async serve(services, panelWindow, traceRawWindow = panelWindow) {
      // The usual path's instants: the panel step of this window, aligned to it; raw at the scrape step.
      if (panelStepSec(panelWindow.fromMs, panelWindow.toMs) !== stepSec) return null;
      const w = alignWindow(panelWindow, stepSec);
      const rw = alignWindow(traceRawWindow, RAW_STEP_SEC);
      if (!covers(window, w) || !covers(rawWindow, rw)) return null;
      const { wanted, warnings } = cappedServices(services);
      if (wanted.length === 0) return null;
      const got = await prefetched;
      if (!got || !wanted.every((s) => got.services.includes(s))) return null;
      const answer = await got.answer;
      return answer && serviceMetricsFrom(answer, wanted, warnings, w, rw);
    },
  };
}
