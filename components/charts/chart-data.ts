import type { ApiMetric } from '@/lib/api/types';

/**
 * Series → Recharts rows. Every series gets a column `s<i>`; a null value is a gap.
 * NaN/null samples are gaps, and so is a hole in the sampling (Prometheus omits absent
 * samples instead of sending NaN). ±Inf cannot be drawn: those samples are clipped to the
 * edge of the finite range and counted, so the chart can say so.
 */

export type ChartRow = { t: number } & Record<string, number | null>;

export interface ChartData {
  rows: ChartRow[];
  keys: string[];
  /** Samples that were +Inf or -Inf, drawn at the edge of the range. */
  clippedInfinite: number;
  /** Finite value range over all series (null when nothing is plotted). */
  yMin: number | null;
  yMax: number | null;
}

export const seriesKeyAt = (i: number) => `s${i}`;

/** Typical spacing of the samples (median of consecutive differences). */
export function typicalStep(series: readonly ApiMetric[]): number | null {
  const diffs: number[] = [];
  for (const s of series) for (let i = 1; i < s.points.length; i++) diffs.push(s.points[i][0] - s.points[i - 1][0]);
  const pos = diffs.filter((d) => d > 0).sort((a, b) => a - b);
  return pos.length ? pos[Math.floor(pos.length / 2)] : null;
}

export function toChartData(series: readonly ApiMetric[], fromMs: number, toMs: number): ChartData {
  let yMin = Infinity;
  let yMax = -Infinity;
  for (const s of series) {
    for (const [t, v] of s.points) {
      if (t < fromMs || t > toMs || v === null || !Number.isFinite(v)) continue;
      if (v < yMin) yMin = v;
      if (v > yMax) yMax = v;
    }
  }
  const hasFinite = yMin <= yMax;
  const step = typicalStep(series);
  const byTime = new Map<number, ChartRow>();
  const row = (t: number): ChartRow => {
    let r = byTime.get(t);
    if (!r) {
      r = { t } as ChartRow;
      byTime.set(t, r);
    }
    return r;
  };
  let clippedInfinite = 0;
  series.forEach((s, i) => {
    const key = seriesKeyAt(i);
    let prevT: number | null = null;
    for (const [t, raw] of s.points) {
      if (t < fromMs || t > toMs) continue;
      if (step !== null && prevT !== null && t - prevT > 2 * step) row(prevT + step)[key] = null;
      prevT = t;
      let v: number | null = raw;
      if (v === null || Number.isNaN(v)) v = null;
      else if (!Number.isFinite(v)) {
        clippedInfinite++;
        v = hasFinite ? (v > 0 ? yMax : yMin) : null;
      }
      row(t)[key] = v;
    }
  });
  const rows = [...byTime.values()].sort((a, b) => a.t - b.t);
  // A column missing from a row would be bridged by Recharts only with connectNulls;
  // make every absence explicit so the row set is uniform.
  const keys = series.map((_, i) => seriesKeyAt(i));
  for (const r of rows) for (const k of keys) if (!(k in r)) r[k] = null;
  return { rows, keys, clippedInfinite, yMin: hasFinite ? yMin : null, yMax: hasFinite ? yMax : null };
}

const trim = (n: number, digits: number) => Number(n.toFixed(digits)).toString();

/** Compact value with its unit: 1.2k req/s, 350 ms, 1.5 GiB, 12 %. */
export function formatValue(v: number | null | undefined, unit?: string): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '–';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  const abs = Math.abs(v);
  // Units as lib/correlate/service-metrics names them.
  const shortUnit: Record<string, string> = { seconds: 's', reqps: 'req/s', ops: '/s', count: '' };
  if (unit !== undefined && unit in shortUnit) unit = shortUnit[unit] || undefined;
  if (unit === 'bytes/s') return `${formatValue(v, 'bytes')}/s`;
  switch (unit) {
    case 'bytes': {
      const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
      let x = v;
      let u = 0;
      while (Math.abs(x) >= 1024 && u < units.length - 1) {
        x /= 1024;
        u++;
      }
      return `${trim(x, x >= 100 ? 0 : 1)} ${units[u]}`;
    }
    case 'ratio':
    case 'percentunit':
      return `${trim(v * 100, abs * 100 >= 10 ? 0 : abs * 100 >= 0.1 ? 1 : 3)} %`;
    case 's':
      if (abs > 0 && abs < 1) return `${trim(v * 1000, abs * 1000 >= 10 ? 0 : 1)} ms`;
      return `${trim(v, 2)} s`;
    case 'ms':
      if (abs >= 1000) return `${trim(v / 1000, 2)} s`;
      return `${trim(v, abs >= 10 ? 0 : 1)} ms`;
  }
  const suffix = unit ? (unit.startsWith('/') ? unit : ` ${unit}`) : '';
  if (abs >= 1e9) return `${trim(v / 1e9, 1)}G${suffix}`;
  if (abs >= 1e6) return `${trim(v / 1e6, 1)}M${suffix}`;
  if (abs >= 1e3) return `${trim(v / 1e3, 1)}k${suffix}`;
  if (abs === 0) return `0${suffix}`;
  return `${trim(v, abs >= 10 ? 1 : abs >= 0.01 ? 3 : 6)}${suffix}`;
}

/** Finite value range of the visible series inside the window (null when nothing is plotted). */
export function valueExtent(series: readonly ApiMetric[], fromMs: number, toMs: number, visible: ReadonlySet<number> | null): { min: number; max: number; integers: boolean } | null {
  let min = Infinity;
  let max = -Infinity;
  let integers = true;
  series.forEach((s, i) => {
    if (visible && !visible.has(i)) return;
    for (const [t, v] of s.points) {
      if (t < fromMs || t > toMs || v === null || !Number.isFinite(v)) continue;
      if (v < min) min = v;
      if (v > max) max = v;
      if (!Number.isInteger(v)) integers = false;
    }
  });
  return min <= max ? { min, max, integers } : null;
}
