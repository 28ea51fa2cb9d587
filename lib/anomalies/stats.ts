/** Small robust statistics used by the detectors. Inputs are never mutated. */

export function median(values: ArrayLike<number>): number {
  // A typed array sorts numerically without a comparator call per comparison: the detectors
  // take many medians (Theil–Sen over thousands of pairwise slopes) on every investigation.
  const xs = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) xs[n++] = values[i];
  if (n === 0) return NaN;
  const sorted = xs.subarray(0, n).sort();
  const mid = n >> 1;
  return n % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median absolute deviation (unscaled). */
export function mad(values: readonly number[]): number {
  const m = median(values);
  return median(values.map((v) => Math.abs(v - m)));
}

/**
 * Theil–Sen slope (median of pairwise slopes). Above `maxPoints` the points are first
 * reduced to bucket medians so the cost stays O(maxPoints²).
 */
export function theilSenSlope(points: readonly (readonly [number, number])[], maxPoints = 120): number {
  const pts = reduce(points, maxPoints);
  const slopes = new Float64Array((pts.length * (pts.length - 1)) / 2);
  let n = 0;
  for (let i = 0; i < pts.length; i++) {
    for (let j = i + 1; j < pts.length; j++) {
      const dx = pts[j][0] - pts[i][0];
      if (dx !== 0) slopes[n++] = (pts[j][1] - pts[i][1]) / dx;
    }
  }
  return median(slopes.subarray(0, n));
}

function reduce(points: readonly (readonly [number, number])[], maxPoints: number): [number, number][] {
  if (points.length <= maxPoints) return points.map(([t, v]) => [t, v]);
  const per = Math.ceil(points.length / maxPoints);
  const out: [number, number][] = [];
  for (let i = 0; i < points.length; i += per) {
    const chunk = points.slice(i, i + per);
    out.push([median(chunk.map((p) => p[0])), median(chunk.map((p) => p[1]))]);
  }
  return out;
}

/** Split points into `n` equal time segments and return each non-empty segment's median value. */
export function segmentMedians(points: readonly (readonly [number, number])[], n: number): number[] {
  if (points.length === 0) return [];
  const t0 = points[0][0];
  const span = points[points.length - 1][0] - t0 || 1;
  const buckets: number[][] = Array.from({ length: n }, () => []);
  for (const [t, v] of points) buckets[Math.min(n - 1, Math.floor(((t - t0) / span) * n))].push(v);
  return buckets.filter((b) => b.length > 0).map((b) => median(b));
}

/** Index ranges [first, last] of consecutive `true` entries. */
export function runs(flags: readonly boolean[]): [number, number][] {
  const out: [number, number][] = [];
  let start = -1;
  flags.forEach((f, i) => {
    if (f && start < 0) start = i;
    if (!f && start >= 0) {
      out.push([start, i - 1]);
      start = -1;
    }
  });
  if (start >= 0) out.push([start, flags.length - 1]);
  return out;
}

/** Median of values[i] for i in [from, to] (NaN when empty). */
export const medianOf = (values: readonly number[], from: number, to: number): number =>
  median(values.slice(Math.max(0, from), Math.max(0, to + 1)));

/** Largest finite value, NaN when there is none. */
export function maxOf(values: readonly number[]): number {
  let m = NaN;
  for (const v of values) if (Number.isFinite(v) && !(v <= m)) m = v;
  return m;
}
