'use client';

import Link from 'next/link';
import { memo, useState } from 'react';
import type { LevelledLog } from '@/components/logs/log-filter';
import { LEVEL_STYLE } from '@/components/logs/log-level';
import { logContextHref } from './span-log-model';
import { ClockTime } from '@/components/ui/clock-time';

/**
 * One log line in the span drawer. The drawer is narrow and every line is this span's, so
 * the row is time, level and the message (service, span and join are the drawer's own); a
 * click opens it: the whole line wrapped, its labels, and Explore around it. Text only.
 */
export const SpanDrawerLog = memo(function SpanDrawerLog({ log }: { log: LevelledLog }) {
  const [open, setOpen] = useState(false);
  const { entry, level } = log;
  const context = open ? logContextHref(entry) : null;
  const labels = open ? Object.entries(entry.labels).sort(([a], [b]) => a.localeCompare(b)) : [];
  return (
    <div data-testid="drawer-log-row" data-level={level} data-open={open} className={`border-b border-l-2 border-b-slate-100 text-xs dark:border-b-slate-800 ${LEVEL_STYLE[level].border}`}>
      <button
        type="button"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        className="flex w-full items-start gap-2 px-2 py-0.5 text-left hover:bg-slate-50 dark:hover:bg-slate-800/50"
      >
        <ClockTime iso={entry.ts} detail={`${entry.tsNs} ns`} />
        <span className={`w-12 shrink-0 rounded px-1 text-center text-[10px] uppercase ${LEVEL_STYLE[level].badge}`}>{level === 'unknown' ? '–' : level}</span>
        <span data-testid="drawer-log-message" className={`min-w-0 flex-1 font-mono ${open ? 'whitespace-pre-wrap break-all' : 'truncate whitespace-pre'}`}>
          {open ? entry.line : entry.line.slice(0, 500)}
        </span>
      </button>
      {open && (
        <div className="space-y-1 px-2 pb-1 pl-8">
          {labels.length > 0 && (
            <dl className="grid grid-cols-[minmax(6rem,auto)_1fr] gap-x-2 font-mono text-[11px]">
              {labels.map(([k, v]) => (
                <div key={k} className="contents">
                  <dt className="break-all text-slate-500">{k}</dt>
                  <dd className="break-all">{v}</dd>
                </div>
              ))}
            </dl>
          )}
          {context && (
            <Link href={context} data-testid="drawer-log-explore" className="inline-block text-sky-700 hover:underline dark:text-sky-400">
              Lines around it in Explore
            </Link>
          )}
        </div>
      )}
    </div>
  );
});
