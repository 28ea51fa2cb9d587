import type { ApiExemplar } from '@/lib/api/types';

const MAX_LISTED = 50;

/** Exemplars that carry a trace id, as links (a dead link says that Jaeger lacks the trace). */
export function ExemplarList({ exemplars, currentTraceId, traceHref }: { exemplars: ApiExemplar[]; currentTraceId: string; traceHref: (id: string) => string }) {
  const withTrace = exemplars.filter((e) => e.traceId);
  if (withTrace.length === 0) return null;
  return (
    <details className="rounded border border-slate-200 p-2 text-xs dark:border-slate-800" data-testid="exemplar-list">
      <summary className="cursor-pointer text-sm font-semibold">Exemplars ({withTrace.length})</summary>
      <ul className="mt-1 space-y-0.5">
        {withTrace.slice(0, MAX_LISTED).map((e, i) => (
          <li key={i} className="flex flex-wrap gap-2 font-mono">
            <span className="text-slate-500">{e.ts.slice(11, 23)}</span>
            <span>{e.value}</span>
            {e.traceId === currentTraceId ? (
              <span>this trace</span>
            ) : (
              <a href={traceHref(e.traceId!)} className="text-sky-700 hover:underline dark:text-sky-400">
                {e.traceId}
              </a>
            )}
            {e.traceExists === false && <span className="text-amber-700 dark:text-amber-400">not in Jaeger</span>}
            <span className="truncate text-slate-500">{Object.entries(e.seriesLabels ?? {}).map(([k, v]) => `${k}=${v}`).join(' ')}</span>
          </li>
        ))}
      </ul>
      {withTrace.length > MAX_LISTED && <p className="mt-1 text-slate-500">{withTrace.length - MAX_LISTED} more on the latency charts.</p>}
    </details>
  );
}
