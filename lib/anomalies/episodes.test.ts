import { describe, expect, it } from 'vitest';
import type { Labels, Series } from '../model/types';
import { baselineOf, episodesAcrossGaps, flagsOf } from './episodes';
import { gcStormDetector } from './gc-storm';
import { leakDetector } from './leak';
import { errorBurstDetector, latencySpikeDetector } from './red-outliers';
import { emptyInput, MIN } from './test-helpers';
import { DEFAULT_DETECTOR_OPTIONS as OPTS } from './types';

const HOUR = 60 * MIN;
const NOW = Date.parse('2026-06-01T12:00:00.000Z');
const STEP = 15_000;

/** A counter sampled every 15 s over [fromMs, toMs], with no samples inside `gaps`. */
function counter(name: string, labels: Labels, rate: (t: number) => number, fromMs: number, toMs: number, gaps: [number, number][] = []): Series {
  const points: [number, number][] = [];
  let v = 0;
  for (let t = fromMs; t <= toMs; t += STEP) {
    v += rate(t) * (STEP / 1000);
    if (!gaps.some(([a, b]) => t > a && t < b)) points.push([t, v]);
  }
  return { name, labels, points };
}

function gauge(name: string, labels: Labels, value: (t: number) => number, fromMs: number, toMs: number): Series {
  const points: [number, number][] = [];
  for (let t = fromMs; t <= toMs; t += STEP) points.push([t, value(t)]);
  return { name, labels, points };
}

describe('episodesAcrossGaps', () => {
  it('carries an episode through a gap and ends it only where the data says so', () => {
    expect(episodesAcrossGaps([false, true, null, null, true, false, true])).toEqual([
      { first: 1, last: 4, openEnded: false },
      { first: 6, last: 6, openEnded: true },
    ]);
  });
  it('leaves an episode followed only by gaps open-ended, and never starts one in a gap', () => {
    expect(episodesAcrossGaps([null, false, true, null, null])).toEqual([{ first: 2, last: 2, openEnded: true }]);
    expect(episodesAcrossGaps([null, null])).toEqual([]);
  });
  it('turns NaN (no data) into a gap, not into "condition false"', () => {
    expect(flagsOf([1, NaN, 5], (v) => v > 2)).toEqual([false, null, true]);
  });
});

describe('baselineOf', () => {
  it('keeps the quiet level as "usual" when an episode covers most of the window', () => {
    const values = [...Array(30).fill(0.2), ...Array(70).fill(30)];
    const b = baselineOf(values, (v, base) => v >= 5 * base.level && v >= 10);
    expect(b.level).toBeCloseTo(0.2);
  });
  it('ignores gaps', () => {
    expect(baselineOf([NaN, 1, 1, NaN, 1, 1, 1], () => false).level).toBe(1);
  });
});

const svc = { job: 'ledger', instance: 'ledger-0:9000' };
const stormFrom = NOW - 50 * MIN;
const inStorm = (t: number) => t > stormFrom;

/** 7 h of a Go service: GC storm and slow, failing requests for the last 50 min; a goroutine leak throughout. */
function fleet(gaps: [number, number][] = []): Series[] {
  const from = NOW - 7 * HOUR;
  const out = [
    counter('go_gc_duration_seconds_count', svc, (t) => (inStorm(t) ? 30 : 0.2), from, NOW, gaps),
    counter('go_gc_duration_seconds_sum', svc, (t) => (inStorm(t) ? 0.2 : 0.002), from, NOW, gaps),
    counter('http_requests_total', { ...svc, code: '200' }, (t) => (inStorm(t) ? 40 : 50), from, NOW, gaps),
    counter('http_requests_total', { ...svc, code: '503' }, (t) => (inStorm(t) ? 6 : 0.02), from, NOW, gaps),
    gauge('go_goroutines', svc, (t) => 200 + ((t - from) / HOUR) * 100, from, NOW),
  ];
  for (const [le, normal, slow] of [['0.05', 49, 2], ['0.25', 50, 10], ['2.5', 50, 45], ['+Inf', 50, 46]] as const) {
    out.push(counter('http_request_duration_seconds_bucket', { ...svc, le }, (t) => (inStorm(t) ? slow : normal), from, NOW, gaps));
  }
  return out;
}

/** The input the anomaly scan builds for a window: raw series from one hour before it (the look-back). */
const windowInput = (hours: number, series: Series[]) => {
  const fromMs = NOW - hours * HOUR;
  const lookbackFromMs = fromMs - HOUR;
  return emptyInput({
    range: { fromMs, toMs: NOW },
    nowMs: NOW,
    lookbackFromMs,
    series: series.map((s) => ({ ...s, points: s.points.filter(([t]) => t > lookbackFromMs) })),
  });
};

describe('episodes across scrape gaps and windows', () => {
  it('reads a GC storm cut by a 2-minute scrape gap as one finding with its true start', () => {
    const gap: [number, number] = [NOW - 30 * MIN, NOW - 28 * MIN];
    const found = gcStormDetector.detect(windowInput(1, fleet([gap])), OPTS);
    expect(found).toHaveLength(1);
    expect(Math.abs(Date.parse(found[0].start) - stormFrom)).toBeLessThanOrEqual(STEP);
    expect(found[0].end).toBeUndefined();
    expect((found[0].evidence as { baselineCollectionsPerSec: number }).baselineCollectionsPerSec).toBeCloseTo(0.2, 1);
    expect(found[0].explanation).toMatch(/gap/);
  });

  it('keeps a storm that began before the window at its true start, with a quiet baseline', () => {
    // 50 min of storm in a 30-min window: only the look-back knows when it began.
    const series = fleet();
    const input = emptyInput({ range: { fromMs: NOW - 30 * MIN, toMs: NOW }, nowMs: NOW, lookbackFromMs: NOW - 90 * MIN, series });
    const [storm] = gcStormDetector.detect(input, OPTS);
    expect(Math.abs(Date.parse(storm.start) - stormFrom)).toBeLessThanOrEqual(STEP);
  });

  it.each([
    ['gc_storm', gcStormDetector],
    ['latency_spike', latencySpikeDetector],
    ['error_burst', errorBurstDetector],
    ['leak', leakDetector],
  ] as const)('gives an ongoing %s the same id and severity over 1 h, 3 h and 6 h', (kind, detector) => {
    const series = fleet();
    const runs = [1, 3, 6].map((h) => detector.detect(windowInput(h, series), OPTS));
    for (const found of runs) expect(found.map((a) => a.kind)).toEqual([kind]);
    const [one, three, six] = runs.map((found) => found[0]);
    expect(new Set([one.id, three.id, six.id]).size).toBe(1);
    expect(new Set([one.severity, three.severity, six.severity]).size).toBe(1);
    // Episodes start where their samples say, whatever each window's evaluation step (15, 20, 35 s).
    if (kind !== 'leak') for (const a of [three, six]) expect(a.start).toBe(one.start);
  });
});
