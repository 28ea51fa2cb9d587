'use client';

import Link from 'next/link';
import { memo, useMemo } from 'react';
import type { LevelledLog } from '@/components/logs/log-filter';
import type { CorrelatedResponse } from '@/lib/api/types';
import { buildTimeline } from '@/lib/correlate/timeline';
import { findingRows, timelineLanes, type MarkTone, type TimelineMark } from './incident-timeline-model';
import { useTimeZone } from '@/components/settings/time-zone';
import { formatClock, formatDateTime } from '@/lib/time/format';

const ROW_PX = 12;
/** One timeline row: the 12 px track and the label's line, plus a gap. */
const LINE_PX = 20;
/** Finding rows shown before the list scrolls inside itself: the waterfall stays above the fold. */
const MAX_FINDING_ROWS = 6;

const LABEL = 'w-56 shrink-0 truncate text-[11px] leading-4 text-slate-600 dark:text-slate-400';

const TONE: Record<MarkTone, string> = {
  critical: 'bg-red-500/80',
  warning: 'bg-amber-400/80',
  info: 'bg-sky-400/70',
  trace: 'bg-indigo-400/60 dark:bg-indigo-500/60',
  'trace-error': 'bg-red-600',
  log: 'bg-slate-400',
  'log-warn': 'bg-amber-500',
  'log-error': 'bg-red-600',
  exemplar: 'bg-violet-500 rounded-full',
  'exemplar-here': 'bg-indigo-600 rounded-full ring-1 ring-white',
};

/**
 * The investigation on one time axis (the metric window, in the user's zone): findings, this trace, its
 * log lines and exemplars, so "the trace ran inside the GC storm" is one glance. Titles are
 * plain text (React escapes them); an exemplar of another trace opens it.
 */
export const IncidentTimeline = memo(function IncidentTimeline({
  data,
  logs,
  axis,
  traceHref,
}: {
  data: CorrelatedResponse;
  logs: readonly LevelledLog[];
  axis: { fromMs: number; toMs: number };
  traceHref: (traceId: string) => string;
}) {
  const zone = useTimeZone();
  const { rows, lanes } = useMemo(() => {
    const clock = (ms: number) => formatClock(ms, zone);
    const items = buildTimeline({ spans: data.trace?.spans, logs: data.logs, exemplars: data.exemplars, anomalies: data.anomalies });
    return {
      rows: findingRows(items, { axis, formatTime: clock }),
      lanes: timelineLanes(items, { axis, currentTraceId: data.traceId, levelOf: (i) => logs[i]?.level ?? 'unknown', formatTime: clock }),
    };
  }, [data, logs, axis, zone]);
  if (lanes.length === 0) return null;
  const marks = (list: readonly TimelineMark[]) =>
    list.map((m, i) => {
      const style = { left: `${m.leftPct}%`, width: `${m.widthPct}%`, top: 0, height: ROW_PX - 2 };
      const cls = `absolute ${TONE[m.tone]}`;
      return m.traceId ? (
        <Link key={i} href={traceHref(m.traceId)} title={m.title} aria-label={m.title} className={cls} style={style} data-testid="timeline-mark" data-tone={m.tone} />
      ) : (
        <span key={i} role="img" title={m.title} aria-label={m.title} className={cls} style={style} data-testid="timeline-mark" data-tone={m.tone} />
      );
    });
  const track = 'relative flex-1 rounded-sm bg-slate-100 dark:bg-slate-900';
  return (
    <section data-testid="incident-timeline" aria-label="Incident timeline" className="rounded border border-slate-200 p-2 dark:border-slate-800">
      <div className="mb-1 flex justify-between text-[11px] text-slate-500">
        <span>{formatDateTime(axis.fromMs, zone, { precision: 'min', referenceMs: axis.toMs })}</span>
        <span className="font-medium text-slate-600 dark:text-slate-400">Timeline of the metric window</span>
        <span>{formatDateTime(axis.toMs, zone, { precision: 'min', referenceMs: axis.toMs })}</span>
      </div>
      <div
        data-testid="timeline-lane"
        data-lane="Findings"
        className="overflow-y-auto overscroll-contain"
        style={{ maxHeight: MAX_FINDING_ROWS * LINE_PX }}
        tabIndex={rows.length > MAX_FINDING_ROWS ? 0 : undefined}
        aria-label={`Findings: ${rows.length} row${rows.length === 1 ? '' : 's'} by kind and service`}
      >
        {rows.length === 0 && (
          <div className="flex items-center gap-2" style={{ height: LINE_PX }}>
            <span className={LABEL}>Findings</span>
            <span className="text-[11px] text-slate-500">none in this window</span>
          </div>
        )}
        {rows.map((row) => (
          <div key={row.key} className="flex items-center gap-2" style={{ height: LINE_PX }} data-testid="timeline-finding-row" data-kind={row.kind} data-service={row.service ?? ''} data-count={row.count}>
            <span className={LABEL} title={row.label}>
              {row.label}
            </span>
            <div className={track} style={{ height: ROW_PX }}>
              {marks(row.marks)}
            </div>
          </div>
        ))}
      </div>
      {lanes.map((lane) => (
        <div key={lane.name} className="flex items-center gap-2" style={{ height: LINE_PX }} data-testid="timeline-lane" data-lane={lane.name}>
          <span className={LABEL}>{lane.name}</span>
          <div className={track} style={{ height: ROW_PX }}>
            {marks(lane.marks)}
          </div>
        </div>
      ))}
    </section>
  );
});
