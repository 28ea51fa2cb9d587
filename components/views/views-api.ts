'use client';

import { fetchApi, sendApi } from '@/components/ui/use-api';
import { createdShare, deleted, revokedShare, shareList, viewList, viewRecord } from '@/lib/api/contract/views';
import { traceIdOfPath } from '@/lib/routes';
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
    return fetchApi(`/api/v1/views${qs ? `?${qs}` : ''}`, viewList);
  },
  findByPath: (path: string) => fetchApi(`/api/v1/views?path=${encodeURIComponent(path)}`, viewList),
  create: (input: { name: string; description?: string; path: string }) => sendApi('POST', '/api/v1/views', viewRecord, input),
  update: (id: string, patch: { name?: string; description?: string }) => sendApi('PATCH', `/api/v1/views/${encodeURIComponent(id)}`, viewRecord, patch),
  remove: (id: string) => sendApi('DELETE', `/api/v1/views/${encodeURIComponent(id)}`, deleted),
  shares: (id: string) => fetchApi(`/api/v1/views/${encodeURIComponent(id)}/shares`, shareList),
  share: (id: string, input: { snapshot: boolean; expiresIn: string; pinRange: boolean }) =>
    sendApi('POST', `/api/v1/views/${encodeURIComponent(id)}/share`, createdShare, input),
  revoke: (viewId: string, shareId: string) =>
    sendApi('DELETE', `/api/v1/views/${encodeURIComponent(viewId)}/shares/${encodeURIComponent(shareId)}`, revokedShare),
};

/** A readable default name for a view path, e.g. "Trace 4bf92f35…" or "Anomalies". */
export function defaultViewName(path: string): string {
  const url = new URL(path, 'http://view.invalid');
  const trace = traceIdOfPath(url.pathname);
  if (trace !== null) return `Trace ${trace.slice(0, 8)}…`;
  if (url.pathname === '/explore') return `Explore ${url.searchParams.get('query') ?? url.searchParams.get('logql') ?? ''}`.trim().slice(0, 80);
  if (url.pathname === '/anomalies') return 'Anomalies';
  return 'Overview';
}
