'use client';

import { useMemo, useRef, useState } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { MouseHandlerDataParam } from 'recharts';
import type { ApiExemplar, ApiMetric } from '@/lib/api/types';
import type { Anomaly } from '@/lib/model/anomaly';
import { serviceOf } from '@/lib/correlate/service-label';
import { traceHref } from '@/lib/routes';
import { valueAxis } from './axis-ticks';
import { formatValue, toChartData, valueExtent, type ChartRow } from './chart-data';
import { formatAxisTick } from '@/lib/time/format';
import { useTimeZone } from '@/components/settings/time-zone';
import { ChartLegend } from './chart-legend';
import { counterResetMarkers, exemplarDots, gcStormBands, thinExemplars } from './chart-markers';
import { ChartOverlays } from './chart-overlays';
import { ChartTooltip } from './chart-tooltip';
import { legendModel, toggleVisible } from './legend';
import { useDragZoom } from './use-drag-zoom';
import { useElementWidth } from './use-element-width';

export interface TimeSeriesChartProps {
  series: ApiMetric[];
  fromMs: number;
  toMs: number;
  /** A formatValue unit (s, bytes, ratio, %, /s, bytes/s, reqps, ops, ms, count). */
  unit?: string;
  height?: number;
  /** A time band to highlight (the trace's window). */
  band?: { fromMs: number; toMs: number };
  exemplars?: ApiExemplar[];
  /** Multiply exemplar values by this to match the panel's unit (1000 for s → ms). */
  exemplarScale?: number;
  /** gc_storm findings of the plotted services/instances are shaded; counter_reset ones marked. */
  anomalies?: Anomaly[];
  cursorMs?: number | null;
  onCursor?: (ms: number | null) => void;
  onExemplarClick?: (e: ApiExemplar) => void;
  /** Link target of an exemplar dot (default: /trace/<id>, ±15 min around it). */
  exemplarHref?: (e: ApiExemplar) => string | null;
  /** Whole-number y ticks and a y range on whole numbers (counts such as restarts). */
  integerTicks?: boolean;
  /** Drag across the chart to choose this time range. */
  onZoom?: (fromMs: number, toMs: number) => void;
  /** The panel's own title: legend entries that only repeat it are not shown. */
  title?: string;
}

export const SERIES_COLORS = ['#2563eb', '#dc2626', '#16a34a', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#65a30d', '#475569', '#ea580c'];
const color = (i: number) => SERIES_COLORS[i % SERIES_COLORS.length];

const EMPTY_EXEMPLARS: ApiExemplar[] = [];
const EMPTY_ANOMALIES: Anomaly[] = [];
/** One exemplar per this many pixels of width at most: denser ones merge into a band. */
const EXEMPLAR_PX = 6;
const TOOLTIP_ROW_PX = 16;

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
  onZoom,
  title,
}: TimeSeriesChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const width = useElementWidth(box);
  const [visible, setVisible] = useState<ReadonlySet<number> | null>(null);
  const [seenSeries, setSeenSeries] = useState(series);
  if (seenSeries !== series) {
    // New results: a legend selection made on the old ones would point at other series.
    setSeenSeries(series);
    setVisible(null);
  }
  const hidden = (i: number) => visible !== null && !visible.has(i);

  const data = useMemo(() => toChartData(series, fromMs, toMs), [series, fromMs, toMs]);
  const legend = useMemo(() => legendModel(series), [series]);
  // A legend entry of a series that names its service links to the service page (the app's one service-label rule).
  const services = useMemo(() => series.map((s) => serviceOf(s.labels)), [series]);
  const storms = useMemo(() => gcStormBands(series, anomalies, fromMs, toMs), [series, anomalies, fromMs, toMs]);
  const resets = useMemo(() => counterResetMarkers(series, anomalies, fromMs, toMs), [series, anomalies, fromMs, toMs]);
  const allDots = useMemo(() => exemplarDots(exemplars, fromMs, toMs, exemplarScale), [exemplars, fromMs, toMs, exemplarScale]);
  const dots = useMemo(() => thinExemplars(allDots, fromMs, toMs, Math.max(1, Math.floor((width || 600) / EXEMPLAR_PX))), [allDots, fromMs, toMs, width]);
  const axis = useMemo(() => {
    const ext = valueExtent(series, fromMs, toMs, visible);
    let hi = ext?.max ?? 1;
    for (const d of dots) hi = Math.max(hi, d.value);
    const { labels, ...ticks } = valueAxis(Math.min(0, ext?.min ?? 0), hi, Math.max(2, Math.min(6, Math.floor(height / 36))), (integerTicks || (ext?.integers ?? false)) && dots.length === 0, unit);
    return { ...ticks, label: new Map(ticks.ticks.map((t, i) => [t, labels[i]])), widthPx: Math.max(40, 8 + 6 * Math.max(...labels.map((l) => l.length))) };
  }, [series, fromMs, toMs, visible, dots, height, unit, integerTicks]);
  const zoom = useDragZoom(onZoom);
  const windowMs = toMs - fromMs;
  const zone = useTimeZone();
  const hasData = data.rows.length > 0;

  const onMove = (s: MouseHandlerDataParam) => {
    zoom.handlers.onMouseMove?.(s);
    if (!onCursor) return;
    const v = typeof s.activeLabel === 'number' ? s.activeLabel : Number(s.activeLabel);
    onCursor(Number.isFinite(v) ? v : null);
  };

  return (
    <div ref={box} onClickCapture={zoom.onClickCapture}>
      <div style={{ height }} className={`w-full ${onZoom ? 'select-none' : ''}`} data-testid="time-series-chart">
        {!hasData ? (
          <div className="flex h-full items-center justify-center rounded border border-dashed border-slate-300 text-xs text-slate-500 dark:border-slate-700">
            No data in this window
          </div>
        ) : (
          <ResponsiveContainer width="100%" height="100%">
            <LineChart
              data={data.rows}
              margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
              onMouseMove={onMove}
              onMouseDown={zoom.handlers.onMouseDown}
              onMouseUp={zoom.handlers.onMouseUp}
              onMouseLeave={() => {
                zoom.handlers.onMouseLeave?.();
                onCursor?.(null);
              }}
            >
              <CartesianGrid strokeDasharray="3 3" stroke="#94a3b8" strokeOpacity={0.25} />
              <XAxis dataKey="t" type="number" domain={[fromMs, toMs]} allowDataOverflow tickFormatter={(v: number) => formatAxisTick(v, windowMs, zone)} tick={{ fontSize: 10 }} minTickGap={24} />
              <YAxis domain={axis.domain} ticks={axis.ticks} interval={0} allowDataOverflow tickFormatter={(v: number) => axis.label.get(v) ?? formatValue(v, unit)} tick={{ fontSize: 10 }} width={axis.widthPx} />
              <Tooltip
                isAnimationActive={false}
                wrapperStyle={{ zIndex: 20, pointerEvents: 'none' }}
                content={({ active, payload }) =>
                  active ? (
                    <ChartTooltip
                      row={payload?.[0]?.payload as ChartRow | undefined}
                      names={legend.names}
                      colors={color}
                      hidden={hidden}
                      maxRows={Math.max(3, Math.floor((height - 36) / TOOLTIP_ROW_PX))}
                      format={(v) => formatValue(v, unit)}
                      zone={zone}
                    />
                  ) : null
                }
              />
              {data.keys.map((k, i) => (
                <Line key={k} dataKey={k} name={k} type="linear" stroke={color(i)} strokeWidth={1.5} dot={false} connectNulls={false} isAnimationActive={false} hide={hidden(i)} />
              ))}
              <ChartOverlays band={band} storms={storms} resets={resets} dots={dots} cursorMs={cursorMs} selection={zoom.selection} exemplarHref={exemplarHref} onExemplarClick={onExemplarClick} />
            </LineChart>
          </ResponsiveContainer>
        )}
      </div>
      {!(title !== undefined && legend.names.every((n) => n === title)) && (
        <ChartLegend names={legend.names} shared={legend.shared} colors={color} visible={visible} onToggle={(i, additive) => setVisible(toggleVisible(visible, i, additive, series.length))} services={services} />
      )}
      {hasData && (data.clippedInfinite > 0 || storms.length > 0 || resets.length > 0 || dots.length < allDots.length) && (
        <p className="mt-0.5 text-[11px] text-slate-500" data-testid="chart-notes">
          {dots.length < allDots.length && (
            <span className="mr-2" data-testid="exemplars-thinned">
              {dots.length} of {allDots.length} exemplars shown (the slowest per time slot).
            </span>
          )}
          {data.clippedInfinite > 0 && <span className="mr-2">{data.clippedInfinite} ±Inf sample(s) drawn at the edge of the range.</span>}
          {storms.length > 0 && <span className="mr-2 text-orange-700 dark:text-orange-400">Shaded: GC storm.</span>}
          {resets.length > 0 && <span className="text-red-700 dark:text-red-400">Dashed red: counter reset.</span>}
        </p>
      )}
    </div>
  );
}
