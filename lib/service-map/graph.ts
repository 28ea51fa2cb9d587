/**
 * The service dependency graph: call counts per caller → callee hop, their error share
 * and, Triangulate's own addition, the hops where trace context is lost (orphan spans
 * whose missing parent would sit on that hop). Counted from sampled traces; Jaeger's
 * dependencies endpoint, where it answers, replaces the call counts (it sees every trace).
 */
import { analyzeTrace, type SpanNode, type TraceView } from '../correlate/trace-model';
import type { Trace } from '../model/types';

export interface ServiceEdge {
  parent: string;
  child: string;
  /** Calls over the range: Jaeger's count when it answered, else those in the sampled traces. */
  calls: number;
  /** Calls in the sampled traces, and how many of those ended in an error on the callee. */
  sampledCalls: number;
  sampledErrors: number;
  /** Error share of the sampled calls; null when none was sampled. */
  errorShare: number | null;
  /** Orphan spans attributed to this hop (context lost between caller and callee). */
  brokenLinks: number;
}

export interface ServiceNode {
  name: string;
  spans: number;
  errorSpans: number;
  /** Orphan spans of this service, whether or not a hop could be named for them. */
  orphanSpans: number;
}

export type GraphSource = 'jaeger_dependencies' | 'sampled_traces';

export interface ServiceGraph {
  source: GraphSource;
  sampledTraces: number;
  nodes: ServiceNode[];
  edges: ServiceEdge[];
}

const edgeKey = (parent: string, child: string) => `${parent}\u0000${child}`;

/**
 * The hop on which an orphan's parent was lost: the other service's client span that
 * encloses it in time (an uninstrumented hop), else the hop by which the request entered
 * the orphan's own service (its context was dropped inside that service, e.g. on a
 * goroutine or queue). Null when neither exists (the orphan's service is the entry point).
 */
export function brokenHop(view: TraceView, orphan: SpanNode): { parent: string; child: string } | null {
  const svc = orphan.span.service;
  let handler: SpanNode | null = null;
  for (const n of view.spans) {
    if (n.isOrphan || n === orphan) continue;
    if (n.span.service !== svc && n.span.kind === 'client' && n.startUs <= orphan.startUs && n.endUs >= orphan.endUs) return { parent: n.span.service, child: svc };
    if (n.span.service === svc && n.startUs <= orphan.startUs && (!handler || n.startUs > handler.startUs)) handler = n;
  }
  // Climb to the first span of this service on the handler's path: its parent is the caller.
  let top = handler;
  while (top?.parentKey) {
    const parent = view.byKey.get(top.parentKey);
    if (!parent) break;
    if (parent.span.service !== svc) return { parent: parent.span.service, child: svc };
    top = parent;
  }
  return null;
}

interface Tally {
  nodes: Map<string, ServiceNode>;
  edges: Map<string, ServiceEdge>;
}

function node(t: Tally, name: string): ServiceNode {
  let n = t.nodes.get(name);
  if (!n) t.nodes.set(name, (n = { name, spans: 0, errorSpans: 0, orphanSpans: 0 }));
  return n;
}

function edge(t: Tally, parent: string, child: string): ServiceEdge {
  const key = edgeKey(parent, child);
  let e = t.edges.get(key);
  if (!e) t.edges.set(key, (e = { parent, child, calls: 0, sampledCalls: 0, sampledErrors: 0, errorShare: null, brokenLinks: 0 }));
  node(t, parent);
  node(t, child);
  return e;
}

function addTrace(t: Tally, trace: Trace): void {
  const view = analyzeTrace(trace);
  for (const n of view.spans) {
    const s = n.span;
    const own = node(t, s.service);
    own.spans += 1;
    if (s.status === 'error') own.errorSpans += 1;
    const parent = n.parentKey ? view.byKey.get(n.parentKey) : undefined;
    if (parent && parent.span.service !== s.service) {
      const e = edge(t, parent.span.service, s.service);
      e.sampledCalls += 1;
      if (s.status === 'error') e.sampledErrors += 1;
    }
    if (n.isOrphan) {
      own.orphanSpans += 1;
      const hop = brokenHop(view, n);
      if (hop) edge(t, hop.parent, hop.child).brokenLinks += 1;
    }
  }
}

/** The graph of the sampled traces, with Jaeger's call counts laid over it when given. */
export function buildServiceGraph(traces: readonly Trace[], dependencies: readonly { parent: string; child: string; callCount: number }[] | null): ServiceGraph {
  const t: Tally = { nodes: new Map(), edges: new Map() };
  for (const trace of traces) addTrace(t, trace);
  const useDeps = dependencies !== null && dependencies.length > 0;
  if (useDeps) for (const d of dependencies) if (d.parent !== d.child || d.callCount > 0) edge(t, d.parent, d.child).calls += d.callCount;
  const edges = [...t.edges.values()].map((e) => ({
    ...e,
    calls: useDeps ? e.calls : e.sampledCalls,
    errorShare: e.sampledCalls > 0 ? e.sampledErrors / e.sampledCalls : null,
  }));
  // Hops known only from broken links (no sampled call, no Jaeger count) still show, marked.
  return {
    source: useDeps ? 'jaeger_dependencies' : 'sampled_traces',
    sampledTraces: traces.length,
    nodes: [...t.nodes.values()].sort((a, b) => a.name.localeCompare(b.name)),
    edges: edges.sort((a, b) => a.parent.localeCompare(b.parent) || a.child.localeCompare(b.child)),
  };
}

/** One service's callers and callees, busiest first. */
export function neighbours(graph: ServiceGraph, service: string): { callers: ServiceEdge[]; callees: ServiceEdge[] } {
  const byCalls = (a: ServiceEdge, b: ServiceEdge) => b.calls - a.calls;
  return {
    callers: graph.edges.filter((e) => e.child === service && e.parent !== service).sort(byCalls),
    callees: graph.edges.filter((e) => e.parent === service && e.child !== service).sort(byCalls),
  };
}
