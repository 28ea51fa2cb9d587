import { sparkPath, sparkX, type SparkBox } from './sparkline-path';

/**
 * A small line without axes, for lists (the anomalies page). Markers are instants (e.g.
 * counter resets); shaded spans are intervals (e.g. a GC storm). No Recharts: a list of
 * a hundred findings must stay cheap.
 */
export interface SparklineProps {
  points: readonly [number, number | null][];
  fromMs: number;
  toMs: number;
  width?: number;
  height?: number;
  color?: string;
  markers?: readonly { tMs: number; label?: string }[];
  shaded?: readonly { fromMs: number; toMs: number; label?: string }[];
  /** Accessible description (what the line shows). */
  label?: string;
}

export function Sparkline({ points, fromMs, toMs, width = 120, height = 24, color = '#2563eb', markers = [], shaded = [], label }: SparklineProps) {
  const box: SparkBox = { width, height, fromMs, toMs };
  const d = sparkPath(points, box);
  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label ?? 'sparkline'} className="overflow-visible">
      {shaded.map((s, i) => {
        const x = sparkX(s.fromMs, box);
        return (
          <rect key={`s${i}`} data-testid="sparkline-shade" x={x} y={0} width={Math.max(2, sparkX(s.toMs, box) - x)} height={height} fill="#f97316" fillOpacity={0.2}>
            {s.label && <title>{s.label}</title>}
          </rect>
        );
      })}
      {d ? <path d={d} fill="none" stroke={color} strokeWidth={1.25} /> : <line x1={0} x2={width} y1={height / 2} y2={height / 2} stroke="#cbd5e1" strokeDasharray="2 2" />}
      {markers.map((m, i) => {
        const x = sparkX(m.tMs, box);
        return (
          <line key={`m${i}`} data-testid="sparkline-marker" x1={x} x2={x} y1={0} y2={height} stroke="#dc2626" strokeWidth={1.5}>
            {m.label && <title>{m.label}</title>}
          </line>
        );
      })}
    </svg>
  );
}
