'use client';

import { ServiceLink } from '@/components/ui/service-link';
import { useRouter } from 'next/navigation';
import { useCallback, useMemo, useState } from 'react';
import { defaultExemplarHref, TimeSeriesChart } from '@/components/charts/time-series-chart';
import type { ApiExemplar, ApiMetric } from '@/lib/api/types';
import type { Anomaly } from '@/lib/model/anomaly';
import { groupPanels, serviceSections, type ServiceSection } from './metric-panels-model';

export interface MetricPanelsProps {
  metrics: ApiMetric[];
  exemplars: ApiExemplar[];
  anomalies: Anomaly[];
  fromMs: number;
  toMs: number;
  /** The trace's own time window, drawn as a band. */
  band?: { fromMs: number; toMs: number };
  cursorMs?: number | null;
}

const WORST_STYLE: Record<string, string> = {
  critical: 'bg-red-600 text-white',
  warning: 'bg-amber-200 text-amber-900 dark:bg-amber-800 dark:text-amber-100',
  info: 'bg-slate-200 text-slate-700 dark:bg-slate-700 dark:text-slate-200',
};

/**
 * RED and runtime panels of every service in the trace, one collapsible section per service:
 * services with findings first and open, the others closed (their charts are not drawn until
 * opened). Loaded with next/dynamic by the trace view, so Recharts never delays the first
 * span row.
 */
export default function MetricPanels({ metrics, exemplars, anomalies, fromMs, toMs, band, cursorMs }: MetricPanelsProps) {
  const router = useRouter();
  const sections = useMemo(() => serviceSections(groupPanels(metrics, exemplars), anomalies), [metrics, exemplars, anomalies]);
  // What the user opened or closed; everything else follows the default (open when it has findings).
  const [toggled, setToggled] = useState<Record<string, boolean>>({});
  const openExemplar = useCallback(
    (e: ApiExemplar) => {
      const href = defaultExemplarHref(e);
      if (href) router.push(href);
    },
    [router],
  );
  if (sections.length === 0) return <p className="text-xs text-slate-500">No metrics for the services of this trace.</p>;
  const isOpen = (g: ServiceSection) => toggled[g.service] ?? g.open;
  return (
    <div className="space-y-2">
      {sections.map((g) => (
        <details
          key={g.service}
          open={isOpen(g)}
          onToggle={(e) => {
            const now = (e.currentTarget as HTMLDetailsElement).open;
            if (now !== isOpen(g)) setToggled((t) => ({ ...t, [g.service]: now }));
          }}
          data-testid="metric-service"
          data-service={g.service}
          className="rounded border border-slate-200 dark:border-slate-800"
        >
          {/* The summary is the toggle: a link inside it would be a control inside a control (axe
              nested-interactive), so the service page link sits in the open body. */}
          <summary className="cursor-pointer select-none px-2 py-1 text-sm font-semibold">
            {g.service}
            <span className="ml-2 text-xs font-normal text-slate-600 dark:text-slate-400">{g.panels.length} panels</span>
            {g.worst && (
              <span className={`ml-2 rounded px-1 text-[10px] font-normal uppercase ${WORST_STYLE[g.worst]}`}>
                {g.findings} finding{g.findings === 1 ? '' : 's'}
              </span>
            )}
          </summary>
          {isOpen(g) && (
            <p className="px-2 text-xs">
              <ServiceLink name={g.service}>Service page of {g.service}</ServiceLink>
            </p>
          )}
          {isOpen(g) && (
            <div className="grid grid-cols-1 gap-3 p-2 md:grid-cols-2 xl:grid-cols-3">
              {g.panels.map((p) => (
                <div key={p.key} data-testid="metric-panel" data-panel={p.panel} data-service={p.service} className="rounded border border-slate-200 p-2 dark:border-slate-800">
                  <h4 className="mb-1 truncate text-xs font-medium text-slate-700 dark:text-slate-300" title={p.series[0]?.query ?? p.title}>
                    {p.title}
                  </h4>
                  <TimeSeriesChart
                    series={p.series}
                    fromMs={fromMs}
                    toMs={toMs}
                    unit={p.unit}
                    height={140}
                    band={band}
                    exemplars={p.exemplars}
                    exemplarScale={p.exemplarScale}
                    anomalies={anomalies}
                    cursorMs={cursorMs}
                    onExemplarClick={openExemplar}
                    integerTicks={p.integer}
                    title={p.title}
                  />
                </div>
              ))}
            </div>
          )}
        </details>
      ))}
    </div>
  );
}
