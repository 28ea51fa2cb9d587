import { describe, expect, it } from 'vitest';
import { clockText, isRelativeRange, rangeText, relativeTime, spanText } from './time-text';

const T = Date.parse('2026-03-02T14:25:10.000Z');

describe('time text', () => {
  it('prints the clock in the chosen zone, with the date unless it is the reference day', () => {
    expect(clockText(T, 'Europe/Berlin', T)).toBe('15:25:10 GMT+1');
    expect(clockText(T, 'UTC', T + 3_600_000)).toBe('14:25:10 UTC');
    expect(clockText(T, 'UTC')).toBe('2026-03-02 14:25:10 UTC');
    expect(clockText(T, 'UTC', T + 86_400_000)).toBe('2026-03-02 14:25:10 UTC');
    expect(clockText(NaN, 'UTC')).toBe('—');
  });

  it('prints relative times in the largest sensible unit', () => {
    expect(relativeTime(T, T + 10_000)).toBe('just now');
    expect(relativeTime(T, T + 5 * 60_000)).toBe('5 min ago');
    expect(relativeTime(T, T + 3 * 3_600_000)).toBe('3 h ago');
    expect(relativeTime(T, T + 3 * 86_400_000)).toBe('3 d ago');
    expect(relativeTime(T + 4 * 60_000, T)).toBe('in 4 min');
  });

  it('describes a finding as an interval, a single moment, or ongoing', () => {
    expect(spanText('2026-03-02T14:00:00.000Z', '2026-03-02T14:20:00.000Z', true, 'UTC', T)).toBe('14:00:00 UTC → 14:20:00 UTC');
    expect(spanText('2026-03-02T14:00:00.000Z', undefined, true, 'UTC', T)).toBe('since 14:00:00 UTC (ongoing)');
    expect(spanText('2026-03-02T14:00:00.000Z', undefined, false, 'UTC', T)).toBe('14:00:00 UTC');
  });

  it('describes the checked range', () => {
    expect(rangeText({ from: '2026-03-02T14:00:00.000Z', to: '2026-03-02T15:00:00.000Z' }, 'UTC')).toBe('2026-03-02 14:00:00 → 15:00:00 UTC');
    expect(rangeText({ from: '2026-03-02T14:00:00.000Z', to: '2026-03-02T15:00:00.000Z' }, 'Europe/Berlin')).toBe('2026-03-02 15:00:00 → 16:00:00 GMT+1');
  });

  it('knows a range that follows the clock', () => {
    expect(isRelativeRange(null)).toBe(true);
    expect(isRelativeRange('now')).toBe(true);
    expect(isRelativeRange('2026-03-02T15:00:00Z')).toBe(false);
  });
});
