/**
 * Per-trace structure checks: orphans (grouped by missing parent), extra roots, and
 * children outside their parent's time. Each broken link gets its most likely cause.
 */
import type { Span, Trace } from '../model/types';
import type { TraceOptions } from './types';
import { appendTo } from '../model/group';

export type LinkCause = 'late_arrival' | 'async_context_lost' | 'uninstrumented_hop' | 'sampled_out_parent';

export interface OrphanGroup {
  missingParentId: string;
  spans: Span[];
  cause: LinkCause;
  /** The cause that applies if the trace is complete (differs from `cause` only for late arrival). */
  settledCause: Exclude<LinkCause, 'late_arrival'>;
  reasoning: string;
}

export interface SkewedSpan {
  child: Span;
  parent: Span;
  /** ms the child starts before its parent (positive = skewed). */
  startsEarlyMs: number;
  /** ms the child ends after its parent, only for synchronous client→server pairs. */
  endsLateMs: number;
  sameHost: boolean;
}

export interface TraceAnalysis {
  trace: Trace;
  startMs: number;
  endMs: number;
  recent: boolean;
  orphans: OrphanGroup[];
  roots: Span[];
  skewed: SkewedSpan[];
}

const endUs = (s: Span): number => s.startUs + s.durationUs;
const ASYNC_KINDS = new Set(['internal', 'producer', 'consumer']);

function hostOf(s: Span): string | null {
  for (const key of ['host.name', 'hostname', 'ip', 'host.id', 'k8s.pod.name']) {
    const v = s.processTags[key];
    if (v !== undefined) return String(v);
  }
  return null;
}

function classifyOrphan(span: Span, trace: Trace, orphanIds: Set<string>): { cause: OrphanGroup['settledCause']; reasoning: string } {
  const followsFrom = span.references.some((r) => r.type === 'FOLLOWS_FROM' && r.spanId === span.parentSpanId);
  const present = trace.spans.filter((s) => !orphanIds.has(s.spanId) && s !== span);
  const handlerEnded = present.some((s) => s.service === span.service && s.startUs <= span.startUs && endUs(s) <= span.startUs);
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
  const caller = present.find(
    (s) => s.kind === 'client' && s.service !== span.service && s.startUs <= span.startUs && endUs(s) >= endUs(span),
  );
  if (caller && (span.kind === 'server' || span.kind === 'consumer')) {
    return {
      cause: 'uninstrumented_hop',
      reasoning: `Most likely an uninstrumented hop: ${caller.service}'s client span "${caller.operation}" encloses it in time, yet its parent is a different span id, so something in between (proxy, mesh sidecar, gateway) forwarded the context with its own span id and never reported that span.`,
    };
  }
  return {
    cause: 'sampled_out_parent',
    reasoning: `Most likely the parent was sampled out or dropped: no span in the trace could be its caller, so the service that created the parent did not export it (different sampling decision, tail sampling, or an exporter that dropped spans).`,
  };
}

function findSkews(trace: Trace, byId: Map<string, Span>, thresholdMs: number): SkewedSpan[] {
  const out: SkewedSpan[] = [];
  for (const child of trace.spans) {
    const parent = child.parentSpanId ? byId.get(child.parentSpanId) : undefined;
    if (!parent || parent === child) continue;
    const startsEarlyMs = (parent.startUs - child.startUs) / 1000;
    // Only a synchronous RPC pair must end inside its parent; async children may outlive it.
    const sync = parent.kind === 'client' && child.kind === 'server';
    const endsLateMs = sync ? (endUs(child) - endUs(parent)) / 1000 : 0;
    if (startsEarlyMs > thresholdMs || endsLateMs > thresholdMs) {
      const h1 = hostOf(child);
      const h2 = hostOf(parent);
      out.push({ child, parent, startsEarlyMs, endsLateMs, sameHost: h1 !== null ? h1 === h2 : child.service === parent.service });
    }
  }
  return out;
}

export function analyzeTrace(trace: Trace, nowMs: number, options: TraceOptions): TraceAnalysis {
  const byId = new Map(trace.spans.map((s) => [s.spanId, s] as const));
  const startMs = Math.min(...trace.spans.map((s) => s.startUs)) / 1000;
  const endMs = Math.max(...trace.spans.map(endUs)) / 1000;
  const recent = nowMs - startMs < options.lateArrivalMs;
  const orphanSpans = trace.spans.filter((s) => s.parentSpanId !== null && !byId.has(s.parentSpanId));
  const orphanIds = new Set(orphanSpans.map((s) => s.spanId));
  const groups = new Map<string, Span[]>();
  for (const s of orphanSpans) appendTo(groups, s.parentSpanId!, s);
  const orphans: OrphanGroup[] = [...groups].map(([missingParentId, spans]) => {
    const first = [...spans].sort((a, b) => a.startUs - b.startUs)[0];
    const settled = classifyOrphan(first, trace, orphanIds);
    return {
      missingParentId,
      spans,
      cause: recent ? 'late_arrival' : settled.cause,
      settledCause: settled.cause,
      reasoning: recent
        ? `The trace started less than ${Math.round(options.lateArrivalMs / 1000)} s ago, so the parent may simply not have arrived yet (late arrival): reload the trace in a minute. If it is still missing then: ${settled.reasoning}`
        : settled.reasoning,
    };
  });
  return {
    trace,
    startMs: Number.isFinite(startMs) ? startMs : 0,
    endMs: Number.isFinite(endMs) ? endMs : 0,
    recent,
    orphans,
    roots: trace.spans.filter((s) => s.parentSpanId === null),
    skewed: findSkews(trace, byId, options.clockSkewThresholdMs),
  };
}
