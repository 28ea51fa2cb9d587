import { describe, expect, it } from 'vitest';
import { ANOMALY_KINDS } from '../model/anomaly';
import { anomalyId, canonicalJson, fnv1a64 } from './ids';
import { DETECTORS, mergeDetectorRuns, OTHER_DETECTOR_KINDS, runDetectors, SERIES_DETECTOR_KINDS } from './index';
import { child, counterFromRate, emptyInput, logLine, MIN, seriesOf, span, T0, traceOf } from './test-helpers';
import type { Detector } from './types';

describe('anomalyId', () => {
  it('is a 16-hex FNV-1a 64 hash, insensitive to key order, sensitive to kind/subject/start/service', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    const s1 = { series: { name: 'x_total', labels: { a: '1', b: '2' } } };
    const s2 = { series: { labels: { b: '2', a: '1' }, name: 'x_total' } };
    expect(canonicalJson(s1)).toBe(canonicalJson(s2));
    expect(anomalyId('counter_reset', s1, 1)).toBe(anomalyId('counter_reset', s2, 1));
    expect(anomalyId('counter_reset', s1, 1)).not.toBe(anomalyId('counter_reset', s1, 2));
    expect(anomalyId('counter_reset', s1, 1)).not.toBe(anomalyId('leak', s1, 1));
    expect(anomalyId('leak', {}, 1, 'a')).not.toBe(anomalyId('leak', {}, 1, 'b'));
  });
});

function incidentInput() {
  const labels = { job: 'payment-gateway', instance: 'p:1', service: 'payment-gateway' };
  const root = span('c'.repeat(32), { service: 'order-service', durMs: 100 });
  const orphan = span('c'.repeat(32), { service: 'order-service', kind: 'internal', parentSpanId: 'dddddddddddddddd', startMs: 500 });
  return emptyInput({
    series: [
      seriesOf('http_requests_total', labels, [100, 200, 5, 50]),
      counterFromRate('go_gc_duration_seconds_count', { job: 'risk-engine', instance: 'r:1' }, (t) => (t > 20 * MIN && t <= 30 * MIN ? 40 : 0.2)),
    ],
    traces: [traceOf([root, child(root, { service: 'order-service', startMs: 10 }), orphan])],
    logs: Array.from({ length: 25 }, (_, i) => logLine('order-service', T0 + i * 1000, null)),
  });
}

describe('runDetectors', () => {
  it('registers one detector per anomaly kind', () => {
    expect(DETECTORS.map((d) => d.kind).sort()).toEqual([...ANOMALY_KINDS].sort());
  });

  it('sorts severity first then start, and filters by kind and service', () => {
    const { anomalies, errors } = runDetectors(incidentInput());
    expect(errors).toEqual([]);
    const kinds = new Set(anomalies.map((a) => a.kind));
    for (const k of ['counter_reset', 'gc_storm', 'orphan_span', 'log_without_trace_context'] as const) expect(kinds).toContain(k);
    const ranks = anomalies.map((a) => ['info', 'warning', 'critical'].indexOf(a.severity));
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    expect(runDetectors(incidentInput(), {}, { kinds: ['gc_storm'] }).anomalies.every((a) => a.kind === 'gc_storm')).toBe(true);
    expect(runDetectors(incidentInput(), {}, { services: ['order-service'] }).anomalies.every((a) => a.service === 'order-service')).toBe(true);
  });

  it('gives the same findings when the series detectors run apart from the rest, on series alone', () => {
    const input = incidentInput();
    const seriesOnly = runDetectors({ ...emptyInput({ series: input.series }), range: input.range, nowMs: input.nowMs }, {}, { kinds: SERIES_DETECTOR_KINDS });
    const rest = runDetectors(input, {}, { kinds: OTHER_DETECTOR_KINDS });
    expect(mergeDetectorRuns(seriesOnly, rest)).toEqual(runDetectors(input));
    expect([...SERIES_DETECTOR_KINDS, ...OTHER_DETECTOR_KINDS].sort()).toEqual([...ANOMALY_KINDS].sort());
  });

  it('reports a detector that throws and still returns the others, deduplicated by id', () => {
    const broken: Detector = { kind: 'leak', detect: () => { throw new Error('boom'); } };
    const twice = DETECTORS.find((d) => d.kind === 'counter_reset')!;
    const { anomalies, errors } = runDetectors(incidentInput(), {}, {}, [broken, twice, twice]);
    expect(errors).toEqual([{ kind: 'leak', message: 'boom' }]);
    expect(anomalies).toHaveLength(1);
    expect(anomalies[0].kind).toBe('counter_reset');
  });

  it('applies partial options over the defaults', () => {
    const strict = runDetectors(incidentInput(), { logs: { minShare: 1.1 } }, { kinds: ['log_without_trace_context'] });
    expect(strict.anomalies).toEqual([]);
  });
});
