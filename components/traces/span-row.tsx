'use client';

import { memo, type CSSProperties } from 'react';
import type { ApiSpan } from '@/lib/api/types';
import { barGeometry, formatDurationMs } from './span-format';

export const ROW_HEIGHT = 24;
const INDENT_PX = 12;
/** Deeper rows stop indenting (a 50,000-deep chain would push names off screen). */
const MAX_INDENT_DEPTH = 40;

export interface SpanRowProps {
  span: ApiSpan;
  depth: number;
  /** The service's colour per theme, each readable on that theme's background (service-colors.ts). */
  color: { light: string; dark: string };
  hasChildren: boolean;
  collapsed: boolean;
  hiddenCount: number;
  selected: boolean;
  /** Not matched by the span filter. */
  dimmed?: boolean;
  orphan: boolean;
  splitRoot: boolean;
  /** Why the span is detached (orphan or split root), shown as text. */
  reason: string | null;
  logCount: number;
  traceStartUs: number;
  traceDurationUs: number;
  onToggle: (spanId: string) => void;
  onSelect: (spanId: string) => void;
}

/** One waterfall row. Memoized: hover is pure CSS, so only rows whose props change re-render. */
export const SpanRow = memo(function SpanRow(p: SpanRowProps) {
  const { span } = p;
  const error = span.status === 'error';
  const bar = barGeometry(span.startUs, span.durationMs, p.traceStartUs, p.traceDurationUs);
  const indent = Math.min(p.depth, MAX_INDENT_DEPTH) * INDENT_PX;
  return (
    <div
      data-testid="span-row"
      data-span-id={span.spanId}
      data-service={span.service}
      data-orphan={p.orphan ? 'true' : undefined}
      data-split-root={p.splitRoot ? 'true' : undefined}
      data-error={error ? 'true' : undefined}
      data-critical={span.critical ? 'true' : undefined}
      data-mesh-hop={span.meshHop ? 'true' : undefined}
      data-dimmed={p.dimmed ? 'true' : undefined}
      aria-selected={p.selected}
      role="row"
      onClick={() => p.onSelect(span.spanId)}
      style={{ height: ROW_HEIGHT, '--svc': p.color.light, '--svc-dark': p.color.dark } as CSSProperties}
      className={`flex cursor-pointer items-center border-b border-slate-100 text-xs hover:bg-slate-100 dark:border-slate-800/60 dark:hover:bg-slate-800 ${p.selected ? 'bg-sky-50 dark:bg-sky-950' : ''} ${p.dimmed ? 'opacity-30' : ''}`}
    >
      <div role="gridcell" className="flex w-2/5 min-w-0 shrink-0 items-center gap-1 pr-2" style={{ paddingLeft: indent + 4 }}>
        {p.hasChildren ? (
          <button
            type="button"
            data-testid="span-toggle"
            aria-expanded={!p.collapsed}
            aria-label={p.collapsed ? `Expand (${p.hiddenCount} hidden)` : 'Collapse'}
            onClick={(e) => {
              e.stopPropagation();
              p.onToggle(span.spanId);
            }}
            className="w-4 shrink-0 text-slate-500 hover:text-slate-900 dark:hover:text-white"
          >
            {p.collapsed ? '▸' : '▾'}
          </button>
        ) : (
          <span className="w-4 shrink-0" />
        )}
        <span className="h-3 w-1 shrink-0 rounded-sm bg-(--svc) dark:bg-(--svc-dark)" />
        {p.depth > MAX_INDENT_DEPTH && <span className="shrink-0 text-[10px] text-slate-400">L{p.depth}</span>}
        {error && (
          <span className="shrink-0 text-red-600" title="Error status" aria-label="error">
            ●
          </span>
        )}
        <span className="shrink-0 font-medium text-(color:--svc) dark:text-(color:--svc-dark)">
          {span.service}
        </span>
        <span className="min-w-0 truncate text-slate-700 dark:text-slate-300" title={span.operation}>
          {span.operation}
        </span>
        {span.meshHop && (
          <span data-testid="mesh-hop-marker" title="Mesh hop: emitted by the service mesh sidecar (Envoy/Istio), not by the application" className="shrink-0 rounded bg-violet-100 px-1 text-[10px] text-violet-900 dark:bg-violet-900/50 dark:text-violet-200">
            mesh
          </span>
        )}
        {p.collapsed && <span className="shrink-0 rounded bg-slate-200 px-1 text-[10px] dark:bg-slate-700">+{p.hiddenCount}</span>}
        {(p.orphan || p.splitRoot) && (
          <span
            data-testid="orphan-marker"
            title={p.reason ?? undefined}
            className="min-w-0 max-w-[45%] shrink truncate rounded bg-amber-100 px-1 text-[10px] text-amber-900 dark:bg-amber-900/50 dark:text-amber-200"
          >
            {p.orphan ? 'orphan' : 'split root'}: {p.reason}
          </span>
        )}
        {span.warnings.length > 0 && (
          <span className="shrink-0 text-amber-600" title={span.warnings.join('\n')}>
            ⚠
          </span>
        )}
        {p.logCount > 0 && <span className="shrink-0 text-[10px] text-slate-500">{p.logCount} log{p.logCount === 1 ? '' : 's'}</span>}
      </div>
      <div role="gridcell" className="relative h-full flex-1">
        <div
          className={`absolute top-1/2 h-3 -translate-y-1/2 rounded-sm ${error ? 'bg-red-600' : 'bg-(--svc) dark:bg-(--svc-dark)'} ${span.critical ? 'ring-2 ring-offset-0 ring-slate-900 dark:ring-white' : ''}`}
          style={{ left: `${bar.left}%`, width: `${bar.width}%`, opacity: span.critical ? 1 : 0.75 }}
          title={span.critical ? 'On the critical path' : undefined}
        />
        <span
          className="pointer-events-none absolute top-1/2 -translate-y-1/2 whitespace-nowrap px-1 text-[10px] text-slate-600 dark:text-slate-300"
          style={bar.left + bar.width > 80 ? { right: `${100 - bar.left}%` } : { left: `${bar.left + bar.width}%` }}
        >
          {formatDurationMs(span.durationMs)}
        </span>
      </div>
    </div>
  );
});
