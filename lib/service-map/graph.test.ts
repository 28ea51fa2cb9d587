import { describe, expect, it } from 'vitest';
import type { Span, Trace } from '../model/types';
import { buildServiceGraph, neighbours } from './graph';
import { layoutGraph, NODE_HEIGHT, NODE_WIDTH } from './layout';
import { bigGraph } from './test-fixture';

let seq = 0;
function span(traceId: string, service: string, parent: Span | null, over: Partial<Span> = {}): Span {
  seq += 1;
  const parentSpanId = over.parentSpanId !== undefined ? over.parentSpanId : (parent?.spanId ?? null);
  return {
    traceId, spanId: seq.toString(16).padStart(16, '0'), parentSpanId, references: parentSpanId ? [{ type: 'CHILD_OF', traceId, spanId: parentSpanId }] : [],
    service, operation: 'op', kind: 'server', startUs: (parent?.startUs ?? 1_000_000) + 10, durationUs: 1_000, status: 'unset', tags: {}, processTags: {}, events: [], warnings: [], ...over,
  };
}

/** gateway → orders → (payments, failing once); orders also runs a background job whose parent was never reported. */
function checkout(id: string, paymentFails: boolean): Trace {
  const traceId = id.padStart(32, '0');
  const gw = span(traceId, 'gateway', null, { durationUs: 10_000 });
  const orders = span(traceId, 'orders', gw, { durationUs: 8_000 });
  const pay = span(traceId, 'payments', orders, { status: paymentFails ? 'error' : 'unset' });
  const job = span(traceId, 'orders', null, { parentSpanId: 'dead00000000beef', kind: 'producer', startUs: orders.startUs + 7_000 });
  return { traceId, spans: [gw, orders, pay, job], warnings: [] };
}

describe('service graph from sampled traces', () => {
  const traces = [checkout('1', true), checkout('2', false), checkout('3', false), checkout('4', false)];

  it('counts calls per hop and the callee error share', () => {
    const g = buildServiceGraph(traces, null);
    expect(g.source).toBe('sampled_traces');
    const pay = g.edges.find((e) => e.parent === 'orders' && e.child === 'payments')!;
    expect(pay).toMatchObject({ calls: 4, sampledCalls: 4, sampledErrors: 1, errorShare: 0.25 });
  });

  it('marks the hop on which context was lost: the request that entered the orphan\'s service', () => {
    const g = buildServiceGraph(traces, null);
    expect(g.edges.find((e) => e.parent === 'gateway' && e.child === 'orders')?.brokenLinks).toBe(4);
    expect(g.edges.find((e) => e.child === 'payments')?.brokenLinks).toBe(0);
    expect(g.nodes.find((n) => n.name === 'orders')?.orphanSpans).toBe(4);
  });

  it('marks an uninstrumented hop: the other service\'s client span that encloses the orphan', () => {
    const traceId = 'a'.padStart(32, '0');
    const web = span(traceId, 'web', null, { durationUs: 5_000 });
    const call = span(traceId, 'web', web, { kind: 'client', durationUs: 4_000 });
    const api = span(traceId, 'api', null, { parentSpanId: 'feed00000000cafe', startUs: call.startUs + 100, durationUs: 1_000 });
    const g = buildServiceGraph([{ traceId, spans: [web, call, api], warnings: [] }], null);
    expect(g.edges).toEqual([expect.objectContaining({ parent: 'web', child: 'api', sampledCalls: 0, brokenLinks: 1, errorShare: null })]);
  });

  it('takes call counts from Jaeger\'s dependencies when it answers, keeping sampled errors and marks', () => {
    const g = buildServiceGraph(traces, [{ parent: 'orders', child: 'payments', callCount: 900 }, { parent: 'gateway', child: 'orders', callCount: 1000 }]);
    expect(g.source).toBe('jaeger_dependencies');
    expect(g.edges.find((e) => e.child === 'payments')).toMatchObject({ calls: 900, errorShare: 0.25 });
    expect(neighbours(g, 'orders')).toMatchObject({ callers: [{ parent: 'gateway', calls: 1000 }], callees: [{ child: 'payments', calls: 900 }] });
  });

  it('an empty dependencies answer falls back to the sampled counts', () => {
    expect(buildServiceGraph(traces, []).source).toBe('sampled_traces');
  });
});

describe('map layout', () => {
  it('places 50 services with 200 edges without overlapping nodes, callers left of callees', () => {
    const { nodes, edges } = bigGraph();
    const pos = layoutGraph(nodes, edges);
    expect(pos).toHaveLength(50);
    for (let i = 0; i < pos.length; i++)
      for (let j = i + 1; j < pos.length; j++) {
        const overlap = Math.abs(pos[i].x - pos[j].x) < NODE_WIDTH && Math.abs(pos[i].y - pos[j].y) < NODE_HEIGHT;
        expect(overlap, `${pos[i].name} overlaps ${pos[j].name}`).toBe(false);
      }
    const x = new Map(pos.map((p) => [p.name, p.x]));
    for (const e of edges) expect(x.get(e.parent)!).toBeLessThan(x.get(e.child)!);
  });
});
