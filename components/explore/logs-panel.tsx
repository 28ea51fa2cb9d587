'use client';

import type { ExploreLogsResponse } from '@/lib/query/logs';
import { TimeSeriesChart } from '@/components/charts/time-series-chart';
import type { ApiFetchError } from '@/components/ui/use-api';
import { cursorTolerance } from './log-cursor';
import { LogList } from './log-list';
import { QueryBar } from './query-bar';
import { QueryStatus } from './query-status';

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
}

const LANGUAGES = {
  logql: { name: 'LogQL', placeholder: 'e.g. {service_name="checkout"} |= "error"' },
  lucene: { name: 'Lucene', placeholder: 'e.g. service.name:checkout AND "payment failed"' },
} as const;

/** The log query editor (LogQL, or Lucene for Elasticsearch) and either the log list or, for a metric LogQL query, its chart. */
export function LogsPanel({ logql, language = 'logql', limit, data, error, fetching, cursorMs, chartStepSec, onRun, onLimit, onHover, onPin, onSelectTime }: LogsPanelProps) {
  const fromMs = data ? Date.parse(data.range.from) : 0;
  const toMs = data ? Date.parse(data.range.to) : 0;
  const ok = data && data.sources.loki?.status === 'ok';
  const lang = LANGUAGES[language];
  return (
    <section data-testid="explore-logs" aria-labelledby="explore-logs-title" className="space-y-2 rounded border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900">
      <div className="flex items-baseline justify-between gap-2">
        <h2 id="explore-logs-title" className="text-sm font-semibold">
          Logs <span className="font-normal text-slate-500">{lang.name}</span>
        </h2>
        {ok && (
          <span data-testid="explore-logs-summary" className="text-xs text-slate-500">
            {data.resultType === 'matrix'
              ? `${data.series.length} series · step ${data.step}s`
              : `${data.logs.length} lines${data.truncated ? ` (limit ${data.limit} reached; older lines exist)` : ''}`}
            {` · ${data.sources.loki!.ms} ms`}
          </span>
        )}
      </div>
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
      {!logql ? (
        <p className="py-6 text-center text-xs text-slate-500">Write a {lang.name} query and press Run (Ctrl/Cmd+Enter). Trace ids in the lines link to their traces.</p>
      ) : ok && data.resultType === 'matrix' ? (
        <div onClick={onPin} className="cursor-crosshair">
          <TimeSeriesChart series={data.series} fromMs={fromMs} toMs={toMs} height={200} cursorMs={cursorMs} onCursor={onHover} />
        </div>
      ) : ok ? (
        <LogList logs={data.logs} cursorMs={cursorMs} toleranceMs={cursorTolerance(fromMs, toMs, chartStepSec)} onSelectTime={onSelectTime} />
      ) : null}
    </section>
  );
}
