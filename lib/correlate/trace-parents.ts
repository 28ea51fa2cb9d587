import type { Trace } from '../model/types';
import type { FollowsFromEdge } from './trace-model';

/**
 * Parent resolution, the way current Jaeger UI does it (backend-apis.md §4.7): the
 * parent is the first reference (parentSpanId, then CHILD_OF, then FOLLOWS_FROM) that
 * resolves to a span in this trace. A span with same-trace references none of which
 * resolves is an orphan and becomes an extra root. Duplicate span ids are kept, the
 * n-th one keyed `<id>_<n>`; references to the id resolve to the first. A span that names
 * itself as parent, and hostile parent cycles (cut at their earliest-starting span), are
 * orphans of their own kind: the parent is there, the links just cannot form a tree.
 * These are the rules of the whole app (docs/anomalies.md "Trace analysis").
 *
 * Results are columns indexed like `trace.spans`: at 50,000 spans, per-span objects and
 * string-keyed maps (and the garbage collection they cause) dominate the cost.
 */

export const LINK_NONE = 0;
export const LINK_CHILD_OF = 1;
export const LINK_FOLLOWS_FROM = 2;

/** Values of `ResolvedTrace.orphan`. */
export const NOT_ORPHAN = 0;
/** A same-trace parent reference, none of which is a span of the trace. */
export const ORPHAN_MISSING_PARENT = 1;
/** The parent links loop (or the span names itself): cut here and shown as a root. */
export const ORPHAN_PARENT_CYCLE = 2;

export interface ResolvedTrace {
  keys: string[];
  /** Index of the resolved parent, or -1. */
  parent: Int32Array;
  link: Uint8Array;
  /** NOT_ORPHAN, ORPHAN_MISSING_PARENT or ORPHAN_PARENT_CYCLE. */
  orphan: Uint8Array;
  /** For ORPHAN_MISSING_PARENT: the first referenced parent id that is not in the trace. */
  missingParentId: (string | undefined)[];
  duplicate: Uint8Array;
  /** startUs when valid (finite, > 0), else NaN: Jaeger UI lets it inherit the parent's. */
  startUs: Float64Array;
  durationUs: Float64Array;
  warnings: (string[] | undefined)[];
  /** Span id → index of its first occurrence. */
  firstIndex: ReadonlyMap<string, number>;
  duplicateSpanIds: string[];
  followsFrom: FollowsFromEdge[];
  /** Earliest valid start (0 when none). */
  minStartUs: number;
}

export function resolveParents(trace: Trace): ResolvedTrace {
  const spans = trace.spans;
  const n = spans.length;
  const keys: string[] = new Array(n);
  const parent = new Int32Array(n).fill(-1);
  const link = new Uint8Array(n);
  const orphan = new Uint8Array(n);
  const missingParentId: (string | undefined)[] = new Array(n);
  const duplicate = new Uint8Array(n);
  const startUs = new Float64Array(n);
  const durationUs = new Float64Array(n);
  const warnings: (string[] | undefined)[] = new Array(n);
  const count = new Int32Array(n);
  const firstIndex = new Map<string, number>();
  const warn = (i: number, w: string) => (warnings[i] ??= []).push(w);

  let minStartUs = Infinity;
  for (let i = 0; i < n; i++) {
    const s = spans[i];
    const first = firstIndex.get(s.spanId);
    if (first === undefined) {
      firstIndex.set(s.spanId, i);
      keys[i] = s.spanId;
    } else {
      duplicate[i] = 1;
      keys[i] = `${s.spanId}_${++count[first] + 1}`;
    }
    const valid = Number.isFinite(s.startUs) && s.startUs > 0;
    startUs[i] = valid ? s.startUs : NaN;
    if (valid && s.startUs < minStartUs) minStartUs = s.startUs;
    durationUs[i] = Number.isFinite(s.durationUs) && s.durationUs > 0 ? s.durationUs : 0;
  }
  const duplicateSpanIds: string[] = [];
  for (const [id, i] of firstIndex) if (count[i] > 0) duplicateSpanIds.push(id);

  const followsFrom: FollowsFromEdge[] = [];
  const same = (traceId: string) => !traceId || traceId === trace.traceId;
  for (let i = 0; i < n; i++) {
    const span = spans[i];
    if (duplicate[i]) warn(i, `span id ${span.spanId} appears ${count[firstIndex.get(span.spanId)!] + 1} times in the trace`);
    const refs = span.references ?? [];
    let missing: string | null = null;
    let self = false;
    const tryParent = (id: string, type: 'CHILD_OF' | 'FOLLOWS_FROM'): boolean => {
      const target = firstIndex.get(id);
      if (target === i) self = true;
      if (target === undefined || target === i) {
        if (target === undefined) missing ??= id;
        return false;
      }
      parent[i] = target;
      link[i] = type === 'CHILD_OF' ? LINK_CHILD_OF : LINK_FOLLOWS_FROM;
      return true;
    };
    let found = false;
    if (span.parentSpanId) {
      const ref = refs.find((x) => x.spanId === span.parentSpanId && same(x.traceId));
      found = tryParent(span.parentSpanId, ref?.type ?? 'CHILD_OF');
    }
    for (const type of ['CHILD_OF', 'FOLLOWS_FROM'] as const) {
      for (const ref of refs) {
        if (found) break;
        if (ref.type === type && same(ref.traceId)) found = tryParent(ref.spanId, type);
      }
    }
    if (!found && missing !== null) {
      orphan[i] = ORPHAN_MISSING_PARENT;
      missingParentId[i] = missing;
      warn(i, `parent span ${missing} is not in the trace`);
    } else if (!found && self) {
      orphan[i] = ORPHAN_PARENT_CYCLE;
      warn(i, 'names itself as its parent; shown as a root');
    }
    for (const ref of refs) {
      if (ref.type !== 'FOLLOWS_FROM' || !same(ref.traceId)) continue;
      const target = firstIndex.get(ref.spanId);
      if (target !== undefined && target !== i) followsFrom.push({ fromKey: keys[target], toKey: keys[i] });
    }
  }

  const resolved: ResolvedTrace = {
    keys,
    parent,
    link,
    orphan,
    missingParentId,
    duplicate,
    startUs,
    durationUs,
    warnings,
    firstIndex,
    duplicateSpanIds,
    followsFrom,
    minStartUs: minStartUs === Infinity ? 0 : minStartUs,
  };
  breakCycles(resolved, warn);
  return resolved;
}

/** Walk up from every span once (O(n)); a walk that meets itself found a cycle. */
function breakCycles(r: ResolvedTrace, warn: (i: number, w: string) => void): void {
  const n = r.parent.length;
  const state = new Uint8Array(n); // 1 = on the current walk, 2 = reaches a root
  const sortKey = (i: number) => (Number.isNaN(r.startUs[i]) ? r.minStartUs : r.startUs[i]);
  const path: number[] = [];
  for (let start = 0; start < n; start++) {
    path.length = 0;
    let cur = start;
    while (cur !== -1 && state[cur] === 0) {
      state[cur] = 1;
      path.push(cur);
      cur = r.parent[cur];
    }
    if (cur !== -1 && state[cur] === 1) {
      const cycle = path.slice(path.indexOf(cur));
      const cut = cycle.reduce((a, b) => (sortKey(b) - sortKey(a) || b - a) < 0 ? b : a);
      warn(cut, `parent links form a cycle (through span ${r.keys[r.parent[cut]]}); shown as a root`);
      r.parent[cut] = -1;
      r.link[cut] = LINK_NONE;
      r.orphan[cut] = ORPHAN_PARENT_CYCLE;
    }
    for (const i of path) state[i] = 2;
  }
}
