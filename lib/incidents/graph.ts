/**
 * The service dependency graph seen in sampled traces: an edge caller → callee wherever a
 * span's parent belongs to another service. Pure; small enough to send to the browser.
 */
import type { Trace } from '../model/types';

export interface TraceBrief {
  traceId: string;
  startMs: number;
  durationMs: number;
  rootService: string | null;
  rootOperation: string | null;
  services: string[];
}

export interface ServiceEdge {
  caller: string;
  callee: string;
  /** Sampled traces with at least one such call. */
  traces: number;
}

export interface ServiceGraph {
  edges: ServiceEdge[];
  traces: TraceBrief[];
}

export const EMPTY_GRAPH: ServiceGraph = { edges: [], traces: [] };

/** What the incident model reads of a trace (non-empty). */
export function traceBrief(t: Trace): TraceBrief {
  const byId = new Set(t.spans.map((s) => s.spanId));
  const root = t.spans.find((s) => !s.parentSpanId || !byId.has(s.parentSpanId)) ?? null;
  let startUs = Infinity;
  let endUs = -Infinity;
  for (const s of t.spans) {
    startUs = Math.min(startUs, s.startUs);
    endUs = Math.max(endUs, s.startUs + s.durationUs);
  }
  return {
    traceId: t.traceId,
    startMs: startUs / 1000,
    durationMs: (endUs - startUs) / 1000,
    rootService: root?.service ?? null,
    rootOperation: root?.operation ?? null,
    services: [...new Set(t.spans.map((s) => s.service))].sort(),
  };
}

export function serviceGraph(traces: readonly Trace[]): ServiceGraph {
  const edgeCount = new Map<string, ServiceEdge>();
  const briefs: TraceBrief[] = [];
  for (const t of traces) {
    if (t.spans.length === 0) continue;
    const byId = new Map(t.spans.map((s) => [s.spanId, s]));
    const seen = new Set<string>();
    for (const s of t.spans) {
      const parent = s.parentSpanId ? byId.get(s.parentSpanId) : undefined;
      if (!parent || parent.service === s.service) continue;
      const key = `${parent.service}\u0000${s.service}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const e = edgeCount.get(key);
      if (e) e.traces += 1;
      else edgeCount.set(key, { caller: parent.service, callee: s.service, traces: 1 });
    }
    briefs.push(traceBrief(t));
  }
  const edges = [...edgeCount.values()].sort((a, b) => (a.caller + a.callee < b.caller + b.callee ? -1 : 1));
  return { edges, traces: briefs };
}

/** The shortest call path from `from` down to `to` (both included), or null. */
export function callPath(graph: ServiceGraph, from: string, to: string): string[] | null {
  if (from === to) return [from];
  const prev = new Map<string, string>([[from, from]]);
  const queue = [from];
  while (queue.length) {
    const at = queue.shift()!;
    for (const e of graph.edges) {
      if (e.caller !== at || prev.has(e.callee)) continue;
      prev.set(e.callee, at);
      if (e.callee === to) {
        const path = [to];
        while (path[0] !== from) path.unshift(prev.get(path[0])!);
        return path;
      }
      queue.push(e.callee);
    }
  }
  return null;
}

export const isCaller = (graph: ServiceGraph, service: string): boolean => graph.edges.some((e) => e.caller === service);

/** Roots of sampled traces: where users' requests enter. */
export const isEntry = (graph: ServiceGraph, service: string): boolean => graph.traces.some((t) => t.rootService === service);

export const knowsService = (graph: ServiceGraph, service: string): boolean => graph.traces.some((t) => t.services.includes(service));

/**
 * How often `caller`'s traces reach `callee`: the share of sampled traces through the
 * caller that also pass through the callee, and the root operation most of them share.
 */
export function callShare(graph: ServiceGraph, caller: string, callee: string): { share: number; operation: string | null; traces: number } {
  const through = graph.traces.filter((t) => t.services.includes(caller));
  const both = through.filter((t) => t.services.includes(callee));
  const ops = new Map<string, number>();
  for (const t of both) if (t.rootOperation) ops.set(t.rootOperation, (ops.get(t.rootOperation) ?? 0) + 1);
  const operation = [...ops.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? null;
  // The share among traces of that operation: "100 % of sampled checkout traces".
  const ofOp = operation ? through.filter((t) => t.rootOperation === operation) : through;
  const share = ofOp.length ? ofOp.filter((t) => t.services.includes(callee)).length / ofOp.length : 0;
  return { share, operation, traces: both.length };
}
