import type { ApiExemplar, ApiMetric } from '@/lib/api/types';
import type { ExploreMetricsResponse } from '@/lib/api/contract/explore';
import type { QueryRef } from '@/lib/views/api-urls';

/**
 * Several PromQL queries (A, B, …) drawn on one chart: their series tagged with the query's
 * letter and text (the legend says "A: …" and names a label-less series after its query),
 * their exemplars pooled, and the range of the first answer as the chart's.
 */

export interface QueryResult {
  ref: QueryRef;
  query: string;
  data: ExploreMetricsResponse | undefined;
}

export function mergeResults(results: readonly QueryResult[]): { series: ApiMetric[]; exemplars: ApiExemplar[]; range: { fromMs: number; toMs: number } | null } {
  const series: ApiMetric[] = [];
  const exemplars: ApiExemplar[] = [];
  let range: { fromMs: number; toMs: number } | null = null;
  for (const r of results) {
    if (!r.data || r.data.sources.prometheus?.status !== 'ok') continue;
    range ??= { fromMs: Date.parse(r.data.range.from), toMs: Date.parse(r.data.range.to) };
    for (const s of r.data.series) series.push({ ...s, panel: r.ref, query: r.query });
    exemplars.push(...r.data.exemplars);
  }
  return { series, exemplars, range };
}
