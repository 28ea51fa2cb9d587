import type { ApiExemplar, ApiMetric } from '../api/types';
import { toLogEntry } from '../correlate/join';
import { DEFAULT_EXTRACTION, type ExtractionConfig } from '../correlate/extraction-config';
import type { Exemplar, LogEntry, LogLine, Series } from '../model/types';
import { toRfc3339 } from '../time/range';
import type { ExploreLogEntry } from '../api/contract/explore';

/** Pure conversions from lib/model to the public API shapes (explore endpoints, metric panels). */

/** JSON has no NaN or ±Inf: a non-finite sample is a gap (null) in the chart. */
export const toApiPoints = (points: readonly [number, number][]): [number, number | null][] => points.map(([t, v]) => [t, Number.isFinite(v) ? v : null]);

export function toApiMetric(s: Series): ApiMetric {
  return { name: s.name, labels: s.labels, points: toApiPoints(s.points) };
}

export function toApiExemplar(e: Exemplar): ApiExemplar {
  return { labels: e.labels, seriesLabels: e.seriesLabels, traceId: e.traceId, spanId: e.spanId, value: e.value, ts: toRfc3339(e.tsMs) };
}

/** Explore's entries also carry the stream's index labels (log context selects by them). */
export function toExploreEntries(lines: readonly LogLine[], extraction: ExtractionConfig = DEFAULT_EXTRACTION): ExploreLogEntry[] {
  const out: ExploreLogEntry[] = [];
  for (const l of lines) {
    const e = toLogEntry(l, extraction);
    if (e) out.push({ ...e, stream: l.stream });
  }
  return out;
}

/** Loki lines in the API shape (the same conversion the trace view uses), malformed ones dropped. */
export function toLogEntries(lines: readonly LogLine[], extraction: ExtractionConfig = DEFAULT_EXTRACTION): LogEntry[] {
  return lines.map((l) => toLogEntry(l, extraction)).filter((e): e is LogEntry => e !== null);
}

/** Most series a response carries: more cannot be told apart on one chart, and cost megabytes. */
export const MAX_SERIES = 500;
export const MAX_EXEMPLARS = 2_000;

/** The first `max` items; says so in `warnings` when some were left out. */
export function capList<T>(items: readonly T[], max: number, what: string, warnings: string[]): T[] {
  if (items.length <= max) return [...items];
  warnings.push(`showing the first ${max} of ${items.length} ${what}; narrow the query to see the rest`);
  return items.slice(0, max);
}
