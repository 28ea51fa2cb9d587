import { memo, useMemo } from 'react';
import type { ApiExemplar } from '@/lib/api/types';
import { exemplarRows } from './exemplar-list-model';
import { ClockTime } from '@/components/ui/clock-time';

const MAX_LISTED = 50;

/**
 * Exemplars that carry a trace id, newest first: the series (family and the labels that tell
 * rows apart), the value, and the trace as a link; this page's trace is highlighted, and a
 * trace Jaeger lacks is called a dead link. Label values are text.
 */
export const ExemplarList = memo(function ExemplarList({ exemplars, currentTraceId, traceHref }: { exemplars: ApiExemplar[]; currentTraceId: string; traceHref: (id: string) => string }) {
  const rows = useMemo(() => exemplarRows(exemplars, currentTraceId), [exemplars, currentTraceId]);
  if (rows.length === 0) return null;
  const here = rows.filter((r) => r.current).length;
  return (
    <details className="rounded border border-slate-200 p-2 text-xs dark:border-slate-800" data-testid="exemplar-list">
      <summary className="cursor-pointer text-sm font-semibold">
        Exemplars ({rows.length}
        {here > 0 ? `, ${here} of this trace` : ''})
      </summary>
      <table className="mt-1 w-full table-fixed">
        <thead className="text-left text-[11px] text-slate-500">
          <tr>
            <th className="w-24 font-normal">Time</th>
            <th className="font-normal">Series</th>
            <th className="w-20 text-right font-normal">Value</th>
            <th className="w-72 pl-3 font-normal">Trace</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, MAX_LISTED).map((r) => (
            <tr key={r.key} data-testid="exemplar-row" data-current={r.current} className={r.current ? 'bg-indigo-50 font-medium dark:bg-indigo-950/60' : ''}>
              <td className="font-mono text-slate-600 dark:text-slate-400"><ClockTime iso={r.ts} className="" /></td>
              <td className="truncate font-mono" title={[r.series, ...r.keyLabels.map(([k, v]) => `${k}=${v}`)].join(' ')}>
                {r.series}
                {r.keyLabels.length > 0 && <span className="text-slate-600 dark:text-slate-400">{`{${r.keyLabels.map(([k, v]) => `${k}="${v}"`).join(', ')}}`}</span>}
              </td>
              <td className="text-right font-mono">{r.value}</td>
              <td className="truncate pl-3 font-mono">
                {r.current ? (
                  <span>this trace{r.dead && <span className="ml-2 text-amber-800 dark:text-amber-300">dead link (not in Jaeger)</span>}</span>
                ) : (
                  <a href={traceHref(r.traceId)} className="text-sky-700 hover:underline dark:text-sky-400">
                    {r.traceId}
                  </a>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > MAX_LISTED && <p className="mt-1 text-slate-500">{rows.length - MAX_LISTED} more on the latency charts.</p>}
    </details>
  );
});
