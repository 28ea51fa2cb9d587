'use client';

import { useState, type MouseEvent } from 'react';
import { ServiceLink } from '@/components/ui/service-link';

/**
 * The legend under a chart: short names (labels shared by every series said once, above),
 * each a button. A click shows only that series, a second click all again, and
 * shift/ctrl/cmd-click adds or removes one (legend.ts, toggleVisible). A series that names its
 * service (the app's one service-label rule) also links to that service's page.
 */
export function ChartLegend({
  names,
  shared,
  colors,
  visible,
  onToggle,
  services,
  max = 12,
}: {
  names: readonly string[];
  shared: string | null;
  colors: (i: number) => string;
  visible: ReadonlySet<number> | null;
  onToggle: (index: number, additive: boolean) => void;
  /** Per series, the service it belongs to, or null. */
  services?: readonly (string | null)[];
  max?: number;
}) {
  const [all, setAll] = useState(false);
  const shown = all ? names : names.slice(0, max);
  const click = (i: number) => (e: MouseEvent) => onToggle(i, e.shiftKey || e.ctrlKey || e.metaKey);
  return (
    <div className="mt-1 text-[11px] text-slate-600 dark:text-slate-400">
      {shared && (
        <p data-testid="chart-legend-shared" className="truncate text-slate-500" title={shared}>
          {shared}
        </p>
      )}
      <ul className="flex flex-wrap gap-x-3 gap-y-0.5" data-testid="chart-legend">
        {shown.map((n, i) => {
          const on = !visible || visible.has(i);
          return (
            <li key={i} className="flex max-w-full items-center gap-1">
              <button
                type="button"
                data-testid="chart-legend-item"
                aria-pressed={on}
                onClick={click(i)}
                title={`${n}\nClick: show only this series · Shift/Ctrl-click: toggle it`}
                className={`flex max-w-full items-center gap-1 truncate rounded px-0.5 hover:bg-slate-100 dark:hover:bg-slate-800 ${on ? '' : 'opacity-40'}`}
              >
                <span className="inline-block h-0.5 w-3 shrink-0" style={{ background: colors(i) }} />
                <span className="truncate">{n}</span>
              </button>
              {services?.[i] && (
                <ServiceLink name={services[i]!} className="shrink-0 text-slate-500 dark:text-slate-400">
                  {services[i]}
                </ServiceLink>
              )}
            </li>
          );
        })}
        {names.length > max && (
          <li>
            <button type="button" className="underline decoration-dotted" onClick={() => setAll(!all)}>
              {all ? 'fewer' : `+${names.length - max} more`}
            </button>
          </li>
        )}
      </ul>
    </div>
  );
}
