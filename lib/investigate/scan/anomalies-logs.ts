/**
 * The Loki side of an anomaly scan: for each service that has spans, a bounded sample of
 * its log lines spread over the window, with the trace context extracted, so the share of
 * lines without a trace id can be measured. The stream label naming a service differs
 * between setups (service_name, service, app, job…): Loki is asked which it has.
 */
import { DEFAULT_EXTRACTION, type ExtractionConfig } from '../../correlate/extraction-config';
import type { LogEntry } from '../../model/types';
import { toLogEntry } from '../../correlate/join';
import { DEFAULT_SERVICE_LABELS } from '../../correlate/service-label';
import { logQuery, streamSelector } from '../../sources/loki/logql';
import type { LokiClient } from '../../sources/types';
import { mapBounded, type AnomalyBudgets, type SourceCalls } from './anomalies-budgets';
import { sliceWindow, type TimeWindow } from './anomalies-plan';

/** Candidate labels whose values are listed before giving up on a service. */
const MAX_LABELS_ASKED = 3;

/** Which stream label carries each service (first candidate label that has it as a value). */
export async function resolveLogServiceLabels(
  calls: SourceCalls,
  loki: LokiClient,
  services: readonly string[],
  range: TimeWindow,
): Promise<Map<string, string>> {
  const present = new Set((await calls.call((signal) => loki.labels(range.fromMs, range.toMs, { signal }))) ?? []);
  const candidates = DEFAULT_SERVICE_LABELS.filter((l) => present.has(l)).slice(0, MAX_LABELS_ASKED);
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

export async function sampleLogs(
  calls: SourceCalls,
  loki: LokiClient,
  services: readonly string[],
  range: TimeWindow,
  budgets: AnomalyBudgets,
  extraction: ExtractionConfig = DEFAULT_EXTRACTION,
): Promise<LogEntry[]> {
  if (services.length === 0) return [];
  const labelOf = await resolveLogServiceLabels(calls, loki, services, range);
  let wanted = services.filter((s) => labelOf.has(s));
  const absent = services.length - wanted.length;
  if (absent > 0) calls.skip(`no log streams were found for ${absent} of ${services.length} services with spans; their log context was not checked.`);
  if (wanted.length > budgets.maxLogServices) {
    calls.skip(`log lines were sampled for ${budgets.maxLogServices} of ${wanted.length} services (filter by service to see the others).`);
    wanted = wanted.slice(0, budgets.maxLogServices);
  }
  const slices = sliceWindow(range, budgets.logSlices);
  const perSlice = Math.max(1, Math.ceil(budgets.logLinesPerService / slices.length));
  const jobs = wanted.flatMap((svc) => slices.map((w) => ({ svc, w })));
  const pages = await mapBounded(jobs, budgets.concurrency, async ({ svc, w }) => {
    const query = logQuery(streamSelector({ [labelOf.get(svc)!]: svc }));
    const r = await calls.call((signal) => loki.queryRange(query, w.fromMs, w.toMs, { limit: perSlice, direction: 'backward', signal }));
    // The line belongs to the service it was selected by, whatever other labels say.
    const entries: LogEntry[] = [];
    for (const line of r?.lines ?? []) {
      const entry = toLogEntry(line, extraction);
      if (entry) entries.push({ ...entry, service: svc });
    }
    return entries;
  });
  return pages.flat();
}
