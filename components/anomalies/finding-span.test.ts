import { describe, expect, it } from 'vitest';
import { findingSpanText } from './finding-span';

const T = Date.parse('2026-03-02T14:25:10.000Z');

describe('findingSpanText', () => {
  it('describes a finding as an interval, a single moment, or ongoing', () => {
    expect(findingSpanText('2026-03-02T14:00:00.000Z', '2026-03-02T14:20:00.000Z', true, 'UTC', T)).toBe('14:00:00 UTC → 14:20:00 UTC');
    expect(findingSpanText('2026-03-02T14:00:00.000Z', '2026-03-02T14:00:00.000Z', true, 'UTC', T)).toBe('14:00:00 UTC');
    expect(findingSpanText('2026-03-02T14:00:00.000Z', undefined, true, 'UTC', T)).toBe('since 14:00:00 UTC (ongoing)');
    expect(findingSpanText('2026-03-02T14:00:00.000Z', undefined, false, 'UTC', T)).toBe('14:00:00 UTC');
  });

  it('prints in the chosen zone, with the date when it is not the reference day there', () => {
    expect(findingSpanText('2026-03-02T14:00:00.000Z', undefined, false, 'Europe/Berlin', T)).toBe('15:00:00 GMT+1');
    expect(findingSpanText('2026-03-02T14:00:00.000Z', undefined, false, 'UTC', T + 86_400_000)).toBe('2026-03-02 14:00:00 UTC');
  });
});
