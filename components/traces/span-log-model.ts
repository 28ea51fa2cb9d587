import type { LogEntry } from '@/lib/model/types';
import { DEFAULT_SERVICE_LABELS } from '@/lib/correlate/service-label';
import { exploreLogsHref } from '@/lib/routes';
import { streamSelector } from '@/lib/sources/loki/logql';

/** Lines before and after a log line that Explore shows around it (its service's stream). */
export const LOG_CONTEXT_MS = 5 * 60_000;

/** Unix ms of a log line, from its nanosecond timestamp (NaN when it is not one). */
export function logMs(entry: Pick<LogEntry, 'tsNs'>): number {
  return /^\d{1,20}$/.test(entry.tsNs) ? Number(BigInt(entry.tsNs) / 1_000_000n) : NaN;
}

/**
 * Explore opened on the line's service stream, LOG_CONTEXT_MS either side of it and the cursor
 * on it: the lines around it, which the trace's own search (by trace id) does not show. The
 * selector uses the label that named the line's service (service-label.ts order); null when no
 * label carries it.
 */
export function logContextHref(entry: Pick<LogEntry, 'tsNs' | 'labels' | 'service'>): string | null {
  const ms = logMs(entry);
  if (!entry.service || !Number.isFinite(ms)) return null;
  const label = DEFAULT_SERVICE_LABELS.find((l) => entry.labels[l]?.trim() === entry.service);
  if (!label) return null;
  return exploreLogsHref(streamSelector({ [label]: entry.labels[label] }), ms - LOG_CONTEXT_MS, ms + LOG_CONTEXT_MS, ms);
}
