import type { ApiMetric } from '../api/types';
import type { LogEntry } from '../model/types';

/**
 * CSV downloads of explore results (RFC 4180). Every cell is hostile text: quotes are
 * doubled, a cell with a comma, quote or line break is quoted, and a text cell that a
 * spreadsheet would run as a formula (starting with = + - @, tab or carriage return; OWASP
 * "CSV Injection") gets a leading apostrophe. Numbers are written as numbers.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : value > 0 ? '+Inf' : value < 0 ? '-Inf' : 'NaN';
  const guarded = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** One row per sample: series name, its labels (one column each), time, value. */
export function seriesCsv(series: readonly Pick<ApiMetric, 'name' | 'labels' | 'points' | 'panel'>[], names: readonly string[]): string {
  const labelKeys = [...new Set(series.flatMap((s) => Object.keys(s.labels)))].sort();
  const rows: (string | number | null)[][] = [['series', ...labelKeys, 'time', 'timestamp_ms', 'value']];
  series.forEach((s, i) => {
    for (const [t, v] of s.points) rows.push([names[i] ?? s.name, ...labelKeys.map((k) => s.labels[k] ?? null), new Date(t).toISOString(), t, v]);
  });
  return toCsv(rows);
}

/** One row per line: time (ms and exact ns), service, trace and span id, the line, its labels as JSON. */
export function logsCsv(logs: readonly Pick<LogEntry, 'ts' | 'tsNs' | 'service' | 'traceId' | 'spanId' | 'line' | 'labels'>[]): string {
  const rows: (string | null)[][] = [['time', 'timestamp_ns', 'service', 'trace_id', 'span_id', 'line', 'labels']];
  for (const l of logs) rows.push([l.ts, l.tsNs, l.service, l.traceId, l.spanId, l.line, JSON.stringify(l.labels)]);
  return toCsv(rows);
}
