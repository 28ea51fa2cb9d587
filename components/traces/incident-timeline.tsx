'use client';

import Link from 'next/link';
import { useMemo } from 'react';
import type { LevelledLog } from '@/components/logs/log-filter';
import type { CorrelatedResponse } from '@/lib/api/types';
import { clockTime } from '@/lib/anomalies/format';
import { buildTimeline } from '@/lib/correlate/timeline';
import { timelineLanes, type MarkTone } from './incident-timeline-model';

const ROW_PX = 12;

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
 * The investigation on one time axis (the metric window, UTC): findings, this trace, its
 * log lines and exemplars, so "the trace ran inside the GC storm" is one glance. Titles are
 * plain text (React escapes them); an exemplar of another trace opens it.
 */
export function IncidentTimeline({
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
  const lanes = useMemo(() => {
    const items = buildTimeline({ spans: data.trace?.spans, logs: data.logs, exemplars: data.exemplars, anomalies: data.anomalies });
    return timelineLanes(items, { axis, currentTraceId: data.traceId, levelOf: (i) => logs[i]?.level ?? 'unknown', formatTime: clockTime });
  }, [data, logs, axis]);
  if (lanes.length === 0) return null;
  return (
    <section data-testid="incident-timeline" aria-label="Incident timeline" className="rounded border border-slate-200 p-2 dark:border-slate-800">
      <div className="mb-1 flex justify-between text-[11px] text-slate-500">
        <span>{clockTime(axis.fromMs)} UTC</span>
        <span className="font-medium text-slate-600 dark:text-slate-400">Timeline of the metric window</span>
        <span>{clockTime(axis.toMs)} UTC</span>
      </div>
      {lanes.map((lane) => (
        <div key={lane.name} className="flex items-center gap-2 py-0.5" data-testid="timeline-lane" data-lane={lane.name}>
          <span className="w-20 shrink-0 text-[11px] text-slate-500">{lane.name}</span>
          <div className="relative flex-1 rounded-sm bg-slate-100 dark:bg-slate-900" style={{ height: lane.rows * ROW_PX }}>
            {lane.marks.map((m, i) => {
              const style = { left: `${m.leftPct}%`, width: `${m.widthPct}%`, top: (m.row ?? 0) * ROW_PX, height: ROW_PX - 2 };
              const cls = `absolute ${TONE[m.tone]}`;
              return m.traceId ? (
                <Link key={i} href={traceHref(m.traceId)} title={m.title} aria-label={m.title} className={cls} style={style} data-testid="timeline-mark" data-tone={m.tone} />
              ) : (
                <span key={i} role="img" title={m.title} aria-label={m.title} className={cls} style={style} data-testid="timeline-mark" data-tone={m.tone} />
              );
            })}
          </div>
        </div>
      ))}
    </section>
  );
}
