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

/** The anomaly record of the public API (ARCHITECTURE.md, "Anomaly record"). */
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
