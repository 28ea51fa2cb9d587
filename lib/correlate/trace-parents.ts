import type { Span, Trace } from '../model/types';
import type { FollowsFromEdge } from './trace-model';

/**
 * Parent resolution, the way current Jaeger UI does it (backend-apis.md §4.7): the
 * parent is the first reference (parentSpanId, then CHILD_OF, then FOLLOWS_FROM) that
 * resolves to a span in this trace. A span with same-trace references none of which
 * resolves is an orphan and becomes an extra root. Duplicate span ids are kept, the
 * n-th one keyed `<id>_<n>`; references to the id resolve to the first. Hostile parent
 * cycles are cut at their earliest-starting span.
 */

export interface ResolvedSpan {
  key: string;
  index: number;
  span: Span;
  parentKey: string | null;
  parentLink: 'CHILD_OF' | 'FOLLOWS_FROM' | null;
  isOrphan: boolean;
  isDuplicate: boolean;
  /** startUs when valid, else the trace's earliest valid start (sort key only). */
  rawStartUs: number;
  hasValidStart: boolean;
  durationUs: number;
  warnings: string[];
}

export interface ResolvedTrace {
  spans: ResolvedSpan[];
  duplicateSpanIds: string[];
  followsFrom: FollowsFromEdge[];
  minStartUs: number;
}

const validStart = (s: Span) => Number.isFinite(s.startUs) && s.startUs > 0;

export function resolveParents(trace: Trace): ResolvedTrace {
  const spans = trace.spans;
  let minStartUs = Infinity;
  for (const s of spans) if (validStart(s) && s.startUs < minStartUs) minStartUs = s.startUs;
  if (minStartUs === Infinity) minStartUs = 0;

  const seen = new Map<string, number>();
  const firstKey = new Map<string, string>();
  const resolved: ResolvedSpan[] = spans.map((span, index) => {
    const n = (seen.get(span.spanId) ?? 0) + 1;
    seen.set(span.spanId, n);
    const key = n === 1 ? span.spanId : `${span.spanId}_${n}`;
    if (n === 1) firstKey.set(span.spanId, key);
    const hasValidStart = validStart(span);
    return {
      key,
      index,
      span,
      parentKey: null,
      parentLink: null,
      isOrphan: false,
      isDuplicate: n > 1,
      rawStartUs: hasValidStart ? span.startUs : minStartUs,
      hasValidStart,
      durationUs: Number.isFinite(span.durationUs) && span.durationUs > 0 ? span.durationUs : 0,
      warnings: [],
    };
  });
  const duplicateSpanIds = [...seen].filter(([, n]) => n > 1).map(([id]) => id);

  const followsFrom: FollowsFromEdge[] = [];
  const byKey = new Map<string, ResolvedSpan>();
  for (const r of resolved) {
    byKey.set(r.key, r);
    if (r.isDuplicate) r.warnings.push(`span id ${r.span.spanId} appears ${seen.get(r.span.spanId)} times in the trace`);
    const refs = (r.span.references ?? []).filter((ref) => !ref.traceId || ref.traceId === trace.traceId);
    const candidates: { id: string; link: 'CHILD_OF' | 'FOLLOWS_FROM' }[] = [];
    if (r.span.parentSpanId) {
      const ref = refs.find((x) => x.spanId === r.span.parentSpanId);
      candidates.push({ id: r.span.parentSpanId, link: ref?.type ?? 'CHILD_OF' });
    }
    for (const ref of refs) if (ref.type === 'CHILD_OF') candidates.push({ id: ref.spanId, link: 'CHILD_OF' });
    for (const ref of refs) if (ref.type === 'FOLLOWS_FROM') candidates.push({ id: ref.spanId, link: 'FOLLOWS_FROM' });
    for (const c of candidates) {
      const target = firstKey.get(c.id);
      if (target !== undefined && target !== r.key) {
        r.parentKey = target;
        r.parentLink = c.link;
        break;
      }
    }
    if (!r.parentKey && candidates.length > 0) {
      r.isOrphan = true;
      r.warnings.push(`parent span ${candidates[0].id} is not in the trace`);
    }
    for (const ref of refs) {
      const target = ref.type === 'FOLLOWS_FROM' ? firstKey.get(ref.spanId) : undefined;
      if (target !== undefined && target !== r.key) followsFrom.push({ fromKey: target, toKey: r.key });
    }
  }

  breakCycles(resolved, byKey);
  return { spans: resolved, duplicateSpanIds, followsFrom, minStartUs };
}

/** Walk up from every span once (O(n)); a walk that meets itself found a cycle. */
function breakCycles(spans: ResolvedSpan[], byKey: Map<string, ResolvedSpan>): void {
  const state = new Map<string, 1 | 2>(); // 1 = on the current walk, 2 = known to reach a root
  for (const start of spans) {
    const path: ResolvedSpan[] = [];
    let cur: ResolvedSpan | undefined = start;
    while (cur && !state.has(cur.key)) {
      state.set(cur.key, 1);
      path.push(cur);
      cur = cur.parentKey ? byKey.get(cur.parentKey) : undefined;
    }
    if (cur && state.get(cur.key) === 1) {
      const cycle = path.slice(path.indexOf(cur));
      const cut = cycle.reduce((a, b) => (byStartThenIndex(b, a) < 0 ? b : a));
      cut.warnings.push(`parent links form a cycle (through span ${cut.parentKey}); shown as a root`);
      cut.parentKey = null;
      cut.parentLink = null;
      cut.isOrphan = true;
    }
    for (const p of path) state.set(p.key, 2);
  }
}

const byStartThenIndex = (a: ResolvedSpan, b: ResolvedSpan) => a.rawStartUs - b.rawStartUs || a.index - b.index;
