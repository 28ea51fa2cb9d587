import type { Labels } from '../model/types';

/**
 * Which label names a service. Configurable per source; the defaults are tried in order:
 * OTel/Loki (`service_name`), common hand-written labels, then Prometheus' `job` and
 * Kubernetes-style `app`/`container`.
 */
export const DEFAULT_SERVICE_LABELS = ['service_name', 'service', 'job', 'app', 'container'] as const;

/** The first non-empty value among `order`, or null. */
export function serviceOf(labels: Labels, order: readonly string[] = DEFAULT_SERVICE_LABELS): string | null {
  for (const name of order) {
    const v = labels[name];
    if (typeof v === 'string' && v.trim() !== '') return v;
  }
  return null;
}

/**
 * The label that carries `service` in a set of series (from /api/v1/series), trying
 * `order`; null when no series names the service under any of them.
 */
export function resolveServiceLabel(series: readonly Labels[], service: string, order: readonly string[] = DEFAULT_SERVICE_LABELS): string | null {
  for (const name of order) if (series.some((l) => l[name] === service)) return name;
  return null;
}
