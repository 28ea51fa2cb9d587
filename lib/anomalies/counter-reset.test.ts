import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countResets, isCounterSeries, rangeIsLeftClosed } from './counter-series';
import { counterResetDetector } from './counter-reset';
import { anomalyId } from './ids';
import { deepFreeze, emptyInput, expectDrawableEvidence, MIN, seriesOf, T0 } from './test-helpers';
import { DEFAULT_DETECTOR_OPTIONS } from './types';

/** Straight transcription of PromQL funcResets over a left-open range selector. */
function referenceResets(points: [number, number][], evalT: number, rangeMs: number): number | null {
  const window = points.filter(([t]) => t > evalT - rangeMs && t <= evalT);
  if (window.length === 0) return null;
  let resets = 0;
  let prev = window[0][1];
  for (const [, cur] of window.slice(1)) {
    if (cur < prev) resets++;
    prev = cur;
  }
  return resets;
}

const at5m = (values: number[]): [number, number][] => values.map((v, i) => [i * 5 * MIN, v]);

describe('countResets matches PromQL resets()', () => {
  // promql/promqltest/testdata/functions.test: load 5m, eval instant at 50m.
  const foo = at5m([1, 2, 3, 0, 1, 0, 0, 1, 2, 0]);
  const bar = at5m([1, 2, 3, 4, 5, 1, 2, 3, 4, 5]);
  const biz = at5m([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
  const at = 50 * MIN;
  it.each([
    [5, null, null, null],
    [10, 0, 0, 0],
    [20, 1, 0, 0],
    [30, 1, 0, 0],
    [32, 2, 1, 0],
    [50, 3, 1, 0],
  ])('resets(http_requests[%im]) at 50m', (rangeMin, f, b, z) => {
    expect(countResets(foo, at - rangeMin * MIN, at)).toBe(f);
    expect(countResets(bar, at - rangeMin * MIN, at)).toBe(b);
    expect(countResets(biz, at - rangeMin * MIN, at)).toBe(z);
  });
  it('excludes a sample exactly at the range start (left-open) and includes one at the end', () => {
    const pts: [number, number][] = [[0, 5], [1000, 1]];
    expect(countResets(pts, 0, 1000)).toBe(0);
    expect(countResets(pts, -1, 1000)).toBe(1);
  });
  it('includes the sample at the start for Prometheus 2.x, whose ranges are closed on the left', () => {
    const pts: [number, number][] = [[0, 5], [1000, 1]];
    expect(countResets(pts, 0, 1000, true)).toBe(1);
    expect(rangeIsLeftClosed('2.42.0')).toBe(true);
    expect(rangeIsLeftClosed('3.1.0')).toBe(false);
    expect(rangeIsLeftClosed('0.35.1')).toBe(true); // Thanos 0.x runs a Prometheus 2.x engine
    expect(rangeIsLeftClosed(null)).toBe(false);
  });
  it('never counts a step into or out of NaN (Prometheus compares with <)', () => {
    expect(countResets([[1, 5], [2, NaN], [3, 3]], 0, 3)).toBe(0);
    expect(countResets([[1, NaN], [2, 1]], 0, 2)).toBe(0);
    expect(countResets([[1, 5], [2, NaN], [3, 3], [4, 1]], 0, 4)).toBe(1);
  });
  it('counts resets in a row, to a non-zero value, and as first/last pair', () => {
    expect(countResets(at5m([10, 7, 3, 1]), -1, 15 * MIN)).toBe(3);
    expect(countResets(at5m([100, 90, 95, 1]), -1, 15 * MIN)).toBe(2);
  });
  it('equals the reference on arbitrary series and windows (property)', () => {
    const value = fc.oneof(fc.integer({ min: 0, max: 20 }), fc.constant(NaN), fc.double({ noNaN: false }));
    fc.assert(
      fc.property(fc.array(value, { maxLength: 40 }), fc.integer({ min: 0, max: 45 }), fc.integer({ min: 0, max: 45 }), (vals, a, b) => {
        const pts: [number, number][] = vals.map((v, i) => [i * 1000, v]);
        const evalT = Math.max(a, b) * 1000;
        const rangeMs = Math.abs(a - b) * 1000 + 1;
        expect(countResets(pts, evalT - rangeMs, evalT)).toBe(referenceResets(pts, evalT, rangeMs));
      }),
      { numRuns: 500 },
    );
  });
});

describe('isCounterSeries', () => {
  it('uses suffixes, excludes _created and summary quantiles, and lets metadata decide', () => {
    expect(isCounterSeries('http_requests_total')).toBe(true);
    expect(isCounterSeries('x_bucket')).toBe(true);
    expect(isCounterSeries('foo_created')).toBe(false);
    expect(isCounterSeries('go_goroutines')).toBe(false);
    const md = {
      go_gc_duration_seconds: [{ type: 'summary' as const, help: '', unit: '' }],
      weird_total: [{ type: 'gauge' as const, help: '', unit: '' }],
      bytes_sent: [{ type: 'counter' as const, help: '', unit: '' }],
    };
    expect(isCounterSeries('go_gc_duration_seconds', md)).toBe(false);
    expect(isCounterSeries('go_gc_duration_seconds_count', md)).toBe(true);
    expect(isCounterSeries('weird_total', md)).toBe(false);
    expect(isCounterSeries('bytes_sent', md)).toBe(true);
  });
});

describe('counter_reset detector', () => {
  const labels = { job: 'payment-gateway', instance: '10.0.0.7:8080', service: 'payment-gateway' };
  const counter = seriesOf('http_requests_total', labels, [18_000, 18_200, 18_442, 12, 210, 400]);
  const restartAt = T0 + 55_000;
  const pst = seriesOf('process_start_time_seconds', { job: labels.job, instance: labels.instance }, [
    (T0 - 86_400_000) / 1000, (T0 - 86_400_000) / 1000, (T0 - 86_400_000) / 1000, restartAt / 1000, restartAt / 1000, restartAt / 1000,
  ]);

  it('reports a restart with times, values and no rate() spike when the post-reset value is small', () => {
    const [a] = counterResetDetector.detect(emptyInput({ series: [counter, pst] }), DEFAULT_DETECTOR_OPTIONS);
    expect(a.kind).toBe('counter_reset');
    expect(a.service).toBe('payment-gateway');
    expect(a.evidence.cause).toBe('restart');
    expect(a.evidence.before).toEqual({ ts: new Date(T0 + 45_000).toISOString(), value: 18_442 });
    expect(a.evidence.after).toEqual({ ts: new Date(T0 + 60_000).toISOString(), value: 12 });
    expect((a.evidence.rateArtifact as { spike: boolean }).spike).toBe(false);
    expect(a.evidence.group).toBe(`payment-gateway/10.0.0.7:8080@${restartAt}`);
    expect(a.explanation).toContain('payment-gateway restarted at 14:00:55');
    expect(a.explanation).toContain('dropped from 18,442 to 12');
    expect(a.explanation).toContain('shows no spike');
    expect(a.links[0].href).toMatch(/^\/explore\?query=http_requests_total%7B/);
    expect(a.links[0].href).toContain('from=2026-03-02T14%3A00%3A00.000Z');
  });

  it('calls a drop without a restart signal non_monotonic and flags the rate() artifact', () => {
    const zigzag = seriesOf('jobs_processed_total', labels, [1000, 1010, 1020, 990, 1000]);
    const [a] = counterResetDetector.detect(emptyInput({ series: [zigzag] }), DEFAULT_DETECTOR_OPTIONS);
    expect(a.evidence.cause).toBe('non_monotonic');
    expect(a.severity).toBe('warning');
    expect((a.evidence.rateArtifact as { spike: boolean; countedIncrease: number }).spike).toBe(true);
    expect((a.evidence.rateArtifact as { countedIncrease: number }).countedIncrease).toBe(990);
    expect(a.explanation).toMatch(/artifact/);
  });

  it('uses a changed _created sample as the restart signal', () => {
    const c = seriesOf('jobs_total', { job: 'w', instance: 'a' }, [50, 60, 2]);
    const created = seriesOf('jobs_created', { job: 'w', instance: 'a' }, [100, 100, 200]);
    const [a] = counterResetDetector.detect(emptyInput({ series: [c, created] }), DEFAULT_DETECTOR_OPTIONS);
    expect(a.evidence.cause).toBe('restart');
    expect(a.evidence.restartSignal).toBe('_created');
  });

  it('emits one record per series whose count equals countResets, and none for gauges or monotonic counters', () => {
    const c = seriesOf('x_total', { job: 'j', instance: 'i' }, [5, 3, 1, NaN, 0, 4, 2]);
    const gauge = seriesOf('go_goroutines', { job: 'j' }, [10, 5, 1]);
    const mono = seriesOf('y_total', { job: 'j' }, [1, 2, 3]);
    const input = emptyInput({ series: [c, gauge, mono] });
    const found = counterResetDetector.detect(input, DEFAULT_DETECTOR_OPTIONS);
    expect(found).toHaveLength(1);
    expect(found[0].subject.series?.name).toBe('x_total');
    expect(found[0].evidence.resets).toBe(countResets(c.points, input.range.fromMs, input.range.toMs));
    expect(found[0].evidence.steps).toHaveLength(3);
  });

  it('reports a flagged series it has no raw samples for with Prometheus\' own count', () => {
    const flagged = { name: 'orders_total', labels: { job: 'shop', instance: 'a:1' }, resets: 4 };
    const input = emptyInput({ series: [], counterResets: [flagged] });
    const [a] = counterResetDetector.detect(input, DEFAULT_DETECTOR_OPTIONS);
    expect(a.evidence).toMatchObject({ resets: 4, countedFrom: 'prometheus_resets', steps: [] });
    expect(a.subject.series).toEqual({ name: 'orders_total', labels: flagged.labels });
  });

  it('matches the restart signal by service label when the series have no job/instance', () => {
    const c = seriesOf('jobs_total', { service_name: 'billing' }, [50, 60, 2]);
    const other = seriesOf('process_start_time_seconds', { service_name: 'other' }, [1, 1, 2]);
    const own = seriesOf('process_start_time_seconds', { service_name: 'billing' }, [1, 1, 2]);
    expect(counterResetDetector.detect(emptyInput({ series: [c, other] }), DEFAULT_DETECTOR_OPTIONS)[0].evidence.cause).toBe('non_monotonic');
    expect(counterResetDetector.detect(emptyInput({ series: [c, own] }), DEFAULT_DETECTOR_OPTIONS)[0].evidence.cause).toBe('restart');
  });

  it('carries the raw counter for the sparkline, marking the sample after the drop', () => {
    const input = emptyInput({ series: [counter, pst] });
    const [a] = counterResetDetector.detect(input, DEFAULT_DETECTOR_OPTIONS);
    const { points, markers, spans } = expectDrawableEvidence(a, input.range);
    expect(points).toEqual(counter.points);
    expect(markers).toEqual([Date.parse(a.start)]);
    expect(markers).toEqual([T0 + 60_000]);
    expect(spans).toEqual([]);
    expect(a.evidence).not.toHaveProperty('spans'); // a reset is an instant, not an interval
  });

  it('keeps every drop of a long counter visible in at most 120 points, one marker per reset', () => {
    // 12 h at 15 s with a restart every 2 h: 2,880 samples, 5 resets in the window.
    const values = Array.from({ length: 2880 }, (_, i) => 1000 + (i % 480) * 10);
    const long = seriesOf('http_requests_total', { job: 'j', instance: 'i' }, values);
    const input = emptyInput({ series: [long], range: { fromMs: T0, toMs: T0 + 720 * MIN } });
    const [a, ...rest] = counterResetDetector.detect(input, DEFAULT_DETECTOR_OPTIONS);
    expect(rest).toHaveLength(0);
    expect(a.evidence.resets).toBe(5);
    const { points, markers } = expectDrawableEvidence(a, input.range);
    expect(markers).toHaveLength(5);
    expect(markers[0]).toBe(Date.parse(a.start));
    expect(markers[4]).toBe(Date.parse(a.end!));
    for (const step of a.evidence.steps as { before: { ts: string }; after: { ts: string } }[]) {
      expect(points).toContainEqual([Date.parse(step.before.ts), 1000 + 479 * 10]);
      expect(points).toContainEqual([Date.parse(step.after.ts), 1000]);
    }
  });

  it('keys the record by its series alone, so it keeps its id over any window that shows a reset', () => {
    const [a] = counterResetDetector.detect(emptyInput({ series: [counter, pst] }), DEFAULT_DETECTOR_OPTIONS);
    expect(a.id).toBe(anomalyId('counter_reset', a.subject, null));
  });

  it('gives the same ids on every run and does not mutate its input', () => {
    const input = deepFreeze(emptyInput({ series: [counter, pst] }));
    const first = counterResetDetector.detect(input, DEFAULT_DETECTOR_OPTIONS).map((a) => a.id);
    const second = counterResetDetector.detect(input, DEFAULT_DETECTOR_OPTIONS).map((a) => a.id);
    expect(first).toEqual(second);
    expect(first[0]).toMatch(/^[0-9a-f]{16}$/);
  });
});
