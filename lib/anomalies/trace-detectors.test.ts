import { describe, expect, it } from 'vitest';
import { clockSkewDetector, multipleRootsDetector, orphanSpanDetector } from './trace-detectors';
import { child, deepFreeze, emptyInput, MIN, span, T0, traceOf } from './test-helpers';
import { DEFAULT_DETECTOR_OPTIONS as OPTS } from './types';

const tid = (n: number) => n.toString(16).padStart(32, 'a');
const LATER = T0 + 60 * MIN; // traces at T0 are an hour old: not "recent"

function orderTrace(n: number, orphan: boolean) {
  const root = span(tid(n), { service: 'frontend', operation: 'POST /order', durMs: 300 });
  const call = child(root, { service: 'frontend', kind: 'client', operation: 'order.Create', startMs: 10, durMs: 200 });
  const handler = child(call, { service: 'order-service', kind: 'server', operation: 'Create', startMs: 15, durMs: 150 });
  const spans = [root, call, handler];
  if (orphan) {
    spans.push(span(tid(n), { service: 'order-service', kind: 'internal', operation: 'sendReceipt', parentSpanId: 'ffffffffffffffff', startMs: 400, durMs: 50 }));
  }
  return traceOf(spans);
}

describe('orphan_span', () => {
  it('finds a span whose parent is missing and blames an async boundary when it outlives the handler', () => {
    const input = emptyInput({ nowMs: LATER, traces: [orderTrace(1, true)] });
    const [a] = orphanSpanDetector.detect(input, OPTS);
    expect(a.kind).toBe('orphan_span');
    expect(a.service).toBe('order-service');
    expect(a.evidence.cause).toBe('async_context_lost');
    expect(a.evidence.missingParentId).toBe('ffffffffffffffff');
    expect(a.explanation).toMatch(/async boundary/);
    expect(a.links[0].href).toBe(`/trace/${tid(1)}`);
  });

  it('says late arrival when the trace started under two minutes ago, keeping the settled cause', () => {
    const input = emptyInput({ nowMs: T0 + 30_000, traces: [orderTrace(1, true)] });
    const [a] = orphanSpanDetector.detect(input, OPTS);
    expect(a.evidence.cause).toBe('late_arrival');
    expect(a.evidence.settledCause).toBe('async_context_lost');
    expect(a.severity).toBe('info');
    expect(a.explanation).toMatch(/reload the trace/);
  });

  it('calls a server span enclosed by another service\'s client span an uninstrumented hop', () => {
    const root = span(tid(9), { service: 'frontend', kind: 'client', durMs: 500 });
    const server = span(tid(9), { service: 'billing', kind: 'server', parentSpanId: '1234123412341234', startMs: 20, durMs: 100 });
    const [a] = orphanSpanDetector.detect(emptyInput({ nowMs: LATER, traces: [traceOf([root, server])] }), OPTS);
    expect(a.evidence.cause).toBe('uninstrumented_hop');
  });

  it('falls back to a sampled-out parent when no span could be the caller', () => {
    const lone = span(tid(8), { service: 'billing', kind: 'server', parentSpanId: '1234123412341234' });
    const [a] = orphanSpanDetector.detect(emptyInput({ nowMs: LATER, traces: [traceOf([lone])] }), OPTS);
    expect(a.evidence.cause).toBe('sampled_out_parent');
  });

  it('reports nothing for complete traces', () => {
    expect(orphanSpanDetector.detect(emptyInput({ nowMs: LATER, traces: [orderTrace(2, false)] }), OPTS)).toEqual([]);
  });

  it('aggregates per service: broken-link rate over sampled traces and top offenders', () => {
    const traces = Array.from({ length: 10 }, (_, i) => orderTrace(100 + i, i < 4));
    const found = orphanSpanDetector.detect(emptyInput({ nowMs: LATER, traces }), OPTS);
    const agg = found.find((a) => a.evidence.aggregate === true)!;
    expect(agg.service).toBe('order-service');
    expect(agg.evidence.tracesSampled).toBe(10);
    expect(agg.evidence.tracesAffected).toBe(4);
    expect(agg.evidence.brokenLinkRate).toBeCloseTo(0.4);
    expect((agg.evidence.topOffenders as unknown[]).length).toBe(4);
    expect(agg.title).toContain('40 %');
    expect(found.filter((a) => !a.evidence.aggregate)).toHaveLength(4);
  });

  it('is deterministic and leaves its input untouched', () => {
    const input = deepFreeze(emptyInput({ nowMs: LATER, traces: [orderTrace(3, true)] }));
    expect(orphanSpanDetector.detect(input, OPTS)).toEqual(orphanSpanDetector.detect(input, OPTS));
  });
});

describe('multiple_roots', () => {
  it('flags a trace with two parentless spans and names the async cause for a consumer root', () => {
    const a = span(tid(20), { service: 'api', kind: 'server' });
    const b = span(tid(20), { service: 'worker', kind: 'consumer', startMs: 200 });
    const [f] = multipleRootsDetector.detect(emptyInput({ nowMs: LATER, traces: [traceOf([a, b])] }), OPTS);
    expect(f.kind).toBe('multiple_roots');
    expect(f.service).toBe('worker');
    expect(f.evidence.cause).toBe('async_context_lost');
    expect(f.subject.spanIds).toEqual([a.spanId, b.spanId].sort());
  });
  it('ignores single-root traces', () => {
    expect(multipleRootsDetector.detect(emptyInput({ nowMs: LATER, traces: [orderTrace(21, true)] }), OPTS)).toEqual([]);
  });
});

describe('clock_skew', () => {
  it('flags a server span starting well before its client parent on another host', () => {
    const root = span(tid(30), { service: 'frontend', kind: 'client', startMs: 1000, durMs: 100, processTags: { 'host.name': 'a' } });
    const early = child(root, { service: 'inventory', kind: 'server', startMs: 400, durMs: 50, processTags: { 'host.name': 'b' } });
    const [f] = clockSkewDetector.detect(emptyInput({ nowMs: LATER, traces: [traceOf([root, early])] }), OPTS);
    expect(f.kind).toBe('clock_skew');
    expect(f.service).toBe('inventory');
    expect(f.evidence.cause).toBe('host_clock_skew');
    expect(f.explanation).toMatch(/starts 600 ms before its parent/);
  });
  it('accepts small offsets and async children that outlive their parent', () => {
    const root = span(tid(31), { service: 'api', kind: 'server', durMs: 100 });
    const slightlyEarly = child(root, { service: 'db', kind: 'server', startMs: -5, durMs: 50 }); // under the 10 ms threshold
    const background = child(root, { service: 'api', kind: 'internal', startMs: 50, durMs: 5000 });
    expect(clockSkewDetector.detect(emptyInput({ nowMs: LATER, traces: [traceOf([root, slightlyEarly, background])] }), OPTS)).toEqual([]);
  });
});
