import { describe, expect, it } from 'vitest';
import { errorBurstDetector, latencySpikeDetector } from './red-outliers';
import { counterFromRate, deepFreeze, emptyInput, expectDrawableEvidence, MIN, prng, T0 } from './test-helpers';
import { DEFAULT_DETECTOR_OPTIONS as OPTS } from './types';

const svc = { job: 'checkout', instance: 'c-1:8080', service: 'checkout' };
const episode = (t: number) => t > 40 * MIN && t <= 48 * MIN;

function traffic(okRate: (t: number) => number, errRate: (t: number) => number, slow: (t: number) => boolean) {
  return [
    counterFromRate('http_requests_total', { ...svc, code: '200' }, okRate),
    counterFromRate('http_requests_total', { ...svc, code: '503' }, errRate),
    ...([['0.05', 0.9, 0.1], ['0.25', 0.995, 0.3], ['2', 1, 0.95], ['+Inf', 1, 1]] as const).map(([le, normal, bad]) =>
      counterFromRate('http_request_duration_seconds_bucket', { ...svc, le }, (t) => (okRate(t) + errRate(t)) * (slow(t) ? bad : normal)),
    ),
  ];
}

describe('error_burst', () => {
  it('flags a burst of 5xx against the service\'s own baseline, with start and end', () => {
    const input = emptyInput({ series: traffic(() => 20, (t) => (episode(t) ? 6 : 0.02), () => false) });
    const [a] = errorBurstDetector.detect(input, OPTS);
    expect(a.kind).toBe('error_burst');
    expect(a.service).toBe('checkout');
    expect(Math.abs(Date.parse(a.start) - (T0 + 40 * MIN))).toBeLessThanOrEqual(2 * MIN);
    expect(a.end).toBeDefined();
    expect((a.evidence as { peakErrorShare: number }).peakErrorShare).toBeGreaterThan(0.2);
    expect(a.severity).toBe('critical');
  });

  it('plots the error share, marks its peak and shades the burst', () => {
    const input = emptyInput({ series: traffic(() => 20, (t) => (episode(t) ? 6 : 0.02), () => false) });
    const [a] = errorBurstDetector.detect(input, OPTS);
    const { points, markers, spans } = expectDrawableEvidence(a, input.range);
    expect(spans).toEqual([[Date.parse(a.start), Date.parse(a.end!)]]);
    expect(markers).toHaveLength(1);
    expect(markers[0]).toBeGreaterThanOrEqual(spans[0][0]);
    expect(markers[0]).toBeLessThanOrEqual(spans[0][1]);
    expect(points.find(([t]) => t === markers[0])?.[1]).toBe(a.evidence.peakErrorShare);
    const quiet = points.filter(([t, v]) => v !== null && t < T0 + 38 * MIN);
    expect(quiet.length).toBeGreaterThan(10);
    expect(Math.max(...quiet.map(([, v]) => v!))).toBeLessThan(0.01);
  });

  it('shades an ongoing burst up to the last sample', () => {
    const input = emptyInput({ series: traffic(() => 20, (t) => (t > 50 * MIN ? 6 : 0.02), () => false), range: { fromMs: T0, toMs: T0 + 60 * MIN + 30_000 } });
    const [a] = errorBurstDetector.detect(input, OPTS);
    expect(a.end).toBeUndefined();
    expect(expectDrawableEvidence(a, input.range).spans).toEqual([[Date.parse(a.start), T0 + 60 * MIN]]);
  });

  it('stays quiet for a tiny service with a handful of errors and for steady noise', () => {
    const tiny = emptyInput({ series: traffic(() => 0.05, (t) => (episode(t) ? 0.01 : 0), () => false) });
    expect(errorBurstDetector.detect(tiny, OPTS)).toEqual([]);
    const rnd = prng(3);
    const noisy = Array.from({ length: 241 }, () => 2 + rnd() * 2); // 9–17 % share, every point
    const steady = emptyInput({ series: traffic(() => 20, (t) => noisy[Math.round(t / 15_000)], () => false) });
    expect(errorBurstDetector.detect(steady, OPTS)).toEqual([]);
  });
});

describe('latency_spike', () => {
  it('flags p99 jumping well above the baseline and not the error detector', () => {
    const input = deepFreeze(emptyInput({ series: traffic(() => 20, () => 0, episode) }));
    const [a] = latencySpikeDetector.detect(input, OPTS);
    expect(a.kind).toBe('latency_spike');
    expect((a.evidence as { baselineP99Ms: number }).baselineP99Ms).toBeLessThan(250);
    expect((a.evidence as { peakP99Ms: number }).peakP99Ms).toBeGreaterThan(1000);
    expect(a.id).toBe(latencySpikeDetector.detect(input, OPTS)[0].id);
    expect(errorBurstDetector.detect(input, OPTS)).toEqual([]);
  });
  it('plots the p99 latency, marks its peak and shades the spike', () => {
    const input = emptyInput({ series: traffic(() => 20, () => 0, episode) });
    const [a] = latencySpikeDetector.detect(input, OPTS);
    const { points, markers, spans } = expectDrawableEvidence(a, input.range);
    expect(spans).toEqual([[Date.parse(a.start), Date.parse(a.end!)]]);
    expect(markers).toHaveLength(1);
    expect(points.find(([t]) => t === markers[0])?.[1]).toBe(a.evidence.peakP99Ms);
    expect(a.evidence.ratio).toBeCloseTo((a.evidence.peakP99Ms as number) / (a.evidence.baselineP99Ms as number));
  });

  it('does not flag a steady latency profile', () => {
    expect(latencySpikeDetector.detect(emptyInput({ series: traffic(() => 20, () => 0, () => false) }), OPTS)).toEqual([]);
  });
});
