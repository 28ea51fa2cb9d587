import { describe, expect, it } from 'vitest';
import { gcStormDetector } from './gc-storm';
import { GC_METRICS } from './gc-metrics';
import { histogramQuantile } from './red';
import { counterFromRate, deepFreeze, emptyInput, expectDrawableEvidence, MIN, T0 } from './test-helpers';
import { DEFAULT_DETECTOR_OPTIONS as OPTS, resolveOptions } from './types';

const inst = { job: 'risk-engine', instance: '10.0.0.9:8080', service: 'risk-engine' };
const inStorm = (t: number) => t > 30 * MIN && t <= 40 * MIN;

function riskEngine(stormUntil = 40 * MIN) {
  const storm = (t: number) => t > 30 * MIN && t <= stormUntil;
  const series = [
    counterFromRate('jvm_gc_pause_seconds_count', { ...inst, gc: 'G1 Young Generation' }, (t) => (storm(t) ? 30 : 0.2)),
    counterFromRate('jvm_gc_pause_seconds_sum', { ...inst, gc: 'G1 Young Generation' }, (t) => (storm(t) ? 0.35 : 0.004)),
    counterFromRate('http_requests_total', { ...inst, code: '200' }, (t) => (storm(t) ? 45 : 50)),
    counterFromRate('http_requests_total', { ...inst, code: '500' }, (t) => (storm(t) ? 5 : 0.05)),
  ];
  // Latency histogram: 99 % under 100 ms normally, most requests near 1 s during the storm.
  for (const [le, normal, slow] of [['0.1', 49.95, 5], ['0.5', 50, 10], ['1', 50.05, 48], ['+Inf', 50.05, 50]] as const) {
    series.push(counterFromRate('http_request_duration_seconds_bucket', { ...inst, le }, (t) => (storm(t) ? slow : normal)));
  }
  return series;
}

describe('histogramQuantile', () => {
  it('interpolates inside the bucket and returns the top finite bound for the +Inf bucket', () => {
    const b = [{ le: 0.1, count: 50 }, { le: 0.5, count: 90 }, { le: Infinity, count: 100 }];
    expect(histogramQuantile(0.5, b)).toBeCloseTo(0.1);
    expect(histogramQuantile(0.7, b)).toBeCloseTo(0.3);
    expect(histogramQuantile(0.99, b)).toBe(0.5);
    expect(histogramQuantile(0.5, [{ le: 1, count: 0 }, { le: Infinity, count: 0 }])).toBeNaN();
  });
});

describe('gc_storm', () => {
  it('finds one storm with start, end, peaks and the service\'s latency/error change', () => {
    const found = gcStormDetector.detect(emptyInput({ series: riskEngine() }), OPTS);
    expect(found).toHaveLength(1);
    const [a] = found;
    expect(a.kind).toBe('gc_storm');
    expect(a.service).toBe('risk-engine');
    const startMs = Date.parse(a.start);
    const endMs = Date.parse(a.end!);
    expect(Math.abs(startMs - (T0 + 30 * MIN))).toBeLessThanOrEqual(2 * MIN);
    expect(endMs - startMs).toBeGreaterThanOrEqual(9 * MIN);
    const ev = a.evidence as { peakCollectionsPerSec: number; peakTimeFraction: number; baselineCollectionsPerSec: number; impact: Record<string, number> };
    expect(ev.peakCollectionsPerSec).toBeCloseTo(30, 0);
    expect(ev.peakTimeFraction).toBeCloseTo(0.35, 1);
    expect(ev.baselineCollectionsPerSec).toBeCloseTo(0.2, 1);
    expect(ev.impact.p99MsBefore).toBeLessThan(100);
    expect(ev.impact.p99MsDuring).toBeGreaterThan(500);
    expect(ev.impact.errorShareDuring).toBeGreaterThan(0.05);
    expect(a.severity).toBe('critical');
    expect(a.explanation).toMatch(/went through a GC storm from 14:30/);
  });

  it('leaves the end open while the storm is still going on', () => {
    const [a] = gcStormDetector.detect(emptyInput({ series: riskEngine(61 * MIN) }), OPTS);
    expect(a.end).toBeUndefined();
    expect(a.explanation).toMatch(/still going on/);
  });

  it('ignores bursts shorter than the sustain time and instances below the absolute floor', () => {
    const brief = [counterFromRate('go_gc_duration_seconds_count', inst, (t) => (t > 30 * MIN && t <= 31 * MIN ? 40 : 0.2))];
    expect(gcStormDetector.detect(emptyInput({ series: brief }), OPTS)).toEqual([]);
    const smallButRelative = [counterFromRate('go_gc_duration_seconds_count', inst, (t) => (inStorm(t) ? 2 : 0.1))];
    expect(gcStormDetector.detect(emptyInput({ series: smallButRelative }), OPTS)).toEqual([]);
    const lowered = resolveOptions({ gc: { minFrequencyPerSec: 1 } });
    expect(gcStormDetector.detect(emptyInput({ series: smallButRelative }), lowered)).toHaveLength(1);
  });

  it('understands .NET generations where gen0 counts include higher generations (max, not sum)', () => {
    const gens = ['0', '1', '2'].map((generation) =>
      counterFromRate('dotnet_collection_count_total', { ...inst, generation }, () => 6),
    );
    expect(gcStormDetector.detect(emptyInput({ series: gens }), OPTS)).toEqual([]);
    expect(GC_METRICS.find((m) => m.name === 'dotnet_collection_count_total')?.combine).toBe('max');
  });

  it('knows every runtime family named in the architecture', () => {
    const names = GC_METRICS.map((m) => m.name);
    for (const n of ['go_gc_duration_seconds_count', 'jvm_gc_collection_seconds_sum', 'jvm_gc_pause_seconds_count', 'jvm_gc_duration_seconds_sum',
      'process_runtime_jvm_gc_duration_seconds_count', 'nodejs_gc_duration_seconds_sum', 'dotnet_gc_collections_total',
      'process_runtime_dotnet_gc_collections_count_total', 'dotnet_gc_pause_time_seconds_total', 'dotnet_gc_pause_ratio', 'dotnet_gc_collection_count_total']) {
      expect(names).toContain(n);
    }
  });

  it('plots the collection rate that triggered, marks its peak and shades the storm', () => {
    const input = emptyInput({ series: riskEngine() });
    const [a] = gcStormDetector.detect(input, OPTS);
    const { points, markers, spans } = expectDrawableEvidence(a, input.range);
    expect(a.evidence.pointsMeasure).toBe('collections_per_sec');
    expect(spans).toEqual([[Date.parse(a.start), Date.parse(a.end!)]]);
    expect(markers).toHaveLength(1);
    expect(markers[0]).toBeGreaterThanOrEqual(spans[0][0]);
    expect(markers[0]).toBeLessThanOrEqual(spans[0][1]);
    const atPeak = points.find(([t]) => t === markers[0]);
    expect(atPeak?.[1]).toBe(a.evidence.peakCollectionsPerSec);
    const outside = points.filter(([t, v]) => v !== null && (t < T0 + 29 * MIN || t > T0 + 42 * MIN));
    expect(outside.length).toBeGreaterThan(10);
    expect(Math.max(...outside.map(([, v]) => v!))).toBeLessThan(1);
  });

  it('plots the GC time fraction when that is what triggered', () => {
    // Few but long collections: 0.5/s, each 0.8 s — 40 % of wall time, no frequency storm.
    const storm = (t: number) => t > 30 * MIN && t <= 40 * MIN;
    const series = [
      counterFromRate('go_gc_duration_seconds_count', inst, (t) => (storm(t) ? 0.5 : 0.4)),
      counterFromRate('go_gc_duration_seconds_sum', inst, (t) => (storm(t) ? 0.4 : 0.002)),
    ];
    const input = emptyInput({ series });
    const [a] = gcStormDetector.detect(input, OPTS);
    const { points, markers } = expectDrawableEvidence(a, input.range);
    expect(a.evidence.pointsMeasure).toBe('gc_time_fraction');
    expect(points.find(([t]) => t === markers[0])?.[1]).toBeCloseTo(0.4, 2);
  });

  it('shades an ongoing storm up to the last GC sample', () => {
    // The range ends 30 s after the last scrape: the storm is known to reach that scrape, not the range end.
    const input = emptyInput({ series: riskEngine(61 * MIN), range: { fromMs: T0, toMs: T0 + 60 * MIN + 30_000 } });
    const [a] = gcStormDetector.detect(input, OPTS);
    expect(a.end).toBeUndefined();
    const { spans } = expectDrawableEvidence(a, input.range);
    expect(spans).toEqual([[Date.parse(a.start), T0 + 60 * MIN]]);
  });

  it('is stable across runs and does not mutate its input', () => {
    const input = deepFreeze(emptyInput({ series: riskEngine() }));
    expect(gcStormDetector.detect(input, OPTS).map((a) => a.id)).toEqual(gcStormDetector.detect(input, OPTS).map((a) => a.id));
  });
});

describe('gc_storm start, wherever `now` falls between scrapes', () => {
  // A Node.js service whose storm needs three stormy scrapes in the four-scrape rate window
  // to cross the 10/s floor ((2·14 + 0.3) / 3 < 10): the coarse grid sees it two to three
  // scrapes late, and only the scrape steps before it say where it began.
  const ledger = { job: 'ledger', instance: 'ledger-3:9404' };
  const storm = (t: number) => t > 30 * MIN && t <= 40 * MIN;
  const series = [
    counterFromRate('nodejs_gc_duration_seconds_count', { ...ledger, kind: 'major' }, (t) => (storm(t) ? 12 : 0.2)),
    counterFromRate('nodejs_gc_duration_seconds_count', { ...ledger, kind: 'minor' }, (t) => (storm(t) ? 2 : 0.1)),
  ];

  it.each([0, 1_000, 4_321, 7_499, 7_500, 9_000, 12_900, 14_999])('starts at the last calm sample when the range ends %i ms after a scrape', (phaseMs) => {
    const toMs = T0 + 55 * MIN + phaseMs;
    const found = gcStormDetector.detect(emptyInput({ series, range: { fromMs: toMs - 50 * MIN, toMs }, nowMs: toMs }), OPTS);
    expect(found.map((a) => a.service)).toEqual(['ledger']);
    // The samples at 30:00 and 30:15 bound the first stormy step: the storm began after 30:00.
    expect(Date.parse(found[0].start)).toBe(T0 + 30 * MIN);
  });
});
