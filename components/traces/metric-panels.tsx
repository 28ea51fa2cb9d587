'use client';

import { ServiceLink } from '@/components/ui/service-link';
import { useRouter } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { defaultExemplarHref, TimeSeriesChart } from '@/components/charts/time-series-chart';
import type { ApiExemplar, ApiMetric } from '@/lib/api/types';
import type { Anomaly } from '@/lib/model/anomaly';
import { groupPanels } from './metric-panels-model';

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

/**
 * RED and runtime panels of every service in the trace. Loaded with next/dynamic by the
 * trace view, so Recharts never delays the first span row.
 */
export default function MetricPanels({ metrics, exemplars, anomalies, fromMs, toMs, band, cursorMs }: MetricPanelsProps) {
  const router = useRouter();
  const groups = useMemo(() => groupPanels(metrics, exemplars), [metrics, exemplars]);
  const openExemplar = useCallback(
    (e: ApiExemplar) => {
      const href = defaultExemplarHref(e);
      if (href) router.push(href);
    },
    [router],
  );
  if (groups.length === 0) return <p className="text-xs text-slate-500">No metrics for the services of this trace.</p>;
  return (
    <div className="space-y-4">
      {groups.map((g) => (
        <section key={g.service} data-testid="metric-service" data-service={g.service}>
          <h3 className="mb-1 text-sm font-semibold"><ServiceLink name={g.service} /></h3>
          <div className="grid grid-cols-1 gap-3 md:grid-cols-2 xl:grid-cols-3">
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
                />
              </div>
            ))}
          </div>
        </section>
      ))}
    </div>
  );
}
