import type { Labels } from './types';

export const ANOMALY_KINDS = [
  'counter_reset',
  'gc_storm',
  'orphan_span',
  'multiple_roots',
  'missing_trace',
  'clock_skew',
  'log_without_trace_context',
  'leak',
  'error_burst',
  'latency_spike',
] as const;
export type AnomalyKind = (typeof ANOMALY_KINDS)[number];

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
};

/** A kind added after this build still gets a readable name. */
export const kindName = (kind: string): string => KIND_NAMES[kind as AnomalyKind] ?? kind.replace(/_/g, ' ');

export const SEVERITIES = ['info', 'warning', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const severityRank = (s: Severity): number => SEVERITIES.indexOf(s);

export interface AnomalyLink {
  label: string;
  /** App-relative href, e.g. `/trace/<id>?from=…` or `/explore?…`. */
  href: string;
}

export interface AnomalySubject {
  series?: { name: string; labels: Labels };
  traceId?: string;
  spanIds?: string[];
  logRefs?: { tsNs: string; service: string | null }[];
}

/** The anomaly record of the public API (docs/anomalies.md, "The record"). */
export interface Anomaly {
  id: string;
  kind: AnomalyKind;
  severity: Severity;
  title: string;
  explanation: string;
  service?: string;
  start: string; // RFC3339 ms
  end?: string;
  subject: AnomalySubject;
  evidence: Record<string, unknown>;
  links: AnomalyLink[];
}
