/**
 * gc_storm: per instance, GC frequency far above its own median and above an absolute
 * floor, or a large fraction of wall time in GC, sustained. One finding per storm, with
 * the latency/error change of the same service during it (./red.ts).
 */
import type { Anomaly } from '../model/anomaly';
import type { Labels, Series } from '../model/types';
import { toRfc3339 } from '../time/range';
import { clockTime, duration, exploreLink, num, pct, selector } from './format';
import { GC_SUB_LABELS, gcMetric, type GcMetric } from './gc-metrics';
import { episodeId } from './ids';
import { redMetricNames, redSignals, type RedSignals } from './red';
import { counterRateOn, evaluationGrid, gaugeAt, groupKey, scrapeGrid, withoutLabels, type Grid } from './series-utils';
import { serviceOf } from '../correlate/service-label';
import { downsample, lastSampleTime, onGrid, peakTime } from './sparkline-evidence';
import { maxOf, medianOf } from './stats';
import { baselineOf, beganInData, episodesAcrossGaps, onsetOnScrapes, stillGoing, type Flag } from './episodes';
import { gcStormSeverity } from './severity';
import type { Detector, DetectorInput, DetectorOptions } from './types';
import { appendTo } from '../model/group';

const RUNTIME_NAME: Record<GcMetric['runtime'], string> = { go: 'Go', jvm: 'JVM', node: 'Node.js', dotnet: '.NET' };

interface InstanceGc {
  labels: Labels;
  metrics: Map<GcMetric, Series[]>;
}

function byInstance(series: readonly Series[]): Map<string, InstanceGc> {
  const out = new Map<string, InstanceGc>();
  for (const s of series) {
    const metric = gcMetric(s.name);
    if (!metric) continue;
    const id = s.labels.instance !== undefined ? JSON.stringify([s.labels.job ?? '', s.labels.instance]) : groupKey(s.labels, GC_SUB_LABELS);
    const entry = out.get(id) ?? { labels: withoutLabels(s.labels, GC_SUB_LABELS), metrics: new Map() };
    appendTo(entry.metrics, metric, s);
    out.set(id, entry);
  }
  return out;
}

/** Per-grid max over metrics of each metric's combined (sum or max) sub-series values. */
function signal(entry: InstanceGc, grid: Grid, measure: GcMetric['measure'] | 'time'): number[] {
  const result = new Array<number>(grid.times.length).fill(NaN);
  for (const [metric, list] of entry.metrics) {
    const wanted = measure === 'time' ? metric.measure !== 'count' : metric.measure === measure;
    if (!wanted) continue;
    const combined = new Array<number>(grid.times.length).fill(NaN);
    for (const s of list) {
      const values = metric.measure === 'ratio' ? gaugeAt(s.points, grid.times, grid.windowMs) : counterRateOn(s.points, grid);
      values.forEach((v, i) => {
        if (!Number.isFinite(v)) return;
        const c = combined[i];
        combined[i] = !Number.isFinite(c) ? v : metric.combine === 'sum' ? c + v : Math.max(c, v);
      });
    }
    combined.forEach((v, i) => {
      if (Number.isFinite(v)) result[i] = Number.isFinite(result[i]) ? Math.max(result[i], v) : v;
    });
  }
  return result;
}

/** Per grid point: stormy, calm, or a gap (neither signal measured there). */
const stormFlags = (freq: number[], frac: number[], holds: (freq: number, frac: number) => boolean): Flag[] =>
  freq.map((f, i) => (!Number.isFinite(f) && !Number.isFinite(frac[i]) ? null : holds(f, frac[i])));

/**
 * The coarse grid's rate window (four scrapes) lags a sudden storm by up to a window: read
 * the scrape steps before its first coarse point for the sample from which the storm held
 * (`onsetOnScrapes`; two windows back, as the coarse point before was calm). Falls back to
 * the coarse point when no single step held.
 */
function trueStart(entry: InstanceGc, grid: Grid, first: number, holds: (freq: number, frac: number) => boolean): number {
  const at = grid.times[first];
  const scrapes = scrapeGrid([...entry.metrics.values()].flat(), at - 2 * grid.windowMs - grid.stepMs, at, grid.intervalMs, grid.windowMs);
  const flags = stormFlags(signal(entry, scrapes, 'count'), signal(entry, scrapes, 'time'), holds);
  return onsetOnScrapes(scrapes.times, flags) ?? at - grid.stepMs;
}

function impact(red: RedSignals | undefined, first: number, last: number) {
  if (!red) return null;
  const before = (xs: number[]) => medianOf(xs, 0, first - 1);
  const during = (xs: number[]) => medianOf(xs, first, last);
  const orNull = (v: number) => (Number.isFinite(v) ? v : null);
  return {
    p99MsBefore: orNull(before(red.p99Ms)),
    p99MsDuring: orNull(during(red.p99Ms)),
    errorShareBefore: orNull(before(red.errorShare)),
    errorShareDuring: orNull(during(red.errorShare)),
  };
}

function impactSentence(service: string, i: ReturnType<typeof impact>): string {
  if (!i) return `No RED metrics of ${service} were available to compare latency and errors.`;
  const parts: string[] = [];
  if (i.p99MsBefore !== null && i.p99MsDuring !== null) parts.push(`p99 latency went from ${num(i.p99MsBefore, 0)} ms to ${num(i.p99MsDuring, 0)} ms`);
  if (i.errorShareBefore !== null && i.errorShareDuring !== null) parts.push(`the 5xx share from ${pct(i.errorShareBefore)} to ${pct(i.errorShareDuring)}`);
  return parts.length ? `During the storm, ${service}'s ${parts.join(' and ')}.` : `Latency and errors of ${service} could not be compared (no traffic before the storm).`;
}

/**
 * The signal that triggered the storm (collections/s unless the time fraction held at more
 * of its points), its peak marked and the storm shaded up to `endMs`.
 */
function stormPlot(grid: Grid, s: { freq: number[]; frac: number[]; byFreq: boolean[]; byFrac: boolean[] }, first: number, last: number, startMs: number, endMs: number) {
  const count = (flags: boolean[]) => flags.slice(first, last + 1).filter(Boolean).length;
  const byFraction = count(s.byFrac) > count(s.byFreq);
  const values = byFraction ? s.frac : s.freq;
  const peakMs = peakTime(grid.times, values, first, last);
  const markers = peakMs === null ? [] : [peakMs];
  return {
    pointsMeasure: byFraction ? 'gc_time_fraction' : 'collections_per_sec',
    points: downsample(onGrid(grid.times, values), markers),
    markers,
    spans: [[startMs, endMs]] as [number, number][],
  };
}

function detect(input: DetectorInput, options: DetectorOptions): Anomaly[] {
  const gcSeries = input.series.filter((s) => gcMetric(s.name));
  const { fromMs, toMs } = input.range;
  // The grid reaches into the look-back so a storm that began before the range keeps its true start.
  const grid = evaluationGrid(Math.min(fromMs, input.lookbackFromMs ?? fromMs), toMs, gcSeries);
  if (!grid) return [];
  const redNames = new Set(redMetricNames(options.red.families));
  const red = redSignals(input.series.filter((s) => redNames.has(s.name)), grid, input.serviceLabel, options.red.families);
  const opt = options.gc;
  const out: Anomaly[] = [];
  for (const entry of byInstance(gcSeries).values()) {
    const freq = signal(entry, grid, 'count');
    const frac = signal(entry, grid, 'time');
    const high = (v: number, base: number) => v >= opt.frequencyFactor * base && v >= opt.minFrequencyPerSec;
    const baseline = baselineOf(freq, (v, b) => high(v, b.level)).level;
    const byFreq = grid.times.map((_, i) => Number.isFinite(freq[i]) && high(freq[i], baseline));
    const byFrac = grid.times.map((_, i) => frac[i] >= opt.timeFraction);
    const stormy = (f: number, fr: number) => (Number.isFinite(f) && high(f, baseline)) || fr >= opt.timeFraction;
    const flags = stormFlags(freq, frac, stormy);
    const lastSampleMs = lastSampleTime([...entry.metrics.values()].flat(), toMs);
    const service = serviceOf(entry.labels, input.serviceLabel) ?? entry.labels.instance ?? 'unknown';
    const runtime = [...entry.metrics.keys()][0].runtime;
    for (const episode of episodesAcrossGaps(flags)) {
      const { first, last } = episode;
      const startMs = trueStart(entry, grid, first, stormy);
      const lastMs = grid.times[last];
      if (lastMs - startMs < opt.sustainMs || lastMs <= fromMs) continue;
      const ongoing = stillGoing(episode, lastMs, toMs);
      const peakFreq = maxOf(freq.slice(first, last + 1));
      const peakFrac = maxOf(frac.slice(first, last + 1));
      const effect = impact(red.get(service), first, last);
      const subject = { series: { name: [...entry.metrics.keys()][0].name, labels: { ...entry.labels } } };
      const inst = entry.labels.instance ? ` (${entry.labels.instance})` : '';
      const where = `${service} (${[entry.labels.instance, RUNTIME_NAME[runtime]].filter(Boolean).join(', ')})`;
      const what = [
        Number.isFinite(peakFreq) ? `up to ${num(peakFreq)} collections/s against a usual ${num(baseline)}/s` : '',
        Number.isFinite(peakFrac) ? `up to ${pct(peakFrac)} of wall time in GC` : '',
      ].filter(Boolean).join(' and ');
      const countMetric = [...entry.metrics.keys()].find((m) => m.measure === 'count');
      const endMs = ongoing && lastSampleMs !== null ? Math.max(startMs, lastSampleMs) : lastMs;
      const plot = stormPlot(grid, { freq, frac, byFreq, byFrac }, first, last, startMs, endMs);
      const query = countMetric ? `sum(rate(${selector(countMetric.name, entry.labels)}[1m]))` : undefined;
      const gaps = flags.slice(first, last + 1).filter((f) => f === null).length;
      out.push({
        id: episodeId('gc_storm', subject, beganInData(flags, first) ? startMs : null),
        kind: 'gc_storm',
        severity: gcStormSeverity({
          peakTimeFraction: Number.isFinite(peakFrac) ? peakFrac : null,
          p99Ratio: effect?.p99MsBefore && effect.p99MsDuring !== null ? effect.p99MsDuring / effect.p99MsBefore : null,
          errorShareRise: effect && effect.errorShareBefore !== null && effect.errorShareDuring !== null ? effect.errorShareDuring - effect.errorShareBefore : null,
        }),
        title: `GC storm on ${service}${inst}`,
        explanation:
          `${where} went through a GC storm from ${clockTime(startMs)} ${ongoing ? 'and it is still going on' : `to ${clockTime(lastMs)}`} (${duration(lastMs - startMs)}): ${what}. ` +
          (gaps > 0 ? `Its samples have a gap of ${duration(gaps * grid.stepMs)} in between; the storm held on both sides of it. ` : '') +
          `${impactSentence(service, effect)} Frequent collections usually mean allocation pressure or a heap too small for the live set; check heap usage and recent deploys.`,
        service,
        start: toRfc3339(startMs),
        end: ongoing ? undefined : toRfc3339(lastMs),
        subject,
        evidence: {
          runtime,
          metrics: [...entry.metrics.keys()].map((m) => m.name),
          baselineCollectionsPerSec: Number.isFinite(baseline) ? baseline : null,
          peakCollectionsPerSec: Number.isFinite(peakFreq) ? peakFreq : null,
          peakTimeFraction: Number.isFinite(peakFrac) ? peakFrac : null,
          thresholds: { ...opt },
          impact: effect,
          gapMs: gaps * grid.stepMs,
          ...plot,
        },
        links: query ? [exploreLink('GC rate', query, fromMs, toMs)] : [],
      });
    }
  }
  return out;
}

export const gcStormDetector: Detector = { kind: 'gc_storm', detect };
