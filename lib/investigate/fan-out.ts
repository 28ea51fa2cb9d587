import type { Exemplar, NamedSourceReport, SourceReport, Trace } from '../model/types';
import type { NamedClient } from '../sources/registry';
import type { JaegerClient, LokiClient, MetricMetadata, PrometheusClient } from '../sources/types';
import { serviceLabelOrder } from '../correlate/service-label';
import type { JoinConfig } from '../correlate/join';
import { callSource, mergeReports, type SourceOutcome } from './source-call';
import { fetchTraceLogsFrom, mergeLines, type TraceLogsResult } from './trace/trace-logs';
import type { ElasticsearchClient } from '../sources/elasticsearch/client';
import { fetchTraceShared } from './trace/fetch-cache';
import { fetchServiceMetrics, type ServiceMetricsResult } from './trace/service-series';
import { cachedMetadata } from './metadata-cache';

/**
 * Asking every chosen source of a kind at once (docs/architecture.md, "Sources from a
 * provisioning file"). One source keeps the single-source path and report exactly; with
 * several, each answers or fails on its own: the kind is ok when one answered, and its
 * report lists every source's status.
 */

type Clock = () => number;

/** The kind's report from its sources' reports: ok when any answered, the failures named. */
export function fannedReport(named: NamedSourceReport[]): SourceReport {
  const ok = named.filter((r) => r.status === 'ok');
  const failed = named.filter((r) => r.status !== 'ok');
  const base = ok.length ? { status: 'ok' as const, ms: Math.max(...named.map((r) => r.ms)) } : mergeReports(named.map(({ name: _name, ...r }) => r));
  const message = failed.length && ok.length ? failed.map((r) => `${r.name}: ${r.message ?? r.status}`).join('; ') : base.message;
  const { sources: _drop, ...plain } = base as SourceReport;
  return { ...plain, ...(message ? { message } : {}), sources: named };
}

async function eachSource<C, T>(list: NamedClient<C>[], fn: (s: NamedClient<C>) => Promise<T>, clock: Clock) {
  return Promise.all(list.map(async (s) => ({ source: s, outcome: await callSource(s.client, () => fn(s), undefined, clock) })));
}

const named = (name: string, r: SourceReport): NamedSourceReport => ({ name, ...r });

/** A trace's log lines from every chosen logs source (Loki or Elasticsearch), each line saying which one it came from. */
export async function traceLogsFromSources(
  list: NamedClient<LokiClient | ElasticsearchClient>[],
  traceId: string,
  range: { fromMs: number; toMs: number },
  signal: AbortSignal | undefined,
  notConfigured: string,
  clock: Clock,
): Promise<SourceOutcome<TraceLogsResult>> {
  if (list.length <= 1) {
    const one = list[0];
    return callSource(one?.client ?? null, () => fetchTraceLogsFrom(one, traceId, range, signal), notConfigured, clock);
  }
  const results = await eachSource(list, (s) => fetchTraceLogsFrom(s, traceId, range, signal), clock);
  const answered = results.filter((r) => r.outcome.value);
  const report = fannedReport(results.map((r) => named(r.source.name, r.outcome.report)));
  if (!answered.length) return { value: null, report };
  return {
    value: {
      lines: mergeLines(...answered.map((r) => r.outcome.value!.lines.map((l) => ({ ...l, source: r.source.name })))),
      truncated: answered.some((r) => r.outcome.value!.truncated),
      warnings: answered.flatMap((r) => r.outcome.value!.warnings.map((w) => `${r.source.name}: ${w}`)),
    },
    report,
  };
}

/** The trace from the first chosen traces source (in order) that has it; the others' statuses are reported. */
export async function traceFromSources(
  list: NamedClient<JaegerClient>[],
  traceId: string,
  range: { fromMs: number; toMs: number },
  nowMs: number,
  signal: AbortSignal | undefined,
  notConfigured: string,
  clock: Clock,
): Promise<SourceOutcome<Trace | null> & { from?: string }> {
  if (list.length <= 1) {
    const one = list[0];
    return callSource(one?.client ?? null, () => fetchTraceShared(one.client, traceId, range, nowMs, signal), notConfigured, clock);
  }
  const results = await eachSource(list, (s) => fetchTraceShared(s.client, traceId, range, nowMs, signal), clock);
  const found = results.find((r) => r.outcome.value && r.outcome.value.spans.length > 0);
  const report = fannedReport(results.map((r) => named(r.source.name, r.outcome.report)));
  if (found) return { value: found.outcome.value, report: { ...report, message: [`found in ${found.source.name}`, report.message].filter(Boolean).join('; ') }, from: found.source.name };
  // "Not found" is definite only when every source answered: else the kind reports the failure (no missing_trace finding).
  const failed = results.filter((r) => r.outcome.report.status !== 'ok');
  if (failed.length) return { value: null, report: { ...mergeReports(failed.map((r) => r.outcome.report)), message: report.message ?? failed[0].outcome.report.message, sources: report.sources } };
  return { value: null, report };
}

/** Per-source extraction rules and service labels of the chosen logs sources, for the join. */
export function joinConfigOf(list: NamedClient<unknown>[]): JoinConfig {
  const perSource = new Map<string, { extraction?: JoinConfig['extraction']; serviceLabels?: readonly string[] }>();
  for (const s of list) if (s.extraction || s.serviceLabel) perSource.set(s.name, { extraction: s.extraction, serviceLabels: s.serviceLabel ? serviceLabelOrder(s.serviceLabel) : undefined });
  if (list.length === 1 && perSource.size) {
    const only = perSource.get(list[0].name)!;
    return { extraction: only.extraction, serviceLabels: only.serviceLabels };
  }
  return perSource.size ? { perSource } : {};
}

/** The services' metric panels from every chosen metrics source (each with its own metadata), each panel naming its source. */
export async function serviceMetricsFromSources(
  list: NamedClient<PrometheusClient>[],
  services: readonly string[],
  window: { fromMs: number; toMs: number },
  signal: AbortSignal | undefined,
  nowMs: number,
  clock: Clock,
  /** The detectors' window when the panels cover a wider one (runMetricPlan). */
  rawWindow?: { fromMs: number; toMs: number },
): Promise<SourceOutcome<ServiceMetricsResult>> {
  const results = await eachSource(
    list,
    async (s) =>
      fetchServiceMetrics(s.client, services, window, (await cachedMetadata(s.client, nowMs, signal)) as Record<string, MetricMetadata[]>, signal, nowMs, s.redFamilies, rawWindow),
    clock,
  );
  const answered = results.filter((r) => r.outcome.value);
  const report = fannedReport(results.map((r) => named(r.source.name, r.outcome.report)));
  if (!answered.length) return { value: null, report };
  return {
    value: {
      panels: answered.flatMap((r) => r.outcome.value!.panels.map((p) => ({ ...p, source: r.source.name }))),
      raw: answered.flatMap((r) => r.outcome.value!.raw),
      warnings: answered.flatMap((r) => r.outcome.value!.warnings.map((w) => `${r.source.name}: ${w}`)),
    },
    report,
  };
}

/** Exemplars from every chosen metrics source, merged. */
export async function exemplarsFromSources(list: NamedClient<PrometheusClient>[], selector: string, range: { fromMs: number; toMs: number }, signal: AbortSignal | undefined, clock: Clock): Promise<SourceOutcome<Exemplar[]>> {
  const results = await eachSource(list, (s) => s.client.exemplars(selector, range.fromMs, range.toMs, { signal }), clock);
  const answered = results.filter((r) => r.outcome.value);
  const report = fannedReport(results.map((r) => named(r.source.name, r.outcome.report)));
  return { value: answered.length ? answered.flatMap((r) => r.outcome.value!) : null, report };
}
