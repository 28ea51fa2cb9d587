import { DEMO_SEED } from './story';
import type { MetricFamily } from './metric-math';
import { redFamilies } from './red-metrics';
import { runtimeFamilies } from './runtime-metrics';

export type { MetricFamily, MetricSource, MetricType, Sample } from './metric-math';
export { LATENCY_BUCKETS, ROUTES } from './red-metrics';
export { processStartMs } from './metric-math';

let cache: { anchorMs: number; seed: number; families: MetricFamily[] } | null = null;

/** Every metric family the demo exports for a given anchor (RED first, then runtime). */
export function demoFamilies(anchorMs: number, seed = DEMO_SEED): MetricFamily[] {
  if (cache && cache.anchorMs === anchorMs && cache.seed === seed) return cache.families;
  const families = [...redFamilies(anchorMs, seed), ...runtimeFamilies(anchorMs, seed)];
  cache = { anchorMs, seed, families };
  return families;
}
