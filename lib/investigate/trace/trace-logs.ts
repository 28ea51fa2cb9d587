import type { LogLine } from '../../model/types';
import { labelFilter, logQuery, streamSelector, traceIdLineFilter } from '../../sources/loki/logql';
import type { LokiClient } from '../../sources/types';
import type { NamedClient } from '../../sources/registry';
import type { ElasticsearchClient } from '../../sources/elasticsearch/client';
import { DEFAULT_SERVICE_LABELS } from '../../correlate/service-label';
import { perClientCache } from '../client-cache';
import { compareNs } from '../../time/range';

/**
 * Loki lines that carry a trace id: by structured metadata (`| trace_id=~…`, OTLP
 * ingestion) and by line filter (the id in any textual form), in parallel, merged.
 * Grafana falls back to "all logs of the service" here; we never do.
 */

export const TRACE_LOG_LIMIT = 2_000;

/** Pick the stream label that names services on this Loki (first of the defaults present). */
export function pickServiceLabel(available: readonly string[], order: readonly string[] = DEFAULT_SERVICE_LABELS): string | null {
  for (const name of order) if (available.includes(name)) return name;
  return available.find((l) => !l.startsWith('__')) ?? null;
}

/** Queries for one trace id, given the label that every stream carries. */
export function traceLogQueries(traceId: string, serviceLabel: string): { byMetadata: string; byLine: string } {
  const selector = streamSelector([{ name: serviceLabel, op: '=~', value: '.+' }]);
  const trimmed = traceId.replace(/^0+/, '');
  return {
    // Label regexes are anchored: 0* accepts the 16-hex, 32-hex and trimmed forms alike.
    byMetadata: logQuery(selector, labelFilter('trace_id', '=~', `(?i)0*${trimmed}`)),
    byLine: logQuery(selector, traceIdLineFilter(traceId)),
  };
}

const lineKey = (l: LogLine) => `${l.tsNs}\u0000${l.line}\u0000${JSON.stringify(l.stream)}\u0000${l.source ?? ''}`;

export function mergeLines(...groups: LogLine[][]): LogLine[] {
  const seen = new Map<string, LogLine>();
  for (const group of groups)
    for (const l of group) {
      const key = lineKey(l);
      if (!seen.has(key)) seen.set(key, l);
    }
  // The Loki client strips leading zeros from tsNs, so compareNs orders them exactly.
  return [...seen.values()].sort((a, b) => compareNs(a.tsNs, b.tsNs));
}

export interface TraceLogsResult {
  lines: LogLine[];
  truncated: boolean;
  warnings: string[];
}

/** Stream label names change rarely; asking on every investigation doubles its Loki latency. */
const labelCache = perClientCache<LokiClient, string[]>(60_000);
/** The service label each Loki answered with last: the guess for its next search. */
const lastServiceLabel = new WeakMap<LokiClient, string>();

/**
 * The search starts with the service label this Loki used last (at first the default,
 * `service_name`, which Loki 3 gives every stream) while its labels are looked up; a wrong
 * guess is abandoned and the search runs again with the right label.
 */
export async function fetchTraceLogs(
  loki: LokiClient,
  traceId: string,
  range: { fromMs: number; toMs: number },
  signal?: AbortSignal,
  /** The source's configured service label (provisioning file): no need to look it up. */
  configuredLabel?: string | null,
): Promise<TraceLogsResult> {
  if (configuredLabel) return searchTraceLogs(loki, traceId, configuredLabel, range, signal);
  const labels = labelCache(loki, Date.now(), (own) => loki.labels(range.fromMs, range.toMs, { signal: own }), signal);
  const guess = lastServiceLabel.get(loki) ?? DEFAULT_SERVICE_LABELS[0];
  const abandon = new AbortController();
  const guessed = searchTraceLogs(loki, traceId, guess, range, signal ? AbortSignal.any([signal, abandon.signal]) : abandon.signal);
  guessed.catch(() => undefined); // observed below, or abandoned
  let serviceLabel: string | null;
  try {
    serviceLabel = pickServiceLabel(await labels);
  } catch (e) {
    abandon.abort();
    throw e;
  }
  if (serviceLabel) lastServiceLabel.set(loki, serviceLabel);
  if (serviceLabel === guess) return guessed;
  abandon.abort();
  if (!serviceLabel) return { lines: [], truncated: false, warnings: ['Loki has no stream labels in this range'] };
  return searchTraceLogs(loki, traceId, serviceLabel, range, signal);
}

async function searchTraceLogs(loki: LokiClient, traceId: string, serviceLabel: string, range: { fromMs: number; toMs: number }, signal: AbortSignal | undefined): Promise<TraceLogsResult> {
  const q = traceLogQueries(traceId, serviceLabel);
  const opts = { signal, limit: TRACE_LOG_LIMIT, direction: 'forward' as const };
  const [meta, line] = await Promise.allSettled([
    loki.queryRange(q.byMetadata, range.fromMs, range.toMs, opts),
    loki.queryRange(q.byLine, range.fromMs, range.toMs, opts),
  ]);
  // A Loki without structured metadata rejects the label filter; the line filter still answers.
  if (line.status === 'rejected' && meta.status === 'rejected') throw line.reason;
  const ok = [meta, line].filter((r) => r.status === 'fulfilled').map((r) => r.value);
  const warnings = ok.flatMap((r) => r.warnings);
  if (line.status === 'rejected') warnings.push(`line-filter search failed: ${(line.reason as Error).message}`);
  return { lines: mergeLines(...ok.map((r) => r.lines)), truncated: ok.some((r) => r.truncated), warnings };
}

/**
 * One logs source's search for one trace, by its type: Loki's two LogQL searches above, or
 * Elasticsearch's `terms` query on its trace-id field (lib/sources/elasticsearch/README.md §2.1),
 * oldest first and capped like Loki's.
 */
export function fetchTraceLogsFrom(source: NamedClient<LokiClient | ElasticsearchClient>, traceId: string, range: { fromMs: number; toMs: number }, signal?: AbortSignal): Promise<TraceLogsResult> {
  if (source.type === 'elasticsearch') return (source.client as ElasticsearchClient).logsForTrace(traceId, range.fromMs, range.toMs, { signal, limit: TRACE_LOG_LIMIT, direction: 'forward' });
  return fetchTraceLogs(source.client as LokiClient, traceId, range, signal, source.serviceLabel);
}
