/**
 * The API requests each view makes, derived from the view's own path. Pages build their
 * fetch URLs with these functions, and snapshots store the responses under the same keys,
 * so a snapshot page renders from exactly what the live page would have fetched.
 */

import { DEFAULT_FROM, DEFAULT_TO } from '../time/range';

export type ViewKind = 'trace' | 'explore' | 'anomalies' | 'overview';

const pick = (q: URLSearchParams, keys: string[]): string => {
  const out = new URLSearchParams();
  for (const k of keys) {
    const v = q.get(k);
    if (v !== null && v !== '') out.set(k, v);
  }
  return out.toString();
};

/** The sources a page picked (docs/api.md, "Choosing sources"): passed through to the API as they are. */
export const SOURCE_PARAMS = ['metricsSource', 'logsSource', 'tracesSource'] as const;
/** The parameter that picks each backend slot's source. */
export const SOURCE_PARAM_OF = { prometheus: 'metricsSource', loki: 'logsSource', jaeger: 'tracesSource' } as const;
const RANGE_AND_SOURCES = ['from', 'to', ...SOURCE_PARAMS];

export const correlatedUrl = (traceId: string, q: URLSearchParams): string =>
  `/api/v1/traces/${encodeURIComponent(traceId)}/correlated?${pick(q, RANGE_AND_SOURCES)}`;

/** The trace page's one request: NDJSON frames, the waterfall's first (docs/api.md, "Investigation stream"). */
export const traceStreamUrl = (traceId: string, q: URLSearchParams): string => `/api/v1/traces/${encodeURIComponent(traceId)}/stream?${pick(q, RANGE_AND_SOURCES)}`;

/** The trace alone, spans as columns (public API; the page reads the stream). */
export const traceOnlyUrl = (traceId: string, q: URLSearchParams): string => `/api/v1/traces/${encodeURIComponent(traceId)}?${pick(q, RANGE_AND_SOURCES)}`;

export const anomaliesUrl = (q: URLSearchParams): string => `/api/v1/anomalies?${pick(q, ['from', 'to', 'service', 'kind'])}`;

/** The search form's parameters that reach the API (the sort is applied in the page). */
const TRACE_SEARCH_KEYS = ['service', 'operation', 'tags', 'minDuration', 'maxDuration', 'limit', 'errors'];

/**
 * The trace search request of a /traces URL (docs/search-api.md), or null without a
 * service. The page preloads exactly this URL while its script loads, and the view fetches it.
 */
export function traceSearchUrl(q: URLSearchParams): string | null {
  if (!q.get('service')) return null;
  const out = new URLSearchParams({ from: q.get('from') || DEFAULT_FROM, to: q.get('to') || DEFAULT_TO });
  for (const k of TRACE_SEARCH_KEYS) {
    const v = q.get(k);
    if (v) out.set(k, v);
  }
  return `/api/v1/traces?${out.toString()}`;
}

/** Incidents of the range (docs/api.md, "Incidents"): the overview's cards and the anomalies page's grouping. */
export const incidentsUrl = (q: URLSearchParams): string => `/api/v1/incidents?${pick(q, ['from', 'to'])}`;

export const metricsQueryUrl = (q: URLSearchParams): string | null =>
  q.get('query') ? `/api/v1/query/metrics?${pick(q, ['query', 'from', 'to', 'step', 'metricsSource'])}` : null;

/** Explore's queries on one chart: A is `query`, the others `queryB` … `queryE`. */
export const QUERY_REFS = ['A', 'B', 'C', 'D', 'E'] as const;
export type QueryRef = (typeof QUERY_REFS)[number];
export const queryParamOf = (ref: QueryRef): string => (ref === 'A' ? 'query' : `query${ref}`);

/** The range query of each explore query present in the URL, in A…E order. */
export function metricsQueryUrls(q: URLSearchParams): { ref: QueryRef; query: string; url: string }[] {
  const out: { ref: QueryRef; query: string; url: string }[] = [];
  for (const ref of QUERY_REFS) {
    const query = q.get(queryParamOf(ref));
    if (!query) continue;
    const p = new URLSearchParams(pick(q, ['from', 'to', 'step']));
    p.set('query', query);
    out.push({ ref, query, url: ref === 'A' ? metricsQueryUrl(q)! : `/api/v1/query/metrics?${p.toString()}` });
  }
  return out;
}

/** The findings an explore chart marks: counter resets and GC storms over the same range. */
export const exploreMarkersUrl = (q: URLSearchParams): string | null => {
  if (!QUERY_REFS.some((r) => q.get(queryParamOf(r)))) return null;
  const p = new URLSearchParams(pick(q, ['from', 'to']));
  p.set('kind', 'counter_reset,gc_storm');
  return `/api/v1/anomalies?${p.toString()}`;
};

export const logsQueryUrl = (q: URLSearchParams): string | null => {
  const logql = q.get('logql');
  if (!logql) return null;
  const p = new URLSearchParams(pick(q, ['from', 'to', 'limit', 'logsSource']));
  p.set('query', logql);
  return `/api/v1/query/logs?${p.toString()}`;
};

/** Lines per level over time above the log list (log queries only; the page decides; live pages only, not part of snapshots). */
export const logVolumeUrl = (q: URLSearchParams): string | null => {
  const logql = q.get('logql');
  if (!logql) return null;
  const p = new URLSearchParams(pick(q, ['from', 'to', 'logsSource']));
  p.set('query', logql);
  return `/api/v1/query/logs/volume?${p.toString()}`;
};

export function viewKind(pathname: string): ViewKind | null {
  if (/^\/trace\/[^/]+$/.test(pathname)) return 'trace';
  if (pathname === '/explore') return 'explore';
  if (pathname === '/anomalies') return 'anomalies';
  if (pathname === '/') return 'overview';
  return null;
}

/** Every API URL the view at `path` (pathname + query) requests. */
export function apiUrlsForView(path: string): string[] {
  const url = new URL(path, 'http://view.invalid');
  const q = url.searchParams;
  switch (viewKind(url.pathname)) {
    case 'trace':
      return [correlatedUrl(decodeURIComponent(url.pathname.split('/')[2]), q)];
    case 'explore':
      return [...metricsQueryUrls(q).map((m) => m.url), exploreMarkersUrl(q), logsQueryUrl(q)].filter((u): u is string => u !== null);
    case 'anomalies':
    case 'overview':
      return [anomaliesUrl(q), incidentsUrl(q)];
    default:
      return [];
  }
}
