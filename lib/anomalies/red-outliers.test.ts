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

describe('RED families beyond HTTP', () => {
  const grpc = { job: 'ledger', instance: 'l-0:9090' };
  const series = () => [
    counterFromRate('grpc_server_handled_total', { ...grpc, grpc_service: 'Ledger', grpc_code: 'OK' }, () => 30),
    counterFromRate('grpc_server_handled_total', { ...grpc, grpc_service: 'Ledger', grpc_code: 'NotFound' }, () => 3),
    counterFromRate('grpc_server_handled_total', { ...grpc, grpc_service: 'Ledger', grpc_code: 'Unavailable' }, (t) => (episode(t) ? 8 : 0.01)),
    ...([['0.05', 0.95, 0.05], ['0.5', 1, 0.5], ['5', 1, 1], ['+Inf', 1, 1]] as const).map(([le, normal, bad]) =>
      counterFromRate('grpc_server_handling_seconds_bucket', { ...grpc, le }, (t) => 33 * (episode(t) ? bad : normal)),
    ),
  ];

  it('reads gRPC server failures (not client-side codes such as NotFound) as an error burst', () => {
    const [a] = errorBurstDetector.detect(emptyInput({ series: series() }), OPTS);
    expect(a.service).toBe('ledger');
    expect((a.evidence as { peakErrorShare: number }).peakErrorShare).toBeGreaterThan(0.15);
    expect((a.evidence as { baselineErrorShare: number }).baselineErrorShare).toBeLessThan(0.01); // NotFound is not a failure
    expect(a.links[0].href).toContain('grpc_server_handled_total');
  });

  it('reads the gRPC handling-time histogram as a latency spike', () => {
    const [a] = latencySpikeDetector.detect(emptyInput({ series: series() }), OPTS);
    expect(a.service).toBe('ledger');
    expect(a.links[0].href).toContain('grpc_server_handling_seconds_bucket');
  });

  it('reads a family named only in configuration', () => {
    const own = { requests: 'shop_calls_total', errorLabel: 'outcome', errorValues: 'fail|timeout', latency: null };
    const input = emptyInput({
      series: [
        counterFromRate('shop_calls_total', { job: 'shop', outcome: 'ok' }, () => 20),
        counterFromRate('shop_calls_total', { job: 'shop', outcome: 'timeout' }, (t) => (episode(t) ? 7 : 0.01)),
      ],
    });
    expect(errorBurstDetector.detect(input, OPTS)).toEqual([]);
    const [a] = errorBurstDetector.detect(input, { ...OPTS, red: { ...OPTS.red, families: [...OPTS.red.families, own] } });
    expect(a.service).toBe('shop');
  });
});
