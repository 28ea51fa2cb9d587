import { describe, expect, it } from 'vitest';
import { levelOfSeries, volumeByLevel } from './log-volume-model';

describe('levelOfSeries', () => {
  it('reads the level from whichever level label the streams carry, normalized', () => {
    expect(levelOfSeries({ level: 'ERR' })).toBe('error');
    expect(levelOfSeries({ detected_level: 'warning' })).toBe('warn');
    expect(levelOfSeries({ severity_text: 'INFO' })).toBe('info');
    expect(levelOfSeries({ level: 'chatty', detected_level: 'debug' })).toBe('debug');
    expect(levelOfSeries({})).toBe('unknown');
  });
});

describe('volumeByLevel', () => {
  it('adds series of the same level and time, orders levels by severity and drops empty slots', () => {
    const v = volumeByLevel([
      { labels: { level: 'info' }, points: [[0, 2], [60, 0]] },
      { labels: { detected_level: 'INFO' }, points: [[0, 3]] },
      { labels: { level: 'error' }, points: [[60, 1], [120, null]] },
    ]);
    expect(v.rows).toEqual([{ t: 0, info: 5 }, { t: 60, error: 1 }]);
    expect(v.levels).toEqual(['error', 'info']);
    expect(v.total).toBe(6);
    expect(v.peak).toBe(5);
  });
});
