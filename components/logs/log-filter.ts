import type { LogEntry } from '@/lib/model/types';
import { detectLevel, LOG_LEVELS, type LogLevel } from './log-level';

/** A log entry with its detected level, computed once per response. */
export interface LevelledLog {
  entry: LogEntry;
  level: LogLevel;
  /** Position in the response, a stable React key. */
  seq: number;
}

export const withLevels = (logs: readonly LogEntry[]): LevelledLog[] =>
  logs.map((entry, seq) => ({ entry, level: detectLevel(entry.labels, entry.line), seq }));

/** The `level` URL parameter: a comma list of levels to show (empty = all). */
export function parseLevels(value: string | null): Set<LogLevel> {
  const wanted = new Set<LogLevel>();
  for (const part of (value ?? '').split(',')) {
    const v = part.trim().toLowerCase();
    if ((LOG_LEVELS as readonly string[]).includes(v)) wanted.add(v as LogLevel);
  }
  return wanted;
}

/**
 * Case-insensitive filter over the line, service, ids and label values; every
 * whitespace-separated term must match. `-term` excludes.
 */
export function filterLogs(logs: readonly LevelledLog[], text: string, levels: ReadonlySet<LogLevel>): LevelledLog[] {
  const terms = text.toLowerCase().split(/\s+/).filter(Boolean);
  const include = terms.filter((t) => !t.startsWith('-') || t.length === 1);
  const exclude = terms.filter((t) => t.startsWith('-') && t.length > 1).map((t) => t.slice(1));
  if (include.length === 0 && exclude.length === 0 && levels.size === 0) return logs as LevelledLog[];
  return logs.filter(({ entry, level }) => {
    if (levels.size > 0 && !levels.has(level)) return false;
    if (include.length === 0 && exclude.length === 0) return true;
    const hay = [entry.line, entry.service ?? '', entry.spanId ?? '', entry.traceId ?? '', ...Object.values(entry.labels)].join('\n').toLowerCase();
    return include.every((t) => hay.includes(t)) && !exclude.some((t) => hay.includes(t));
  });
}

/** Logs joined to each span id, in response order. */
export function logsBySpan(logs: readonly LevelledLog[]): Map<string, LevelledLog[]> {
  const out = new Map<string, LevelledLog[]>();
  for (const l of logs) {
    const id = l.entry.spanId;
    if (!id) continue;
    const list = out.get(id);
    if (list) list.push(l);
    else out.set(id, [l]);
  }
  return out;
}

/** Words for how a line was joined to its span. */
export function joinedByText(joinedBy: LogEntry['joinedBy']): string {
  if (joinedBy === 'span_id') return 'by span id';
  if (joinedBy === 'time') return 'by service + time';
  if (joinedBy === 'request_id') return 'by request id';
  return 'not joined';
}
