'use client';

import { useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { MouseHandlerDataParam } from 'recharts';
import type { ApiExemplar, ApiMetric } from '@/lib/api/types';
import type { Anomaly } from '@/lib/model/anomaly';
import { ServiceLink } from '@/components/ui/service-link';
import { serviceOf } from '@/lib/correlate/service-label';
import { traceHref } from '@/lib/routes';
import { formatValue, legendNames, timeTick, toChartData } from './chart-data';
import { counterResetMarkers, exemplarDots, gcStormBands } from './chart-markers';
import { ChartOverlays } from './chart-overlays';

export interface TimeSeriesChartProps {
  series: ApiMetric[];
  fromMs: number;
  toMs: number;
  unit?: string;
  height?: number;
  /** A time band to highlight (the trace's window). */
  band?: { fromMs: number; toMs: number };
  exemplars?: ApiExemplar[];
  /** Multiply exemplar values by this to match the panel's unit (1000 for s → ms). */
  exemplarScale?: number;
  /** gc_storm anomalies of the plotted services are shaded; counter_reset ones marked. */
  anomalies?: Anomaly[];
  cursorMs?: number | null;
  onCursor?: (ms: number | null) => void;
  onExemplarClick?: (e: ApiExemplar) => void;
  /** Link target of an exemplar dot (default: /trace/<id>, ±15 min around it). */
  exemplarHref?: (e: ApiExemplar) => string | null;
  /** Whole-number y ticks and a y range on whole numbers (counts such as restarts). */
  integerTicks?: boolean;
  /** The panel's own title: a legend entry that would only repeat it is not drawn. */
  title?: string;
}

export const SERIES_COLORS = ['#2563eb', '#dc2626', '#16a34a', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#65a30d', '#475569', '#ea580c'];

const EMPTY_EXEMPLARS: ApiExemplar[] = [];
const EMPTY_ANOMALIES: Anomaly[] = [];
const MAX_LEGEND = 8;

export const defaultExemplarHref = (e: ApiExemplar): string | null => (e.traceId ? traceHref(e.traceId, null, Date.parse(e.ts)) : null);

export function TimeSeriesChart({
  series,
  fromMs,
  toMs,
  unit,
  height = 160,
  band,
  exemplars = EMPTY_EXEMPLARS,
  exemplarScale = 1,
  anomalies = EMPTY_ANOMALIES,
  cursorMs,
  onCursor,
  onExemplarClick,
  exemplarHref = defaultExemplarHref,
  integerTicks = false,
  title,
}: TimeSeriesChartProps) {
  const data = useMemo(() => toChartData(series, fromMs, toMs), [series, fromMs, toMs]);
  const names = useMemo(() => legendNames(series), [series]);
  // A legend entry of a series that names its service links to the service page (the app's one service-label rule).
  const services = useMemo(() => series.map((s) => serviceOf(s.labels)), [series]);
  const storms = useMemo(() => gcStormBands(series, anomalies, fromMs, toMs), [series, anomalies, fromMs, toMs]);
  const resets = useMemo(() => counterResetMarkers(series, anomalies, fromMs, toMs), [series, anomalies, fromMs, toMs]);
  const dots = useMemo(() => exemplarDots(exemplars, fromMs, toMs, exemplarScale), [exemplars, fromMs, toMs, exemplarScale]);
  const yDomain = useMemo((): [number, number] => {
    let lo = data.yMin ?? 0;
    let hi = data.yMax ?? 1;
    for (const d of dots) hi = Math.max(hi, d.value);
    lo = Math.min(0, lo);
    if (hi <= lo) hi = lo + 1;
    if (integerTicks) return [Math.floor(lo), Math.max(Math.floor(lo) + 1, Math.ceil(hi))];
    return [lo, hi + (hi - lo) * 0.05];
  }, [data, dots, integerTicks]);
  const windowMs = toMs - fromMs;

  const onMove = onCursor
    ? (s: MouseHandlerDataParam) => {
        const v = typeof s.activeLabel === 'number' ? s.activeLabel : Number(s.activeLabel);
        onCursor(Number.isFinite(v) ? v : null);
      }
    : undefined;

  return (
    <div>
      <div style={{ height }} className="w-full">
        {data.rows.length === 0 ? (
          <div className="flex h-full items-center justify-center rounded border border-dashed border-slate-300 text-xs text-slate-500 dark:border-slate-700">
            No data in this window
          </div>
        ) : (
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={data.rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} onMouseMove={onMove} onMouseLeave={onCursor ? () => onCursor(null) : undefined}>
              <CartesianGrid strokeDasharray="3 3" stroke="#94a3b8" strokeOpacity={0.25} />
              <XAxis
                dataKey="t"
                type="number"
                domain={[fromMs, toMs]}
                allowDataOverflow
                tickFormatter={(v: number) => timeTick(v, windowMs)}
                tick={{ fontSize: 10 }}
                minTickGap={24}
              />
              <YAxis domain={yDomain} allowDataOverflow allowDecimals={!integerTicks} tickFormatter={(v: number) => formatValue(v, unit)} tick={{ fontSize: 10 }} width={64} />
              <Tooltip
                isAnimationActive={false}
                labelFormatter={(label) => new Date(Number(label)).toISOString().replace('T', ' ').slice(0, 23)}
                formatter={(value, name) => [formatValue(typeof value === 'number' ? value : null, unit), names[Number(String(name).slice(1))] ?? String(name)]}
                contentStyle={{ fontSize: 11 }}
              />
              {data.keys.map((k, i) => (
                <Line
                  key={k}
                  dataKey={k}
                  name={k}
                  type="linear"
                  stroke={SERIES_COLORS[i % SERIES_COLORS.length]}
                  strokeWidth={1.5}
                  dot={false}
                  connectNulls={false}
                  isAnimationActive={false}
                />
              ))}
              <ChartOverlays
                band={band}
                storms={storms}
                resets={resets}
                dots={dots}
                cursorMs={cursorMs}
                exemplarHref={exemplarHref}
                onExemplarClick={onExemplarClick}
              />
            </LineChart>
          </ResponsiveContainer>
        )}
      </div>
      <ul className="mt-1 flex flex-wrap gap-x-3 gap-y-0.5 text-[11px] text-slate-600 dark:text-slate-400" data-testid="chart-legend">
        {names.slice(0, MAX_LEGEND).map((n, i) =>
          n === title && names.length === 1 ? null : (
          <li key={i} className="flex max-w-full items-center gap-1 truncate" title={n}>
            <span className="inline-block h-0.5 w-3 shrink-0" style={{ background: SERIES_COLORS[i % SERIES_COLORS.length] }} />
            {services[i] ? (
              <ServiceLink name={services[i]!} className="truncate">
                {n}
              </ServiceLink>
            ) : (
              <span className="truncate">{n}</span>
            )}
          </li>
          ),
        )}
        {names.length > MAX_LEGEND && <li>+{names.length - MAX_LEGEND} more</li>}
      </ul>
      {(data.clippedInfinite > 0 || storms.length > 0 || resets.length > 0) && (
        <p className="mt-0.5 text-[11px] text-slate-500">
          {data.clippedInfinite > 0 && <span className="mr-2">{data.clippedInfinite} ±Inf sample(s) drawn at the edge of the range.</span>}
          {storms.length > 0 && <span className="mr-2 text-orange-700 dark:text-orange-400">Shaded: GC storm.</span>}
          {resets.length > 0 && <span className="text-red-700 dark:text-red-400">Dashed red: counter reset.</span>}
        </p>
      )}
    </div>
  );
}
