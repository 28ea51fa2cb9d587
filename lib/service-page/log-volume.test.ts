import { describe, expect, it } from 'vitest';
import { logVolumeQuery, logVolumeStepSec, orderLevels, pickLevelLabel, toLevelBuckets } from './log-volume';

describe('log volume by level', () => {
  it('groups by the level label the streams carry, else by Loki 3\'s detected_level', () => {
    expect(pickLevelLabel(['service_name', 'level'])).toBe('level');
    expect(pickLevelLabel(['app', 'severity'])).toBe('severity');
    expect(pickLevelLabel(['service_name'])).toBe('detected_level');
  });

  it('is a count_over_time per step, summed by level, with the service value quoted', () => {
    expect(logVolumeQuery('service_name', 'a"b', 'level', 60)).toBe('sum by (level) (count_over_time({service_name="a\\"b"} [60s]))');
  });

  it('uses about 60 bars, whole minutes, at least one minute', () => {
    expect(logVolumeStepSec(0, 15 * 60_000)).toBe(60);
    expect(logVolumeStepSec(0, 6 * 3_600_000)).toBe(360);
  });

  it('turns level series into stacked rows, levels most severe first, lines without a level as unknown', () => {
    const out = toLevelBuckets(
      [
        { name: '', labels: { level: 'info' }, points: [[1000, 5], [2000, 7]] },
        { name: '', labels: { level: 'error' }, points: [[2000, 2]] },
        { name: '', labels: {}, points: [[1000, 1], [3000, Number.NaN]] },
      ],
      'level',
    );
    expect(out.levels).toEqual(['error', 'info', 'unknown']);
    expect(out.buckets).toEqual([{ t: 1000, counts: { info: 5, unknown: 1 } }, { t: 2000, counts: { info: 7, error: 2 } }]);
    expect(orderLevels(['debug', 'WARN', 'custom', 'fatal'])).toEqual(['fatal', 'WARN', 'debug', 'custom']);
  });
});
