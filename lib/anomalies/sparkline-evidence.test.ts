import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { downsample, lastSampleTime, MAX_EVIDENCE_POINTS, peakTime } from './sparkline-evidence';
import { seriesOf, T0 } from './test-helpers';

const series = (values: number[]): [number, number][] => values.map((v, i) => [1000 * i, v]);

describe('downsample', () => {
  it('returns a short series whole, non-finite values as null (JSON has no NaN)', () => {
    expect(downsample(series([1, NaN, Infinity, 4]))).toEqual([[0, 1], [1000, null], [2000, null], [3000, 4]]);
  });

  it('keeps a one-sample spike and a one-sample drop of a long series', () => {
    const values = Array.from({ length: 1000 }, (_, i) => 100 + i);
    values[333] = 1e6;
    values[777] = 0;
    const out = downsample(series(values));
    expect(out.length).toBeLessThanOrEqual(MAX_EVIDENCE_POINTS);
    expect(out).toContainEqual([333_000, 1e6]);
    expect(out).toContainEqual([777_000, 0]);
  });

  it('keeps every sample at a marked time, and a gap as a null point', () => {
    const values = Array.from({ length: 600 }, (_, i) => (i >= 200 && i < 260 ? NaN : i % 7));
    const out = downsample(series(values), [5000, 412_000]);
    expect(out).toContainEqual([5000, 5]);
    expect(out).toContainEqual([412_000, 412 % 7]);
    expect(out.some(([t, v]) => v === null && t >= 200_000 && t < 260_000)).toBe(true);
  });

  it('stays within the bound, time-ordered, made of input samples (property)', () => {
    const value = fc.oneof(fc.double({ noNaN: false }), fc.integer());
    fc.assert(
      fc.property(fc.array(value, { maxLength: 800 }), fc.array(fc.nat(900), { maxLength: 200 }), fc.oneof(fc.integer({ min: 2, max: 8 }), fc.integer({ min: 2, max: 200 })), (vals, keep, max) => {
        const input = series(vals);
        const out = downsample(input, keep.map((k) => k * 1000), max);
        expect(out.length).toBeLessThanOrEqual(max);
        for (let i = 1; i < out.length; i++) expect(out[i][0]).toBeGreaterThan(out[i - 1][0]);
        for (const [t, v] of out) {
          const src = input[t / 1000][1];
          expect(v).toBe(Number.isFinite(src) ? src : null);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('peakTime and lastSampleTime', () => {
  it('finds the peak inside the index range only, ignoring NaN', () => {
    expect(peakTime([10, 20, 30, 40], [9, NaN, 5, 7], 1, 3)).toBe(40);
    expect(peakTime([10, 20], [NaN, NaN], 0, 1)).toBeNull();
  });
  it('takes the latest finite sample at or before the end', () => {
    const a = seriesOf('x', {}, [1, 2, NaN]);
    const b = seriesOf('y', {}, [1, 2, 3, 4], T0, 15_000);
    expect(lastSampleTime([a], T0 + 60_000)).toBe(T0 + 30_000);
    expect(lastSampleTime([a, b], T0 + 40_000)).toBe(T0 + 30_000);
    expect(lastSampleTime([a, b], T0 + 60_000)).toBe(T0 + 45_000);
    expect(lastSampleTime([], T0)).toBeNull();
  });
});
