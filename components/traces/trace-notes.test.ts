import { describe, expect, it } from 'vitest';
import type { ApiTrace } from '@/lib/api/types';
import type { Anomaly } from '@/lib/model/anomaly';
import { apiSpan } from './test-spans';
import { spanNotes } from './trace-notes';
import { axisTicks, barGeometry, formatDurationMs, tagText } from './span-format';

const trace: ApiTrace = {
  spans: [apiSpan('r1', null), apiSpan('o1', 'gone'), apiSpan('o2', 'gone', { orphanReason: 'Sampled-out parent.' }), apiSpan('r2', null)],
  rootSpanIds: ['r1', 'r2'],
  orphanSpanIds: ['o1', 'o2'],
  duplicateSpanIds: [],
  warnings: [],
  start: '1970-01-01T00:00:00.000Z',
  durationMs: 1,
  processes: {},
};
const finding = (kind: Anomaly['kind'], spanIds: string[], explanation: string): Anomaly => ({
  id: kind, kind, severity: 'warning', title: kind, explanation, start: '2024-01-01T00:00:00.000Z', subject: { spanIds }, evidence: {}, links: [],
});

describe('spanNotes', () => {
  it('prefers the span\'s own orphan reason, then the finding\'s explanation', () => {
    const notes = spanNotes(trace, [finding('orphan_span', ['o1', 'o2'], 'Context lost across a goroutine.')]);
    expect(notes.reasonFor(trace.spans[2])).toBe('Sampled-out parent.');
    expect(notes.reasonFor(trace.spans[1])).toBe('Context lost across a goroutine.');
  });

  it('falls back to naming the missing parent', () => {
    expect(spanNotes(trace, []).reasonFor(trace.spans[1])).toContain('gone');
  });

  it('says the parent links loop when the orphan\'s parent is in the trace', () => {
    const cycle: ApiTrace = { ...trace, spans: [apiSpan('c1', 'c2', { orphan: true }), apiSpan('c2', 'c1')], rootSpanIds: [], orphanSpanIds: ['c1'] };
    expect(spanNotes(cycle, []).reasonFor(cycle.spans[0])).toMatch(/loop \(through span c2\)/);
  });

  it('marks every root after the first as a split root with the finding\'s reason', () => {
    const notes = spanNotes(trace, [finding('multiple_roots', ['r1', 'r2'], 'Async boundary lost the parent.')]);
    expect([...notes.splitRoots]).toEqual(['r2']);
    expect(notes.reasonFor(trace.spans[3])).toBe('Async boundary lost the parent.');
    expect(notes.reasonFor(trace.spans[0])).toBeNull();
  });
});

describe('span formatting', () => {
  it('formats durations from µs to minutes', () => {
    expect(formatDurationMs(0.25)).toBe('250 µs');
    expect(formatDurationMs(3.456)).toBe('3.46 ms');
    expect(formatDurationMs(1234)).toBe('1.23 s');
    expect(formatDurationMs(125_000)).toBe('2m 5s');
  });

  it('places bars in percent of the trace and keeps zero-length spans visible', () => {
    expect(barGeometry(250, 0.5, 0, 1000)).toEqual({ left: 25, width: 50 });
    expect(barGeometry(1000, 0, 0, 1000).width).toBeGreaterThan(0);
    const late = barGeometry(2000, 1, 0, 1000);
    expect(late.left + late.width).toBeLessThanOrEqual(100.15);
  });

  it('labels axis ticks as offsets', () => {
    expect(axisTicks(10_000, 2).map((t) => t.label)).toEqual(['0 µs', '5 ms', '10 ms']);
  });

  it('shows non-string tags with their JSON type', () => {
    expect(tagText('<b>x</b>')).toBe('<b>x</b>');
    expect(tagText(true)).toBe('true');
    expect(tagText(500)).toBe('500');
  });
});
