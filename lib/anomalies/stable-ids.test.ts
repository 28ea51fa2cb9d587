/**
 * Stable ids across sliding windows (ids.ts): a digest that runs `now-1h` every few minutes
 * must see the same id for the same ongoing problem, however the window clips it and
 * wherever `now` falls between scrapes. One demo-like world (the demo's metrics plus
 * order-service's broken traces and context-less logs, a sampled-out exemplar), two runs
 * whose windows are shifted; every detector is checked.
 */
import { describe, expect, it } from 'vitest';
import { ANOMALY_KINDS, type Anomaly } from '../model/anomaly';
import type { Exemplar, LogEntry, Trace } from '../model/types';
import { scrapeDemo } from '@/demo/scenario/scrape';
import { canonicalJson } from './ids';
import { runDetectors } from './index';
import { child, logLine, MIN, span, T0, traceOf } from './test-helpers';
import type { DetectorInput } from './types';

const ANCHOR = Date.parse('2026-03-02T15:00:00Z');
// The world is longer than both windows, so each window clips the long-running problems.
const WORLD_FROM = ANCHOR - 90 * MIN;
const WORLD_TO = ANCHOR + 15 * MIN;
const SAMPLED_OUT = 'e'.repeat(32);
const NEVER_SEEN = 'f'.repeat(32);

const tid = (n: number) => n.toString(16).padStart(32, '0');
const host = (h: string) => ({ 'host.name': h });

/** An order trace: its event span lost its parent; every 3rd is split, every 4th clock-skewed. */
function orderTrace(n: number, atMs: number): Trace {
  const at = atMs - T0;
  const root = span(tid(n), { service: 'api-gateway', kind: 'client', operation: 'POST /orders', startMs: at, durMs: 300, processTags: host('gw') });
  const handler = child(root, { service: 'order-service', kind: 'server', operation: 'CreateOrder', startMs: at + 10, durMs: 200, processTags: host('orders') });
  const orphan = span(tid(n), { service: 'order-service', kind: 'internal', operation: 'publishOrderEvent', parentSpanId: 'ffffffffffffffff', startMs: at + 400, durMs: 50, processTags: host('orders') });
  const spans = [root, handler, orphan];
  if (n % 3 === 0) spans.push(span(tid(n), { service: 'order-service', kind: 'consumer', operation: 'onOrderPaid', startMs: at + 500, durMs: 20, processTags: host('orders') }));
  if (n % 4 === 0) spans.push(child(handler, { service: 'inventory-service', kind: 'server', operation: 'Reserve', startMs: at - 500, durMs: 30, processTags: host('inv') }));
  // Every 2nd order reaches payment-service only as far as its Istio sidecar (mesh_only_hop).
  if (n % 2 === 0) spans.push(child(handler, { service: 'payment-service', kind: 'server', operation: 'payment-service.default.svc.cluster.local:8080/*', startMs: at + 20, durMs: 40, tags: { component: 'proxy', upstream_cluster: 'inbound|8080||' }, processTags: host('pay') }));
  return traceOf(spans);
}

function world() {
  const { series, metadata } = scrapeDemo(ANCHOR, WORLD_FROM, WORLD_TO);
  const traces: Trace[] = [];
  for (let t = WORLD_FROM + MIN, n = 1; t < WORLD_TO; t += 2 * MIN, n++) traces.push(orderTrace(n, t));
  const logs: LogEntry[] = [];
  for (let t = WORLD_FROM + 7_000; t < WORLD_TO; t += 30_000) logs.push(logLine('order-service', t, null, 'published order event'));
  const exemplarAt = ANCHOR - 25 * MIN;
  // A NaN exemplar value: the finding must still survive JSON (json-safe.ts).
  const exemplars: Exemplar[] = [{ seriesLabels: { __name__: 'http_request_duration_seconds_bucket', service: 'risk-engine', le: '2' }, labels: { trace_id: SAMPLED_OUT }, traceId: SAMPLED_OUT, spanId: null, value: NaN, tsMs: exemplarAt }];
  return { series, metadata, traces, logs, exemplars };
}

type World = ReturnType<typeof world>;

/** What each run would fetch: `sliced` keeps only the window's data, like a real query. */
function inputFor(w: World, fromMs: number, toMs: number, sliced: boolean): DetectorInput {
  const inWindow = (ms: number) => !sliced || (ms > fromMs - 5 * MIN && ms <= toMs);
  return {
    range: { fromMs, toMs },
    nowMs: toMs,
    series: w.series.map((s) => ({ ...s, points: s.points.filter(([t]) => inWindow(t)) })).filter((s) => s.points.length > 0),
    metadata: w.metadata,
    traces: w.traces.filter((t) => inWindow(t.spans[0].startUs / 1000)),
    logs: w.logs.filter((l) => inWindow(Date.parse(l.ts))),
    exemplars: w.exemplars.filter((e) => inWindow(e.tsMs)),
    missingTraceIds: [SAMPLED_OUT, NEVER_SEEN],
  };
}

/** What a finding is about, regardless of when: how the two runs' findings are paired. */
const about = (a: Anomaly) => canonicalJson({ kind: a.kind, subject: a.subject.series ?? a.subject.traceId ?? null, service: a.service ?? null, aggregate: a.evidence.aggregate === true });

const W = ANCHOR - 5 * MIN;
const CLIPPED = ['log_without_trace_context', 'leak']; // their start is the window's
const AGGREGATES = ['orphan_span', 'multiple_roots', 'clock_skew', 'mesh_only_hop'];
const ON_GRID = ['gc_storm', 'error_burst', 'latency_spike']; // the evaluation grid ends at `now`
const cases = [
  { name: 'shifted by 5 min over the same data', shiftMs: 5 * MIN, sliced: false, startsMoved: CLIPPED },
  { name: 'shifted by 5 min, each run fetching only its window', shiftMs: 5 * MIN, sliced: true, startsMoved: [...CLIPPED, ...AGGREGATES] },
  { name: 'shifted by 5 min 1.234 s (now between two scrapes), each fetching its window', shiftMs: 5 * MIN + 1234, sliced: true, startsMoved: [...CLIPPED, ...AGGREGATES, ...ON_GRID] },
];

describe.each(cases)('ids of two runs $name', ({ shiftMs, sliced, startsMoved }) => {
  const w = world();
  const first = runDetectors(inputFor(w, W - 60 * MIN, W, sliced));
  const second = runDetectors(inputFor(w, W - 60 * MIN + shiftMs, W + shiftMs, sliced));
  const pairs = (kind: string) => {
    const later = new Map(second.anomalies.filter((a) => a.kind === kind).map((a) => [about(a), a]));
    return first.anomalies.filter((a) => a.kind === kind && later.has(about(a))).map((a) => [a, later.get(about(a))!] as const);
  };

  it('runs every detector without errors', () => {
    expect(first.errors).toEqual([]);
    expect(second.errors).toEqual([]);
  });

  it.each([...ANOMALY_KINDS])('%s: the same finding keeps its id', (kind) => {
    const matched = pairs(kind);
    expect(matched.length).toBeGreaterThan(0);
    for (const [a, b] of matched) expect(b.id).toBe(a.id);
  });

  it('keeps the ids although the window moved the start of the clipped, ongoing problems', () => {
    const moved = ANOMALY_KINDS.flatMap((k) => pairs(k)).filter(([a, b]) => a.start !== b.start).map(([a]) => a.kind);
    expect([...new Set(moved)].sort()).toEqual([...startsMoved].sort());
  });

  it('gives distinct findings distinct ids', () => {
    for (const run of [first, second]) expect(new Set(run.anomalies.map((a) => a.id)).size).toBe(run.anomalies.length);
  });
});
