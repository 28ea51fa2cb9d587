import type { Labels } from '../model/types';
import { normalCdf, unit, hash32 } from './random';
import {
  DEMO_SEED, GC_STORM_OFFSET_MS, LEAK_START_OFFSET_MS, PAYMENT_RESTART_OFFSET_MS, SERVICES, serviceLabels,
} from './story';

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

export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface LatencyProfile { medianS: number; sigma: number; errorRate: number }
export interface RouteProfile {
  service: string;
  method: string;
  route: string;
  rps: number;
  normal: LatencyProfile;
  /** risk-engine during the GC storm. */
  storm?: LatencyProfile;
}

export const ROUTES: readonly RouteProfile[] = [
  { service: 'api-gateway', method: 'POST', route: '/api/checkout', rps: 4, normal: { medianS: 0.12, sigma: 0.3, errorRate: 0.002 } },
  { service: 'api-gateway', method: 'GET', route: '/api/products', rps: 12, normal: { medianS: 0.02, sigma: 0.35, errorRate: 0.001 } },
  { service: 'order-service', method: 'POST', route: '/orders', rps: 4, normal: { medianS: 0.1, sigma: 0.3, errorRate: 0.002 } },
  { service: 'inventory-service', method: 'POST', route: '/reserve', rps: 4, normal: { medianS: 0.012, sigma: 0.3, errorRate: 0.001 } },
  { service: 'inventory-service', method: 'GET', route: '/products', rps: 12, normal: { medianS: 0.008, sigma: 0.3, errorRate: 0.001 } },
  { service: 'payment-gateway', method: 'POST', route: '/charge', rps: 4, normal: { medianS: 0.06, sigma: 0.3, errorRate: 0.002 } },
  {
    service: 'risk-engine', method: 'POST', route: '/score', rps: 4,
    normal: { medianS: 0.03, sigma: 0.3, errorRate: 0.003 }, storm: { medianS: 0.45, sigma: 0.7, errorRate: 0.09 },
  },
  { service: 'notification-service', method: 'POST', route: '/notify', rps: 4, normal: { medianS: 0.015, sigma: 0.3, errorRate: 0.001 } },
];

const DAY = 86_400_000;

/** When the process serving `service` at time t started. */
export function processStartMs(service: string, tMs: number, anchorMs: number, seed = DEMO_SEED): number {
  if (service === 'payment-gateway') {
    const restart = anchorMs + PAYMENT_RESTART_OFFSET_MS;
    if (tMs >= restart) return restart;
  }
  if (service === 'worker') return anchorMs + LEAK_START_OFFSET_MS - 120_000;
  // Healthy long-running processes: 1–4 days old, whole seconds.
  const ageMs = DAY * (1 + 3 * unit(seed, 'age', service));
  return Math.floor((anchorMs - ageMs) / 1000) * 1000;
}

interface Phase { fromMs: number; toMs: number; rate: number; mean: number }

const W1 = (2 * Math.PI) / 420;
const W2 = (2 * Math.PI) / 1380;

/** ∫ rate·(1 + 0.08 sin(w1 u + p1) + 0.05 sin(w2 u + p2)) du over [aMs, bMs], in events. */
function integrate(rate: number, aMs: number, bMs: number, phaseSeed: number): number {
  if (bMs <= aMs) return 0;
  const a = aMs / 1000;
  const b = bMs / 1000;
  const p1 = (phaseSeed % 1000) / 100;
  const p2 = (phaseSeed % 777) / 100;
  const wobble = (0.08 / W1) * (Math.cos(W1 * a + p1) - Math.cos(W1 * b + p1)) + (0.05 / W2) * (Math.cos(W2 * a + p2) - Math.cos(W2 * b + p2));
  return rate * (b - a + wobble);
}

/** Events per phase since the process start, up to t. */
function phaseCounts(phases: Phase[], startMs: number, tMs: number, phaseSeed: number): number[] {
  return phases.map((p) => integrate(p.rate, Math.max(startMs, p.fromMs), Math.min(tMs, p.toMs), phaseSeed));
}

function noisy(seed: number, key: string, tMs: number, base: number, amp: number): number {
  return base * (1 + amp * (2 * unit(seed, key, Math.floor(tMs / 5000)) - 1));
}

function latencyCdf(p: LatencyProfile, le: number): number {
  return normalCdf((Math.log(le) - Math.log(p.medianS)) / p.sigma);
}

function routeFamilies(anchorMs: number, seed: number): MetricFamily[] {
  const stormAt = anchorMs + GC_STORM_OFFSET_MS;
  const hist: MetricSource[] = [];
  const totals: MetricSource[] = [];
  for (const r of ROUTES) {
    const labels = { ...serviceLabels(r.service), method: r.method, route: r.route };
    const key = `${r.service}${r.route}`;
    const profiles = r.storm ? [r.normal, r.storm] : [r.normal];
    const phases: Phase[] = r.storm
      ? [{ fromMs: -Infinity, toMs: stormAt, rate: r.rps, mean: 0 }, { fromMs: stormAt, toMs: Infinity, rate: r.rps, mean: 0 }]
      : [{ fromMs: -Infinity, toMs: Infinity, rate: r.rps, mean: 0 }];
    const counts = (t: number) => phaseCounts(phases, processStartMs(r.service, t, anchorMs, seed), t, hash32(seed, key));
    const weighted = (n: number[], f: (p: LatencyProfile) => number) => n.reduce((s, x, i) => s + x * f(profiles[i]), 0);
    hist.push({
      key, service: r.service, labels, operation: `${r.method} ${r.route}`,
      at(t) {
        const n = counts(t);
        const samples: Sample[] = LATENCY_BUCKETS.map((le) => ({
          name: 'http_request_duration_seconds_bucket', labels: { ...labels, le: String(le) }, value: Math.floor(weighted(n, (p) => latencyCdf(p, le))),
        }));
        samples.push({ name: 'http_request_duration_seconds_bucket', labels: { ...labels, le: '+Inf' }, value: Math.floor(weighted(n, () => 1)) });
        samples.push({ name: 'http_request_duration_seconds_sum', labels, value: weighted(n, (p) => p.medianS * Math.exp((p.sigma * p.sigma) / 2)) });
        samples.push({ name: 'http_request_duration_seconds_count', labels, value: Math.floor(weighted(n, () => 1)) });
        return samples;
      },
    });
    for (const code of ['200', '500']) {
      const share = (p: LatencyProfile) => (code === '500' ? p.errorRate : 1 - p.errorRate);
      totals.push({ key: `${key}:${code}`, service: r.service, labels: { ...labels, code }, at: (t) => [{ name: 'http_requests_total', labels: { ...labels, code }, value: Math.floor(weighted(counts(t), share)) }] });
    }
  }
  return [
    { name: 'http_request_duration_seconds', type: 'histogram', help: 'Duration of HTTP requests in seconds.', metrics: hist },
    { name: 'http_requests', type: 'counter', help: 'Total number of HTTP requests by status code.', metrics: totals },
  ];
}

function gaugeFamily(name: string, help: string, services: string[], value: (svc: string, t: number) => number, extra: Labels = {}): MetricFamily {
  return {
    name, type: 'gauge', help,
    metrics: services.map((svc) => {
      const labels = { ...serviceLabels(svc), ...extra };
      return { key: `${svc}:${name}`, service: svc, labels, at: (t: number) => [{ name, labels, value: value(svc, t) }] };
    }),
  };
}

export { runtimeFamilies } from './runtime-metrics';

let cache: { anchorMs: number; seed: number; families: MetricFamily[] } | null = null;

/** Every metric family the demo exports, for a given anchor. */
export function demoFamilies(anchorMs: number, seed = DEMO_SEED): MetricFamily[] {
  if (cache && cache.anchorMs === anchorMs && cache.seed === seed) return cache.families;
  // Imported lazily to keep the runtime families in their own file without a cycle.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const families = [...routeFamilies(anchorMs, seed), ...runtimeFamiliesFor(anchorMs, seed)];
  cache = { anchorMs, seed, families };
  return families;
}

import { runtimeFamilies as runtimeFamiliesFor } from './runtime-metrics';

export const internals = { integrate, phaseCounts, noisy, gaugeFamily, SERVICES };
