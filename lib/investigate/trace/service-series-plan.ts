import type { ApiMetric } from '../../api/types';
import type { Labels, Series } from '../../model/types';
import { buildMetricCatalog, groupedServiceMetricQueries, METRIC_PANELS, serviceMetricQueries, type MetricCatalog, type ServicePanelQuery } from '../../correlate/service-metrics';
import { resolveServiceLabel } from '../../correlate/service-label';
import { promString, regexMatcher } from '../../correlate/promql';
import type { MetricMetadata } from '../../sources/types';
import { GC_METRICS } from '../../anomalies/gc-metrics';
import { toApiPoints } from '../../query/convert';
import type { RedFamily } from '../../anomalies/red';

/**
 * Which Prometheus queries an investigation runs, batched: per panel, the services whose own
 * query has the same template (same metric family and service label) share one query that
 * keeps the service label, and the result is split back per service; one raw query per
 * service label. Each service's catalog is its own, so a JVM service never gets Go panels.
 */

export const RAW_NAMES = [
  ...GC_METRICS.map((m) => m.name),
  'process_start_time_seconds',
  'http_requests_total',
  'http_request_duration_seconds_count',
  'http_request_duration_seconds_bucket',
  'http_server_request_duration_seconds_count',
  'http_server_request_duration_seconds_bucket',
  'go_goroutines',
  'go_threads',
  'jvm_threads_current',
  'process_open_fds',
  'go_memstats_heap_inuse_bytes',
];

/** What one service resolved to: its label, catalog, own panel queries and raw metric names. */
export interface ServicePlan {
  service: string;
  label: string;
  catalog: MetricCatalog;
  /** The queries for this service alone: what "open in explore" shows. */
  own: ServicePanelQuery[];
  rawNames: ReadonlySet<string>;
}

/** One query for a panel, shared by the services whose own query for it has the same template. */
export interface PanelBatch {
  query: ServicePanelQuery;
  services: ServicePlan[];
}

/** Raw-resolution selector for the detectors, all services under one label at once. */
export interface RawBatch {
  label: string;
  query: string;
  services: ServicePlan[];
}

export interface MetricPlan {
  panels: PanelBatch[];
  raw: RawBatch[];
  /** Services no series names. */
  missing: string[];
}

/** A name no service has, so the query templates of two catalogs can be compared. */
const TEMPLATE_SERVICE = '\u0000';

function groupBy<T>(items: readonly T[], key: (t: T) => string | null): T[][] {
  const out = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    if (k === null) continue;
    const list = out.get(k);
    if (list) list.push(it);
    else out.set(k, [it]);
  }
  return [...out.values()];
}

/**
 * Raw series (every bucket of every instance, at 15 s) are the biggest answers of an
 * investigation: split by a few services so that they are read in parallel.
 */
export const RAW_SERVICES_PER_QUERY = 3;

const chunks = <T>(items: readonly T[], size: number): T[][] => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

export function planServiceMetrics(services: readonly string[], seriesSets: readonly Labels[], metadata: Record<string, MetricMetadata[]>, redFamilies?: readonly RedFamily[]): MetricPlan {
  const plans: (ServicePlan & { template: Map<string, string> })[] = [];
  const missing: string[] = [];
  for (const service of services) {
    const label = resolveServiceLabel(seriesSets, service);
    if (!label) {
      missing.push(service);
      continue;
    }
    const own = seriesSets.filter((l) => l[label] === service);
    const catalog = own.length > 0 ? buildMetricCatalog({ series: own }) : buildMetricCatalog({ metadata });
    const template = new Map(serviceMetricQueries(TEMPLATE_SERVICE, catalog, { serviceLabel: label, redFamilies }).map((q) => [q.panel, `${q.groupLabel}\n${q.query}`]));
    const rawNames = RAW_NAMES.filter((n) => catalog.names.has(n));
    plans.push({ service, label, catalog, own: serviceMetricQueries(service, catalog, { serviceLabel: label, redFamilies }), rawNames: new Set(rawNames.length > 0 ? rawNames : ['process_start_time_seconds']), template });
  }
  // Per panel, services whose own query differs only by the service name share one query.
  const panels = METRIC_PANELS.flatMap((panel) =>
    groupBy(plans, (p) => p.template.get(panel) ?? null).map((group) => {
      const [first] = group;
      const query = groupedServiceMetricQueries(group.map((p) => p.service), first.catalog, { serviceLabel: first.label, redFamilies }).find((q) => q.panel === panel)!;
      return { query, services: group };
    }),
  );
  const raw = groupBy(plans, (p) => p.label)
    .flatMap((group) => chunks(group, RAW_SERVICES_PER_QUERY))
    .map((group) => {
      const names = [...new Set(group.flatMap((p) => [...p.rawNames]))];
      return { label: group[0].label, services: group, query: `{${regexMatcher(group[0].label, group.map((p) => p.service))}, __name__=~${promString(names.join('|'))}}` };
    });
  return { panels, raw, missing };
}


function withoutLabel(labels: Labels, name: string): Labels {
  const out: Labels = {};
  for (const k in labels) if (k !== name) out[k] = labels[k];
  return out;
}

/**
 * One batched panel result as per-service ApiMetrics; the grouping label is dropped so each
 * series looks as it would from that service's own query, which `query` shows.
 */
export function splitPanelSeries(series: readonly Series[], batch: PanelBatch): Map<string, ApiMetric[]> {
  const { query: q } = batch;
  const plans = new Map(batch.services.map((p) => [p.service, p]));
  const out = new Map<string, ApiMetric[]>();
  for (const s of series) {
    const service = s.labels[q.groupLabel];
    const plan = service === undefined ? undefined : plans.get(service);
    if (!plan) continue;
    const own = plan.own.find((o) => o.panel === q.panel)?.query ?? q.query;
    const metric: ApiMetric = { name: s.name, labels: withoutLabel(s.labels, q.groupLabel), points: toApiPoints(s.points), panel: q.panel, service, title: q.title, unit: q.unit, query: own };
    const list = out.get(service);
    if (list) list.push(metric);
    else out.set(service, [metric]);
  }
  return out;
}

/** Raw series by service, each service keeping only its own catalog's names (labels kept: the detectors read them). */
export function splitRawSeries(series: readonly Series[], batch: RawBatch): Map<string, Series[]> {
  const plans = new Map(batch.services.map((p) => [p.service, p]));
  const out = new Map<string, Series[]>(batch.services.map((p) => [p.service, []]));
  for (const s of series) {
    const plan = plans.get(s.labels[batch.label]);
    if (plan && plan.rawNames.has(s.labels.__name__ ?? s.name)) out.get(plan.service)!.push(s);
  }
  return out;
}
