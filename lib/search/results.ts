/**
 * Search results as the page lists them: Jaeger's summary of each trace plus what
 * Triangulate checks on every trace (orphan spans, split roots, clock skew, joined logs),
 * "errors only" enforced, sorted, and each duration put against the median of its root
 * operation among the results.
 */
import { median } from '../anomalies/stats';
import { analyzeTrace } from '../correlate/trace-model';
import type { Trace } from '../model/types';
import { summarizeTrace } from '../sources/jaeger/summary';
import type { SearchSort } from './search-query';

export interface SearchResultService {
  name: string;
  color: string;
  spanCount: number;
  errorCount: number;
}

export interface SearchResult {
  traceId: string;
  rootService: string | null;
  rootOperation: string | null;
  startMs: number;
  durationMs: number;
  spanCount: number;
  errorSpanCount: number;
  services: SearchResultService[];
  flags: {
    /** Spans whose parent is not in the trace. */
    orphanSpans: number;
    /** Spans without any parent reference: more than one means the trace is split. */
    roots: number;
    /** Child spans outside their parent's time beyond the tolerance. */
    clockSkew: number;
    /** Log lines carry this trace's id; null when not checked (Loki absent, or too many results). */
    hasLogs: boolean | null;
  };
  /** Duration against the median of the same root operation in these results (≥ 3 of them). */
  typical: { medianMs: number; ratio: number; sampleSize: number } | null;
}

/** Fewer results than this of one root operation give no useful median. */
export const MIN_TYPICAL_SAMPLE = 3;

export function toSearchResult(trace: Trace): SearchResult {
  const summary = summarizeTrace(trace);
  const view = analyzeTrace(trace);
  return {
    traceId: summary.traceId,
    rootService: summary.rootService,
    rootOperation: summary.rootOperation,
    startMs: summary.startMs,
    durationMs: summary.durationMs,
    spanCount: summary.spanCount,
    errorSpanCount: summary.errorSpanCount,
    services: view.services.map((s) => ({ name: s.name, color: s.color, spanCount: s.spanCount, errorCount: s.errorCount })),
    flags: { orphanSpans: view.orphanSpanIds.length, roots: view.rootSpanIds.length, clockSkew: view.clockSkew.length, hasLogs: null },
    typical: null,
  };
}

const rootKey = (r: SearchResult) => `${r.rootService ?? ''}\u0000${r.rootOperation ?? ''}`;

/** Fill `typical` from the results themselves (a pure pass over the list). */
export function withTypical(results: SearchResult[]): SearchResult[] {
  const byRoot = new Map<string, number[]>();
  for (const r of results) {
    const list = byRoot.get(rootKey(r));
    if (list) list.push(r.durationMs);
    else byRoot.set(rootKey(r), [r.durationMs]);
  }
  return results.map((r) => {
    const durations = byRoot.get(rootKey(r))!;
    if (durations.length < MIN_TYPICAL_SAMPLE) return { ...r, typical: null };
    const medianMs = median(durations);
    return { ...r, typical: { medianMs, ratio: medianMs > 0 ? r.durationMs / medianMs : 1, sampleSize: durations.length } };
  });
}

const SORTERS: Record<SearchSort, (a: SearchResult, b: SearchResult) => number> = {
  recent: (a, b) => b.startMs - a.startMs,
  longest: (a, b) => b.durationMs - a.durationMs,
  spans: (a, b) => b.spanCount - a.spanCount,
  errors: (a, b) => b.errorSpanCount - a.errorSpanCount,
};

/** Stable: ties keep the most recent first. */
export function sortResults(results: readonly SearchResult[], sort: SearchSort): SearchResult[] {
  return [...results].sort((a, b) => SORTERS[sort](a, b) || b.startMs - a.startMs || a.traceId.localeCompare(b.traceId));
}

export interface BuildResultsOptions {
  errorsOnly: boolean;
  sort: SearchSort;
}

export function buildSearchResults(traces: readonly Trace[], opts: BuildResultsOptions): SearchResult[] {
  const seen = new Set<string>();
  const results: SearchResult[] = [];
  for (const t of traces) {
    if (t.spans.length === 0 || seen.has(t.traceId)) continue;
    seen.add(t.traceId);
    const r = toSearchResult(t);
    if (opts.errorsOnly && r.errorSpanCount === 0) continue;
    results.push(r);
  }
  return sortResults(withTypical(results), opts.sort);
}

/** Mark which results have logs, given the ids found in log lines (only for the ids checked). */
export function withLogFlags(results: SearchResult[], checked: ReadonlySet<string>, withLogs: ReadonlySet<string>): SearchResult[] {
  return results.map((r) => (checked.has(r.traceId) ? { ...r, flags: { ...r.flags, hasLogs: withLogs.has(r.traceId) } } : r));
}
