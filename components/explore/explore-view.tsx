'use client';

import { ShareButton } from '@/components/views/share-button';
import { useCallback, useState } from 'react';
import { DEFAULT_LOG_LIMIT as DEFAULT_LIMIT } from '@/lib/api/contract/explore';
import { exploreMarkersUrl, logsQueryUrl, metricsQueryUrls, queryParamOf, QUERY_REFS, type QueryRef } from '@/lib/views/api-urls';
import { PageTitle } from '@/components/ui/page-title';
import { useApi } from '@/components/ui/use-api';
import { anomaliesResponse } from '@/lib/api/contract/anomalies';
import { exploreLogsResponse, exploreMetricsResponse } from '@/lib/api/contract/explore';
import { useSetViewParams, useViewParams } from '@/components/ui/view-params';
import { parseCursor } from './log-cursor';
import { LogsPanel } from './logs-panel';
import { MetricsPanel, type MetricRow } from './metrics-panel';
import { useHealth } from '@/components/shell/source-pills';
import { logsLanguage } from './logs-language';

/**
 * /explore: PromQL queries (A…E) on one chart and a LogQL log list over the same range,
 * sharing one time cursor. Everything (queries, range, step, limit, pinned cursor) lives
 * in the URL, so copying the address reproduces the view; hovering a chart moves the
 * cursor only locally, dragging across it zooms the range.
 */

function useMetricQuery(params: URLSearchParams, ref: QueryRef) {
  const found = metricsQueryUrls(params).find((m) => m.ref === ref);
  return useApi(found?.url ?? null, exploreMetricsResponse);
}

export function ExploreView() {
  const params = useViewParams();
  const setParams = useSetViewParams();
  // One hook per letter, always in the same order (QUERY_REFS has five).
  const answers = { A: useMetricQuery(params, 'A'), B: useMetricQuery(params, 'B'), C: useMetricQuery(params, 'C'), D: useMetricQuery(params, 'D'), E: useMetricQuery(params, 'E') };
  const logsUrl = logsQueryUrl(params);
  // Counter resets and GC storms of the range, marked on the chart.
  const markers = useApi(exploreMarkersUrl(params), anomaliesResponse);
  const logs = useApi(logsUrl, exploreLogsResponse);
  // The logs query route speaks the chosen logs source's language (lib/query/logs.ts).
  const language = logsLanguage(useHealth().data, params.get('logsSource'));

  const [opened, setOpened] = useState<ReadonlySet<QueryRef>>(() => new Set());
  const shownRefs = QUERY_REFS.filter((r) => r === 'A' || params.get(queryParamOf(r)) || opened.has(r));
  const rows: MetricRow[] = shownRefs.map((ref) => {
    const query = params.get(queryParamOf(ref)) ?? '';
    const a = answers[ref];
    return { ref, query, data: query ? a.data : undefined, error: query ? a.error : null, fetching: a.isFetching };
  });
  const nextRef = QUERY_REFS.find((r) => !shownRefs.includes(r)) ?? null;

  const [hoverMs, setHoverMs] = useState<number | null>(null);
  const pinned = parseCursor(params.get('cursor'));
  const cursorMs = hoverMs ?? pinned;
  const pinCursor = useCallback((ms: number | null) => setParams({ cursor: ms === null ? null : String(Math.round(ms)) }, 'replace'), [setParams]);
  const pinHovered = useCallback(() => {
    if (hoverMs !== null) pinCursor(hoverMs);
  }, [hoverMs, pinCursor]);
  const zoom = useCallback((fromMs: number, toMs: number) => setParams({ from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString(), cursor: null }), [setParams]);

  const logql = params.get('logql') ?? '';

  const runMetrics = (ref: QueryRef, q: string, step?: string) => {
    const key = queryParamOf(ref);
    const next: Record<string, string | null> = { [key]: q.trim() || null };
    if (step !== undefined) next.step = step.trim() || null;
    if (next[key] === (params.get(key) || null) && step === undefined) void answers[ref].refetch();
    else setParams(next);
  };
  const removeQuery = (ref: QueryRef) => {
    setOpened((prev) => new Set([...prev].filter((r) => r !== ref)));
    setParams({ [queryParamOf(ref)]: null });
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
        rows={rows}
        nextRef={nextRef}
        step={params.get('step') ?? ''}
        anomalies={markers.data?.anomalies}
        cursorMs={cursorMs}
        onRun={runMetrics}
        onAdd={() => nextRef && setOpened((prev) => new Set([...prev, nextRef]))}
        onRemove={removeQuery}
        onStep={(step) => setParams({ step: step.trim() || null })}
        onHover={setHoverMs}
        onPin={pinHovered}
        onZoom={zoom}
      />
      <LogsPanel
        logql={logql}
        language={language}
        limit={params.get('limit') ?? String(DEFAULT_LIMIT)}
        data={logsUrl ? logs.data : undefined}
        error={logsUrl ? logs.error : null}
        fetching={logs.isFetching}
        cursorMs={cursorMs}
        chartStepSec={answers.A.data?.step ?? null}
        onRun={runLogs}
        onLimit={(limit) => setParams({ limit: limit === String(DEFAULT_LIMIT) ? null : limit })}
        onHover={setHoverMs}
        onPin={pinHovered}
        onSelectTime={pinCursor}
        onZoom={zoom}
      />
    </div>
  );
}
