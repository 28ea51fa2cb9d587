import { describe, expect, it } from 'vitest';
import type { ApiMetric } from '@/lib/api/types';
import { formatValue, toChartData, typicalStep, valueExtent } from './chart-data';

const metric = (points: [number, number | null][], labels: Record<string, string> = {}): ApiMetric => ({ name: 'm', labels, points });

describe('toChartData', () => {
  it('merges series on their timestamps into one row per time', () => {
    const d = toChartData([metric([[0, 1], [10, 2]]), metric([[0, 5], [10, 6]])], 0, 10);
    expect(d.rows).toEqual([{ t: 0, s0: 1, s1: 5 }, { t: 10, s0: 2, s1: 6 }]);
    expect(d.keys).toEqual(['s0', 's1']);
  });

  it('turns NaN and null samples into gaps', () => {
    const d = toChartData([metric([[0, 1], [10, NaN], [20, null], [30, 4]])], 0, 30);
    expect(d.rows.map((r) => r.s0)).toEqual([1, null, null, 4]);
  });

  it('inserts a gap where samples are missing from the regular step', () => {
    const d = toChartData([metric([[0, 1], [10, 1], [20, 1], [60, 1], [70, 1]])], 0, 70);
    expect(d.rows.map((r) => [r.t, r.s0])).toEqual([[0, 1], [10, 1], [20, 1], [30, null], [60, 1], [70, 1]]);
  });

  it('clips ±Inf to the finite range and counts them', () => {
    const d = toChartData([metric([[0, 1], [10, Infinity], [20, -Infinity], [30, 3]])], 0, 30);
    expect(d.rows.map((r) => r.s0)).toEqual([1, 3, 1, 3]);
    expect(d.clippedInfinite).toBe(2);
    expect([d.yMin, d.yMax]).toEqual([1, 3]);
  });

  it('drops samples outside the window', () => {
    const d = toChartData([metric([[0, 1], [10, 2], [20, 3]])], 5, 15);
    expect(d.rows).toEqual([{ t: 10, s0: 2 }]);
  });

  it('marks a series absent at another series\' timestamp as a gap', () => {
    const d = toChartData([metric([[0, 1], [10, 2]]), metric([[10, 7]])], 0, 10);
    expect(d.rows[0]).toEqual({ t: 0, s0: 1, s1: null });
  });

  it('has no value range when nothing finite is plotted', () => {
    const d = toChartData([metric([[0, NaN]])], 0, 10);
    expect([d.yMin, d.yMax]).toEqual([null, null]);
  });
});

describe('chart labels', () => {
  it('typicalStep is the median spacing', () => {
    expect(typicalStep([metric([[0, 1], [15, 1], [30, 1], [90, 1]])])).toBe(15);
    expect(typicalStep([metric([[0, 1]])])).toBeNull();
  });

  it('valueExtent covers only the visible series and says whether every value is whole', () => {
    const ser = [metric([[0, 1], [10, 3]]), metric([[0, 0.5], [10, 100]])];
    expect(valueExtent(ser, 0, 10, null)).toEqual({ min: 0.5, max: 100, integers: false });
    expect(valueExtent(ser, 0, 10, new Set([0]))).toEqual({ min: 1, max: 3, integers: true });
    expect(valueExtent(ser, 20, 30, null)).toBeNull();
  });

  it('formatValue writes bytes per second with binary prefixes like the axis', () => {
    expect(formatValue(2048, 'bytes/s')).toBe('2 KiB/s');
    expect(formatValue(12.5, '%')).toBe('12.5 %');
  });

  it('formatValue uses the unit', () => {
    expect(formatValue(0.25, 's')).toBe('250 ms');
    expect(formatValue(1500, 'ms')).toBe('1.5 s');
    expect(formatValue(1536, 'bytes')).toBe('1.5 KiB');
    expect(formatValue(0.123, 'ratio')).toBe('12 %');
    expect(formatValue(12_345, 'req/s')).toBe('12.3k req/s');
    expect(formatValue(NaN)).toBe('–');
    expect(formatValue(-Infinity)).toBe('-Inf');
  });
});

describe('formatValue with the units the metric templates use', () => {
  it('shortens seconds, request rates and op rates, and keeps tiny ratios readable', () => {
    expect(formatValue(0.25, 'seconds')).toBe('250 ms');
    expect(formatValue(16.9, 'reqps')).toBe('16.9 req/s');
    expect(formatValue(0.09, 'ops')).toBe('0.09/s');
    expect(formatValue(0.0004, 'ratio')).toBe('0.04 %');
    expect(formatValue(3, 'count')).toBe('3');
  });
});
