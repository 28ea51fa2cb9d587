import { describe, expect, it } from 'vitest';
import { sparkPath, sparkX } from './sparkline-path';

const box = { width: 100, height: 12, fromMs: 0, toMs: 100 };

describe('sparkPath', () => {
  it('scales time to x and the value range to the height (top = max)', () => {
    expect(sparkPath([[0, 0], [50, 10], [100, 5]], box)).toBe('M0.0,11.0L50.0,1.0L100.0,6.0');
  });

  it('breaks the line at NaN and null so gaps are visible', () => {
    expect(sparkPath([[0, 1], [25, NaN], [50, 2], [75, null], [100, 3]], box).match(/M/g)).toHaveLength(3);
  });

  it('draws a flat series along the bottom without dividing by zero', () => {
    expect(sparkPath([[0, 4], [100, 4]], box)).toBe('M0.0,11.0L100.0,11.0');
  });

  it('is empty when nothing is finite', () => {
    expect(sparkPath([[0, Infinity]], box)).toBe('');
  });

  it('sparkX clamps times outside the window', () => {
    expect(sparkX(-10, box)).toBe(0);
    expect(sparkX(50, box)).toBe(50);
    expect(sparkX(500, box)).toBe(100);
  });
});
