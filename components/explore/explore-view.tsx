'use client';

import { ShareButton } from '@/components/views/share-button';
import { useCallback, useState } from 'react';
import { DEFAULT_LOG_LIMIT as DEFAULT_LIMIT } from '@/lib/api/contract/explore';
import { exploreMarkersUrl, logsQueryUrl, metricsQueryUrl } from '@/lib/views/api-urls';
import { PageTitle } from '@/components/ui/page-title';
import { useApi } from '@/components/ui/use-api';
import { anomaliesResponse } from '@/lib/api/contract/anomalies';
import { exploreLogsResponse, exploreMetricsResponse } from '@/lib/api/contract/explore';
import { useSetViewParams, useViewParams } from '@/components/ui/view-params';
import { parseCursor } from './log-cursor';
import { LogsPanel } from './logs-panel';
import { MetricsPanel } from './metrics-panel';
import { useHealth } from '@/components/shell/source-pills';

/**
 * /explore: a PromQL chart and a LogQL log list over the same range, sharing one time
 * cursor. Everything (queries, range, step, limit, pinned cursor) lives in the URL, so
 * copying the address reproduces the view; hovering a chart moves the cursor only locally.
 */
export function ExploreView() {
  const params = useViewParams();
  const setParams = useSetViewParams();
  const metricsUrl = metricsQueryUrl(params);
  const logsUrl = logsQueryUrl(params);
  const metrics = useApi(metricsUrl, exploreMetricsResponse);
  // Counter resets and GC storms of the range, marked on the chart.
  const markers = useApi(exploreMarkersUrl(params), anomaliesResponse);
  const logs = useApi(logsUrl, exploreLogsResponse);
  // The logs query route speaks the configured log source's language (lib/query/logs.ts).
  const logsLanguage = useHealth().data?.sources.loki.backend === 'elasticsearch' ? 'lucene' : 'logql';

  const [hoverMs, setHoverMs] = useState<number | null>(null);
  const pinned = parseCursor(params.get('cursor'));
  const cursorMs = hoverMs ?? pinned;
  const pinCursor = useCallback((ms: number | null) => setParams({ cursor: ms === null ? null : String(Math.round(ms)) }, 'replace'), [setParams]);
  const pinHovered = useCallback(() => {
    if (hoverMs !== null) pinCursor(hoverMs);
  }, [hoverMs, pinCursor]);

  const query = params.get('query') ?? '';
  const logql = params.get('logql') ?? '';

  const runMetrics = ({ query: q, step }: { query: string; step: string }) => {
    const next = { query: q.trim() || null, step: step.trim() || null };
    if (next.query === (params.get('query') || null) && next.step === (params.get('step') || null)) void metrics.refetch();
    else setParams(next);
  };
  const runLogs = (q: string) => {
    const next = q.trim() || null;
    if (next === (params.get('logql') || null)) void logs.refetch();
    else setParams({ logql: next });
  };

  return (
    <div className="space-y-4" data-testid="explore-view">
      <PageTitle title="Explore">
        <ShareButton />
      </PageTitle>
      <MetricsPanel
        query={query}
        step={params.get('step') ?? ''}
        data={metricsUrl ? metrics.data : undefined}
        anomalies={markers.data?.anomalies}
        error={metricsUrl ? metrics.error : null}
        fetching={metrics.isFetching}
        cursorMs={cursorMs}
        onRun={runMetrics}
        onHover={setHoverMs}
        onPin={pinHovered}
      />
      <LogsPanel
        logql={logql}
        language={logsLanguage}
        limit={params.get('limit') ?? String(DEFAULT_LIMIT)}
        data={logsUrl ? logs.data : undefined}
        error={logsUrl ? logs.error : null}
        fetching={logs.isFetching}
        cursorMs={cursorMs}
        chartStepSec={metricsUrl ? (metrics.data?.step ?? null) : null}
        onRun={runLogs}
        onLimit={(limit) => setParams({ limit: limit === String(DEFAULT_LIMIT) ? null : limit })}
        onHover={setHoverMs}
        onPin={pinHovered}
        onSelectTime={pinCursor}
      />
    </div>
  );
}
