import type { Span, Trace } from '../model/types';
import { criticalPath, type CriticalSection } from './critical-path';
import { serviceColor } from './service-colors';
import { resolveParents, type ResolvedSpan } from './trace-parents';

/**
 * The analysed, render-ready form of a trace: tree order, depth, roots, orphans,
 * duplicates, FOLLOWS_FROM edges, clock skew, critical path and service colours. The
 * input trace is never mutated; nodes point at the original span objects.
 */

export interface SpanNode {
  /** Unique in the view: the span id, or `<spanId>_<n>` for the n-th duplicate (as Jaeger UI). */
  key: string;
  spanId: string;
  span: Span;
  /** Key of the resolved parent in this trace. */
  parentKey: string | null;
  parentLink: 'CHILD_OF' | 'FOLLOWS_FROM' | null;
  /** Children keys in tree order (start time). */
  childKeys: string[];
  depth: number;
  /** Start repaired like Jaeger UI (missing/0/NaN inherits the parent's); µs. */
  startUs: number;
  endUs: number;
  /** Has a parent reference, but no referenced span is in the trace: rendered as a root. */
  isOrphan: boolean;
  /** Second or later span with an id already seen. */
  isDuplicate: boolean;
  critical: boolean;
  /** Findings of this analysis (Jaeger's own warnings stay in span.warnings). */
  warnings: string[];
}

export interface FollowsFromEdge {
  /** The span that is followed (the cause). */
  fromKey: string;
  /** The span holding the FOLLOWS_FROM reference. */
  toKey: string;
}

export interface ClockSkewFinding {
  key: string;
  spanId: string;
  parentKey: string;
  /** How far the child starts before its parent (µs, > threshold) or 0. */
  startsBeforeParentUs: number;
  /** How far a CHILD_OF child ends after its parent (µs, > threshold) or 0. */
  endsAfterParentUs: number;
}

export interface TraceServiceInfo {
  name: string;
  color: string;
  spanCount: number;
  errorCount: number;
}

export interface TraceView {
  traceId: string;
  /** Depth-first, siblings by start time. */
  spans: SpanNode[];
  byKey: ReadonlyMap<string, SpanNode>;
  /** First node of each span id (duplicates are reachable through `spans`). */
  bySpanId: ReadonlyMap<string, SpanNode>;
  /** Top-level rows in render order: true roots and orphans, by start. */
  rootKeys: string[];
  /** Span ids of spans without any parent reference. */
  rootSpanIds: string[];
  /** Span ids of spans whose parent is not in the trace. */
  orphanSpanIds: string[];
  duplicateSpanIds: string[];
  followsFrom: FollowsFromEdge[];
  clockSkew: ClockSkewFinding[];
  /** Sections of the critical path of the main root, latest first. */
  criticalPath: CriticalSection[];
  services: TraceServiceInfo[];
  startUs: number;
  endUs: number;
  durationUs: number;
  warnings: string[];
}

export interface AnalyzeOptions {
  /** Clock skew is reported beyond this tolerance (µs). */
  skewThresholdUs?: number;
}

export const DEFAULT_SKEW_THRESHOLD_US = 1_000;

const byStart = (a: ResolvedSpan, b: ResolvedSpan) => a.rawStartUs - b.rawStartUs || a.index - b.index;

export function analyzeTrace(trace: Trace, opts: AnalyzeOptions = {}): TraceView {
  const threshold = opts.skewThresholdUs ?? DEFAULT_SKEW_THRESHOLD_US;
  const resolved = resolveParents(trace);

  const children = new Map<string, ResolvedSpan[]>();
  const tops: ResolvedSpan[] = [];
  for (const r of resolved.spans) {
    if (r.parentKey === null) tops.push(r);
    else {
      const list = children.get(r.parentKey);
      if (list) list.push(r);
      else children.set(r.parentKey, [r]);
    }
  }
  tops.sort(byStart);

  const nodes: SpanNode[] = [];
  const byKey = new Map<string, SpanNode>();
  const bySpanId = new Map<string, SpanNode>();
  const stack: { r: ResolvedSpan; parent: SpanNode | null }[] = [];
  for (let i = tops.length - 1; i >= 0; i--) stack.push({ r: tops[i], parent: null });
  while (stack.length > 0) {
    const { r, parent } = stack.pop()!;
    const startUs = r.hasValidStart ? r.rawStartUs : (parent?.startUs ?? resolved.minStartUs);
    const node: SpanNode = {
      key: r.key,
      spanId: r.span.spanId,
      span: r.span,
      parentKey: parent ? parent.key : null,
      parentLink: parent ? r.parentLink : null,
      childKeys: [],
      depth: parent ? parent.depth + 1 : 0,
      startUs,
      endUs: startUs + r.durationUs,
      isOrphan: r.isOrphan,
      isDuplicate: r.isDuplicate,
      critical: false,
      warnings: [...r.warnings],
    };
    nodes.push(node);
    byKey.set(node.key, node);
    if (!bySpanId.has(node.spanId)) bySpanId.set(node.spanId, node);
    parent?.childKeys.push(node.key);
    const kids = children.get(r.key);
    if (kids) {
      // Invalid starts sort as the parent's start, the value they inherit.
      const at = (k: ResolvedSpan) => (k.hasValidStart ? k.rawStartUs : startUs);
      kids.sort((a, b) => at(a) - at(b) || a.index - b.index);
      for (let i = kids.length - 1; i >= 0; i--) stack.push({ r: kids[i], parent: node });
    }
  }

  const clockSkew: ClockSkewFinding[] = [];
  for (const node of nodes) {
    if (!node.parentKey) continue;
    const parent = byKey.get(node.parentKey)!;
    const before = parent.startUs - node.startUs;
    const after = node.parentLink === 'CHILD_OF' ? node.endUs - parent.endUs : 0;
    if (before > threshold || after > threshold) {
      clockSkew.push({
        key: node.key,
        spanId: node.spanId,
        parentKey: parent.key,
        startsBeforeParentUs: before > threshold ? before : 0,
        endsAfterParentUs: after > threshold ? after : 0,
      });
      node.warnings.push(
        before > threshold
          ? `starts ${before} µs before its parent (clock skew?)`
          : `ends ${after} µs after its parent (clock skew or unawaited work)`,
      );
    }
  }

  const rootKeys = tops.map((r) => r.key);
  const mainRoot = tops.find((r) => !r.isOrphan) ?? tops[0];
  const sections = mainRoot ? criticalPath(mainRoot.key, byKey) : [];
  for (const s of sections) byKey.get(s.key)!.critical = true;

  let startUs = Infinity;
  let endUs = -Infinity;
  const services = new Map<string, TraceServiceInfo>();
  for (const node of nodes) {
    if (node.startUs < startUs) startUs = node.startUs;
    if (node.endUs > endUs) endUs = node.endUs;
    const name = node.span.service;
    let info = services.get(name);
    if (!info) services.set(name, (info = { name, color: serviceColor(name), spanCount: 0, errorCount: 0 }));
    info.spanCount++;
    if (node.span.status === 'error') info.errorCount++;
  }
  if (nodes.length === 0) startUs = endUs = 0;

  return {
    traceId: trace.traceId,
    spans: nodes,
    byKey,
    bySpanId,
    rootKeys,
    rootSpanIds: unique(tops.filter((r) => !r.isOrphan).map((r) => r.span.spanId)),
    orphanSpanIds: unique(tops.filter((r) => r.isOrphan).map((r) => r.span.spanId)),
    duplicateSpanIds: resolved.duplicateSpanIds,
    followsFrom: resolved.followsFrom,
    clockSkew,
    criticalPath: sections,
    services: [...services.values()],
    startUs,
    endUs,
    durationUs: endUs - startUs,
    warnings: [...(trace.warnings ?? [])],
  };
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}
