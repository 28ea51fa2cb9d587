import { canonicalTraceId } from '../../model/ids';
import type { TraceSummary } from '../../model/types';
import type { TempoSearchResponse } from './schemas';

/**
 * Pure: Tempo search results (lib/sources/tempo/README.md §3.2) → the TraceSummary Jaeger
 * search produces, so the search page and its links work unchanged.
 */

/** What Tempo's search combiner writes when the root span has not arrived (pkg/search/util.go). */
export const ROOT_NOT_YET_RECEIVED = '<root span not yet received>';

/** Decimal ns (string or number) → ms; exact for the whole-ms part, no BigInt. */
function nsToMs(ns: string | number | undefined): number {
  if (ns === undefined) return 0;
  if (typeof ns === 'number') return ns / 1e6;
  return ns.length > 6 ? Number(ns.slice(0, -6)) + Number(ns.slice(-6)) / 1e6 : Number(ns) / 1e6;
}

export function summariesFromSearch(raw: TempoSearchResponse): TraceSummary[] {
  const out: TraceSummary[] = [];
  const seen = new Set<string>();
  for (const t of raw.traces ?? []) {
    const traceId = canonicalTraceId(t.traceID);
    if (!traceId || seen.has(traceId)) continue;
    seen.add(traceId);
    const root = t.rootServiceName && t.rootServiceName !== ROOT_NOT_YET_RECEIVED ? t.rootServiceName : null;
    const stats = Object.entries(t.serviceStats ?? {});
    let spanCount = 0;
    let errorSpanCount = 0;
    let services: string[];
    if (stats.length > 0) {
      for (const [, s] of stats) {
        spanCount += s.spanCount ?? 0;
        errorSpanCount += s.errorCount ?? 0;
      }
      services = stats.map(([name]) => name);
    } else {
      // Without serviceStats (tag search on older Tempo) only the matched spans are known:
      // count those distinct spans, a lower bound (README §3.2).
      const ids = new Set<string>();
      for (const set of [...(t.spanSets ?? []), ...(t.spanSet ? [t.spanSet] : [])]) for (const s of set.spans ?? []) if (s.spanID) ids.add(s.spanID);
      spanCount = ids.size;
      services = root ? [root] : [];
    }
    out.push({
      traceId,
      rootService: root,
      rootOperation: t.rootTraceName || null,
      startMs: Math.floor(nsToMs(t.startTimeUnixNano)),
      durationMs: t.durationMs ?? 0,
      spanCount,
      errorSpanCount,
      services: [...new Set(services)].sort(),
    });
  }
  return out;
}
