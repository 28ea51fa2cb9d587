import { describe, expect, it } from 'vitest';
import { describeRelative, parseRange, parseTime, rfc3339Formatter, TimeRangeError, toRfc3339 } from './range';

const NOW = Date.parse('2026-11-23T12:00:00.000Z');

describe('parseTime', () => {
  it('parses Grafana-style relative times against the given now', () => {
    expect(parseTime('now', NOW)).toBe(NOW);
    expect(parseTime('now-1h', NOW)).toBe(NOW - 3_600_000);
    expect(parseTime('now-15m', NOW)).toBe(NOW - 900_000);
    expect(parseTime('now-7d', NOW)).toBe(NOW - 7 * 86_400_000);
    expect(parseTime('now+5m', NOW)).toBe(NOW + 300_000);
  });
  it('parses RFC3339 with and without fractions and offsets', () => {
    expect(parseTime('2026-11-23T11:00:00Z', NOW)).toBe(NOW - 3_600_000);
    expect(parseTime('2026-11-23T11:00:00.250Z', NOW)).toBe(NOW - 3_600_000 + 250);
    expect(parseTime('2026-11-23T13:00:00+02:00', NOW)).toBe(NOW - 3_600_000);
  });
  it('parses unix seconds, with fractions rounded to ms', () => {
    expect(parseTime('1719990000', NOW)).toBe(1719990000_000);
    expect(parseTime('1719990000.1234', NOW)).toBe(1719990000_123);
  });
  it('rejects garbage with a message naming the parameter', () => {
    for (const bad of ['yesterday', 'now-1x', '2026-13-45', '', 'now-', '1e9', '2026-11-23 11:00:00']) {
      expect(() => parseTime(bad, NOW, 'from')).toThrow(TimeRangeError);
    }
    expect(() => parseTime('yesterday', NOW, 'from')).toThrow(/from "yesterday" is not a time/);
  });
});

describe('parseRange', () => {
  it('defaults to the last hour', () => {
    expect(parseRange(undefined, undefined, NOW)).toEqual({ fromMs: NOW - 3_600_000, toMs: NOW });
  });
  it('rejects inverted, empty and over-long ranges', () => {
    expect(() => parseRange('now', 'now-1h', NOW)).toThrow(/must be after/);
    expect(() => parseRange('now', 'now', NOW)).toThrow(/must be after/);
    expect(() => parseRange('now-40d', 'now', NOW)).toThrow(/30 days/);
  });
});

describe('describeRelative', () => {
  it('labels presets for the picker', () => {
    expect(describeRelative('now-1h')).toBe('Last 1 hour');
    expect(describeRelative('now-15m')).toBe('Last 15 minutes');
    expect(describeRelative('2026-01-01T00:00:00Z')).toBeNull();
  });
});

describe('rfc3339Formatter', () => {
  it('writes exactly what toRfc3339 writes, for times close together and far apart', () => {
    const format = rfc3339Formatter();
    const base = Date.UTC(2026, 10, 23, 23, 59, 58, 990);
    const times = [base, base + 1, base + 9, base + 10, base + 99.7, base + 1_000, base + 2_010, 0, 1, 999, 951_782_400_000, 253_402_300_799_999, -1, 253_402_300_800_000];
    for (let i = 0; i < 2_000; i++) times.push(base + i * 7.3);
    for (const t of times) expect(format(t)).toBe(toRfc3339(t));
  });
});
