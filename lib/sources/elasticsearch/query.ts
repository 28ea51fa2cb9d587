import { canonicalTraceId, traceIdForms } from '../../model/ids';

/**
 * Pure: the `_search` bodies (lib/sources/elasticsearch/README.md §2). Every query is bounded:
 * a time-range filter, a page size and a sort that `search_after` can continue from.
 */

export type SortOrder = 'asc' | 'desc';

export interface PageRequest {
  fromMs: number;
  toMs: number;
  size: number;
  order: SortOrder;
  timestampField: string;
  /** A second sort key for ties (a unique keyword field, or `_doc`), §2.2. */
  tiebreaker: string;
  searchAfter?: unknown[];
  /** Only the first page counts hits (up to this many); later pages skip the count (§2.2). */
  trackTotalHits: number | false;
}

function timeRange(p: Pick<PageRequest, 'timestampField' | 'fromMs' | 'toMs'>) {
  return { range: { [p.timestampField]: { gte: Math.floor(p.fromMs), lte: Math.ceil(p.toMs), format: 'epoch_millis' } } };
}

function page(p: PageRequest, filter: unknown[]) {
  return {
    size: p.size,
    track_total_hits: p.trackTotalHits,
    query: { bool: { filter } },
    sort: [{ [p.timestampField]: { order: p.order, format: 'strict_date_optional_time_nanos' } }, { [p.tiebreaker]: { order: p.order } }],
    ...(p.searchAfter ? { search_after: p.searchAfter } : {}),
  };
}

/**
 * Every form an id is written in by the services (canonical 32-hex, Jaeger's 16-hex short form,
 * leading zeros trimmed, upper case): `trace.id` is a keyword field, so a term must be exact.
 */
export function traceIdTerms(traceId: string): string[] {
  const id = canonicalTraceId(traceId);
  if (!id) return [];
  const forms = traceIdForms(id);
  return [...new Set([...forms, ...forms.map((f) => f.toUpperCase())])];
}

/** One trace's lines: `terms` on the configured trace-id field, inside the time range. */
export function traceQuery(traceIdField: string, traceId: string, p: PageRequest) {
  return page(p, [{ terms: { [traceIdField]: traceIdTerms(traceId) } }, timeRange(p)]);
}

/** Explore: a Lucene `query_string` inside the time range. */
export function luceneQuery(query: string, defaultField: string | undefined, p: PageRequest) {
  const qs = { query, ...(defaultField ? { default_field: defaultField } : {}), lenient: true };
  return page(p, [{ query_string: qs }, timeRange(p)]);
}

/** Lines whose (keyword) `field` is one of `values`, e.g. one service's lines for the anomaly scan's log sample. */
export function fieldQuery(field: string, values: readonly string[], p: PageRequest) {
  return page(p, [{ terms: { [field]: [...values] } }, timeRange(p)]);
}

/** Buckets per volume histogram at most (Elasticsearch's `search.max_buckets` is 65,536). */
export const MAX_VOLUME_BUCKETS = 10_000;

/**
 * Lines per `stepSec` bucket whose keyword `field` is `value`, split by the values of
 * `groupField` (README §2.3): no hits, a `date_histogram` with empty buckets across the whole
 * range, and under it the ten most frequent group values (`unknown` for lines without one).
 */
export function volumeQuery(field: string, value: string, groupField: string | null, h: { fromMs: number; toMs: number; timestampField: string; stepSec: number }) {
  const histogram = {
    date_histogram: { field: h.timestampField, fixed_interval: `${h.stepSec}s`, min_doc_count: 0, extended_bounds: { min: Math.floor(h.fromMs), max: Math.ceil(h.toMs) } },
    ...(groupField ? { aggs: { g: { terms: { field: groupField, size: 10, missing: 'unknown' } } } } : {}),
  };
  return { size: 0, track_total_hits: false, query: { bool: { filter: [{ terms: { [field]: [value] } }, timeRange(h)] } }, aggs: { t: histogram } };
}
