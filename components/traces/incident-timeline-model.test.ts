import { describe, expect, it } from 'vitest';
import type { TimelineItem } from '@/lib/correlate/timeline';
import { findingRows, timelineLanes, type LaneContext } from './incident-timeline-model';

const T = '4bf92f3577b34da6a3ce929d0e0e4736';
const OTHER = '00000000000000000000000000000abc';
const ctx = (over: Partial<LaneContext> = {}): LaneContext => ({
  axis: { fromMs: 0, toMs: 100_000 },
  currentTraceId: T,
  levelOf: (i) => (i === 1 ? 'error' : 'info'),
  formatTime: (ms) => `t${ms}`,
  buckets: 100,
  ...over,
});
const span = (startMs: number, endMs: number, status: 'ok' | 'error' = 'ok'): TimelineItem => ({ kind: 'span', startMs, endMs, service: 'api', key: `${startMs}`, spanId: `${startMs}`, depth: 0, status, label: 'api: GET', critical: false });
const log = (ms: number, index: number): TimelineItem => ({ kind: 'log', startMs: ms, endMs: ms, service: 'api', index, tsNs: '1', spanId: null, joinedBy: null });
const exemplar = (ms: number, traceId: string): TimelineItem => ({ kind: 'exemplar', startMs: ms, endMs: ms, service: 'api', index: 0, traceId, spanId: null, value: 1 });
const lane = (lanes: ReturnType<typeof timelineLanes>, name: string) => lanes.find((l) => l.name === name)!.marks;

describe('timelineLanes', () => {
  it('draws a finding as a bar, an ongoing one up to the end of the axis', () => {
    const rows = findingRows(
      [
        { kind: 'anomaly', startMs: 20_000, endMs: 30_000, service: 'risk-engine', id: 'a', anomalyKind: 'gc_storm', severity: 'critical', label: 'GC storm on risk-engine', ongoing: false },
        { kind: 'anomaly', startMs: 80_000, endMs: 80_000, service: 'worker', id: 'b', anomalyKind: 'leak', severity: 'warning', label: 'Leak on worker', ongoing: true },
        { kind: 'anomaly', startMs: 200_000, endMs: 210_000, service: 'x', id: 'c', anomalyKind: 'leak', severity: 'info', label: 'later', ongoing: false },
      ],
      ctx(),
    );
    expect(rows.map((r) => [r.label, r.marks])).toEqual([
      ['GC storm on risk-engine', [{ leftPct: 20, widthPct: 10, tone: 'critical', title: 'GC storm on risk-engine (t20000–t30000)' }]],
      ['Leak on worker', [{ leftPct: 80, widthPct: 20, tone: 'warning', title: 'Leak on worker (since t80000, ongoing)' }]],
    ]);
  });

  it('gathers the findings of one kind and service into one row that counts them and their spans', () => {
    const orphan = (i: number, service: string): TimelineItem => ({
      kind: 'anomaly', startMs: 50_000, endMs: 50_000, service, id: `o${i}`, anomalyKind: 'orphan_span', severity: i === 3 ? 'warning' : 'info', label: `1 orphan span in ${service}`, ongoing: false, spanCount: 1,
    });
    const items = [...Array.from({ length: 37 }, (_, i) => orphan(i, 'checkout')), orphan(99, 'cart')];
    const rows = findingRows(items, ctx());
    expect(rows.map((r) => [r.label, r.count, r.severity, r.marks.length])).toEqual([
      ['Orphan spans in checkout: 37 findings, 37 spans', 37, 'warning', 1],
      ['1 orphan span in cart', 1, 'info', 1],
    ]);
    expect(rows[0].marks[0].title).toBe('37 findings: Orphan spans in checkout: 37 findings, 37 spans (t50000–t50000)');
  });

  it('keeps separate marks in a row for findings that do not touch, worst row first', () => {
    const a = (id: string, startMs: number, endMs: number, severity: 'info' | 'critical', anomalyKind: 'latency_spike' | 'leak' = 'latency_spike'): TimelineItem => ({ kind: 'anomaly', startMs, endMs, service: 's', id, anomalyKind, severity, label: id, ongoing: false });
    const rows = findingRows([a('x', 0, 10_000, 'info'), a('y', 5_000, 20_000, 'info'), a('z', 60_000, 70_000, 'critical'), a('w', 0, 1_000, 'info', 'leak')], ctx());
    expect(rows.map((r) => r.label)).toEqual(['Latency spike in s: 3 findings', 'w']);
    expect(rows[0].marks.map((m) => [m.leftPct, m.widthPct, m.tone])).toEqual([
      [0, 20, 'info'],
      [60, 10, 'critical'],
    ]);
  });

  it('draws the trace as one band with its error spans as ticks, however many spans it has', () => {
    const spans = Array.from({ length: 5_000 }, (_, i) => span(50_000 + i, 50_010 + i, i % 1000 === 0 ? 'error' : 'ok'));
    const marks = lane(timelineLanes(spans, ctx()), 'This trace');
    expect(marks[0]).toMatchObject({ leftPct: 50, tone: 'trace', title: 'This trace: 5000 spans, t50000–t55009, 5 with errors' });
    expect(marks).toHaveLength(6); // the band and one tick per error span (each in its own bucket)
    expect(marks.slice(1).every((m) => m.tone === 'trace-error')).toBe(true);
  });

  it('gathers log lines into ticks coloured by their worst level, and keeps ticks for other traces clickable', () => {
    const lanes = timelineLanes([log(10_100, 0), log(10_200, 1), log(60_000, 0), exemplar(30_000, OTHER), exemplar(40_000, T)], ctx());
    expect(lane(lanes, 'Logs').map((m) => [m.leftPct, m.tone, m.title])).toEqual([
      [10, 'log-error', '2 log lines at t10000'],
      [60, 'log', '1 log line at t60000'],
    ]);
    expect(lane(lanes, 'Exemplars').map((m) => [m.tone, m.traceId])).toEqual([
      ['exemplar', OTHER],
      ['exemplar-here', undefined],
    ]);
  });

  it('draws nothing on an empty axis', () => {
    expect(timelineLanes([log(1, 0)], ctx({ axis: { fromMs: 5, toMs: 5 } }))).toEqual([]);
  });
});
