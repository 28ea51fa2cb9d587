import type { ApiExemplar, ApiMetric, LogEntry } from '../../api/contract/trace';
import type { Anomaly } from '../../model/anomaly';
import type { Exemplar, LogLine, SourceName, SourceReport, Trace } from '../../model/types';
import { analyzeTrace, type TraceView } from '../../correlate/trace-model';
import { displayLabels, joinExemplars, joinLogs, servicesOfExemplars } from '../../correlate/join';
import { endByNow, metricWindow, traceWindow } from '../../correlate/timeline';
import { serviceOf } from '../../correlate/service-label';
import { mergeDetectorRuns, OTHER_DETECTOR_KINDS, runDetectors, SERIES_DETECTOR_KINDS } from '../../anomalies';
import type { MetricMetadata } from '../../sources/types';
import { callSource, mergeReports, type SourceOutcome } from '../source-call';
import type { InvestigationContext } from '../context';
import type { TraceLogsResult } from './trace-logs';
import { logsSources } from '../../sources/registry';
import { exemplarsFromSources, joinConfigOf, serviceMetricsFromSources, traceFromSources, traceLogsFromSources } from '../fan-out';
import { fetchServiceMetrics, type ServiceMetricsResult } from './service-series';
import { cachedMetadata } from '../metadata-cache';
import { prefetchServiceMetrics } from './metrics-prefetch';
import { relevantExemplars } from './correlated-shape';

/**
 * One trace's investigation as a sequence of parts (docs/architecture.md, "Data flow of the
 * trace page"): the trace first, then its logs, exemplars and metrics in the order they
 * complete, then the findings. Every backend call starts at once; the CPU work of a part
 * (joins, detectors) runs only when its consumer asks for the part, so the stream's
 * waterfall frame has left before the joins start, and the order is that of this function.
 * Nothing here throws for a backend failure: that source's part is empty and its status
 * says why.
 */
export type InvestigationPart =
  | { part: 'trace'; view: TraceView | null; report: SourceReport }
  | { part: 'logs'; logs: LogEntry[]; report: SourceReport }
  | { part: 'exemplars'; exemplars: ApiExemplar[] }
  | { part: 'metrics'; metrics: ApiMetric[] }
  | { part: 'findings'; anomalies: Anomaly[]; sources: Record<SourceName, SourceReport> };

export { endByNow };

export const EXEMPLAR_SELECTOR = '{__name__=~".+_bucket"}';

type Range = { fromMs: number; toMs: number };

export async function* investigateTrace(ctx: InvestigationContext, traceId: string, range: Range): AsyncGenerator<InvestigationPart> {
  const { clients: c, signal } = ctx;
  const nc = (n: SourceName) => ctx.config.notConfigured[n];

  // Several chosen sources of a kind are asked at once (fan-out.ts); one keeps the single-source path.
  const tracePart = traceFromSources(ctx.sources.jaeger, traceId, range, ctx.nowMs, signal, nc('jaeger'), ctx.clock);
  const logsPart = traceLogsFromSources(logsSources(ctx.sources), traceId, range, signal, nc('loki'), ctx.clock);
  const fanMetrics = ctx.sources.prometheus.length > 1;
  const exemplarPart = fanMetrics
    ? exemplarsFromSources(ctx.sources.prometheus, EXEMPLAR_SELECTOR, range, signal, ctx.clock)
    : callSource(c.prometheus, () => c.prometheus!.exemplars(EXEMPLAR_SELECTOR, range.fromMs, range.toMs, { signal }), nc('prometheus'), ctx.clock);
  // The metric detectors read the first source's metadata (type and unit of a name).
  const metadataPart = callSource(c.prometheus, () => cachedMetadata(c.prometheus!, ctx.nowMs, signal), nc('prometheus'), ctx.clock);
  const redFamilies = ctx.config.redFamilies;
  const prefetch = fanMetrics ? null : c.prometheus && prefetchServiceMetrics(c.prometheus, range, ctx.nowMs, redFamilies);
  // Observed below in their turn; a part abandoned with the stream must not go unhandled.
  for (const p of [logsPart, exemplarPart, metadataPart]) p.catch(() => undefined);

  const traceOutcome = await tracePart;
  const trace: Trace | null = traceOutcome.value;
  const view: TraceView | null = trace && trace.spans.length > 0 ? analyzeTrace(trace) : null;
  yield { part: 'trace', view, report: traceOutcome.report };

  // Metrics start as soon as the trace names its services (and metadata is known), unless the
  // prefetch of every service's metrics already covers them (metrics-prefetch.ts).
  // Without a trace, services come from the logs and the exemplars that carry its id.
  const [logsFirst, exemplarsFirst] = view ? [null, null] : await Promise.all([logsPart, exemplarPart]);
  const services = view
    ? view.services.map((s) => s.name)
    : [...new Set([...servicesOfLines(logsFirst?.value?.lines ?? []), ...servicesOfExemplars(exemplarsFirst?.value ?? [], traceId)])];
  // The panels follow a wider time picker (metricWindow); the detectors read raw series over
  // the trace's own window, whatever the panels show.
  const window = view ? endByNow(metricWindow(view, range, ctx.nowMs), ctx.nowMs) : range;
  const rawWindow = view ? endByNow(traceWindow(view), ctx.nowMs) : range;
  const metadata = ((await metadataPart).value ?? {}) as Record<string, MetricMetadata[]>;
  const metricsPart = fanMetrics
    ? serviceMetricsFromSources(ctx.sources.prometheus, services, window, signal, ctx.nowMs, ctx.clock, rawWindow)
    : callSource<ServiceMetricsResult>(
        c.prometheus,
        async () => (await prefetch?.serve(services, window, rawWindow)) ?? fetchServiceMetrics(c.prometheus!, services, window, metadata, signal, ctx.nowMs, redFamilies, rawWindow),
        nc('prometheus'),
        ctx.clock,
      );
  // The metric detectors need only the series: they run while the slowest source is still out.
  const seriesFindings = metricsPart.then((m) =>
    runDetectors({ range: rawWindow, nowMs: ctx.nowMs, series: m.value?.raw ?? [], metadata, traces: [], logs: [], exemplars: [], missingTraceIds: [] }, {}, { kinds: SERIES_DETECTOR_KINDS }),
  );

  let logs: SourceOutcome<TraceLogsResult> | null = null;
  let joined: LogEntry[] = [];
  let exemplars: SourceOutcome<Exemplar[]> | null = null;
  let shownExemplars: Exemplar[] = [];
  let metrics: SourceOutcome<ServiceMetricsResult> | null = null;
  const pending = new Map<string, Promise<unknown>>([
    ['logs', logsFirst ? Promise.resolve(logsFirst) : logsPart],
    ['exemplars', exemplarPart],
    ['metrics', metricsPart],
  ]);
  while (pending.size > 0) {
    const name = await Promise.race([...pending].map(([k, p]) => p.then(() => k)));
    pending.delete(name);
    if (name === 'logs') {
      logs = await logsPart;
      const lines = logs.value?.lines ?? [];
      joined = joinLogs(lines, view, traceId, joinConfigOf(logsSources(ctx.sources)));
      yield { part: 'logs', logs: joined, report: withWarnings(logs.report, logs.value?.truncated ? [`showing the first ${lines.length} lines`] : []) };
    } else if (name === 'exemplars') {
      exemplars = await exemplarPart;
      shownExemplars = relevantExemplars(exemplars.value ?? [], traceId, services, window);
      const api = joinExemplars(shownExemplars, view).map((e) => ({ ...e, traceExists: e.traceId === traceId ? trace !== null : undefined }));
      yield { part: 'exemplars', exemplars: api };
    } else {
      metrics = await metricsPart;
      yield { part: 'metrics', metrics: metrics.value?.panels ?? [] };
    }
  }

  const rest = runDetectors(
    {
      range: rawWindow,
      nowMs: ctx.nowMs,
      series: [],
      metadata,
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
  const lines = logs!.value?.lines ?? [];
  yield {
    part: 'findings',
    anomalies,
    sources: {
      jaeger: traceOutcome.report,
      loki: withWarnings(logs!.report, logs!.value?.truncated ? [`showing the first ${lines.length} lines`] : []),
      prometheus: withWarnings(mergeReports([exemplars!.report, metrics!.report]), [
        ...(metrics!.value?.warnings ?? []),
        ...errors.map((e) => `detector ${e.kind} failed: ${e.message}`),
      ]),
    },
  };
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
  // A fanned-out report's message already names the sources that failed: keep it first.
  return { ...report, message: [report.message, ...warnings].filter(Boolean).join('; ') };
}
