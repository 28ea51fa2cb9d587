import type { Span, Trace } from '../../lib/model/types';
import { canonicalTraceId } from '../../lib/model/ids';
import { Lru } from './lru';
import { DEMO_SEED, HISTORY_MS } from './story';
import { buildTrace } from './trace-builder';
import { SLOT_MS, TRACE_KINDS, decodeTraceId, traceIdFor } from './trace-ids';

/**
 * The demo's trace store: every slot of SLOT_MS holds one trace per kind, from
 * anchor − HISTORY_MS up to "now" minus an ingestion lag (a trace appears once complete).
 */

export { SLOT_MS, TRACE_KINDS, decodeTraceId, traceIdFor };

/** How long after its slot a trace (and its logs) becomes visible: it must be complete. */
export const INGEST_LAG_MS = 15_000;

const cache = new Lru<string, Trace>(12_000);

export function slotTrace(slot: number, kind: number, anchorMs: number, seed = DEMO_SEED): Trace {
  const key = `${seed}:${anchorMs}:${slot}:${kind}`;
  let t = cache.get(key);
  if (!t) {
    t = buildTrace(slot, kind, anchorMs, seed);
    cache.set(key, t);
  }
  return t;
}

export function firstSlot(anchorMs: number): number {
  return Math.ceil((anchorMs - HISTORY_MS) / SLOT_MS);
}

/** The newest slot whose traces are visible at nowMs. */
export function lastVisibleSlot(nowMs: number): number {
  return Math.floor((nowMs - INGEST_LAG_MS) / SLOT_MS);
}

/** Slots whose start lies in [fromMs, toMs), clipped to what exists at nowMs. */
export function slotsIn(fromMs: number, toMs: number, anchorMs: number, nowMs: number): [number, number] {
  const lo = Math.max(firstSlot(anchorMs), Math.ceil(fromMs / SLOT_MS) - 1);
  const hi = Math.min(lastVisibleSlot(nowMs), Math.floor((toMs - 1) / SLOT_MS));
  return [lo, hi];
}

/** A demo trace by id (any textual form Jaeger accepts), or null when Jaeger would 404. */
export function traceById(id: string, anchorMs: number, nowMs: number, seed = DEMO_SEED): Trace | null {
  const canonical = canonicalTraceId(id);
  const ref = canonical ? decodeTraceId(canonical, seed) : null;
  if (!ref) return null;
  if (ref.slot < firstSlot(anchorMs) || ref.slot > lastVisibleSlot(nowMs)) return null;
  return slotTrace(ref.slot, ref.kind, anchorMs, seed);
}

export function traceStartUs(t: Trace): number {
  return Math.min(...t.spans.map((s) => s.startUs));
}

/** Every visible trace that starts in [fromMs, toMs), oldest first. */
export function tracesInRange(fromMs: number, toMs: number, anchorMs: number, nowMs: number, seed = DEMO_SEED): Trace[] {
  const [lo, hi] = slotsIn(fromMs, toMs, anchorMs, nowMs);
  const out: Trace[] = [];
  for (let slot = lo; slot <= hi; slot++) {
    for (let kind = 0; kind < TRACE_KINDS.length; kind++) {
      const t = slotTrace(slot, kind, anchorMs, seed);
      const startMs = traceStartUs(t) / 1000;
      if (startMs >= fromMs && startMs < toMs) out.push(t);
    }
  }
  return out;
}

export interface DemoTraceSearch {
  service: string;
  operation?: string;
  tags?: Record<string, string>;
  fromMs: number;
  toMs: number;
  limit?: number;
  minDurationUs?: number;
  maxDurationUs?: number;
}

function spanMatches(s: Span, q: DemoTraceSearch): boolean {
  if (s.service !== q.service) return false;
  if (q.operation && s.operation !== q.operation) return false;
  if (q.minDurationUs !== undefined && s.durationUs < q.minDurationUs) return false;
  if (q.maxDurationUs !== undefined && s.durationUs > q.maxDurationUs) return false;
  for (const [k, v] of Object.entries(q.tags ?? {})) {
    const actual = k in s.tags ? s.tags[k] : s.processTags[k];
    if (actual === undefined || String(actual) !== v) return false;
  }
  return true;
}

/** Jaeger-style search: traces with a span matching all criteria, newest first. */
export function searchTraces(q: DemoTraceSearch, anchorMs: number, nowMs: number, seed = DEMO_SEED): Trace[] {
  const limit = q.limit && q.limit > 0 ? q.limit : 20;
  const found: Trace[] = [];
  const all = tracesInRange(q.fromMs, q.toMs, anchorMs, nowMs, seed);
  for (let i = all.length - 1; i >= 0 && found.length < limit; i--) {
    if (all[i].spans.some((s) => spanMatches(s, q))) found.push(all[i]);
  }
  return found;
}

function templateSpans(): Span[] {
  return TRACE_KINDS.flatMap((_, kind) => buildTrace(1, kind, 0).spans);
}

/** Services that report spans, sorted. */
export function services(): string[] {
  return [...new Set(templateSpans().map((s) => s.service))].sort();
}

export function operations(service: string): { name: string; spanKind: string }[] {
  const seen = new Map<string, string>();
  for (const s of templateSpans()) if (s.service === service) seen.set(s.operation, s.kind);
  return [...seen].map(([name, spanKind]) => ({ name, spanKind })).sort((a, b) => a.name.localeCompare(b.name));
}

/** Service call graph over the window: parent → child edges with call counts. */
export function dependencies(fromMs: number, toMs: number, anchorMs: number, nowMs: number, seed = DEMO_SEED) {
  const counts = new Map<string, number>();
  for (const t of tracesInRange(fromMs, toMs, anchorMs, nowMs, seed)) {
    const byId = new Map(t.spans.map((s) => [s.spanId, s]));
    for (const s of t.spans) {
      const parent = s.parentSpanId ? byId.get(s.parentSpanId) : undefined;
      if (parent && parent.service !== s.service) {
        const key = `${parent.service}\u0000${s.service}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
  }
  return [...counts].map(([k, callCount]) => {
    const [parent, child] = k.split('\u0000');
    return { parent, child, callCount };
  });
}
