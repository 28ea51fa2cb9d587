'use client';

import type { CSSProperties, Ref } from 'react';
import { IntentLink } from '@/components/ui/intent-link';
import { formatDurationMs } from '@/components/traces/span-format';
import { ServiceLink } from '@/components/ui/service-link';
import type { SearchResult } from '@/lib/search/results';
import { traceHref } from '@/lib/routes';
import { formatDateTime } from '@/lib/time/format';
import { useTimeZone } from '@/components/settings/time-zone';

function Flag({ title, children, tone }: { title: string; children: string; tone: 'warn' | 'info' }) {
  const cls = tone === 'warn' ? 'bg-amber-100 text-amber-900 dark:bg-amber-900/40 dark:text-amber-200' : 'bg-sky-100 text-sky-900 dark:bg-sky-900/40 dark:text-sky-200';
  return (
    <span title={title} className={`rounded px-1.5 py-0.5 text-xs ${cls}`}>
      {children}
    </span>
  );
}

/** "2.1× typical" when the result is far from the median of its root operation. */
function Typical({ r }: { r: SearchResult }) {
  if (!r.typical) return null;
  const { ratio, medianMs, sampleSize } = r.typical;
  const tone = ratio >= 2 ? 'text-red-700 dark:text-red-400' : ratio <= 0.5 ? 'text-emerald-700 dark:text-emerald-400' : 'text-slate-500';
  return (
    <span className={`text-xs ${tone}`} title={`median of ${sampleSize} results with this root operation: ${formatDurationMs(medianMs)}`} data-testid="typical">
      {ratio.toFixed(1)}× typical
    </span>
  );
}

interface ResultRowProps {
  r: SearchResult;
  /** In a virtualized list: the row's position (measured through `ref`) and placement. */
  index?: number;
  ref?: Ref<HTMLLIElement>;
  style?: CSSProperties;
}

export function ResultRow({ r, index, ref, style }: ResultRowProps) {
  const { flags } = r;
  const zone = useTimeZone();
  return (
    <li ref={ref} style={style} data-index={index} className="border-b border-slate-200 py-2 dark:border-slate-800" data-testid="search-result" data-list-item data-trace-id={r.traceId} data-errors={r.errorSpanCount}>
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <IntentLink href={traceHref(r.traceId, null, r.startMs)} className="font-medium text-sky-700 hover:underline dark:text-sky-400" data-testid="search-result-link">
          {r.rootService ?? 'unknown service'}: {r.rootOperation ?? 'unknown operation'}
        </IntentLink>
        <span className="font-mono text-xs text-slate-500">{r.traceId.slice(0, 16)}…</span>
        <span className="ml-auto text-sm font-semibold">{formatDurationMs(r.durationMs)}</span>
        <Typical r={r} />
      </div>
      <div className="mt-1 flex flex-wrap items-center gap-2 text-xs text-slate-600 dark:text-slate-400">
        <span>{formatDateTime(r.startMs, zone, { precision: 'ms' })}</span>
        <span>{r.spanCount} spans</span>
        {r.errorSpanCount > 0 ? <span className="font-semibold text-red-700 dark:text-red-400">{r.errorSpanCount} error{r.errorSpanCount === 1 ? '' : 's'}</span> : <span>no errors</span>}
        {r.services.map((s) => (
          <span key={s.name} className="rounded border px-1" style={{ borderColor: s.color }}>
            <ServiceLink name={s.name} color={s.color} /> {s.spanCount}
          </span>
        ))}
        {flags.orphanSpans > 0 ? <Flag tone="warn" title="spans whose parent is not in the trace (broken context propagation or a lost span)">{`${flags.orphanSpans} orphan span${flags.orphanSpans === 1 ? '' : 's'}`}</Flag> : null}
        {flags.roots > 1 ? <Flag tone="warn" title="more than one span without a parent: the trace was split">{`${flags.roots} roots`}</Flag> : null}
        {flags.clockSkew > 0 ? <Flag tone="warn" title="child spans outside their parent's time">{`clock skew ×${flags.clockSkew}`}</Flag> : null}
        {flags.hasLogs === true ? <Flag tone="info" title="log lines carry this trace id">has logs</Flag> : null}
        {flags.hasLogs === false ? <span title="no log line carries this trace id">no logs</span> : null}
      </div>
    </li>
  );
}
