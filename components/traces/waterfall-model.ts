import type { ApiSpan, ApiTrace } from '@/lib/api/types';

/**
 * The waterfall's row model. The tree is indexed once per trace (O(n)); each collapse
 * change re-flattens only what is visible (O(visible)), so 50,000 spans stay responsive.
 * Spans are referred to by their index in `trace.spans`, which is unique even when Jaeger
 * returns duplicate span ids.
 */

export interface WaterfallIndex {
  spans: readonly ApiSpan[];
  /** First index of each span id. */
  indexById: ReadonlyMap<string, number>;
  /** Child indexes of each span, in API (tree) order. */
  children: readonly number[][];
  /** Top-level rows: true roots, then spans whose parent is missing (orphans), in API order. */
  roots: readonly number[];
  /** Number of descendants under each span (what collapsing it hides). */
  descendants: Int32Array;
  startUs: number;
  endUs: number;
}

export type WaterfallRow =
  | { kind: 'span'; index: number; depth: number; hasChildren: boolean; collapsed: boolean }
  | { kind: 'logs'; index: number; depth: number; count: number };

const endOf = (s: ApiSpan) => s.startUs + s.durationMs * 1000;

export function indexTrace(trace: Pick<ApiTrace, 'spans'>): WaterfallIndex {
  const spans = trace.spans;
  const n = spans.length;
  const indexById = new Map<string, number>();
  for (let i = 0; i < n; i++) if (!indexById.has(spans[i].spanId)) indexById.set(spans[i].spanId, i);
  const children: number[][] = Array.from({ length: n }, () => []);
  const candidates: number[] = [];
  let startUs = Infinity;
  let endUs = -Infinity;
  for (let i = 0; i < n; i++) {
    const s = spans[i];
    startUs = Math.min(startUs, s.startUs);
    endUs = Math.max(endUs, endOf(s));
    const p = s.parentSpanId === null ? undefined : indexById.get(s.parentSpanId);
    if (p === undefined || p === i) candidates.push(i);
    else children[p].push(i);
  }
  // A parent cycle (a→b→a) has no root: its spans are promoted to top-level rows so that
  // no span ever disappears from the view.
  const visited = new Uint8Array(n);
  const roots: number[] = [];
  const order: number[] = [];
  const treeParent = new Int32Array(n).fill(-1);
  const visit = (root: number) => {
    const stack = [root];
    while (stack.length > 0) {
      const i = stack.pop()!;
      if (visited[i]) continue;
      visited[i] = 1;
      order.push(i);
      for (let c = children[i].length - 1; c >= 0; c--) {
        if (visited[children[i][c]]) continue;
        treeParent[children[i][c]] = i;
        stack.push(children[i][c]);
      }
    }
  };
  for (const r of candidates) {
    roots.push(r);
    visit(r);
  }
  for (let i = 0; i < n; i++) {
    if (visited[i]) continue;
    roots.push(i);
    visit(i);
  }
  // Reverse pre-order visits children before parents, so subtree sizes add up in one pass.
  const descendants = new Int32Array(n);
  for (let k = order.length - 1; k >= 0; k--) {
    const i = order[k];
    const p = treeParent[i];
    if (p >= 0) descendants[p] += descendants[i] + 1;
  }
  if (n === 0) {
    startUs = 0;
    endUs = 0;
  }
  return { spans, indexById, children, roots, descendants, startUs, endUs };
}

/**
 * Visible rows in render order. `collapsed` holds span ids; `logCounts` (span id → number
 * of joined log lines) adds an inline-logs row under each span that has logs.
 */
export function visibleRows(
  index: WaterfallIndex,
  collapsed: ReadonlySet<string>,
  logCounts?: ReadonlyMap<string, number>,
): WaterfallRow[] {
  const rows: WaterfallRow[] = [];
  const seen = new Uint8Array(index.spans.length);
  const stack: [number, number][] = [];
  for (let r = index.roots.length - 1; r >= 0; r--) stack.push([index.roots[r], 0]);
  while (stack.length > 0) {
    const [i, depth] = stack.pop()!;
    if (seen[i]) continue;
    seen[i] = 1;
    const span = index.spans[i];
    const kids = index.children[i];
    const isCollapsed = kids.length > 0 && collapsed.has(span.spanId);
    rows.push({ kind: 'span', index: i, depth, hasChildren: kids.length > 0, collapsed: isCollapsed });
    const logs = logCounts?.get(span.spanId) ?? 0;
    if (logs > 0) rows.push({ kind: 'logs', index: i, depth, count: logs });
    if (isCollapsed) continue;
    for (let c = kids.length - 1; c >= 0; c--) stack.push([kids[c], depth + 1]);
  }
  return rows;
}

/** Span ids to collapse so that only spans shallower than `depth` stay open. */
export function collapseBelow(index: WaterfallIndex, depth: number): string[] {
  const out: string[] = [];
  const stack: [number, number][] = index.roots.map((r) => [r, 0]);
  const seen = new Uint8Array(index.spans.length);
  while (stack.length > 0) {
    const [i, d] = stack.pop()!;
    if (seen[i]) continue;
    seen[i] = 1;
    if (index.children[i].length === 0) continue;
    if (d >= depth) {
      out.push(index.spans[i].spanId);
      continue;
    }
    for (const c of index.children[i]) stack.push([c, d + 1]);
  }
  return out;
}

/** The ancestors' span ids of a span (to expand them when it is selected from a link). */
export function ancestorIds(index: WaterfallIndex, spanIndex: number): string[] {
  const out: string[] = [];
  const seen = new Set<number>([spanIndex]);
  let cur = index.spans[spanIndex]?.parentSpanId ?? null;
  while (cur !== null) {
    const p = index.indexById.get(cur);
    if (p === undefined || seen.has(p)) break;
    seen.add(p);
    out.push(cur);
    cur = index.spans[p].parentSpanId;
  }
  return out;
}

/** Parse the `collapsed` URL parameter (comma-separated span ids). */
export const parseIdList = (value: string | null): Set<string> =>
  new Set((value ?? '').split(',').map((s) => s.trim()).filter(Boolean));

export const formatIdList = (ids: Iterable<string>): string | null => {
  const list = [...ids];
  return list.length ? list.join(',') : null;
};
