import { describe, expect, it } from 'vitest';
import type { Anomaly } from '../model/anomaly';
import { joinExemplars, joinLogs } from './join';
import { buildTimeline, MAX_METRIC_WINDOW_MS, metricWindow, MIN_METRIC_WINDOW_MS, traceWindow } from './timeline';
import { analyzeTrace } from './trace-model';
import { toApiTrace } from './api-shape';
import { BASE_MS, sid, span, T, trace } from './test-helpers';

const view = () => analyzeTrace(trace([span(1, null, 0, 100, { service: 'api' }), span(2, 1, 10, 20, { service: 'db' })]));

describe('buildTimeline', () => {
  it('puts spans, logs, exemplars, metric windows and anomalies on one ms axis, sorted', () => {
    const v = view();
    const logs = joinLogs(
      [{ tsNs: `${BigInt(BASE_MS + 15) * 1_000_000n + 500n}`, line: `trace_id=${T}`, stream: { service_name: 'db' }, structuredMetadata: {}, parsed: {} }],
      v,
      T,
    );
    const exemplars = joinExemplars([{ seriesLabels: { job: 'api' }, labels: {}, traceId: T, spanId: sid(1), value: 0.1, tsMs: BASE_MS + 90 }], v);
    const anomaly: Anomaly = {
      id: 'a1', kind: 'latency_spike', severity: 'warning', title: 'p99 up', explanation: '', service: 'api',
      start: new Date(BASE_MS - 60_000).toISOString(), subject: {}, evidence: {}, links: [],
    };
    const items = buildTimeline({
      spans: toApiTrace(v).spans,
      logs,
      exemplars,
      metrics: [{ name: 'up', labels: { job: 'api' }, points: [[BASE_MS - 30_000, 1], [BASE_MS + 30_000, null]] }, { name: 'empty', labels: {}, points: [] }],
      anomalies: [anomaly],
    });
    expect(items.map((i) => [i.kind, i.startMs - BASE_MS, i.service])).toEqual([
      ['anomaly', -60_000, 'api'],
      ['metric_window', -30_000, 'api'],
      ['span', 0, 'api'],
      ['span', 10, 'db'],
      ['log', 15, 'db'],
      ['exemplar', 90, 'api'],
    ]);
    const log = items.find((i) => i.kind === 'log');
    expect(log).toMatchObject({ index: 0, joinedBy: 'time', spanId: sid(2) });
    expect(items.find((i) => i.kind === 'metric_window')!.endMs).toBe(BASE_MS + 30_000);
    expect(items.find((i) => i.kind === 'span' && i.service === 'db')).toMatchObject({ endMs: BASE_MS + 30, depth: 1, status: 'unset' });
    expect(items.find((i) => i.kind === 'anomaly')).toMatchObject({ ongoing: true, label: 'p99 up' });
  });

  it('works without a trace (Jaeger down) and drops items without a usable time', () => {
    const items = buildTimeline({ metrics: [{ name: 'x', labels: {}, points: [[5, 1]] }], exemplars: [{ labels: {}, seriesLabels: {}, traceId: null, value: 1, ts: 'bad', spanId: null }] });
    expect(items.map((i) => i.kind)).toEqual(['metric_window']);
  });
});

describe('traceWindow', () => {
  it('widens a short trace to the minimum window centred on it', () => {
    const w = traceWindow(view());
    expect(w.toMs - w.fromMs).toBe(MIN_METRIC_WINDOW_MS);
    expect((w.fromMs + w.toMs) / 2).toBe(BASE_MS + 50);
  });

  it('adds the margin around a long trace', () => {
    const long = analyzeTrace(trace([span(1, null, 0, 3_600_000)]));
    expect(traceWindow(long, 0.1)).toEqual({ fromMs: BASE_MS - 360_000, toMs: BASE_MS + 3_960_000 });
  });
});

describe('metricWindow', () => {
  const H = 3_600_000;
  it('keeps the window around the trace when the time picker asks for less', () => {
    expect(metricWindow(view(), { fromMs: BASE_MS - 60_000, toMs: BASE_MS + 60_000 })).toEqual(traceWindow(view()));
  });

  it('follows a wider time picker range, so what started before the trace is on the charts', () => {
    expect(metricWindow(view(), { fromMs: BASE_MS - H, toMs: BASE_MS + 5 * 60_000 })).toEqual({ fromMs: BASE_MS - H, toMs: traceWindow(view()).toMs });
  });

  it('cuts a range wider than the maximum, keeping the trace and more before it than after', () => {
    const w = metricWindow(view(), { fromMs: BASE_MS - 48 * H, toMs: BASE_MS + 48 * H });
    expect(w.toMs - w.fromMs).toBe(MAX_METRIC_WINDOW_MS);
    expect(w.fromMs).toBeLessThan(BASE_MS);
    expect(w.toMs).toBeGreaterThan(BASE_MS + 100);
    expect(BASE_MS - w.fromMs).toBeGreaterThan(w.toMs - BASE_MS);
  });
});
