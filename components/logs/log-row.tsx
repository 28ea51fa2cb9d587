'use client';

import { memo } from 'react';
import type { LevelledLog } from './log-filter';
import { joinedByText } from './log-filter';
import { LEVEL_STYLE } from './log-level';
import { LogLineHead } from './log-line-head';
import { LogText } from './log-text';

export interface LogRowProps {
  log: LevelledLog;
  /** Trace shown on this page: its id is not a link to itself. */
  currentTraceId: string;
  spanHref: (spanId: string) => string;
  traceHref: (traceId: string) => string;
  onSelectSpan: (spanId: string) => void;
}

const JOIN_STYLE: Record<string, string> = {
  span_id: 'text-emerald-700 dark:text-emerald-400',
  time: 'text-amber-700 dark:text-amber-400',
  request_id: 'text-sky-700 dark:text-sky-400',
  none: 'text-slate-400',
};

/** One line of the full log panel: time, level, service, its source when several were asked, how it was joined, ids, text. */
export const LogRow = memo(function LogRow({ log, currentTraceId, spanHref, traceHref, onSelectSpan }: LogRowProps) {
  const { entry, level } = log;
  const style = LEVEL_STYLE[level];
  return (
    <div
      data-testid="log-row"
      data-span-id={entry.spanId ?? ''}
      data-joined-by={entry.joinedBy ?? ''}
      data-level={level}
      className={`flex items-start gap-2 border-b border-l-2 border-b-slate-100 px-2 py-0.5 text-xs hover:bg-slate-50 dark:border-b-slate-800 dark:hover:bg-slate-800/50 ${style.border}`}
    >
      <LogLineHead entry={entry} level={level} />
      {entry.source !== undefined ? (
        // Several logs sources were asked (`logsSource=*`): which one this line came from.
        <span data-testid="log-source" className="w-20 shrink-0 truncate text-[10px] text-slate-500" title={`From logs source ${entry.source}`}>
          {entry.source}
        </span>
      ) : null}
      <span className={`w-28 shrink-0 truncate text-[10px] ${JOIN_STYLE[entry.joinedBy ?? 'none']}`} title={entry.joinedBy === 'request_id' ? 'Joined by request id: the line has no trace id, but the x-request-id of this trace' : `Joined to its span ${joinedByText(entry.joinedBy)}`}>
        {joinedByText(entry.joinedBy)}
      </span>
      <span className="w-36 shrink-0 truncate font-mono text-[10px]">
        {entry.spanId ? (
          <a
            href={spanHref(entry.spanId)}
            className="text-sky-700 hover:underline dark:text-sky-400"
            title={`Select span ${entry.spanId}`}
            onClick={(e) => {
              if (e.metaKey || e.ctrlKey || e.shiftKey) return;
              e.preventDefault();
              onSelectSpan(entry.spanId!);
            }}
          >
            {entry.spanId}
          </a>
        ) : entry.traceId && entry.traceId !== currentTraceId ? (
          <a href={traceHref(entry.traceId)} className="text-sky-700 hover:underline dark:text-sky-400" title={`Open trace ${entry.traceId}`}>
            {entry.traceId.slice(0, 16)}…
          </a>
        ) : (
          <span className="text-slate-400">{entry.traceId ? 'this trace' : 'no trace id'}</span>
        )}
      </span>
      <LogText text={entry.line} />
    </div>
  );
});
