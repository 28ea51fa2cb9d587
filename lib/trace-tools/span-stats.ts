/**
 * Trace statistics as Jaeger UI's "Trace Statistics" view: per service and operation the
 * span count, total time, self time (time not covered by the span's own children) and the
 * longest span. Children intervals are merged before subtracting, so overlapping
 * (parallel) children are not counted twice.
 */
import type { ApiSpan } from '../api/types';
import { buildFilterIndex, type SpanFilterIndex } from './filter-index';

export interface SpanStatRow {
  service: string;
  operation: string;
  count: number;
  errors: number;
  totalMs: number;
  selfMs: number;
  maxMs: number;
  avgMs: number;
}

export const STAT_COLUMNS = ['service', 'operation', 'count', 'errors', 'totalMs', 'avgMs', 'maxMs', 'selfMs'] as const;
export type StatColumn = (typeof STAT_COLUMNS)[number];

/** Children intervals clipped to [start, end), merged: the time they cover (µs). */
function coveredUs(spans: readonly ApiSpan[], kids: readonly number[], start: number, end: number): number {
  // Children come in start order (the API's tree order); otherwise sort a copy first.
  let ordered = kids;
  for (let k = 1; k < kids.length; k++) {
    if (spans[kids[k]].startUs < spans[kids[k - 1]].startUs) {
      ordered = [...kids].sort((a, b) => spans[a].startUs - spans[b].startUs);
      break;
    }
  }
  let covered = 0;
  let curA = 0;
  let curB = -Infinity;
  for (const c of ordered) {
    const a = Math.max(start, spans[c].startUs);
    const b = Math.min(end, spans[c].startUs + spans[c].durationMs * 1000);
    if (b <= a) continue;
    if (a > curB) {
      if (curB > curA) covered += curB - curA;
      curA = a;
      curB = b;
    } else if (b > curB) curB = b;
  }
  if (curB > curA) covered += curB - curA;
  return covered;
}

/** Self time of every span (µs), given its children by index. */
export function selfTimesUs(spans: readonly ApiSpan[], children: readonly (readonly number[])[]): Float64Array {
  const out = new Float64Array(spans.length);
  for (let i = 0; i < spans.length; i++) {
    const s = spans[i];
    const start = s.startUs;
    const end = s.startUs + s.durationMs * 1000;
    const kids = children[i];
    out[i] = !kids || kids.length === 0 ? end - start : Math.max(0, end - start - coveredUs(spans, kids, start, end));
  }
  return out;
}

/**
 * One row per service and operation over the spans selected by `mask` (all when null), from
 * the trace's filter index and self times (both computed once per trace): the pair of ids
 * is the row's key, so no string is built or hashed per span.
 */
export function statisticsIndexed(ix: SpanFilterIndex, selfUs: Float64Array, mask: Uint8Array | null = null): SpanStatRow[] {
  const rows = new Map<number, SpanStatRow>();
  const out: SpanStatRow[] = [];
  const nOps = ix.operations.length;
  const { serviceOf, operationOf, error, durationMs } = ix;
  for (let i = 0; i < ix.spans.length; i++) {
    if (mask && !mask[i]) continue;
    const key = serviceOf[i] * nOps + operationOf[i];
    let r = rows.get(key);
    if (!r) {
      rows.set(key, (r = { service: ix.services[serviceOf[i]], operation: ix.operations[operationOf[i]], count: 0, errors: 0, totalMs: 0, selfMs: 0, maxMs: 0, avgMs: 0 }));
      out.push(r);
    }
    const d = durationMs[i];
    r.count += 1;
    r.errors += error[i];
    r.totalMs += d;
    r.selfMs += selfUs[i] / 1000;
    if (d > r.maxMs) r.maxMs = d;
  }
  for (const r of out) r.avgMs = r.totalMs / r.count;
  return out;
}

/**
 * One trace's statistics while the table is open: the rows of all spans are counted when it
 * opens and kept, so clearing a filter shows them without recounting every span in the same
 * render as the waterfall's redraw; a filter's rows are counted when asked for.
 */
export interface TraceStatistics {
  of(mask: Uint8Array | null): SpanStatRow[];
}

export function traceStatistics(ix: SpanFilterIndex, selfUs: Float64Array): TraceStatistics {
  const all = statisticsIndexed(ix, selfUs, null);
  return { of: (mask) => (mask ? statisticsIndexed(ix, selfUs, mask) : all) };
}

/** The same from the spans and their children (tests, one-off use). */
export function spanStatistics(spans: readonly ApiSpan[], children: readonly (readonly number[])[], mask: Uint8Array | null = null): SpanStatRow[] {
  return statisticsIndexed(buildFilterIndex(spans), selfTimesUs(spans, children), mask);
}

export function sortStats(rows: readonly SpanStatRow[], column: StatColumn, descending: boolean): SpanStatRow[] {
  const dir = descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = a[column];
    const y = b[column];
    const c = typeof x === 'string' ? x.localeCompare(y as string) : (x as number) - (y as number);
    return dir * c || a.service.localeCompare(b.service) || a.operation.localeCompare(b.operation);
  });
}
