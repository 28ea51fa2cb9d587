'use client';

import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import { sortStats, STAT_COLUMNS, type SpanStatRow, type StatColumn } from '@/lib/trace-tools/span-stats';
import { formatDurationMs } from './span-format';

const HEADERS: Record<StatColumn, string> = { service: 'Service', operation: 'Operation', count: 'Count', errors: 'Errors', totalMs: 'Total', avgMs: 'Avg', maxMs: 'Max', selfMs: 'Self time' };
const TEXT: ReadonlySet<StatColumn> = new Set(['service', 'operation']);
const ROW_PX = 22;
/** Fixed column widths: the columns do not move as a filter changes the rows, and the browser lays out a new row without measuring the others. */
const WIDTH: Record<StatColumn, string> = { service: '17%', operation: '31%', count: '8%', errors: '8%', totalMs: '9%', avgMs: '9%', maxMs: '9%', selfMs: '9%' };

/**
 * Jaeger's trace statistics: per service and operation, sortable by any column. A trace with
 * many operation names has thousands of rows: only those in view are drawn, so the table
 * follows a filter change in the same render as the waterfall.
 */
export function SpanStatsTable({ rows, filtered }: { rows: SpanStatRow[]; filtered: boolean }) {
  const [sort, setSort] = useState<{ column: StatColumn; desc: boolean }>({ column: 'selfMs', desc: true });
  const sorted = useMemo(() => sortStats(rows, sort.column, sort.desc), [rows, sort]);
  const scroller = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read in render by design
  const virtualizer = useVirtualizer({ count: sorted.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_PX, overscan: 12 });
  const items = virtualizer.getVirtualItems();
  const padTop = items[0]?.start ?? 0;
  const padBottom = items.length ? virtualizer.getTotalSize() - items[items.length - 1].end : 0;
  const cell = (r: SpanStatRow, c: StatColumn) => (TEXT.has(c) ? r[c] : c === 'count' || c === 'errors' ? r[c].toLocaleString() : formatDurationMs(r[c] as number));
  return (
    <div ref={scroller} className="max-h-96 overflow-auto rounded border border-slate-200 dark:border-slate-800" data-testid="span-stats" data-rows={sorted.length}>
      <p className="px-2 py-1 text-xs text-slate-500">{filtered ? 'Statistics of the matching spans.' : 'Statistics of all spans.'} Self time excludes the time covered by the span’s own children.</p>
      <table className="w-full table-fixed text-xs">
        <colgroup>
          {STAT_COLUMNS.map((c) => <col key={c} style={{ width: WIDTH[c] }} />)}
        </colgroup>
        <thead className="sticky top-0 bg-white dark:bg-slate-900">
          <tr>
            {STAT_COLUMNS.map((c) => (
              <th key={c} className={`px-2 py-1 ${TEXT.has(c) ? 'text-left' : 'text-right'}`} aria-sort={sort.column === c ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
                <button type="button" className="hover:underline" onClick={() => setSort((s) => ({ column: c, desc: s.column === c ? !s.desc : !TEXT.has(c) }))} data-testid={`stats-sort-${c}`}>
                  {HEADERS[c]}{sort.column === c ? (sort.desc ? ' ↓' : ' ↑') : ''}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {padTop > 0 ? <tr aria-hidden style={{ height: padTop }} /> : null}
          {items.map(({ index }) => sorted[index]).map((r) => (
            <tr key={`${r.service}\u0000${r.operation}`} style={{ height: ROW_PX }} className="border-t border-slate-100 dark:border-slate-800" data-testid="span-stats-row">
              {STAT_COLUMNS.map((c) => (
                <td key={c} title={TEXT.has(c) ? String(r[c]) : undefined} className={`px-2 py-0.5 ${TEXT.has(c) ? 'truncate' : 'text-right tabular-nums'} ${c === 'errors' && r.errors > 0 ? 'text-red-600' : ''}`}>
                  {cell(r, c)}
                </td>
              ))}
            </tr>
          ))}
          {padBottom > 0 ? <tr aria-hidden style={{ height: padBottom }} /> : null}
        </tbody>
      </table>
    </div>
  );
}
