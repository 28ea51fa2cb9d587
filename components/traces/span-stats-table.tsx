'use client';

import { useMemo, useState } from 'react';
import { sortStats, STAT_COLUMNS, type SpanStatRow, type StatColumn } from '@/lib/trace-tools/span-stats';
import { formatDurationMs } from './span-format';

const HEADERS: Record<StatColumn, string> = { service: 'Service', operation: 'Operation', count: 'Count', errors: 'Errors', totalMs: 'Total', avgMs: 'Avg', maxMs: 'Max', selfMs: 'Self time' };
const TEXT: ReadonlySet<StatColumn> = new Set(['service', 'operation']);

/** Jaeger's trace statistics: per service and operation, sortable by any column. */
export function SpanStatsTable({ rows, filtered }: { rows: SpanStatRow[]; filtered: boolean }) {
  const [sort, setSort] = useState<{ column: StatColumn; desc: boolean }>({ column: 'selfMs', desc: true });
  const sorted = useMemo(() => sortStats(rows, sort.column, sort.desc), [rows, sort]);
  const cell = (r: SpanStatRow, c: StatColumn) => (TEXT.has(c) ? r[c] : c === 'count' || c === 'errors' ? r[c].toLocaleString() : formatDurationMs(r[c] as number));
  return (
    <div className="max-h-96 overflow-auto rounded border border-slate-200 dark:border-slate-800" data-testid="span-stats">
      <p className="px-2 py-1 text-xs text-slate-500">{filtered ? 'Statistics of the matching spans.' : 'Statistics of all spans.'} Self time excludes the time covered by the span’s own children.</p>
      <table className="w-full text-xs">
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
          {sorted.map((r) => (
            <tr key={`${r.service}\u0000${r.operation}`} className="border-t border-slate-100 dark:border-slate-800" data-testid="span-stats-row">
              {STAT_COLUMNS.map((c) => (
                <td key={c} className={`px-2 py-0.5 ${TEXT.has(c) ? 'max-w-64 truncate' : 'text-right tabular-nums'} ${c === 'errors' && r.errors > 0 ? 'text-red-600' : ''}`}>
                  {cell(r, c)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
