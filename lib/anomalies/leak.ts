/**
 * leak: a gauge of a finite resource (goroutines, threads, open fds, heap in use) that
 * rises steadily over the window with no plateau at the end. All of: rising segment
 * medians, Theil–Sen growth large against the start level AND against the noise around
 * the trend, and a last third still rising at a good share of the overall slope.
 */
import type { Anomaly } from '../model/anomaly';
import type { Series } from '../model/types';
import { toRfc3339 } from '../time/range';
import { duration, exploreLink, num, pct, selector } from './format';
import { isCounterSeries } from './counter-series';
import { conditionId } from './ids';
import { finitePoints } from './series-utils';
import { serviceOf } from '../correlate/service-label';
import { downsample } from './sparkline-evidence';
import { mad, median, segmentMedians, theilSenSlope } from './stats';
import { hoursToDouble, leakSeverity } from './severity';
import type { Detector, DetectorInput, DetectorOptions, LeakOptions } from './types';

const LEAK_GAUGE = /(goroutines|_threads|threads_|open_fds|_fds$|heap_inuse|heap_in_use|heap_used|heap_alloc_bytes|memory_used|memory_usage|resident_memory|live_data_size|handles)/;
const SEGMENTS = 10;

export const isLeakCandidate = (name: string): boolean => LEAK_GAUGE.test(name) && !/_(total|count|sum|bucket|created)$/.test(name);

export interface LeakFit {
  slopePerSec: number;
  startLevel: number;
  growth: number;
  noise: number;
  risingShare: number;
  tailSlopeRatio: number;
}

/** Trend statistics of one gauge, or null when it is not a steady rise per the options. */
export function steadyRise(points: readonly [number, number][], opt: LeakOptions): LeakFit | null {
  const pts = finitePoints(points);
  if (pts.length < opt.minPoints) return null;
  const t0 = pts[0][0];
  const span = pts[pts.length - 1][0] - t0;
  const slope = theilSenSlope(pts);
  if (!(slope > 0) || span <= 0) return null;
  const intercept = median(pts.map(([t, v]) => v - slope * (t - t0)));
  const residuals = pts.map(([t, v]) => v - (intercept + slope * (t - t0)));
  // 1.4826 × MAD estimates the standard deviation of the noise around the trend.
  const noise = 1.4826 * mad(residuals);
  const growth = slope * span;
  const seg = segmentMedians(pts, SEGMENTS);
  let rising = 0;
  for (let i = 1; i < seg.length; i++) if (seg[i] > seg[i - 1]) rising++;
  const risingShare = seg.length > 1 ? rising / (seg.length - 1) : 0;
  const tail = pts.filter(([t]) => t >= t0 + (2 * span) / 3);
  const tailSlopeRatio = tail.length >= 3 ? theilSenSlope(tail) / slope : 0;
  const startLevel = Math.abs(intercept);
  const fit = { slopePerSec: slope * 1000, startLevel: intercept, growth, noise, risingShare, tailSlopeRatio };
  const relative = startLevel > 0 ? growth / startLevel : Infinity;
  const ok =
    risingShare >= opt.minRisingShare &&
    relative >= opt.minRelativeGrowth &&
    growth >= opt.minGrowthToNoise * noise &&
    tailSlopeRatio >= opt.minTailSlopeRatio;
  return ok ? fit : null;
}

function describe(series: Series): string {
  const n = series.name;
  if (/goroutines/.test(n)) return 'goroutines';
  if (/thread/.test(n)) return 'threads';
  if (/fds/.test(n)) return 'open file descriptors';
  if (/handles/.test(n)) return 'handles';
  return 'memory';
}

function detect(input: DetectorInput, options: DetectorOptions): Anomaly[] {
  const out: Anomaly[] = [];
  const { fromMs, toMs } = input.range;
  for (const series of input.series) {
    if (!isLeakCandidate(series.name) || isCounterSeries(series.name, input.metadata)) continue;
    const pts = series.points.filter(([t]) => t > fromMs && t <= toMs);
    const fit = steadyRise(pts, options.leak);
    if (!fit) continue;
    const finite = finitePoints(pts);
    const startMs = finite[0][0];
    const endMs = finite[finite.length - 1][0];
    const service = serviceOf(series.labels, input.serviceLabel) ?? undefined;
    const what = describe(series);
    const perHour = fit.slopePerSec * 3600;
    const subject = { series: { name: series.name, labels: { ...series.labels } } };
    const who = `${service ?? series.labels.instance ?? series.name}${series.labels.instance && service ? ` (${series.labels.instance})` : ''}`;
    out.push({
      id: conditionId('leak', subject),
      kind: 'leak',
      // From the pace and the level it reached, not from how much of the rise the window shows.
      severity: leakSeverity(fit.startLevel + fit.growth, perHour),
      title: `${who}: ${what} rising steadily`,
      explanation:
        `${series.name} on ${who} rose from about ${num(fit.startLevel)} to ${num(fit.startLevel + fit.growth)} over ${duration(endMs - startMs)} ` +
        `(about ${num(perHour)} per hour, ${pct(fit.risingShare)} of the window's segments higher than the one before) and shows no plateau at the end. ` +
        `A ${what === 'memory' ? 'memory footprint' : `count of ${what}`} that only grows is the signature of a leak (${what === 'goroutines' ? 'goroutines blocked forever on a channel, lock or network call' : 'resources acquired and never released'}); at this pace it will hit its limit. A restart only resets it.`,
      service,
      start: toRfc3339(startMs),
      subject,
      evidence: { ...fit, perHour, hoursToDouble: Number.isFinite(hoursToDouble(fit.startLevel + fit.growth, perHour)) ? hoursToDouble(fit.startLevel + fit.growth, perHour) : null, pointCount: finite.length, points: downsample(finite) },
      links: [exploreLink('Gauge', selector(series.name, series.labels), fromMs, toMs)],
    });
  }
  return out;
}

export const leakDetector: Detector = { kind: 'leak', detect };
