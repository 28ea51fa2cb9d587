import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isLeakCandidate, leakDetector } from './leak';
import { deepFreeze, emptyInput, expectDrawableEvidence, prng, seriesOf } from './test-helpers';
import { DEFAULT_DETECTOR_OPTIONS as OPTS } from './types';

const labels = { job: 'worker', instance: 'w-1:9100', service: 'worker' };
const N = 240; // one hour at 15 s

describe('leak', () => {
  it('flags goroutines rising steadily with noise and no plateau', () => {
    const rnd = prng(7);
    const values = Array.from({ length: N }, (_, i) => 200 + i * 2 + (rnd() - 0.5) * 20);
    const [a] = leakDetector.detect(emptyInput({ series: [seriesOf('go_goroutines', labels, values)] }), OPTS);
    expect(a.kind).toBe('leak');
    expect(a.service).toBe('worker');
    expect(a.title).toBe('worker (w-1:9100): goroutines rising steadily');
    expect((a.evidence as { perHour: number }).perHour).toBeGreaterThan(400);
    expect(a.explanation).toMatch(/no plateau/);
  });

  it('counts the samples in pointCount and plots the gauge itself, at most 120 points', () => {
    const rnd = prng(11);
    const values = Array.from({ length: N }, (_, i) => 200 + i * 2 + (rnd() - 0.5) * 20);
    const gauge = seriesOf('go_goroutines', labels, values);
    const input = emptyInput({ series: [gauge] });
    const [a] = leakDetector.detect(input, OPTS);
    expect(a.evidence.pointCount).toBe(N);
    const { points, markers, spans } = expectDrawableEvidence(a, input.range);
    expect(points.length).toBeLessThan(N);
    expect(points[0][0]).toBe(Date.parse(a.start));
    const source = new Map(gauge.points);
    for (const [t, v] of points) expect(v).toBe(source.get(t));
    expect(points).toContainEqual(gauge.points.reduce((m, p) => (p[1] > m[1] ? p : m)));
    // A leak is the whole trend: nothing to mark or shade, the line says it.
    expect(markers).toEqual([]);
    expect(spans).toEqual([]);
    expect(a.evidence).not.toHaveProperty('markers');
  });

  it('does not flag a gauge that rose and then plateaued in the last third', () => {
    const values = Array.from({ length: N }, (_, i) => 200 + Math.min(i, 140) * 2);
    expect(leakDetector.detect(emptyInput({ series: [seriesOf('go_goroutines', labels, values)] }), OPTS)).toEqual([]);
  });

  it('does not flag a small rise relative to the level (heap at 1 GB growing by 2 %)', () => {
    const values = Array.from({ length: N }, (_, i) => 1e9 + i * 1e5);
    expect(leakDetector.detect(emptyInput({ series: [seriesOf('go_memstats_heap_inuse_bytes', labels, values)] }), OPTS)).toEqual([]);
  });

  it('never flags healthy noisy-flat gauges (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.double({ min: 1, max: 1e9, noNaN: true }),
        fc.double({ min: 0, max: 0.9, noNaN: true }),
        fc.integer({ min: 10, max: 400 }),
        (seed, level, relNoise, n) => {
          const rnd = prng(seed);
          const values = Array.from({ length: n }, () => level * (1 + (rnd() - 0.5) * relNoise));
          expect(leakDetector.detect(emptyInput({ series: [seriesOf('go_goroutines', labels, values)] }), OPTS)).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('only considers resource gauges, never counters', () => {
    expect(isLeakCandidate('go_goroutines')).toBe(true);
    expect(isLeakCandidate('process_open_fds')).toBe(true);
    expect(isLeakCandidate('jvm_threads_live_threads')).toBe(true);
    expect(isLeakCandidate('http_requests_total')).toBe(false);
    const rising = Array.from({ length: N }, (_, i) => i * 10);
    expect(leakDetector.detect(emptyInput({ series: [seriesOf('go_memstats_alloc_bytes_total', labels, rising)] }), OPTS)).toEqual([]);
  });

  it('is deterministic and does not mutate its input', () => {
    const values = Array.from({ length: N }, (_, i) => 100 + i);
    const input = deepFreeze(emptyInput({ series: [seriesOf('process_open_fds', labels, values)] }));
    const a = leakDetector.detect(input, OPTS);
    expect(a).toHaveLength(1);
    expect(leakDetector.detect(input, OPTS)).toEqual(a);
  });
});
