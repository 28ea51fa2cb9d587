/**
 * Y-axis ticks the way d3's `ticks`/`nice` make them: steps of 1, 2 or 5 × 10^k, the domain
 * widened to whole steps so the top tick is a real label (never clipped), and integer-valued
 * series never get fractional ticks. Pure, so the chart and its tests share it.
 */

export interface AxisTicks {
  /** The axis domain: the first and last tick. */
  domain: [number, number];
  ticks: number[];
  step: number;
}

/** The 1-2-5 step nearest to span/count (d3-array tickIncrement, in the value domain). */
export function niceStep(span: number, count: number): number {
  if (!(span > 0) || !(count > 0)) return 1;
  const raw = span / count;
  const power = Math.floor(Math.log10(raw));
  const base = 10 ** power;
  const error = raw / base;
  const factor = error >= Math.sqrt(50) ? 10 : error >= Math.sqrt(10) ? 5 : error >= Math.sqrt(2) ? 2 : 1;
  return factor * base;
}

/** Removes binary noise from k × step (0.1 + 0.2 → 0.3). */
function clean(v: number, step: number): number {
  const digits = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  return Number(v.toFixed(Math.min(20, digits)));
}

/**
 * About `count` ticks covering [lo, hi]. `integer` (every sample a whole number: counts,
 * restarts) keeps the step ≥ 1. A flat series (lo = hi) gets a range around its value.
 */
export function niceTicks(lo: number, hi: number, count = 5, integer = false): AxisTicks {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return { domain: [0, 1], ticks: [0, 1], step: 1 };
  if (hi < lo) [lo, hi] = [hi, lo];
  if (hi === lo) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    if (lo <= 0) lo -= lo === 0 ? 0 : pad;
    hi += pad;
  }
  let step = niceStep(hi - lo, count);
  // Widening the domain to whole steps can change the best step once more (d3's nice loop).
  for (let i = 0; i < 2; i++) {
    const next = niceStep(Math.ceil(hi / step) * step - Math.floor(lo / step) * step, count);
    if (next === step) break;
    step = next;
  }
  if (integer) step = Math.max(1, Math.round(step));
  // The epsilon keeps 0.00004 / 0.00001 = 4.0000000001 from adding an empty step.
  const first = Math.floor(lo / step + 1e-9);
  const last = Math.ceil(hi / step - 1e-9);
  const ticks: number[] = [];
  for (let k = first; k <= last; k++) ticks.push(clean(k * step, step));
  return { domain: [ticks[0], ticks[ticks.length - 1]], ticks, step };
}

/** Whether every finite value is a whole number (then ticks stay integers). */
export function allIntegers(values: Iterable<number | null>): boolean {
  let any = false;
  for (const v of values) {
    if (v === null || !Number.isFinite(v)) continue;
    if (!Number.isInteger(v)) return false;
    any = true;
  }
  return any;
}

/** Scale and suffix for a unit at a magnitude (the largest tick), e.g. s below 1 → ms. */
function scaleFor(unit: string | undefined, maxAbs: number): { div: number; suffix: string } {
  switch (unit) {
    case 's':
    case 'seconds':
      if (maxAbs < 1e-3 && maxAbs > 0) return { div: 1e-6, suffix: ' µs' };
      return maxAbs < 1 ? { div: 1e-3, suffix: ' ms' } : { div: 1, suffix: ' s' };
    case 'ms':
      return maxAbs >= 1000 ? { div: 1000, suffix: ' s' } : { div: 1, suffix: ' ms' };
    case 'bytes':
    case 'bytes/s': {
      const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
      let p = 0;
      while (maxAbs >= 1024 ** (p + 1) && p < units.length - 1) p++;
      return { div: 1024 ** p, suffix: ` ${units[p]}${unit === 'bytes/s' ? '/s' : ''}` };
    }
    case 'ratio':
    case 'percentunit':
      return { div: 0.01, suffix: ' %' };
    case '%':
      return { div: 1, suffix: ' %' };
  }
  const suffix = !unit || unit === 'count' ? '' : unit.startsWith('/') ? unit : ` ${unit === 'reqps' ? 'req/s' : unit === 'ops' ? '/s' : unit}`;
  if (maxAbs >= 1e9) return { div: 1e9, suffix: `G${suffix}` };
  if (maxAbs >= 1e6) return { div: 1e6, suffix: `M${suffix}` };
  if (maxAbs >= 1e3) return { div: 1e3, suffix: `k${suffix}` };
  return { div: 1, suffix };
}

/**
 * Labels for a set of ticks: one scale and one number of decimals for the whole axis, the
 * fewest decimals that keep every label distinct (so "0.002 %" never appears twice). The
 * unit follows a no-break space: the chart's SVG text wraps at spaces ("600" over "ms").
 */
export function tickLabels(ticks: readonly number[], unit?: string, scale?: { div: number; suffix: string }): string[] {
  if (ticks.length === 0) return [];
  const maxAbs = Math.max(...ticks.map(Math.abs));
  const { div, suffix: spaced } = scale ?? scaleFor(unit, maxAbs);
  const suffix = spaced.replace(/^ /, '\u00a0');
  const scaled = ticks.map((t) => t / div);
  const step = ticks.length > 1 ? Math.abs(scaled[1] - scaled[0]) : Math.abs(scaled[0]) || 1;
  let decimals = Math.max(0, Math.min(10, Math.ceil(-Math.log10(step) - 1e-9)));
  let labels: string[] = [];
  for (; decimals <= 10; decimals++) {
    labels = scaled.map((v) => `${Object.is(Number(v.toFixed(decimals)), -0) ? (0).toFixed(decimals) : v.toFixed(decimals)}`);
    if (new Set(labels).size === labels.length) break;
  }
  return labels.map((l) => `${l}${suffix}`);
}

/**
 * A value axis: ticks in 1-2-5 steps of the unit the labels show (GiB, not bytes: byte
 * ticks 500 MB apart read 0.0/0.5/0.9/1.4 GiB), and their labels on that one scale.
 */
export function valueAxis(lo: number, hi: number, count: number, integer: boolean, unit?: string): AxisTicks & { labels: string[] } {
  const scale = scaleFor(unit, Math.max(Math.abs(lo), Math.abs(hi)));
  const shown = niceTicks(lo / scale.div, hi / scale.div, count, integer && scale.div === 1);
  const ticks = shown.ticks.map((t) => t * scale.div);
  return { domain: [ticks[0], ticks[ticks.length - 1]], ticks, step: shown.step * scale.div, labels: tickLabels(ticks, unit, scale) };
}
