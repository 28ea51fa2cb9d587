'use client';

import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ExploreLogEntry as LogEntry } from '@/lib/api/contract/explore';
import type { LogLevel } from '@/components/logs/log-level';
import { withLevels } from '@/components/logs/log-filter';
import { cursorRow } from './log-cursor';
import { LogLineRow } from './log-line';
import { ClockTime } from '@/components/ui/clock-time';

/**
 * The explore page's log list (the trace page's LogPanel is built around one trace, so this
 * one is separate): virtualized for thousands of lines, newest first, with a cursor line
 * where the shared time cursor falls. Clicking a row moves the cursor to it and shows its
 * labels.
 */

export interface LogListProps {
  logs: LogEntry[];
  cursorMs: number | null;
  toleranceMs: number;
  onSelectTime: (ms: number) => void;
  height?: number;
  /** Long lines wrap instead of being cut at the panel's edge. */
  wrap?: boolean;
  onContext?: (entry: LogEntry) => void;
  onFilter?: (key: string, value: string, exclude: boolean) => void;
}

type Item = { kind: 'log'; entry: LogEntry; level: LogLevel; key: string } | { kind: 'cursor'; key: string };

const ROW_PX = 22;
const msOf = (e: LogEntry) => Date.parse(e.ts);

export function LogList({ logs, cursorMs, toleranceMs, onSelectTime, height = 480, wrap = false, onContext, onFilter }: LogListProps) {
  const levelled = useMemo(
    () => withLevels(logs).map(({ level, seq }): Item => ({ kind: 'log', entry: logs[seq], level, key: `${logs[seq].tsNs}:${seq}` })),
    [logs],
  );
  const times = useMemo(() => logs.map(msOf), [logs]);
  const at = cursorRow(times, cursorMs, toleranceMs);
  const items = useMemo(() => (at === null ? levelled : [...levelled.slice(0, at), { kind: 'cursor', key: 'cursor' } as Item, ...levelled.slice(at)]), [levelled, at]);

  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const [selected, setSelected] = useState<string | null>(null);
  const clickedMs = useRef<number | null>(null);

  const scroller = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read in render by design
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_PX,
    overscan: 12,
    getItemKey: (i) => items[i].key,
  });

  // Follow a cursor moved from the chart; a cursor set by clicking a row is already in view.
  useEffect(() => {
    if (at === null || cursorMs === clickedMs.current) return;
    virtualizer.scrollToIndex(at, { align: 'center' });
  }, [at, cursorMs, virtualizer]);

  const onSelect = useCallback(
    (entry: LogEntry) => {
      const key = `${entry.tsNs}:${logs.indexOf(entry)}`;
      setSelected(key);
      setExpanded((prev) => {
        const next = new Set(prev);
        if (next.has(key)) next.delete(key);
        else next.add(key);
        return next;
      });
      clickedMs.current = msOf(entry);
      onSelectTime(clickedMs.current);
    },
    [logs, onSelectTime],
  );

  if (logs.length === 0) return <p className="p-4 text-center text-xs text-slate-500">No log lines in this window.</p>;
  return (
    <div ref={scroller} data-testid="explore-log-list" style={{ height: Math.min(height, items.length * ROW_PX + 4) }} className="overflow-auto">
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((v) => {
          const item = items[v.index];
          return (
            <div key={v.key} data-index={v.index} ref={virtualizer.measureElement} style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${v.start}px)` }}>
              {item.kind === 'cursor' ? (
                <div data-testid="explore-log-cursor" className="flex items-center gap-2 px-2 text-[10px] text-rose-600 dark:text-rose-400" style={{ height: ROW_PX }}>
                  <span className="h-px flex-1 bg-rose-500" />
                  <span>cursor {cursorMs !== null ? <ClockTime iso={new Date(cursorMs).toISOString()} className="" /> : ''}</span>
                  <span className="h-px flex-1 bg-rose-500" />
                </div>
              ) : (
                <LogLineRow entry={item.entry} level={item.level} expanded={expanded.has(item.key)} selected={selected === item.key} wrap={wrap} onSelect={onSelect} onContext={onContext} onFilter={onFilter} />
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
