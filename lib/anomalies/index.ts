/**
 * Registry of the anomaly detectors. `runDetectors` runs the selected ones over one
 * fetched input; a detector that throws is reported in `errors` and the others still run.
 * Every finding leaves here JSON-safe (./json-safe.ts), whatever its detector put in it.
 */
import { severityRank, type Anomaly, type AnomalyKind } from '../model/anomaly';
import { clockSkewDetector, multipleRootsDetector, orphanSpanDetector } from './trace-detectors';
import { counterResetDetector } from './counter-reset';
import { errorBurstDetector, latencySpikeDetector } from './red-outliers';
import { gcStormDetector } from './gc-storm';
import { leakDetector } from './leak';
import { logWithoutTraceContextDetector } from './log-context';
import { jsonSafe } from './json-safe';
import { meshOnlyHopDetector } from './mesh-only-hop';
import { missingTraceDetector } from './missing-trace';
import { resolveOptions, type DeepPartial, type Detector, type DetectorInput, type DetectorOptions } from './types';

export const DETECTORS: readonly Detector[] = [
  counterResetDetector,
  gcStormDetector,
  orphanSpanDetector,
  multipleRootsDetector,
  missingTraceDetector,
  clockSkewDetector,
  logWithoutTraceContextDetector,
  leakDetector,
  errorBurstDetector,
  latencySpikeDetector,
  meshOnlyHopDetector,
];

/** Detectors that read only metric series (and metadata): they can run before logs and traces arrive. */
export const SERIES_DETECTOR_KINDS: readonly AnomalyKind[] = ['counter_reset', 'gc_storm', 'leak', 'error_burst', 'latency_spike'];
export const OTHER_DETECTOR_KINDS: readonly AnomalyKind[] = DETECTORS.map((d) => d.kind).filter((k) => !SERIES_DETECTOR_KINDS.includes(k));

export interface DetectorError {
  kind: AnomalyKind;
  message: string;
}

export interface RunFilter {
  kinds?: readonly AnomalyKind[];
  /** Keep only findings about these services (findings without a service are kept). */
  services?: readonly string[];
}

/** Severity first (critical → info), then start time, then id for a stable order. */
export function compareAnomalies(a: Anomaly, b: Anomaly): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    Date.parse(a.start) - Date.parse(b.start) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

export function runDetectors(
  input: DetectorInput,
  options: DetectorOptions | DeepPartial<DetectorOptions> = {},
  filter: RunFilter = {},
  detectors: readonly Detector[] = DETECTORS,
): { anomalies: Anomaly[]; errors: DetectorError[] } {
  const opts = resolveOptions(options as DeepPartial<DetectorOptions>);
  const errors: DetectorError[] = [];
  const byId = new Map<string, Anomaly>();
  for (const detector of detectors) {
    if (filter.kinds && !filter.kinds.includes(detector.kind)) continue;
    let found: Anomaly[];
    try {
      found = detector.detect(input, opts);
    } catch (err) {
      errors.push({ kind: detector.kind, message: err instanceof Error ? err.message : String(err) });
      continue;
    }
    for (const a of found) {
      if (filter.services && a.service !== undefined && !filter.services.includes(a.service)) continue;
      if (!byId.has(a.id)) byId.set(a.id, jsonSafe(a));
    }
  }
  return { anomalies: sortAnomalies([...byId.values()]), errors };
}

/** compareAnomalies' order, with each start parsed once (a scan can return thousands). */
function sortAnomalies(list: Anomaly[]): Anomaly[] {
  const keyed = list.map((a) => ({ a, rank: severityRank(a.severity), start: Date.parse(a.start) }));
  keyed.sort((x, y) => y.rank - x.rank || x.start - y.start || (x.a.id < y.a.id ? -1 : x.a.id > y.a.id ? 1 : 0));
  return keyed.map((k) => k.a);
}

/** Runs of disjoint detector sets as one run: findings once each, in the order runDetectors gives. */
export function mergeDetectorRuns(...runs: { anomalies: Anomaly[]; errors: DetectorError[] }[]): { anomalies: Anomaly[]; errors: DetectorError[] } {
  const byId = new Map<string, Anomaly>();
  for (const r of runs) for (const a of r.anomalies) if (!byId.has(a.id)) byId.set(a.id, a);
  return { anomalies: sortAnomalies([...byId.values()]), errors: runs.flatMap((r) => r.errors) };
}

export { countResets, isCounterSeries } from './counter-series';
export { anomalyId, conditionId, eventId } from './ids';
export { jsonSafe } from './json-safe';
export { GC_METRICS } from './gc-metrics';
export { DEFAULT_DETECTOR_OPTIONS, resolveOptions } from './types';
export type { Detector, DetectorInput, DetectorOptions } from './types';
