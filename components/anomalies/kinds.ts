import { SEVERITIES, type AnomalyKind, type Severity } from '@/lib/model/anomaly';

/** Short human names of the anomaly kinds, for badges, filters and counts. */
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

/** A kind the server added after this build still gets a readable name. */
export const kindName = (kind: string): string => KIND_NAMES[kind as AnomalyKind] ?? kind.replace(/_/g, ' ');

/** Worst first: the order findings and filters list severities in. */
export const SEVERITIES_WORST_FIRST: readonly Severity[] = [...SEVERITIES].reverse();

export const isSeverity = (s: string | null | undefined): s is Severity => s != null && (SEVERITIES as readonly string[]).includes(s);

export const SEVERITY_CLASSES: Record<Severity, { badge: string; bar: string; cell: string }> = {
  critical: {
    badge: 'bg-red-600 text-white',
    bar: 'border-l-red-600',
    cell: 'bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-100',
  },
  warning: {
    badge: 'bg-amber-400 text-amber-950',
    bar: 'border-l-amber-400',
    cell: 'bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-100',
  },
  info: {
    badge: 'bg-sky-100 text-sky-900 dark:bg-sky-900 dark:text-sky-100',
    bar: 'border-l-sky-400',
    cell: 'bg-sky-50 text-sky-900 dark:bg-sky-950 dark:text-sky-100',
  },
};
