import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Exemplar } from '../model/types';
import { runDetectors } from './index';
import { jsonSafe } from './json-safe';
import { child, counterFromRate, emptyInput, logLine, MIN, seriesOf, span, T0, traceOf } from './test-helpers';

const roundTrip = <T>(x: T): unknown => JSON.parse(JSON.stringify(x));

describe('jsonSafe', () => {
  it('turns what JSON cannot carry into what JSON.stringify would have written', () => {
    const out = jsonSafe({ a: NaN, b: Infinity, c: -Infinity, d: -0, e: undefined, f: [1, undefined, NaN], g: new Date(T0), h: 10n, i: () => 1 });
    expect(out).toStrictEqual({ a: null, b: null, c: null, d: 0, f: [1, null, null], g: new Date(T0).toISOString(), h: '10' });
  });

  it('keeps a "__proto__" key as data', () => {
    const hostile = JSON.parse('{"__proto__": {"polluted": 1}}') as Record<string, unknown>;
    const out = jsonSafe(hostile) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('property: any value inside a record (as evidence is) comes out JSON round-trip stable', () => {
    fc.assert(fc.property(fc.anything({ withBigInt: true, withDate: true, withNullPrototype: true, withSparseArray: true }), (x) => {
      const safe = jsonSafe({ x });
      expect(roundTrip(safe)).toStrictEqual(safe);
    }));
  });

  it('property: leaves values JSON itself produced unchanged', () => {
    fc.assert(fc.property(fc.jsonValue(), (x) => {
      const parsed = roundTrip(x);
      expect(jsonSafe(parsed)).toStrictEqual(parsed);
    }));
  });
});

describe('runDetectors output', () => {
  const MISSING = 'e'.repeat(32);
  const hostileNumber = fc.oneof(fc.constantFrom(NaN, Infinity, -Infinity, -0, 0, Number.MAX_VALUE), fc.double());

  /** An incident touching every detector family, with non-finite numbers wherever data can carry them. */
  function hostileInput(exemplarValue: number, gaugeNoise: number, spike: number) {
    const root = span('c'.repeat(32), { service: 'order-service', durMs: 100 });
    const orphan = span('c'.repeat(32), { service: 'order-service', kind: 'internal', parentSpanId: 'dddddddddddddddd', startMs: 500 });
    const exemplar: Exemplar = { seriesLabels: { __name__: 'http_request_duration_seconds_bucket', service: 'risk-engine' }, labels: { trace_id: MISSING }, traceId: MISSING, spanId: null, value: exemplarValue, tsMs: T0 + 20 * MIN };
    const leak = Array.from({ length: 240 }, (_, i) => (i === 120 ? gaugeNoise : 100 + i));
    return emptyInput({
      series: [
        seriesOf('http_requests_total', { job: 'payment-gateway', instance: 'p:1' }, [100, 200, spike, 5, 50]),
        seriesOf('go_goroutines', { job: 'worker', instance: 'w:1' }, leak),
        counterFromRate('go_gc_duration_seconds_count', { job: 'risk-engine', instance: 'r:1' }, (t) => (t > 20 * MIN && t <= 30 * MIN ? 40 : 0.2)),
      ],
      traces: [traceOf([root, child(root, { service: 'order-service', startMs: 10 }), orphan])],
      logs: Array.from({ length: 25 }, (_, i) => logLine('order-service', T0 + i * 1000, null)),
      exemplars: [exemplar],
      missingTraceIds: [MISSING],
    });
  }

  it('a NaN exemplar value reaches the client as null', () => {
    const { anomalies } = runDetectors(hostileInput(NaN, 5, 300), {}, { kinds: ['missing_trace'] });
    expect(anomalies).toHaveLength(1);
    expect((anomalies[0].evidence.exemplars as { value: unknown }[])[0].value).toBeNull();
  });

  it('property: every finding survives JSON.parse(JSON.stringify(a)) unchanged', () => {
    fc.assert(
      fc.property(hostileNumber, hostileNumber, hostileNumber, (exemplarValue, gaugeNoise, spike) => {
        const { anomalies, errors } = runDetectors(hostileInput(exemplarValue, gaugeNoise, spike));
        expect(errors).toEqual([]);
        expect(anomalies.length).toBeGreaterThan(0);
        for (const a of anomalies) expect(roundTrip(a)).toStrictEqual(a);
      }),
      { numRuns: 60 },
    );
  });
});
