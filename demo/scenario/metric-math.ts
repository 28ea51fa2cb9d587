import type { Labels } from '../../lib/model/types';
import { unit } from './random';
import { DEMO_SEED, LEAK_START_OFFSET_MS, cyclesBetween, lastRestartMs, serviceLabels } from './story';

/**
 * The demo's metric values as closed-form functions of time. Counters are integrals of a
 * (gently wobbling) rate from the process start, so any instant can be computed on its own
 * and the promtool backfill and the live scrape join without a seam.
 */

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary';

export interface Sample {
  name: string;
  labels: Labels;
  value: number;
}

/** One metric (label set) of a family; `at` returns its whole metric point at time t. */
export interface MetricSource {
  key: string;
  service: string;
  labels: Labels;
  /** For RED histograms: the span operation whose traces serve as exemplars. */
  operation?: string;
  at(tMs: number): Sample[];
}

export interface MetricFamily {
  name: string;
  type: MetricType;
  help: string;
  metrics: MetricSource[];
}

const DAY = 86_400_000;

/** When the process serving `service` at time t started. */
export function processStartMs(service: string, tMs: number, anchorMs: number, seed = DEMO_SEED): number {
  if (service === 'payment-gateway') {
    const restart = lastRestartMs(anchorMs, tMs);
    if (restart !== null) return restart;
  }
  if (service === 'worker') return anchorMs + LEAK_START_OFFSET_MS - 120_000;
  // Healthy long-running processes: 1–4 days old, whole seconds.
  const ageMs = DAY * (1 + 3 * unit(seed, 'age', service));
  return Math.floor((anchorMs - ageMs) / 1000) * 1000;
}


const W1 = (2 * Math.PI) / 420;
const W2 = (2 * Math.PI) / 1380;

/** ∫ rate·(1 + 0.08 sin(w1 u + p1) + 0.05 sin(w2 u + p2)) du over [aMs, bMs], in events. */
export function integrate(rate: number, aMs: number, bMs: number, phaseSeed: number): number {
  if (bMs <= aMs) return 0;
  const a = aMs / 1000;
  const b = bMs / 1000;
  const p1 = (phaseSeed % 1000) / 100;
  const p2 = (phaseSeed % 777) / 100;
  const wobble = (0.08 / W1) * (Math.cos(W1 * a + p1) - Math.cos(W1 * b + p1)) + (0.05 / W2) * (Math.cos(W2 * a + p2) - Math.cos(W2 * b + p2));
  return rate * (b - a + wobble);
}

/**
 * Events since the process start up to t, split into [outside storms, during storms]: the
 * rate is `rates[0]` outside the story's storms and `rates[1]` during them (story.ts).
 */
export function stormSplitCounts(rates: readonly [number, number], startMs: number, tMs: number, anchorMs: number, phaseSeed: number): [number, number] {
  let inStorm = 0;
  let normalInStorm = 0;
  for (const c of cyclesBetween(anchorMs, startMs, tMs)) {
    const a = Math.max(startMs, c.stormStartMs);
    const b = Math.min(tMs, c.stormEndMs);
    inStorm += integrate(rates[1], a, b, phaseSeed);
    normalInStorm += integrate(rates[0], a, b, phaseSeed);
  }
  return [integrate(rates[0], startMs, tMs, phaseSeed) - normalInStorm, inStorm];
}

export function noisy(seed: number, key: string, tMs: number, base: number, amp: number): number {
  return base * (1 + amp * (2 * unit(seed, key, Math.floor(tMs / 5000)) - 1));
}

export function gaugeFamily(name: string, help: string, services: string[], value: (svc: string, t: number) => number, extra: Labels = {}): MetricFamily {
  return {
    name, type: 'gauge', help,
    metrics: services.map((svc) => {
      const labels = { ...serviceLabels(svc), ...extra };
      return { key: `${svc}:${name}`, service: svc, labels, at: (t: number) => [{ name, labels, value: value(svc, t) }] };
    }),
  };
}

