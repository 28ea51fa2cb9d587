/**
 * error_burst and latency_spike: RED outliers of a service against its own baseline. The
 * baseline is the median and MAD of the service's values over the window, which an
 * episode shorter than half the window barely moves; a point is an outlier above
 * median + k·MAD and above absolute floors (so a tiny service with one error is quiet).
 */
import type { Anomaly, AnomalyKind } from '../model/anomaly';
import type { Series } from '../model/types';
import { appendTo } from '../model/group';
import { toRfc3339 } from '../time/range';
import { clockTime, duration, exploreLink, labelMatchers, num, pct } from './format';
import { episodeId } from './ids';
import { redMetricNames, redSignals, type RedSignals } from './red';
import { escapeLabelValue } from '../model/prom-text';
import { evaluationGrid, scrapeGrid, type Grid } from './series-utils';
import { serviceOf } from '../correlate/service-label';
import { downsample, lastSampleTime, onGrid, peakTime } from './sparkline-evidence';
import { maxOf, medianOf } from './stats';
import { baselineOf, beganInData, episodesAcrossGaps, flagsOf, onsetOnScrapes, stillGoing, type Baseline } from './episodes';
import { errorBurstSeverity, latencySeverity } from './severity';
import type { Detector, DetectorInput, DetectorOptions } from './types';

interface Episode {
  red: RedSignals;
  first: number;
  last: number;
  /** Where it began, to the scrape (`onsetOnScrapes`). */
  startMs: number;
  /** Whether the data shows that start (else it began before the samples read). */
  startKnown: boolean;
  baseline: number;
  peak: number;
  /** The signal the episode stands out in (error share or p99 ms), on the grid. */
  values: number[];
  /** Latest raw sample of the service's RED series: where an ongoing episode is known to reach. */
  lastSampleMs: number | null;
  ongoing: boolean;
}

/** The RED view of one detector run: error_burst and latency_spike read the same one. */
interface RedView {
  grid: Grid;
  services: { red: RedSignals; lastSampleMs: number | null; series: Series[] }[];
}
const redViews = new WeakMap<DetectorInput, { families: DetectorOptions['red']['families']; view: RedView | null }>();

function redView(input: DetectorInput, options: DetectorOptions): RedView | null {
  const cached = redViews.get(input);
  if (cached && cached.families === options.red.families) return cached.view;
  const names = new Set(redMetricNames(options.red.families));
  const redSeries = input.series.filter((s) => names.has(s.name));
  // The grid reaches into the look-back: baselines and true starts come from before the range.
  const grid = evaluationGrid(Math.min(input.range.fromMs, input.lookbackFromMs ?? input.range.fromMs), input.range.toMs, redSeries);
  let view: RedView | null = null;
  if (grid) {
    const own = new Map<string | null, Series[]>();
    for (const s of redSeries) appendTo(own, serviceOf(s.labels, input.serviceLabel), s);
    const services = [...redSignals(redSeries, grid, input.serviceLabel, options.red.families).values()].map((red) => {
      const series = own.get(red.service) ?? [];
      return { red, lastSampleMs: lastSampleTime(series, input.range.toMs), series };
    });
    view = { grid, services };
  }
  redViews.set(input, { families: options.red.families, view });
  return view;
}

/** The signal an episode stands out in, and the absolute floor it must also pass. */
type SignalOf = (r: RedSignals) => number[];
type FloorTest = (r: RedSignals, i: number, baseline: number) => boolean;

/**
 * Where an episode first flagged at grid point `first` began: the same test on the
 * service's scrape steps before it (`onsetOnScrapes`, two windows back), else the coarse point.
 */
function onset(input: DetectorInput, options: DetectorOptions, grid: Grid, first: number, series: Series[], service: string, pick: SignalOf, test: (r: RedSignals, i: number) => boolean): number {
  const at = grid.times[first];
  const scrapes = scrapeGrid(series, at - 2 * grid.windowMs - grid.stepMs, at, grid.intervalMs, grid.windowMs);
  const red = redSignals(series, scrapes, input.serviceLabel, options.red.families).get(service);
  const flags = red ? flagsOf(pick(red), (_, i) => test(red, i)) : [];
  return onsetOnScrapes(scrapes.times, flags) ?? at - grid.stepMs;
}

function episodes(input: DetectorInput, options: DetectorOptions, pick: SignalOf, floor: FloorTest): { grid: Grid; found: Episode[] } | null {
  const view = redView(input, options);
  if (!view) return null;
  const { grid } = view;
  const found: Episode[] = [];
  for (const { red, lastSampleMs, series } of view.services) {
    const values = pick(red);
    const above = (v: number, b: Baseline) => v > b.level + options.red.madK * b.spread;
    const base = baselineOf(values, above);
    const test = (r: RedSignals, i: number) => {
      const v = pick(r)[i];
      return above(v, base) && r.requestsPerSec[i] >= options.red.minRequestsPerSec && floor(r, i, base.level);
    };
    // No traffic or no data at a point is a gap: it neither starts nor ends an episode.
    const flags = flagsOf(values, (_, i) => test(red, i));
    for (const ep of episodesAcrossGaps(flags)) {
      const { first, last } = ep;
      if (grid.times[last] - grid.times[first] + grid.stepMs < options.red.minDurationMs || grid.times[last] <= input.range.fromMs) continue;
      const ongoing = stillGoing(ep, grid.times[last], input.range.toMs);
      const startMs = onset(input, options, grid, first, series, red.service, pick, test);
      found.push({ red, first, last, startMs, startKnown: beganInData(flags, first), ongoing, baseline: base.level, peak: maxOf(values.slice(first, last + 1)), values, lastSampleMs });
    }
  }
  return { grid, found };
}

function record(kind: AnomalyKind, e: Episode, grid: Grid, input: DetectorInput, fields: Pick<Anomaly, 'severity' | 'title' | 'explanation' | 'evidence'>, query: string): Anomaly {
  const { startMs } = e;
  const lastMs = grid.times[e.last];
  const peakMs = peakTime(grid.times, e.values, e.first, e.last);
  const markers = peakMs === null ? [] : [peakMs];
  const spanEnd = e.ongoing && e.lastSampleMs !== null ? Math.max(startMs, e.lastSampleMs) : lastMs;
  return {
    id: episodeId(kind, {}, e.startKnown ? startMs : null, e.red.service),
    kind,
    ...fields,
    evidence: { ...fields.evidence, points: downsample(onGrid(grid.times, e.values), markers), markers, spans: [[startMs, spanEnd]] },
    service: e.red.service,
    start: toRfc3339(startMs),
    end: e.ongoing ? undefined : toRfc3339(lastMs),
    subject: {},
    links: [exploreLink(kind === 'error_burst' ? 'Error share' : 'p99 latency', query, input.range.fromMs, input.range.toMs)],
  };
}

/** The PromQL of the error share the detector measured, in the service's own RED family. */
function errorShareQuery(red: RedSignals): string {
  const f = red.family;
  if (!f) return '';
  const failed = `${f.errorLabel}=~"${escapeLabelValue(f.errorValues)}"`;
  return `sum(rate(${f.requests}{${match(red)},${failed}}[1m])) / sum(rate(${f.requests}{${match(red)}}[1m]))`;
}

const durationOf = (grid: Grid, e: Episode): number => grid.times[e.last] - e.startMs;

const match = (red: RedSignals): string => labelMatchers({ [red.serviceLabel]: red.service })[0];

const when = (grid: Grid, e: Episode): string =>
  e.ongoing
    ? `since ${clockTime(e.startMs)} (ongoing)`
    : `from ${clockTime(e.startMs)} to ${clockTime(grid.times[e.last])} (${duration(durationOf(grid, e))})`;

function detectErrors(input: DetectorInput, options: DetectorOptions): Anomaly[] {
  const opt = options.red;
  const res = episodes(input, options, (r) => r.errorShare, (r, i) => r.errorShare[i] >= opt.minErrorShare);
  if (!res) return [];
  const stepSec = res.grid.stepMs / 1000;
  return res.found.flatMap((e) => {
    const errors = e.red.errorsPerSec.slice(e.first, e.last + 1).reduce((sum, v) => sum + (Number.isFinite(v) ? v * stepSec : 0), 0);
    if (errors < opt.minErrors) return [];
    const svc = e.red.service;
    return [record('error_burst', e, res.grid, input, {
      severity: errorBurstSeverity(e.peak, medianOf(e.values, e.first, e.last), durationOf(res.grid, e)),
      title: `${svc}: errors up to ${pct(e.peak)}`,
      explanation: `${svc} answered up to ${pct(e.peak)} of requests with a 5xx ${when(res.grid, e)}, against its usual ${pct(e.baseline)} — about ${num(errors, 0)} failed requests. Check the logs and traces of ${svc} in that window for the failing operation.`,
      evidence: { peakErrorShare: e.peak, baselineErrorShare: e.baseline, approxErrors: errors },
    }, errorShareQuery(e.red))];
  });
}

function detectLatency(input: DetectorInput, options: DetectorOptions): Anomaly[] {
  const opt = options.red;
  const res = episodes(input, options, (r) => r.p99Ms, (r, i, base) => r.p99Ms[i] >= opt.minLatencyMs && r.p99Ms[i] >= opt.minLatencyRatio * base);
  if (!res) return [];
  return res.found.map((e) => {
    const svc = e.red.service;
    const ratio = e.baseline > 0 ? e.peak / e.baseline : Infinity;
    return record('latency_spike', e, res.grid, input, {
      severity: latencySeverity(ratio, durationOf(res.grid, e)),
      title: `${svc}: p99 latency up to ${num(e.peak, 0)} ms`,
      explanation: `${svc}'s p99 latency reached ${num(e.peak, 0)} ms ${when(res.grid, e)}, ${num(ratio, 1)}× its usual ${num(e.baseline, 0)} ms. Look for a GC storm, a slow dependency or saturation on ${svc} in the same window.`,
      // A zero baseline has no finite ratio; evidence is JSON, so say null rather than Infinity.
      evidence: { peakP99Ms: e.peak, baselineP99Ms: e.baseline, ratio: Number.isFinite(ratio) ? ratio : null },
    }, `histogram_quantile(0.99, sum by (le) (rate(${e.red.family?.latency ?? 'http_request_duration_seconds_bucket'}{${match(e.red)}}[1m])))`);
  });
}

export const errorBurstDetector: Detector = { kind: 'error_burst', detect: detectErrors };
export const latencySpikeDetector: Detector = { kind: 'latency_spike', detect: detectLatency };
