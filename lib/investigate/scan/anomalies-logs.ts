/**
 * The logs side of an anomaly scan: for each service that has spans, a bounded sample of
 * its log lines spread over the window, with the trace context extracted, so the share of
 * lines without a trace id can be measured. The first chosen logs source is sampled, Loki
 * or Elasticsearch. What names a service differs between setups (service_name, service,
 * app, job…): Loki is asked which stream label it has; an Elasticsearch source uses the
 * first of its label fields that names services.
 */
import { DEFAULT_EXTRACTION, type ExtractionConfig } from '../../correlate/extraction-config';
import type { LogEntry, LogLine } from '../../model/types';
import { toLogEntry } from '../../correlate/join';
import { serviceFieldOf, serviceLabelOrder } from '../../correlate/service-label';
import type { ElasticsearchClient } from '../../sources/elasticsearch/client';
import { logQuery, streamSelector } from '../../sources/loki/logql';
import type { NamedClient } from '../../sources/registry';
import type { LokiClient } from '../../sources/types';
import { mapBounded, type AnomalyBudgets, type SourceCalls } from './anomalies-budgets';
import { sliceWindow, type TimeWindow } from './anomalies-plan';

/** Candidate labels whose values are listed before giving up on a service. */
const MAX_LABELS_ASKED = 3;

/**
 * Which stream label carries each service: the first candidate label that has it as a value,
 * trying the source's own service label first and then the built-in order, as the trace page
 * and the service page do (serviceLabelOrder), so a service logged under another label than
 * the configured one is still sampled.
 */
export async function resolveLogServiceLabels(
  calls: SourceCalls,
  loki: LokiClient,
  services: readonly string[],
  range: TimeWindow,
  serviceLabel: string | null = null,
): Promise<Map<string, string>> {
  const present = new Set((await calls.call((signal) => loki.labels(range.fromMs, range.toMs, { signal }))) ?? []);
  const candidates = serviceLabelOrder(serviceLabel).filter((l) => present.has(l)).slice(0, MAX_LABELS_ASKED);
  const values = await Promise.all(
    candidates.map(async (label) => new Set((await calls.call((signal) => loki.labelValues(label, range.fromMs, range.toMs, { signal }))) ?? [])),
  );
  const out = new Map<string, string>();
  for (const svc of services) {
    const i = values.findIndex((v) => v.has(svc));
    if (i >= 0) out.set(svc, candidates[i]);
  }
  return out;
}

/**
 * One logs source, ready to be sampled: the services it has lines of (with why the others
 * are left out), and one service's newest lines in a window.
 */
interface LogSample {
  wanted: string[];
  absentNote: string | null;
  newest(service: string, w: TimeWindow, limit: number): Promise<readonly LogLine[]>;
}

async function lokiSample(calls: SourceCalls, source: NamedClient<LokiClient>, services: readonly string[], range: TimeWindow): Promise<LogSample> {
  const labelOf = await resolveLogServiceLabels(calls, source.client, services, range, source.serviceLabel);
  const wanted = services.filter((s) => labelOf.has(s));
  const absent = services.length - wanted.length;
  return {
    wanted,
    absentNote: absent > 0 ? `no log streams were found for ${absent} of ${services.length} services with spans; their log context was not checked.` : null,
    async newest(svc, w, limit) {
      const query = logQuery(streamSelector({ [labelOf.get(svc)!]: svc }));
      return (await calls.call((signal) => source.client.queryRange(query, w.fromMs, w.toMs, { limit, direction: 'backward', signal })))?.lines ?? [];
    },
  };
}

function elasticsearchSample(calls: SourceCalls, source: NamedClient<ElasticsearchClient>, services: readonly string[]): LogSample {
  const { labelFields } = source.client;
  const field = serviceFieldOf(labelFields, source.serviceLabel);
  if (!field) {
    const note = `none of the label fields of ${source.name} names services (${labelFields.join(', ') || 'none configured'}); log context was not checked.`;
    return { wanted: [], absentNote: note, newest: async () => [] };
  }
  return {
    // Elasticsearch lists no values cheaply: a service without lines answers none.
    wanted: [...services],
    absentNote: null,
    async newest(svc, w, limit) {
      return (await calls.call((signal) => source.client.linesWhere(field, svc, w.fromMs, w.toMs, { limit, direction: 'backward', signal })))?.lines ?? [];
    },
  };
}

export async function sampleLogs(
  calls: SourceCalls,
  source: NamedClient<LokiClient | ElasticsearchClient>,
  services: readonly string[],
  range: TimeWindow,
  budgets: AnomalyBudgets,
  extraction: ExtractionConfig = DEFAULT_EXTRACTION,
): Promise<LogEntry[]> {
  if (services.length === 0) return [];
  const sample =
    source.type === 'elasticsearch'
      ? elasticsearchSample(calls, source as NamedClient<ElasticsearchClient>, services)
      : await lokiSample(calls, source as NamedClient<LokiClient>, services, range);
  if (sample.absentNote) calls.skip(sample.absentNote);
  let wanted = sample.wanted;
  if (wanted.length > budgets.maxLogServices) {
    calls.skip(`log lines were sampled for ${budgets.maxLogServices} of ${wanted.length} services (filter by service to see the others).`);
    wanted = wanted.slice(0, budgets.maxLogServices);
  }
  const slices = sliceWindow(range, budgets.logSlices);
  const perSlice = Math.max(1, Math.ceil(budgets.logLinesPerService / slices.length));
  const jobs = wanted.flatMap((svc) => slices.map((w) => ({ svc, w })));
  const pages = await mapBounded(jobs, budgets.concurrency, async ({ svc, w }) => {
    // The line belongs to the service it was selected by, whatever other labels say.
    const entries: LogEntry[] = [];
    for (const line of await sample.newest(svc, w, perSlice)) {
      const entry = toLogEntry(line, extraction);
      if (entry) entries.push({ ...entry, service: svc });
    }
    return entries;
  });
  return pages.flat();
}
