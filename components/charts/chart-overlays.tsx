'use client';

import type { MouseEvent } from 'react';
import { usePlotArea, useXAxisScale, useYAxisScale } from 'recharts';
import type { ApiExemplar } from '@/lib/api/types';
import type { ExemplarDot, ResetMarker, StormBand } from './chart-markers';

/**
 * Everything a chart draws over its lines, in data coordinates via the Recharts 3 scale
 * hooks: the trace's time band, GC storm shading, counter-reset markers, exemplar dots and
 * the shared cursor. Plain SVG elements, so each carries a test id and a text tooltip.
 */
export interface OverlayProps {
  band?: { fromMs: number; toMs: number };
  storms: StormBand[];
  resets: ResetMarker[];
  dots: ExemplarDot[];
  cursorMs?: number | null;
  /** The time range being dragged out (zoom). */
  selection?: { fromMs: number; toMs: number } | null;
  exemplarHref?: (e: ApiExemplar) => string | null;
  onExemplarClick?: (e: ApiExemplar) => void;
}

const MIN_BAND_PX = 3;

export function ChartOverlays({ band, storms, resets, dots, cursorMs, selection, exemplarHref, onExemplarClick }: OverlayProps) {
  const x = useXAxisScale();
  const y = useYAxisScale();
  const area = usePlotArea();
  if (!x || !y || !area) return null;
  const left = area.x;
  const right = area.x + area.width;
  const top = area.y;
  const bottom = area.y + area.height;
  const px = (ms: number) => Math.min(right, Math.max(left, Number(x(ms) ?? left)));
  const span = (fromMs: number, toMs: number) => {
    const a = px(fromMs);
    const b = px(toMs);
    const w = Math.max(MIN_BAND_PX, b - a);
    return { x: Math.min(a, right - w), width: w };
  };

  return (
    <g className="chart-overlays">
      {storms.map((s) => (
        <rect key={s.anomaly.id} data-testid="gc-storm-band" {...span(s.fromMs, s.toMs)} y={top} height={area.height} fill="#f97316" fillOpacity={0.14}>
          <title>{`${s.anomaly.title}: ${s.anomaly.explanation}`}</title>
        </rect>
      ))}
      {band && (
        <rect data-testid="trace-band" {...span(band.fromMs, band.toMs)} y={top} height={area.height} fill="#6366f1" fillOpacity={0.22} stroke="#6366f1" strokeOpacity={0.6}>
          <title>This trace</title>
        </rect>
      )}
      {resets.map((r) => {
        const cx = px(r.tMs);
        return (
          <g key={`${r.anomaly.id}-${r.seriesIndex}`} data-testid="counter-reset-marker" data-series-index={r.seriesIndex}>
            <line x1={cx} x2={cx} y1={top} y2={bottom} stroke="#dc2626" strokeDasharray="3 2" />
            <text x={cx + 2} y={top + 10} fontSize={10} fill="#dc2626">
              reset
            </text>
            <title>{`${r.anomaly.title}: ${r.anomaly.explanation}`}</title>
          </g>
        );
      })}
      {selection && <rect data-testid="zoom-selection" {...span(selection.fromMs, selection.toMs)} y={top} height={area.height} fill="#0ea5e9" fillOpacity={0.18} pointerEvents="none" />}
      {cursorMs !== null && cursorMs !== undefined && (
        <line x1={px(cursorMs)} x2={px(cursorMs)} y1={top} y2={bottom} stroke="#64748b" strokeOpacity={0.6} pointerEvents="none" />
      )}
      {dots.map((d, i) => {
        const cx = px(d.tMs);
        const cy = Math.min(bottom, Math.max(top, Number(y(d.value) ?? bottom)));
        const dead = d.exemplar.traceExists === false;
        const href = d.exemplar.traceId ? exemplarHref?.(d.exemplar) ?? null : null;
        const label = `${dead ? 'Trace not in Jaeger' : 'Open trace'} ${d.exemplar.traceId ?? '(no trace id)'} · value ${d.value}`;
        const onClick = (ev: MouseEvent) => {
          if (!onExemplarClick || ev.metaKey || ev.ctrlKey || ev.shiftKey) return;
          ev.preventDefault();
          onExemplarClick(d.exemplar);
        };
        const circle = <circle cx={cx} cy={cy} r={4} fill={dead ? 'white' : '#7c3aed'} stroke="#7c3aed" strokeWidth={1.5} />;
        return href ? (
          <a key={i} href={href} data-testid="exemplar-dot" data-trace-id={d.exemplar.traceId ?? ''} aria-label={label} onClick={onClick} className="cursor-pointer">
            {circle}
            <title>{label}</title>
          </a>
        ) : (
          <g key={i} data-testid="exemplar-dot" data-trace-id={d.exemplar.traceId ?? ''} role="img" aria-label={label}>
            {circle}
            <title>{label}</title>
          </g>
        );
      })}
    </g>
  );
}
