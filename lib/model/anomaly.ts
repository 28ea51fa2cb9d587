/** The anomaly record's schema and types are the public contract's (lib/api/contract/anomaly.ts). */
import { SEVERITIES, type AnomalyKind, type Severity } from '../api/contract/anomaly';

export { ANOMALY_KINDS, SEVERITIES } from '../api/contract/anomaly';
export type { Anomaly, AnomalyKind, AnomalyLink, AnomalySubject, Severity } from '../api/contract/anomaly';

/** Short human names of the kinds, for badges, filters, counts and digests. */
export const KIND_NAMES: Record<AnomalyKind, string> = {
  counter_reset: 'Counter reset',
  gc_storm: 'GC storm',
  orphan_span: 'Orphan spans',
  multiple_roots: 'Split trace',
  missing_trace: 'Missing trace',
  clock_skew: 'Clock skew',
  log_without_trace_context: 'Logs without trace',
  leak: 'Leak',
  error_burst: 'Error burst',
  latency_spike: 'Latency spike',
  mesh_only_hop: 'Context lost at sidecar',
};

/** A kind added after this build still gets a readable name. */
export const kindName = (kind: string): string => KIND_NAMES[kind as AnomalyKind] ?? kind.replace(/_/g, ' ');

export const severityRank = (s: Severity): number => SEVERITIES.indexOf(s);
