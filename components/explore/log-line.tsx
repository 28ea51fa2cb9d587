'use client';

import Link from 'next/link';
import { memo, type MouseEvent } from 'react';
import type { ExploreLogEntry } from '@/lib/api/contract/explore';
import { LEVEL_STYLE, type LogLevel } from '@/components/logs/log-level';
import { LogLineHead } from '@/components/logs/log-line-head';
import { traceHref } from '@/lib/routes';
import { LIST_ITEM_ATTR } from '@/components/ui/use-shortcut';
import { labelLink, lineSegments, type Segment } from './log-segments';

/**
 * One explore log row. The line and label values are React text; only the trace and span
 * ids inside them become links (to /trace/<id>), so hostile text stays inert. A line whose
 * trace id is only in its labels or structured metadata gets a trace chip after the text.
 * Opened, it lists its labels with "filter for / filter out" buttons and offers the lines
 * around it (log context). A row is a list item for j/k, like every list (use-shortcut.ts);
 * its toggle button is what Tab and screen readers reach.
 */

const stop = (e: MouseEvent) => e.stopPropagation();
const LINK = 'rounded bg-sky-50 text-sky-700 underline decoration-dotted hover:decoration-solid dark:bg-sky-950 dark:text-sky-300';

function SegmentView({ seg, atMs }: { seg: Segment; atMs: number }) {
  if (seg.kind === 'text') return <>{seg.text}</>;
  const href = traceHref(seg.traceId, seg.kind === 'span' ? seg.spanId : null, atMs);
  return (
    <Link
      href={href}
      onClick={stop}
      data-testid={seg.kind === 'trace' ? 'log-trace-link' : 'log-span-link'}
      className={LINK}
      title={seg.kind === 'trace' ? `Open trace ${seg.traceId}` : `Open span ${seg.spanId} of trace ${seg.traceId}`}
    >
      {seg.text}
    </Link>
  );
}

export interface LogLineRowProps {
  entry: ExploreLogEntry;
  level: LogLevel;
  expanded: boolean;
  selected: boolean;
  wrap: boolean;
  onSelect: (entry: ExploreLogEntry) => void;
  /** Show the lines around this one (absent where a row cannot say its stream). */
  onContext?: (entry: ExploreLogEntry) => void;
  /** Add `| key="value"` (or `!=`) to the query. */
  onFilter?: (key: string, value: string, exclude: boolean) => void;
}

const ACTION = 'rounded border border-slate-300 px-1 text-[10px] leading-4 text-slate-600 hover:bg-slate-100 dark:border-slate-700 dark:text-slate-300 dark:hover:bg-slate-800';

export const LogLineRow = memo(function LogLineRow({ entry, level, expanded, selected, wrap, onSelect, onContext, onFilter }: LogLineRowProps) {
  const style = LEVEL_STYLE[level];
  const atMs = Date.parse(entry.ts);
  const segments = lineSegments(expanded ? entry.line : entry.line.slice(0, 4000), entry.traceId, entry.spanId);
  const linkedInLine = segments.some((s) => s.kind !== 'text');
  return (
    <div
      data-testid="explore-log-row"
      {...{ [LIST_ITEM_ATTR]: '' }}
      data-level={level}
      data-trace-id={entry.traceId ?? ''}
      data-expanded={expanded}
      // Not a button itself: it holds links and buttons (axe nested-interactive). j/k focus
      // the row and Enter opens it; Tab reaches its toggle below.
      tabIndex={-1}
      onClick={() => onSelect(entry)}
      onKeyDown={(e) => {
        if (e.target !== e.currentTarget) return;
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onSelect(entry);
        }
      }}
      className={`cursor-pointer border-b border-l-2 border-b-slate-100 px-2 py-0.5 text-xs hover:bg-slate-50 dark:border-b-slate-800 dark:hover:bg-slate-800/50 ${style.border} ${selected ? 'bg-sky-50 dark:bg-sky-950/40' : ''}`}
    >
      <div className="flex items-start gap-2">
        <button
          type="button"
          aria-expanded={expanded}
          aria-label={expanded ? 'Hide the details of this line' : 'Show the details of this line'}
          data-testid="log-row-toggle"
          onClick={(e) => {
            stop(e);
            onSelect(entry);
          }}
          className="w-3 shrink-0 text-slate-500 hover:text-slate-900 dark:hover:text-slate-100"
        >
          {expanded ? '▾' : '▸'}
        </button>
        <LogLineHead entry={entry} level={level} />
        <span className={`min-w-0 flex-1 font-mono ${expanded || wrap ? 'whitespace-pre-wrap break-all' : 'truncate whitespace-pre'}`} data-testid="explore-log-text">
          {segments.map((s, i) => (
            <SegmentView key={i} seg={s} atMs={atMs} />
          ))}
        </span>
        {entry.traceId && !linkedInLine && (
          <Link href={traceHref(entry.traceId, entry.spanId, atMs)} onClick={stop} data-testid="log-trace-chip" className={`shrink-0 font-mono text-[10px] ${LINK}`} title={`Open trace ${entry.traceId} (id from the line's labels)`}>
            trace {entry.traceId.slice(0, 8)}…
          </Link>
        )}
      </div>
      {expanded && (
        <div className="mt-1 mb-1 ml-[10.75rem] space-y-1" onClick={stop}>
          {onContext && entry.stream && (
            <button type="button" data-testid="log-show-context" className={ACTION} onClick={() => onContext(entry)}>
              Show context
            </button>
          )}
          <dl data-testid="explore-log-labels" className="grid grid-cols-[max-content_max-content_1fr] items-baseline gap-x-3 font-mono text-[11px]">
            {Object.entries(entry.labels).map(([k, v]) => (
              <div key={k} className="contents">
                <dt className="text-slate-500">{k}</dt>
                <span className="flex gap-0.5">
                  {onFilter && (
                    <>
                      <button type="button" data-testid="log-filter-for" aria-label={`Filter for ${k}=${v}`} title={`Only lines with ${k}="${v}"`} className={ACTION} onClick={() => onFilter(k, v, false)}>
                        +
                      </button>
                      <button type="button" data-testid="log-filter-out" aria-label={`Filter out ${k}=${v}`} title={`Hide lines with ${k}="${v}"`} className={ACTION} onClick={() => onFilter(k, v, true)}>
                        −
                      </button>
                    </>
                  )}
                </span>
                <dd className="break-all">
                  <SegmentView seg={labelLink(v, entry.traceId, entry.spanId)} atMs={atMs} />
                </dd>
              </div>
            ))}
          </dl>
        </div>
      )}
    </div>
  );
});
