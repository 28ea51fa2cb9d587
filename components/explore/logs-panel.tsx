'use client';

import { useState } from 'react';
import { logVolumeResponse, type ExploreLogEntry, type ExploreLogsResponse } from '@/lib/api/contract/explore';
import { TimeSeriesChart } from '@/components/charts/time-series-chart';
import { inferLogqlUnit } from '@/components/charts/units';
import { useApi, type ApiFetchError } from '@/components/ui/use-api';
import { useIsReadOnlyView, useViewParams } from '@/components/ui/view-params';
import { logsCsv } from '@/lib/query/csv';
import { withLabelFilter } from '@/lib/query/logql-edit';
import { logVolumeUrl } from '@/lib/views/api-urls';
import { csvName, downloadText } from './download';
import { ExplorePanel } from './explore-panel';
import { cursorTolerance } from './log-cursor';
import { LogContextPanel } from './log-context-panel';
import { LogList } from './log-list';
import { LogVolume } from './log-volume';
import { LogsToolbar } from './logs-toolbar';
import { QueryBar } from './query-bar';
import { QueryStatus } from './query-status';
import { useLiveTail } from './use-live-tail';

export const LIMIT_CHOICES = ['100', '500', '1000', '5000'];

export interface LogsPanelProps {
  logql: string;
  /** The log source's query language: LogQL for Loki, Lucene for Elasticsearch (LOGS_BACKEND). */
  language?: 'logql' | 'lucene';
  limit: string;
  data: ExploreLogsResponse | undefined;
  error: ApiFetchError | null;
  fetching: boolean;
  cursorMs: number | null;
  /** Step of the metrics chart, so the cursor line matches its resolution. */
  chartStepSec: number | null;
  onRun: (logql: string) => void;
  onLimit: (limit: string) => void;
  onHover: (ms: number | null) => void;
  onPin: () => void;
  onSelectTime: (ms: number) => void;
  onZoom: (fromMs: number, toMs: number) => void;
}

const LANGUAGES = {
  logql: { name: 'LogQL', placeholder: 'e.g. {service_name="checkout"} |= "error"' },
  lucene: { name: 'Lucene', placeholder: 'e.g. service.name:checkout AND "payment failed"' },
} as const;

/**
 * The log query editor (LogQL, or Lucene for an Elasticsearch source) and, for a log query,
 * the log list (wrap, CSV; with LogQL also the volume histogram, live tail, context and
 * filters from a row, which Loki's API serves); for a metric LogQL query, its chart.
 */
export function LogsPanel({ logql, language = 'logql', limit, data, error, fetching, cursorMs, chartStepSec, onRun, onLimit, onHover, onPin, onSelectTime, onZoom }: LogsPanelProps) {
  const params = useViewParams();
  const readOnly = useIsReadOnlyView();
  const [wrap, setWrap] = useState(false);
  const [tail, setTail] = useState(false);
  const [context, setContext] = useState<ExploreLogEntry | null>(null);
  const lang = LANGUAGES[language];
  // Volume, tail, context and row filters are LogQL (lib/query/log-volume.ts, log-context.ts, logql-edit.ts), and not for a read-only view.
  const liveLogql = language === 'logql' && !readOnly;
  const fromMs = data ? Date.parse(data.range.from) : 0;
  const toMs = data ? Date.parse(data.range.to) : 0;
  const ok = data && data.sources.loki?.status === 'ok';
  const streams = ok && data.resultType === 'streams';
  // Asked alongside the lines (not after them); a metric query's 400 is never shown.
  const volume = useApi(logql && liveLogql ? logVolumeUrl(params) : null, logVolumeResponse);
  const live = useLiveTail(logql, params.get('logsSource'), tail && liveLogql && !!streams, streams ? data.logs : []);
  // Until the first poll answers, the lines already listed stay.
  const shown = streams ? (tail && live.polls > 0 ? live.lines : data.logs) : [];
  const filter = (key: string, value: string, exclude: boolean) => onRun(withLabelFilter(logql, key, value, exclude));

  return (
    <ExplorePanel
      testId="explore-logs"
      titleId="explore-logs-title"
      title="Logs"
      language={lang.name}
      aside={
        ok && (
          <span data-testid="explore-logs-summary" className="text-xs text-slate-500">
            {data.resultType === 'matrix'
              ? `${data.series.length} series · step ${data.step}s`
              : `${data.logs.length} lines${data.truncated ? ` (limit ${data.limit} reached; older lines exist)` : ''}`}
            {` · ${data.sources.loki!.ms} ms`}
          </span>
        )
      }
    >
      <QueryBar language={language} value={logql} label={`${lang.name} query`} placeholder={lang.placeholder} running={fetching} onRun={onRun}>
        <label className="flex h-[34px] items-center gap-1 text-xs text-slate-600 dark:text-slate-400">
          limit
          <select
            data-testid="explore-limit"
            value={limit}
            onChange={(e) => onLimit(e.target.value)}
            className="rounded border border-slate-300 bg-transparent px-1 py-1 dark:border-slate-700"
          >
            {(LIMIT_CHOICES.includes(limit) ? LIMIT_CHOICES : [limit, ...LIMIT_CHOICES]).map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        </label>
      </QueryBar>
      <QueryStatus source="loki" report={data?.sources.loki} error={error} warnings={data?.warnings} />
      {data?.suggestion && (
        <p data-testid="logs-case-hint" className="rounded border border-sky-300 bg-sky-50 px-2 py-1 text-xs text-sky-900 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-200">
          {data.suggestion.message} Try{' '}
          <button type="button" className="font-mono underline" data-testid="logs-case-hint-run" onClick={() => onRun(data.suggestion!.query)}>
            {data.suggestion.query}
          </button>
        </p>
      )}
      {!logql ? (
        <p className="py-6 text-center text-xs text-slate-500">Write a {lang.name} query and press Run (Ctrl/Cmd+Enter). Trace ids in the lines link to their traces.</p>
      ) : ok && data.resultType === 'matrix' ? (
        <div onClick={onPin} className="cursor-crosshair">
          <TimeSeriesChart series={data.series.map((s) => ({ ...s, query: logql }))} unit={inferLogqlUnit(logql)} fromMs={fromMs} toMs={toMs} height={200} cursorMs={cursorMs} onCursor={onHover} onZoom={onZoom} />
        </div>
      ) : streams ? (
        <>
          {volume.data && !tail && <LogVolume data={volume.data} />}
          {volume.error && volume.error.status !== 400 && <p className="text-[11px] text-slate-500">Log volume unavailable: {volume.error.message}</p>}
          <LogsToolbar
            wrap={wrap}
            onWrap={setWrap}
            tail={tail}
            onTail={liveLogql ? setTail : undefined}
            tailInfo={tail ? (live.error ? `tail paused: ${live.error}` : `live: ${live.lines.length} lines, polling every 2 s`) : null}
            onCsv={shown.length ? () => downloadText(csvName('logs', Date.now()), logsCsv(shown)) : undefined}
          />
          {context && <LogContextPanel key={`${context.tsNs}:${context.line.length}`} entry={context} onClose={() => setContext(null)} />}
          <LogList
            logs={shown}
            cursorMs={tail ? null : cursorMs}
            toleranceMs={cursorTolerance(fromMs, toMs, chartStepSec)}
            onSelectTime={onSelectTime}
            wrap={wrap}
            onContext={liveLogql ? setContext : undefined}
            onFilter={liveLogql ? filter : undefined}
          />
        </>
      ) : null}
    </ExplorePanel>
  );
}
