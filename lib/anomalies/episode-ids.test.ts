/**
 * Episode ids over sliding windows (ids.ts, `episodeId`): a problem that comes back every
 * 25 min — a GC storm with slow and failing requests — watched through 1 h and 3 h windows
 * (each with the scan's 1 h look-back) that slide by a few minutes and a few seconds, so
 * episodes scroll in and out and `now` falls anywhere between scrapes. Every episode must
 * keep one id in every window that shows it, and no two episodes may share one.
 */
import { describe, expect, it } from 'vitest';
import type { Anomaly } from '../model/anomaly';
import type { Labels, Series } from '../model/types';
import { gcStormDetector } from './gc-storm';
import { conditionId } from './ids';
import { errorBurstDetector, latencySpikeDetector } from './red-outliers';
import { emptyInput, MIN } from './test-helpers';
import { DEFAULT_DETECTOR_OPTIONS as OPTS, type Detector } from './types';

const HOUR = 60 * MIN;
const SCRAPE = 15_000;
// Samples on an odd phase (3.3 s past the minute), over 8 h.
const DATA_FROM = Date.parse('2026-09-14T06:00:03.300Z');
const DATA_TO = DATA_FROM + 8 * HOUR;
const PERIOD = 25 * MIN;
const EPISODE = 6 * MIN;
/** Each episode begins right after the sample at these times (100 scrapes apart). */
const STARTS = Array.from({ length: Math.floor((DATA_TO - DATA_FROM - 10 * MIN) / PERIOD) + 1 }, (_, j) => DATA_FROM + 10 * MIN + j * PERIOD);
const troubled = (t: number) => STARTS.some((s) => t > s && t <= s + EPISODE);

const billing = { job: 'billing', instance: 'billing-2:9100' };

function counter(name: string, labels: Labels, rate: (t: number) => number): Series {
  const points: [number, number][] = [];
  let v = 0;
  for (let t = DATA_FROM; t <= DATA_TO; t += SCRAPE) {
    v += rate(t) * (SCRAPE / 1000);
    points.push([t, v]);
  }
  return { name, labels, points };
}

function world(): Series[] {
  const out = [
    counter('go_gc_duration_seconds_count', billing, (t) => (troubled(t) ? 30 : 0.2)),
    counter('http_requests_total', { ...billing, code: '200' }, (t) => (troubled(t) ? 44 : 50)),
    counter('http_requests_total', { ...billing, code: '500' }, (t) => (troubled(t) ? 6 : 0.05)),
  ];
  for (const [le, calm, slow] of [['0.05', 49, 2], ['0.25', 50, 10], ['2.5', 50, 45], ['+Inf', 50, 46]] as const) {
    out.push(counter('http_request_duration_seconds_bucket', { ...billing, le }, (t) => (troubled(t) ? slow : calm)));
  }
  return out;
}

/** What the anomaly scan reads for a window: the raw series from one hour before it. */
function windowInput(series: Series[], fromMs: number, toMs: number, lookbackFromMs = fromMs - HOUR) {
  return emptyInput({
    range: { fromMs, toMs },
    nowMs: toMs,
    lookbackFromMs,
    series: series.map((s) => ({ ...s, points: s.points.filter(([t]) => t > lookbackFromMs && t <= toMs) })),
  });
}

const DETECTORS: [string, Detector][] = [
  ['gc_storm', gcStormDetector],
  ['error_burst', errorBurstDetector],
  ['latency_spike', latencySpikeDetector],
];

describe.each(DETECTORS)('%s ids over windows sliding across a repeating problem', (kind, detector) => {
  const series = world();
  const runs: { fromMs: number; toMs: number; found: Anomaly[] }[] = [];
  for (let toMs = DATA_FROM + 4 * HOUR; toMs <= DATA_TO; toMs += 6 * MIN + 2_700) {
    for (const hours of [1, 3]) {
      const fromMs = toMs - hours * HOUR;
      runs.push({ fromMs, toMs, found: detector.detect(windowInput(series, fromMs, toMs), OPTS) });
    }
  }

  it('finds every episode that lies inside a window, at its true start', () => {
    for (const { fromMs, toMs, found } of runs) {
      const inside = STARTS.filter((s) => s >= fromMs && s + EPISODE <= toMs);
      expect(found.map((a) => Date.parse(a.start)).filter((s) => inside.includes(s)).sort()).toEqual(inside);
      for (const a of found) expect(STARTS).toContain(Date.parse(a.start));
    }
  });

  it('gives each episode one id in every window that shows it, and each episode its own', () => {
    const idsByStart = new Map<number, Set<string>>();
    for (const { found } of runs) {
      for (const a of found) {
        const ids = idsByStart.get(Date.parse(a.start)) ?? new Set<string>();
        ids.add(a.id);
        idsByStart.set(Date.parse(a.start), ids);
      }
    }
    expect(idsByStart.size).toBeGreaterThan(8);
    for (const ids of idsByStart.values()) expect(ids.size).toBe(1);
    const all = [...idsByStart.values()].map((ids) => [...ids][0]);
    expect(new Set(all).size).toBe(all.length);
    expect(all).not.toContain(conditionId(kind as Anomaly['kind'], {}, 'billing'));
  });
});

describe('an episode that began before the samples read', () => {
  it.each(DETECTORS)('%s: has no known start, so it takes the condition id', (kind, detector) => {
    const series = world();
    const [s] = STARTS;
    // The look-back begins a minute into the episode; the range, three minutes in.
    const [a] = detector.detect(windowInput(series, s + 3 * MIN, s + 40 * MIN, s + MIN), OPTS);
    expect(a.kind).toBe(kind);
    expect(a.id).toBe(kind === 'gc_storm' ? conditionId('gc_storm', a.subject) : conditionId(a.kind, {}, 'billing'));
  });
});
