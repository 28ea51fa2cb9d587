'use client';

import { ServiceLink } from '@/components/ui/service-link';
import { useRef, type ReactNode } from 'react';
import type { LevelledLog } from '@/components/logs/log-filter';
import type { ApiSpan } from '@/lib/api/types';
import type { TagValue } from '@/lib/model/types';
import { formatDurationMs, tagText } from './span-format';
import { SpanDrawerLog } from './span-drawer-log';
import { useEscapeToClose } from '@/components/ui/use-shortcut';
import { useBelowHeader } from './drawer-behaviour';

const MAX_DRAWER_LOGS = 300;

export interface SpanDrawerProps {
  span: ApiSpan;
  /** The span's process tags, kept once per process in `ApiTrace.processes`. */
  processTags?: Record<string, TagValue>;
  traceStartUs: number;
  reason: string | null;
  logs: LevelledLog[];
  spanHref: (spanId: string) => string;
  onSelect: (spanId: string) => void;
  onClose: () => void;
  /** True while only the trace alone has arrived: tags and events come with the full investigation. */
  detailPending?: boolean;
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="mt-3">
      <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</h3>
      {children}
    </section>
  );
}

function TagTable({ tags }: { tags: Record<string, TagValue> }) {
  const entries = Object.entries(tags).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return <p className="text-xs text-slate-500">None</p>;
  return (
    <table className="w-full table-fixed text-xs">
      <tbody>
        {entries.map(([k, v]) => (
          <tr key={k} className="border-b border-slate-100 align-top dark:border-slate-800">
            <td className="w-2/5 break-all py-0.5 pr-2 font-mono text-slate-500">{k}</td>
            <td className="whitespace-pre-wrap break-all py-0.5 font-mono">{tagText(v)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Everything about one span: times, tags, events, warnings and the log lines joined to it. */
export function SpanDrawer({ span, processTags, traceStartUs, reason, logs, spanHref, onSelect, onClose, detailPending = false }: SpanDrawerProps) {
  // Below the app header (its search and time picker stay usable); Escape closes it, except
  // an Escape typed in a field outside the drawer (the header's search): that is the field's.
  const top = useBelowHeader();
  const drawer = useRef<HTMLElement>(null);
  useEscapeToClose(true, onClose, drawer);
  return (
    <aside
      ref={drawer}
      data-testid="span-drawer"
      data-span-id={span.spanId}
      aria-label="Span details"
      style={{ top }}
      className="fixed bottom-0 right-0 z-30 flex w-full max-w-xl flex-col border-l border-slate-300 bg-white shadow-xl dark:border-slate-700 dark:bg-slate-950"
    >
      <div className="flex items-start gap-2 border-b border-slate-200 p-3 dark:border-slate-800">
        <div className="min-w-0 flex-1">
          <p className="truncate text-sm font-semibold" title={span.operation}>
            <ServiceLink name={span.service} /> · {span.operation}
          </p>
          <p className="font-mono text-[11px] text-slate-500">span {span.spanId}</p>
        </div>
        <button type="button" data-testid="span-drawer-close" onClick={onClose} className="rounded px-2 text-lg leading-none hover:bg-slate-100 dark:hover:bg-slate-800" aria-label="Close">
          ×
        </button>
      </div>
      <div className="flex-1 overflow-auto p-3">
        <dl className="grid grid-cols-[8rem_1fr] gap-y-0.5 text-xs">
          <dt className="text-slate-500">Start</dt>
          <dd>
            {span.start} (+{formatDurationMs((span.startUs - traceStartUs) / 1000)})
          </dd>
          <dt className="text-slate-500">Duration</dt>
          <dd>{formatDurationMs(span.durationMs)}</dd>
          <dt className="text-slate-500">Status</dt>
          <dd className={span.status === 'error' ? 'font-semibold text-red-600' : ''}>{span.status}</dd>
          <dt className="text-slate-500">Kind</dt>
          <dd>{span.kind}</dd>
          <dt className="text-slate-500">Parent</dt>
          <dd className="font-mono">
            {span.parentSpanId && span.orphan ? (
              <span data-testid="span-drawer-missing-parent" title="The parent this span names is not in the trace">
                missing parent {span.parentSpanId}
              </span>
            ) : span.parentSpanId ? (
              <a
                href={spanHref(span.parentSpanId)}
                className="text-sky-700 hover:underline dark:text-sky-400"
                onClick={(e) => {
                  e.preventDefault();
                  onSelect(span.parentSpanId!);
                }}
              >
                {span.parentSpanId}
              </a>
            ) : (
              'none (root)'
            )}
          </dd>
          {span.parentLink === 'FOLLOWS_FROM' && (
            <>
              <dt className="text-slate-500">Link</dt>
              <dd>follows from its parent (asynchronous)</dd>
            </>
          )}
          {span.duplicate && (
            <>
              <dt className="text-slate-500">Duplicate</dt>
              <dd className="text-amber-700 dark:text-amber-400">another span in this trace has the same id</dd>
            </>
          )}
          {span.critical && (
            <>
              <dt className="text-slate-500">Critical path</dt>
              <dd>yes</dd>
            </>
          )}
        </dl>
        {reason && (
          <p data-testid="span-drawer-reason" className="mt-3 rounded bg-amber-50 p-2 text-xs text-amber-900 dark:bg-amber-900/30 dark:text-amber-200">
            {reason}
          </p>
        )}
        {span.warnings.length > 0 && (
          <Section title="Warnings">
            <ul className="list-disc pl-4 text-xs text-amber-800 dark:text-amber-300">
              {span.warnings.map((w, i) => (
                <li key={i} className="break-words">
                  {w}
                </li>
              ))}
            </ul>
          </Section>
        )}
        <Section title="Tags">
          {detailPending ? (
            <p data-testid="span-drawer-tags-pending" className="animate-pulse text-xs text-slate-500">
              Tags and events are loading with the full investigation…
            </p>
          ) : (
            <TagTable tags={span.tags} />
          )}
        </Section>
        {processTags && Object.keys(processTags).length > 0 && (
          <Section title="Process">
            <TagTable tags={processTags} />
          </Section>
        )}
        {span.events && span.events.length > 0 && (
          <Section title={`Events (${span.events.length})`}>
            <ul className="space-y-1 text-xs">
              {span.events.map((ev, i) => (
                <li key={i} className="rounded border border-slate-100 p-1 dark:border-slate-800">
                  <span className="font-mono text-slate-500">+{formatDurationMs(Date.parse(ev.ts) - span.startUs / 1000)}</span> {ev.name ?? ''}
                  <TagTable tags={ev.fields} />
                </li>
              ))}
            </ul>
          </Section>
        )}
        <Section title={`Logs (${logs.length})`}>
          {logs.length === 0 ? (
            <p className="text-xs text-slate-500">No log line was joined to this span.</p>
          ) : (
            <div className="rounded border border-slate-100 dark:border-slate-800">
              {logs.slice(0, MAX_DRAWER_LOGS).map((l) => (
                <SpanDrawerLog key={l.seq} log={l} />
              ))}
              {logs.length > MAX_DRAWER_LOGS && <p className="p-1 text-xs text-slate-500">{logs.length - MAX_DRAWER_LOGS} more in the log panel.</p>}
            </div>
          )}
        </Section>
      </div>
    </aside>
  );
}
