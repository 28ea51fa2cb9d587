'use client';

import { fetchApi, sendApi } from '@/components/ui/use-api';
import type { ViewRecord } from '@/lib/views/saved-views';
import type { ShareRecord } from '@/lib/views/shares';

/** Browser calls to the views API (the share dialog and the /views page). */

export type { ShareRecord, ViewRecord };


export const viewsApi = {
  list: (q = '', origin: 'user' | 'all' = 'user') => {
    const p = new URLSearchParams();
    if (q) p.set('q', q);
    if (origin !== 'user') p.set('origin', origin);
    const qs = p.toString();
    return fetchApi<{ views: ViewRecord[] }>(`/api/v1/views${qs ? `?${qs}` : ''}`);
  },
  findByPath: (path: string) => fetchApi<{ views: ViewRecord[] }>(`/api/v1/views?path=${encodeURIComponent(path)}`),
  create: (input: { name: string; description?: string; path: string }) => sendApi<ViewRecord>('POST', '/api/v1/views', input),
  update: (id: string, patch: { name?: string; description?: string }) => sendApi<ViewRecord>('PATCH', `/api/v1/views/${encodeURIComponent(id)}`, patch),
  remove: (id: string) => sendApi<{ deleted: true }>('DELETE', `/api/v1/views/${encodeURIComponent(id)}`),
  shares: (id: string) => fetchApi<{ shares: ShareRecord[] }>(`/api/v1/views/${encodeURIComponent(id)}/shares`),
  share: (id: string, input: { snapshot: boolean; expiresIn: string; pinRange: boolean }) =>
    sendApi<{ url: string; expiresAt: string | null; share: ShareRecord; failedParts: string[] }>('POST', `/api/v1/views/${encodeURIComponent(id)}/share`, input),
  revoke: (viewId: string, shareId: string) =>
    sendApi<{ revoked: true; share: ShareRecord }>('DELETE', `/api/v1/views/${encodeURIComponent(viewId)}/shares/${encodeURIComponent(shareId)}`),
};

/** A readable default name for a view path, e.g. "Trace 4bf92f35…" or "Anomalies". */
export function defaultViewName(path: string): string {
  const url = new URL(path, 'http://view.invalid');
  const trace = /^\/trace\/([^/]+)$/.exec(url.pathname);
  if (trace) return `Trace ${decodeURIComponent(trace[1]).slice(0, 8)}…`;
  if (url.pathname === '/explore') return `Explore ${url.searchParams.get('query') ?? url.searchParams.get('logql') ?? ''}`.trim().slice(0, 80);
  if (url.pathname === '/anomalies') return 'Anomalies';
  return 'Overview';
}
