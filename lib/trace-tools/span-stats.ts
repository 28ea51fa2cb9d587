/**
 * Trace statistics as Jaeger UI's "Trace Statistics" view: per service and operation the
 * span count, total time, self time (time not covered by the span's own children) and the
 * longest span. Children intervals are merged before subtracting, so overlapping
 * (parallel) children are not counted twice.
 */
import type { ApiSpan } from '../api/types';

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

/** Self time of every span (µs), given its children by index. */
export function selfTimesUs(spans: readonly ApiSpan[], children: readonly (readonly number[])[]): Float64Array {
  const out = new Float64Array(spans.length);
  for (let i = 0; i < spans.length; i++) {
    const s = spans[i];
    const start = s.startUs;
    const end = s.startUs + s.durationMs * 1000;
    const kids = children[i];
    if (!kids || kids.length === 0) {
      out[i] = end - start;
      continue;
    }
    const intervals = kids
      .map((c) => [Math.max(start, spans[c].startUs), Math.min(end, spans[c].startUs + spans[c].durationMs * 1000)] as const)
      .filter(([a, b]) => b > a)
      .sort((x, y) => x[0] - y[0]);
    let covered = 0;
    let curA = -Infinity;
    let curB = -Infinity;
    for (const [a, b] of intervals) {
      if (a > curB) {
        if (curB > curA) covered += curB - curA;
        curA = a;
        curB = b;
      } else if (b > curB) curB = b;
    }
    if (curB > curA) covered += curB - curA;
    out[i] = Math.max(0, end - start - covered);
  }
  return out;
}

/** One row per service and operation over the spans selected by `mask` (all when null). */
export function spanStatistics(spans: readonly ApiSpan[], children: readonly (readonly number[])[], mask: Uint8Array | null = null): SpanStatRow[] {
  const self = selfTimesUs(spans, children);
  const rows = new Map<string, SpanStatRow>();
  for (let i = 0; i < spans.length; i++) {
    if (mask && !mask[i]) continue;
    const s = spans[i];
    const key = `${s.service}\u0000${s.operation}`;
    let r = rows.get(key);
    if (!r) rows.set(key, (r = { service: s.service, operation: s.operation, count: 0, errors: 0, totalMs: 0, selfMs: 0, maxMs: 0, avgMs: 0 }));
    r.count += 1;
    if (s.status === 'error') r.errors += 1;
    r.totalMs += s.durationMs;
    r.selfMs += self[i] / 1000;
    if (s.durationMs > r.maxMs) r.maxMs = s.durationMs;
  }
  return [...rows.values()].map((r) => ({ ...r, avgMs: r.totalMs / r.count }));
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
