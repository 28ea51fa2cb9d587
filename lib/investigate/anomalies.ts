/**
 * GET /api/v1/anomalies: scan the three backends for one time range, within budgets, and
 * run every anomaly detector over what came back. Prometheus, Jaeger and Loki are asked
 * in parallel where independent (Loki needs the services that have spans; the dead-link
 * check needs exemplars and logged trace ids). A failing or slow source only removes its
 * detectors' inputs; what a budget or a failure left out is listed in `skipped`.
 */
import { setMaxListeners } from 'node:events';
import { runDetectors } from '../anomalies';
import { DEFAULT_DETECTOR_OPTIONS } from '../anomalies/types';
import type { AnomaliesResponse } from '../api/types';
import type { ExtractionConfig } from '../correlate/extraction-config';
import type { AnomalyKind } from '../model/anomaly';
import type { LogEntry, SourceName, Trace } from '../model/types';
import type { JaegerClient, LokiClient, PrometheusClient } from '../sources/types';
import { toRfc3339 } from '../time/range';
import { DEFAULT_ANOMALY_BUDGETS, SourceCalls, type AnomalyBudgets } from './anomalies-budgets';
import { collectMetrics, type MetricsCollection } from './anomalies-metrics';
import type { CounterScanOptions } from './anomalies-counters';
import type { RedFamily } from '../anomalies/red';
import { NO_FILTER, type CounterFilter } from '../anomalies/counter-discovery';
import { DEFAULT_SERVICE_LABELS } from '../correlate/service-label';
import { escapeLabelValue } from '../model/prom-text';
import { exemplarTraceIds, loggedTraceIds, sourcesNeeded } from './anomalies-plan';
import { sampleLogs } from './anomalies-logs';
import { findMissingTraces, sampleTraces } from './anomalies-traces';

export interface AnomalyClients {
  prometheus: PrometheusClient | null;
  loki: LokiClient | null;
  jaeger: JaegerClient | null;
}

export interface FindAnomaliesDeps {
  clients: AnomalyClients;
  nowMs: number;
  /** Aborts every backend call (e.g. the browser closed the tab). */
  signal?: AbortSignal;
  budgets?: Partial<AnomalyBudgets>;
  /** What a source that is not configured says (defaults to "not configured"). */
  notConfigured?: Partial<Record<SourceName, string>>;
  extraction?: ExtractionConfig;
  /** Which counters the reset scan checks (COUNTER_SCAN_INCLUDE / _EXCLUDE). */
  counters?: CounterScanOptions;
  /** RED families beyond the built-in HTTP and gRPC ones (RED_FAMILIES). */
  redFamilies?: readonly RedFamily[];
}

export interface AnomaliesQuery {
  fromMs: number;
  toMs: number;
  service?: string;
  kinds?: readonly AnomalyKind[];
}

const EMPTY_METRICS: MetricsCollection = { series: [], metadata: {}, exemplars: [] };

class DeadlineExceeded extends Error {
  constructor(ms: number) {
    super(`the anomaly scan's budget of ${ms / 1000} s ran out`);
    this.name = 'TimeoutError';
  }
}

/** One signal that fires at the deadline or when the caller's signal does. */
function deadlineSignal(ms: number, outer?: AbortSignal): { signal: AbortSignal; done: () => void } {
  const controller = new AbortController();
  // Every call in flight listens on this one signal (dozens at once, by design).
  setMaxListeners(0, controller.signal);
  const timer = setTimeout(() => controller.abort(new DeadlineExceeded(ms)), ms);
  const onOuter = () => controller.abort(outer?.reason);
  if (outer?.aborted) onOuter();
  else outer?.addEventListener('abort', onOuter, { once: true });
  return {
    signal: controller.signal,
    done: () => {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuter);
    },
  };
}

/** A view narrowed to one service lists only the metric names its series carry (any service label). */
function counterOptions(base: CounterScanOptions | undefined, service: string | undefined): CounterScanOptions {
  const filter = base?.filter ?? NO_FILTER;
  if (service === undefined) return { filter };
  const value = escapeLabelValue(service);
  return { filter, match: DEFAULT_SERVICE_LABELS.map((label) => `{${label}="${value}"}`) };
}

/** The scan's part of the configuration (lib/config.ts DetectionConfig). */
export const detectionDeps = (d: { counterFilter: CounterFilter; redFamilies: readonly RedFamily[] }): Pick<FindAnomaliesDeps, 'counters' | 'redFamilies'> => ({
  counters: { filter: d.counterFilter },
  redFamilies: d.redFamilies,
});

export async function findAnomalies(deps: FindAnomaliesDeps, query: AnomaliesQuery): Promise<AnomaliesResponse> {
  return (await scanAnomalies(deps, query)).response;
}

/** The scan with the traces it sampled: incidents read the service graph from them. */
export interface ScanResult {
  response: AnomaliesResponse;
  traces: Trace[];
}

export async function scanAnomalies(deps: FindAnomaliesDeps, query: AnomaliesQuery): Promise<ScanResult> {
  const budgets: AnomalyBudgets = { ...DEFAULT_ANOMALY_BUDGETS, ...deps.budgets };
  const range = { fromMs: query.fromMs, toMs: query.toMs };
  const { clients } = deps;
  const deadline = deadlineSignal(budgets.deadlineMs, deps.signal);
  const calls = (name: SourceName) =>
    new SourceCalls(name, clients[name], deadline.signal, deps.notConfigured?.[name] ?? 'not configured');
  const prom = calls('prometheus');
  const loki = calls('loki');
  const jaeger = calls('jaeger');
  const needs = sourcesNeeded(query.kinds);
  const wantsMissing = !query.kinds || query.kinds.includes('missing_trace');
  let lokiIdle: string | undefined;

  try {
    const metricsWork =
      needs.prometheus && clients.prometheus
        ? collectMetrics(prom, clients.prometheus, { range, nowMs: deps.nowMs, budgets, exemplars: wantsMissing, counters: counterOptions(deps.counters, query.service), redFamilies: deps.redFamilies })
        : Promise.resolve(EMPTY_METRICS);

    // Logs follow the traces: only services with spans can have lost their trace context.
    const tracesAndLogs = (async (): Promise<{ traces: Trace[]; logs: LogEntry[] }> => {
      if (!needs.jaeger || !clients.jaeger) return { traces: [], logs: [] };
      const sampled = await sampleTraces(jaeger, clients.jaeger, range, budgets, query.service);
      if (!needs.loki || !clients.loki) return { traces: sampled, logs: [] };
      if (sampled.length === 0) {
        lokiIdle = 'not asked: no service had spans in this window, so log context could not be checked';
        return { traces: sampled, logs: [] };
      }
      const withSpans = new Set(sampled.flatMap((t) => t.spans.map((s) => s.service)));
      const services = [...withSpans].filter((s) => query.service === undefined || s === query.service).sort();
      const logs = await sampleLogs(loki, clients.loki, services, range, budgets, deps.extraction);
      return { traces: sampled, logs };
    })();

    const [metrics, { traces, logs }] = await Promise.all([metricsWork, tracesAndLogs]);

    let missingTraceIds: string[] = [];
    if (wantsMissing && clients.jaeger && needs.jaeger) {
      const known = new Set(traces.map((t) => t.traceId));
      const fromExemplars = exemplarTraceIds(metrics.exemplars, known, budgets.maxExemplarTraceChecks);
      const fromLogs = loggedTraceIds(logs, known, deps.nowMs, DEFAULT_DETECTOR_OPTIONS.trace.lateArrivalMs, budgets.maxLogTraceChecks);
      missingTraceIds = await findMissingTraces(jaeger, clients.jaeger, [...fromExemplars, ...fromLogs], range, budgets);
    }

    const { anomalies, errors } = runDetectors(
      {
        range,
        nowMs: deps.nowMs,
        series: metrics.series,
        metadata: metrics.metadata,
        traces,
        logs,
        exemplars: metrics.exemplars,
        missingTraceIds,
        lookbackFromMs: metrics.lookbackFromMs,
        counterResets: metrics.counterResets,
        leftClosedRanges: metrics.leftClosedRanges,
      },
      deps.redFamilies ? { red: { families: deps.redFamilies } } : {},
      { kinds: query.kinds, services: query.service === undefined ? undefined : [query.service] },
    );

    const skipped = [
      ...prom.notes(),
      ...jaeger.notes(),
      ...loki.notes(),
      ...errors.map((e) => `The ${e.kind} detector failed (${e.message}); its findings are missing.`),
    ];
    const out: AnomaliesResponse = {
      anomalies,
      sources: { prometheus: prom.report(), loki: loki.report(lokiIdle), jaeger: jaeger.report() },
      range: { from: toRfc3339(range.fromMs), to: toRfc3339(range.toMs) },
    };
    if (skipped.length) out.skipped = skipped;
    if (metrics.counterScan) out.counterScan = metrics.counterScan;
    return { response: out, traces };
  } finally {
    deadline.done();
  }
}

export { DEFAULT_ANOMALY_BUDGETS, type AnomalyBudgets } from './anomalies-budgets';
