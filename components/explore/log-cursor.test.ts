import { describe, expect, it } from 'vitest';
import { cursorRow, cursorTolerance, parseCursor } from './log-cursor';

describe('cursorRow', () => {
  const times = [10_000, 8_000, 5_000, 1_000]; // newest first
  it('places the cursor line before the first entry at or before the cursor', () => {
    expect(cursorRow(times, 8_500, 1_000)).toBe(1);
    expect(cursorRow(times, 8_000, 0)).toBe(1);
    expect(cursorRow(times, 12_000, 5_000)).toBe(0);
    expect(cursorRow(times, 900, 500)).toBe(4);
  });
  it('draws no cursor line when no entry is near, or without a cursor', () => {
    expect(cursorRow(times, 3_000, 1_000)).toBeNull();
    expect(cursorRow(times, null, 1_000)).toBeNull();
    expect(cursorRow([], 3_000, 1_000)).toBeNull();
  });
  it('tolerates one step or 1/200 of the range, whichever is larger', () => {
    expect(cursorTolerance(0, 3_600_000, 15)).toBe(18_000);
    expect(cursorTolerance(0, 3_600_000, 60)).toBe(60_000);
    expect(cursorTolerance(0, 3_600_000, null)).toBe(18_000);
  });
  it('reads only a plain millisecond cursor from the URL', () => {
    expect(parseCursor('1719990000123')).toBe(1719990000123);
    expect(parseCursor('now')).toBeNull();
    expect(parseCursor(null)).toBeNull();
  });
});
