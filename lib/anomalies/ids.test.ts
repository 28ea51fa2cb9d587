import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Anomaly } from '../model/anomaly';
import { anomalyId, conditionId, distinctEpisodeIds, eventId, fnv1a64 } from './ids';
import { errorBurstDetector } from './red-outliers';
import { counterFromRate, emptyInput, MIN, T0 } from './test-helpers';
import { DEFAULT_DETECTOR_OPTIONS as OPTS } from './types';

const series = { series: { name: 'go_goroutines', labels: { instance: 'w:1' } } };

describe('eventId and conditionId', () => {
  it('keys an event by its time and a condition by kind, subject and service only', () => {
    expect(eventId('counter_reset', series, 1000)).toBe(anomalyId('counter_reset', series, 1000));
    expect(eventId('counter_reset', series, 1000)).not.toBe(eventId('counter_reset', series, 1001));
    expect(conditionId('leak', series)).toBe(anomalyId('leak', series, null));
    expect(conditionId('leak', series)).not.toBe(eventId('leak', series, 0));
    expect(conditionId('error_burst', {}, 'checkout')).not.toBe(conditionId('error_burst', {}, 'billing'));
    expect(conditionId('error_burst', {}, 'checkout')).not.toBe(conditionId('latency_spike', {}, 'checkout'));
  });
});

const episodeAt = (startMs: number): Anomaly => ({
  id: conditionId('gc_storm', series, 'worker'),
  kind: 'gc_storm',
  severity: 'warning',
  title: 'GC storm',
  explanation: '',
  service: 'worker',
  start: new Date(startMs).toISOString(),
  subject: series,
  evidence: {},
  links: [],
});

describe('distinctEpisodeIds', () => {
  it('lets the earliest episode keep the condition id and gives each later one the event id of its start, in list order', () => {
    const late = episodeAt(T0 + 40 * MIN);
    const early = episodeAt(T0 + 10 * MIN);
    const out = distinctEpisodeIds([late, early]);
    expect(out.map((a) => a.start)).toEqual([late.start, early.start]);
    expect(out[1].id).toBe(conditionId('gc_storm', series, 'worker'));
    expect(out[0].id).toBe(eventId('gc_storm', series, T0 + 40 * MIN, 'worker'));
  });

  it('leaves findings with different ids alone', () => {
    const other = { ...episodeAt(T0), id: conditionId('gc_storm', {}, 'api') };
    const one = episodeAt(T0 + MIN);
    expect(distinctEpisodeIds([other, one])).toEqual([other, one]);
  });

  it('keeps two separate error bursts of one service in one window as two findings', () => {
    const svc = { job: 'checkout', instance: 'c-1:8080', service: 'checkout' };
    const burst = (t: number) => (t > 10 * MIN && t <= 18 * MIN) || (t > 40 * MIN && t <= 48 * MIN);
    const input = emptyInput({
      series: [
        counterFromRate('http_requests_total', { ...svc, code: '200' }, () => 20),
        counterFromRate('http_requests_total', { ...svc, code: '503' }, (t) => (burst(t) ? 6 : 0.02)),
      ],
    });
    const found = errorBurstDetector.detect(input, OPTS);
    expect(found).toHaveLength(2);
    const [first, second] = [...found].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
    expect(first.id).toBe(conditionId('error_burst', {}, 'checkout'));
    expect(second.id).toBe(eventId('error_burst', {}, Date.parse(second.start), 'checkout'));
  });
});

describe('fnv1a64', () => {
  /** The textbook definition, in BigInt. */
  function reference(text: string): string {
    let h = 0xcbf29ce484222325n;
    for (const byte of new TextEncoder().encode(text)) h = ((h ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
    return h.toString(16).padStart(16, '0');
  }
  it('equals the BigInt definition on known and arbitrary strings (ids must never change)', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => fnv1a64(s) === reference(s)), { numRuns: 500 });
  }, 30_000); // the BigInt reference is slow on a loaded machine; this guards ids, not speed
});
