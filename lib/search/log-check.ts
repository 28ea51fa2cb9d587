/**
 * Which search results have logs: one pair of Loki queries for a batch of trace ids
 * (structured metadata and line text, as the trace page asks for one id in
 * lib/investigate/trace/trace-logs.ts), then the ids read back from the lines that came.
 */
import { toLogEntry } from '../correlate/join';
import type { LogLine } from '../model/types';
import { labelFilter, lineContainsAny, logQuery, streamSelector } from '../sources/loki/logql';

/** More ids than this make one regex too long for Loki; the rest stay "not checked". */
export const MAX_LOG_CHECKED_TRACES = 100;

export function batchTraceLogQueries(traceIds: readonly string[], serviceLabel: string): { byMetadata: string; byLine: string } {
  const selector = streamSelector([{ name: serviceLabel, op: '=~', value: '.+' }]);
  // The low 64 bits (16 hex) appear in every textual form except a zero-trimmed one.
  const low = [...new Set(traceIds.map((id) => id.slice(16)))];
  const trimmed = [...new Set(traceIds.map((id) => id.replace(/^0+/, '')))];
  return {
    byMetadata: logQuery(selector, labelFilter('trace_id', '=~', `(?i)0*(${trimmed.join('|')})`)),
    byLine: logQuery(selector, lineContainsAny(low, { ignoreCase: true })),
  };
}

/** The canonical trace ids (of those asked) that some line carries. */
export function traceIdsInLines(lines: readonly LogLine[], asked: ReadonlySet<string>): Set<string> {
  const found = new Set<string>();
  for (const line of lines) {
    const id = toLogEntry(line)?.traceId;
    if (id && asked.has(id)) found.add(id);
  }
  return found;
}
