import { hasNativeHistogram, type MetricCatalog } from './metric-catalog';
import { eqMatcher, promDuration, promString, regexMatcher } from './promql';
import { DEFAULT_SERVICE_LABELS } from './service-label';
import { DEFAULT_RED_FAMILIES, type RedFamily } from '../anomalies/red';

export { buildMetricCatalog, type CatalogInput, type MetricCatalog } from './metric-catalog';

/**
 * RED and runtime panels for one service, chosen by which metrics exist. Per panel the
 * first family whose metrics are present wins, application-level conventions before the
 * mesh: OTel semconv, older OTel, Micrometer, Prometheus client libraries, Istio/Envoy.
 * Runtime panels cover Go, JVM (client_java, Micrometer, OTel), Node and .NET.
 */

export const METRIC_PANELS = ['requests', 'errors', 'error_rate', 'latency_p50', 'latency_p99', 'gc_rate', 'gc_time', 'heap', 'threads', 'restarts'] as const;
export type MetricPanel = (typeof METRIC_PANELS)[number];
export type MetricUnit = 'reqps' | 'ops' | 'ratio' | 'seconds' | 'bytes' | 'count';

export interface ServicePanelQuery {
  panel: MetricPanel;
  title: string;
  unit: MetricUnit;
  query: string;
  /** Which convention matched, e.g. "otel", "micrometer", "go". */
  family: string;
  /** The label naming the service in this query (Istio uses its own). */
  groupLabel: string;
}

export interface ServiceMetricsOptions {
  /** Label carrying the service name in Prometheus (see resolveServiceLabel). */
  serviceLabel?: string;
  /** Range for rate()/changes(), e.g. "5m". */
  rateWindow?: string;
  /** Where the error-rate panel reads failed requests (configuration's RED families, lib/config-detection.ts). */
  redFamilies?: readonly RedFamily[];
}

interface HttpFamily {
  family: string;
  /** Histogram (or summary) whose `_count` counts requests; null for counter-only families. */
  histogram: string | null;
  counter?: string;
  /** Latency unit of the histogram: divide by this to get seconds. */
  scale: number;
  statusLabels: string[];
  /** Overrides the service label (Istio names the callee with its own label). */
  serviceLabel?: string;
  extra?: string;
}

const HTTP_FAMILIES: HttpFamily[] = [
  { family: 'otel', histogram: 'http_server_request_duration_seconds', scale: 1, statusLabels: ['http_response_status_code'] },
  { family: 'otel-legacy', histogram: 'http_server_duration_milliseconds', scale: 1000, statusLabels: ['http_status_code'] },
  { family: 'micrometer', histogram: 'http_server_requests_seconds', scale: 1, statusLabels: ['status'] },
  { family: 'prometheus-client', histogram: 'http_request_duration_seconds', counter: 'http_requests_total', scale: 1, statusLabels: ['code', 'status', 'status_code'] },
  { family: 'prometheus-net', histogram: null, counter: 'http_requests_received_total', scale: 1, statusLabels: ['code'] },
  {
    family: 'istio',
    histogram: 'istio_request_duration_milliseconds',
    counter: 'istio_requests_total',
    scale: 1000,
    statusLabels: ['response_code'],
    serviceLabel: 'destination_service_name',
    extra: 'reporter="destination"',
  },
];

/**
 * Which series a query covers: `sel` is the selector body (matchers without braces), `by`
 * the labels kept by every aggregation besides the panel's own (the service label when one
 * query serves several services, so its result splits back per service).
 */
interface Scope {
  sel: string;
  by: readonly string[];
}

/** `agg(inner)` or `agg by (labels) (inner)`, keeping the scope's labels. */
const aggBy = (agg: string, own: readonly string[], scope: Scope, inner: string) => {
  const by = [...own, ...scope.by];
  return by.length === 0 ? `${agg}(${inner})` : `${agg} by (${by.join(', ')}) (${inner})`;
};

interface RuntimeTemplate {
  panel: MetricPanel;
  family: string;
  requires: string;
  title: string;
  unit: MetricUnit;
  build: (s: Scope, w: string) => string;
}

const rateBy = (metric: string, scale = '') => (s: Scope, w: string) => `${aggBy('sum', ['instance'], s, `rate(${metric}{${s.sel}}[${w}])`)}${scale}`;
const gaugeBy = (metric: string, extra = '') => (s: Scope) => aggBy('sum', ['instance'], s, `${metric}{${s.sel}${extra}}`);

const RUNTIME: RuntimeTemplate[] = [
  { panel: 'gc_rate', family: 'go', requires: 'go_gc_duration_seconds_count', title: 'GC cycles/s', unit: 'ops', build: rateBy('go_gc_duration_seconds_count') },
  { panel: 'gc_rate', family: 'jvm', requires: 'jvm_gc_collection_seconds_count', title: 'GC collections/s', unit: 'ops', build: rateBy('jvm_gc_collection_seconds_count') },
  { panel: 'gc_rate', family: 'micrometer', requires: 'jvm_gc_pause_seconds_count', title: 'GC pauses/s', unit: 'ops', build: rateBy('jvm_gc_pause_seconds_count') },
  { panel: 'gc_rate', family: 'otel-jvm', requires: 'jvm_gc_duration_seconds_count', title: 'GC collections/s', unit: 'ops', build: rateBy('jvm_gc_duration_seconds_count') },
  { panel: 'gc_rate', family: 'node', requires: 'nodejs_gc_duration_seconds_count', title: 'GC runs/s', unit: 'ops', build: rateBy('nodejs_gc_duration_seconds_count') },
  { panel: 'gc_rate', family: 'dotnet', requires: 'dotnet_gc_collections_total', title: 'GC collections/s', unit: 'ops', build: rateBy('dotnet_gc_collections_total') },
  { panel: 'gc_rate', family: 'otel-dotnet', requires: 'process_runtime_dotnet_gc_collections_count_total', title: 'GC collections/s', unit: 'ops', build: rateBy('process_runtime_dotnet_gc_collections_count_total') },
  { panel: 'gc_rate', family: 'dotnet-runtime', requires: 'dotnet_gc_collection_count_total', title: 'GC collections/s', unit: 'ops', build: rateBy('dotnet_gc_collection_count_total') },
  // prometheus-net's gen-0 count already includes gen-1/2 collections (§5.4): count it alone.
  { panel: 'gc_rate', family: 'prometheus-net', requires: 'dotnet_collection_count_total', title: 'GC collections/s', unit: 'ops', build: (s, w) => aggBy('sum', ['instance'], s, `rate(dotnet_collection_count_total{${s.sel},generation="0"}[${w}])`) },

  { panel: 'gc_time', family: 'go', requires: 'go_gc_duration_seconds_sum', title: 'Time in GC pauses', unit: 'ratio', build: rateBy('go_gc_duration_seconds_sum') },
  { panel: 'gc_time', family: 'jvm', requires: 'jvm_gc_collection_seconds_sum', title: 'Time in GC', unit: 'ratio', build: rateBy('jvm_gc_collection_seconds_sum') },
  { panel: 'gc_time', family: 'micrometer', requires: 'jvm_gc_pause_seconds_sum', title: 'Time in GC pauses', unit: 'ratio', build: rateBy('jvm_gc_pause_seconds_sum') },
  { panel: 'gc_time', family: 'otel-jvm', requires: 'jvm_gc_duration_seconds_sum', title: 'Time in GC', unit: 'ratio', build: rateBy('jvm_gc_duration_seconds_sum') },
  { panel: 'gc_time', family: 'node', requires: 'nodejs_gc_duration_seconds_sum', title: 'Time in GC', unit: 'ratio', build: rateBy('nodejs_gc_duration_seconds_sum') },
  { panel: 'gc_time', family: 'dotnet', requires: 'dotnet_gc_pause_time_seconds_total', title: 'Time in GC pauses', unit: 'ratio', build: rateBy('dotnet_gc_pause_time_seconds_total') },
  { panel: 'gc_time', family: 'otel-dotnet', requires: 'process_runtime_dotnet_gc_duration_nanoseconds_total', title: 'Time in GC pauses', unit: 'ratio', build: rateBy('process_runtime_dotnet_gc_duration_nanoseconds_total', ' / 1e9') },
  { panel: 'gc_time', family: 'dotnet-runtime', requires: 'dotnet_gc_pause_ratio', title: 'Time in GC pauses', unit: 'ratio', build: (s) => aggBy('max', ['instance'], s, `dotnet_gc_pause_ratio{${s.sel}}`) },

  { panel: 'heap', family: 'go', requires: 'go_memstats_heap_inuse_bytes', title: 'Heap in use', unit: 'bytes', build: gaugeBy('go_memstats_heap_inuse_bytes') },
  { panel: 'heap', family: 'jvm', requires: 'jvm_memory_bytes_used', title: 'Heap used', unit: 'bytes', build: gaugeBy('jvm_memory_bytes_used', ',area="heap"') },
  // client_java 1.x and Micrometer label the pool `area`; OTel uses `jvm_memory_type`.
  {
    panel: 'heap',
    family: 'jvm',
    requires: 'jvm_memory_used_bytes',
    title: 'Heap used',
    unit: 'bytes',
    build: (s) => `${gaugeBy('jvm_memory_used_bytes', ',area="heap"')(s)} or ${gaugeBy('jvm_memory_used_bytes', ',jvm_memory_type="heap"')(s)}`,
  },
  { panel: 'heap', family: 'node', requires: 'nodejs_heap_size_used_bytes', title: 'Heap used', unit: 'bytes', build: gaugeBy('nodejs_heap_size_used_bytes') },
  { panel: 'heap', family: 'prometheus-net', requires: 'dotnet_total_memory_bytes', title: 'Managed heap', unit: 'bytes', build: gaugeBy('dotnet_total_memory_bytes') },
  { panel: 'heap', family: 'otel-dotnet', requires: 'process_runtime_dotnet_gc_heap_size_bytes', title: 'Managed heap', unit: 'bytes', build: gaugeBy('process_runtime_dotnet_gc_heap_size_bytes') },

  { panel: 'threads', family: 'go', requires: 'go_goroutines', title: 'Goroutines', unit: 'count', build: gaugeBy('go_goroutines') },
  { panel: 'threads', family: 'jvm', requires: 'jvm_threads_current', title: 'Threads', unit: 'count', build: gaugeBy('jvm_threads_current') },
  { panel: 'threads', family: 'micrometer', requires: 'jvm_threads_live_threads', title: 'Threads', unit: 'count', build: gaugeBy('jvm_threads_live_threads') },
  { panel: 'threads', family: 'otel-jvm', requires: 'jvm_thread_count', title: 'Threads', unit: 'count', build: gaugeBy('jvm_thread_count') },
  { panel: 'threads', family: 'dotnet', requires: 'dotnet_thread_pool_thread_count', title: 'Thread-pool threads', unit: 'count', build: gaugeBy('dotnet_thread_pool_thread_count') },
  { panel: 'threads', family: 'process', requires: 'process_num_threads', title: 'Threads', unit: 'count', build: gaugeBy('process_num_threads') },

  { panel: 'restarts', family: 'process', requires: 'process_start_time_seconds', title: 'Restarts', unit: 'count', build: (s, w) => aggBy('sum', ['instance'], s, `changes(process_start_time_seconds{${s.sel}}[${w}])`) },
];

function errorMatcherQuery(metric: string, s: Scope, w: string, labels: string[], catalog: MetricCatalog): string {
  const known = catalog.labelNames.get(metric);
  const usable = known ? labels.filter((l) => known.has(l)) : labels;
  const chosen = usable.length > 0 ? usable : labels;
  // Without series labels to tell which status label is used, try each: `or` keeps the first non-empty.
  return chosen.map((l) => aggBy('sum', [], s, `rate(${metric}{${s.sel},${l}=~"5.."}[${w}])`)).join(' or ');
}

function latency(f: HttpFamily, q: number, s: Scope, w: string, catalog: MetricCatalog): string | null {
  if (!f.histogram) return null;
  const scale = f.scale === 1 ? '' : ` / ${f.scale}`;
  if (catalog.names.has(`${f.histogram}_bucket`)) return `histogram_quantile(${q}, ${aggBy('sum', ['le'], s, `rate(${f.histogram}_bucket{${s.sel}}[${w}])`)})${scale}`;
  if (hasNativeHistogram(catalog, f.histogram)) return `histogram_quantile(${q}, ${aggBy('sum', [], s, `rate(${f.histogram}{${s.sel}}[${w}])`)})${scale}`;
  return null;
}

/** How the services are selected: one service by equality, or several grouped by their label. */
type ServiceSelection = { label: string; services: readonly string[]; grouped: boolean };

function scopeFor(sel: ServiceSelection, label: string, extra?: string): Scope {
  const m = sel.grouped ? regexMatcher(label, sel.services) : eqMatcher(label, sel.services[0]);
  return { sel: [m, ...(extra ? [extra] : [])].join(','), by: sel.grouped ? [label] : [] };
}

function httpPanels(f: HttpFamily, who: ServiceSelection, w: string, c: MetricCatalog): ServicePanelQuery[] {
  const groupLabel = f.serviceLabel ?? who.label;
  const s = scopeFor(who, groupLabel, f.extra);
  const count = f.histogram && c.names.has(`${f.histogram}_count`) ? `${f.histogram}_count` : f.counter && c.names.has(f.counter) ? f.counter : null;
  const out: ServicePanelQuery[] = [];
  if (count) {
    out.push({ panel: 'requests', title: 'Requests/s', unit: 'reqps', family: f.family, groupLabel, query: aggBy('sum', [], s, `rate(${count}{${s.sel}}[${w}])`) });
    out.push({ panel: 'errors', title: 'Errors/s (5xx)', unit: 'reqps', family: f.family, groupLabel, query: errorMatcherQuery(count, s, w, f.statusLabels, c) });
  }
  for (const [panel, q, title] of [['latency_p50', 0.5, 'Latency p50'], ['latency_p99', 0.99, 'Latency p99']] as const) {
    const query = latency(f, q, s, w, c);
    if (query) out.push({ panel, title, unit: 'seconds', family: f.family, groupLabel, query });
  }
  return out;
}

/**
 * The E of RED as a share: failed requests / all requests, from the first RED family whose
 * request counter the service has (the anomaly scan's families, so a configured family gets
 * the panel too). `or … * 0` keeps the line at 0 % while nothing fails, instead of no data.
 */
function errorRatePanel(families: readonly RedFamily[], who: ServiceSelection, w: string, c: MetricCatalog): ServicePanelQuery | null {
  const f = families.find((fam) => c.names.has(fam.requests) && (c.labelNames.get(fam.requests)?.has(fam.errorLabel) ?? true));
  if (!f) return null;
  const s = scopeFor(who, who.label);
  if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(f.errorLabel)) return null;
  const all = aggBy('sum', [], s, `rate(${f.requests}{${s.sel}}[${w}])`);
  const failed = aggBy('sum', [], s, `rate(${f.requests}{${s.sel},${f.errorLabel}=~${promString(f.errorValues)}}[${w}])`);
  return { panel: 'error_rate', title: 'Error rate', unit: 'ratio', family: f.requests, groupLabel: who.label, query: `(${failed} or ${all} * 0) / ${all}` };
}

function panelQueries(who: ServiceSelection, catalog: MetricCatalog, rateWindow: string | undefined, families: readonly RedFamily[] = DEFAULT_RED_FAMILIES): ServicePanelQuery[] {
  const w = promDuration(rateWindow ?? '5m');
  const chosen = new Map<MetricPanel, ServicePanelQuery>();
  const errorRate = errorRatePanel(families, who, w, catalog);
  if (errorRate) chosen.set('error_rate', errorRate);
  for (const f of HTTP_FAMILIES) {
    for (const p of httpPanels(f, who, w, catalog)) if (!chosen.has(p.panel)) chosen.set(p.panel, p);
  }
  const s = scopeFor(who, who.label);
  for (const t of RUNTIME) {
    if (chosen.has(t.panel) || !catalog.names.has(t.requires)) continue;
    chosen.set(t.panel, { panel: t.panel, title: t.title, unit: t.unit, family: t.family, groupLabel: who.label, query: t.build(s, w) });
  }
  return METRIC_PANELS.filter((p) => chosen.has(p)).map((p) => chosen.get(p)!);
}

/**
 * Every metric name a panel template looks for (besides `_bucket` series, which classic
 * histograms have exactly when they have `_count`), and the labels that decide a query's
 * shape: enough to plan the panels of every service from one grouped instant query.
 */
export const TEMPLATE_METRIC_NAMES: readonly string[] = [
  ...new Set([
    ...HTTP_FAMILIES.flatMap((f) => [...(f.histogram ? [f.histogram, `${f.histogram}_count`] : []), ...(f.counter ? [f.counter] : [])]),
    ...RUNTIME.map((t) => t.requires),
    ...DEFAULT_RED_FAMILIES.map((f) => f.requests),
  ]),
];
export const TEMPLATE_HISTOGRAMS: readonly string[] = HTTP_FAMILIES.flatMap((f) => (f.histogram ? [f.histogram] : []));
export const TEMPLATE_LABELS: readonly string[] = [
  ...new Set([...HTTP_FAMILIES.flatMap((f) => [...f.statusLabels, ...(f.serviceLabel ? [f.serviceLabel] : [])]), ...DEFAULT_RED_FAMILIES.map((f) => f.errorLabel)]),
];

/** Panels for `service`, in METRIC_PANELS order; a panel with no known metric is absent. */
export function serviceMetricQueries(service: string, catalog: MetricCatalog, opts: ServiceMetricsOptions = {}): ServicePanelQuery[] {
  return panelQueries({ label: opts.serviceLabel ?? DEFAULT_SERVICE_LABELS[0], services: [service], grouped: false }, catalog, opts.rateWindow, opts.redFamilies);
}

/**
 * The same panels for several services sharing one catalog, one query per panel: the
 * services are matched by regex and every aggregation keeps `groupLabel`, whose value in
 * each result series names the service it belongs to.
 */
export function groupedServiceMetricQueries(services: readonly string[], catalog: MetricCatalog, opts: ServiceMetricsOptions = {}): ServicePanelQuery[] {
  if (services.length === 0) return [];
  return panelQueries({ label: opts.serviceLabel ?? DEFAULT_SERVICE_LABELS[0], services, grouped: true }, catalog, opts.rateWindow, opts.redFamilies);
}
