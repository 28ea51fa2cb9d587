/**
 * RED signals per service from raw counter samples: request rate, error rate and share
 * (5xx), and p99 latency from histogram buckets — evaluated on a common time grid.
 * Knows classic `http_requests_total` + `http_request_duration_seconds`, OTel
 * `http_server_request_duration_seconds_*` and Micrometer `http_server_requests_seconds_*`.
 */
import type { Series } from '../model/types';
import { counterIncreaseAt, type Grid } from './series-utils';
import { resolveServiceLabel, serviceOf } from '../correlate/service-label';
import { appendTo } from '../model/group';

/** Request counters, in order of preference (a service uses the first family it has). */
const REQUEST_COUNTERS = ['http_requests_total', 'http_server_request_duration_seconds_count', 'http_server_requests_seconds_count'];
export const LATENCY_BUCKETS: readonly string[] = ['http_request_duration_seconds_bucket', 'http_server_request_duration_seconds_bucket', 'http_server_requests_seconds_bucket'];
const STATUS_LABELS = ['code', 'status', 'status_code', 'http_status_code', 'http_response_status_code'];

export const RED_METRIC_NAMES: readonly string[] = [...REQUEST_COUNTERS, ...LATENCY_BUCKETS];

export interface RedSignals {
  service: string;
  /** The label that carried the service name (for links back to the series). */
  serviceLabel: string;
  requestsPerSec: number[];
  errorsPerSec: number[];
  errorShare: number[];
  p99Ms: number[];
}

const isError = (labels: Record<string, string>): boolean => STATUS_LABELS.some((k) => /^5\d\d$/.test(labels[k] ?? ''));

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

export function redSignals(series: readonly Series[], grid: Grid, serviceLabels?: string[]): Map<string, RedSignals> {
  const n = grid.times.length;
  const blank = () => new Array<number>(n).fill(NaN);
  const byService = new Map<string, Series[]>();
  for (const s of series) {
    if (!RED_METRIC_NAMES.includes(s.name)) continue;
    const svc = serviceOf(s.labels, serviceLabels);
    if (svc) appendTo(byService, svc, s);
  }
  const out = new Map<string, RedSignals>();
  const windowSec = grid.windowMs / 1000;
  for (const [service, list] of byService) {
    const counterName = REQUEST_COUNTERS.find((name) => list.some((s) => s.name === name));
    const requests = blank();
    const errors = blank();
    for (const s of list.filter((x) => x.name === counterName)) {
      const inc = counterIncreaseAt(s.points, grid.times, grid.windowMs);
      sumInto(requests, inc);
      sumInto(errors, isError(s.labels) ? inc : inc.map((v) => (Number.isFinite(v) ? 0 : NaN)));
    }
    const bucketName = LATENCY_BUCKETS.find((name) => list.some((s) => s.name === name));
    const perLe = new Map<number, number[]>();
    for (const s of list.filter((x) => x.name === bucketName)) {
      const le = s.labels.le === '+Inf' ? Infinity : Number(s.labels.le);
      if (Number.isNaN(le)) continue;
      if (!perLe.has(le)) perLe.set(le, blank());
      sumInto(perLe.get(le)!, counterIncreaseAt(s.points, grid.times, grid.windowMs));
    }
    const p99Ms = grid.times.map((_, i) => {
      const buckets = [...perLe].filter(([, v]) => Number.isFinite(v[i])).map(([le, v]) => ({ le, count: v[i] }));
      return histogramQuantile(0.99, buckets) * 1000;
    });
    out.set(service, {
      service,
      serviceLabel: resolveServiceLabel([list[0].labels], service, serviceLabels) ?? 'service',
      requestsPerSec: requests.map((v) => v / windowSec),
      errorsPerSec: errors.map((v) => v / windowSec),
      errorShare: requests.map((v, i) => (v > 0 ? errors[i] / v : NaN)),
      p99Ms,
    });
  }
  return out;
}
