/**
 * Every page of the app and every link to one, in one place. Pure and browser-safe. Path
 * segments that come from data (trace ids, share tokens) are always encoded.
 */
import { DEFAULT_FROM, DEFAULT_TO, isRelativeTime, toRfc3339 } from './time/range';

export const PAGES = {
  overview: '/',
  traces: '/traces',
  map: '/map',
  explore: '/explore',
  anomalies: '/anomalies',
  views: '/views',
  digests: '/digests',
} as const;

const withQuery = (path: string, q: URLSearchParams | string): string => {
  const s = q.toString();
  return s ? `${path}?${s}` : path;
};

/** Just a view's time range (`from`, `to`), for links and requests that carry it along. */
export function rangeParams(q: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const k of ['from', 'to']) {
    const v = q.get(k);
    if (v !== null && v !== '') out.set(k, v);
  }
  return out;
}

/** The time range a link out of a view carries. `relative`: it follows the clock ("now-1h" → "now"). */
export interface LinkRange {
  from: string;
  to: string;
  relative: boolean;
}

/**
 * The range links out of a view carry (issue 16): the view's own while it follows the clock,
 * so the next page says "Last 1 hour" and keeps refreshing; otherwise the absolute range the
 * view checked (`checked`, as the API resolved it).
 */
export function linkRange(view: URLSearchParams, checked: { from: string; to: string } | null): LinkRange | null {
  const from = view.get('from') || DEFAULT_FROM;
  const to = view.get('to') || DEFAULT_TO;
  if (isRelativeTime(from) && isRelativeTime(to)) return { from, to, relative: true };
  return checked ? { from: checked.from, to: checked.to, relative: false } : null;
}

/**
 * `href` (an app path) with a range: a relative range replaces the link's own (a finding's
 * window is inside the view's range, and the page stays live); an absolute one only fills
 * in a link that has none.
 */
export function withLinkRange(href: string, range: LinkRange | null): string {
  if (!range) return href;
  const url = new URL(href, 'http://app.invalid');
  for (const k of ['from', 'to'] as const) {
    if (range.relative || !url.searchParams.has(k)) url.searchParams.set(k, range[k]);
  }
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The trace page, with whatever query the caller keeps (range, span, …). */
export const tracePath = (traceId: string, query: URLSearchParams | string = ''): string =>
  withQuery(`/trace/${encodeURIComponent(traceId)}`, query);

/** The trace id a trace page's path names (decoded, as given), or null for any other path. */
export function traceIdOfPath(pathname: string): string | null {
  const m = /^\/trace\/([^/]+)\/?$/.exec(pathname);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return null; // a malformed escape names no trace
  }
}

/** Half the window a trace link opens around the event's time, so the trace page looks in the right place. */
const AROUND_MS = 15 * 60_000;

/** A trace link from a log line or a chart exemplar: the span to open and a window around `atMs`. */
export function traceHref(traceId: string, spanId?: string | null, atMs?: number): string {
  const q = new URLSearchParams();
  if (spanId) q.set('span', spanId);
  if (atMs !== undefined && Number.isFinite(atMs)) {
    q.set('from', new Date(atMs - AROUND_MS).toISOString());
    q.set('to', new Date(atMs + AROUND_MS).toISOString());
  }
  return tracePath(traceId, q);
}

/** Explore with a PromQL query over a range. */
export const exploreHref = (query: string, fromMs: number, toMs: number): string =>
  withQuery(PAGES.explore, new URLSearchParams({ query, from: toRfc3339(fromMs), to: toRfc3339(toMs) }));

/** Explore with a LogQL query over a range, the shared time cursor pinned at `cursorMs`. */
export function exploreLogsHref(logql: string, fromMs: number, toMs: number, cursorMs?: number): string {
  const q = new URLSearchParams({ logql, from: toRfc3339(fromMs), to: toRfc3339(toMs) });
  if (cursorMs !== undefined && Number.isFinite(cursorMs)) q.set('cursor', String(Math.round(cursorMs)));
  return withQuery(PAGES.explore, q);
}

/** The anomalies page filtered to a service and/or kind (and a finding opened), keeping the view's range. */
export function anomaliesHref(range: URLSearchParams, filter: { service?: string | null; kind?: string | null; open?: string }): string {
  const q = rangeParams(range);
  if (filter.service) q.set('service', filter.service);
  if (filter.kind) q.set('kind', filter.kind);
  if (filter.open) q.set('open', filter.open);
  return withQuery(PAGES.anomalies, q);
}

/** The anomalies page for a window, as an app-relative path (what a digest's snapshot freezes). */
export const anomaliesPath = (fromMs: number, toMs: number): string =>
  withQuery(PAGES.anomalies, new URLSearchParams({ from: toRfc3339(fromMs), to: toRfc3339(toMs) }));

/** A share link (`/s/{token}` is a route handler that answers 303, 404 or 410). */
export const sharePath = (token: string): string => `/s/${encodeURIComponent(token)}`;
export const shareUrl = (publicUrl: string, token: string): string => `${publicUrl.replace(/\/+$/, '')}${sharePath(token)}`;
/** Where the snapshot of a share renders. */
export const snapshotPagePath = (token: string): string => `${sharePath(token)}/view`;
/** What a share page loads: the snapshot's stored data, or a live share's view captured now. */
export const sharedViewDataPath = (token: string): string => `${snapshotPagePath(token)}/data`;
