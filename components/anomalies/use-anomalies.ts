'use client';

import { useApi, useSnapshot } from '@/components/ui/use-api';
import { anomaliesResponse } from '@/lib/api/contract/anomalies';
import { useViewParams } from '@/components/ui/view-params';
import { anomaliesUrl } from '@/lib/views/api-urls';
import { linkRange } from '@/lib/routes';
import { useRefreshInterval } from '@/components/settings/use-refresh';
import { isRelativeRange } from './time-text';

/**
 * The anomalies of the view's range (and service/kind filters), fetched through the view
 * URL contract so a snapshot serves the same response. `nowMs` is when the data was
 * checked — the snapshot's time inside a snapshot — and relative times count from it.
 * The header's refresh control refetches it (components/settings/refresh-control.tsx).
 */
export function useAnomalies() {
  const params = useViewParams();
  const snapshot = useSnapshot();
  const refresh = useRefreshInterval();
  const live = !snapshot && isRelativeRange(params.get('to'));
  const query = useApi(anomaliesUrl(params), anomaliesResponse);
  const data = query.data;
  const fromMs = data ? Date.parse(data.range.from) : NaN;
  const toMs = data ? Date.parse(data.range.to) : NaN;
  const nowMs = snapshot ? Date.parse(snapshot.takenAt) : query.dataUpdatedAt;
  // The server always sends RFC3339; should it not, the rows still draw against the last hour.
  const range = data
    ? Number.isFinite(fromMs) && Number.isFinite(toMs)
      ? { from: data.range.from, to: data.range.to, fromMs, toMs, link: linkRange(params, data.range) }
      : { from: data.range.from, to: data.range.to, fromMs: nowMs - 3_600_000, toMs: nowMs, link: linkRange(params, data.range) }
    : null;
  return { params, query, data, range, nowMs, autoRefresh: live && refresh.ms !== null ? refresh.choice : null, isSnapshot: snapshot !== null };
}
