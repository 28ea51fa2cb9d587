/**
 * Log volume of one service by level, as a LogQL metric query. The level is a stream label
 * on many setups (`level`, `severity`, …); Loki 3 otherwise adds `detected_level` to every
 * line as structured metadata, which a metric query can group by too.
 */
import type { Series } from '../model/types';
import { labelName, streamSelector } from '../sources/loki/logql';

export const LEVEL_LABELS = ['level', 'severity', 'log_level', 'lvl', 'detected_level'] as const;
export const FALLBACK_LEVEL_LABEL = 'detected_level';

export function pickLevelLabel(available: readonly string[]): string {
  return LEVEL_LABELS.find((l) => available.includes(l)) ?? FALLBACK_LEVEL_LABEL;
}

/** Bars per chart: the step is the range cut into about this many buckets, at least 1 minute. */
const BUCKETS = 60;

export function logVolumeStepSec(fromMs: number, toMs: number): number {
  return Math.max(60, Math.ceil((toMs - fromMs) / 1000 / BUCKETS / 60) * 60);
}

export function logVolumeQuery(serviceLabel: string, service: string, levelLabel: string, stepSec: number): string {
  return `sum by (${labelName(levelLabel)}) (count_over_time(${streamSelector({ [serviceLabel]: service })} [${stepSec}s]))`;
}

export interface LevelBucket {
  t: number;
  /** Lines per level in the bucket. */
  counts: Record<string, number>;
}

const LEVEL_ORDER = ['fatal', 'critical', 'error', 'warn', 'warning', 'info', 'debug', 'trace', 'unknown'];

/** Levels, most severe first (unknown names after the known ones, alphabetically). */
export function orderLevels(levels: Iterable<string>): string[] {
  const rank = (l: string) => {
    const i = LEVEL_ORDER.indexOf(l.toLowerCase());
    return i < 0 ? LEVEL_ORDER.length : i;
  };
  return [...new Set(levels)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** Series per level → one row per time bucket for a stacked bar chart. */
export function toLevelBuckets(series: readonly Series[], levelLabel: string): { levels: string[]; buckets: LevelBucket[] } {
  const rows = new Map<number, Record<string, number>>();
  const levels: string[] = [];
  for (const s of series) {
    const level = s.labels[levelLabel] || 'unknown';
    levels.push(level);
    for (const [t, v] of s.points) {
      if (!Number.isFinite(v)) continue;
      let row = rows.get(t);
      if (!row) rows.set(t, (row = {}));
      row[level] = (row[level] ?? 0) + v;
    }
  }
  return { levels: orderLevels(levels), buckets: [...rows].sort((a, b) => a[0] - b[0]).map(([t, counts]) => ({ t, counts })) };
}
