'use client';

import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { filterLogs, parseLevels, type LevelledLog } from './log-filter';
import { LEVEL_STYLE, LOG_LEVELS, type LogLevel } from './log-level';
import { LogRow } from './log-row';

export interface LogPanelProps {
  logs: LevelledLog[];
  currentTraceId: string;
  /** URL state: filter text and level list. */
  logq: string;
  level: string | null;
  onFilterChange: (changes: { logq?: string | null; level?: string | null }) => void;
  spanHref: (spanId: string) => string;
  traceHref: (traceId: string) => string;
  onSelectSpan: (spanId: string) => void;
  height?: number;
}

const FILTER_LEVELS: LogLevel[] = LOG_LEVELS.filter((l) => l !== 'unknown');

/** All log lines of the trace: filterable, level-coloured, virtualized. */
export const LogPanel = memo(function LogPanel({ logs, currentTraceId, logq, level, onFilterChange, spanHref, traceHref, onSelectSpan, height = 420 }: LogPanelProps) {
  const [text, setText] = useState(logq);
  const levels = useMemo(() => parseLevels(level), [level]);
  const shown = useMemo(() => filterLogs(logs, logq, levels), [logs, logq, levels]);
  const counts = useMemo(() => {
    const c = new Map<LogLevel, number>();
    for (const l of logs) c.set(l.level, (c.get(l.level) ?? 0) + 1);
    return c;
  }, [logs]);

  // Typing updates the URL once the user pauses, not on every key.
  useEffect(() => {
    if (text === logq) return;
    const t = setTimeout(() => onFilterChange({ logq: text || null }), 250);
    return () => clearTimeout(t);
  }, [text, logq, onFilterChange]);

  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 22,
    overscan: 12,
    getItemKey: (i) => shown[i].seq,
  });

  const toggleLevel = (l: LogLevel) => {
    const next = new Set(levels);
    if (next.has(l)) next.delete(l);
    else next.add(l);
    onFilterChange({ level: next.size ? [...next].join(',') : null });
  };

  return (
    <section data-testid="log-panel" className="rounded border border-slate-200 dark:border-slate-800">
      <div className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-2 py-1.5 dark:border-slate-800">
        <h2 className="text-sm font-semibold">Logs</h2>
        <input
          type="search"
          data-testid="log-filter"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="Filter: words, -exclude"
          aria-label="Filter log lines"
          className="w-56 rounded border border-slate-300 bg-transparent px-2 py-0.5 text-xs dark:border-slate-700"
        />
        <div className="flex flex-wrap gap-1" role="group" aria-label="Levels">
          {FILTER_LEVELS.map((l) => (
            <button
              key={l}
              type="button"
              data-testid="log-level-toggle"
              data-level={l}
              aria-pressed={levels.has(l)}
              onClick={() => toggleLevel(l)}
              className={`rounded px-1.5 text-[10px] uppercase ${levels.has(l) ? LEVEL_STYLE[l].badge + ' ring-1 ring-slate-500' : 'text-slate-500 hover:bg-slate-100 dark:hover:bg-slate-800'}`}
            >
              {l} {counts.get(l) ?? 0}
            </button>
          ))}
        </div>
        <span className="ml-auto text-xs text-slate-500">
          {shown.length === logs.length ? `${logs.length} lines` : `${shown.length} of ${logs.length} lines`}
        </span>
      </div>
      {shown.length === 0 ? (
        <p className="p-4 text-center text-xs text-slate-500">{logs.length === 0 ? 'No log lines carry this trace id.' : 'No line matches the filter.'}</p>
      ) : (
        <div ref={scroller} style={{ height: Math.min(height, shown.length * 22 + 4) }} className="overflow-auto">
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((v) => (
              <div key={v.key} data-index={v.index} data-list-item ref={virtualizer.measureElement} style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${v.start}px)` }}>
                <LogRow log={shown[v.index]} currentTraceId={currentTraceId} spanHref={spanHref} traceHref={traceHref} onSelectSpan={onSelectSpan} />
              </div>
            ))}
          </div>
        </div>
      )}
    </section>
  );
});
