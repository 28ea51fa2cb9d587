import { setMaxListeners } from 'node:events';
import type { CorrelatedResponse } from '../api/types';
import type { Exemplar, LogLine, SourceName, SourceReport, Trace } from '../model/types';
import { analyzeTrace, type TraceView } from '../correlate/trace-model';
import { displayLabels, joinExemplars, joinLogs, servicesOfExemplars } from '../correlate/join';
import { toApiTrace } from '../correlate/api-shape';
import { metricWindow, traceWindow } from '../correlate/timeline';
import { serviceOf } from '../correlate/service-label';
import { mergeDetectorRuns, OTHER_DETECTOR_KINDS, runDetectors, SERIES_DETECTOR_KINDS } from '../anomalies';
import { toRfc3339 } from '../time/range';
import type { MetricMetadata } from '../sources/types';
import type { RedFamily } from '../anomalies/red';
import type { Sources } from '../sources';
import { callSource, mergeReports, notConfiguredMessage } from './source-call';
import { fetchTraceLogs } from './trace-logs';
import { fetchTraceShared } from './trace-fetch';
import { waterfallSent } from './first-paint';
import { fetchServiceMetrics, type ServiceMetricsResult } from './service-series';
import { cachedMetadata } from './metadata-cache';
import { prefetchServiceMetrics } from './metrics-prefetch';
import { decorateTrace, relevantExemplars } from './correlated-shape';

/**
 * `GET /api/v1/traces/{id}/correlated` (docs/architecture.md, "Data flow of the trace page"): the trace, its log
 * lines and matching exemplars in parallel; the services' metrics once the trace names
 * them; then join, detect, and report every source's status. Nothing here throws for a
 * backend failure: that source's part is empty and its status says why.
 */

export interface CorrelateDeps {
  clients: Sources;
  nowMs: number;
  demo?: boolean;
  signal?: AbortSignal;
  /** Overall budget; each part gives up when it runs out. */
  budgetMs?: number;
  /** Where the error-rate panel reads failed requests (lib/config-detection.ts). */
  redFamilies?: readonly RedFamily[];
}

export const EXEMPLAR_SELECTOR = '{__name__=~".+_bucket"}';

export async function correlateTrace(deps: CorrelateDeps, traceId: string, range: { fromMs: number; toMs: number }): Promise<CorrelatedResponse> {
  const { clients: c } = deps;
  const signal = AbortSignal.any([AbortSignal.timeout(deps.budgetMs ?? 25_000), ...(deps.signal ? [deps.signal] : [])]);
  setMaxListeners(200, signal); // every backend call listens to the one budget signal
  const nc = (n: SourceName) => notConfiguredMessage(n, deps.demo ?? false);

  const tracePart = callSource(c.jaeger, () => fetchTraceShared(c.jaeger!, traceId, range, deps.nowMs, signal), nc('jaeger'));
  const logsPart = callSource(c.loki, () => fetchTraceLogs(c.loki!, traceId, range, signal), nc('loki'));
  const exemplarPart = callSource(c.prometheus, () => c.prometheus!.exemplars(EXEMPLAR_SELECTOR, range.fromMs, range.toMs, { signal }), nc('prometheus'));
  const metadataPart = callSource(c.prometheus, () => cachedMetadata(c.prometheus!, deps.nowMs, signal), nc('prometheus'));
  const prefetch = c.prometheus && prefetchServiceMetrics(c.prometheus, range, deps.nowMs, deps.redFamilies);

  // Metrics start as soon as the trace names its services (and metadata is known), unless the
  // prefetch of every service's metrics already covers them (metrics-prefetch.ts).
  const traceOutcome = await tracePart;
  const trace: Trace | null = traceOutcome.value;
  const view: TraceView | null = trace && trace.spans.length > 0 ? analyzeTrace(trace) : null;
  // Without a trace, services come from the logs and the exemplars that carry its id.
  const [logsOutcome, exemplarsOutcome] = view ? [null, null] : await Promise.all([logsPart, exemplarPart]);
  const services = view
    ? view.services.map((s) => s.name)
    : [...new Set([...servicesOfLines(logsOutcome?.value?.lines ?? []), ...servicesOfExemplars(exemplarsOutcome?.value ?? [], traceId)])];
  const window = view ? endByNow(metricWindow(view, range), deps.nowMs) : range;
  // The detectors read raw series over the trace's own window, whatever the panels show.
  const rawWindow = view ? endByNow(traceWindow(view), deps.nowMs) : range;
  const metadata = (await metadataPart).value ?? {};
  const metricsPart = callSource<ServiceMetricsResult>(
    c.prometheus,
    async () => {
      const early = await prefetch?.serve(services, window);
      if (early) return early;
      return fetchServiceMetrics(c.prometheus!, services, window, metadata, signal, deps.nowMs, deps.redFamilies, rawWindow);
    },
    nc('prometheus'),
  );

  // The metric detectors need only the series: they run while the slowest source is still out.
  const seriesFindings = metricsPart.then((m) =>
    runDetectors(
      { range: rawWindow, nowMs: deps.nowMs, series: m.value?.raw ?? [], metadata: metadata as Record<string, MetricMetadata[]>, traces: [], logs: [], exemplars: [], missingTraceIds: [] },
      {},
      { kinds: SERIES_DETECTOR_KINDS },
    ),
  );
  const [logs, exemplars, metrics] = await Promise.all([logsOutcome ?? logsPart, exemplarPart, metricsPart]);
  await waterfallSent(traceId, signal); // the CPU work below must not delay the waterfall's answer
  const lines = logs.value?.lines ?? [];
  const joined = joinLogs(lines, view, traceId);
  const allExemplars: Exemplar[] = exemplars.value ?? [];
  const shownExemplars = relevantExemplars(allExemplars, traceId, services, window);
  const apiExemplars = joinExemplars(shownExemplars, view);

  const rest = runDetectors(
    {
      range: rawWindow,
      nowMs: deps.nowMs,
      series: [],
      metadata: metadata as Record<string, MetricMetadata[]>,
      traces: trace ? [trace] : [],
      logs: joined,
      exemplars: shownExemplars,
      // Only a definite "not found" makes a missing trace; a Jaeger error proves nothing.
      missingTraceIds: traceOutcome.report.status === 'ok' && !trace ? [traceId] : [],
    },
    {},
    { kinds: OTHER_DETECTOR_KINDS },
  );
  const { anomalies, errors } = mergeDetectorRuns(await seriesFindings, rest);

  const sources: Record<SourceName, SourceReport> = {
    jaeger: traceOutcome.report,
    loki: withWarnings(logs.report, logs.value?.truncated ? [`showing the first ${lines.length} lines`] : []),
    prometheus: withWarnings(mergeReports([exemplars.report, metrics.report]), [
      ...(metrics.value?.warnings ?? []),
      ...errors.map((e) => `detector ${e.kind} failed: ${e.message}`),
    ]),
  };

  return {
    traceId,
    trace: view ? decorateTrace(toApiTrace(view), view, anomalies) : null,
    logs: joined,
    metrics: metrics.value?.panels ?? [],
    exemplars: apiExemplars.map((e) => ({ ...e, traceExists: e.traceId === traceId ? trace !== null : undefined })),
    anomalies,
    sources,
    range: { from: toRfc3339(range.fromMs), to: toRfc3339(range.toMs) },
  };
}

/**
 * A window centred on a recent trace reaches into the future, where rate() sees fewer and
 * fewer samples and draws a fake decline: slide it back so it ends now.
 */
export function endByNow(w: { fromMs: number; toMs: number }, nowMs: number): { fromMs: number; toMs: number } {
  if (w.toMs <= nowMs) return w;
  return { fromMs: w.fromMs - (w.toMs - nowMs), toMs: nowMs };
}

function servicesOfLines(lines: LogLine[]): string[] {
  const set = new Set<string>();
  for (const l of lines) {
    const s = serviceOf(displayLabels(l)); // the service the log panel shows for the line
    if (s) set.add(s);
  }
  return [...set];
}

/** A partial answer is still ok; the note says what is missing. */
function withWarnings(report: SourceReport, warnings: string[]): SourceReport {
  if (report.status !== 'ok' || warnings.length === 0) return report;
  return { ...report, message: warnings.join('; ') };
}
