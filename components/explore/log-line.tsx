'use client';

import Link from 'next/link';
import { memo, type MouseEvent } from 'react';
import type { LogEntry } from '@/lib/model/types';
import { LEVEL_STYLE, type LogLevel } from '@/components/logs/log-level';
import { LogLineHead } from '@/components/logs/log-line-head';
import { traceHref } from '@/lib/routes';
import { labelLink, lineSegments, type Segment } from './log-segments';

/**
 * One explore log row. The line and label values are React text; only the trace and span
 * ids inside them become links (to /trace/<id>), so hostile text stays inert.
 */

const stop = (e: MouseEvent) => e.stopPropagation();

function SegmentView({ seg, atMs }: { seg: Segment; atMs: number }) {
  if (seg.kind === 'text') return <>{seg.text}</>;
  const href = traceHref(seg.traceId, seg.kind === 'span' ? seg.spanId : null, atMs);
  return (
    <Link
      href={href}
      onClick={stop}
      data-testid={seg.kind === 'trace' ? 'log-trace-link' : 'log-span-link'}
      className="rounded bg-sky-50 text-sky-700 underline decoration-dotted hover:decoration-solid dark:bg-sky-950 dark:text-sky-300"
      title={seg.kind === 'trace' ? `Open trace ${seg.traceId}` : `Open span ${seg.spanId} of trace ${seg.traceId}`}
    >
      {seg.text}
    </Link>
  );
}

export interface LogLineRowProps {
  entry: LogEntry;
  level: LogLevel;
  expanded: boolean;
  selected: boolean;
  onSelect: (entry: LogEntry) => void;
}

export const LogLineRow = memo(function LogLineRow({ entry, level, expanded, selected, onSelect }: LogLineRowProps) {
  const style = LEVEL_STYLE[level];
  const atMs = Date.parse(entry.ts);
  const segments = lineSegments(expanded ? entry.line : entry.line.slice(0, 4000), entry.traceId, entry.spanId);
  return (
    <div
      data-testid="explore-log-row"
      data-level={level}
      data-trace-id={entry.traceId ?? ''}
      role="button"
      tabIndex={0}
      aria-expanded={expanded}
      onClick={() => onSelect(entry)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onSelect(entry);
        }
      }}
      className={`cursor-pointer border-b border-l-2 border-b-slate-100 px-2 py-0.5 text-xs hover:bg-slate-50 dark:border-b-slate-800 dark:hover:bg-slate-800/50 ${style.border} ${selected ? 'bg-sky-50 dark:bg-sky-950/40' : ''}`}
    >
      <div className="flex items-start gap-2">
        <LogLineHead entry={entry} level={level} />
        <span className={`min-w-0 flex-1 font-mono ${expanded ? 'whitespace-pre-wrap break-all' : 'truncate whitespace-pre'}`}>
          {segments.map((s, i) => (
            <SegmentView key={i} seg={s} atMs={atMs} />
          ))}
        </span>
      </div>
      {expanded && (
        <dl data-testid="explore-log-labels" className="mt-1 mb-1 ml-[9.5rem] grid grid-cols-[max-content_1fr] gap-x-3 font-mono text-[11px]" onClick={stop}>
          {Object.entries(entry.labels).map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="text-slate-500">{k}</dt>
              <dd className="break-all">
                <SegmentView seg={labelLink(v, entry.traceId, entry.spanId)} atMs={atMs} />
              </dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
});
