import type { ApiMetric } from '@/lib/api/types';
import { LOG_LEVELS, normalizeLevel, type LogLevel } from '@/components/logs/log-level';
import { VOLUME_LEVEL_LABELS } from '@/lib/query/logql-edit';

/**
 * The log volume answer (one series per combination of level-like labels) as histogram
 * bars: each series' level is the first of level, severity, detected_level, severity_text
 * that names a known level (log-level.ts normalizes "ERR", "warning", OTel numbers …),
 * else "unknown"; counts of the same level and time are added.
 */

export type VolumeRow = { t: number } & Partial<Record<LogLevel, number>>;

export function levelOfSeries(labels: Record<string, string>): LogLevel {
  for (const k of VOLUME_LEVEL_LABELS) {
    const v = labels[k];
    const level = v === undefined ? null : normalizeLevel(v);
    if (level) return level;
  }
  return 'unknown';
}

/** Bars by time with their levels stacked, the levels present, all lines, and the tallest bar (the axis top). */
export function volumeByLevel(series: readonly Pick<ApiMetric, 'labels' | 'points'>[]): { rows: VolumeRow[]; levels: LogLevel[]; total: number; peak: number } {
  const byTime = new Map<number, VolumeRow>();
  const seen = new Set<LogLevel>();
  let total = 0;
  for (const s of series) {
    const level = levelOfSeries(s.labels);
    for (const [t, v] of s.points) {
      if (v === null || !Number.isFinite(v) || v === 0) continue;
      let row = byTime.get(t);
      if (!row) byTime.set(t, (row = { t }));
      row[level] = (row[level] ?? 0) + v;
      seen.add(level);
      total += v;
    }
  }
  const rows = [...byTime.values()].sort((a, b) => a.t - b.t);
  const peak = rows.reduce((max, row) => Math.max(max, LOG_LEVELS.reduce((sum, l) => sum + (row[l] ?? 0), 0)), 0);
  return { rows, levels: LOG_LEVELS.filter((l) => seen.has(l)), total, peak };
}
