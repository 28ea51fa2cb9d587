import { describe, expect, it } from 'vitest';
import { createShareInput, expiresAtFor, expiresInSchema } from './views';

const NOW = Date.parse('2026-11-23T12:00:00.000Z');

describe('share options', () => {
  it('defaults to a live link that expires in 30 days', () => {
    const input = createShareInput.parse({});
    expect(input).toEqual({ snapshot: false, expiresIn: '30d', pinRange: false });
    expect(expiresAtFor(input.expiresIn, NOW)?.toISOString()).toBe('2026-12-23T12:00:00.000Z');
  });

  it('computes expiry for hours, days, weeks, and none for never', () => {
    expect(expiresAtFor('12h', NOW)?.toISOString()).toBe('2026-11-24T00:00:00.000Z');
    expect(expiresAtFor('1d', NOW)?.toISOString()).toBe('2026-11-24T12:00:00.000Z');
    expect(expiresAtFor('2w', NOW)?.toISOString()).toBe('2026-12-07T12:00:00.000Z');
    expect(expiresAtFor('never', NOW)).toBeNull();
  });

  it('rejects zero, absurd and unknown durations', () => {
    for (const bad of ['0d', '9999d', '7x', 'forever', '-1d', '']) expect(expiresInSchema.safeParse(bad).success, bad).toBe(false);
  });
});
