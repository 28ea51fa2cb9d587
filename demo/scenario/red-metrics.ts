import { hash32, normalCdf } from './random';
import { DEMO_SEED, serviceLabels } from './story';
import { processStartMs, stormSplitCounts, type MetricFamily, type MetricSource, type Sample } from './metric-math';

/** RED metrics: a Prometheus-client-style latency histogram and a requests counter per route. */

export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface LatencyProfile { medianS: number; sigma: number; errorRate: number }
export interface RouteProfile {
  service: string;
  method: string;
  route: string;
  rps: number;
  normal: LatencyProfile;
  /** During risk-engine's GC storm: risk-engine itself, and the callers waiting on it. */
  storm?: LatencyProfile;
}

export const ROUTES: readonly RouteProfile[] = [
  // Checkout waits on payment-gateway, which waits on risk-engine (up to its 2.5 s timeout).
  {
    service: 'api-gateway', method: 'POST', route: '/api/checkout', rps: 4,
    normal: { medianS: 0.12, sigma: 0.3, errorRate: 0.002 }, storm: { medianS: 0.6, sigma: 0.5, errorRate: 0.002 },
  },
  { service: 'api-gateway', method: 'GET', route: '/api/products', rps: 12, normal: { medianS: 0.02, sigma: 0.35, errorRate: 0.001 } },
  {
    service: 'order-service', method: 'POST', route: '/orders', rps: 4,
    normal: { medianS: 0.1, sigma: 0.3, errorRate: 0.002 }, storm: { medianS: 0.56, sigma: 0.5, errorRate: 0.002 },
  },
  { service: 'inventory-service', method: 'POST', route: '/reserve', rps: 4, normal: { medianS: 0.012, sigma: 0.3, errorRate: 0.001 } },
  { service: 'inventory-service', method: 'GET', route: '/products', rps: 12, normal: { medianS: 0.008, sigma: 0.3, errorRate: 0.001 } },
  {
    service: 'payment-gateway', method: 'POST', route: '/charge', rps: 4,
    normal: { medianS: 0.06, sigma: 0.3, errorRate: 0.002 }, storm: { medianS: 0.5, sigma: 0.5, errorRate: 0.002 },
  },
  {
    service: 'risk-engine', method: 'POST', route: '/score', rps: 4,
    normal: { medianS: 0.03, sigma: 0.3, errorRate: 0.003 }, storm: { medianS: 0.45, sigma: 0.7, errorRate: 0.09 },
  },
  { service: 'notification-service', method: 'POST', route: '/notify', rps: 4, normal: { medianS: 0.015, sigma: 0.3, errorRate: 0.001 } },
];

function latencyCdf(p: LatencyProfile, le: number): number {
  return normalCdf((Math.log(le) - Math.log(p.medianS)) / p.sigma);
}

export function redFamilies(anchorMs: number, seed = DEMO_SEED): MetricFamily[] {
  const hist: MetricSource[] = [];
  const totals: MetricSource[] = [];
  for (const r of ROUTES) {
    const labels = { ...serviceLabels(r.service), method: r.method, route: r.route };
    const key = `${r.service}${r.route}`;
    const profiles = [r.normal, r.storm ?? r.normal];
    const counts = (t: number) => stormSplitCounts([r.rps, r.rps], processStartMs(r.service, t, anchorMs, seed), t, anchorMs, hash32(seed, key));
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

