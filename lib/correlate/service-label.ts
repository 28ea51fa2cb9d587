import { fieldForLabel } from '../model/label-name';
import type { Labels } from '../model/types';

/**
 * The app's one rule for which label names a service, on Prometheus series, Loki streams and
 * exemplars alike (docs/anomalies.md "Service names"). The first label present with a
 * non-blank value wins, in this order:
 * - `service_name`: OTel's `service.name`, the name Jaeger shows on spans, so it joins
 *   metrics and logs to traces; Loki 3 also fills it from the labels below.
 * - `service`: a label set on purpose to name the service (relabeling, Prometheus Operator).
 * - `app`, then `container`: the workload (Kubernetes' app label, the container name).
 * - `job` last: Prometheus puts it on every series, so anything after it would never be
 *   read, and it names the scrape config, which is often not a service ("kubernetes-pods",
 *   "kubelet", "ns/podmonitor"; promtail's "namespace/app"). Loki's own service-name
 *   discovery (`discover_service_name`) puts app and container before job for the same reason.
 * Callers may pass their own order (configuration); the value rule stays the same.
 */
export const DEFAULT_SERVICE_LABELS: readonly string[] = ['service_name', 'service', 'app', 'container', 'job'];

/** The labels to try on a source that names its own service label: that one first, then the built-in order. */
export function serviceLabelOrder(serviceLabel: string | null): readonly string[] {
  return serviceLabel ? [serviceLabel, ...DEFAULT_SERVICE_LABELS.filter((l) => l !== serviceLabel)] : DEFAULT_SERVICE_LABELS;
}

/**
 * A label value as a service name: surrounding whitespace removed; null when nothing is left.
 * Label values are hostile text (a stray space or newline from a config), and " checkout"
 * must be the same service as the span's "checkout".
 */
export function serviceName(value: string | undefined): string | null {
  if (typeof value !== 'string') return null;
  const v = value.trim();
  return v === '' ? null : v;
}

/** The service a label set belongs to: the first label of `order` with a non-blank value, trimmed. */
export function serviceOf(labels: Labels, order: readonly string[] = DEFAULT_SERVICE_LABELS): string | null {
  for (const name of order) {
    const v = serviceName(labels[name]);
    if (v !== null) return v;
  }
  return null;
}

/**
 * The label that carries `service` in a set of series (from /api/v1/series), trying
 * `order`; null when no series names the service under any of them. Values compare as
 * `serviceOf` reads them (trimmed).
 */
export function resolveServiceLabel(series: readonly Labels[], service: string, order: readonly string[] = DEFAULT_SERVICE_LABELS): string | null {
  const wanted = serviceName(service);
  if (wanted === null) return null;
  for (const name of order) if (series.some((l) => serviceName(l[name]) === wanted)) return name;
  return null;
}

/**
 * The field of a source whose fields become labels (an Elasticsearch's label fields) that
 * names services, in the same order as a Loki stream label (serviceLabelOrder): the one that
 * becomes the source's own service label, else the first in the built-in order
 * (`service.name` → `service_name` first). Null when no field names services.
 */
export function serviceFieldOf(fields: readonly string[], serviceLabel: string | null = null): string | null {
  return fieldForLabel(fields, serviceLabelOrder(serviceLabel));
}
