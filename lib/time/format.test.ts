import { describe, expect, it } from 'vitest';
import { formatAxisTick, formatClock, rangePrecision, formatDateTime, formatIso, formatRange, formatRelative, parseWallClock, toWallClockInput, zoneName, zoneOffsetMs } from './format';

const T = Date.parse('2026-12-04T11:54:50.123Z');

describe('one time format', () => {
  it('prints 24-hour ISO-ordered text in UTC, naming the zone', () => {
    expect(formatDateTime(T, 'UTC')).toBe('2026-12-04 11:54:50 UTC');
    expect(formatDateTime(Date.parse('2026-12-04T23:05:00Z'), 'UTC')).toBe('2026-12-04 23:05:00 UTC');
    expect(formatDateTime(T, 'UTC', { precision: 'ms' })).toBe('2026-12-04 11:54:50.123 UTC');
    expect(formatDateTime(T, 'UTC', { precision: 'min', zoneLabel: false })).toBe('2026-12-04 11:54');
  });

  it('prints the same moment in another zone with that zone named, still 24-hour', () => {
    expect(formatDateTime(T, 'America/New_York')).toBe('2026-12-04 06:54:50 EST');
    expect(formatDateTime(Date.parse('2026-12-04T20:00:00Z'), 'Asia/Kolkata')).toBe('2026-12-05 01:30:00 GMT+5:30');
    expect(zoneName(T, 'UTC')).toBe('UTC');
  });

  it('leaves the date out on the reference day of the zone, not of UTC', () => {
    expect(formatDateTime(T, 'UTC', { referenceMs: T + 3_600_000 })).toBe('11:54:50 UTC');
    expect(formatDateTime(T, 'UTC', { referenceMs: T + 86_400_000 })).toBe('2026-12-04 11:54:50 UTC');
    // 23:30 UTC on the 4th is the 5th in Kolkata, as is 01:00 UTC on the 5th.
    const late = Date.parse('2026-12-04T23:30:00Z');
    expect(formatDateTime(late, 'Asia/Kolkata', { referenceMs: Date.parse('2026-12-05T01:00:00Z') })).toBe('05:00:00 GMT+5:30');
    expect(formatDateTime(late, 'UTC', { referenceMs: Date.parse('2026-12-05T01:00:00Z') })).toBe('2026-12-04 23:30:00 UTC');
  });

  it('prints a range with the date and the zone once', () => {
    expect(formatRange(T, T + 3_600_000, 'UTC')).toBe('2026-12-04 11:54:50 → 12:54:50 UTC');
    expect(formatRange(T, T + 86_400_000, 'UTC')).toBe('2026-12-04 11:54:50 → 2026-12-05 11:54:50 UTC');
    const [from, to] = [Date.parse('2026-12-04T09:00:00Z'), Date.parse('2026-12-04T10:30:00Z')];
    expect(formatRange(from, to, 'UTC', rangePrecision(from, to))).toBe('2026-12-04 09:00 → 10:30 UTC');
    expect(rangePrecision(T, T + 60_000)).toBe('s');
  });

  it('shows no time for what is not one, and unknown zones as UTC', () => {
    expect(formatDateTime(NaN, 'UTC')).toBe('—');
    expect(formatClock(Infinity, 'UTC')).toBe('—');
    expect(formatRange(NaN, T, 'UTC')).toBe('—');
    expect(formatIso(null, 'UTC')).toBe('—');
    expect(formatIso('yesterday', 'UTC')).toBe('yesterday');
    expect(formatIso('2027-01-03T13:02:50Z', 'UTC')).toBe('2027-01-03 13:02:50 UTC');
    expect(formatDateTime(T, 'Not/AZone')).toBe('2026-12-04 11:54:50 UTC');
  });

  it('prints just the clock for dense columns', () => {
    expect(formatClock(T, 'UTC')).toBe('11:54:50');
    expect(formatClock(T, 'UTC', 'ms')).toBe('11:54:50.123');
    expect(formatClock(T, 'Europe/Berlin', 'min')).toBe('12:54');
    expect(formatClock(Date.parse('1969-12-31T23:59:59.250Z'), 'UTC', 'ms')).toBe('23:59:59.250');
  });

  it('prints axis ticks as precise as the window needs', () => {
    expect(formatAxisTick(T, 5 * 60_000, 'UTC')).toBe('11:54:50');
    expect(formatAxisTick(T, 3_600_000, 'UTC')).toBe('11:54');
    expect(formatAxisTick(T, 7 * 86_400_000, 'UTC')).toBe('12-04 11:54');
    expect(formatAxisTick(T, 3_600_000, 'Europe/Berlin')).toBe('12:54');
    expect(formatAxisTick(NaN, 3_600_000, 'UTC')).toBe('');
  });

  it('prints relative times in the largest sensible unit', () => {
    expect(formatRelative(T, T + 10_000)).toBe('just now');
    expect(formatRelative(T, T + 5 * 60_000)).toBe('5 min ago');
    expect(formatRelative(T, T + 3 * 3_600_000)).toBe('3 h ago');
    expect(formatRelative(T, T + 3 * 86_400_000)).toBe('3 d ago');
    expect(formatRelative(T + 4 * 60_000, T)).toBe('in 4 min');
  });

  it('round-trips the wall clock of a datetime-local input in the chosen zone, across DST', () => {
    expect(zoneOffsetMs(T, 'Europe/Berlin')).toBe(3_600_000);
    expect(toWallClockInput(T, 'UTC')).toBe('2026-12-04T11:54');
    expect(toWallClockInput(T, 'Europe/Berlin')).toBe('2026-12-04T12:54');
    expect(parseWallClock('2026-12-04T12:54', 'Europe/Berlin')).toBe(Date.parse('2026-12-04T11:54:00Z'));
    expect(parseWallClock('2026-12-04T11:54', 'UTC')).toBe(Date.parse('2026-12-04T11:54:00Z'));
    // Summer time: Berlin is UTC+2 in July; New York's spring-forward night.
    expect(parseWallClock('2026-07-01T12:00', 'Europe/Berlin')).toBe(Date.parse('2026-07-01T10:00:00Z'));
    expect(parseWallClock('2026-03-08T12:00', 'America/New_York')).toBe(Date.parse('2026-03-08T16:00:00Z'));
    expect(parseWallClock('12/04/2026 12:54', 'UTC')).toBeNull();
    expect(parseWallClock('', 'UTC')).toBeNull();
  });
});
