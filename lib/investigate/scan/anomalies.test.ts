import { describe, expect, it } from 'vitest';
import { countResets } from '../../anomalies';
import { T0, MIN, child, counterFromRate, span, traceOf } from '../../anomalies/test-helpers';
import type { Exemplar, LogLine, Series, Trace } from '../../model/types';
import type { JaegerClient, LokiClient, PrometheusClient } from '../../sources/types';
import { findAnomalies } from './anomalies';
import { investigationContext } from '../context';

const RANGE = { fromMs: T0, toMs: T0 + 60 * MIN };
const NOW = RANGE.toMs + 10 * MIN;
const DEAD_TRACE = 'ab'.repeat(16);
const notUsed = () => Promise.reject(new Error('not used by the anomaly scan'));

const every15s = (f: (i: number) => number): [number, number][] =>
  Array.from({ length: 240 }, (_, i) => [T0 + (i + 1) * 15_000, f(i)] as [number, number]);

const pay = { job: 'pay', instance: 'pay:1' };
const slow = { job: 'slow', instance: 'slow:1' };
const SERIES: Series[] = [
  // pay restarts at 30 min: its counter starts again from 0 and its start time moves.
  { name: 'http_requests_total', labels: { ...pay, code: '200' }, points: every15s((i) => (i < 120 ? i * 10 : (i - 120) * 10)) },
  { name: 'process_start_time_seconds', labels: pay, points: every15s((i) => (i < 120 ? 1000 : 1000 + 1800)) },
  // A healthy service: never flagged, so never read.
  { name: 'http_requests_total', labels: { job: 'calm', instance: 'calm:1', code: '200' }, points: every15s((i) => i * 3) },
  // A service that is only slow (40–48 min): no restart, no 5xx, no GC.
  counterFromRate('http_requests_total', { ...slow, code: '200' }, () => 20),
  ...([['0.05', 0.9, 0.1], ['0.25', 0.995, 0.3], ['2', 1, 0.95], ['+Inf', 1, 1]] as const).map(([le, normal, bad]) =>
    counterFromRate('http_request_duration_seconds_bucket', { ...slow, le }, (t) => 20 * (t > 40 * MIN && t <= 48 * MIN ? bad : normal)),
  ),
];

const MATCHER = /([a-zA-Z_]+)(=~|=)"((?:[^"\\]|\\.)*)"/g;

function matches(s: Series, selector: string): boolean {
  const m = /^([a-zA-Z_:]*)\{(.*)\}$/.exec(selector);
  if (!m) return false;
  if (m[1] && m[1] !== s.name) return false;
  for (const [, key, op, value] of m[2].matchAll(MATCHER)) {
    const actual = key === '__name__' ? s.name : s.labels[key];
    if (op === '=' ? actual !== value : !new RegExp(`^(?:${value})$`).test(actual ?? '')) return false;
  }
  return true;
}

/** Answers the scan's resets()/changes() queries and raw `sel[Ns]` reads from SERIES. */
function fakePrometheus(opts: { hang?: boolean; exemplars?: Exemplar[]; p99Flags?: string[] } = {}): PrometheusClient & { queries: string[] } {
  const queries: string[] = [];
  const result = (series: Series[]) => ({ resultType: 'matrix' as const, series, warnings: [], infos: [] });
  return {
    queries,
    async query(q, t) {
      queries.push(q);
      if (opts.hang) return new Promise(() => {});
      const scan = /(resets|changes)\(([a-zA-Z_:]+)\[(\d+)s\]\)/.exec(q);
      if (q.startsWith('label_replace(resets(')) {
        // The batched counter scan: resets() per name, the name kept in a label.
        const flagged = [...q.matchAll(/resets\(([a-zA-Z_:]+)\[(\d+)s\]\), "([^"]+)"/g)].flatMap(([, name, secs, label]) =>
          SERIES.filter((s) => s.name === name).flatMap((s) => {
            const n = countResets(s.points, t - Number(secs) * 1000, t) ?? 0;
            return n > 0 ? [{ name: '', labels: { ...s.labels, [label]: name }, points: [[t, n] as [number, number]] }] : [];
          }),
        );
        return result(flagged);
      }
      if (q.startsWith('topk(')) {
        // The p99 scan: Prometheus' answer is scripted (the fake does not evaluate histograms).
        if (q.includes('histogram_quantile(0.99')) return result((opts.p99Flags ?? []).map((job) => ({ name: '', labels: { job }, points: [[t, 3] as [number, number]] })));
        if (!scan) return result([]);
        const flagged = SERIES.filter((s) => s.name === scan[2]).flatMap((s) => {
          const from = t - Number(scan[3]) * 1000;
          const n = scan[1] === 'resets' ? countResets(s.points, from, t) : s.points.filter(([pt], i) => pt > from && i > 0 && s.points[i - 1][1] !== s.points[i][1]).length;
          return n ? [{ name: '', labels: s.labels, points: [[t, n] as [number, number]] }] : [];
        });
        return result(flagged);
      }
      const raw = /^(.*)\[(\d+)s\]$/.exec(q);
      if (!raw) return result([]);
      const from = t - Number(raw[2]) * 1000;
      return result(SERIES.filter((s) => matches(s, raw[1])).map((s) => ({ ...s, points: s.points.filter(([pt]) => pt > from && pt <= t) })));
    },
    queryRange: notUsed,
    series: notUsed,
    labels: notUsed,
    labelValues: async (label, _from, _to, o) => {
      queries.push(`labelValues ${label} ${JSON.stringify(o?.match ?? [])}`);
      return label === '__name__' ? [...new Set(SERIES.map((s) => s.name))] : [];
    },
    metadata: async () => (opts.hang ? new Promise(() => {}) : {}),
    exemplars: async () => (opts.hang ? new Promise(() => {}) : (opts.exemplars ?? [])),
    buildinfo: notUsed,
  };
}

function orderTraces(): Trace[] {
  return Array.from({ length: 6 }, (_, i) => {
    const traceId = `${i + 1}`.padStart(32, 'c');
    const root = span(traceId, { service: 'order', operation: 'POST /orders', startMs: i * 5 * MIN, durMs: 50 });
    const db = child(root, { service: 'order', operation: 'INSERT', kind: 'client', startMs: i * 5 * MIN + 5, durMs: 10 });
    const orphan = span(traceId, { service: 'order', operation: 'publish', kind: 'producer', parentSpanId: 'f'.repeat(16), startMs: i * 5 * MIN + 60, durMs: 5 });
    return traceOf([root, db, orphan]);
  });
}

function fakeJaeger(opts: { down?: boolean } = {}): JaegerClient & { searched: string[] } {
  const traces = orderTraces();
  const searched: string[] = [];
  const fail = () => Promise.reject(Object.assign(new Error('connection refused'), { kind: 'unreachable' }));
  return {
    searched,
    services: async () => (opts.down ? fail() : ['order', 'pay']),
    async searchTraces(s) {
      searched.push(s.service);
      return traces.filter((t) => t.spans[0].service === s.service && t.spans[0].startUs / 1000 >= s.fromMs && t.spans[0].startUs / 1000 < s.toMs).slice(0, s.limit);
    },
    getTrace: async (id) => traces.find((t) => t.traceId === id) ?? null,
    operations: notUsed,
    dependencies: notUsed,
    apiVersion: async () => 'v1',
  };
}

/** order logs under the `app` label: 30 lines without a trace id, 10 with one. */
function fakeLoki(): LokiClient & { queries: string[] } {
  const queries: string[] = [];
  const lines: LogLine[] = Array.from({ length: 40 }, (_, i) => ({
    tsNs: `${T0 + i * 60_000}000000`,
    line: i < 30 ? 'level=info msg="publishing event"' : `level=info msg=handled trace_id=${`${(i % 6) + 1}`.padStart(32, 'c')}`,
    stream: { app: 'order' },
    structuredMetadata: {},
    parsed: {},
  }));
  return {
    queries,
    labels: async () => ['app', 'level'],
    labelValues: async (label) => (label === 'app' ? ['order'] : []),
    async queryRange(query, fromMs, toMs, o) {
      queries.push(query);
      const inRange = lines.filter((l) => Number(BigInt(l.tsNs) / 1_000_000n) >= fromMs && Number(BigInt(l.tsNs) / 1_000_000n) < toMs);
      return { lines: inRange.slice(0, o?.limit), truncated: false, warnings: [], categorized: false };
    },
    queryRangeMetric: notUsed,
    query: notUsed,
    series: notUsed,
    buildinfo: notUsed,
  };
}

const deadExemplar: Exemplar = {
  seriesLabels: { __name__: 'http_request_duration_seconds_bucket', ...pay, le: '5' }, labels: { trace_id: DEAD_TRACE }, traceId: DEAD_TRACE, spanId: null, value: 2.7, tsMs: T0 + 10 * MIN,
};

const kindsOf = (r: { anomalies: { kind: string; service?: string }[] }) => [...new Set(r.anomalies.map((a) => `${a.kind}:${a.service}`))].sort();

describe('findAnomalies', () => {
  it('finds a restart, orphan spans, lost log context and a dead exemplar link, reading raw series only for what was flagged', async () => {
    const prometheus = fakePrometheus({ exemplars: [deadExemplar] });
    const loki = fakeLoki();
    const clients = { prometheus, loki, jaeger: fakeJaeger() };
    const r = await findAnomalies(investigationContext({ clients, nowMs: NOW }), RANGE);
    expect(kindsOf(r)).toEqual(['counter_reset:pay', 'log_without_trace_context:order', 'missing_trace:pay', 'orphan_span:order']);
    expect(r.anomalies.find((a) => a.kind === 'counter_reset')?.evidence.cause).toBe('restart');
    expect(r.anomalies.find((a) => a.kind === 'missing_trace')?.subject.traceId).toBe(DEAD_TRACE);
    expect(Object.values(r.sources).map((s) => s.status)).toEqual(['ok', 'ok', 'ok']);
    expect(r.skipped).toBeUndefined();
    const rawReads = prometheus.queries.filter((q) => !q.startsWith('topk('));
    expect(rawReads.length).toBeGreaterThan(0);
    expect(rawReads.some((q) => q.includes('calm'))).toBe(false);
    // The stream label Loki has for the service is the one queried.
    expect(loki.queries.every((q) => q === '{app="order"}')).toBe(true);
  });

  it('finds a service that is only slow: Prometheus flags its p99, its RED series are read and judged', async () => {
    const prometheus = fakePrometheus({ p99Flags: ['slow'] });
    const r = await findAnomalies(investigationContext({ clients: { prometheus, loki: fakeLoki(), jaeger: fakeJaeger() }, nowMs: NOW }), RANGE);
    expect(prometheus.queries.some((q) => q.startsWith('topk(') && q.includes('histogram_quantile(0.99'))).toBe(true);
    expect(prometheus.queries.some((q) => !q.startsWith('topk(') && q.includes('job="slow"'))).toBe(true);
    const spike = r.anomalies.find((a) => a.kind === 'latency_spike');
    expect(spike?.service).toBe('slow');
    expect(Math.abs(Date.parse(spike!.start) - (T0 + 40 * MIN))).toBeLessThanOrEqual(2 * MIN);
    // Without the flag, the slow service is never read.
    const quiet = fakePrometheus();
    await findAnomalies(investigationContext({ clients: { prometheus: quiet, loki: fakeLoki(), jaeger: fakeJaeger() }, nowMs: NOW }), RANGE);
    expect(quiet.queries.some((q) => !q.startsWith('topk(') && q.includes('slow'))).toBe(false);
  });

  it('keeps the metric findings when Jaeger is down, and says what is missing', async () => {
    const loki = fakeLoki();
    const r = await findAnomalies(investigationContext({ clients: { prometheus: fakePrometheus(), loki, jaeger: fakeJaeger({ down: true }) }, nowMs: NOW }), RANGE);
    expect(kindsOf(r)).toEqual(['counter_reset:pay']);
    expect(r.sources.jaeger).toMatchObject({ status: 'error', kind: 'unreachable' });
    expect(r.sources.loki.status).toBe('ok');
    expect(r.sources.loki.message).toMatch(/no service had spans/);
    expect(loki.queries).toEqual([]);
    expect(r.skipped?.some((s) => s.startsWith('Jaeger: 1 of 1 requests failed (connection refused)'))).toBe(true);
  });

  it('answers within the deadline when Prometheus hangs, with the other sources\' findings', async () => {
    const started = Date.now();
    const r = await findAnomalies(
      investigationContext({ clients: { prometheus: fakePrometheus({ hang: true }), loki: fakeLoki(), jaeger: fakeJaeger() }, nowMs: NOW, config: { budgets: { deadlineMs: 150 } } }),
      RANGE,
    );
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(r.sources.prometheus.status).toBe('timeout');
    expect(kindsOf(r)).toContain('orphan_span:order');
    expect(r.skipped?.some((s) => s.startsWith('Prometheus:'))).toBe(true);
  });

  it('asks only the sources the requested kinds need', async () => {
    const prometheus = fakePrometheus();
    const loki = fakeLoki();
    const r = await findAnomalies(investigationContext({ clients: { prometheus, loki, jaeger: fakeJaeger() }, nowMs: NOW }), { ...RANGE, kinds: ['orphan_span'] });
    expect(kindsOf(r)).toEqual(['orphan_span:order']);
    expect(prometheus.queries).toEqual([]);
    expect(loki.queries).toEqual([]);
    expect(r.sources.prometheus).toMatchObject({ status: 'ok', message: 'not needed for the requested kinds' });
  });

  it('samples traces of the requested service only and drops findings about other services', async () => {
    const jaeger = fakeJaeger();
    const r = await findAnomalies(investigationContext({ clients: { prometheus: fakePrometheus(), loki: fakeLoki(), jaeger }, nowMs: NOW }), { ...RANGE, service: 'pay' });
    expect(new Set(jaeger.searched)).toEqual(new Set(['pay']));
    expect(kindsOf(r)).toEqual(['counter_reset:pay']);
  });

  it('lists only the metric names of the requested service for the counter scan', async () => {
    const prometheus = fakePrometheus();
    await findAnomalies(investigationContext({ clients: { prometheus, loki: null, jaeger: null }, nowMs: NOW }), { ...RANGE, service: 'pay' });
    expect(prometheus.queries.find((q) => q.startsWith('labelValues __name__'))).toContain('{job=\\"pay\\"}');
  });

  it('stops reading raw counter samples at the budget, says so, and keeps Prometheus\' count', async () => {
    const r = await findAnomalies(investigationContext({ clients: { prometheus: fakePrometheus(), loki: null, jaeger: null }, nowMs: NOW, config: { budgets: { maxCounterRawPoints: 1 } } }), RANGE);
    expect(r.skipped?.some((s) => /over the raw-sample budget/.test(s))).toBe(true);
    const reset = r.anomalies.find((a) => a.kind === 'counter_reset')!;
    expect(reset.evidence).toMatchObject({ resets: 1, countedFrom: 'prometheus_resets' });
    expect(r.counterScan).toMatchObject({ flaggedSeries: 1, seriesReadRaw: 0 });
    expect(r.sources.loki.status).toBe('not_configured');
  });
});
