import { describe, expect, it } from 'vitest';
import { evidencePoints, findingMarks, sparklineModel, timelineText } from './sparkline-model';
import { at, finding } from './test-findings';

const FROM = Date.parse(at('14:00:00'));
const TO = Date.parse(at('15:00:00'));
const range = { fromMs: FROM, toMs: TO };

describe('evidencePoints', () => {
  it('reads [ms, value] pairs in time order, non-finite values as gaps', () => {
    expect(evidencePoints({ points: [[3, 1], [1, 'x'], [2, 5], 'junk', [null, 1]] })).toEqual([
      [1, null],
      [2, 5],
      [3, 1],
    ]);
  });

  it('has nothing to draw when points are absent, not an array (leak puts a count there), or all gaps', () => {
    expect(evidencePoints({})).toBeNull();
    expect(evidencePoints({ points: 240 })).toBeNull();
    expect(evidencePoints({ points: [[1, null]] })).toBeNull();
  });
});

describe('findingMarks', () => {
  it('uses the markers and spans the detector gave, clipped to the range', () => {
    const a = finding({ id: 'x', evidence: { markers: [FROM + 1000, TO + 1000, 'bad'], spans: [[FROM - 5000, FROM + 5000], [TO + 1, TO + 2], [5, 1]] } });
    const marks = findingMarks(a, FROM, TO, 'UTC');
    expect(marks.markers.map((m) => m.tMs)).toEqual([FROM + 1000]);
    expect(marks.shaded.map((s) => [s.fromMs, s.toMs])).toEqual([[FROM, FROM + 5000]]);
  });

  it('marks a counter reset at its start when the detector gave no markers', () => {
    const a = finding({ id: 'r', kind: 'counter_reset', start: at('14:25:00') });
    expect(findingMarks(a, FROM, TO, 'UTC').markers.map((m) => m.tMs)).toEqual([Date.parse(at('14:25:00'))]);
    expect(findingMarks(a, FROM, TO, 'UTC').shaded).toEqual([]);
  });

  it('shades an ongoing GC storm from its start to the end of the range', () => {
    const a = finding({ id: 'g', kind: 'gc_storm', start: at('14:40:00') });
    const { shaded } = findingMarks(a, FROM, TO, 'UTC');
    expect(shaded.map((s) => [s.fromMs, s.toMs])).toEqual([[Date.parse(at('14:40:00')), TO]]);
    expect(shaded[0].label).toMatch(/ongoing/);
  });

  it('shades a finished storm up to its end', () => {
    const a = finding({ id: 'g', kind: 'gc_storm', start: at('14:10:00'), end: at('14:20:00') });
    expect(findingMarks(a, FROM, TO, 'UTC').shaded.map((s) => [s.fromMs, s.toMs])).toEqual([[Date.parse(at('14:10:00')), Date.parse(at('14:20:00'))]]);
  });
});

describe('sparklineModel', () => {
  it('is null without points, so the page falls back to the textual timeline', () => {
    expect(sparklineModel(finding({ id: 'x' }), range, 'UTC')).toBeNull();
  });

  it('spans the checked range so every row lines up', () => {
    const m = sparklineModel(finding({ id: 'x', kind: 'counter_reset', start: at('14:30:00'), evidence: { points: [[FROM, 1], [TO, 2]] } }), range, 'UTC')!;
    expect([m.fromMs, m.toMs]).toEqual([FROM, TO]);
    expect(m.markers).toHaveLength(1);
  });
});

describe('timelineText', () => {
  it('tells a counter reset as before, restart and after in time order', () => {
    const a = finding({
      id: 'r',
      kind: 'counter_reset',
      evidence: { before: { ts: at('14:24:45'), value: 18442 }, after: { ts: at('14:25:00'), value: 12 }, restartedAt: at('14:24:50') },
    });
    expect(timelineText(a, 'UTC', TO)).toEqual(['14:24:45 UTC  18,442', '14:24:50 UTC  process restarted', '14:25:00 UTC  12 (reset)']);
  });

  it('tells an ongoing GC storm with its baseline and peak', () => {
    const a = finding({ id: 'g', kind: 'gc_storm', start: at('14:40:00'), evidence: { baselineCollectionsPerSec: 0.2, peakCollectionsPerSec: 31 } });
    expect(timelineText(a, 'UTC', TO)).toEqual(['14:40:00 UTC  storm starts (usually 0.2 GC/s)', 'peak 31 GC/s', 'still going on at the end of the range']);
  });

  it('falls back to the finding start and end', () => {
    expect(timelineText(finding({ id: 'x', kind: 'orphan_span', start: at('14:01:00'), end: at('14:02:00') }), 'UTC', TO)).toEqual(['14:01:00 UTC  starts', '14:02:00 UTC  ends']);
  });
});
