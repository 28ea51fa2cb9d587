/**
 * SVG path of a sparkline. Non-finite or null values break the line (a new `M`), so gaps
 * stay visible; the value range is taken from the finite points.
 */
export interface SparkBox {
  width: number;
  height: number;
  fromMs: number;
  toMs: number;
}

export function sparkPath(points: readonly [number, number | null][], box: SparkBox): string {
  let lo = Infinity;
  let hi = -Infinity;
  for (const [, v] of points) {
    if (v === null || !Number.isFinite(v)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (lo > hi) return '';
  const range = hi - lo || 1;
  const span = box.toMs - box.fromMs || 1;
  const pad = 1;
  const parts: string[] = [];
  let pen = false;
  for (const [t, v] of points) {
    if (v === null || !Number.isFinite(v) || t < box.fromMs || t > box.toMs) {
      pen = false;
      continue;
    }
    const x = ((t - box.fromMs) / span) * box.width;
    const y = pad + (1 - (v - lo) / range) * (box.height - 2 * pad);
    parts.push(`${pen ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`);
    pen = true;
  }
  return parts.join('');
}

/** Horizontal pixel position of a time inside the box, clamped to it. */
export const sparkX = (ms: number, box: SparkBox): number =>
  Math.min(box.width, Math.max(0, ((ms - box.fromMs) / (box.toMs - box.fromMs || 1)) * box.width));
