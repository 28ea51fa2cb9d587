/**
 * What the trace detectors add to the one trace analysis (lib/correlate/trace-model.ts,
 * docs/anomalies.md "Trace analysis"): orphans grouped by their missing parent, the split
 * roots and the skewed spans, each with its most likely cause. Which span is an orphan, a
 * root or skewed is decided there, never here, so the page and the findings agree.
 */
import type { Span, SpanKind, Trace } from '../model/types';
import { CLOCK_SKEW_THRESHOLD_US, type SpanNode, type TraceView } from '../correlate/trace-model';
import type { TraceOptions } from './types';
import { appendTo } from '../model/group';

export type LinkCause = 'late_arrival' | 'async_context_lost' | 'uninstrumented_hop' | 'sampled_out_parent' | 'parent_cycle';

export interface OrphanGroup {
  /** The parent id the spans name that is not in the trace; null when their parent links loop. */
  missingParentId: string | null;
  spans: Span[];
  cause: LinkCause;
  /** The cause that applies if the trace is complete (differs from `cause` only for late arrival). */
  settledCause: Exclude<LinkCause, 'late_arrival'>;
  reasoning: string;
}

export interface SkewedSpan {
  child: Span;
  parent: Span;
  /** ms the child starts before its parent (0 when within the threshold). */
  startsEarlyMs: number;
  /** ms a server span ends after its calling client span (0 when within the threshold). */
  endsLateMs: number;
  sameHost: boolean;
}

export interface TraceCauses {
  trace: Trace;
  startMs: number;
  endMs: number;
  recent: boolean;
  orphans: OrphanGroup[];
  /** The trace's roots (one per span id), earliest first; more than one means a split trace. */
  roots: Span[];
  skewed: SkewedSpan[];
}

export const CLOCK_SKEW_THRESHOLD_MS = CLOCK_SKEW_THRESHOLD_US / 1000;

const ASYNC_KINDS = new Set<SpanKind>(['internal', 'producer', 'consumer']);

function hostOf(s: Span): string | null {
  for (const key of ['host.name', 'hostname', 'ip', 'host.id', 'k8s.pod.name']) {
    const v = s.processTags[key];
    if (v !== undefined) return String(v);
  }
  return null;
}

/** What the cause heuristics ask of the spans that are in the tree, computed once per trace. */
interface Attached {
  /** Per service, the earliest end of its attached spans: a handler that had finished by then. */
  earliestEnd: Map<string, number>;
  clients: SpanNode[];
}

function attachedSpans(view: TraceView): Attached {
  const earliestEnd = new Map<string, number>();
  const clients: SpanNode[] = [];
  for (const n of view.spans) {
    if (n.isOrphan) continue;
    const svc = n.span.service;
    if (!(n.endUs >= (earliestEnd.get(svc) ?? Infinity))) earliestEnd.set(svc, n.endUs);
    if (n.span.kind === 'client') clients.push(n);
  }
  return { earliestEnd, clients };
}

const CYCLE_REASONING =
  'Its parent links loop (a span names itself, or spans name each other, as parent), which no tracer produces: most likely duplicate span ids (an id generator collision, or two exporters reporting the same span) or a collector that rewrote parent ids.';

function classifyOrphan(node: SpanNode, missingParentId: string, attached: Attached): { cause: OrphanGroup['settledCause']; reasoning: string } {
  const span = node.span;
  const followsFrom = span.references.some((r) => r.type === 'FOLLOWS_FROM' && r.spanId === missingParentId);
  // A span of the same service that had already ended when this one started: the request's handler.
  const handlerEnded = (attached.earliestEnd.get(span.service) ?? Infinity) <= node.startUs;
  if (followsFrom || (ASYNC_KINDS.has(span.kind) && (handlerEnded || span.kind !== 'internal'))) {
    const why = followsFrom
      ? 'it is linked to its parent by FOLLOWS_FROM (work handed off, not awaited)'
      : handlerEnded
        ? `it is a ${span.kind} span that starts after ${span.service}'s request span had already finished`
        : `it is a ${span.kind} span`;
    return {
      cause: 'async_context_lost',
      reasoning: `Most likely the trace context was lost across an async boundary: ${why}, so the work ran on a goroutine/thread/queue that did not carry the request's span as parent.`,
    };
  }
  const caller = attached.clients.find((c) => c.span.service !== span.service && c.startUs <= node.startUs && c.endUs >= node.endUs);
  if (caller && (span.kind === 'server' || span.kind === 'consumer')) {
    return {
      cause: 'uninstrumented_hop',
      reasoning: `Most likely an uninstrumented hop: ${caller.span.service}'s client span "${caller.span.operation}" encloses it in time, yet its parent is a different span id, so something in between (proxy, mesh sidecar, gateway) forwarded the context with its own span id and never reported that span.`,
    };
  }
  return {
    cause: 'sampled_out_parent',
    reasoning: `Most likely the parent was sampled out or dropped: no span in the trace could be its caller, so the service that created the parent did not export it (different sampling decision, tail sampling, or an exporter that dropped spans).`,
  };
}

function orphanGroups(view: TraceView, recent: boolean, options: TraceOptions): OrphanGroup[] {
  const groups = new Map<string | null, SpanNode[]>();
  for (const n of view.spans) if (n.isOrphan) appendTo(groups, n.missingParentId, n);
  if (groups.size === 0) return [];
  const attached = attachedSpans(view);
  return [...groups].map(([missingParentId, nodes]) => {
    const first = nodes.reduce((a, b) => (b.startUs < a.startUs ? b : a));
    const settled = missingParentId === null ? { cause: 'parent_cycle' as const, reasoning: CYCLE_REASONING } : classifyOrphan(first, missingParentId, attached);
    // A loop is in the spans that arrived; waiting for more does not undo it.
    const late = recent && missingParentId !== null;
    return {
      missingParentId,
      spans: nodes.map((n) => n.span),
      cause: late ? 'late_arrival' : settled.cause,
      settledCause: settled.cause,
      reasoning: late
        ? `The trace started less than ${Math.round(options.lateArrivalMs / 1000)} s ago, so the parent may simply not have arrived yet (late arrival): reload the trace in a minute. If it is still missing then: ${settled.reasoning}`
        : settled.reasoning,
    };
  });
}

function rootSpans(view: TraceView): Span[] {
  const roots: Span[] = [];
  const seen = new Set<string>();
  for (const key of view.rootKeys) {
    const n = view.byKey.get(key)!;
    if (n.isOrphan || seen.has(n.spanId)) continue;
    seen.add(n.spanId);
    roots.push(n.span);
  }
  return roots;
}

function skewedSpans(view: TraceView): SkewedSpan[] {
  return view.clockSkew.map((f) => {
    const child = view.byKey.get(f.key)!.span;
    const parent = view.byKey.get(f.parentKey)!.span;
    const h1 = hostOf(child);
    const h2 = hostOf(parent);
    return {
      child,
      parent,
      startsEarlyMs: f.startsBeforeParentUs / 1000,
      endsLateMs: f.endsAfterParentUs / 1000,
      sameHost: h1 !== null ? h1 === h2 : child.service === parent.service,
    };
  });
}

export function traceCauses(trace: Trace, view: TraceView, nowMs: number, options: TraceOptions): TraceCauses {
  const startMs = view.startUs / 1000;
  const recent = nowMs - startMs < options.lateArrivalMs;
  return {
    trace,
    startMs,
    endMs: view.endUs / 1000,
    recent,
    orphans: orphanGroups(view, recent, options),
    roots: rootSpans(view),
    skewed: skewedSpans(view),
  };
}
