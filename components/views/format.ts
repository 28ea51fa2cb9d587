/** Display helpers for views and shares. Pure: times through lib/time/format.ts in the zone given. */
import { formatIso } from '@/lib/time/format';

/** A stored time in the chosen zone: `2026-11-23 12:00:05 UTC` (no locale, no hydration drift). */
export const formatTimestamp = (iso: string | null, zone: string): string => formatIso(iso, zone);

/**
 * A view's pinned path as a person reads it: `/explore?query=rate(x{job="a"}[5m])&from=now-1h`
 * rather than percent-escapes. Display only; the link itself stays encoded.
 */
export function readablePath(path: string): string {
  try {
    const url = new URL(path, 'http://view.invalid');
    const query = [...url.searchParams].map(([k, v]) => `${k}=${v}`).join('&');
    return `${decodeURIComponent(url.pathname)}${query ? `?${query}` : ''}`;
  } catch {
    return path; // a malformed escape: the path as stored
  }
}

/** What an API URL of a view fetched, in words, for "not captured" notes. */
export function describeApiUrl(url: string): string {
  if (url.includes('/correlated')) return 'trace, logs and metrics';
  if (url.startsWith('/api/v1/query/metrics')) return 'metric query';
  if (url.startsWith('/api/v1/query/logs')) return 'log query';
  if (url.startsWith('/api/v1/anomalies')) return 'anomalies';
  return url;
}

export function formatExpiry(expiresAt: string | null, zone: string): string {
  return expiresAt ? `expires ${formatTimestamp(expiresAt, zone)}` : 'never expires';
}
