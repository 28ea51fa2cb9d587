import { describe, expect, it } from 'vitest';
import type { IncidentFinding } from '@/lib/incidents';
import { timelineBars } from './timeline-model';

const T0 = Date.parse('2026-03-02T12:00:00.000Z');
const range = { fromMs: T0, toMs: T0 + 3_600_000 };
const f = (over: Partial<IncidentFinding>): IncidentFinding => ({ id: 'x', kind: 'gc_storm', role: 'cause_candidate', reason: '', service: 'risk-engine', title: 'GC storm', severity: 'critical', start: '2026-03-02T12:30:00.000Z', end: null, ...over });

describe('incident timeline bars', () => {
  it('runs an ongoing finding to the right edge and an ended one to its end', () => {
    const [ongoing, ended] = timelineBars([f({}), f({ id: 'y', start: '2026-03-02T12:15:00.000Z', end: '2026-03-02T12:45:00.000Z' })], range);
    expect(ongoing).toMatchObject({ left: 0.5, width: 0.5, ongoing: true });
    expect(ended).toMatchObject({ left: 0.25, width: 0.5, ongoing: false });
  });

  it('clips findings that started before the range and keeps an instant visible', () => {
    const [early, reset] = timelineBars([f({ start: '2026-03-02T11:00:00.000Z' }), f({ id: 'r', kind: 'counter_reset', start: '2026-03-02T12:06:00.000Z' })], range);
    expect(early.left).toBe(0);
    expect(reset.left).toBeCloseTo(0.1);
    expect(reset.width).toBeGreaterThan(0);
    expect(reset.ongoing).toBe(false);
  });
});

describe('incident timeline bars of a restart', () => {
  it('draws the counter resets of one restart as one bar', () => {
    const reset = (id: string, name: string) => f({ id, kind: 'counter_reset', role: 'context', service: 'payment-gateway', title: `${name} reset`, start: '2026-03-02T12:06:00.000Z' });
    const bars = timelineBars([f({}), reset('a', 'http_requests_total'), reset('b', 'go_gc_duration_seconds_count')], range);
    expect(bars.map((b) => b.id)).toEqual(['x', 'a']);
  });
});
