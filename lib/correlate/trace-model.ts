import type { Span, Trace } from '../model/types';
import { criticalPath, type CriticalSection } from './critical-path';
import { isMeshHop } from './mesh';
import { serviceColor } from './service-colors';
import { NOT_ORPHAN, resolveParents } from './trace-parents';

/**
 * The analysed, render-ready form of a trace: tree order, depth, roots, orphans,
 * duplicates, FOLLOWS_FROM edges, clock skew, critical path and service colours. The
 * input trace is never mutated; nodes point at the original span objects.
 *
 * This is the app's one trace analysis: the trace page and the trace detectors
 * (lib/anomalies/trace-detectors.ts) both read it, so a span the page shows as an orphan,
 * a split root or skewed is exactly what the anomalies list reports (docs/anomalies.md
 * "Trace analysis").
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
  /**
   * Rendered as a root although it names a parent: no referenced span is in the trace
   * (`missingParentId` says which), or the parent links loop (`missingParentId` null).
   */
  isOrphan: boolean;
  missingParentId: string | null;
  /** Second or later span with an id already seen. */
  isDuplicate: boolean;
  /** Emitted by a mesh sidecar (Envoy/Istio), not by the application: ./mesh.ts. */
  meshHop: boolean;
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
  /** How far a server span ends after the client span that called it (µs, > threshold) or 0. */
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

/**
 * A child outside its parent's time by more than this is clock skew, on the page and in
 * the anomalies alike. 10 ms: timestamp resolution (1 ms clocks) and the sync error of
 * NTP/chrony on a LAN or a cloud time service (well under 1 ms) stay far below it, so what
 * is above means a host clock out of sync or timestamps taken wrongly, which a team can
 * fix; and it is small enough to catch skew that visibly turns a fast RPC's waterfall
 * around (the detectors' former 100 ms let a 50 ms skew on a 20 ms call pass).
 */
export const CLOCK_SKEW_THRESHOLD_US = 10_000;

const LINKS = [null, 'CHILD_OF', 'FOLLOWS_FROM'] as const;
const EMPTY: string[] = [];

/**
 * The trace page asks for the trace alone and for the full investigation at once, and the
 * investigation's detectors read it too; all get the same shared Trace object, so its
 * analysis is kept (per object) and done once. Views are never changed after analysis.
 */
const views = new WeakMap<Trace, TraceView>();

export function analyzeTrace(trace: Trace): TraceView {
  let view = views.get(trace);
  if (!view) views.set(trace, (view = analyze(trace)));
  return view;
}

function analyze(trace: Trace): TraceView {
  const threshold = CLOCK_SKEW_THRESHOLD_US;
  const r = resolveParents(trace);
  const n = trace.spans.length;
  // Sort key: a missing start sorts as the start it will inherit (parent's; trace start for roots).
  const rawStart = (i: number, inherited: number) => (Number.isNaN(r.startUs[i]) ? inherited : r.startUs[i]);

  // Children as index lists (CSR layout): offsets per parent into one flat array.
  const childCount = new Int32Array(n + 1);
  const tops: number[] = [];
  for (let i = 0; i < n; i++) {
    if (r.parent[i] === -1) tops.push(i);
    else childCount[r.parent[i] + 1]++;
  }
  for (let i = 0; i < n; i++) childCount[i + 1] += childCount[i];
  const fill = childCount.slice(0, n);
  const flat = new Int32Array(Math.max(0, n - tops.length));
  for (let i = 0; i < n; i++) if (r.parent[i] !== -1) flat[fill[r.parent[i]]++] = i;
  tops.sort((a, b) => rawStart(a, r.minStartUs) - rawStart(b, r.minStartUs) || a - b);

  const nodes: SpanNode[] = [];
  const nodeAt: SpanNode[] = new Array(n);
  const byKey = new Map<string, SpanNode>();
  const stack: number[] = [];
  for (let k = tops.length - 1; k >= 0; k--) stack.push(tops[k]);
  while (stack.length > 0) {
    const i = stack.pop()!;
    const p = r.parent[i];
    const parent = p === -1 ? null : nodeAt[p];
    const startUs = rawStart(i, parent ? parent.startUs : r.minStartUs);
    const node: SpanNode = {
      key: r.keys[i],
      spanId: trace.spans[i].spanId,
      span: trace.spans[i],
      parentKey: parent ? parent.key : null,
      parentLink: LINKS[r.link[i]],
      childKeys: [],
      depth: parent ? parent.depth + 1 : 0,
      startUs,
      endUs: startUs + r.durationUs[i],
      isOrphan: r.orphan[i] !== NOT_ORPHAN,
      missingParentId: r.missingParentId[i] ?? null,
      isDuplicate: r.duplicate[i] === 1,
      meshHop: isMeshHop(trace.spans[i]),
      critical: false,
      warnings: r.warnings[i] ?? EMPTY,
    };
    nodes.push(node);
    nodeAt[i] = node;
    byKey.set(node.key, node);
    parent?.childKeys.push(node.key);
    const from = childCount[i];
    const to = childCount[i + 1];
    if (to > from) {
      const kids = Array.from(flat.subarray(from, to));
      kids.sort((a, b) => rawStart(a, startUs) - rawStart(b, startUs) || a - b);
      for (let k = kids.length - 1; k >= 0; k--) stack.push(kids[k]);
    }
  }
  // Without duplicates every key is its span id, so one map serves both lookups.
  const bySpanId: ReadonlyMap<string, SpanNode> =
    r.duplicateSpanIds.length === 0 ? byKey : new Map([...r.firstIndex].map(([id, i]) => [id, nodeAt[i]]));

  const clockSkew: ClockSkewFinding[] = [];
  for (let i = 0; i < n; i++) {
    if (r.parent[i] === -1) continue;
    const node = nodeAt[i];
    const parent = nodeAt[r.parent[i]];
    const before = parent.startUs - node.startUs;
    const after = callsSynchronously(parent, node) ? node.endUs - parent.endUs : 0;
    if (before > threshold || after > threshold) {
      clockSkew.push({
        key: node.key,
        spanId: node.spanId,
        parentKey: parent.key,
        startsBeforeParentUs: before > threshold ? before : 0,
        endsAfterParentUs: after > threshold ? after : 0,
      });
      node.warnings = [
        ...node.warnings,
        before > threshold
          ? `clock skew: starts ${formatUs(before)} before its parent`
          : `clock skew: ends ${formatUs(after)} after the client span that called it`,
      ];
    }
  }

  const rootKeys = tops.map((i) => r.keys[i]);
  const mainRoot = tops.find((i) => r.orphan[i] === NOT_ORPHAN) ?? tops[0];
  const sections = mainRoot === undefined ? [] : criticalPath(r.keys[mainRoot], byKey);
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
    rootSpanIds: unique(tops.filter((i) => r.orphan[i] === NOT_ORPHAN).map((i) => trace.spans[i].spanId)),
    orphanSpanIds: unique(tops.filter((i) => r.orphan[i] !== NOT_ORPHAN).map((i) => trace.spans[i].spanId)),
    duplicateSpanIds: r.duplicateSpanIds,
    followsFrom: r.followsFrom,
    clockSkew,
    criticalPath: sections,
    services: [...services.values()],
    startUs,
    endUs,
    durationUs: endUs - startUs,
    warnings: [...(trace.warnings ?? [])],
  };
}

/**
 * Only a client span waits for the server span it called, so only there is ending after the
 * parent impossible in real time. Any other child may legitimately outlive its parent
 * (work handed off and not awaited); the waterfall still draws it where it ends.
 */
function callsSynchronously(parent: SpanNode, child: SpanNode): boolean {
  return child.parentLink === 'CHILD_OF' && parent.span.kind === 'client' && child.span.kind === 'server';
}

function formatUs(us: number): string {
  return us >= 1_000_000 ? `${(us / 1_000_000).toFixed(2)} s` : `${(us / 1000).toFixed(1)} ms`;
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}
