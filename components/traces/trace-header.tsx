'use client';

import { ServiceLink } from '@/components/ui/service-link';
import type { ApiTrace } from '@/lib/api/types';
import { serviceColor } from '@/lib/correlate/service-colors';
import { formatDurationMs } from './span-format';
import { saveText, traceDownload } from './trace-download';
import { formatDateTime } from '@/lib/time/format';
import { useTimeZone } from '@/components/settings/time-zone';

export interface TraceHeaderProps {
  traceId: string;
  trace: ApiTrace;
  startUs: number;
  endUs: number;
  inlineLogs: boolean;
  onExpandAll: () => void;
  onCollapseDepth: (depth: number) => void;
  onInlineLogs: (on: boolean) => void;
  /** False while only the waterfall's columns have arrived (no tags yet): nothing to download. */
  downloadReady?: boolean;
}

function servicesOf(trace: ApiTrace) {
  if (trace.services) return trace.services;
  const m = new Map<string, { name: string; color: string; spanCount: number; errorCount: number }>();
  for (const s of trace.spans) {
    const e = m.get(s.service) ?? { name: s.service, color: serviceColor(s.service), spanCount: 0, errorCount: 0 };
    e.spanCount++;
    if (s.status === 'error') e.errorCount++;
    m.set(s.service, e);
  }
  return [...m.values()];
}

const btn = 'rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800';

/** Trace summary, service legend and waterfall controls. */
export function TraceHeader({ traceId, trace, startUs, endUs, inlineLogs, onExpandAll, onCollapseDepth, onInlineLogs, downloadReady = true }: TraceHeaderProps) {
  const zone = useTimeZone();
  const services = servicesOf(trace);
  const errors = services.reduce((n, s) => n + s.errorCount, 0);
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1 text-sm">
        <span className="font-mono text-xs text-slate-500">{traceId}</span>
        <span>
          {trace.spans.length.toLocaleString()} spans · {formatDurationMs((endUs - startUs) / 1000)} · started {formatDateTime(startUs / 1000, zone, { precision: 'ms' })}
        </span>
        {errors > 0 && <span className="text-red-600 dark:text-red-400">{errors} error span{errors === 1 ? '' : 's'}</span>}
        {trace.orphanSpanIds.length > 0 && <span className="text-amber-700 dark:text-amber-400">{trace.orphanSpanIds.length} orphan span(s)</span>}
        {trace.rootSpanIds.length > 1 && <span className="text-amber-700 dark:text-amber-400">split into {trace.rootSpanIds.length} roots</span>}
      </div>
      {trace.warnings && trace.warnings.length > 0 && (
        <ul className="text-xs text-amber-800 dark:text-amber-300">
          {trace.warnings.map((w, i) => (
            <li key={i}>⚠ {w}</li>
          ))}
        </ul>
      )}
      <div className="flex flex-wrap items-center gap-2">
        <ul className="flex flex-wrap gap-x-3 gap-y-1 text-xs" aria-label="Services">
          {services.map((s) => (
            <li key={s.name} className="flex items-center gap-1">
              <span className="inline-block h-2.5 w-2.5 rounded-sm" style={{ background: s.color }} />
              <ServiceLink name={s.name} /> <span className="text-slate-500">({s.spanCount}{s.errorCount ? `, ${s.errorCount} err` : ''})</span>
            </li>
          ))}
          <li className="flex items-center gap-1 text-slate-500">
            <span className="inline-block h-2.5 w-4 rounded-sm bg-slate-400 ring-2 ring-slate-900 dark:ring-white" /> critical path
          </li>
        </ul>
        <span className="ml-auto flex flex-wrap gap-1">
          <button type="button" className={btn} onClick={onExpandAll} data-testid="expand-all">
            Expand all
          </button>
          <button type="button" className={btn} onClick={() => onCollapseDepth(1)}>
            Collapse to depth 1
          </button>
          <button type="button" className={btn} onClick={() => onCollapseDepth(2)}>
            Depth 2
          </button>
          <label className="flex items-center gap-1 text-xs">
            <input type="checkbox" checked={inlineLogs} onChange={(e) => onInlineLogs(e.target.checked)} /> logs under spans
          </label>
          <button
            type="button"
            className={`${btn} disabled:opacity-50`}
            data-testid="download-trace"
            disabled={!downloadReady}
            title={downloadReady ? 'The trace as JSON (the normalized model: spans, tags, events, processes)' : 'Available once tags and events have loaded'}
            onClick={() => {
              const { filename, json } = traceDownload(traceId, trace);
              saveText(filename, json);
            }}
          >
            Download JSON
          </button>
        </span>
      </div>
    </div>
  );
}
