/** Display helpers for views and shares. Pure, and stable between server and browser. */

/** `2026-11-23 12:00:05 UTC`: the same text on server and client (no locale, no hydration drift). */
export function formatUtc(iso: string | null): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** What an API URL of a view fetched, in words, for "not captured" notes. */
export function describeApiUrl(url: string): string {
  if (url.includes('/correlated')) return 'trace, logs and metrics';
  if (url.startsWith('/api/v1/query/metrics')) return 'metric query';
  if (url.startsWith('/api/v1/query/logs')) return 'log query';
  if (url.startsWith('/api/v1/anomalies')) return 'anomalies';
  return url;
}

export function formatExpiry(expiresAt: string | null): string {
  return expiresAt ? `expires ${formatUtc(expiresAt)}` : 'never expires';
}
