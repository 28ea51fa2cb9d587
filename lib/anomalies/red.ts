/**
 * RED signals per service from raw counter samples: request rate, error rate and share,
 * and p99 latency from histogram buckets — evaluated on a common time grid. A RED family
 * names a request counter, the label and values that mark a failed request, and a latency
 * histogram. Built in: classic `http_requests_total` + `http_request_duration_seconds`,
 * OTel `http_server_request_duration_seconds_*`, Micrometer `http_server_requests_seconds_*`
 * and go-grpc-prometheus `grpc_server_handled_total` + `grpc_server_handling_seconds`;
 * more come from configuration (RED_FAMILIES, docs/anomalies.md).
 */
import type { Series } from '../model/types';
import { counterIncreaseAt, stepRateAt, type Grid } from './series-utils';
import { resolveServiceLabel, serviceOf } from '../correlate/service-label';
import { appendTo } from '../model/group';

export interface RedFamily {
  /** Request counter. */
  requests: string;
  /** Label of the request counter that carries the outcome. */
  errorLabel: string;
  /** Regex (RE2/JS-compatible, anchored) of the outcome values that are server-side failures. */
  errorValues: string;
  /** Latency histogram's _bucket series, if the family has one. */
  latency: string | null;
}

/** gRPC codes that mean the server failed (the ones gRPC maps to HTTP 5xx). */
const GRPC_SERVER_ERRORS = 'Unknown|DeadlineExceeded|Unimplemented|Internal|Unavailable|DataLoss';

/** In order of preference: a service uses the first family it has. */
export const DEFAULT_RED_FAMILIES: readonly RedFamily[] = [
  { requests: 'http_requests_total', errorLabel: 'code', errorValues: '5..', latency: 'http_request_duration_seconds_bucket' },
  { requests: 'http_server_request_duration_seconds_count', errorLabel: 'http_response_status_code', errorValues: '5..', latency: 'http_server_request_duration_seconds_bucket' },
  { requests: 'http_server_requests_seconds_count', errorLabel: 'status', errorValues: '5..', latency: 'http_server_requests_seconds_bucket' },
  { requests: 'grpc_server_handled_total', errorLabel: 'grpc_code', errorValues: GRPC_SERVER_ERRORS, latency: 'grpc_server_handling_seconds_bucket' },
];

export const latencyBuckets = (families: readonly RedFamily[]): string[] => [...new Set(families.map((f) => f.latency).filter((n): n is string => n !== null))];
export const redMetricNames = (families: readonly RedFamily[]): string[] => [...new Set([...families.map((f) => f.requests), ...latencyBuckets(families)])];

export const LATENCY_BUCKETS: readonly string[] = latencyBuckets(DEFAULT_RED_FAMILIES);
export const RED_METRIC_NAMES: readonly string[] = redMetricNames(DEFAULT_RED_FAMILIES);

const errorTests = new WeakMap<RedFamily, RegExp>();
function isError(family: RedFamily, labels: Record<string, string>): boolean {
  let re = errorTests.get(family);
  if (!re) errorTests.set(family, (re = new RegExp(`^(?:${family.errorValues})$`)));
  return re.test(labels[family.errorLabel] ?? '');
}

export interface RedSignals {
  service: string;
  /** The family the service's requests were counted from (null: latency only). */
  family: RedFamily | null;
  /** The label that carried the service name (for links back to the series). */
  serviceLabel: string;
  requestsPerSec: number[];
  errorsPerSec: number[];
  errorShare: number[];
  p99Ms: number[];
}

/**
 * PromQL histogram_quantile over cumulative buckets: linear interpolation inside the
 * bucket holding the rank; a rank in the +Inf bucket returns the highest finite bound.
 */
export function histogramQuantile(q: number, buckets: readonly { le: number; count: number }[]): number {
  const sorted = [...buckets].sort((a, b) => a.le - b.le);
  if (sorted.length < 2 || sorted[sorted.length - 1].le !== Infinity) return NaN;
  let max = 0;
  const cumulative = sorted.map((b) => ({ le: b.le, count: (max = Math.max(max, b.count)) }));
  const total = cumulative[cumulative.length - 1].count;
  if (!(total > 0)) return NaN;
  const rank = q * total;
  const i = cumulative.findIndex((b) => b.count >= rank);
  if (cumulative[i].le === Infinity) return cumulative[cumulative.length - 2].le;
  const start = i === 0 ? (cumulative[0].le > 0 ? 0 : cumulative[0].le) : cumulative[i - 1].le;
  const below = i === 0 ? 0 : cumulative[i - 1].count;
  const inBucket = cumulative[i].count - below;
  return inBucket > 0 ? start + (cumulative[i].le - start) * ((rank - below) / inBucket) : cumulative[i].le;
}

function sumInto(target: number[], values: number[]): void {
  values.forEach((v, i) => {
    if (Number.isFinite(v)) target[i] = (Number.isFinite(target[i]) ? target[i] : 0) + v;
  });
}

/**
 * Events per second of a counter at each grid time: its increase over the window divided by
 * the window, or, on a scrape grid (series-utils `scrapeGrid`), over the last scrape step.
 */
function perSecondOn(points: readonly [number, number][], grid: Grid): number[] {
  if (grid.lastStep) return stepRateAt(points, grid.times, grid.windowMs);
  const windowSec = grid.windowMs / 1000;
  return counterIncreaseAt(points, grid.times, grid.windowMs).map((v) => v / windowSec);
}

export function redSignals(series: readonly Series[], grid: Grid, serviceLabels?: string[], families: readonly RedFamily[] = DEFAULT_RED_FAMILIES): Map<string, RedSignals> {
  const names = new Set(redMetricNames(families));
  const n = grid.times.length;
  const blank = () => new Array<number>(n).fill(NaN);
  const byService = new Map<string, Series[]>();
  for (const s of series) {
    if (!names.has(s.name)) continue;
    const svc = serviceOf(s.labels, serviceLabels);
    if (svc) appendTo(byService, svc, s);
  }
  const out = new Map<string, RedSignals>();
  for (const [service, list] of byService) {
    const family = families.find((f) => list.some((s) => s.name === f.requests));
    const requests = blank();
    const errors = blank();
    for (const s of list.filter((x) => x.name === family?.requests)) {
      const perSec = perSecondOn(s.points, grid);
      sumInto(requests, perSec);
      sumInto(errors, isError(family!, s.labels) ? perSec : perSec.map((v) => (Number.isFinite(v) ? 0 : NaN)));
    }
    const bucketName = (family?.latency && list.some((s) => s.name === family.latency) ? family.latency : null) ?? latencyBuckets(families).find((name) => list.some((s) => s.name === name));
    const perLe = new Map<number, number[]>();
    for (const s of list.filter((x) => x.name === bucketName)) {
      const le = s.labels.le === '+Inf' ? Infinity : Number(s.labels.le);
      if (Number.isNaN(le)) continue;
      if (!perLe.has(le)) perLe.set(le, blank());
      sumInto(perLe.get(le)!, perSecondOn(s.points, grid));
    }
    const p99Ms = grid.times.map((_, i) => {
      const buckets = [...perLe].filter(([, v]) => Number.isFinite(v[i])).map(([le, v]) => ({ le, count: v[i] }));
      return histogramQuantile(0.99, buckets) * 1000;
    });
    out.set(service, {
      service,
      family: family ?? null,
      serviceLabel: resolveServiceLabel([list[0].labels], service, serviceLabels) ?? 'service',
      requestsPerSec: requests,
      errorsPerSec: errors,
      errorShare: requests.map((v, i) => (v > 0 ? errors[i] / v : NaN)),
      p99Ms,
    });
  }
  return out;
}
