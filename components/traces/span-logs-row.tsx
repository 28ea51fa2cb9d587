'use client';

import { memo } from 'react';
import type { LevelledLog } from '@/components/logs/log-filter';
import { LEVEL_STYLE } from '@/components/logs/log-level';
import { ClockTime } from '@/components/ui/clock-time';

export const INLINE_LOG_LINES = 3;
const LINE_PX = 16;

/** Height of an inline-logs row, known before rendering so the virtualizer never measures. */
export const spanLogsHeight = (count: number) => Math.min(count, INLINE_LOG_LINES) * LINE_PX + (count > INLINE_LOG_LINES ? LINE_PX : 0) + 6;

/** The first log lines joined to a span, right under its row. */
export const SpanLogsRow = memo(function SpanLogsRow({
  spanId,
  logs,
  depth,
  onSelect,
}: {
  spanId: string;
  logs: LevelledLog[];
  depth: number;
  onSelect: (spanId: string) => void;
}) {
  const more = logs.length - INLINE_LOG_LINES;
  return (
    <div
      data-testid="span-logs"
      data-span-id={spanId}
      style={{ height: spanLogsHeight(logs.length), paddingLeft: Math.min(depth, 40) * 12 + 28 }}
      className="overflow-hidden border-b border-slate-100 bg-slate-50/70 py-0.5 pr-2 text-[11px] dark:border-slate-800/60 dark:bg-slate-900/60"
    >
      {logs.slice(0, INLINE_LOG_LINES).map((l) => (
        <button
          type="button"
          key={l.seq}
          data-testid="span-log-line"
          data-joined-by={l.entry.joinedBy ?? ''}
          onClick={() => onSelect(spanId)}
          title="Open the span's details and its log lines"
          className={`flex h-4 w-full items-center gap-2 border-l-2 pl-1 text-left hover:bg-slate-100 dark:hover:bg-slate-800 ${LEVEL_STYLE[l.level].border}`}
        >
          <ClockTime iso={l.entry.ts} />
          <span className={`shrink-0 rounded px-1 text-[9px] uppercase ${LEVEL_STYLE[l.level].badge}`}>{l.level === 'unknown' ? '–' : l.level}</span>
          <span className="min-w-0 truncate whitespace-pre font-mono">{l.entry.line.slice(0, 500)}</span>
        </button>
      ))}
      {more > 0 && (
        <button type="button" className="h-4 text-sky-700 hover:underline dark:text-sky-400" onClick={() => onSelect(spanId)}>
          +{more} more in the span drawer
        </button>
      )}
    </div>
  );
});
