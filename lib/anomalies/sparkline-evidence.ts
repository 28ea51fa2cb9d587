/**
 * The sparkline part of a finding's evidence (drawn by the anomalies page):
 * `points` — [ms, value | null][], at most MAX_EVIDENCE_POINTS, of the series the finding
 * is about; `markers` — ms instants to mark; `spans` — [fromMs, toMs] intervals to shade.
 * Evidence travels as JSON, so a non-finite value becomes null (a gap in the line) and
 * never NaN or Infinity.
 */
import type { Series } from '../model/types';

export type EvidencePoint = [number, number | null];

export const MAX_EVIDENCE_POINTS = 120;

/**
 * Reduce a time-ordered series to at most `max` points for drawing: per bucket of
 * consecutive samples the lowest and the highest value (so spikes and drops survive), plus
 * every sample at one of `keepTimes` (the marked ones) — fewer than max / 2 of those, so
 * at least one bucket fits. `max` is at least 2.
 * A bucket with no finite value becomes one null point, so gaps stay gaps.
 */
export function downsample(points: readonly (readonly [number, number])[], keepTimes: readonly number[] = [], max = MAX_EVIDENCE_POINTS): EvidencePoint[] {
  const pts: EvidencePoint[] = points
    .filter(([t]) => Number.isFinite(t))
    .map(([t, v]): EvidencePoint => [t, Number.isFinite(v) ? v : null])
    .sort((a, b) => a[0] - b[0]);
  if (pts.length <= max) return pts;
  const wanted = new Set(keepTimes);
  const kept = new Set<number>();
  pts.forEach(([t], i) => {
    if (wanted.has(t) && kept.size < (max >> 1) - 1) kept.add(i);
  });
  const buckets = Math.max(1, Math.floor((max - kept.size) / 2));
  const size = Math.ceil(pts.length / buckets);
  const chosen = new Set(kept);
  for (let start = 0; start < pts.length; start += size) {
    let lo = -1;
    let hi = -1;
    for (let i = start; i < Math.min(pts.length, start + size); i++) {
      const v = pts[i][1];
      if (v === null) continue;
      if (lo < 0 || v < pts[lo][1]!) lo = i;
      if (hi < 0 || v > pts[hi][1]!) hi = i;
    }
    if (lo < 0) chosen.add(start);
    else chosen.add(lo).add(hi);
  }
  return [...chosen].sort((a, b) => a - b).map((i) => pts[i]);
}

/** Values evaluated on grid times as [ms, value] pairs (NaN where the grid had no data). */
export const onGrid = (times: readonly number[], values: readonly number[]): [number, number][] => times.map((t, i) => [t, values[i]]);

/** Time of the largest finite value among indices [first, last], or null. */
export function peakTime(times: readonly number[], values: readonly number[], first: number, last: number): number | null {
  let best = -1;
  for (let i = first; i <= last; i++) if (Number.isFinite(values[i]) && (best < 0 || values[i] > values[best])) best = i;
  return best < 0 ? null : times[best];
}

/** Latest finite sample time at or before `toMs` across the series, or null. */
export function lastSampleTime(series: readonly Series[], toMs: number): number | null {
  let last: number | null = null;
  for (const s of series) for (const [t, v] of s.points) if (t <= toMs && Number.isFinite(v) && (last === null || t > last)) last = t;
  return last;
}
