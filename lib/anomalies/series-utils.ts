/** Helpers over raw Prometheus samples: grouping and reset-aware rates (service names: ../correlate/service-label.ts). */
import type { Labels, Series } from '../model/types';
import { labelMatchers } from './format';

/** Finite samples in time order (a NaN sample is a gap for rate purposes). */
export function finitePoints(points: readonly [number, number][]): [number, number][] {
  return points.filter(([t, v]) => Number.isFinite(t) && Number.isFinite(v)).sort((a, b) => a[0] - b[0]);
}

/** Typical spacing between samples (median gap), or null with fewer than 2 samples. */
export function scrapeInterval(series: readonly Series[]): number | null {
  const gaps: number[] = [];
  for (const s of series) for (let i = 1; i < s.points.length; i++) gaps.push(s.points[i][0] - s.points[i - 1][0]);
  const positive = gaps.filter((g) => g > 0).sort((a, b) => a - b);
  return positive.length ? positive[positive.length >> 1] : null;
}

/**
 * Reset-aware cumulative sum, the way rate()/increase() read a counter: a decrease means
 * the counter restarted from 0, so the step adds the new value instead of the difference.
 */
export function unwrapCounter(points: readonly [number, number][]): { t: number[]; u: number[] } {
  const pts = finitePoints(points);
  const t: number[] = [];
  const u: number[] = [];
  let total = 0;
  for (let i = 0; i < pts.length; i++) {
    if (i > 0) total += pts[i][1] >= pts[i - 1][1] ? pts[i][1] - pts[i - 1][1] : pts[i][1];
    t.push(pts[i][0]);
    u.push(total);
  }
  return { t, u };
}

/** Index of the first element of sorted `xs` that is > x. */
function upperBound(xs: number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Per-second rate of a counter at each grid time over the left-open window (t − w, t],
 * without extrapolation: (reset-aware increase between the first and last sample in the
 * window) / (their time distance). NaN where the window holds fewer than two samples.
 */
export function counterRateAt(points: readonly [number, number][], grid: readonly number[], windowMs: number): number[] {
  const { t, u } = unwrapCounter(points);
  return grid.map((g) => {
    const first = upperBound(t, g - windowMs);
    const last = upperBound(t, g) - 1;
    if (last - first < 1) return NaN;
    return (u[last] - u[first]) / ((t[last] - t[first]) / 1000);
  });
}

/** Reset-aware increase over (t − w, t] at each grid time (NaN with < 2 samples). */
export function counterIncreaseAt(points: readonly [number, number][], grid: readonly number[], windowMs: number): number[] {
  const { t, u } = unwrapCounter(points);
  return grid.map((g) => {
    const first = upperBound(t, g - windowMs);
    const last = upperBound(t, g) - 1;
    return last - first < 1 ? NaN : u[last] - u[first];
  });
}

/** Last gauge value in (t − w, t] at each grid time. */
export function gaugeAt(points: readonly [number, number][], grid: readonly number[], windowMs: number): number[] {
  const pts = finitePoints(points);
  const t = pts.map((p) => p[0]);
  return grid.map((g) => {
    const last = upperBound(t, g) - 1;
    return last >= 0 && t[last] > g - windowMs ? pts[last][1] : NaN;
  });
}

export interface Grid {
  times: number[];
  stepMs: number;
  windowMs: number;
  /** The series' scrape interval (median sample spacing). */
  intervalMs: number;
  /**
   * A scrape grid (`scrapeGrid`): each time reads only the scrape step that ends there,
   * from the sample before it (at most `windowMs` earlier), not the whole window.
   */
  lastStep?: boolean;
}

/**
 * Evaluation grid over the range: step is the scrape interval (at least range/maxPoints),
 * rate window four scrape intervals so one missed scrape does not blank a point.
 */
export function evaluationGrid(fromMs: number, toMs: number, series: readonly Series[], maxPoints = 720): Grid | null {
  const interval = scrapeInterval(series);
  if (interval === null || toMs <= fromMs) return null;
  const stepMs = Math.max(interval, Math.ceil((toMs - fromMs) / maxPoints));
  const times: number[] = [];
  for (let t = toMs; t > fromMs; t -= stepMs) times.push(t);
  times.reverse();
  return { times, stepMs, windowMs: Math.max(4 * interval, 2 * stepMs), intervalMs: interval };
}

/** Label key of a series without the labels listed (for grouping sub-series). */
export function groupKey(labels: Labels, drop: readonly string[]): string {
  return JSON.stringify(
    Object.keys(labels)
      .filter((k) => !drop.includes(k) && k !== '__name__')
      .sort()
      .map((k) => [k, labels[k]]),
  );
}

export function withoutLabels(labels: Labels, drop: readonly string[]): Labels {
  const out: Labels = {};
  for (const k of Object.keys(labels)) if (!drop.includes(k) && k !== '__name__') out[k] = labels[k];
  return out;
}

/** Identity of a series (name + labels, __name__ label ignored) for de-duplication across reads. */
export const seriesKey = (name: string, labels: Labels): string => `${name}{${labelMatchers(labels).join(',')}}`;

/**
 * A scrape grid over [fromMs, toMs]: a point at every sample time of `series`, each reading
 * only the scrape step that ends there (samples further apart than `maxGapMs` are a gap).
 * Where an episode found on the coarse grid really began, to the scrape: its points are the
 * data's own times, so the answer does not depend on where `now` puts the coarse grid
 * between scrapes (docs/anomalies.md, "Episodes and gaps").
 */
export function scrapeGrid(series: readonly Series[], fromMs: number, toMs: number, intervalMs: number, maxGapMs: number): Grid {
  const times = new Set<number>();
  for (const s of series) for (const [t, v] of s.points) if (t >= fromMs && t <= toMs && Number.isFinite(v)) times.add(t);
  return { times: [...times].sort((a, b) => a - b), stepMs: intervalMs, windowMs: maxGapMs, intervalMs, lastStep: true };
}

/**
 * Reset-aware per-second rate over the last scrape step at each time: between the last
 * sample at or before it and the one before that; NaN when they are more than `maxGapMs`
 * apart or there is no earlier sample.
 */
export function stepRateAt(points: readonly [number, number][], times: readonly number[], maxGapMs: number): number[] {
  const { t, u } = unwrapCounter(points);
  return times.map((g) => {
    const last = upperBound(t, g) - 1;
    if (last < 1 || t[last] - t[last - 1] > maxGapMs) return NaN;
    return (u[last] - u[last - 1]) / ((t[last] - t[last - 1]) / 1000);
  });
}

/** Per-second rate of a counter on a grid: over its window, or over the last step on a scrape grid. */
export const counterRateOn = (points: readonly [number, number][], grid: Grid): number[] =>
  grid.lastStep ? stepRateAt(points, grid.times, grid.windowMs) : counterRateAt(points, grid.times, grid.windowMs);
