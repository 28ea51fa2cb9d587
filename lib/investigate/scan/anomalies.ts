/**
 * GET /api/v1/anomalies: scan the three backends for one time range, within budgets, and
 * run every anomaly detector over what came back. Prometheus, Jaeger and Loki are asked
 * in parallel where independent (Loki needs the services that have spans; the dead-link
 * check needs exemplars and logged trace ids). A failing or slow source only removes its
 * detectors' inputs; what a budget or a failure left out is listed in `skipped`.
 */
import { runDetectors } from '../../anomalies';
import { DEFAULT_DETECTOR_OPTIONS } from '../../anomalies/types';
import type { AnomaliesResponse } from '../../api/types';
import type { AnomalyKind } from '../../model/anomaly';
import type { LogEntry, SourceName, Trace } from '../../model/types';
import { toRfc3339 } from '../../time/range';
import { DEFAULT_ANOMALY_BUDGETS, SourceCalls, type AnomalyBudgets } from './anomalies-budgets';
import { collectMetrics, type MetricsCollection } from './anomalies-metrics';
import type { CounterScanOptions } from './anomalies-counters';
import { NO_FILTER } from '../../anomalies/counter-discovery';
import { withBudget, type InvestigationContext } from '../context';
import { DEFAULT_SERVICE_LABELS } from '../../correlate/service-label';
import { escapeLabelValue } from '../../model/prom-text';
import { exemplarTraceIds, loggedTraceIds, sourcesNeeded } from './anomalies-plan';
import { sampleLogs } from './anomalies-logs';
import { logsSources } from '../../sources/registry';
import { findMissingTraces, sampleTraces } from './anomalies-traces';

export interface AnomaliesQuery {
  fromMs: number;
  toMs: number;
  service?: string;
  kinds?: readonly AnomalyKind[];
}

const EMPTY_METRICS: MetricsCollection = { series: [], metadata: {}, exemplars: [] };

/** A view narrowed to one service lists only the metric names its series carry (any service label). */
function counterOptions(base: CounterScanOptions | undefined, service: string | undefined): CounterScanOptions {
  const filter = base?.filter ?? NO_FILTER;
  if (service === undefined) return { filter };
  const value = escapeLabelValue(service);
  return { filter, match: DEFAULT_SERVICE_LABELS.map((label) => `{${label}="${value}"}`) };
}

export async function findAnomalies(ctx: InvestigationContext, query: AnomaliesQuery): Promise<AnomaliesResponse> {
  return (await scanAnomalies(ctx, query)).response;
}

/** The scan with the traces it sampled: incidents read the service graph from them. */
export interface ScanResult {
  response: AnomaliesResponse;
  traces: Trace[];
}

export async function scanAnomalies(outer: InvestigationContext, query: AnomaliesQuery): Promise<ScanResult> {
  const { config } = outer;
  const budgets: AnomalyBudgets = { ...DEFAULT_ANOMALY_BUDGETS, ...config.budgets };
  const range = { fromMs: query.fromMs, toMs: query.toMs };
  const { clients } = outer;
  const deadline = withBudget(outer, budgets.deadlineMs, 'the anomaly scan');
  const deps = deadline.ctx;
  // Notes name the backend behind each slot (an Elasticsearch in the logs slot says so).
  const calls = (name: SourceName, client: unknown, backend?: string) => new SourceCalls(name, client, deps.signal!, config.notConfigured[name], backend);
  const prom = calls('prometheus', clients.prometheus);
  // The logs slot samples the first chosen logs source, Loki or Elasticsearch (anomalies-logs.ts).
  const logsSource = logsSources(outer.sources)[0] ?? null;
  const loki = calls('loki', logsSource?.client ?? null, logsSource?.type);
  const jaeger = calls('jaeger', clients.jaeger, outer.sources.jaeger[0]?.type);
  const needs = sourcesNeeded(query.kinds);
  const wantsMissing = !query.kinds || query.kinds.includes('missing_trace');
  let lokiIdle: string | undefined;

  try {
    const metricsWork =
      needs.prometheus && clients.prometheus
        ? collectMetrics(prom, clients.prometheus, { range, nowMs: deps.nowMs, budgets, exemplars: wantsMissing, counters: counterOptions(config.counters, query.service), redFamilies: config.redFamilies })
        : Promise.resolve(EMPTY_METRICS);

    // Logs follow the traces: only services with spans can have lost their trace context.
    const tracesAndLogs = (async (): Promise<{ traces: Trace[]; logs: LogEntry[] }> => {
      if (!needs.jaeger || !clients.jaeger) return { traces: [], logs: [] };
      const sampled = await sampleTraces(jaeger, clients.jaeger, range, budgets, query.service);
      if (!needs.loki || !logsSource) return { traces: sampled, logs: [] };
      if (sampled.length === 0) {
        lokiIdle = 'not asked: no service had spans in this window, so log context could not be checked';
        return { traces: sampled, logs: [] };
      }
      const withSpans = new Set(sampled.flatMap((t) => t.spans.map((s) => s.service)));
      const services = [...withSpans].filter((s) => query.service === undefined || s === query.service).sort();
      const logs = await sampleLogs(loki, logsSource, services, range, budgets, config.extraction);
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
      config.redFamilies ? { red: { families: config.redFamilies } } : {},
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
