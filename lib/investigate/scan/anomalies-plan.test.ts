import { describe, expect, it } from 'vitest';
import type { Anomaly } from '../../model/anomaly';
import type { Exemplar, LogEntry } from '../../model/types';
import { DEFAULT_ANOMALY_BUDGETS, SourceCalls, mapBounded } from './anomalies-budgets';
import {
  errorShareScans, exemplarTraceIds, latencyScans, loggedTraceIds, newestExemplars, rawReadMode, redSelectorsFor, sliceWindow, sourcesNeeded, withoutRange,
} from './anomalies-plan';

const T0 = Date.parse('2026-03-02T14:00:00Z');
const HOUR = 3_600_000;
const range = { fromMs: T0, toMs: T0 + HOUR };
const id = (c: string) => c.repeat(32);

const finding = (service: string | undefined, labels?: Record<string, string>): Anomaly => ({
  id: 'x', kind: 'gc_storm', severity: 'warning', title: '', explanation: '', service, start: '', evidence: {}, links: [],
  subject: labels ? { series: { name: 'm', labels } } : {},
});

const exemplar = (traceId: string | null, tsMs: number): Exemplar => ({ seriesLabels: {}, labels: {}, traceId, spanId: null, value: 1, tsMs });
const logAt = (traceId: string | null, tsMs: number): LogEntry => ({
  ts: new Date(tsMs).toISOString(), tsNs: `${tsMs}000000`, line: 'l', labels: {}, service: 's', traceId, spanId: null, joinedBy: null,
});

describe('rawReadMode', () => {
  it('reads raw samples while a series at the assumed scrape interval fits the points budget', () => {
    expect(rawReadMode(range, DEFAULT_ANOMALY_BUDGETS)).toEqual({ mode: 'raw' });
    // 11,000 samples × 15 s ≈ 45.8 h is the last raw range.
    expect(rawReadMode({ fromMs: T0, toMs: T0 + 11_000 * 15_000 }, DEFAULT_ANOMALY_BUDGETS)).toEqual({ mode: 'raw' });
  });

  it('falls back to a step that keeps every series under the points budget for long ranges', () => {
    const week = { fromMs: T0, toMs: T0 + 7 * 24 * HOUR };
    const mode = rawReadMode(week, DEFAULT_ANOMALY_BUDGETS);
    expect(mode.mode).toBe('step');
    if (mode.mode === 'step') expect((week.toMs - week.fromMs) / (mode.stepSec * 1000)).toBeLessThanOrEqual(11_000);
  });

  it('strips the range of a raw selector for query_range', () => {
    expect(withoutRange('up{job="a[1]"}[3600s]')).toBe('up{job="a[1]"}');
  });
});

describe('redSelectorsFor', () => {
  it('asks for the RED series of each service with a finding, by the label that carries it, once', () => {
    const sels = redSelectorsFor(
      [finding('risk', { job: 'risk', instance: 'r:1' }), finding('risk'), finding('pay', { service_name: 'pay', job: 'pay-job' }), finding(undefined)],
      range,
    );
    expect(sels).toHaveLength(2);
    expect(sels[0]).toMatch(/^\{__name__=~"http_requests_total\|[^"]*_bucket[^"]*",job="risk"\}\[3600s\]$/);
    expect(sels[1]).toContain('service_name="pay"');
  });

  it('escapes a hostile service name inside the matcher', () => {
    const [sel] = redSelectorsFor([finding('a"} or vector(1) #')], range);
    expect(sel).toContain('job="a\\"} or vector(1) #"');
  });
});

describe('errorShareScans', () => {
  it('flags jobs whose error share reached the floor anywhere in the range, one bounded query per request counter', () => {
    const scans = errorShareScans(range, 50, 0.05);
    expect(scans.map((s) => s.metric)).toEqual(['http_requests_total', 'http_server_request_duration_seconds_count', 'http_server_requests_seconds_count', 'grpc_server_handled_total']);
    expect(scans[3].query).toContain('grpc_server_handled_total{grpc_code=~"Unknown|DeadlineExceeded|Unimplemented|Internal|Unavailable|DataLoss"}');
    expect(scans[0].query).toBe(
      'topk(50, max_over_time((sum by (job) (rate(http_requests_total{code=~"5.."}[1m])) / sum by (job) (rate(http_requests_total[1m])))[3600s:30s]) >= 0.05)',
    );
  });
});

describe('latencyScans', () => {
  it('flags jobs whose p99 rose well above its own median and over the absolute floor, one bounded query per histogram', async () => {
    const scans = latencyScans(range, 50, 1.5, 50);
    expect(scans.map((s) => s.metric)).toEqual(['http_request_duration_seconds_bucket', 'http_server_request_duration_seconds_bucket', 'http_server_requests_seconds_bucket', 'grpc_server_handling_seconds_bucket']);
    const p99 = 'histogram_quantile(0.99, sum by (job, le) (rate(http_request_duration_seconds_bucket[1m])))';
    const peak = `max_over_time(avg_over_time(${p99}[2m:30s])[3600s:30s])`;
    expect(scans[0].query).toBe(`topk(50, (${peak} / quantile_over_time(0.5, ${p99}[3600s:30s]) >= 1.5) and (${peak} >= 0.05))`);
    // Valid PromQL by Prometheus' own grammar.
    const { parser } = await import('@prometheus-io/lezer-promql');
    for (const s of scans) {
      let errors = 0;
      parser.parse(s.query).iterate({ enter: (n) => void (n.type.isError && errors++) });
      expect(errors).toBe(0);
    }
  });
});

describe('trace ids to look up', () => {
  it('takes distinct exemplar trace ids, newest sighting first, without the ones already sampled, bounded', () => {
    const ex = [exemplar(id('a'), T0 + 1), exemplar(id('b'), T0 + 5), exemplar(id('a'), T0 + 9), exemplar(id('c'), T0 + 7), exemplar(null, T0 + 10)];
    expect(exemplarTraceIds(ex, new Set([id('c')]), 10)).toEqual([id('a'), id('b')]);
    expect(exemplarTraceIds(ex, new Set(), 2)).toEqual([id('a'), id('c')]);
  });

  it('checks the rare series too: ids are taken round-robin across series, not only the newest overall', () => {
    const busy = Array.from({ length: 60 }, (_, i) => ({ ...exemplar((i + 1).toString(16).padStart(32, 'b'), T0 + 1_000 + i), seriesLabels: { __name__: 'x_bucket', le: '0.1' } }));
    const rare = { ...exemplar(id('f'), T0), seriesLabels: { __name__: 'x_bucket', le: '5' } };
    const ids = exemplarTraceIds([...busy, rare], new Set(), 10);
    expect(ids).toHaveLength(10);
    expect(ids).toContain(id('f'));
  });

  it('leaves out logged trace ids too young to be in Jaeger yet', () => {
    const now = T0 + HOUR;
    const logs = [logAt(id('a'), now - 10_000), logAt(id('b'), now - 300_000), logAt(id('d'), now - 200_000), logAt(null, now - 500_000)];
    expect(loggedTraceIds(logs, new Set([id('d')]), now, 120_000, 10)).toEqual([id('b')]);
  });

  it('keeps the newest exemplars when there are more than the budget', () => {
    const ex = [1, 5, 3, 4].map((t) => exemplar(id('a'), t));
    expect(newestExemplars(ex, 2).map((e) => e.tsMs)).toEqual([5, 4]);
  });
});

describe('sliceWindow', () => {
  it('covers the window exactly with consecutive slices', () => {
    const slices = sliceWindow({ fromMs: 0, toMs: 1000 }, 3);
    expect(slices[0].fromMs).toBe(0);
    expect(slices[2].toMs).toBe(1000);
    for (let i = 1; i < slices.length; i++) expect(slices[i].fromMs).toBe(slices[i - 1].toMs);
  });
});

describe('sourcesNeeded', () => {
  it('asks every backend without a kind filter, and only the needed ones with one', () => {
    expect(sourcesNeeded()).toEqual({ prometheus: true, jaeger: true, loki: true });
    expect(sourcesNeeded(['gc_storm'])).toEqual({ prometheus: true, jaeger: false, loki: false });
    expect(sourcesNeeded(['orphan_span'])).toEqual({ prometheus: false, jaeger: true, loki: false });
    expect(sourcesNeeded(['log_without_trace_context'])).toEqual({ prometheus: false, jaeger: true, loki: true });
    expect(sourcesNeeded(['missing_trace'])).toEqual({ prometheus: true, jaeger: true, loki: true });
  });
});

describe('mapBounded', () => {
  it('keeps at most `limit` calls in flight and returns results in input order', async () => {
    let inFlight = 0;
    let peak = 0;
    const out = await mapBounded([30, 10, 20, 5, 1], 2, async (ms, i) => {
      peak = Math.max(peak, ++inFlight);
      await new Promise((r) => setTimeout(r, ms));
      inFlight--;
      return i;
    });
    expect(out).toEqual([0, 1, 2, 3, 4]);
    expect(peak).toBe(2);
  });
});

describe('SourceCalls', () => {
  it('reports the worst outcome with the failure count, and lists the failures for `skipped`', async () => {
    const calls = new SourceCalls('prometheus', {}, new AbortController().signal, 'not configured');
    await calls.call(async () => 1);
    const failed = await calls.call(async () => {
      throw Object.assign(new Error('bad_data: parse error'), { kind: 'bad_query' });
    });
    expect(failed).toBeNull();
    const report = calls.report();
    expect(report.status).toBe('error');
    expect(report.message).toContain('1 of 2 requests failed');
    expect(calls.notes()[0]).toMatch(/^Prometheus: 1 of 2 requests failed \(bad_data: parse error\)/);
  });

  it('abandons a call that ignores its signal when the deadline fires, as a timeout', async () => {
    const controller = new AbortController();
    const calls = new SourceCalls('jaeger', {}, controller.signal, 'not configured');
    const pending = calls.call(() => new Promise<number>(() => {}));
    controller.abort(Object.assign(new Error('budget ran out'), { name: 'TimeoutError' }));
    expect(await pending).toBeNull();
    expect(calls.report().status).toBe('timeout');
  });

  it('says not_configured without calling anything when the source has no client', async () => {
    const calls = new SourceCalls('loki', null, new AbortController().signal, 'Set LOKI_URL');
    let called = false;
    expect(await calls.call(async () => (called = true))).toBeNull();
    expect(called).toBe(false);
    expect(calls.report()).toEqual({ status: 'not_configured', message: 'Set LOKI_URL', ms: 0 });
  });
});
