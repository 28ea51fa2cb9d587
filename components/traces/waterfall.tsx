'use client';

import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { LevelledLog } from '@/components/logs/log-filter';
import { serviceColor, serviceColorOnDark } from '@/lib/correlate/service-colors';
import { axisTicks } from './span-format';
import { SpanLogsRow, spanLogsHeight } from './span-logs-row';
import { ROW_HEIGHT, SpanRow } from './span-row';
import type { SpanNotes } from './trace-notes';
import type { WaterfallIndex, WaterfallRow } from './waterfall-model';

export interface WaterfallProps {
  index: WaterfallIndex;
  rows: WaterfallRow[];
  notes: SpanNotes;
  logsBySpan: ReadonlyMap<string, LevelledLog[]>;
  selectedId: string | null;
  onToggle: (spanId: string) => void;
  onSelect: (spanId: string) => void;
  height?: number;
  /** With a span filter on: 1 for matching spans; the others are dimmed. */
  matchMask?: Uint8Array | null;
}

const EMPTY: LevelledLog[] = [];

const NEUTRAL = { light: '#475569', dark: '#94a3b8' };

/** The virtualized span waterfall: only the rows in view (plus overscan) are in the DOM. */
export function Waterfall({ index, rows, notes, logsBySpan, selectedId, onToggle, onSelect, height = 560, matchMask = null }: WaterfallProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const durationUs = index.endUs - index.startUs;
  const colors = useMemo(() => {
    const m = new Map<string, { light: string; dark: string }>();
    for (const s of index.spans) if (!m.has(s.service)) m.set(s.service, { light: serviceColor(s.service), dark: serviceColorOnDark(s.service) });
    return m;
  }, [index]);

  // Stable while the rows are: a new getItemKey makes the virtualizer re-measure every row (50,000) on each render.
  const estimateSize = useCallback((i: number) => {
    const r = rows[i];
    return r.kind === 'logs' ? spanLogsHeight(r.count) : ROW_HEIGHT;
  }, [rows]);
  // A number, not a string: the virtualizer keys every one of a big trace's rows at once.
  const getItemKey = useCallback((i: number) => rows[i].index * 2 + (rows[i].kind === 'logs' ? 1 : 0), [rows]);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read in render by design
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize, overscan: 8, getItemKey });

  // Bring a span selected by the URL (a shared link) into view once, on arrival.
  const scrolledFor = useRef<string | null>(null);
  useEffect(() => {
    if (!selectedId || scrolledFor.current === selectedId) return;
    const at = rows.findIndex((r) => r.kind === 'span' && index.spans[r.index].spanId === selectedId);
    if (at >= 0) {
      scrolledFor.current = selectedId;
      virtualizer.scrollToIndex(at, { align: 'auto' });
    }
  }, [selectedId, rows, index, virtualizer]);

  const ticks = useMemo(() => axisTicks(durationUs), [durationUs]);

  return (
    <div className="rounded border border-slate-200 dark:border-slate-800" data-testid="waterfall">
      <div className="flex h-6 items-center border-b border-slate-200 text-[10px] text-slate-500 dark:border-slate-800">
        <div className="w-2/5 shrink-0 px-2">Service · operation</div>
        <div className="relative h-full flex-1">
          {ticks.map((t) => (
            <span key={t.pct} className="absolute top-1 -translate-x-1/2 whitespace-nowrap first:translate-x-0 last:-translate-x-full" style={{ left: `${t.pct}%` }}>
              {t.label}
            </span>
          ))}
        </div>
      </div>
      <div ref={scroller} role="grid" aria-rowcount={rows.length} style={{ height: Math.min(height, virtualizer.getTotalSize() + 2) }} className="overflow-auto">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((v) => {
            const row = rows[v.index];
            const span = index.spans[row.index];
            return (
              <div key={v.key} style={{ position: 'absolute', top: 0, left: 0, right: 0, height: v.size, transform: `translateY(${v.start}px)` }}>
                {row.kind === 'logs' ? (
                  // A row of the grid like the span rows, so its buttons sit in a cell (axe: aria-required-children).
                  <div role="row" className="h-full">
                    <div role="gridcell" className="h-full">
                      <SpanLogsRow spanId={span.spanId} logs={logsBySpan.get(span.spanId) ?? EMPTY} depth={row.depth} onSelect={onSelect} />
                    </div>
                  </div>
                ) : (
                  <SpanRow
                    span={span}
                    depth={row.depth}
                    color={colors.get(span.service) ?? NEUTRAL}
                    hasChildren={row.hasChildren}
                    collapsed={row.collapsed}
                    hiddenCount={index.descendants[row.index]}
                    selected={span.spanId === selectedId}
                    dimmed={matchMask !== null && !matchMask[row.index]}
                    orphan={notes.orphans.has(span.spanId)}
                    splitRoot={notes.splitRoots.has(span.spanId)}
                    reason={notes.reasonFor(span)}
                    logCount={logsBySpan.get(span.spanId)?.length ?? 0}
                    traceStartUs={index.startUs}
                    traceDurationUs={durationUs}
                    onToggle={onToggle}
                    onSelect={onSelect}
                  />
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
