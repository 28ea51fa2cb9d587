'use client';

import dynamic from 'next/dynamic';
import { WhenVisible } from '@/components/ui/when-visible';
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { logsBySpan, withLevels } from '@/components/logs/log-filter';
import { LogPanel } from '@/components/logs/log-panel';
import { useApi, useSnapshot } from '@/components/ui/use-api';
import { parseCorrelated } from './parse-correlated';
import { useTraceStream } from './use-trace-stream';
import { useSetViewParams, useViewParams } from '@/components/ui/view-params';
import type { ApiTrace } from '@/lib/api/types';
import { correlatedUrl, traceStreamUrl } from '@/lib/views/api-urls';
import { rangeParams, tracePath } from '@/lib/routes';
import { ExemplarList } from './exemplar-list';
import { FindingsList } from './findings-list';
import { IncidentTimeline } from './incident-timeline';
import { chartWindow } from './metric-panels-model';
import { SourceStatus } from './source-status';
import { SpanDrawer } from './span-drawer';
import { TraceHeader } from './trace-header';
import { ShareButton } from '@/components/views/share-button';
import { spanNotes } from './trace-notes';
import { Waterfall } from './waterfall';
import { SpanStatsTable } from './span-stats-table';
import { SpanTools, useSpanFilter, useSpanStats } from './span-tools';
import { stepMatch } from '@/lib/trace-tools/span-filter';
import { ancestorIds, collapseBelow, formatIdList, indexTrace, parseIdList, visibleRows, type WaterfallIndex } from './waterfall-model';
import { Alert } from '@/components/ui/alert';

// Recharts is the heaviest dependency of the page: it loads after the waterfall.
const MetricPanels = dynamic(() => import('./metric-panels'), {
  ssr: false,
  loading: () => <p className="text-xs text-slate-500">Loading charts…</p>,
});

const EMPTY_INDEX: WaterfallIndex = indexTrace({ spans: [] });
const NO_TRACE: ApiTrace = { spans: [], rootSpanIds: [], orphanSpanIds: [], duplicateSpanIds: [], warnings: [], start: '', durationMs: 0, processes: {} };

/**
 * The investigation page of one trace: waterfall, span drawer, logs and the metrics of every
 * service involved. All state is in the URL (from, to, span, collapsed, logq, level, inline).
 */
export function TraceView({ traceId }: { traceId: string }) {
  const params = useViewParams();
  const setParams = useSetViewParams();
  // Live, the page reads one stream: the waterfall from its first frame, then logs, metrics and
  // findings as they land (use-trace-stream.ts). A snapshot holds the full JSON answer instead.
  const snapshot = useSnapshot();
  const live = useTraceStream(snapshot ? null : traceStreamUrl(traceId, params));
  const frozen = useApi(snapshot ? correlatedUrl(traceId, params) : null, parseCorrelated);
  const data = snapshot ? frozen.data : live.data;
  const loadError = snapshot ? frozen.error : live.error;
  const complete = snapshot ? !!frozen.data : live.has.findings;
  const restPending = !complete && !loadError;
  const detailPending = !snapshot && !live.has.details && !loadError;
  const detailsVersion = live.detailsVersion;

  const selectedId = params.get('span');
  const collapsedParam = params.get('collapsed');
  const logq = params.get('logq') ?? '';
  const level = params.get('level');
  const inlineLogs = params.get('inline') !== 'off';

  const trace = data?.trace ?? null;
  const index = useMemo(() => (trace ? indexTrace(trace) : EMPTY_INDEX), [trace]);
  const dataLogs = data?.logs;
  const anomalies = data?.anomalies;
  const logs = useMemo(() => withLevels(dataLogs ?? []), [dataLogs]);
  const bySpan = useMemo(() => logsBySpan(logs), [logs]);
  const logCounts = useMemo(() => new Map([...bySpan].map(([id, l]) => [id, l.length])), [bySpan]);
  const collapsed = useMemo(() => parseIdList(collapsedParam), [collapsedParam]);
  const rows = useMemo(() => visibleRows(index, collapsed, inlineLogs ? logCounts : undefined), [index, collapsed, inlineLogs, logCounts]);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- orphan reasons land in the spans with detailsVersion
  const notes = useMemo(() => spanNotes(trace ?? NO_TRACE, anomalies ?? []), [trace, anomalies, detailsVersion]);

  // Span search and statistics (components/traces/span-tools.tsx, lib/trace-tools).
  const { parsedFilter, filterActive, filtered, filterIndex } = useSpanFilter(index, params, detailsVersion);
  const hideOthers = params.get('fhide') === '1';
  const shownRows = useMemo(() => (filtered && hideOthers ? rows.filter((r) => filtered.mask[r.index]) : rows), [rows, filtered, hideOthers]);
  const [statsOpen, setStatsOpen] = useState(false);
  const stats = useSpanStats(index, filterIndex, statsOpen, filtered?.mask ?? null, complete);
  const selectedIndex = selectedId !== null ? index.indexById.get(selectedId) ?? null : null;
  const matchPosition = filtered && selectedIndex !== null && filtered.mask[selectedIndex] ? filtered.matches.indexOf(selectedIndex) + 1 : null;

  // Row callbacks stay identical across URL changes, so memoized rows do not re-render.
  const latest = useRef({ setParams, collapsed, index, selectedId });
  useLayoutEffect(() => {
    latest.current = { setParams, collapsed, index, selectedId };
  });
  const onToggle = useCallback((spanId: string) => {
    const { setParams: set, collapsed: cur } = latest.current;
    const next = new Set(cur);
    if (next.has(spanId)) next.delete(spanId);
    else next.add(spanId);
    set({ collapsed: formatIdList(next) }, 'history');
  }, []);
  const onSelect = useCallback((spanId: string) => {
    const { setParams: set, collapsed: cur, index: idx, selectedId: sel } = latest.current;
    if (spanId === sel) return set({ span: null }, 'history');
    const at = idx.indexById.get(spanId);
    const hiding = at === undefined ? [] : ancestorIds(idx, at).filter((id) => cur.has(id));
    const changes: Record<string, string | null> = { span: spanId };
    if (hiding.length) changes.collapsed = formatIdList([...cur].filter((id) => !hiding.includes(id)));
    set(changes, 'history');
  }, []);
  const onStep = useCallback(
    (direction: 1 | -1) => {
      if (!filtered) return;
      const next = stepMatch(filtered.matches, filtered.mask, selectedIndex, direction);
      if (next !== null && index.spans[next].spanId !== latest.current.selectedId) onSelect(index.spans[next].spanId);
    },
    [filtered, selectedIndex, index, onSelect],
  );
  const onFilterChange = useCallback((changes: { logq?: string | null; level?: string | null }) => latest.current.setParams(changes, 'history'), []);

  // Links keep only the range: a filter or selection change must not make new link builders,
  // or every memoized row, log line and panel below would draw again on each key press.
  const keepKey = rangeParams(params).toString();
  const keep = useMemo(() => new URLSearchParams(keepKey), [keepKey]);
  const spanHref = useCallback((spanId: string) => {
    const q = new URLSearchParams(keep);
    q.set('span', spanId);
    return tracePath(traceId, q);
  }, [keep, traceId]);
  const traceHref = useCallback((id: string) => tracePath(id, keep), [keep]);

  const selected = selectedId !== null && trace ? trace.spans[index.indexById.get(selectedId) ?? -1] ?? null : null;
  const traceBand = useMemo(() => (index.spans.length > 0 ? { fromMs: index.startUs / 1000, toMs: index.endUs / 1000 } : undefined), [index]);
  const chartRange = useMemo(
    () => (data ? chartWindow(data.metrics, traceBand ?? null, { fromMs: Date.parse(data.range.from), toMs: Date.parse(data.range.to) }) : null),
    [data, traceBand],
  );

  if (!data && !loadError) return <p className="p-4 text-sm text-slate-500" data-testid="trace-loading">Loading trace {traceId}…</p>;
  if (!data)
    return (
      <Alert as="div" size="lg">
        Could not load this trace: {loadError?.message ?? 'no response'}
      </Alert>
    );

  const missing = data.anomalies.find((a) => a.kind === 'missing_trace');
  return (
    <div className="space-y-4" data-testid="trace-view">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <SourceStatus sources={data.sources} />
        <ShareButton />
      </div>
      {restPending && (
        <p role="status" data-testid="investigation-pending" className="animate-pulse text-xs text-slate-500">
          Loading logs, metrics and findings…
        </p>
      )}
      {loadError && (
        <Alert>
          Logs, metrics and findings could not be loaded: {loadError.message}
        </Alert>
      )}
      {complete && chartRange && <IncidentTimeline data={data} logs={logs} axis={chartRange} traceHref={traceHref} />}
      {trace && trace.spans.length > 0 ? (
        <>
          <TraceHeader
            traceId={traceId}
            trace={trace}
            startUs={index.startUs}
            endUs={index.endUs}
            inlineLogs={inlineLogs}
            onExpandAll={() => setParams({ collapsed: null }, 'history')}
            onCollapseDepth={(d) => setParams({ collapsed: formatIdList(collapseBelow(index, d)) }, 'history')}
            onInlineLogs={(on) => setParams({ inline: on ? null : 'off' }, 'history')}
            downloadReady={snapshot ? !!frozen.data : live.has.details}
          />
          <SpanTools
            filterIndex={filterIndex}
            params={params}
            setParams={(changes) => setParams(changes, 'history')}
            active={filterActive}
            matchCount={filtered?.matches.length ?? 0}
            position={matchPosition}
            errors={parsedFilter.errors}
            onStep={onStep}
            statsOpen={statsOpen}
            onStats={setStatsOpen}
          />
          {stats && <SpanStatsTable rows={stats.rows} filtered={stats.filtered} />}
          <Waterfall index={index} rows={shownRows} notes={notes} logsBySpan={bySpan} selectedId={selectedId} onToggle={onToggle} onSelect={onSelect} matchMask={filtered?.mask ?? null} />
        </>
      ) : (
        <Alert as="div" tone="warning" size="lg" data-testid="trace-missing">
          {data.sources.jaeger?.status === 'ok' || data.sources.jaeger === undefined ? (
            <p className="font-medium">Jaeger does not have this trace.</p>
          ) : (
            <p className="font-medium">
              The trace could not be loaded from Jaeger ({data.sources.jaeger.status.replace('_', ' ')}
              {data.sources.jaeger.message ? `: ${data.sources.jaeger.message}` : ''}).
            </p>
          )}
          {missing ? (
            <p className="mt-1 break-words" data-testid="trace-missing-reason">{missing.explanation}</p>
          ) : (
            data.sources.jaeger?.status === 'ok' && (
              <p className="mt-1" data-testid="trace-missing-reason">
                No log line or exemplar in this time range carries this id: check it for a typo, or widen the time range.
              </p>
            )
          )}
          <p className="mt-1 text-xs">Logs, exemplars and findings that carry its id are shown below.</p>
        </Alert>
      )}
      <FindingsList anomalies={data.anomalies} currentTraceId={traceId} />
      <LogPanel
        logs={logs}
        currentTraceId={traceId}
        logq={logq}
        level={level}
        onFilterChange={onFilterChange}
        spanHref={spanHref}
        traceHref={traceHref}
        onSelectSpan={onSelect}
      />
      <ExemplarList exemplars={data.exemplars} currentTraceId={traceId} traceHref={traceHref} />
      <section>
        <h2 className="mb-2 text-sm font-semibold">Metrics of the services involved</h2>
        {chartRange && (snapshot || (live.has.metrics && live.has.exemplars)) && (
          <WhenVisible placeholder={<p className="text-xs text-slate-500">Charts load when scrolled into view…</p>}>
            <MetricPanels
              metrics={data.metrics}
              exemplars={data.exemplars}
              anomalies={data.anomalies}
              fromMs={chartRange.fromMs}
              toMs={chartRange.toMs}
              band={traceBand}
              cursorMs={selected ? selected.startUs / 1000 : null}
            />
          </WhenVisible>
        )}
      </section>
      {selected && (
        <SpanDrawer
          span={selected}
          processTags={selected.process ? trace?.processes?.[selected.process]?.tags : undefined}
          traceStartUs={index.startUs}
          reason={notes.reasonFor(selected)}
          logs={bySpan.get(selected.spanId) ?? []}
          spanHref={spanHref}
          onSelect={onSelect}
          onClose={() => setParams({ span: null }, 'history')}
          detailPending={detailPending}
        />
      )}
    </div>
  );
}
