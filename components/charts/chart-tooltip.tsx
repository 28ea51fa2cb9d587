'use client';

import type { ChartRow } from './chart-data';
import { seriesKeyAt } from './chart-data';
import { tooltipRows } from './legend';
import { formatDateTime } from '@/lib/time/format';

/**
 * The chart's tooltip: the time, then the series at that time highest first, named by the
 * legend's short names, at most `maxRows` rows (the rest counted), so it never grows past
 * the chart and over the panel below.
 */
export function ChartTooltip({
  row,
  names,
  colors,
  hidden,
  maxRows,
  format,
  zone,
}: {
  row: ChartRow | undefined;
  names: readonly string[];
  colors: (i: number) => string;
  hidden: (i: number) => boolean;
  maxRows: number;
  format: (v: number) => string;
  /** The zone the time is printed in (lib/time/format.ts). */
  zone: string;
}) {
  if (!row) return null;
  const values = names.map((_, i) => (hidden(i) ? null : (row[seriesKeyAt(i)] as number | null | undefined)));
  const { rows, more } = tooltipRows(values, names, maxRows);
  return (
    <div data-testid="chart-tooltip" className="max-w-[22rem] rounded border border-slate-200 bg-white/95 px-2 py-1 text-[11px] shadow dark:border-slate-700 dark:bg-slate-900/95">
      <div className="font-mono text-slate-500">{formatDateTime(row.t, zone, { precision: 'ms' })}</div>
      {rows.length === 0 && <div className="text-slate-500">no value</div>}
      <ul>
        {rows.map((r) => (
          <li key={r.index} className="flex items-center gap-1.5">
            <span className="inline-block h-2 w-2 shrink-0 rounded-full" style={{ background: colors(r.index) }} />
            <span className="min-w-0 flex-1 truncate" title={r.name}>
              {r.name}
            </span>
            <span className="shrink-0 font-mono tabular-nums">{format(r.value)}</span>
          </li>
        ))}
      </ul>
      {more > 0 && <div className="text-slate-500">+{more} more</div>}
    </div>
  );
}
