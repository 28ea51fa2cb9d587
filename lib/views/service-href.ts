/** Links to a service's page (/services/{name}), carrying the selected range along. */
export function serviceHref(service: string, rangeQuery = ''): string {
  return `/services/${encodeURIComponent(service)}${rangeQuery ? `?${rangeQuery}` : ''}`;
}

/** Link to the trace search of one service, with optional extra filters. */
export function searchHref(service: string, rangeQuery = '', extra: Record<string, string> = {}): string {
  const q = new URLSearchParams(rangeQuery);
  q.set('service', service);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return `/traces?${q}`;
}
