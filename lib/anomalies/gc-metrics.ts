/**
 * Catalogue of GC metrics by runtime (docs/anomalies.md §5). Each entry is one counter or
 * gauge family and what it measures: `count` (collections, a counter), `seconds` (time in
 * GC, a counter in seconds: its rate is the fraction of wall time), or `ratio` (a gauge
 * already holding that fraction).
 */
export type GcRuntime = 'go' | 'jvm' | 'node' | 'dotnet';

export interface GcMetric {
  name: string;
  runtime: GcRuntime;
  source: string;
  measure: 'count' | 'seconds' | 'ratio';
  /**
   * How sub-series (per collector/generation) combine: `sum`, or `max` when a lower
   * generation's count already includes the higher ones (prometheus-net DotNetStats).
   */
  combine: 'sum' | 'max';
}

const pair = (base: string, runtime: GcRuntime, source: string): GcMetric[] => [
  { name: `${base}_count`, runtime, source, measure: 'count', combine: 'sum' },
  { name: `${base}_sum`, runtime, source, measure: 'seconds', combine: 'sum' },
];

export const GC_METRICS: readonly GcMetric[] = [
  ...pair('go_gc_duration_seconds', 'go', 'client_golang'),
  ...pair('jvm_gc_collection_seconds', 'jvm', 'client_java hotspot'),
  ...pair('jvm_gc_pause_seconds', 'jvm', 'Micrometer'),
  ...pair('jvm_gc_duration_seconds', 'jvm', 'OpenTelemetry'),
  ...pair('process_runtime_jvm_gc_duration_seconds', 'jvm', 'OpenTelemetry (before Java agent 2.0)'),
  ...pair('nodejs_gc_duration_seconds', 'node', 'prom-client'),
  { name: 'dotnet_collection_count_total', runtime: 'dotnet', source: 'prometheus-net', measure: 'count', combine: 'max' },
  { name: 'dotnet_gc_collection_count_total', runtime: 'dotnet', source: 'prometheus-net.DotNetRuntime', measure: 'count', combine: 'sum' },
  { name: 'dotnet_gc_collections_total', runtime: 'dotnet', source: 'OpenTelemetry / .NET 9 System.Runtime', measure: 'count', combine: 'sum' },
  { name: 'process_runtime_dotnet_gc_collections_count_total', runtime: 'dotnet', source: 'OpenTelemetry contrib (before .NET 9)', measure: 'count', combine: 'sum' },
  { name: 'dotnet_gc_pause_time_seconds_total', runtime: 'dotnet', source: 'OpenTelemetry / .NET 9 System.Runtime', measure: 'seconds', combine: 'sum' },
  { name: 'dotnet_gc_pause_ratio', runtime: 'dotnet', source: 'prometheus-net.DotNetRuntime', measure: 'ratio', combine: 'max' },
];

const BY_NAME = new Map(GC_METRICS.map((m) => [m.name, m] as const));
export const gcMetric = (name: string): GcMetric | undefined => BY_NAME.get(name);

/** Labels that split one process's GC metrics into collectors/generations/kinds. */
export const GC_SUB_LABELS: readonly string[] = [
  'gc', 'action', 'cause', 'kind', 'generation', 'reason', 'type', 'le', 'quantile',
  'jvm_gc_name', 'jvm_gc_action', 'jvm_gc_cause', 'dotnet_gc_heap_generation', 'gc_heap_generation', 'v8js_gc_type',
];
