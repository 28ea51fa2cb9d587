import type { Anomaly } from '@/lib/model/anomaly';
import type { LinkRange } from '@/lib/routes';
import { KindBadge, SeverityBadge } from './badges';
import { FindingDetails } from './finding-details';
import { FindingLinks } from './finding-links';
import { FindingSparkline } from './finding-sparkline';
import { rowIsOpen, type FindingRow } from './grouping';
import { SEVERITY_CLASSES } from './kinds';
import { LIST_ITEM_ATTR } from '@/components/ui/use-shortcut';
import { clockText, relativeTime, spanText } from './time-text';
import { useTimeZone } from '@/components/settings/time-zone';

export interface RowContext {
  /** The checked range, as the response gave it and in ms; `link`: the range links carry (lib/routes.ts linkRange). */
  range: { from: string; to: string; fromMs: number; toMs: number; link?: LinkRange | null };
  /** What relative times count from: when the data was fetched (or the snapshot taken). */
  nowMs: number;
  open: string | null;
  onToggle: (key: string | null) => void;
}

const ONGOING_KINDS = new Set(['gc_storm', 'error_burst', 'latency_spike']);

function When({ anomaly, ctx }: { anomaly: Anomaly; ctx: RowContext }) {
  const zone = useTimeZone();
  const start = Date.parse(anomaly.start);
  return (
    <time dateTime={anomaly.start} title={anomaly.start} className="whitespace-nowrap text-xs text-slate-500">
      {relativeTime(start, ctx.nowMs)} · {spanText(anomaly.start, anomaly.end, ONGOING_KINDS.has(anomaly.kind), zone, ctx.range.toMs)}
    </time>
  );
}

function rowAttrs(a: Anomaly, open: boolean) {
  return {
    'data-testid': 'anomaly-row',
    [LIST_ITEM_ATTR]: '',
    'data-kind': a.kind,
    'data-service': a.service ?? '',
    'data-severity': a.severity,
    'data-open': open ? 'true' : 'false',
  };
}

/** One finding: severity, kind, title and time; the sparkline; the explanation; its links. */
export function SingleFindingRow({ anomaly, ctx }: { anomaly: Anomaly; ctx: RowContext }) {
  const open = ctx.open === anomaly.id;
  return (
    <li id={`finding-${anomaly.id}`} {...rowAttrs(anomaly, open)} className={`rounded border border-l-4 border-slate-200 bg-white px-3 py-2 dark:border-slate-800 dark:bg-slate-900 ${SEVERITY_CLASSES[anomaly.severity]?.bar ?? ''}`}>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <button
          type="button"
          aria-expanded={open}
          onClick={() => ctx.onToggle(open ? null : anomaly.id)}
          className="flex min-w-0 flex-1 flex-wrap items-center gap-2 text-left"
          data-testid="anomaly-toggle"
        >
          <span aria-hidden className="w-3 text-slate-400">{open ? '▾' : '▸'}</span>
          <SeverityBadge severity={anomaly.severity} />
          <KindBadge kind={anomaly.kind} />
          <span className="min-w-0 break-words font-medium" data-testid="anomaly-title">
            {anomaly.title}
          </span>
        </button>
        <When anomaly={anomaly} ctx={ctx} />
        <FindingSparkline anomaly={anomaly} range={ctx.range} />
      </div>
      {!open && <p className="mt-1 line-clamp-2 break-words pl-5 text-sm text-slate-600 dark:text-slate-400">{anomaly.explanation}</p>}
      <div className="mt-1 pl-5">
        <FindingLinks anomaly={anomaly} range={ctx.range} />
      </div>
      {open && (
        <div className="pl-5">
          <FindingDetails anomaly={anomaly} range={ctx.range} />
        </div>
      )}
    </li>
  );
}

/** The counter resets of one restart as one row, "N counters reset at …", expandable to each. */
export function CollapsedResetsRow({ row, ctx }: { row: Extract<FindingRow, { type: 'collapsed' }>; ctx: RowContext }) {
  const zone = useTimeZone();
  const open = rowIsOpen(row, ctx.open);
  const { lead, anomalies, event } = row;
  const names = [...new Set(anomalies.map((a) => a.subject.series?.name).filter((n): n is string => !!n))];
  return (
    <li id={`finding-${row.key}`} {...rowAttrs(lead, open)} data-collapsed={anomalies.length} className={`rounded border border-l-4 border-slate-200 bg-white px-3 py-2 dark:border-slate-800 dark:bg-slate-900 ${SEVERITY_CLASSES[lead.severity]?.bar ?? ''}`}>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <button type="button" aria-expanded={open} onClick={() => ctx.onToggle(open ? null : row.key)} className="flex min-w-0 flex-1 flex-wrap items-center gap-2 text-left" data-testid="anomaly-toggle">
          <span aria-hidden className="w-3 text-slate-400">{open ? '▾' : '▸'}</span>
          <SeverityBadge severity={lead.severity} />
          <KindBadge kind={lead.kind} />
          <span className="font-medium" data-testid="anomaly-title">
            {event.service ?? event.target} restarted at {clockText(event.atMs, zone, ctx.range.toMs)}: {anomalies.length} series reset
          </span>
          <span className={`rounded px-1.5 text-xs ${event.falseSpike ? 'bg-amber-100 text-amber-900 dark:bg-amber-900/40 dark:text-amber-200' : 'bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300'}`} data-testid="restart-spike">
            {event.falseSpike ? 'rate() shows a false spike' : 'no false rate() spike'}
          </span>
        </button>
        <When anomaly={lead} ctx={ctx} />
        <FindingSparkline anomaly={lead} range={ctx.range} />
      </div>
      {!open && (
        <p className="mt-1 line-clamp-2 break-words pl-5 text-sm text-slate-600 dark:text-slate-400">
          {names.slice(0, 6).join(', ')}
          {names.length > 6 ? ` and ${names.length - 6} more` : ''}
        </p>
      )}
      {open && (
        <ul className="mt-2 space-y-2 pl-5" aria-label={`${anomalies.length} counter resets`}>
          {anomalies.map((a) => (
            // Closing a member keeps the group open.
            <SingleFindingRow key={a.id} anomaly={a} ctx={{ ...ctx, onToggle: (k) => ctx.onToggle(k ?? row.key) }} />
          ))}
        </ul>
      )}
    </li>
  );
}

export function FindingRowView({ row, ctx }: { row: FindingRow; ctx: RowContext }) {
  return row.type === 'single' ? <SingleFindingRow anomaly={row.anomaly} ctx={ctx} /> : <CollapsedResetsRow row={row} ctx={ctx} />;
}
